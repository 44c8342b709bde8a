"""engine/suppressions.py: comments in the content that silence findings, and stale ones reported."""

from __future__ import annotations

from contentcheck.engine.check import check_text

from ..conftest import make_pack

RULES = """
rules:
  - id: green-apple
    category: fruit
    severity: warning
    message: Green apple
    kind: phrase
    phrases: ["green apple"]
"""


def _found(tmp_path, source: str, fmt: str = "markdown") -> list[tuple[str, int]]:
    result = check_text(source, make_pack(tmp_path, RULES), fmt=fmt)
    return [(f.rule, f.line) for f in result.findings]


def test_disable_next_line_skips_blank_lines(tmp_path):
    source = "<!-- contentcheck-disable-next-line green-apple -->\n\nA green apple.\n\nA green apple.\n"
    assert _found(tmp_path, source) == [("green-apple", 5)]


def test_disable_and_enable_make_a_region(tmp_path):
    source = ("A green apple.\n\n<!-- contentcheck-disable fruit -->\n\nA green apple.\n\n"
              "<!-- contentcheck-enable -->\n\nA green apple.\n")
    assert _found(tmp_path, source) == [("green-apple", 1), ("green-apple", 9)]


def test_disable_file_and_front_matter(tmp_path):
    assert _found(tmp_path, "<!-- contentcheck-disable-file -->\n\nA green apple.\n") == []
    assert _found(tmp_path, "---\ncontentcheck: {disable: [green-apple]}\n---\n\nA green apple.\n") == []


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path):
    source = "<!-- contentcheck-disable-next-line other-rule -->\nA green apple.\n"
    assert _found(tmp_path, source) == [("unused-suppression", 1), ("green-apple", 2)]


def test_plain_text_takes_the_comment_on_a_line_of_its_own(tmp_path):
    source = "Title\n\n<!-- contentcheck-disable-next-line -->\nA green apple.\n"
    assert _found(tmp_path, source, fmt="text") == []
