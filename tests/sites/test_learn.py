"""contentcheck learn: each site's boilerplate as phrase rules that work on single files."""

from __future__ import annotations

import yaml

from ..conftest import run_cli, run_json
from .crawl import injected_by_url, make_crawl, norm


def test_learned_rules_find_the_lines_without_a_crawl(tmp_path):
    labels = make_crawl(tmp_path, sites=3, pages=15, seed=23)
    proc = run_cli("learn", "crawl.warc.gz", "-o", "learned.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "written to learned.yaml" in proc.stderr
    text = (tmp_path / "learned.yaml").read_text()
    rules = yaml.safe_load(text)["rules"]
    assert {r["when"]["site"][0] for r in rules} == set(labels["sites"])
    assert all(r["kind"] == "phrase" and r["category"] == "template-leftover" for r in rules)
    assert "# on " in text and " of 15 pages" in text
    assert run_cli("rules", "validate", "learned.yaml", cwd=tmp_path).returncode == 0
    # A single page, checked alone, without --sites and with the learned rules only.
    page = next(p for p in labels["pages"] if p["injected"])
    _, report = run_json("check", page["file"], "--no-default-rules", "--rules", "learned.yaml", cwd=tmp_path)
    texts = {norm(f["text"]) for f in report["documents"][0]["findings"]}
    assert texts and all(any(t in norm(line) for t in texts) for line in page["injected"])
    # The whole crawl, plain: every injected line found.
    _, report = run_json("check", "crawl.warc.gz", "--no-default-rules", "--rules", "learned.yaml", cwd=tmp_path)
    wanted = injected_by_url(labels)
    found = {d["path"].split("#", 1)[1]: [norm(f["text"]) for f in d["findings"]] for d in report["documents"]}
    missed = [(u, w) for u, ws in wanted.items() for w in ws if not any(g in w for g in found[u])]
    assert len(missed) <= 0.05 * sum(len(ws) for ws in wanted.values())


def test_learn_on_pages_without_repetition_writes_an_empty_list(tmp_path):
    (tmp_path / "a.txt").write_text("One page.\n")
    proc = run_cli("learn", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0 and yaml.safe_load(proc.stdout)["rules"] == []



def test_an_input_that_could_not_be_read_fails_the_run_but_not_the_others(tmp_path):
    # as check does: the readable pages are learned from and written, the run exits 2 and says which input
    (tmp_path / "a.txt").write_text("One page.\n")
    proc = run_cli("learn", "a.txt", "missing.warc.gz", "-o", "learned.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "missing.warc.gz" in proc.stderr and "Traceback" not in proc.stderr
    assert yaml.safe_load((tmp_path / "learned.yaml").read_text())["rules"] == []


def test_a_line_whose_counted_word_changes_with_its_number_is_learned_in_all_its_forms(tmp_path):
    site = tmp_path / "crawl" / "pinecrest"
    site.mkdir(parents=True)
    hours = [1, 3, 1, 7, 12, 5]
    for i, n in enumerate(hours):
        (site / f"p{i}.md").write_text(f"# Story {i}\n\nThe council met about the {'roads bridges schools parks rents wages'.split()[i]}.\n\n"
                                       f"Updated {n} hour{'s' if n > 1 else ''} ago\n", encoding="utf-8")
    assert run_cli("learn", "crawl", "-o", "learned.yaml", cwd=tmp_path).returncode == 0
    _, report = run_json("check", "crawl", "--no-default-rules", "--rules", "learned.yaml", cwd=tmp_path)
    found = {d["path"].rsplit("/", 1)[1]: [norm(f["text"]) for f in d["findings"]] for d in report["documents"]}
    for i, n in enumerate(hours):
        assert any(t in f"updated {n} hour{'s' if n > 1 else ''} ago" for t in found[f"p{i}.md"]), found
