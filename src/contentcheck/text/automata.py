"""Scanning a long text with an Aho-Corasick automaton (pyahocorasick).

pyahocorasick copies the whole string it is given, at four bytes a character, even to scan a
part of it: on a 30 MB page each scan held 120 MB at once. A long text is scanned a piece at a
time instead. Pieces overlap by the longest entry less one character and a match is kept only
in the piece where it ends, so the matches are those of one pass over the text, in its order.
"""

from __future__ import annotations

from collections.abc import Iterator

PIECE = 1 << 20  # characters: 4 MB of copy at a time


def iter_matches(automaton, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, object]]:
    """(index of the last character, value) of every entry found in text[start:end]."""
    if not len(automaton):
        return iter(())  # pyahocorasick refuses to scan with an automaton of no entries
    end = len(text) if end is None else min(end, len(text))  # pyahocorasick would read past the string
    if len(text) <= PIECE:
        return automaton.iter(text, start, end)  # the automaton's own iterator: no Python step per match
    return _pieces(automaton, text, start, end)


def _pieces(automaton, text: str, start: int, end: int) -> Iterator[tuple[int, object]]:
    overlap = max(0, automaton.get_stats()["longest_word"] - 1)
    lo = start
    while lo < end:
        hi = min(lo + PIECE, end)
        base = max(start, lo - overlap)
        for last, value in automaton.iter(text[base:hi]):
            if base + last >= lo:
                yield base + last, value
        lo = hi
