"""check --sites: each site's own repeated lines are found, and nothing else is."""

from __future__ import annotations

import re

import pytest

from ..conftest import run_cli, run_json
from .crawl import boilerplate, injected_by_url, make_crawl, norm


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    return out, make_crawl(out)


def _sites_report(crawl, *extra, target="crawl.warc.gz"):
    out, _ = crawl
    _, report = run_json("check", str(out / target), "--sites", "--no-progress", *extra, cwd=out)
    return report


def test_every_injected_line_is_found_and_nothing_else(crawl):
    _, labels = crawl
    report = _sites_report(crawl)
    wanted = injected_by_url(labels)
    found = boilerplate(report)
    assert set(found) == set(wanted)
    missed = {(url, line) for url, lines in wanted.items() for line in lines
              if line not in {norm(f["text"]) for f in found[url]}}
    wrong = [(url, f["text"]) for url, fs in found.items() for f in fs if norm(f["text"]) not in wanted[url]]
    assert not missed and not wrong
    assert sum(len(v) for v in wanted.values()) > 100


def test_the_finding_says_on_how_many_of_the_sites_pages(crawl):
    _, labels = crawl
    report = _sites_report(crawl)
    doc = next(d for d in report["documents"] if any(f["rule"] == "site-boilerplate" for f in d["findings"]))
    f = next(f for f in doc["findings"] if f["rule"] == "site-boilerplate")
    n, total, site = re.search(r"on (\d+) of (\d+) pages of (\S+)\)", f["message"]).groups()
    assert site == doc["site"] and int(total) == 20
    carrying = sum(1 for p in labels["pages"] if p["site"] == site
                   and norm(f["text"]) in {norm(t) for t in p["injected"]})
    assert int(n) == carrying
    assert f["severity"] == "warning" and f["category"] == "template-leftover"


def test_chrome_syndicated_paragraphs_credits_and_corrections_are_not_reported(crawl):
    out, labels = crawl
    report = _sites_report(crawl)
    texts = {norm(f["text"]) for fs in boilerplate(report).values() for f in fs}
    page = (out / labels["pages"][0]["file"]).read_text()
    assert "Most read" in page and "Reporting by" in page and "Subscribe to" in page
    assert not any(t.startswith(("reporting by", "by ", "correction:", "subscribe to", "most read", "©"))
                   for t in texts)
    # Syndicated paragraphs stand on pages of several sites, once per site.
    lengths = sorted(len(t) for t in texts)
    assert lengths[-1] < 80


def test_nothing_without_sites(crawl):
    out, _ = crawl
    _, report = run_json("check", str(out / "crawl.warc.gz"), "--no-progress", cwd=out)
    assert not any(boilerplate(report).values())
    assert "sites" not in report


def test_folders_jobs_and_cache_give_the_same_findings(crawl, tmp_path):
    out, _ = crawl

    def lines(report):
        return sorted((d["path"], f["line"], f["text"], f["message"], f["fingerprint"])
                      for d in report["documents"] for f in d["findings"])

    one = _sites_report(crawl, "--jobs", "1", target="docs")
    two = _sites_report(crawl, "--jobs", "2", target="docs")
    assert one == two
    assert any(f["rule"] == "site-boilerplate" for d in one["documents"] for f in d["findings"])
    cache = str(tmp_path / "cache")
    cold = _sites_report(crawl, "--cache", cache, target="docs")
    warm = _sites_report(crawl, "--cache", cache, target="docs")
    assert lines(cold) == lines(warm) == lines(one)
    # A plain run may use those entries; a --sites run after a plain one rebuilds the block keys.
    plain_cache = str(tmp_path / "plain")
    run_json("check", str(out / "docs"), "--no-progress", "--cache", plain_cache, cwd=out)
    after = _sites_report(crawl, "--cache", plain_cache, target="docs")
    assert lines(after) == lines(one)


