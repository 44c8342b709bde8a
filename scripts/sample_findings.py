#!/usr/bin/env python3
"""Draw a seeded random sample of findings of one category on real documents, for judges.

    python scripts/sample_findings.py --corpus ../shared/corpus --out judging/after
    python scripts/sample_findings.py --corpus ../shared/corpus --out judging/after --seed 7
    python scripts/sample_findings.py --category template-leftover --out judging/leftovers \
        --folders text/llm-dev/ text/llmfake/ text/polnear/ text/aeb/ html/ markdown/

Every document of the given corpus folders (by default the human-written ones:
text/polnear, text/aeb, html) is checked with the default pack; from the findings
of each unattributed-claim rule, ``--warning`` are drawn at random for a rule that
reports at warning or above and ``--info`` for a rule at info (all of them when it
has fewer). Written to the output folder:

- ``items.jsonl``: one finding a line: id, rule, severity, file, line, the flagged
  text, its sentence, the message, and the context (the paragraph and the two
  paragraphs before it);
- ``sheet.md``: the same for a human judge, in random order, with the question to
  answer and none of the rules' logic.

Judges answer in a ``labels.jsonl`` ({"id": ..., "label": "right" | "wrong"});
``scripts/evaluate.py --labels`` turns their labels into precision per rule.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "src"))

from contentcheck.api import check_input  # noqa: E402
from contentcheck.inputs.discover import Input  # noqa: E402
from contentcheck.loaders import load_document  # noqa: E402
from contentcheck.rulepack import RulePack  # noqa: E402
from contentcheck.text.sentences import sentence_spans  # noqa: E402

HUMAN_FOLDERS = ("text/polnear/", "text/aeb/", "html/")
CLAIM_QUESTION = ("Would an editor want a source added here? Answer **right** when the flagged claim (a quotation, "
            "a figure, or a claim credited to unnamed people) really needs a named source that the text does "
            "not give; **wrong** when the text already says who said it or where it comes from (here or in the "
            "paragraphs before), or when it is not a claim that needs a source (a title, a term, a price, the "
            "author's own view, an example, page furniture...).")
LEFTOVER_QUESTION = ("Each document is published as it stands, as a page or post of a website. "
                     "Is the flagged text a leftover that should not have been published so? Answer "
                     "**right** when it is a chat assistant talking to the person who prompted it (a refusal, "
                     "an apology, the assistant calling itself an AI, its training cut-off, a preamble such as "
                     "\"Sure! Here is...\", an offer of more help, a reply about the request or prompt, prompt "
                     "instructions echoed, chat-format tokens), a placeholder never filled in, or a page-template "
                     "or widget string (\"You May Also Like\", \"Views: 218\") inside the article text; "
                     "**wrong** when it is ordinary content: a person quoted, dialogue, an article about "
                     "chatbots, a template the page offers its readers to fill in, or part of the page "
                     "around the article rather than the article.")
QUESTIONS = {"unattributed-claim": ("Claims to judge", CLAIM_QUESTION),
             "template-leftover": ("Leftovers to judge", LEFTOVER_QUESTION)}


def human_documents(corpus: str, folders: tuple[str, ...]) -> list[str]:
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as fh:
        fh.readline()
        paths = [line.split("\t", 1)[0] for line in fh]
    return sorted(p for p in paths if p.startswith(folders) and os.path.exists(os.path.join(corpus, p)))


def _block_of(doc, offset: int) -> int | None:
    """Index of the block holding source offset ``offset``."""
    for i, block in enumerate(doc.blocks):
        if not block.text:
            continue
        if block.source_offset(0) <= offset < block.source_offset(len(block.text), end=True):
            return i
    return None


def context_of(doc, finding) -> tuple[str, list[str], str]:
    """(sentence, the two paragraphs before, paragraph) of a finding."""
    bi = _block_of(doc, finding.offset)
    if bi is None:
        return finding.text, [], finding.text
    block = doc.blocks[bi]
    before = [b.text.strip() for b in doc.blocks[:bi] if b.zone == block.zone and b.text.strip()][-2:]
    local = block.text.find(finding.text.split("\n")[0][:60])
    sentence = block.text.strip()
    if local >= 0:
        for s, e in sentence_spans(block.text):
            if s <= local < e:
                sentence = block.text[s:e].strip()
                break
    return sentence, before, block.text.strip()


def collect(corpus: str, folders: tuple[str, ...], pack: RulePack,
            category: str = "unattributed-claim") -> dict[str, list[dict]]:
    by_rule: dict[str, list[dict]] = {}
    for rel in human_documents(corpus, folders):
        path = os.path.join(corpus, rel)
        result = check_input(Input(path, rel, None), pack)
        findings = [f for f in result.findings if f.category == category]
        if result.error or not findings:
            continue
        doc = load_document(path)
        for f in findings:
            sentence, before, paragraph = context_of(doc, f)
            by_rule.setdefault(f.rule, []).append({
                "rule": f.rule, "severity": f.severity, "file": rel, "line": f.line, "column": f.column,
                "text": f.text, "sentence": sentence, "message": f.message,
                "context": {"before": before, "paragraph": paragraph},
            })
    return by_rule


def draw(by_rule: dict[str, list[dict]], seed: int, n_warning: int, n_info: int) -> list[dict]:
    rng = random.Random(seed)
    items: list[dict] = []
    for rule in sorted(by_rule):
        found = by_rule[rule]
        n = n_info if all(f["severity"] == "info" for f in found) else n_warning
        items.extend(rng.sample(found, min(n, len(found))))
    rng.shuffle(items)  # judges see the rules mixed
    for i, item in enumerate(items, 1):
        item["id"] = f"c{seed}-{i:03d}"
    return items


def write_sheet(items: list[dict], path: str, seed: int, category: str = "unattributed-claim") -> None:
    title, question = QUESTIONS[category]
    lines = [f"# {title}", "", question, "",
             "Write one line per item in `labels.jsonl`: "
             '`{"id": "<id>", "label": "right"}` or `{"id": "<id>", "label": "wrong"}`.', "",
             f"{len(items)} items, drawn at random (seed {seed}).", ""]
    for item in items:
        # Where a leftover was found (a folder of model answers) would tell the judge the answer.
        where = f"*{item['file']}*, " if category == "unattributed-claim" else ""
        lines += [f"## {item['id']}", "", f"{where}line {item['line']}", ""]
        lines += [f"What was flagged: **{' '.join(item['text'].split())}**  ", f"Why: {item['message']}", ""]
        for para in item["context"]["before"]:  # the paragraphs right before, in order
            lines += ["> " + " ".join(para.split())[:1500], ">"]
        lines += ["> " + " ".join(item["context"]["paragraph"].split())[:3000], ""]
        lines += [f"Sentence: {' '.join(item['sentence'].split())}", "", "Label: right / wrong", "", "---", ""]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--out", required=True, help="folder for items.jsonl and sheet.md")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--warning", type=int, default=50, help="findings drawn per rule at warning or above")
    ap.add_argument("--info", type=int, default=40, help="findings drawn per rule at info")
    ap.add_argument("--folders", nargs="*", default=list(HUMAN_FOLDERS))
    ap.add_argument("--category", choices=sorted(QUESTIONS), default="unattributed-claim")
    ap.add_argument("--enable", action="append", default=[], metavar="ID",
                    help="also sample this rule of the pack that is off by default (repeatable)")
    args = ap.parse_args(argv)
    if not os.path.exists(os.path.join(args.corpus, "MANIFEST.tsv")):
        print(f"error: no MANIFEST.tsv in {args.corpus}", file=sys.stderr)
        return 2
    pack = RulePack.load(overrides={rid: {"enabled": True} for rid in args.enable})
    by_rule = collect(args.corpus, tuple(args.folders), pack, args.category)
    items = draw(by_rule, args.seed, args.warning, args.info)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "items.jsonl"), "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    write_sheet(items, os.path.join(args.out, "sheet.md"), args.seed, args.category)
    for rule in sorted(by_rule):
        drawn = sum(1 for i in items if i["rule"] == rule)
        print(f"{rule:24} {len(by_rule[rule]):4d} findings, {drawn} drawn")
    print(f"wrote {len(items)} items to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
