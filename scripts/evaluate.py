#!/usr/bin/env python3
"""Measure detection quality: precision, recall and F1 per category.

    python scripts/evaluate.py                  # the labelled set in tests/eval/
    python scripts/evaluate.py --corpus ../shared/corpus   # plus real pages
    python scripts/evaluate.py --check          # exit 1 when a target is missed

Line categories (fiction-disclaimer, template-leftover, unattributed-claim) are
scored by the lines where findings start against the labelled lines. The
missing-author category is scored per document on the ``missing-author`` rule
(an info note about a desk byline is not a missing author).

With --corpus, the real pages of the shared corpus are checked too: author
presence against the manifest's ``author=present`` / ``author=absent`` rows of
the HTML pages and the author's name against ``known_author``; the share of
pages flagged per category (a noisy change shows up there); the share of the
human-written documents (html/, text/polnear, text/aeb, markdown/) with an
unattributed-claim finding, at warning and at any severity; and the PolNeAR
attributed statements (an annotated source, cue and content) on which an
unattributed-claim finding falls.

    python scripts/evaluate.py --labels judging/after   # precision from judges' labels

With --labels, a folder holding ``items.jsonl`` (written by
scripts/sample_findings.py) and ``labels.jsonl`` (one {"id", "label": "right" |
"wrong"} a line, from judges who did not see the rules): precision per rule with
its 95 % Wilson interval.

With --corpus or --labelled, chat leftovers are scored on every labelled set of
real model output (a folder with a labels.tsv, such as text/llm-dev, and
text/llmfake): precision and recall per family and per language, and the share
of human-written documents flagged for template-leftover or fiction-disclaimer
(see leftover_eval.py).

    python scripts/evaluate.py --corpus ../shared/corpus --leftovers-only
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections import defaultdict

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "src"))
sys.path.insert(0, HERE)  # leftover_eval, when this file is loaded as a module

from contentcheck.api import check_input  # noqa: E402
from contentcheck.inputs.discover import Input  # noqa: E402
from contentcheck.rulepack import RulePack  # noqa: E402

LINE_CATEGORIES = ("fiction-disclaimer", "template-leftover", "unattributed-claim")
CATEGORIES = LINE_CATEGORIES + ("missing-author",)
TARGET_F1 = 0.90
TARGET_PRECISION = 0.90
TARGET_AUTHOR_ACCURACY = 0.98
TARGET_AUTHOR_NAMES = 0.93
TARGET_CLAIM_WARNINGS = 0.08  # human documents with an unattributed-claim warning, at most
TARGET_POLNEAR = 0.01  # PolNeAR attributed statements flagged, at most
TARGET_LEFTOVER_RECALL = 0.95
TARGET_LEFTOVER_PRECISION = 0.95
TARGET_HUMAN_FLAG_RATE = 0.02


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate_set(eval_dir: str, pack: RulePack):
    with open(os.path.join(eval_dir, "labels.yaml"), encoding="utf-8") as fh:
        labels = yaml.safe_load(fh)["documents"]
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    misses: list[str] = []
    for entry in labels:
        path = os.path.join(eval_dir, entry["path"])
        result = check_input(Input(path, entry["path"], None), pack)
        if result.error:
            misses.append(f"ERROR {entry['path']}: {result.error}")
            continue
        for cat in LINE_CATEGORIES:
            gold = set(entry.get(cat) or [])
            found = defaultdict(list)
            for f in result.findings:
                if f.category == cat:
                    found[f.line].append(f)
            pred = set(found)
            tp, fp, fn = len(gold & pred), len(pred - gold), len(gold - pred)
            c = counts[cat]
            c[0] += tp
            c[1] += fp
            c[2] += fn
            for line in sorted(gold - pred):
                misses.append(f"MISS  {cat:20} {entry['path']}:{line}")
            for line in sorted(pred - gold):
                f = found[line][0]
                misses.append(f"FALSE {cat:20} {entry['path']}:{line}  {f.rule}  {f.text[:70]!r}")
        gold_missing = bool(entry.get("missing-author"))
        pred_missing = any(f.rule == "missing-author" for f in result.findings)
        c = counts["missing-author"]
        if gold_missing and pred_missing:
            c[0] += 1
        elif pred_missing:
            c[1] += 1
            misses.append(f"FALSE missing-author         {entry['path']}")
        elif gold_missing:
            c[2] += 1
            misses.append(f"MISS  missing-author         {entry['path']}")
    return counts, misses, len(labels)


def evaluate_corpus(corpus: str, pack: RulePack):
    rows = []
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"), strict=False)))
    right = total = 0
    names = [0, 0]  # known names matched, known names
    wrong: list[str] = []
    flagged = defaultdict(int)
    pages = 0
    for row in rows:
        path = os.path.join(corpus, row["path"])
        if not os.path.exists(path):
            continue
        result = check_input(Input(path, row["path"], None), pack)
        if result.error:
            continue
        notes = row.get("notes", "")
        synthetic = "llmfake" in row["path"] and "_synthetic" in row["path"]
        if not synthetic:
            pages += 1
            for cat in {f.category for f in result.findings if f.severity != "info"}:
                flagged[cat] += 1
        state = notes.split(";", 1)[0].strip()
        if state in ("author=present", "author=absent") and row["format"] == "html":
            total += 1
            pred_missing = any(f.rule == "missing-author" for f in result.findings)
            if pred_missing == (state == "author=absent"):
                right += 1
            else:
                wrong.append(f"{row['path']}: manifest {state}, contentcheck "
                             f"{'missing' if pred_missing else 'found ' + repr(result.author)}")
            known = unescape(row.get("known_author", ""))
            if state == "author=present" and known:
                names[1] += 1
                if same_author(known, result.author or ""):
                    names[0] += 1
                elif not pred_missing:
                    wrong.append(f"{row['path']}: name {known!r}, contentcheck {result.author!r}")
    return right, total, wrong, flagged, pages, names


def unescape(field: str) -> str:
    """MANIFEST.tsv escapes backslash, tab, newline and carriage return."""
    return re.sub(r"\\(.)", lambda m: {"t": " ", "n": " ", "r": " "}.get(m.group(1), m.group(1)), field)


def _name_words(name: str) -> list[str]:
    name = re.sub(r"^\s*by\s+", "", name.lower())
    return re.sub(r"[^\w ]+|_|\d", " ", name).split()


def same_author(known: str, found: str) -> bool:
    """Does the author found name the known author? Case, "By", punctuation and extra
    material (an e-mail, "WebMD Health News") aside: one name's words hold the other's,
    or both read the same without spaces (a handle: "timoreilly")."""
    a, b = _name_words(known), _name_words(found)
    if not a or not b:
        return False
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return "".join(a) == "".join(b)


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion right/n."""
    if n == 0:
        return 0.0, 1.0
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def precision_from_labels(folder: str) -> dict[str, tuple[int, int]]:
    """rule -> (judged right, judged) from items.jsonl and labels.jsonl in ``folder``."""
    with open(os.path.join(folder, "items.jsonl"), encoding="utf-8") as fh:
        rule_of = {item["id"]: item["rule"] for item in map(json.loads, filter(str.strip, fh))}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with open(os.path.join(folder, "labels.jsonl"), encoding="utf-8") as fh:
        for label in map(json.loads, filter(str.strip, fh)):
            rule = rule_of.get(label["id"])
            if rule is None or label.get("label") not in ("right", "wrong"):
                continue
            counts[rule][1] += 1
            counts[rule][0] += label["label"] == "right"
    return {rule: (c[0], c[1]) for rule, c in sorted(counts.items())}


