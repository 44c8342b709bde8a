"""Unicode direction marks: the invisible characters right-to-left text carries around its words.

A mark (LRM, RLM, ALM) belongs to the character before it, as an RLM after an Arabic full stop does.
An isolate (LRI, RLI, FSI ... PDI) or an embedding (LRE, RLE, LRO, RLO ... PDF) brackets a stretch of
text: a cut takes both of its halves or neither.
"""

from __future__ import annotations

MARKS = "\u200e\u200f\u061c"
# The brackets, as a regular expression's character class, and as a set.
BRACKETS_CLASS = "\u202a-\u202e\u2066-\u2069"
BRACKETS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Direction isolates (LRI, RLI, FSI) close with PDI; embeddings and overrides (LRE, RLE, LRO, RLO) with PDF.
PAIRS = {"\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069",
         "\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
CLOSERS = frozenset(PAIRS.values())


def balanced_span(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The sentence [a, b) widened over the other half of each direction isolate or embedding it holds half
    of, and over a pair it would leave empty, when only spaces stand between; None when that cannot be done."""
    stack: list[str] = []
    unmatched: list[str] = []  # closers whose openers stand before the sentence
    for ch in text[a:b]:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in CLOSERS:
            if stack and stack[-1] == ch:
                stack.pop()
            elif stack:
                return None  # a mismatched pair inside: leave it as it is
            else:
                unmatched.append(ch)
    i = a
    while unmatched and i > 0 and (text[i - 1].isspace() or text[i - 1] in PAIRS):
        i -= 1
        if text[i] in PAIRS:
            if PAIRS[text[i]] != unmatched[0]:  # the nearest opener closes the first closer
                return None
            unmatched.pop(0)
            a = i
    j = b
    while stack and j < len(text) and (text[j].isspace() or text[j] in CLOSERS):
        if text[j] in CLOSERS:
            if text[j] != stack[-1]:
                return None
            stack.pop()
            b = j + 1
        j += 1
    if unmatched or stack:
        return None
    # "\u2067I hope this helps!\u2069": the sentence is all of the isolate, which goes with it (a mismatched
    # pair around it too: it brackets nothing else)
    while a > 0 and b < len(text) and text[a - 1] in PAIRS and text[b] in CLOSERS:
        a, b = a - 1, b + 1
    return a, b
