"""Constructs that a hand-written HTML tokenizer got wrong on real pages: each gives the
text a browser shows, and every character of it keeps its place in the source.

The pages these come from (in ../shared/corpus/html) are named in each test; the
documents here are written for the test, reduced to the construct.
"""

from __future__ import annotations

import pytest

from contentcheck.api import check_text
from contentcheck.loaders import parse_text

from ..conftest import make_pack
from .html_helpers import assert_blocks_at_their_text, loader_text
from .test_properties import assert_points_at_text

ARTICLE = ("<p>The council approved the harbour plan on Tuesday after a long debate about costs "
           "and the future of the old town.</p>")


def read(source: str):
    doc = parse_text("page.html", source, "html")
    assert_blocks_at_their_text(doc)
    return doc


def texts(doc) -> list[str]:
    return [" ".join(b.text.split()) for b in doc.blocks]


# ---------------------------------------------------------------- start tags with odd quotes

def test_curly_then_straight_quote_in_a_meta_tag_loses_no_article():
    # trafilatura/citylimits.org-Nycha: content=“... then a straight quote; the old
    # tokenizer ran the tag on to the next '"', hundreds of kilobytes later.
    source = ('<html><head><meta name="description" content=\u201cxtk Zx8" />'
              '<script>var k = "recaptcha-site-key";</script></head><body><article>'
              f'<h1>Housing authority report</h1>{ARTICLE}</article></body></html>')
    doc = read(source)
    assert "Housing authority report" in texts(doc)
    assert any(t.startswith("The council approved") for t in texts(doc))
    assert "recaptcha" not in loader_text(doc)


def test_attribute_named_by_a_quote_ends_the_tag_where_browsers_do():
    # postlight-parser/deadline.com: data-dropdown-list=" "="" hid the headlines.
    source = (f'<body><div class="menu" data-dropdown-list=" "="">Menu</div>'
              f'<article><h1>Headline of the day</h1>{ARTICLE}</article></body>')
    doc = read(source)
    assert "Headline of the day" in texts(doc)
    assert "Menu" in texts(doc)


@pytest.mark.parametrize("tag", [
    '<a href="/x"" class="link">',         # politico.com.retirement
    "<img src='a.png'' alt=\"x\">",        # jamaica.gleaner.com-victims
    '<span class="credit" ">',             # thenervousbreakdown.com.loneliest
])
def test_stray_quote_in_a_tag_does_not_print_the_tag(tag):
    source = f"<body><article><p>Before {tag}after the tag, the sentence goes on.</p></article></body>"
    doc = read(source)
    (text,) = texts(doc)
    assert text == "Before after the tag, the sentence goes on."


# ---------------------------------------------------------------- raw text and RCDATA

def test_textarea_text_is_decoded():
    # trafilatura/abc7news.com-Napa: <textarea> showed '&lt;iframe' undecoded.
    source = '<body><article><p>Embed this video:</p><textarea>&lt;iframe src="v"&gt;&lt;/iframe&gt;</textarea></article></body>'
    doc = read(source)
    assert '<iframe src="v"></iframe>' in texts(doc)


@pytest.mark.parametrize("end_tag", ["</script/>", "</script x>", "</SCRIPT >", "</script\n>"])
def test_script_end_tag_variants_end_the_script(end_tag):
    source = f"<body><script>var a = '<p>';{end_tag}<article>{ARTICLE}</article></body>"
    doc = read(source)
    assert any(t.startswith("The council approved") for t in texts(doc))
    assert "var a" not in loader_text(doc)


def test_style_end_tag_with_attributes_ends_the_style():
    source = f"<head><style>p {{ color: red }}</style foo></head><body>{ARTICLE}</body>"
    doc = read(source)
    assert any(t.startswith("The council approved") for t in texts(doc))
    assert "color" not in loader_text(doc)


@pytest.mark.parametrize("element", ["title", "noscript", "iframe"])
def test_comment_opener_inside_raw_text_does_not_hide_the_page(element):
    source = (f"<html><head></head><body><{element}>A <!-- B</{element}>"
              f"<article>{ARTICLE}</article></body></html>")
    doc = read(source)
    assert any(t.startswith("The council approved") for t in texts(doc))
    if element == "title":
        assert doc.metadata.title == "A <!-- B"


@pytest.mark.parametrize("element", ["noembed", "noframes"])
def test_noembed_and_noframes_content_is_not_text(element):
    source = f"<body><article>{ARTICLE}<{element}><p>Fallback for old browsers</p></{element}></article></body>"
    doc = read(source)
    assert "Fallback" not in loader_text(doc)


def test_noscript_content_is_not_text():
    # A browser runs scripts, so it never shows <noscript>: its content is raw text.
    source = f"<body><article>{ARTICLE}<noscript><p>Please enable JavaScript</p></noscript></article></body>"
    assert "enable JavaScript" not in loader_text(read(source))


