"""--sites roll-ups: a row per site in every report, counts per site with --statistics."""

from __future__ import annotations

import json

import pytest

from ..conftest import run_cli, run_json
from .crawl import make_crawl


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    return out, make_crawl(out, sites=3, pages=12, seed=5)


def test_json_sites_section(crawl, validate_report):
    out, labels = crawl
    _, report = run_json("check", str(out / "crawl.warc.gz"), "--sites", cwd=out)
    validate_report(report)
    rows = report["sites"]
    assert [r["site"] for r in rows] == sorted(labels["sites"])
    for row in rows:
        assert list(row) == ["site", "documents", "score", "documents_with", "named_author_share", "top_rules"]
        docs = [d for d in report["documents"] if d["site"] == row["site"]]
        assert row["documents"] == len(docs) == 12
        scores = [d["score"] for d in docs]
        assert row["score"] == {"mean": round(sum(scores) / len(scores), 1), "min": min(scores)}
        with_leftover = sum(any(f["category"] == "template-leftover" for f in d["findings"]) for d in docs)
        assert row["documents_with"].get("template-leftover", 0) == with_leftover
        named = sum(d["metadata"]["author"] is not None for d in docs)
        assert row["named_author_share"] == round(named / len(docs), 3)
        counts = {}
        for d in docs:
            for f in d["findings"]:
                counts[f["rule"]] = counts.get(f["rule"], 0) + 1
        assert row["top_rules"][0] == {"rule": max(counts, key=lambda r: (counts[r], [-ord(c) for c in r])),
                                       "findings": max(counts.values())}


def test_jsonl_markdown_html_and_text(crawl):
    out, labels = crawl
    warc = str(out / "crawl.warc.gz")
    last = json.loads(run_cli("check", warc, "--sites", "-f", "jsonl", cwd=out).stdout.splitlines()[-1])
    assert [r["site"] for r in last["sites"]] == sorted(labels["sites"])
    md = run_cli("check", warc, "--sites", "-f", "markdown", cwd=out).stdout
    assert "### Sites (3)" in md and all(f"| {s} | 12 |" in md for s in labels["sites"])
    page = run_cli("check", warc, "--sites", "-f", "html", cwd=out).stdout
    assert page.count('<tr data-site="') == 3 and '<ul class="site-docs"><li><a href="#doc-' in page
    text = run_cli("check", warc, "--sites", cwd=out).stdout
    table = text[text.index("Sites:"):]
    assert text.index("Sites:") > text.rindex("score ") - 1000  # after the documents
    assert all(s in table for s in labels["sites"]) and "top rules" in table
    plain = run_cli("check", warc, cwd=out).stdout
    assert "Sites:" not in plain


def test_statistics_with_sites_counts_per_site(crawl):
    out, labels = crawl
    proc = run_cli("check", str(out / "crawl.warc.gz"), "--sites", "--statistics", cwd=out)
    lines = proc.stdout.splitlines()
    assert "Sites:" in lines
    header = lines[lines.index("Sites:") + 1].split()
    assert header[:6] == ["site", "docs", "findings", "error", "warning", "info"]
    for site in labels["sites"]:
        row = next(line for line in lines if line.strip().startswith(site + " "))
        assert row.split()[1] == "12"
    assert "score" not in proc.stdout.split("Sites:")[0]  # statistics: no findings listed
