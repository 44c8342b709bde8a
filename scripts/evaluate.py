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
presence against the manifest's ``author=present`` / ``author=absent`` rows,
and the share of pages flagged per category (a noisy change shows up there).

With --corpus or --labelled, chat leftovers are scored on every labelled set of
real model output (a folder with a labels.tsv, such as text/llm-dev, and
text/llmfake): precision and recall per family and per language, and the share
of human-written documents flagged for template-leftover or fiction-disclaimer
(see leftover_eval.py).

    python scripts/evaluate.py --corpus ../shared/corpus --leftovers-only
"""

from __future__ import annotations

import argparse
import os
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
TARGET_AUTHOR_ACCURACY = 0.95
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
        if state in ("author=present", "author=absent"):
            total += 1
            pred_missing = any(f.rule == "missing-author" for f in result.findings)
            if pred_missing == (state == "author=absent"):
                right += 1
            else:
                wrong.append(f"{row['path']}: manifest {state}, contentcheck "
                             f"{'missing' if pred_missing else 'found ' + repr(result.author)}")
    return right, total, wrong, flagged, pages


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
    args = ap.parse_args(argv)
    pack = RulePack.load()
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
        right, total, wrong, flagged, pages = evaluate_corpus(args.corpus, pack)
        acc = right / total if total else 1.0
        print(f"\nReal pages: author presence right on {right}/{total} = {acc:.1%} "
              "(manifest rows author=present / author=absent)")
        if acc < TARGET_AUTHOR_ACCURACY:
            ok = False
        if wrong and not args.quiet:
            for w in wrong:
                print("  " + w)
        print(f"\nFlag rate on {pages} real pages (warning or error findings):")
        for cat in CATEGORIES:
            print(f"  {cat:20} {flagged.get(cat, 0):4d} pages  {flagged.get(cat, 0) / max(pages, 1):6.1%}")
    if args.check and not ok:
        print(f"\nTarget missed: F1 >= {TARGET_F1} and precision >= {TARGET_PRECISION} per category, "
              f"author accuracy >= {TARGET_AUTHOR_ACCURACY:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
