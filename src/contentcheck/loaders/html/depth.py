"""A nesting limit, as browsers have one, so a hostile page stays linear.

The tree builder looks down the stack of open elements for many start tags
("is there a <p> in button scope?"), so 60,000 unclosed ``<div>`` cost time
quadratic in the depth. Chromium stops nesting at 512 levels. Here the parser
is given the page without the start tags that would open an element deeper
than ``MAX_DEPTH``: their text stays where it is (only the tags go), and the
cursor still reads the original source, so every position stays exact.

A page is only scanned when it could be that deep: many more '<' than '</'.
"""

from __future__ import annotations

import re

from .markup import TAG

MAX_DEPTH = 512
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_RAW = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())
# Start tags that end an open element of the same kind (or a <p>), as the
# tree builder's implied end tags do; enough to keep ordinary pages shallow.
_CLOSES_SAME = frozenset("p li dt dd option tr td th".split())
_CLOSES_P = frozenset("""address article aside blockquote details dialog div dl fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section summary table ul""".split())
# Where that search stops: an <li> does not end the <li> of an outer list.
_BARRIER = frozenset("""ul ol dl menu table tbody thead tfoot tr td th caption button blockquote
    section article aside nav header footer main form fieldset figure details object template""".split())
_TAG_OR_COMMENT = re.compile(rf"<!--|{TAG}")
_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")


def may_be_deep(source: str, pieces: int = 16) -> bool:
    """Cheap test: are there, at some point of the page, enough start tags
    not yet closed to reach the limit? (Counted at a few points, in C.)"""
    n = len(source)
    step = n // pieces + 1
    open_tags = 0
    for start in range(0, n, step):
        ends = source.count("</", start, start + step)
        open_tags += source.count("<", start, start + step) - 2 * ends
        if open_tags > MAX_DEPTH:
            return True
    return False


def cap_depth(source: str) -> str:
    """The source without the start tags that would nest deeper than MAX_DEPTH."""
    stack: list[str] = []
    keep: list[str] = []
    last = 0
    pos = 0
    n = len(source)
    search = _TAG_OR_COMMENT.search
    # No '>' left means no tag left: without this bound, each '<' of a long
    # tail of unclosed tag starts would be scanned to the end (quadratic time).
    last_gt = source.rfind(">") + 1
    while pos < last_gt:
        m = search(source, pos, last_gt)
        if m is None:
            break
        if m.group(0) == "<!--":
            end = source.find("-->", m.end())
            pos = n if end == -1 else end + 3
            continue
        pos = m.end()
        tag = m.group(0)
        name = _NAME.match(tag).group(1).lower()
        if tag[1] == "/":
            for depth in range(len(stack) - 1, max(len(stack) - 48, -1), -1):
                if stack[depth] == name:
                    del stack[depth:]
                    break
            continue
        if name in _RAW:
            close = re.compile(r"</" + re.escape(name) + r"[\t\n\f\r />]", re.IGNORECASE).search(source, pos)
            pos = n if close is None else close.start()
            continue
        if name in _VOID:
            continue
        if name in _CLOSES_SAME or name in _CLOSES_P:
            target = name if name in _CLOSES_SAME else "p"
            for depth in range(len(stack) - 1, max(len(stack) - 48, -1), -1):
                if stack[depth] == target:
                    del stack[depth:]
                    break
                if stack[depth] in _BARRIER:
                    break
        if len(stack) >= MAX_DEPTH:
            keep.append(source[last:m.start()])
            last = pos
            continue
        stack.append(name)
    keep.append(source[last:])
    return "".join(keep)
