"""Text normalisation for matching, with a map back to the original offsets.

Matching text is lower-cased, every kind of space and dash becomes one space,
curly quotes become straight ones, and runs of spaces collapse. ``Normalized``
maps an offset in that text back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# One character for one: str.replace on the few characters present is many
# times faster than str.translate once the text holds any non-ASCII letter.
_ONE_FOR_ONE = (
    ("\n", " "), ("\t", " "), ("\r", " "), ("\f", " "), ("\v", " "), ("\xa0", " "), ("\u2009", " "),
    ("\u202f", " "), ("\u2007", " "), ("\u200b", " "), ("-", " "), ("\u2010", " "), ("\u2011", " "),
    ("\u2012", " "), ("\u2013", " "), ("\u2014", " "), ("\u2212", " "), ("_", " "),
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u00ab", '"'), ("\u00bb", '"'),
    ("\u2026", "."),
)


def _one_for_one(text: str) -> str:
    for char, replacement in _ONE_FOR_ONE:
        if char in text:
            text = text.replace(char, replacement)
    return text


_SPACES = re.compile(r"  +")  # (two literal spaces first: a fast search, where " {2,}" is tried at every character)


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters (such as U+0130) lower-case to two; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Normalized:
    __slots__ = ("text", "_norm_starts", "_shift")

    def __init__(self, original: str, lowered: str | None = None):
        text = _one_for_one(lowered if lowered is not None else lower_same_length(original))
        starts: list[int] = []
        shifts: list[int] = []
        if "  " in text:
            pieces = []
            pos = 0
            removed = 0
            for m in _SPACES.finditer(text):
                pieces.append(text[pos:m.start() + 1])
                removed += m.end() - m.start() - 1
                pos = m.end()
                # normalised offsets from here on are `removed` behind the original
                starts.append(m.start() + 1 - (removed - (m.end() - m.start() - 1)))
                shifts.append(removed)
            pieces.append(text[pos:])
            text = "".join(pieces)
        self.text = text
        self._norm_starts = starts
        self._shift = shifts

    def original(self, index: int) -> int:
        """Original offset of normalised offset ``index``."""
        if not self._norm_starts:
            return index
        i = bisect_right(self._norm_starts, index) - 1
        return index + (self._shift[i] if i >= 0 else 0)

    def original_end(self, end: int) -> int:
        """Original offset just after the character before normalised ``end``."""
        return self.original(end - 1) + 1 if end > 0 else 0


def normalize(text: str) -> str:
    return _SPACES.sub(" ", _one_for_one(lower_same_length(text))).strip()


_GROUP = re.compile(r"\(([^()]*\|[^()]*)\)")
MAX_EXPANSIONS = 2000


def expand_alternatives(phrase: str) -> list[str]:
    """``"(many|some) (experts|analysts) say"`` -> every combination, spaces tidied.

    Lets a rule list a family of phrases in one line while matching stays an
    exact automaton lookup. An empty alternative makes a word optional:
    ``"studies have (long |)shown"``.
    """
    out = [phrase]
    while True:
        grown = []
        changed = False
        for p in out:
            m = _GROUP.search(p)
            if m is None:
                grown.append(p)
                continue
            changed = True
            for alt in m.group(1).split("|"):
                grown.append(p[:m.start()] + alt + p[m.end():])
        out = grown
        if not changed:
            break
        if len(out) > MAX_EXPANSIONS:
            raise ValueError(f"phrase {phrase!r} expands to more than {MAX_EXPANSIONS} phrases")
    return [" ".join(p.split()) for p in out if p.strip()]
