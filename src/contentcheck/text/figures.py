"""Figures in lower-cased text: sums of money, percentages, rates, changes over time (the
attribution kind asks which of them name no source).

The expressions say what a figure is. ``figures`` finds exactly what their plain ``finditer``
would, without trying them at every character: a page has a few figures in thousands of
characters, and a regular expression that starts with a character class (``\\d``, ``[$€£¥]``) is
tried at every character in turn, where a search for a literal string runs in C at memory speed.
So each expression is tried only where one of its literal parts stands (a currency sign; a "%",
"per" or currency word and the digits before it; "since ", "over the ", "year"), and the matches
are then taken as finditer takes them: left to right, none overlapping the one before.
The shortcuts follow from the shapes of the expressions below: tests/text/test_figures.py checks
them against the plain finditer; an expression changed must keep them true or change them too.
"""

from __future__ import annotations

import re
from typing import Iterator

# A sum of money is a claim to source when it is large (a budget, a cost, a fine); a price
# ("£179", "tickets are $25") is not. A sum per year, per household... is a rate, whatever its size.
MONEY = re.compile(r"[$€£¥]\s?(?:\d[\d,.]{0,24}\s?(?:million|billion|trillion|bn|m)\b|\d{1,3}(?:,\d{3}){1,8}(?:\.\d+)?"
                   r"|\d{5,24}(?:\.\d+)?|\d[\d,.]{0,24}\s+(?:a|per|each|every)\s+(?:year|month|week|day|household|"
                   r"person|head|resident|family|customer)\b)")
NUMBER = re.compile(
    r"\d[\d,.]{0,24}(?:\s?(?:%|percent\b|per cent\b|percentage points?\b)"
    r"|\s(?:(?:million|billion|trillion)\s)?(?:dollars|euros|pounds|yen|yuan|rupees)\b"
    r"|\s(?:[a-z]+\s){0,2}per\s(?:capita|\d[\d,]*|year|month|week|day|hour|person|resident|household|"
    r"student|patient)s?\b)")
# A change over time: find the time phrase first (rare), then look back for the verb.
SINCE = re.compile(r"since \d{4}|since last \w+|over the (?:past|last) (?:\w+ )?(?:years?|months?|decades?|weeks?)"
                   r"|year[- ]on[- ]year|year over year")
CHANGE_VERB = re.compile(
    r"(?<![a-z])(?:rose|risen|rises|fell|fallen|falls|dropped|drops|increased|increases|decreased|decreases|"
    r"grew|grown|grows|jumped|jumps|surged|surges|climbed|climbs|declined|declines|doubled|tripled|"
    r"quadrupled|halved|soared|plunged|plummeted|spiked)(?![a-z])[^.!?\n]*$")

# MONEY starts with a currency sign and holds no other: every sign is a place finditer tries.
_SIGNS = "$€£¥"
# Every NUMBER match is a run of at most 25 digits, commas and points (its first a digit) that ends
# at q, then "%" or "per" (percent, per cent, percentage) at q or q + 1, or a currency word at
# q + 1, or after "million " (q + 9), "trillion " (q + 10); or "per" as a word after up to two words a-z.
_ANCHORS = ("%", "per", "dollars", "euros", "pounds", "yen", "yuan", "rupees")
_RUN = 25
_NOT_WORD_OR_SPACE = re.compile(r"[^a-z\s]")
# SINCE's alternatives in three groups, each from a literal: at one place only one group can match.
_SINCE_GROUPS = (re.compile(r"since (?:\d{4}|last \w+)"),
                 re.compile(r"over the (?:past|last) (?:\w+ )?(?:years?|months?|decades?|weeks?)"),
                 re.compile(r"year(?:[- ]on[- ]year| over year)"))


def figures(low: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every figure and change-over-time phrase in lower-cased text: a sum of money
    or a number not inside a word or a number, then each time phrase from its change verb."""
    for start, end in (*_money(low), *_numbers(low)):
        if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "._"):
            continue
        yield start, end
    for start, end in _since(low):
        verb = CHANGE_VERB.search(low, max(0, start - 48), start)
        if verb:
            yield verb.start(), end


def _money(low: str) -> list[tuple[int, int]]:
    """MONEY.finditer(low) as (start, end)."""
    found = []
    for sign in _SIGNS:
        i = low.find(sign)
        while i != -1:
            m = MONEY.match(low, i)
            if m:
                found.append((i, m.end()))
            i = low.find(sign, i + 1)
    found.sort()
    return found


def _numbers(low: str) -> list[tuple[int, int]]:
    """NUMBER.finditer(low) as (start, end): tried only at the digits of a run that ends where an
    anchor allows it."""
    places: set[int] = set()
    for anchor in _ANCHORS:
        a = low.find(anchor)
        while a != -1:
            spaced = a > 0 and low[a - 1].isspace()
            for q in ((a, a - 1, a - 9, a - 10) if spaced else (a,)):
                _run_digits(low, q, places)
            if spaced and anchor == "per" and a + 3 < len(low) and low[a + 3].isspace():
                # "per" as a word ("12 a year per household"): the run ends at the last character
                # before the words and spaces.
                _run_digits(low, _last_other(low, a) + 1, places)
            a = low.find(anchor, a + 1)
    found = []
    end = 0
    for i in sorted(places):
        if i >= end:
            m = NUMBER.match(low, i)
            if m:
                found.append((i, m.end()))
                end = m.end()
    return found


def _run_digits(low: str, q: int, places: set[int]) -> None:
    """Add the digits of the run of digits, commas and points that ends at q (its last _RUN characters)."""
    i = q - 1
    while i >= 0 and i >= q - _RUN and (low[i] in ",." or low[i].isdecimal()):
        if low[i] not in ",.":
            places.add(i)
        i -= 1


def _last_other(low: str, stop: int) -> int:
    """The index of the last character before ``stop`` that is neither a letter a-z nor a space, or -1."""
    width = 64
    while True:
        lo = max(0, stop - width)
        last = -1
        for m in _NOT_WORD_OR_SPACE.finditer(low, lo, stop):
            last = m.start()
        if last >= 0 or lo == 0:
            return last
        width *= 4


def _since(low: str) -> list[tuple[int, int]]:
    """SINCE.finditer(low) as (start, end): the leftmost of its groups' next matches, then on from its end."""
    pending = [group.search(low) for group in _SINCE_GROUPS]
    found = []
    while True:
        live = [m for m in pending if m is not None]
        if not live:
            return found
        first = min(live, key=lambda m: m.start())
        found.append((first.start(), first.end()))
        end = first.end()
        pending = [m if m is None or m.start() >= end else group.search(low, end)
                   for m, group in zip(pending, _SINCE_GROUPS, strict=True)]
