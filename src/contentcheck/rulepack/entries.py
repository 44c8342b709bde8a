"""The entries of a sequence rule's word classes, and how they are found whole in a text.

An entry is found by an Aho-Corasick automaton; whether it stands as whole words is decided here, once per
hit: a word boundary before it (unless it starts with ``*``: any beginning, as Korean writes its endings onto
the word) and after it (unless it ends with ``*``: any ending). An entry in a script written without spaces
matches inside a run of text.
"""

from __future__ import annotations

from typing import Iterator

from ..text.automata import Automaton, iter_matches
from ..text.hanzi import fold
from ..text.scripts import NO_SPACE, no_space

_FIRST_NO_SPACE = chr(min(a for a, _b in NO_SPACE))  # an entry of a script without spaces matches inside a run


def joins(ch: str) -> bool:
    """Does ch continue a word of a spaced script? A letter of a script without spaces does not: "AI" in "作为AI语言模型"."""
    # Called for every hit of every entry: the ranges are looked at only above the first of them.
    return (ch.isalnum() or ch == "_") and (ch < _FIRST_NO_SPACE or not no_space(ch))


def parse_entry(text: str) -> tuple[str, bool | None, bool, bool]:
    """One class entry as (the text to find, lower-cased; a word boundary before it, or None for any
    beginning; any ending after it; a word boundary after it)."""
    text = fold(" ".join(text.lower().replace("\u2019", "'").replace("\u02bc", "'").split()))
    prefix = text.endswith("*")
    suffix = text[:1] == "*" and text[1:2].isalnum()  # not Markdown's "**response:**"
    core = text[suffix:].rstrip("*").strip()
    if not core:
        raise ValueError(f"class entry {text!r} has nothing to match")
    before = None if suffix else core[0].isalnum() and not no_space(core[0])
    after = not prefix and core[-1].isalnum() and not no_space(core[-1])
    return core, before, prefix, after


def rarity(entries) -> tuple[int, float]:
    """How rare a class's words are likely to be in text: its shortest word, then the mean length. A class of
    numbers ("2021", "2022") is the commonest: every news page holds a year."""
    if all(e.rstrip("*").strip().isdigit() for e in entries):
        return 0, 0.0
    lengths = [len(e.rstrip("*").strip()) for e in entries]
    return min(lengths), sum(lengths) / len(lengths)


def matchable(lower: str) -> str:
    """The scope's lower-cased text as entries are found in it, offset for offset: one apostrophe, one kind of space."""
    for ch, to in (("\u2019", "'"), ("\u02bc", "'"), ("\n", " "), ("\t", " "), ("\xa0", " "), ("\u202f", " ")):
        if ch in lower:
            lower = lower.replace(ch, to)
    return lower


def build_automaton(owners: dict[str, list[tuple]]):
    """An automaton of entries, each with its owners: (rule, class names, word start, any ending, word end)."""
    entries = {}
    for core, owned in owners.items():
        # Whether the entry must start a word, checked once for all its owners; None where they differ or one
        # takes any beginning: each owner checks its own then.
        starts = {owner[2] for owner in owned}
        entries[core] = (len(core), starts.pop() if len(starts) == 1 and None not in starts else None, tuple(owned))
    return Automaton(entries)


def scan(automaton, text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple]]:
    """(start, end, owner) of every entry found whole in text[start:end]."""
    word, first, spaceless = joins, _FIRST_NO_SPACE, no_space  # (local names: looked up at every hit)
    size = len(text)
    for last, (length, before, owned) in iter_matches(automaton, text, start, end):
        s, e = last - length + 1, last + 1
        if before is None:
            yield from _each_owner(text, start, end, s, e, owned)
            continue
        if before and s:
            ch = text[s - 1]  # joins(ch), written out: most hits of a short entry are inside a word
            if (ch.isalnum() or ch == "_") and (ch < first or not spaceless(ch)):
                continue  # inside a word ("ai" in "said"): checked once for all the entry's owners
        joined_after = None
        for owner in owned:
            prefix, after = owner[3], owner[4]
            stop = e
            if prefix:
                while stop < end and word(text[stop]):
                    stop += 1
            elif after:
                if joined_after is None:
                    joined_after = e < size and word(text[e])
                if joined_after:
                    continue
            yield s, stop, owner


def _each_owner(text: str, start: int, end: int, s: int, e: int, owned: tuple) -> Iterator[tuple[int, int, tuple]]:
    """The owners of an entry who differ at its start, each checked on its own (rare)."""
    for owner in owned:
        _rule, _names, word_start, prefix, after = owner
        begin, stop = s, e
        if word_start is None:  # any beginning ("*줄게"): the finding holds the whole word it ends
            while begin > start and joins(text[begin - 1]):
                begin -= 1
        elif word_start and s and joins(text[s - 1]):
            continue
        if prefix:
            while stop < end and joins(text[stop]):
                stop += 1
        elif after and e < len(text) and joins(text[e]):
            continue
        yield begin, stop, owner
