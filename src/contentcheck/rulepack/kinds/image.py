"""``kind: image`` -- the address of an image in the text (or of a link) matches a regular expression.

An image is a Markdown image (``![alt]`` and its address in parentheses, read in Markdown and in
plain text, where a chat answer pasted as it came keeps its Markdown) or an HTML
``<img src="address">``, its tag in lower case (in HTML and in Markdown). ``address`` is a regular expression searched in
the address, case ignored: an image whose address is a search results page
(``https://www.google.com/search?q=...&tbm=isch``), a domain kept for examples or a description of
the picture a model could not draw (``prompt: "Create an infographic..."``) shows no picture to the
reader. ``alt`` is an optional expression the image's text must match too. ``links: true`` reads
links as well (``[text]`` and its address, ``<a href>``), with their text for ``alt``.

Only images inside the rule's scope are read: from the first of its text to the last (to the end,
in Markdown and plain text: an image may close the text, alone on its line), and not in code (a
fenced or indented block, inline code, ``<pre>``, ``<code>``, or a script that writes HTML) nor in an
HTML comment: an address in a tutorial's example is shown, not shown broken, and a comment is not shown.
The finding is the image or link, where it stands in the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..schema import v_bool, v_regex
from . import Match

PARAMS = {"address": v_regex, "alt": v_regex, "links": v_bool}
REQUIRED = ("address",)

# Markdown: the text in brackets, then the address up to a space or the closing parenthesis (a
# description written in its place runs on to the parenthesis: "(prompt: "Create ...")").
# The destination holds no bare parenthesis but one balanced pair, as CommonMark reads it: the scan after an
# opener stops at the next "(" (a line of fifty thousand "![x](" costs one short scan each).
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\]\(([^()\n]{0,1000}(?:\([^()\n]{0,1000}\)[^()\n]{0,1000})?)\)")
_MD_IMAGE = re.compile("!" + _MD_LINK.pattern)  # (a literal start: re skips to each "![" at C speed)
_MD_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*')\s*$""")  # ![alt](address "title")
# An element's address, read where "<img" (or "<a") stands, found with str.find: a case-blind pattern would try
# every position of a page.
_HTML = re.compile(r"<(img|a)\b[^<>]{0,2000}?\b(src|href)\s*=\s*(?:\"([^\"]{0,2000})\"|'([^']{0,2000})'|([^\s>]{1,2000}))"
                   r"[^<>]{0,2000}>", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_CODE_TAG = re.compile(r"<(/?)(pre|code|script|textarea)\b", re.IGNORECASE)


def prepare(params: dict) -> dict:
    params["_address"] = re.compile(params["address"], re.IGNORECASE)
    params["_alt"] = re.compile(params["alt"], re.IGNORECASE) if params.get("alt") else None
    return params


def compile(rules) -> tuple[list, bool]:
    rules = list(rules)
    return rules, any(rule.params.get("links") for rule in rules)  # (whether links are read: once per pack)


def run(doc, compiled: tuple[list, bool]) -> Iterator[Match]:
    rules, links = compiled
    # Addresses first (a page has dozens of images, and few have such an address), then where the matched stand.
    found = []
    for element in _elements(doc, links):
        start, end, is_image, target, _m = element
        for rule in rules:
            if (is_image or rule.params.get("links")) and rule.params["_address"].search(target):
                alt = rule.params["_alt"]
                if alt is None or alt.search(_text(doc.source, element)):
                    found.append((rule, start, end))
    if not found:
        return
    source = doc.source
    code = _code_ranges(doc)
    extents: dict[str, tuple[int, int] | None] = {}
    for rule, start, end in found:
        if rule.scope not in extents:
            extents[rule.scope] = _extent(doc, rule.scope)
        extent = extents[rule.scope]
        if extent is not None and extent[0] <= start < extent[1] and not _in_ranges(code, start) \
                and not (doc.format != "html" and _in_inline_code(source, start)):
            yield Match(rule, None, start, end)


def _elements(doc, links: bool) -> list[tuple[int, int, bool, str, re.Match | None]]:
    """(start, end, an image?, address, the match) of every image (and link), in source order. Each format is
    searched only for its own syntax: an HTML page for "<img", Markdown for "![" and "<img"."""
    source, fmt = doc.source, doc.format
    found = []
    if fmt != "html" and ("](" if links else "![") in source:
        for m in (_MD_LINK if links else _MD_IMAGE).finditer(source):
            is_image = not links or (m.start() > 0 and source[m.start() - 1] == "!")
            address = _MD_TITLE.sub("", m.group(2)).strip()
            if address.startswith("<") and address.endswith(">"):
                address = address[1:-1]
            found.append((m.start() - (links and is_image), m.end(), is_image, address, m))
    if fmt != "text":
        # (lower-case tags only: each tag is one more pass over the page, and a model writes lower case)
        for tag in ("<img", "<a ") if links else ("<img",):
            pos = source.find(tag)
            while pos >= 0:
                # The attribute read with str methods first (a page has dozens of images); the pattern only
                # where the plain "src=" or "href=" is not there to read.
                end = source.find(">", pos, pos + 4000)  # (bounded: a page of "<img" with no ">" scans little)
                attribute = "src=" if tag == "<img" else "href="
                at = source.find(attribute, pos, end) if end >= 0 else -1
                if at >= 0 and source[at + len(attribute)] in "\"'":
                    quote = source[at + len(attribute)]
                    close = source.find(quote, at + len(attribute) + 1, end)
                    if close >= 0:
                        found.append((pos, end + 1, attribute == "src=",
                                      source[at + len(attribute) + 1:close].strip(), None))
                        pos = source.find(tag, end)
                        continue
                m = _HTML.match(source, pos)
                if m:
                    target = next(g for g in m.group(3, 4, 5) if g is not None)
                    found.append((m.start(), m.end(), m.group(1).lower() == "img", target.strip(), m))
                pos = source.find(tag, pos + len(tag))
        if fmt == "markdown" or links:  # Markdown's images and its HTML ones, or images and links: one order
            found.sort(key=lambda element: element[0])
    return found


def _text(source: str, element: tuple) -> str:
    """The text of an element: a Markdown image's or link's brackets, an <img>'s alt, an <a>'s content."""
    start, end, is_image, _target, m = element
    if m is not None and m.re is not _HTML:
        return m.group(1)
    if is_image:
        alt = _ALT.search(source, start, end)
        return (alt.group(1) or alt.group(2) or "") if alt else ""
    close = source.find("</a>", end, end + 2000)
    return re.sub(r"<[^<>]*>", "", source[end:close]) if close >= 0 else ""


def _extent(doc, scope: str) -> tuple[int, int] | None:
    """The source offsets from the first character of a scope's text to its last."""
    st = doc.scope(scope)
    blocks = [b for b in st.blocks if b.text.strip()]
    if not blocks:
        return None
    start = min(b.source_offset(0) for b in blocks)
    if doc.format != "html":
        return start, len(doc.source)  # the text runs to the end (an image may close it, alone on its line)
    return start, max(b.source_offset(len(b.text), end=True) for b in blocks) + 1


def _code_ranges(doc) -> list[tuple[int, int]]:
    """(start, end) of the source's code, in order: fenced blocks in Markdown, and the elements whose text
    is code or a program (pre, code, script, textarea) and the comments, in HTML and in Markdown's HTML."""
    source = doc.source
    ranges = _fenced(source) if doc.format != "html" else []
    if doc.format != "text":
        ranges += [(m.start(), m.end()) for m in _COMMENT.finditer(source)]  # not shown at all
        opened, name = -1, ""
        for m in _CODE_TAG.finditer(source):
            if opened < 0 and not m.group(1):
                opened, name = m.start(), m.group(2).lower()
            elif opened >= 0 and m.group(1) and m.group(2).lower() == name:
                ranges.append((opened, m.end()))
                opened = -1
        if opened >= 0:
            ranges.append((opened, len(source)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):  # (a comment inside a script is the script's)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _fenced(source: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block: from its opening fence to its closing one (or the end)."""
    ranges, opened, marker = [], -1, ""
    for m in _FENCE.finditer(source):
        if opened < 0:
            opened, marker = m.start(), m.group(1)
        elif m.group(1)[0] == marker[0] and len(m.group(1)) >= len(marker):
            ranges.append((opened, m.end()))
            opened = -1
    if opened >= 0:
        ranges.append((opened, len(source)))
    return ranges


def _in_ranges(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _in_inline_code(source: str, pos: int) -> bool:
    """Inside `inline code` on its line, or on a line indented as code?"""
    line_start = source.rfind("\n", 0, pos) + 1
    if source.startswith("    ", line_start) or source.startswith("\t", line_start):
        return True
    return source.count("`", line_start, pos) % 2 == 1
