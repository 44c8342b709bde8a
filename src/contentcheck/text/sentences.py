"""Sentence boundaries inside one block of text (good enough for news prose)."""

from __future__ import annotations

import re
from bisect import bisect_right

from .bidi import BRACKETS, BRACKETS_CLASS, MARKS

# Abbreviations a full stop follows inside a sentence, in the languages of the default pack (lower case,
# without the stop): titles, street and unit words, "e.g.", "i.e.", "т.е.", "bzw.", "p. ex.".
_ABBREV = frozenset("""mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr no vs etc e.g i.e
inc ltd co corp dept univ jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
mt ft approx est fig vol p pp rev hon capt cmdr adm pres supt det insp
ул пр пер просп д кв г гг в вв им проф акад доц т.е т.к т.д т.п т.н см стр рис табл тыс млн млрд руб коп св ген
hr hrn fr frau bzw bspw z.b u.a usw vgl ca nr str s.o s.u evtl ggf inkl напр
sra srta dra ud uds av avda pág núm dña sig dott dott.ssa ing mgr např tzv tj atd resp cca mme mlle cf ex ej ecc
dsb dst
""".split())
# Direction marks after a stop go with its sentence ("ذلك.\u200f الجسر" ends as "ذلك. الجسر" does); an
# embedding or an isolate may stand between two sentences but belongs to neither (text/bidi.py).
_ANY_MARK = MARKS + BRACKETS_CLASS
# A full stop, "!", "?" or "؟" before a space and a capital or a digit; or before a letter of a script
# with no capitals (Hangul, Han, Kana, Thai, Arabic: "안녕하세요. 로맨스 소설을..."), checked in
# sentence_spans (an ASCII lower-case letter the pattern passes over). A Chinese or Japanese "。", "！",
# "？" ends a sentence with no space after it, unless a quotation it closes goes on ("「はい。」と答えた").
# Emphasis marks of a Markdown text read as plain text close and open sentences as quotation marks do
# ("**So, am I as capable?** While I'm..."). Each run of marks is tried once, from its first mark, and
# taken whole (a look-ahead and a back-reference, as an atomic group): a line of thousands of dots is one
# scan, not one per dot. Each branch opens with its marks, so the scan jumps from mark to mark.
_END = re.compile(r"[.!?…\u061f](?<![.!?…\u061f]{2})(?=(?P<m>[.!?…\u061f]*))(?P=m)[\"'”’)\]»*_" + MARKS + r"]*"
                  r"(?=[" + BRACKETS_CLASS + r"]*\s+(?:[" + _ANY_MARK + r"]+\s+)*[" + _ANY_MARK + r"]*"
                  r"(?:(?:[\"'“‘(\[«¿¡„]|\*{1,3}|_{1,2})[" + _ANY_MARK + r"]*)?([^\W_a-z]))"
                  r"|[\u3002\uff01\uff1f](?<![\u3002\uff01\uff1f]{2})(?=(?P<c>[\u3002\uff01\uff1f]*[」』”’）)]*))(?P=c)"
                  r"(?=[^\u3002\uff01\uff1f」』”’）)とって])", re.S)


def _starts_sentence(c: str | None) -> bool:
    """Does a sentence start with this character: a capital, a digit, or a letter of a caseless script?"""
    return c is None or c.isupper() or c.isdigit() or (c.isalpha() and not c.islower() and ord(c) > 0x2FF)


def _abbreviation(word: str) -> bool:
    """Is a word before a full stop an abbreviation or initials ("ул", "А.С", "J.R.R")?"""
    parts = word.split(".")
    return word in _ABBREV or (all(len(part) <= 1 for part in parts) and any(part.isalpha() for part in parts))


def abbreviation_before(text: str, index: int) -> bool:
    """Is the word before the full stop at ``index`` an abbreviation or initials ("e.g", "z. B", "напр")?"""
    word = text[max(0, index - 12):index].split()
    return _abbreviation(word[-1].lower().lstrip("(\"'“«") if word else "")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    while start < len(text) and text[start] in BRACKETS:
        start += 1
    for m in _END.finditer(text):
        if not _starts_sentence(m.group(2)):
            continue
        if m.group(0)[0] == "." and abbreviation_before(text, m.start()):
            continue
        end = m.end()
        spans.append((start, end))
        start = end
        while start < len(text) and (text[start].isspace() or text[start] in BRACKETS):
            start += 1
    if start < len(text) and text[start:].strip():
        end = len(text)
        while end > start and text[end - 1] in BRACKETS:
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text))]


def sentence_at(spans: list[tuple[int, int]], index: int) -> int:
    """The sentence holding ``index`` (the last one past the end); a bisection, as a long block
    may have thousands of sentences and as many matches."""
    return min(bisect_right(spans, index, key=_end), len(spans) - 1)


def _end(span: tuple[int, int]) -> int:
    return span[1]


_QUOTE_MARK = re.compile(r"[\u201c\u201d\u201e\u00ab\u00bb]")


def quotation_open(before: str) -> bool:
    """Is a quotation opened in ``before`` still open at its end? A title quoted and closed ("informace o výstavě
    „Avantgarda“ nemohu potvrdit") leaves the writer speaking; "“I cannot confirm it," is someone's words."""
    if before.count('"') % 2:
        return True
    opener = ""
    for mark in _QUOTE_MARK.findall(before):
        if mark in "\u201e\u00ab" or (mark == "\u201c" and opener != "\u201e"):
            opener = mark  # „ opens a German or Czech quotation that “ closes
        else:
            opener = ""
    return bool(opener)
