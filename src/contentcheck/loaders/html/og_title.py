"""An og:title meta's content as the source writes it, with its place: the page's own title,
read where a check can report it (the tree gives the value, not where it stands)."""

from __future__ import annotations

import re

from .markup import decode_reference

# The og:title meta as written: its name attribute, and its content within a tag's reach.
_OG_TITLE_NAME = re.compile(r"""\b(?:property|name)\s*=\s*(["']?)og:title\1(?=[\s/>])""", re.IGNORECASE)
# Its "og:title" alone, found from the colon: a literal first character makes the scan of a page
# a fast search, where the whole expression is tried at every character.
_OG_TITLE_CORE = re.compile(r":(?<=og:)title", re.IGNORECASE)
_CONTENT_ATTR = re.compile(r"""\bcontent\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_ATTR_SPACES = str.maketrans("\n\t\r\x0c", "    ")
_TAG_REACH = 8192  # no meta tag is longer; bounds the work on a hostile page
_OG_TRIES = 16  # og:title metas looked at, from the last (the one the parser keeps)


def _attribute_text(src: str, start: int, end: int) -> tuple[str, list] | None:
    """The text of an attribute value written at src[start:end], with its segments (see Block)."""
    parts: list[str] = []
    segments: list[tuple[int, int, int | None]] = []
    n, i = 0, start
    while i < end:
        amp = src.find("&", i, end)
        stop = end if amp == -1 else amp
        if stop > i:
            segments.append((n, i, None))
            parts.append(src[i:stop])
            n += stop - i
        if amp == -1:
            break
        char, after = decode_reference(src[amp:end], 0)
        if len(char) != 1:
            return None
        segments.append((n, amp, after))
        parts.append(char)
        n, i = n + 1, amp + after
    return "".join(parts), segments


def og_title_in_source(src: str, wanted: str) -> tuple[str, list] | None:
    """The content of the last og:title meta whose text is ``wanted``, with its segments; not one
    in a comment. Linear in the page: a few bounded looks per og:title named in it."""
    names = _og_title_names(src)[-_OG_TRIES:]
    for at in reversed(names):
        start = src.rfind("<", max(0, at - _TAG_REACH), at)
        if start == -1 or src[start:start + 5].lower() != "<meta" or ">" in src[start:at]:
            continue
        if src.rfind("<!--", 0, start) > src.rfind("-->", 0, start):
            continue  # a commented-out copy
        value = _CONTENT_ATTR.search(src, start, min(len(src), start + _TAG_REACH))
        if value is None or ">" in src[start:value.start()]:
            continue
        read = _attribute_text(src, value.start(2), value.end(2))
        if read is not None and " ".join(read[0].split()) == wanted:
            # Line breaks and tabs in an attribute are spaces, as in the page's text.
            return read[0].translate(_ATTR_SPACES), read[1]
    return None


def _og_title_names(src: str) -> list[int]:
    """The starts of _OG_TITLE_NAME's matches in src, as its finditer gives them: from each
    "og:title", back over a quote, spaces, "=" and spaces to the one place a match can start."""
    starts = []
    for core in _OG_TITLE_CORE.finditer(src):
        i = core.start() - 2
        if i > 0 and src[i - 1] in "\"'":
            i -= 1
        while i > 0 and src[i - 1].isspace():
            i -= 1
        if i == 0 or src[i - 1] != "=":
            continue
        i -= 1
        while i > 0 and src[i - 1].isspace():
            i -= 1
        for start in (i - 8, i - 4):  # "property" or "name" ends at i
            if start >= 0 and _OG_TITLE_NAME.match(src, start):
                starts.append(start)
                break
    return starts
