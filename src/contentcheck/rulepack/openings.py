"""Where a text opens: the block its first words stand in, past the headings, bylines and labels
that head it, and whether anything heads it at all (a chat answer pasted whole has no title)."""

from __future__ import annotations

import re

from ..document import HEADING_TAGS
from ..vocabulary import GREETINGS

OPENING_BLOCKS = 5  # how far a title, a headline and bylines may push the opening
_SPACE = re.compile(r"\s*")
_LABEL_MARKS = " \t*_#>"
_LABEL_MAX = 40
# A greeting that is a sentence of its own, with at most three words of address ("Selamat siang!", "Hello there.",
# "Kumusta po!"): a chat answer's first words to its requester, before its first sentence (GREETINGS ignore case).
_GREETING_SENTENCE = re.compile("[" + re.escape(_LABEL_MARKS) + "]*" + GREETINGS + r"(?![^\W\d_])(?:[ \t,]+[^\s.!?\u3002\uff01]+){0,3}"
                                r"[ \t]*[!.\u3002\uff01][ \t]*(?:\n[ \t]*)*")


def opening_block(st) -> int:
    """The index of the block that opens the text: the first that is not a heading or a byline
    (the headings and bylines before it open the text too)."""
    from ..text.bylines import DESK_LINE, byline_from_line  # loaded by the rules that ask where a text opens

    for i, block in enumerate(st.blocks[:OPENING_BLOCKS]):
        text = block.text.strip()
        if (block.tag in HEADING_TAGS or is_label(text) or _greeting_only(text)
                or "\n" not in text and (byline_from_line(text) or DESK_LINE.match(text))):
            continue
        return i
    return OPENING_BLOCKS - 1


def is_label(text: str) -> bool:
    """Is a block only a label that introduces what follows ("**Explanation:**", "### Answer:",
    "คำอธิบาย:")? A few words ending in a colon title nothing."""
    text = text.strip(_LABEL_MARKS)
    return (text.endswith((":", "\uff1a")) and "\n" not in text and len(text) <= _LABEL_MAX
            and len(text.split()) <= 4)


def _greeting_only(text: str) -> bool:
    greeting = _GREETING_SENTENCE.match(text)
    return greeting is not None and greeting.end() >= len(text)


def past_label(text: str, start: int, end: int) -> int:
    """Where the first sentence of a block begins: after a label on the block's first line ("Explanation:\n...")
    or a greeting ("Selamat siang! Memang benar, ...")."""
    line_end = text.find("\n", start, min(end, start + _LABEL_MAX + 8))  # a label is short: look no further
    if line_end != -1 and is_label(text[start:line_end]):
        return _SPACE.match(text, line_end, end).end()
    greeting = _GREETING_SENTENCE.match(text, start, end)
    return greeting.end() if greeting and greeting.end() < end else start


def untitled(doc, st) -> int:
    """The block that opens a text nothing heads (no heading, byline, or title or author declared apart;
    a label such as "Explanation:" is no title), else -1."""
    meta = doc.metadata
    if (meta.title and meta.title_offset is None) or meta.authors:
        return -1
    first = opening_block(st)
    return first if all(is_label(block.text.strip()) for block in st.blocks[:first]) else -1


def unquoted_tail(lead_in: str) -> str:
    """What of a sentence's words before a match stands outside a quotation still open there: after the
    last unclosed "「" or "『" ("店員は「何をお手伝いしましょうか？」"), so a match reported from its
    sentence's start still lies inside the quotation that holds it."""
    opened = max(lead_in.rfind("\u300c"), lead_in.rfind("\u300e"))
    if opened < 0 or "\u300d" in lead_in[opened:] or "\u300f" in lead_in[opened:]:
        return lead_in
    return lead_in[opened + 1:]
