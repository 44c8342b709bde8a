"""How the slots of a sequence follow one another: the window of words between two classes, the end of a
clause (``.``), the end of a question (``?``), the step to the next sentence (``>``). The sequence kind finds the
hits of each class; this walks them."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..text.asides import vocative_end, without_asides
from ..text.scripts import count_words

END_SLOT, QUESTION_SLOT, START_SLOT, NEXT_SLOT = ".", "?", "^", ">"
MARK_SLOTS = frozenset((END_SLOT, QUESTION_SLOT, START_SLOT, NEXT_SLOT))
# A lead of a few words or a gap between slots never spans this many characters: longer stretches
# are refused without counting their words, so a block of thousands of hits stays linear.
FAR = 4096
# The hits of one class tried after a slot, nearest first: a window holds a few, a page of one word many, and
# past the eighth a later one is not tried (a sentence with nine "ex" before its "omega" is not followed).
MAX_STEPS = 8
# A sentence, a line, a quotation ends here (not a full stop inside "hooks.zip"): no gap or lead crosses one.
_BREAK = re.compile(r"[\n!?;:\u3002\uff01\uff1f\uff1b\u061f\"\u201c\u201d\u00ab\u00bb]|\.(?!\w)")
# The end of a clause: punctuation, a dash between spaces or the end of the line next.
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;:!?)\]\u060c\u061b\u061f\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a]|\n|$)|[ \t]+[-\u2013\u2014][ \t]")
# The rest of a sentence, its end and the space before the next sentence of the same block (one line break at most):
# "Claro, varios blockchains ofrecen recompensas. |Aquí tienes...", "当然。|以下是...".
_NEXT_SENTENCE = re.compile(r"(?:[^\n.!?\u3002\uff01\uff1f\u061f]|\.(?=\w))*"
                            r"(?:[.!?\u061f]+[\"'\u201d\u00bb)]*(?:[ \t]+\n?|\n)|[\u3002\uff01\uff1f]+[\u201d\u300d)]*\n?)[ \t\u3000]*")
# The same, when the class before ``>`` ends with its sentence's mark ("Great!"): only the space is left.
_AFTER_END = re.compile(r"[\"'\u201d\u00bb)]*(?:[ \t]+\n?|\n)[ \t\u3000]*")
_AFTER_CJK_END = re.compile(r"[\u201d\u300d)]*\n?[ \t\u3000]*")
_QUESTION_TAIL = re.compile(r"(?:[^\n.!?\u3002\uff01\uff1f\u061f]|\.(?=\w))*[?\uff1f\u061f]")  # ends as a question


def slot_name(slot: str) -> str:
    """The class a slot names (``+me``, ``!me`` and ``me?`` name ``me``)."""
    return slot.strip("+!?")


def steps(text, hits, starts: list[int], after: int, gap: int, original: str | None = None):
    """The hits that start after ``after`` with at most ``gap`` words and no break between, nearest first."""
    i = bisect_left(starts, after)
    resume = vocative_end(original, after)
    for start, end in hits[i:i + MAX_STEPS]:
        if start - after > FAR:
            return
        between = text[min(resume, start):start]
        if "(" in between or "\uff08" in between:
            between = without_asides(between)
        if _BREAK.search(between) or count_words(between) > gap:
            return  # hits come in order: later ones are farther still
        yield start, end


def follow(text, hits, starts, slots, k: int, position: int, gap: int, original, failed: set) -> int | None:
    """Where the slots from ``k`` on end when they follow ``position``, trying each hit in the window of a
    class, nearest first ("more in-depth information on any area, let me know": "information" is the
    noun that reaches "let me know", not "more"), or None."""
    if k == len(slots):
        return position
    slot = slots[k]
    if slot == END_SLOT:
        ok = _CLAUSE_END.match(text, position)
        return follow(text, hits, starts, slots, k + 1, position, gap, original, failed) if ok else None
    if slot == QUESTION_SLOT:
        ok = _QUESTION_TAIL.match(text, position, position + FAR)  # bounded: thousands of candidates in one line
        return follow(text, hits, starts, slots, k + 1, position, gap, original, failed) if ok else None
    if (k, position) in failed:
        return None
    if slot.startswith("!"):  # none of the next words of the window is one of the class: "As a language model, |GPT-3 can..."
        name = slot[1:]
        if next(steps(text, hits.get(name, ()), starts.get(name, ()), position, gap, original), None) is not None:
            return None
        return follow(text, hits, starts, slots, k + 1, position, gap, original, failed)
    adjacent = slot.startswith("+")
    if slot == NEXT_SLOT:  # the class after it opens the next sentence (prepare checks that one follows)
        mark = text[position - 1] if position else ""
        ok = (_AFTER_END.match(text, position) if mark in ".!?\u061f" and mark else
              _AFTER_CJK_END.match(text, position) if mark in "\u3002\uff01\uff1f" and mark else
              _NEXT_SENTENCE.match(text, position, position + FAR))
        if not ok:
            return None
        position, k, adjacent = ok.end(), k + 1, True
        slot = slots[k]
    name = slot_name(slot)
    for _, end in steps(text, hits.get(name, ()), starts.get(name, ()), position, 0 if adjacent else gap, original):
        reached = follow(text, hits, starts, slots, k + 1, end, gap, original, failed)
        if reached is not None:
            return reached
    failed.add((k, position))
    return None
