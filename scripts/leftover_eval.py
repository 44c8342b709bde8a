"""Chat-leftover detection measured on labelled sets of real model output, and the flag rate on human text.

A labelled set is a folder with a ``labels.tsv`` (tab-separated, with a header): ``file``,
``leftover`` (yes/no), ``kinds`` (comma list or ``none``) and optionally ``language`` (default
``en``); other columns are ignored. ``text/llmfake`` of the shared corpus has no labels.tsv: its
labels are read from the corpus manifest's notes.

Scores are per document: a document is flagged when a chat-leftover rule (or a placeholder or
disclaimer rule) reports a warning or an error on it. Per family, recall counts the documents
labelled with that kind that are flagged (by any rule, and by the family's own rules), and
precision counts the documents a family's rules flag that really hold a leftover.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from contentcheck.api import check_input
from contentcheck.inputs.discover import Input

# Rule id (without a language suffix such as -fr) -> the family it detects.
RULE_FAMILY = {
    "chat-refusal": "refusal", "chat-ai-self-reference": "ai-self-reference",
    "chat-knowledge-cutoff": "knowledge-cutoff", "chat-preamble": "preamble", "chat-output-label": "preamble", "chat-preamble-format": "preamble", "chat-postscript": "postscript", "chat-sign-off": "postscript", "chat-word-count": "postscript",
    "chat-reply-to-prompt": "prompt-echo", "chat-prompt-echo": "prompt-echo", "chat-brief-heading": "prompt-echo",
    "chat-heading-level-label": "prompt-echo", "chat-brief-field": "prompt-echo", "chat-paragraph-label": "prompt-echo",
    "chat-message-cut-off": "prompt-echo", "chat-knowledge-lacking": "refusal",
    "placeholder-text": "placeholder", "editor-placeholder": "placeholder", "placeholder-instruction": "placeholder",
    "placeholder-image": "placeholder",
    "chat-fiction-note": "ai-disclaimer", "chat-invented-source": "ai-disclaimer", "fiction-disclaimer": "ai-disclaimer",
    "fiction-disclaimer-formula": "ai-disclaimer", "ai-generated-disclaimer": "ai-disclaimer", "ai-author-credit": "ai-disclaimer",
    "chat-assistant-leftover": "chat-phrase", "chat-apology": "refusal", "chat-role-tag": "prompt-echo", "chat-message-object": "prompt-echo",
    "chat-reasoning-block": "prompt-echo", "chat-system-prompt": "prompt-echo", "chat-citation-marker": "prompt-echo",
    "chat-preamble-here": "preamble", "chat-sharper-answer": "postscript", "chat-reply-start": "prompt-echo",
    "chat-answer-key": "prompt-echo", "chat-answer-start": "prompt-echo", "chat-offer-question": "postscript", "chat-ai-reason": "ai-self-reference", "chat-reasoning-user": "prompt-echo",
    "chat-template-continuation": "prompt-echo", "chat-interface-text": "prompt-echo", "chat-interface-footer": "prompt-echo", "chat-given-material": "prompt-echo", "chat-narrow-offer": "postscript",
    "chat-designed-for": "ai-self-reference", "chat-language-echo": "prompt-echo", "chat-reaction-next": "preamble", "chat-reply-opening": "preamble",
    "chat-reaction-start": "preamble", "chat-reaction-praise": "preamble", "chat-reaction-agree": "preamble", "chat-work-narration": "preamble", "chat-work-plan": "preamble",
}
# Label kinds -> families (an apology with inability is a refusal; LLMFake's names).
KIND_FAMILY = {"apology-inability": "refusal", "disclaimer": "ai-disclaimer"}
FAMILIES = ("refusal", "ai-self-reference", "knowledge-cutoff", "preamble", "postscript", "prompt-echo",
            "placeholder", "ai-disclaimer")
_LANG_SUFFIX = re.compile(r"-[a-z]{2}$")
_LLMFAKE_KINDS = ("refusal", "preamble", "disclaimer", "placeholder")


def family_of(rule_id: str) -> str | None:
    """The family of a rule: by its id, without a language suffix, else by the longest known id
    it extends ("chat-preamble-line" is a preamble rule), so a new variant is never left out."""
    if rule_id in RULE_FAMILY:
        return RULE_FAMILY[rule_id]
    base = _LANG_SUFFIX.sub("", rule_id)
    if base in RULE_FAMILY:
        return RULE_FAMILY[base]
    known = [k for k in RULE_FAMILY if base.startswith(k + "-")]
    return RULE_FAMILY[max(known, key=len)] if known else None


@dataclass
class Labelled:
    path: str
    name: str
    leftover: bool
    kinds: set[str]
    language: str = "en"


@dataclass
class Outcome:
    doc: Labelled
    families: set[str] = field(default_factory=set)  # families whose rules flagged the document
    findings: list = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.families)


def read_labels(folder: str) -> list[Labelled]:
    out = []
    with open(os.path.join(folder, "labels.tsv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            kinds = {KIND_FAMILY.get(k.strip(), k.strip()) for k in (row.get("kinds") or "").split(",")}
            kinds -= {"", "none"}
            out.append(Labelled(os.path.join(folder, row["file"]), row["file"],
                                row["leftover"].strip().lower() == "yes", kinds,
                                (row.get("language") or "en").strip() or "en"))
    # A file the labels name but the folder lacks would count as a miss: say so and stop instead
    missing = [doc.name for doc in out if not os.path.isfile(doc.path)]
    if missing:
        raise SystemExit(f"evaluate: {os.path.join(folder, 'labels.tsv')}: {len(missing)} listed file(s) not found "
                         f"(first: {missing[0]}); a file's path is relative to the folder")
    return out


def manifest_rows(corpus: str) -> list[dict]:
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def llmfake_labels(corpus: str) -> list[Labelled]:
    """LLMFake's labels from the manifest: synthetic texts carry their leftover kinds in the notes."""
    out = []
    for row in manifest_rows(corpus):
        path = row["path"]
        if not path.startswith("text/llmfake/"):
            continue
        notes = row.get("notes", "")
        kinds = set()
        if path.endswith("_synthetic.txt"):
            for part in notes.split(";"):
                head = part.strip().split(":", 1)[0]
                if head in _LLMFAKE_KINDS:
                    kinds.add(KIND_FAMILY.get(head, head))
                    kinds |= {KIND_FAMILY.get(k, k) for k in _LLMFAKE_KINDS if f"also matches: {k}" in part}
        out.append(Labelled(os.path.join(corpus, path), os.path.basename(path), bool(kinds), kinds))
    return out


