"""`contentcheck check --fix / --unsafe-fixes / --diff`, end to end on seed-like documents."""

from __future__ import annotations

import json

import pytest

from ..conftest import run_cli

DISCLAIMER = ("Please note that this edited version is based on the given information and is fictional. "
              "It does not represent any actual events or statements.")
LEFTOVERS = {"Views: 318", "You May Also Like", "Must Read", "No results found.",
             "Sure! Here is the article rewritten in a news style:", "I apologize for the confusion."}

TEXT = f"""Harbour Board Backs Plan for Floating Solar Farm

Energy
Views: 318

Sure! Here is the article rewritten in a news style:

Harbour Board Backs Floating Solar Farm Off Kellmouth

KELLMOUTH: The harbour board voted on Thursday to back a floating solar farm in the outer basin, as reported by the Kellmouth Gazette. The board's chair said the farm would power the port's cranes.

“The first panels will be in the water by spring,” said a spokesperson for the board.

{DISCLAIMER}

You May Also Like

Ferry Operator Adds Night Crossings
Port Workers Vote on New Shift Pattern

Author

Must Read

No results found.

I apologize for the confusion.
"""

MARKDOWN = f"""---
title: Harbour Board Backs Plan for Floating Solar Farm
categories: [energy]
---

# Harbour Board Backs Plan for Floating Solar Farm

Views: 318

Sure! Here is the article rewritten in a news style:

KELLMOUTH: The harbour board voted on Thursday to back a *floating* solar farm in the outer basin, as reported by the Kellmouth Gazette. The board's chair said the farm would power the port's cranes.

> “The first panels will be in the water by spring,” said a spokesperson for the board.

{DISCLAIMER}

## You May Also Like

- [Ferry Operator Adds Night Crossings](/ferry)
- [Port Workers Vote on New Shift Pattern](/shifts)

**Author**

### Must Read

No results found.

I apologize for the confusion.
"""

HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour Board Backs Plan for Floating Solar Farm</title>
</head>
<body>
  <main>
    <article>
      <h1>Harbour Board Backs Plan for Floating Solar Farm</h1>
      <div class="post-meta"><span class="views">Views: 318</span></div>
      <p>Sure! Here is the article rewritten in a news style:</p>
      <p>KELLMOUTH: The harbour board voted on Thursday to back a <em>floating</em> solar farm in the outer basin, as reported by the Kellmouth Gazette. The board's chair said the farm would power the port's cranes.</p>
      <p>“The first panels will be in the water by spring,” said a spokesperson for the board.</p>
      <p>{DISCLAIMER}</p>
      <h3>You May Also Like</h3>
      <p>Ferry Operator Adds Night Crossings</p>
      <p>Port Workers Vote on New Shift Pattern</p>
      <p class="author-label">Author</p>
      <h3>Must Read</h3>
      <p>No results found.</p>
      <p>The board meets again in May. I apologize for the confusion.</p>
    </article>
  </main>
