"""The image kind: an image's (or a link's) address matched, where the image stands in the source."""

from __future__ import annotations

import pytest

from contentcheck.rulepack import RulePack, RulePackError

from ..conftest import assert_maps_back, check, make_pack

SEARCH_IMAGES = """
rules:
  - id: search-page-image
    category: test-image
    severity: warning
    message: An image whose address is a search page
    kind: image
    scope: article
    address: '^https?://(?:www\\.)?google\\.[a-z.]+/search'
"""


def test_an_image_is_found_where_it_stands(tmp_path):
    pack = make_pack(tmp_path, SEARCH_IMAGES)
    source = ("# Agents\n\nAgents call tools.\n\n"
              "See ![Function calling](https://www.google.com/search?q=function+calling&tbm=isch) here.\n")
    result = check(source, pack, "markdown")
    assert_maps_back(source, result, "markdown")
    (f,) = result.findings
    assert (f.rule, f.line, f.column) == ("search-page-image", 5, 5)
    assert f.text.startswith("![Function calling](https://www.google.com/search")


@pytest.mark.parametrize("fmt, source", [
    ("markdown", "# Syntax\n\nWrite:\n\n```\n![x](https://www.google.com/search?q=a)\n```\n\nDone.\n"),
    ("markdown", "# Syntax\n\nWrite `![x](https://www.google.com/search?q=a)` to try it.\n"),
    ("markdown", "# Syntax\n\nA list:\n\n    ![x](https://www.google.com/search?q=a)\n\nDone.\n"),
    ("markdown", "# Search\n\nSee [the results](https://www.google.com/search?q=a) for more.\n"),
    ("markdown", "# Pipeline\n\n![Pipeline](images/pipeline.png)\n"),
    ("html", "<html><body><pre>&lt;img src=x&gt; <img src=\"https://www.google.com/search?q=a\"></pre>"
             "<article><p>The council met.</p></article></body></html>"),
    ("html", "<html><body><header><img src=\"https://www.google.com/search?q=a\"></header>"
             "<article><p>The council met on Monday.</p><p>It voted.</p></article></body></html>"),
])
def test_code_links_other_addresses_and_images_outside_the_scope_are_not_read(tmp_path, fmt, source):
    assert check(source, make_pack(tmp_path, SEARCH_IMAGES), fmt).findings == []


def test_html_images_in_the_article_are_read_and_plain_text_keeps_its_markdown(tmp_path):
    pack = make_pack(tmp_path, SEARCH_IMAGES)
    html = ("<html><body><article><p>The council met on Monday.</p>"
            "<img alt=\"Hall\" src=\"https://www.google.com/search?q=hall\"><p>It voted.</p></article></body></html>")
    assert [f.rule for f in check(html, pack, "html").findings] == ["search-page-image"]
    text = "The council met.\n\n![Hall](https://www.google.com/search?q=hall)\n"
    assert [f.line for f in check(text, pack, "text").findings] == [3]


def test_links_and_the_alt_text_are_read_when_asked(tmp_path):
    pack = make_pack(tmp_path, SEARCH_IMAGES.replace("    scope: article\n",
                                                     "    scope: article\n    links: true\n    alt: 'image'\n"))
    source = ("# Notes\n\nSee [image search: bridges](https://www.google.com/search?q=bridge&tbm=isch).\n\n"
              "See [the results](https://www.google.com/search?q=bridge).\n")
    assert [f.line for f in check(source, pack, "markdown").findings] == [3]


def test_the_default_pack_reports_a_picture_a_model_could_not_draw():
    pack = RulePack.load()
    for image in ("![Tools](prompt: \"Create an infographic of the AI tools landscape\")",
                  "![Resources](https://example.com/resources.png)",
                  "![Resources](https://www.google.com/imgres?imgurl=https%3A%2F%2Fexample.org%2Fa.png)",
                  "![Pipeline](path/to/pipeline.png)"):
        source = f"# Guide\n\nThe tools are many.\n\n{image}\n\nEach has a use.\n"
        assert "placeholder-image" in [f.rule for f in check(source, pack, "markdown").findings], image


@pytest.mark.parametrize("rule, message", [
    ("    kind: image\n", "address"),
    ("    kind: image\n    address: '(unclosed'\n", "does not compile"),
    ("    kind: image\n    address: x\n    fix: {remove: match, safety: safe}\n", "cannot have a fix"),
])
def test_a_bad_image_rule_is_a_located_error(tmp_path, rule, message):
    text = "rules:\n  - id: r\n    category: c\n    message: m\n" + rule
    with pytest.raises(RulePackError) as info:
        make_pack(tmp_path, text)
    assert message in str(info.value)


@pytest.mark.parametrize("source", [
    # A theme's demo page: its placeholder service's pictures are the point of the page.
    "<html><body><article><h1>Blog Home</h1><p>Lorem ipsum dolor sit amet.</p>"
    "<img src=\"https://dummyimage.com/700x350/dee2e6/6c757d.jpg\" alt=\"...\"></article></body></html>",
    # A comment is not shown.
    "# Tour\n\nThe campus tour.\n\n<!-- ![VR College Explorer](your-image-link-here) -->\n\nWalk the halls.\n",
    "<html><body><article><p>The tour.</p><script>document.write('<!-- x --><img src=\"path/to/a.png\">');</script>"
    "<p>Walk the halls.</p></article></body></html>",
])
def test_a_demo_pages_placeholders_and_what_is_not_shown_are_not_reported(source):
    pack = RulePack.load()
    assert [f.rule for f in check(source, pack, "html" if source.startswith("<") else "markdown").findings
            if f.rule == "placeholder-image"] == []
