"""The HTML tokenizer's rules for where markup ends and what a character reference means.

The tree (lexbor) decides what is text; these rules only let the position
cursor step over markup in the source the way the HTML Standard's tokenizer
does (section 13.2.5), so that a text node is matched at its own place and
never inside a tag, an attribute value or a comment:

- a tag ends at the first ``>`` outside a quoted attribute value; a value is
  quoted only when the quote comes right after ``=`` (``a=x"y`` is unquoted,
  ``"`` after a value starts a new attribute name);
- ``<!--`` comments end at ``-->`` or ``--!>``, and ``<!-->`` / ``<!--->`` are
  empty comments; ``<?``, ``<!x`` and ``</3`` are bogus comments ending at the
  next ``>``; ``<!DOCTYPE`` ends at the next ``>``;
- character references follow the named table (longest match, the legacy
  names without ``;``) and the numeric rules (0, surrogates and values past
  U+10FFFF give U+FFFD; 0x80-0x9F give windows-1252 characters, except the five
  that windows-1252 leaves undefined, which stay as they are).
"""

from __future__ import annotations

import re
from html.entities import html5 as _NAMED

# HTML whitespace, without CR: the cursor works on text whose CR/CRLF are LF.
_WS = r"\t\n\f "
# Attribute grammar of the tokenizer, written so that every character has a
# single reading (no backtracking into another split, no quadratic failure):
# a name runs to whitespace, '/', '>' or '='; after '=' comes exactly one value.
_NAME = rf"[^{_WS}/>][^{_WS}/>=]*(?=[{_WS}/>=]|\Z)"
_VALUE = rf"\"[^\"]*\"|'[^']*'|[^{_WS}>\"'][^{_WS}>]*(?=[{_WS}>]|\Z)|(?=>)"
_ATTR = rf"{_NAME}(?:[{_WS}]*=[{_WS}]*(?:{_VALUE})|(?![{_WS}]*=))"
TAG = rf"</?[A-Za-z][^{_WS}/>]*(?:[{_WS}/]*{_ATTR})*[{_WS}/]*>"
# A start tag with its name captured (attributes as above).
START_TAG = re.compile(rf"<([A-Za-z][^{_WS}/>]*)(?:[{_WS}/]*{_ATTR})*[{_WS}/]*>")
# Markup that makes no node of its own: tags (the elements are in the tree,
# and an ignored tag leaves nothing), doctypes and '</>'.
SKIPPABLE = re.compile(rf"(?:{TAG}|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^>]*>|</>)*")
# The same, and the whitespace between them (before a text node that does not
# start with whitespace: the whitespace was a node of its own, or dropped).
SKIPPABLE_WS = re.compile(rf"(?:[{_WS}]+|{TAG}|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^>]*>|</>)*")
# Any run of text and complete markup, read as the tokenizer reads it; it
# stops before a construct that does not end (within the bound given to match).
REGION = re.compile(
    rf"(?:[^<]+|{TAG}|<!--(?:>|->|[\s\S]*?--!?>)|<!(?!--)[^>]*>|<\?[^>]*>|</(?![A-Za-z>])[^>]*>|</>"
    r"|<(?![A-Za-z!?/]))*")
# The usual markup between two text nodes, read faster: whitespace, and tags
# whose every '=' is followed by a quoted value and that hold no other quote
# or '<' (such a tag ends at its first '>' outside the quotes, as above).
# Where it stops at a '<', SKIPPABLE_WS goes on.
FAST_SKIP = re.compile(r"(?:[\t\n\f ]+|</?[A-Za-z][^<>\"'=]*(?:=[\t\n\f ]*(?:\"[^\"]*\"|'[^']*')[^<>\"'=]*)*>)*")
_ONE_SKIPPABLE = re.compile(rf"{TAG}|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^>]*>|</>")
_WHITESPACE = re.compile(rf"[{_WS}]+")

# In text: what may not be copied one for one (a reference, markup, NUL).
DATA_SPECIAL = re.compile(r"[&<\x00]")
RCDATA_SPECIAL = re.compile(r"[&\x00]")
RAW_SPECIAL = re.compile(r"\x00")