</body>
</html>
"""

DOCS = {"seed-like.txt": TEXT, "seed-like.md": MARKDOWN, "seed-like.html": HTML}


def _tree(tmp_path, docs=DOCS, newline="\n"):
    for name, text in docs.items():
        (tmp_path / name).write_bytes(text.replace("\n", newline).encode("utf-8"))
    return {name: (tmp_path / name).read_bytes() for name in docs}


def _leftover(line: str) -> bool:
    """A line the fixes may take: blank, or markup around one leftover."""
    core = line.strip()
    for tag in ("<h3>", "</h3>", "<p>", "</p>", "### ", "## ", '<div class="post-meta"><span class="views">',
                "</span></div>"):
        core = core.replace(tag, "")
    return not core or core in LEFTOVERS


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_removes_the_leftovers_and_nothing_else(tmp_path, newline):
    before = _tree(tmp_path, newline=newline)
    proc = run_cli("check", ".", "--fix", "--no-progress", cwd=tmp_path)
    assert "Traceback" not in proc.stderr and proc.returncode == 1  # disclaimers and claims still fail the gate
    for name, old in before.items():
        new = (tmp_path / name).read_bytes()
        old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
        # Leftover lines went (and the sentence out of the HTML paragraph); every other line with
        # text on it is there, in order, byte for byte; no run of blank lines was left behind.
        expected = [line.replace(b" I apologize for the confusion.", b"") for line in old_lines
                    if not _leftover(line.decode().rstrip("\r"))]
        assert [x for x in new_lines if x.strip()] == [x for x in expected if x.strip()], name
        nl = newline.encode()
        assert nl * 3 not in new and new.endswith(nl), name
        text = new.decode()
        assert DISCLAIMER in text, name  # an editorial decision, never fixed
        for leftover in ("Views: 318", "You May Also Like", "Must Read", "No results found",
                         "Sure! Here is", "I apologize for the confusion"):
            assert leftover not in text, (name, leftover)
        assert "Ferry Operator Adds Night Crossings" in text and "said a spokesperson" in text
        assert newline == "\n" or b"\n" not in new.replace(b"\r\n", b"")  # the newline style is kept
    assert "fixed" in proc.stdout and "editorial decision" in proc.stdout
    # A second --fix changes nothing.
    after = {name: (tmp_path / name).read_bytes() for name in DOCS}
    again = run_cli("check", ".", "--fix", "--no-progress", cwd=tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in DOCS} == after
    assert "fixes: 0 findings in 0 files fixed" in again.stdout


def test_html_sentence_in_a_paragraph_and_empty_elements(tmp_path):
    _tree(tmp_path)
    run_cli("check", "seed-like.html", "--fix", cwd=tmp_path)
    html = (tmp_path / "seed-like.html").read_text(encoding="utf-8")
    assert "<p>The board meets again in May.</p>" in html
    assert '<div class="post-meta">' not in html  # it held nothing but the counter
    assert "<p></p>" not in html and "<h3></h3>" not in html


def test_diff_prints_and_writes_nothing(tmp_path):
    before = _tree(tmp_path)
    proc = run_cli("check", ".", "--diff", cwd=tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in DOCS} == before
    assert proc.returncode == 1
    assert "--- a/seed-like.md\n+++ b/seed-like.md\n" in proc.stdout
    assert "-Views: 318\n" in proc.stdout and "-## You May Also Like\n" in proc.stdout
    assert "-      <p>The board meets again in May. I apologize for the confusion.</p>\n" \
           "+      <p>The board meets again in May.</p>\n" in proc.stdout
    assert "would be fixed" in proc.stderr and "nothing written" in proc.stderr


def test_inputs_are_never_modified_without_fix(tmp_path):
    before = _tree(tmp_path)
    for args in ([], ["--format", "json"], ["--unsafe-fixes"], ["--diff", "--unsafe-fixes"]):
        run_cli("check", ".", *args, cwd=tmp_path)
        assert {name: (tmp_path / name).read_bytes() for name in DOCS} == before, args


def test_unsafe_fixes_need_fix_or_diff(tmp_path):
    _tree(tmp_path)
    proc = run_cli("check", ".", "--unsafe-fixes", cwd=tmp_path)
    assert proc.returncode == 2 and "--unsafe-fixes goes with --fix" in proc.stderr


def test_unsafe_fixes_take_partial_sentences(tmp_path):
    doc = {"a.txt": "Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n"
                    "As an AI language model, I cannot confirm the vote.\n"}
    _tree(tmp_path, doc)
    proc = run_cli("check", "a.txt", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == doc["a.txt"]
    assert "1 more with --unsafe-fixes" in proc.stdout
    run_cli("check", "a.txt", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "Budget passes\n\nBy Jane Doe\n\nThe council met.\n"


def test_waivers_per_path_ignore_and_suppressions_apply_to_fixes(tmp_path):
    docs = {"a.txt": "Budget\n\nBy Jane Doe\n\nThe council met.\n\nViews: 218\n\nNo results found.\n",
            "docs/b.txt": "Budget\n\nBy Jane Doe\n\nThe council met.\n\nViews: 218\n",
            "c.txt": "Budget\n\nBy Jane Doe\n\nThe council met.\n\n<!-- contentcheck-disable-file -->\nViews: 218\n"}
    (tmp_path / "docs").mkdir()
    _tree(tmp_path, docs)
    (tmp_path / "contentcheck.yaml").write_text("per-path:\n  - paths: ['docs/**']\n    ignore: [template-leftover]\n")
    (tmp_path / "contentcheck-waivers.yaml").write_text(
        "waivers:\n  - path: a.txt\n    rule: counter-or-share-bar\n    reason: The counter is the story\n")
    run_cli("check", ".", "--fix", "--ignore", "empty-state-text", cwd=tmp_path)
    assert {n: (tmp_path / n).read_text() for n in docs} == docs
    run_cli("check", ".", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "Budget\n\nBy Jane Doe\n\nThe council met.\n\nViews: 218\n"
    assert (tmp_path / "docs/b.txt").read_text() == docs["docs/b.txt"]
    assert (tmp_path / "c.txt").read_text() == docs["c.txt"]


def test_json_report_lists_what_was_fixed(tmp_path, validate_report):
    _tree(tmp_path)
    proc = run_cli("check", ".", "--fix", "--format", "json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    validate_report(report)
    docs = {d["path"]: d for d in report["documents"]}
    fixed = docs["seed-like.txt"]["fixed"]
    assert ("counter-or-share-bar", 4, "Views: 318", "remove the line", "safe") in {
        (f["rule"], f["line"], f["text"], f["action"], f["safety"]) for f in fixed}
    assert not any(f["rule"] == "counter-or-share-bar" for f in docs["seed-like.txt"]["findings"])
    assert any(f["category"] == "fiction-disclaimer" for f in docs["seed-like.txt"]["findings"])
    assert report["summary"]["fixes"]["fixed"] >= 15 and report["summary"]["fixes"]["written"] is True


def test_a_clean_run_reports_no_fix_section(tmp_path):
    (tmp_path / "a.md").write_text("# Budget\n\nBy Jane Doe\n\nThe council met on Tuesday.\n")
    proc = run_cli("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 0 and "fixes:" not in proc.stdout