def run_set(docs: list[Labelled], pack) -> list[Outcome]:
    outcomes = []
    for doc in docs:
        result = check_input(Input(doc.path, doc.name, None), pack)
        outcome = Outcome(doc)
        for f in result.findings:
            family = family_of(f.rule)
            if family and f.severity != "info":
                outcome.families.add(family)
                outcome.findings.append(f)
        outcomes.append(outcome)
    return outcomes


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score(outcomes: list[Outcome]) -> dict:
    tp = sum(o.doc.leftover and o.flagged for o in outcomes)
    fp = sum(not o.doc.leftover and o.flagged for o in outcomes)
    fn = sum(o.doc.leftover and not o.flagged for o in outcomes)
    return {"docs": len(outcomes), "tp": tp, "fp": fp, "fn": fn,
            "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}


def report_set(title: str, outcomes: list[Outcome], show_misses: bool) -> tuple[list[str], dict]:
    lines = [f"\n## {title}: {len(outcomes)} documents, {sum(o.doc.leftover for o in outcomes)} with leftovers\n"]
    overall = score(outcomes)
    lines.append(f"All families: precision {overall['precision']:.3f}, recall {overall['recall']:.3f} "
                 f"(TP {overall['tp']}, FP {overall['fp']}, FN {overall['fn']})\n")
    lines.append("| family | labelled | found (any rule) | found (its rules) | flagged by its rules | "
                 "precision | recall |")
    lines.append("|---|---|---|---|---|---|---|")
    for family in FAMILIES:
        labelled = [o for o in outcomes if family in o.doc.kinds]
        by_family = [o for o in outcomes if family in o.families]
        if not labelled and not by_family:
            continue
        found_any = sum(o.flagged for o in labelled)
        found_own = sum(family in o.families for o in labelled)
        right = sum(o.doc.leftover for o in by_family)
        lines.append(f"| {family} | {len(labelled)} | {found_any} | {found_own} | {len(by_family)} | "
                     f"{_ratio(right, len(by_family)):.3f} | {_ratio(found_any, len(labelled)):.3f} |")
    languages = sorted({o.doc.language for o in outcomes})
    if len(languages) > 1 or languages != ["en"]:
        lines.append("\n| language | documents | precision | recall |")
        lines.append("|---|---|---|---|")
        for lang in languages:
            s = score([o for o in outcomes if o.doc.language == lang])
            lines.append(f"| {lang} | {s['docs']} | {s['precision']:.3f} | {s['recall']:.3f} |")
    lines += _by_rule(outcomes)
    if show_misses:
        for o in outcomes:
            if o.doc.leftover and not o.flagged:
                lines.append(f"  MISS  {o.doc.name}  ({', '.join(sorted(o.doc.kinds))})")
            elif o.flagged and not o.doc.leftover:
                f = o.findings[0]
                lines.append(f"  FALSE {o.doc.name}:{f.line}  {f.rule}  {f.text[:80]!r}")
    return lines, overall


def _by_rule(outcomes: list[Outcome]) -> list[str]:
    """Each rule that flagged a document at warning or above: how many, how many of them are labelled
    leftovers (its precision by document), and its share of the documents labelled with its family."""
    flagged: dict[str, set[int]] = defaultdict(set)
    for i, o in enumerate(outcomes):
        for f in o.findings:
            flagged[f.rule].add(i)
    if not flagged:
        return []
    lines = ["\n| rule | family | flagged | labelled leftovers among them | precision | "
             "share of its family's labelled documents |", "|---|---|---|---|---|---|"]
    for rule in sorted(flagged):
        family = family_of(rule)
        docs = flagged[rule]
        right = sum(outcomes[i].doc.leftover for i in docs)
        labelled = [i for i, o in enumerate(outcomes) if family in o.doc.kinds]
        found = sum(i in docs for i in labelled)
        lines.append(f"| {rule} | {family} | {len(docs)} | {right} | {_ratio(right, len(docs)):.3f} | "
                     f"{found}/{len(labelled)} |")
    return lines


def human_documents(corpus: str) -> list[str]:
    """Documents of the corpus written by people: not llm-dev, not LLMFake's machine-written texts."""
    out = []
    for row in manifest_rows(corpus):
        path = row["path"]
        if path.startswith("text/llm-dev/") or (path.startswith("text/llmfake/") and "_synthetic" in path):
            continue
        out.append(path)
    return out


def human_flag_rate(corpus: str, pack, categories=("template-leftover", "fiction-disclaimer")):
    flagged: dict[str, list[str]] = defaultdict(list)
    paths = human_documents(corpus)
    for path in paths:
        full = os.path.join(corpus, path)
        if not os.path.exists(full):
            continue
        result = check_input(Input(full, path, None), pack)
        hits = [f for f in result.findings if f.category in categories and f.severity != "info"]
        if hits:
            flagged[path] = [f"{f.rule}:{f.line} {f.text[:70]!r}" for f in hits]
    return len(paths), flagged


def _label_folders(top: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(top):
        dirs.sort()
        if "labels.tsv" in files:
            found.append(root)
    return found


def labelled_sets(corpus: str | None, extra: list[str]) -> list[tuple[str, list[Labelled]]]:
    sets = []
    folders: list[str] = []
    # A labelled folder, or a folder of them (one per language): every labels.tsv below it.
    for top in list(extra) + ([corpus] if corpus else []):
        found = _label_folders(top)
        if not found and top != corpus:
            print(f"evaluate.py: {top}: no labels.tsv in it or below it", file=sys.stderr)
            raise SystemExit(2)
        folders += [f for f in found if f not in folders]
    for folder in folders:
        sets.append((os.path.relpath(folder, corpus) if corpus else folder, read_labels(folder)))
    if corpus and os.path.isdir(os.path.join(corpus, "text", "llmfake")):
        sets.append(("text/llmfake (labels from MANIFEST.tsv)", llmfake_labels(corpus)))
    return sets
