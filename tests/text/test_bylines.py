"""text/bylines.py: byline lines, where the loaders look for them, and whether a name names a person."""

from __future__ import annotations

import pytest

from contentcheck.document import AuthorClaim, Block
from contentcheck.loaders import parse_text
from contentcheck.text.bylines import (
    best_author,
    byline_from_line,
    byline_in_blocks,
    clean_byline,
    judge_author,
    name_from_url,
)


@pytest.mark.parametrize("line, name", [
    ("By Jane Doe", "Jane Doe"),
    ("Written by Jane Doe | Updated 3 May 2024", "Jane Doe"),
    ("Reporting by Jane Doe and John Roe", "Jane Doe and John Roe"),
    ("(By: Ana Lima)", "Ana Lima"),
    ("By the way, nothing here names anyone.", None),
    ("by jane doe", None),  # a byline names people: some word is capitalised
])
def test_byline_lines(line, name):
    assert byline_from_line(line) == name


def _blocks(texts: list[str]) -> list[Block]:
    blocks, pos = [], 0
    for text in texts:
        blocks.append(Block("body", "p", text, [(0, pos, None)]))
        pos += len(text) + 2
    return blocks


def test_the_first_byline_line_with_its_source_offset():
    blocks = _blocks(["Headline", "Some text.\nBy Jane Doe", "By John Roe"])
    assert byline_in_blocks(blocks) == ("Jane Doe", blocks[1].source_offset(len("Some text.\n")))


def test_long_texts_are_read_at_their_top_and_end_only():
    texts = [f"Paragraph {i}." for i in range(20)]
    assert byline_in_blocks(_blocks(texts[:10] + ["By Jane Doe"] + texts[10:])) is None
    assert byline_in_blocks(_blocks(texts + ["By Jane Doe"]))[0] == "Jane Doe"


def test_lines_per_block_limits_the_lines_read():
    blocks = _blocks(["one\ntwo\nthree\nBy Jane Doe"])
    assert byline_in_blocks(blocks) is not None
    assert byline_in_blocks(blocks, lines_per_block=3) is None


@pytest.mark.parametrize("fmt, source", [
    ("text", "Harbour reopens\n\nBy Jane Doe\n\nThe harbour reopened on Monday.\n"),
    ("markdown", "# Harbour reopens\n\nBy Jane Doe\n\nThe harbour reopened on Monday.\n"),
])
def test_text_and_markdown_loaders_share_the_scan(fmt, source):
    claims = parse_text("doc", source, fmt).metadata.authors
    assert [(c.name, c.source, c.offset) for c in claims] == [("Jane Doe", "byline-line", source.index("By"))]


@pytest.mark.parametrize("name, verdict", [
    ("", "missing"), ("{{author}}", "placeholder"), ("[Author Name]", "placeholder"), ("admin", "generic"),
    ("Staff Writer", "desk"), ("Reuters", "desk"), ("Jane Doe", "person"),
    ("Jane Doe and John Roe, Staff", "person"),
])
def test_judge_author(name, verdict):
    assert judge_author(name) == verdict


@pytest.mark.parametrize("url, name", [
    ("https://www.engadget.com/editors/jon-fingas", "Jon Fingas"),
    ("https://medium.com/@vincentvallet", "vincentvallet"),
    ("https://www.theguardian.com/profile/julia-carrie-wong,https://www.theguardian.com/profile/sam-levin",
     "Julia Carrie Wong, Sam Levin"),
    ("https://www.facebook.com/orchardnews", ""),  # a social profile is no author page
])
def test_names_from_author_urls(url, name):
    assert name_from_url(url) == name


@pytest.mark.parametrize("text, name", [
    ("December 15, 2016 3:33 PM ET   Jane Doe   Twitter", "Jane Doe"),
    ("Jane Doe-Roe, December 16th 2016", "Jane Doe-Roe"),
    ("by JANE DOE and SAM LEEDecember 16, 2016", "JANE DOE and SAM LEE"),
    ("Fox Nation\u2022October 3, 2016", "Fox Nation"),
    ("JANE DOE12/", "JANE DOE"),
])
def test_byline_elements_are_reduced_to_names(text, name):
    assert clean_byline(text) == name


def test_best_author_prefers_a_person_to_a_desk_a_handle_or_a_url():
    claims = [AuthorClaim("Us Weekly Staff", "meta-author"), AuthorClaim("https://x.example/author/jane-doe", "meta-author"),
              AuthorClaim("janedoe", "meta-author"), AuthorClaim("Jane Doe", "byline")]
    assert best_author(claims)[1:] == ("Jane Doe", "person")
    assert best_author(claims[:1])[1:] == ("Us Weekly Staff", "desk")
    assert best_author([AuthorClaim("Wednesday", "byline"), AuthorClaim("Sign In", "byline")]) is None