# ---------------------------------------------------------------- comments

@pytest.mark.parametrize("comment,shown", [
    ("<!-->", "Shown text."),            # an empty comment, not the start of one
    ("<!--->", "Shown text."),
    ("<!-- note --!>", "Shown text."),   # --!> ends a comment too
    ("<!-- a -- b -->", "Shown text."),
])
def test_comment_forms_end_where_browsers_end_them(comment, shown):
    source = f"<body><p>Before. {comment}{shown}</p></body>"
    doc = read(source)
    assert texts(doc) == [f"Before. {shown}"]


def test_bogus_comments_are_not_text():
    source = "<body><p>A<?php echo 1; ?>B<!x>C</3 x>D</p></body>"
    assert texts(read(source)) == ["ABCD"]


# ---------------------------------------------------------------- character references

@pytest.mark.parametrize("reference,char", [
    ("&#x81;", "\x81"),        # not U+FFFD: windows-1252 leaves 0x81 undefined, so it stays
    ("&#x80;", "\u20ac"),      # 0x80-0x9F otherwise read as windows-1252
    ("&#150;", "\u2013"),
    ("&#x110000;", "\ufffd"),  # past U+10FFFF: one replacement character, no digits left over
    ("&#99999999999;", "\ufffd"),
    ("&#0;", "\ufffd"),
    ("&#xD800;", "\ufffd"),
    ("&notit;", "\u00acit;"),  # the longest legacy name without ';'
    ("&notin;", "\u2209"),
    ("&ampx", "&x"),
    ("&unknown;", "&unknown;"),
    ("&#;", "&#;"),
])
def test_character_references_decode_as_in_browsers(reference, char):
    doc = read(f"<body><p>[{reference}]</p></body>")
    assert texts(doc) == [f"[{char}]"]


# ---------------------------------------------------------------- end of file

@pytest.mark.parametrize("tail", ['<a href="/next', "<div class='x", "<p", "</di", '<img alt="a>b'])
def test_markup_cut_off_at_the_end_is_not_text(tail):
    source = f"<body><p>The last sentence.</p>{tail}"
    assert texts(read(source)) == ["The last sentence."]


def test_unclosed_comment_at_the_end_hides_the_rest():
    source = "<body><p>The last sentence.</p><!-- the rest <p>is a comment"
    doc = read(source)
    assert texts(doc) == ["The last sentence."]
    assert doc.comments and doc.comments[0].text.startswith("the rest")


# ---------------------------------------------------------------- the tree moves text

def test_text_fostered_out_of_a_table_keeps_its_place():
    source = "<body><table><tr><td>In the cell</td></tr>Stray words</table><p>After.</p></body>"
    doc = read(source)
    words = loader_text(doc)
    assert "In the cell" in words and "Stray words" in words


def test_findings_point_at_text_in_malformed_markup(tmp_path):
    pack = make_pack(tmp_path, """
        rules:
          - id: phrase
            category: test
            message: found
            kind: phrase
            phrases: ["green apple"]
        """)
    source = ("<body><div class=\"x\"\">A green&#32;apple</div><table><tr><td>one green apple</td></tr>"
              "green apple fostered</table><p>green\r\napple &amp; more</p></body>")
    result = check_text(source, pack, fmt="html")
    assert len([f for f in result.findings if f.rule == "phrase"]) == 4
    for f in result.findings:
        assert_points_at_text(source, "html", f)


def test_big_page_keeps_every_place():
    # Past 1 MB the loader keeps segments compact while the tree is in memory.
    para = "<p>Caf&eacute; &amp; harbour\r\nnews, <b>said</b> the mayor.</p>\n"
    source = "<body><article>" + para * 20000 + "</article></body>"
    assert len(source) > 1024 * 1024
    doc = read(source)
    assert len(doc.blocks) == 20000
    assert texts(doc)[-1] == "Café & harbour news, said the mayor."


def test_og_title_names_are_found_where_the_whole_expression_finds_them():
    # The fast scan from the colon gives the starts the expression's own scan gives.
    import itertools
    import random

    from contentcheck.loaders.html.og_title import _OG_TITLE_NAME, _og_title_names

    pieces = ["<meta ", "property", "PrOpErTy", "name", "NAME", "xname", "data-name", "erty", " ", "\n\t",
              "\u2003", "=", "==", '"', "'", "og:title", "OG:Title", "og:t\u0131tle", "og: title", ">", "/", "x"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    texts += ["".join(p) for p in itertools.product(["name", "property", "x"], [" ", ""], ["=", " = "],
                                                     ['"', "'", ""], ["og:title", "OG:TITLE"], ['"', "'", ""],
                                                     [">", " ", "x", ""])]
    found = 0
    for text in texts:
        expected = [m.start() for m in _OG_TITLE_NAME.finditer(text)]
        assert _og_title_names(text) == expected, text
        found += bool(expected)
    assert found > 100
