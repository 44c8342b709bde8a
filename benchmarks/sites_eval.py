"""Measure ``check --sites`` and ``learn`` on a crawl made by crawlgen.py.

    python benchmarks/sites_eval.py OUT [--learned] [--target warc|docs|md|txt] [-- extra check flags]

reads OUT/labels.json, runs ``contentcheck check --sites`` on OUT/crawl.warc.gz (or OUT/docs when
there is no WARC; ``--target`` chooses) and prints the recall and precision of the injected
template lines, whether every page got its site and whether the sites table has one row per
site. For a ``crawlgen.py --hard`` crawl it also prints the recall by position in the article
(start, middle, end), by the exact place, by wrapper, by page layout, and the lowest site's. With ``--learned``,
it also runs ``contentcheck learn`` and a plain check (no ``--sites``) with the learned rules
only, and prints the share of injected lines those rules find.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

_MARKUP = re.compile(r"\]\([^)]*\)|[\[\]*_]")


def _norm(text: str) -> str:
    """Lower-cased, spaces collapsed, Markdown's link and emphasis marks left out (a finding's text
    is the source's)."""
    return " ".join(_MARKUP.sub("", text).split()).lower()


def _report(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "contentcheck", *args, "--format", "json", "--no-progress"],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout)


def _page_key(path: str, labels: dict) -> str:
    return path.split("#", 1)[1] if "#" in path else path


def score(report: dict, labels: dict, rule_filter, by: dict | None = None) -> tuple[int, int, int, int]:
    """(injected, found, findings, right findings); ``by``, when given, gets [found, injected] per
    position, place, wrapper, layout and site of the injected lines."""
    by_key = {}
    for page in labels["pages"]:
        by_key[page["url"]] = page
        for kind in ("file", "md", "txt"):
            if page.get(kind):
                by_key[page[kind]] = page
    layouts = labels.get("layouts", {})
    injected = found = findings = right = 0
    for doc in report["documents"]:
        key = _page_key(doc["path"], labels)
        page = by_key.get(key) or next((p for k, p in by_key.items() if key.endswith(k)), None)
        wanted = {_norm(t) for t in page["injected"]} if page else set()
        # A finding finds an injected line when its text is that line or a part of it.
        got = [_norm(f["text"]) for f in doc["findings"] if rule_filter(f)]
        findings += len(got)
        right += sum(1 for g in got if any(g and g in w for w in wanted))
        injected += len(wanted)
        found += sum(1 for w in wanted if any(g and g in w for g in got))
        if by is None or page is None:
            continue
        for place in page.get("placed") or [{"text": t} for t in page["injected"]]:
            hit = any(g and g in _norm(place["text"]) for g in got)
            keys = [("site", page["site"])] + [(k, place[k]) for k in ("position", "where", "wrapper") if k in place]
            if page["site"] in layouts:
                keys.append(("layout", layouts[page["site"]]))
            for k in keys:
                tally = by.setdefault(k[0], {}).setdefault(k[1], [0, 0])
                tally[0] += hit
                tally[1] += 1
    return injected, found, findings, right


def _breakdown(by: dict) -> None:
    for kind, tallies in by.items():
        if kind == "site":
            site, (hit, n) = min(tallies.items(), key=lambda kv: kv[1][0] / kv[1][1])
            print(f"  lowest site: {site} {hit / n:.4f} ({hit}/{n})")
            continue
        cells = ", ".join(f"{k} {hit / n:.3f} ({hit}/{n})" for k, (hit, n) in sorted(tallies.items()))
        print(f"  by {kind}: {cells}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--learned", action="store_true", help="also measure the rules `learn` writes")
    parser.add_argument("--target", choices=("warc", "docs", "md", "txt"),
                        help="what to check (default: the WARC, else OUT/docs)")
    parser.add_argument("extra", nargs="*", help="more flags for contentcheck check")
    args = parser.parse_args(argv)
    with open(os.path.join(args.out, "labels.json"), encoding="utf-8") as fh:
        labels = json.load(fh)
    warc = os.path.join(args.out, "crawl.warc.gz")
    if args.target:
        target = warc if args.target == "warc" else os.path.join(args.out, args.target)
    else:
        target = warc if os.path.exists(warc) else os.path.join(args.out, "docs")
    report = _report(["check", target, "--sites", *args.extra])
    by: dict = {}
    injected, found, findings, right = score(report, labels, lambda f: f["rule"] == "site-boilerplate", by)
    print(f"site-boilerplate: recall {found / max(injected, 1):.4f} ({found}/{injected}), "
          f"precision {right / max(findings, 1):.4f} ({right}/{findings})")
    _breakdown(by)
    want_sites = {p["url"]: p["site"] for p in labels["pages"]}
    sited = sum(1 for d in report["documents"] if d["site"] == want_sites.get(_page_key(d["path"], labels),
                                                                                 d["site"]) and d["site"])
    print(f"pages given their site: {sited}/{len(report['documents'])}")
    rows = [row["site"] for row in report.get("sites", [])]
    print(f"sites rows: {len(rows)} for {len(labels['sites'])} sites, "
          f"one per site: {sorted(rows) == sorted(labels['sites'])}")
    if args.learned:
        with tempfile.TemporaryDirectory() as tmp:
            rules = os.path.join(tmp, "learned.yaml")
            subprocess.run([sys.executable, "-m", "contentcheck", "learn", target, "-o", rules], check=True,
                           capture_output=True)
            plain = _report(["check", target, "--no-default-rules", "--rules", rules])
        injected, found, findings, right = score(plain, labels, lambda f: True)
        print(f"learned rules on a plain check: recall {found / max(injected, 1):.4f} ({found}/{injected}), "
              f"precision {right / max(findings, 1):.4f} ({right}/{findings})")


if __name__ == "__main__":
    main()