def test_dask_report_is_the_local_one(crawl):
    pytest.importorskip("distributed")
    out, _ = crawl
    local = run_cli("check", str(out / "crawl.warc.gz"), "--sites", "-f", "json", "--no-progress", cwd=out)
    dask = run_cli("check", str(out / "crawl.warc.gz"), "--sites", "-f", "json", "--no-progress",
                   "--engine", "dask", cwd=out, timeout=300)
    assert dask.returncode == local.returncode, dask.stderr[-2000:]
    assert dask.stdout == local.stdout
    assert '"rule": "site-boilerplate"' in dask.stdout


def test_suppressions_baselines_and_waivers_apply(tmp_path):
    crawl = tmp_path / "crawl"
    site = crawl / "pinecrest"
    site.mkdir(parents=True)
    for i in range(6):
        hide = "<!-- contentcheck-disable-next-line site-boilerplate -->\n" if i == 0 else ""
        (site / f"p{i}.html").write_text(
            f"<html><body><article><h1>{'Alpha Beta Gamma Delta Epsilon Zeta'.split()[i]}</h1><p>The council met on day {i} to talk about "
            f"{'roads bridges schools parks rents wages'.split()[i]}.</p>\n{hide}"
            "<p>Scroll on for more from our newsroom</p></article></body></html>\n")
    _, report = run_json("check", str(crawl), "--sites", cwd=tmp_path)
    hits = {d["path"].rsplit("/", 1)[1]: [f for f in d["findings"] if f["rule"] == "site-boilerplate"]
            for d in report["documents"]}
    assert not hits["p0.html"] and all(len(hits[f"p{i}.html"]) == 1 for i in range(1, 6))
    assert "on 6 of 6 pages of pinecrest" in hits["p1.html"][0]["message"]
    baseline = tmp_path / "baseline.json"
    run_cli("check", str(crawl), "--sites", "--write-baseline", str(baseline), cwd=tmp_path)
    _, again = run_json("check", str(crawl), "--sites", "--baseline", str(baseline), cwd=tmp_path)
    assert not any(f["rule"] == "site-boilerplate" for d in again["documents"] for f in d["findings"])
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - path: "crawl/pinecrest/p1.html"\n    rule: site-boilerplate\n'
                       '    reason: the newsroom asked for it\n')
    _, waived = run_json("check", str(crawl), "--sites", "--waivers", str(waivers), cwd=tmp_path)
    by_path = {d["path"].rsplit("/", 1)[1]: d for d in waived["documents"]}
    assert not any(f["rule"] == "site-boilerplate" for f in by_path["p1.html"]["findings"])
    assert any(f["rule"] == "site-boilerplate" for f in by_path["p2.html"]["findings"])


def test_thresholds_from_the_configuration(tmp_path):
    crawl = tmp_path / "crawl" / "pinecrest"
    crawl.mkdir(parents=True)
    for i in range(3):
        (crawl / f"p{i}.txt").write_text(f"Story {i} about the {'roads bridges schools'.split()[i]}.\n\n"
                                         "Tap the bell for Pinecrest alerts\n")
    _, report = run_json("check", "crawl", "--sites", cwd=tmp_path)
    assert not any(f["rule"] == "site-boilerplate" for d in report["documents"] for f in d["findings"])
    (tmp_path / "contentcheck.yaml").write_text("sites: true\nrules-config:\n"
                                                "  site-boilerplate: {min_documents: 3, min_share: 0.5}\n")
    _, report = run_json("check", "crawl", cwd=tmp_path)
    assert sum(f["rule"] == "site-boilerplate" for d in report["documents"] for f in d["findings"]) == 3
    (tmp_path / "contentcheck.yaml").write_text("rules-config:\n  site-boilerplate: {min_share: 1.5}\n")
    proc = run_cli("check", "crawl", cwd=tmp_path)
    assert proc.returncode == 2 and "share" in proc.stderr and "Traceback" not in proc.stderr
