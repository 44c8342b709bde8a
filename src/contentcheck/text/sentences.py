"""Sentence boundaries inside one block of text (good enough for news prose)."""

from __future__ import annotations

import re
from bisect import bisect_right

_ABBREV = frozenset("""mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr no vs etc e.g i.e
inc ltd co corp dept univ jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
mt ft approx est fig vol p pp rev hon capt cmdr adm pres supt det insp""".split())
# A full stop, "!" or "?" before a space and a capital or a digit; or before a letter of a script with no
# capitals (Hangul, Han, Kana, Thai, Arabic: "안녕하세요. 로맨스 소설을..."), checked in sentence_spans. A
# Chinese or Japanese "。", "！", "？" ends a sentence with no space after it.
# (An ASCII lower-case letter after the space is never a new sentence: the pattern passes it over.)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[«]?([^\W_a-z]))|[\u3002\uff01\uff1f]+[」』”’）)]*(?=.)", re.S)


def _starts_sentence(c: str | None) -> bool:
    """Does a sentence start with this character: a capital, a digit, or a letter of a caseless script?"""
    return c is None or c.isupper() or c.isdigit() or (c.isalpha() and not c.islower() and ord(c) > 0x2FF)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _END.finditer(text):
        if not _starts_sentence(m.group(1)):
            continue
        if m.group(0)[0] == ".":
            word = text[max(0, m.start() - 12):m.start()].split()
            last = word[-1].lower().lstrip("(\"'“") if word else ""
            if last in _ABBREV or (len(last) == 1 and last.isalpha()):
                continue
        end = m.end()
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def sentence_at(spans: list[tuple[int, int]], index: int) -> int:
    """The sentence holding ``index`` (the last one past the end); a bisection, as a long block
    may have thousands of sentences and as many matches."""
    return min(bisect_right(spans, index, key=_end), len(spans) - 1)


def _end(span: tuple[int, int]) -> int:
    return span[1]