HUMAN = ("html/", "text/polnear/", "text/aeb/", "markdown/")
CLAIMS = "unattributed-claim"


def claims_on_human_documents(corpus: str, pack: RulePack) -> tuple[int, int, int, dict[str, list]]:
    """(documents, with a claim warning, with any claim finding, PolNeAR findings per text)."""
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as fh:
        fh.readline()
        paths = [line.split("\t", 1)[0] for line in fh if line.startswith(HUMAN)]
    docs = warned = any_found = 0
    polnear: dict[str, list] = {}
    for rel in paths:
        path = os.path.join(corpus, rel)
        if not os.path.exists(path):
            continue
        result = check_input(Input(path, rel, None), pack)
        if result.error:
            continue
        docs += 1
        claims = [f for f in result.findings if f.category == CLAIMS]
        warned += any(f.severity != "info" for f in claims)
        any_found += bool(claims)
        if rel.startswith("text/polnear/"):
            polnear[os.path.basename(rel)] = claims
    return docs, warned, any_found, polnear


def polnear_flagged(corpus: str, findings: dict[str, list]) -> tuple[int, int]:
    """(attributed statements with a finding on their content, attributed statements).

    A statement is one annotated attribution with a source; the same content
    annotated by several annotators counts once.
    """
    statements: set[tuple[str, int, int]] = set()
    folder = os.path.join(corpus, "ground_truth", "polnear")
    for name in sorted(os.listdir(folder)):
        text_name = re.sub(r"_[0-9a-f]{4}\.ann$", ".txt", name)
        if not name.endswith(".ann") or text_name not in findings:
            continue
        spans, events = {}, []
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if parts[0].startswith("T") and len(parts) > 1:
                    kind, *offsets = parts[1].split(" ")
                    try:
                        spans[parts[0]] = (kind, int(offsets[0]), int(offsets[-1].split(";")[-1]))
                    except (ValueError, IndexError):
                        continue
                elif parts[0].startswith("E") and len(parts) > 1:
                    events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
        for event in events:
            if "Source" in event and event.get("Content") in spans:
                _, start, end = spans[event["Content"]]
                statements.add((text_name, start, end))
    flagged = 0
    for text_name, start, end in statements:
        if any(f.offset < end and f.offset + len(f.text) > start for f in findings[text_name]):
            flagged += 1
    return flagged, len(statements)


