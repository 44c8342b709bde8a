"""The HTML loader against the HTML Standard, not against itself.

- html5lib-tests, tree construction: the loader's text is the text of the
  expected tree (the suite's own answer, written from the standard);
- html5lib-tests, tokenizer inputs (data state): the loader's text is the
  visible text html5lib's tree gives (html5lib is a test dependency only);
- the real pages of ../shared/corpus/html (skipped when absent): no page
  differs from html5lib's visible text by more than 1% of its words;
- everywhere: every character of every block is at its place in the source
  (copied one for one, or produced by the character reference or CRLF there).

Left out by design, on both sides: ``pre``, ``svg``, ``math``, ``canvas`` and
``object`` (code and graphics, never prose to check); ``script``, ``style``,
``template``, ``noscript`` (scripting is on, as in a browser), ``noembed``,
``noframes`` and ``iframe`` (never shown as text); the ``<head>`` except its
title.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from contentcheck.loaders import load_document, parse_text
from contentcheck.loaders.html.zones import BLOCK_TAGS, SKIP_TAGS

from ..conftest import REPO
from .html_helpers import assert_blocks_at_their_text, loader_text

html5lib = pytest.importorskip("html5lib")

HERE = Path(__file__).resolve().parent
SPEC_DATA = HERE / "data" / "html5lib-tests"
# ../shared beside the project (as in CI); CONTENTCHECK_SHARED names another place.
SHARED = Path(os.environ.get("CONTENTCHECK_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "html"

INVISIBLE = frozenset("head script style template noscript noembed noframes iframe".split()) | SKIP_TAGS
# Inline code is blanked, not read: "<code>&lt;/s&gt;</code>" in an article about chat models is syntax shown.
INLINE_CODE = frozenset("code kbd samp tt".split())


# ---------------------------------------------------------------- oracles

def html5lib_visible_text(source: str) -> str:
    """The text a browser shows, from html5lib's tree (blocks apart, by design exclusions out)."""
    root = html5lib.parse(source, treebuilder="etree", namespaceHTMLElements=False, scripting=True)
    out: list[str] = []
    todo: list[tuple[object, bool]] = [(root, False)]
    while todo:  # no recursion: some inputs nest deeply
        el, closing = todo.pop()
        tag = el.tag if isinstance(el.tag, str) else None  # None: a comment
        name = tag.rsplit("}", 1)[-1].lower() if tag else None
        if closing:
            if name in BLOCK_TAGS:
                out.append(" ")
            if el.tail:
                out.append(el.tail)
            continue
        if name is None:
            if el.tail:
                out.append(el.tail)
            continue
        if name in BLOCK_TAGS:
            out.append(" ")
        todo.append((el, True))
        if name == "head":
            out.extend(" " + (t.text or "") + " " for t in el.iter("title"))
            continue
        if name in INVISIBLE:
            continue
        if name in INLINE_CODE:
            out.append(" ")  # blanked: the words on either side stay apart
            continue
        if el.text:
            out.append(el.text)
        todo.extend((child, False) for child in reversed(list(el)))
    return "".join(out)


def no_space(text: str) -> str:
    return "".join(text.split())


def expected_tree_text(texts: list) -> str:
    """The visible text of a tree-construction test's expected document."""
    out = []
    for path, text in texts:
        if any(p in INVISIBLE and p != "head" or p.startswith(("svg ", "math ")) or p == "content"
               for p in path):
            continue
        if "head" in path and "title" not in path:
            continue
        out.append(text)
    return "".join(out)


# ---------------------------------------------------------------- html5lib-tests

def _tree_cases() -> list[dict]:
    cases = json.loads((SPEC_DATA / "tree-construction.json").read_text(encoding="utf-8"))
    kept = []
    for case in cases:
        if case["id"].startswith("scripted/"):
            continue  # document.write(): contentcheck runs no script
        if "<selectedcontent" in case["input"]:
            continue  # the tree copies an option's text there: a copy has no place in the source
        kept.append(case)
    return kept


TREE_CASES = _tree_cases()


def test_tree_construction_suite_is_there():
    assert len(TREE_CASES) > 1500


@pytest.mark.parametrize("start", range(0, len(TREE_CASES), 100))
def test_tree_construction_text_is_the_expected_trees(start):
    wrong = []
    for case in TREE_CASES[start:start + 100]:
        doc = parse_text("case.html", case["input"], "html")
        assert_blocks_at_their_text(doc)
        want = no_space(expected_tree_text(case["text"]))
        got = no_space(loader_text(doc))
        if got != want:
            wrong.append((case["id"], case["input"][:80], got[:80], want[:80]))
    assert not wrong, "\n".join(map(repr, wrong))


TOKENIZER_INPUTS = json.loads((SPEC_DATA / "tokenizer-inputs.json").read_text(encoding="utf-8"))


def test_tokenizer_suite_is_there():
    assert len(TOKENIZER_INPUTS) > 6000


@pytest.mark.parametrize("start", range(0, len(TOKENIZER_INPUTS), 500))
def test_tokenizer_inputs_give_html5lib_text(start):
    wrong = []
    for source in TOKENIZER_INPUTS[start:start + 500]:
        doc = parse_text("input.html", source, "html")
        assert_blocks_at_their_text(doc)
        # A leading byte-order mark is not content (the decoder drops it, as browsers do).
        want = no_space(html5lib_visible_text(source.removeprefix("\ufeff")))
        got = no_space(loader_text(doc))
        if got != want:
            wrong.append((source[:80], got[:80], want[:80]))
    assert not wrong, "\n".join(map(repr, wrong))


# ---------------------------------------------------------------- real pages

PAGES = sorted(CORPUS.rglob("*.html")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not PAGES, reason="../shared/corpus/html is not there")
def test_corpus_has_its_pages():
    assert len(PAGES) >= 200


@pytest.mark.skipif(not PAGES, reason="../shared/corpus/html is not there")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(CORPUS)) if PAGES else "")
def test_real_page_reads_like_html5lib(page):
    doc = load_document(str(page))
    assert_blocks_at_their_text(doc)
    want = Counter(html5lib_visible_text(doc.source).split())
    got = Counter(loader_text(doc).split())
    missing, extra = want - got, got - want
    differ = sum(missing.values()) + sum(extra.values())
    assert differ <= 0.01 * max(sum(want.values()), 1), (
        f"{differ} of {sum(want.values())} words differ; missing {list(missing.items())[:8]}, "
        f"extra {list(extra.items())[:8]}")
