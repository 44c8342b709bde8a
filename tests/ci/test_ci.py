"""CI gating: the gate, baselines, suppressions, waivers, configuration, --changed-since, init, statistics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "contentcheck", *args, "--no-progress"]
                          if args and args[0] == "check" else [sys.executable, "-m", "contentcheck", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def report(proc) -> dict:
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def findings(rep: dict, path: str | None = None) -> list[tuple[str, str, int]]:
    return [(d["path"], f["rule"], f["line"]) for d in rep["documents"] for f in d["findings"]
            if path is None or d["path"] == path]


ARTICLE = """---
title: Budget vote
author: Jane Doe
---

The council approved the budget on Tuesday, the clerk said.

Experts say the new library will be a success.

As an AI language model, I cannot verify this.
"""


@pytest.fixture()
def site(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "budget.md").write_text(ARTICLE)
    (tmp_path / "news" / "clean.md").write_text("---\ntitle: Clean\nauthor: Sam Lee\n---\n\n"
                                                "The park reopened on Monday, officials said.\n")
    return tmp_path


# ---------------------------------------------------------------- the gate

@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(site, fail_on, code):
    assert cli("check", "news", "--fail-on", fail_on, cwd=site).returncode == code


# A warning and nothing worse: a leftover view counter (the weasel phrase is an info finding).
WARNING_ONLY = ARTICLE.replace("As an AI language model, I cannot verify this.", "Views: 218")


def test_fail_on_warning_fails_on_a_warning_only_document(site):
    (site / "news" / "budget.md").write_text(WARNING_ONLY)
    assert cli("check", "news", cwd=site).returncode == 0          # warnings pass the default gate
    assert cli("check", "news", "--fail-on", "warning", cwd=site).returncode == 1


def test_fail_under(site):
    assert cli("check", "news/clean.md", "--fail-under", "99", cwd=site).returncode == 0
    (site / "news" / "budget.md").write_text(WARNING_ONLY)
    # one warning and one info finding: score 88
    assert cli("check", "news/budget.md", "--fail-under", "95", cwd=site).returncode == 1
    assert cli("check", "news/budget.md", "--fail-under", "85", cwd=site).returncode == 0


# ---------------------------------------------------------------- baselines

def test_baseline_hides_known_findings_and_survives_edits(site):
    base = site / "baseline.json"
    first = cli("check", "news", "--write-baseline", str(base), cwd=site)
    assert first.returncode == 0 and base.exists()  # recording is not gating
    recorded = json.loads(base.read_text())["findings"]
    assert {e["rule"] for e in recorded} >= {"weasel-attribution", "chat-ai-self-reference"}
    again = cli("check", "news", "--baseline", str(base), "-f", "json", cwd=site)
    assert again.returncode == 0 and findings(report(again)) == []
    # Lines added above the known findings, and one known finding fixed: nothing new appears.
    text = ARTICLE.replace("The council", "A new first paragraph.\n\nThe council")
    text = text.replace("As an AI language model, I cannot verify this.\n", "")
    (site / "news" / "budget.md").write_text(text)
    edited = cli("check", "news", "--baseline", str(base), "-f", "json", cwd=site)
    assert edited.returncode == 0 and findings(report(edited)) == []
    assert report(edited)["summary"]["baseline"]["no_longer_found"] == 1
    # A new problem is reported and fails the gate.
    (site / "news" / "budget.md").write_text(text + "\nLorem ipsum dolor sit amet.\n")
    new = cli("check", "news", "--baseline", str(base), "-f", "json", cwd=site)
    assert new.returncode == 1
    assert [r for _, r, _ in findings(report(new))] == ["placeholder-text"]


def test_a_run_on_some_files_says_nothing_of_the_other_files_entries(site):
    base = site / "baseline.json"
    (site / "news" / "more.md").write_text(ARTICLE)
    cli("check", "news", "--write-baseline", str(base), cwd=site)
    subset = cli("check", "news/clean.md", "--baseline", str(base), "-f", "json", cwd=site)
    assert report(subset)["summary"]["baseline"] == {"matched": 0, "no_longer_found": 0}
    text = cli("check", "news/budget.md", "--baseline", str(base), cwd=site)
    assert "no longer found" not in text.stdout
    # an entry of a checked file that no longer matches is counted
    (site / "news" / "more.md").write_text(ARTICLE.replace("As an AI language model, I cannot verify this.\n", ""))
    fixed = cli("check", "news/more.md", "news/clean.md", "--baseline", str(base), "-f", "json", cwd=site)
    assert report(fixed)["summary"]["baseline"]["no_longer_found"] == 1


def test_baseline_missing_file_is_a_clear_error(site):
    proc = cli("check", "news", "--baseline", "nope.json", cwd=site)
    assert proc.returncode == 2 and "nope.json" in proc.stderr and "Traceback" not in proc.stderr


# ---------------------------------------------------------------- suppressions

def test_suppression_comments(site):
    doc = site / "news" / "budget.md"
    doc.write_text(ARTICLE.replace("Experts say", "<!-- contentcheck-disable-next-line weasel-attribution -->\n"
                                                  "Experts say")
                   .replace("As an AI", "<!-- contentcheck-disable template-leftover -->\nAs an AI")
                   + "\n<!-- contentcheck-enable -->\n\n<!-- contentcheck-disable-next-line missing-author -->\n"
                     "Nothing to suppress here.\n")
    rep = report(cli("check", "news/budget.md", "-f", "json", cwd=site))
    rules = [(r, line) for _, r, line in findings(rep)]
    assert not any(r in ("weasel-attribution", "chat-ai-self-reference") for r, _ in rules)
    # The stale suppression is reported on its own line.
    assert ("unused-suppression", 16) in rules


def test_disable_file_and_front_matter(site):
    doc = site / "news" / "budget.md"
    doc.write_text(ARTICLE.replace("author: Jane Doe", "author: Jane Doe\ncontentcheck: {disable: [unattributed-claim]}"))
    rules = [r for _, r, _ in findings(report(cli("check", "news/budget.md", "-f", "json", cwd=site)))]
    assert "weasel-attribution" not in rules and "chat-ai-self-reference" in rules
    doc.write_text("<!-- contentcheck-disable-file -->\n" + ARTICLE.split("---\n", 2)[2])
    proc = cli("check", "news/budget.md", "-f", "json", cwd=site)
    assert proc.returncode == 0 and findings(report(proc)) == []


def test_suppressions_in_html_and_text(site):
    (site / "page.html").write_text(
        "<html><head><meta name='author' content='Jane Doe'></head><body><article>\n"
        "<!-- contentcheck-disable-next-line -->\n<p>Experts say it works.</p>\n"
        "<p>Studies show it fails.</p>\n</article></body></html>\n")
    rules = [(r, line) for _, r, line in findings(report(cli("check", "page.html", "-f", "json", cwd=site)))]
    assert rules == [("weasel-attribution", 4)]
    (site / "note.txt").write_text("Headline here\n\nBy Jane Doe\n\n<!-- contentcheck-disable-next-line weasel-attribution -->\n"
                                   "Experts say it works.\n\nStudies show it fails.\n")
    rules = [(r, line) for _, r, line in findings(report(cli("check", "note.txt", "-f", "json", cwd=site)))]
    assert rules == [("weasel-attribution", 8)]


# ---------------------------------------------------------------- waivers

def test_waivers_match_text_not_lines_and_unused_ones_are_reported(site):
    (site / "contentcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - path: news/*.md\n    rule: chat-ai-self-reference\n    text: As an AI  language MODEL, I cannot verify THIS.\n"
        "    reason: quoted on purpose\n"
        "  - path: archive/**\n    rule: missing-author\n    reason: old CMS\n")
    (site / "contentcheck.yaml").write_text("fail-on: error\n")
    proc = cli("check", "news", "-f", "json", cwd=site)
    rules = [r for _, r, _ in findings(report(proc))]
    assert "chat-ai-self-reference" not in rules and "weasel-attribution" in rules
    unused = report(proc)["summary"]["unused_waivers"]
    assert [(w["path"], w["rule"]) for w in unused] == [("archive/**", "missing-author")]
    text = cli("check", "news", cwd=site)
    assert "matches nothing" in text.stdout


def test_waiver_without_reason_is_refused(site):
    (site / "w.yaml").write_text("waivers:\n  - path: '*'\n    rule: missing-author\n")
    proc = cli("check", "news", "--waivers", "w.yaml", cwd=site)
    assert proc.returncode == 2 and "w.yaml:2" in proc.stderr and "reason" in proc.stderr


# ---------------------------------------------------------------- configuration

def test_config_found_upwards_and_flags_win(site):
    (site / "contentcheck.yaml").write_text("fail-on: never\nignore: [unattributed-claim]\n"
                                           "rules-config:\n  missing-author: {severity: error}\n")
    sub = site / "news"
    proc = cli("check", ".", "-f", "json", cwd=sub)
    assert proc.returncode == 0
    assert "weasel-attribution" not in [r for _, r, _ in findings(report(proc))]
    assert cli("check", ".", "--fail-on", "error", cwd=sub).returncode == 1   # the flag wins
    (sub / "anon.md").write_text("---\ntitle: x\n---\n\nThe park reopened, officials said.\n")
    rep = report(cli("check", "anon.md", "-f", "json", cwd=sub))
    assert [f["severity"] for d in rep["documents"] for f in d["findings"] if f["rule"] == "missing-author"] == ["error"]


def test_per_path_overrides(site):
    (site / "docs").mkdir()
    (site / "docs" / "guide.md").write_text("# Guide\n\nInstall the package.\n")
    (site / "contentcheck.yaml").write_text("per-path:\n  - paths: ['docs/**']\n    ignore: [missing-author]\n")
    rep = report(cli("check", "docs", "news/clean.md", "-f", "json", cwd=site))
    assert findings(rep, "docs/guide.md") == []
    (site / "news" / "anon.md").write_text("# Anon\n\nThe park reopened, officials said.\n")
    rep = report(cli("check", "news/anon.md", "-f", "json", cwd=site))
    assert [r for _, r, _ in findings(rep)] == ["missing-author"]


def test_pyproject_tool_section(site):
    (site / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.contentcheck]\nfail-on = 'never'\n")
    assert cli("check", "news", cwd=site).returncode == 0


@pytest.mark.parametrize("name,text,where", [
    ("contentcheck.yaml", "fail-on: error\nfial-under: 50\n", "contentcheck.yaml:2:1"),
    ("contentcheck.yaml", "fail-on: sometimes\n", "contentcheck.yaml:1:10"),
    ("pyproject.toml", "[tool.contentcheck]\nfail-on = 'error'\nbogus = 1\n", "pyproject.toml:3:1"),
])
def test_config_errors_are_located(site, name, text, where):
    (site / name).write_text(text)
    proc = cli("check", "news", cwd=site)
    assert proc.returncode == 2 and where in proc.stderr and "Traceback" not in proc.stderr


def test_init_writes_a_starter_that_loads(tmp_path):
    assert cli("init", cwd=tmp_path).returncode == 0
    assert "fail-on" in (tmp_path / "contentcheck.yaml").read_text()
    assert cli("init", cwd=tmp_path).returncode == 2  # no overwrite without --force
    (tmp_path / "a.md").write_text("---\nauthor: Jane Doe\n---\n\nThe park reopened, officials said.\n")
    assert cli("check", "a.md", cwd=tmp_path).returncode == 0


# ---------------------------------------------------------------- --changed-since

def test_changed_since(site):
    def git(*args):
        subprocess.run(["git", *args], cwd=site, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", ".")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "one")
    (site / "news" / "new.md").write_text("---\nauthor: Jane Doe\n---\n\nStudies show it works.\n")
    rep = report(cli("check", "news", "--changed-since", "HEAD", "-f", "json", cwd=site))
    assert [d["path"] for d in rep["documents"]] == ["news/new.md"]
    proc = cli("check", "news", "--changed-since", "no-such-rev", cwd=site)
    assert proc.returncode == 2 and "no-such-rev" in proc.stderr


# ---------------------------------------------------------------- statistics, determinism

def test_statistics(site):
    proc = cli("check", "news", "--statistics", cwd=site)
    assert "Findings per rule" in proc.stdout and "weasel-attribution" in proc.stdout
    assert "news/budget.md:" not in proc.stdout


def test_same_input_same_bytes(site):
    runs = {cli("check", "news", "-f", fmt, cwd=site).stdout for fmt in ("json",) for _ in range(2)}
    assert len(runs) == 1


def test_integration_files_are_valid():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "contentcheck" and hooks[0]["entry"].startswith("contentcheck check")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action["inputs"]) >= {"paths", "args", "sarif-file"} and action["runs"]["using"] == "composite"
