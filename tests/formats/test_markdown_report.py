"""``--format markdown``: the compact summary for pull-request comments and $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from contentcheck.formats import ReportContext
from contentcheck.formats import markdown as md_format
from contentcheck.results import DocumentResult, Finding, RunNotes, Summary

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, cwd=ROOT, check_rc=(0, 1, 2)):
    env = dict(os.environ)
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-m", "contentcheck", "check", "--no-progress", *args],
                          cwd=str(cwd), env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in check_rc, (proc.returncode, proc.stderr)
    return proc


def render(results, summary_lines=()) -> str:
    out = io.StringIO()
    fmt = md_format.Formatter(out, ReportContext("0.0.test", None))
    summary = Summary()
    for r in results:
        summary.add(r)
        fmt.document(r)
    fmt.finish(summary, RunNotes(lines=tuple(summary_lines)))
    return out.getvalue()


def finding(rule="r", line=1, severity="warning", category="cat", message="a message"):
    return Finding(rule, category, severity, line, 1, line, 5, message, "text")


def table_rows(text: str, header_start: str) -> list[list[str]]:
    """The cells of the GFM table whose header starts with ``header_start`` (escaped pipes kept)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_samples_summary():
    proc = run_cli("samples/", "--format", "markdown")
    text = proc.stdout
    report = json.loads(run_cli("samples/", "--format", "json").stdout)
    summary = report["summary"]
    assert text.startswith("## contentcheck report\n\n")
    assert (f"**{summary['documents']} documents** checked: **{summary['findings']} findings** "
            f"({summary['by_severity']['error']} errors, {summary['by_severity']['warning']} warnings, "
            f"{summary['by_severity']['info']} info).") in text
    assert f"Mean score **{summary['mean_score']:g}**, lowest {summary['min_score']:g} " \
           f"(`{summary['min_score_path']}`)." in text
    # Totals by category and severity.
    rows = table_rows(text, "| category |")
    assert rows[0] == ["category", "error", "warning", "info", "total"]
    assert {r[0]: int(r[-1]) for r in rows[2:]} == summary["by_category"]
    # The worst documents, lowest score first.
    rows = table_rows(text, "| document |")
    flawed = sorted((d for d in report["documents"] if d["findings"]), key=lambda d: d["score"])
    assert [r[0] for r in rows[2:]] == [f"`{d['path']}`" for d in flawed]
    assert [float(r[1]) for r in rows[2:]] == [d["score"] for d in flawed]
    # Every finding is one line: path:line, severity, rule, message; errors first.
    items = [line for line in text.splitlines() if line.startswith("- `samples/")]
    assert len(items) == summary["findings"]
    for doc in report["documents"]:
        for f in doc["findings"]:
            line = f"- `{doc['path']}:{f['line']}` **{f['severity']}** "
            rule = f"[`{f['rule']}`]({f['help_uri']}): " if "help_uri" in f else f"`{f['rule']}`: "
            assert any(i.startswith(line + rule) for i in items), line + rule
    severities = [re.search(r"\*\*(\w+)\*\*", i).group(1) for i in items]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert "Traceback" not in proc.stderr


def test_deterministic_and_output_file(tmp_path):
    out = tmp_path / "summary.md"
    proc = run_cli("samples/", "--output-markdown", str(out), "-j", "1")
    assert "samples/" in proc.stdout  # the text report still goes to stdout
    assert out.read_text(encoding="utf-8") == run_cli("samples/", "--format", "markdown").stdout


def test_markdown_active_characters_are_escaped():
    path = "docs/a|b `c` *d* <x>.md"
    message = "Bad | pipe `code` <script>alert(1)</script> **bold** [link](http://x) @octocat #12\nnext line"
    text = render([DocumentResult(path, "markdown", 40.0,
                                  [finding("my|rule", 3, "error", "cat|x", message)])])
    assert "<script>" not in text and "<x>" not in text
    assert "&lt;script&gt;" in text
    assert "@\u200boctocat" in text and "@octocat" not in text
    assert "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    # Table rows keep their column count: pipes inside cells are escaped.
    for header in ("| category |", "| document |"):
        rows = table_rows(text, header)
        assert len({len(r) for r in rows}) == 1, rows
    item = next(line for line in text.splitlines() if line.startswith("- "))
    assert "next line" in item  # a newline in a message does not end the list item
    assert "a\\|b" in item and "my\\|rule" in item


def test_long_runs_are_capped():
    results = []
    for i in range(60):
        findings = [finding("r", n + 1, "info" if n % 2 else "error") for n in range(5)]
        results.append(DocumentResult(f"doc-{i:02d}.md", "markdown", 100.0 - i, findings))
    results.append(DocumentResult("bad.bin", None, None, [], error="binary content"))
    text = render(results)
    lines = text.splitlines()
    items = [line for line in lines if line.startswith("- `doc-")]
    assert len(items) == md_format.FINDINGS_LISTED
    assert "- … and 100 more findings (see the full report)" in lines
    assert "### Findings (200 of 300, errors first)" in lines
    assert all("**error**" in i for i in items[:180]) and all("**info**" in i for i in items[180:])
    rows = table_rows(text, "| document |")[2:]
    assert len(rows) == md_format.WORST_DOCUMENTS
    assert rows[0][0] == "`doc-59.md`" and rows[-1][0] == "`doc-50.md`"
    assert "### Lowest-scoring documents (10 of 60)" in lines
    assert "- `bad.bin`: binary content" in lines
    assert len(text) < 60_000


def test_clean_run_and_notes():
    text = render([DocumentResult("a.md", "markdown", 100.0, [])], summary_lines=["baseline: 2 known <b>"])
    assert "**1 document** checked: **0 findings**." in text
    assert "Every document scored 100: no findings." in text
    assert "> baseline: 2 known &lt;b&gt;" in text
    assert "### Findings" not in text


def test_empty_run():
    text = render([])
    assert text.startswith("## contentcheck report\n\n**0 documents** checked: **0 findings**.")