_NUMERIC = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));?")
_NAME_START = re.compile(r"&([A-Za-z0-9]{1,32};?)")
_LONGEST_NAME = 32
_C1 = {
    0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020",
    0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8A: "\u0160", 0x8B: "\u2039", 0x8C: "\u0152",
    0x8E: "\u017d", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022",
    0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9A: "\u0161", 0x9B: "\u203a",
    0x9C: "\u0153", 0x9E: "\u017e", 0x9F: "\u0178",
}


def decode_reference(src: str, i: int) -> tuple[str, int]:
    """The text of the character reference at ``src[i] == '&'`` and where it ends.

    Not a reference (a bare ``&``, ``&#`` with no digits, an unknown name):
    ``("&", i + 1)``, the ampersand as text.
    """
    nxt = src[i + 1:i + 2]
    if nxt == "#":
        m = _NUMERIC.match(src, i)
        if m is None:
            return "&", i + 1
        digits = m.group(1)
        code = int(digits, 10) if digits is not None else int(m.group(2), 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd", m.end()
        return _C1.get(code) or chr(code), m.end()
    m = _NAME_START.match(src, i)
    if m is None:
        return "&", i + 1
    name = m.group(1)
    text = _NAMED.get(name)
    if text is not None:
        return text, m.end()
    # The longest name in the table that the characters start with
    # ("&notit;" is "¬it;": only the legacy names may lack the ';').
    for k in range(min(len(name), _LONGEST_NAME) - 1, 1, -1):
        text = _NAMED.get(name[:k])
        if text is not None:
            return text, i + 1 + k
    return "&", i + 1


def skip_markup(src: str, pos: int) -> int:
    """Just past the tags, doctypes and ``</>`` that start at ``pos`` (``pos`` if none)."""
    if src.startswith("<", pos):
        return SKIPPABLE.match(src, pos).end()
    return pos


def skip_one_tag(src: str, pos: int) -> int:
    """Just past the one tag or doctype at ``pos``, or ``pos``."""
    m = _ONE_SKIPPABLE.match(src, pos)
    return m.end() if m else pos


def skip_whitespace(src: str, pos: int) -> int:
    m = _WHITESPACE.match(src, pos)
    return m.end() if m else pos


def comment_at(src: str, pos: int) -> tuple[int, int, int] | None:
    """``(data_start, data_end, end)`` of the comment at ``pos`` (real or bogus), else None.

    A comment that never ends runs to the end of the source (so does a bogus
    comment without ``>``).
    """
    if not src.startswith("<", pos):
        return None
    nxt = src[pos + 1:pos + 2]
    n = len(src)
    if nxt == "!":
        if src.startswith("<!--", pos):
            start = pos + 4
            if src.startswith(">", start):  # <!-->
                return start, start, start + 1
            if src.startswith("->", start):  # <!--->
                return start, start, start + 2
            end = src.find("--", start)
            while end != -1:
                if src.startswith(">", end + 2):
                    return start, end, end + 3
                if src.startswith("!>", end + 2):
                    return start, end, end + 4
                end = src.find("--", end + 1)
            return start, n, n
        if src[pos + 2:pos + 9].lower() == "doctype":
            return None
        start = pos + 2
    elif nxt == "?":
        start = pos + 1  # the '?' is part of the comment's data
    elif nxt == "/":
        after = src[pos + 2:pos + 3]
        if not after or after == ">" or after.isascii() and after.isalpha():
            return None
        start = pos + 2
    else:
        return None
    end = src.find(">", start)
    if end == -1:
        return start, n, n
    return start, end, end + 1


def is_markup(src: str, pos: int) -> bool:
    """Does the '<' at ``pos`` start markup (in ordinary content), not text?"""
    nxt = src[pos + 1:pos + 2]
    if not nxt:
        return False
    if nxt.isascii() and nxt.isalpha() or nxt in "!?":
        return True
    if nxt == "/":
        after = src[pos + 2:pos + 3]
        return bool(after)
    return False