def leftovers(args, pack) -> bool:
    import leftover_eval

    ok = True
    print("# Chat leftovers on real model output")
    for title, docs in leftover_eval.labelled_sets(args.corpus, args.labelled):
        lines, overall = leftover_eval.report_set(title, leftover_eval.run_set(docs, pack), not args.quiet)
        print("\n".join(lines))
        if overall["recall"] < TARGET_LEFTOVER_RECALL or overall["precision"] < TARGET_LEFTOVER_PRECISION:
            ok = False
    if args.corpus:
        total, flagged = leftover_eval.human_flag_rate(args.corpus, pack)
        rate = len(flagged) / max(total, 1)
        print(f"\n## Human documents flagged for template-leftover or fiction-disclaimer: "
              f"{len(flagged)}/{total} = {rate:.1%} (target <= {TARGET_HUMAN_FLAG_RATE:.0%})")
        if not args.quiet:
            for path, hits in sorted(flagged.items()):
                print(f"  {path}: {'; '.join(hits[:2])}")
        ok = ok and rate <= TARGET_HUMAN_FLAG_RATE
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", default=os.path.join(ROOT, "tests", "eval"))
    ap.add_argument("--corpus", default=None, help="the shared corpus folder (with MANIFEST.tsv)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--quiet", action="store_true", help="do not list misses")
    ap.add_argument("--labelled", action="append", default=[], metavar="DIR",
                    help="a folder with labels.tsv of model output to score chat leftovers on (repeatable)")
    ap.add_argument("--leftovers-only", action="store_true",
                    help="only the chat-leftover scores and the human flag rate")
    ap.add_argument("--labels", default=None, help="a folder with items.jsonl and labels.jsonl from judges")
    args = ap.parse_args(argv)
    pack = RulePack.load()
    if args.labels:
        print("| rule | judged right | precision | 95 % Wilson interval |\n|---|---|---|---|")
        for rule, (right, n) in precision_from_labels(args.labels).items():
            low, high = wilson(right, n)
            print(f"| {rule} | {right} of {n} | {right / max(n, 1):.2f} | {low:.2f} - {high:.2f} |")
        print()
    ok = True
    if args.corpus or args.labelled:
        ok = leftovers(args, pack) and ok
        if args.leftovers_only:
            return 0 if ok or not args.check else 1
    counts, misses, n_docs = evaluate_set(args.eval_dir, pack)
    print(f"Labelled set: {n_docs} documents ({os.path.relpath(args.eval_dir, os.getcwd())})\n")
    print("| category | TP | FP | FN | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|")
    for cat in CATEGORIES:
        tp, fp, fn = counts[cat]
        p, r, f = prf(tp, fp, fn)
        print(f"| {cat} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
        if f < TARGET_F1 or p < TARGET_PRECISION:
            ok = False
    if misses and not args.quiet:
        print("\nMisses and false alarms:")
        for m in misses:
            print("  " + m)
    if args.corpus:
        right, total, wrong, flagged, pages, names = evaluate_corpus(args.corpus, pack)
        acc = right / total if total else 1.0
        name_acc = names[0] / names[1] if names[1] else 1.0
        print(f"\nReal pages: author presence right on {right}/{total} = {acc:.1%} "
              "(HTML pages with manifest author=present / author=absent)")
        print(f"Author name matched on {names[0]}/{names[1]} = {name_acc:.1%} (the known names)")
        if acc < TARGET_AUTHOR_ACCURACY or name_acc < TARGET_AUTHOR_NAMES:
            ok = False
        if wrong and not args.quiet:
            for w in wrong:
                print("  " + w)
        print(f"\nFlag rate on {pages} real pages (warning or error findings):")
        for cat in CATEGORIES:
            print(f"  {cat:20} {flagged.get(cat, 0):4d} pages  {flagged.get(cat, 0) / max(pages, 1):6.1%}")
        docs, warned, any_found, polnear = claims_on_human_documents(args.corpus, pack)
        print(f"\nHuman-written documents ({docs}): {warned} ({warned / max(docs, 1):.1%}) with an "
              f"unattributed-claim warning, {any_found} ({any_found / max(docs, 1):.1%}) with any "
              "unattributed-claim finding")
        hit, statements = polnear_flagged(args.corpus, polnear)
        print(f"PolNeAR attributed statements with an unattributed-claim finding: {hit}/{statements} = "
              f"{hit / max(statements, 1):.1%}")
        if warned / max(docs, 1) > TARGET_CLAIM_WARNINGS or hit / max(statements, 1) > TARGET_POLNEAR:
            ok = False
    if args.check and not ok:
        print(f"\nTarget missed: F1 >= {TARGET_F1} and precision >= {TARGET_PRECISION} per category, "
              f"author presence >= {TARGET_AUTHOR_ACCURACY:.0%}, names >= {TARGET_AUTHOR_NAMES:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
