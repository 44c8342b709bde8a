"""How the slots of a sequence follow one another: the window of words between two classes, the end of a
clause (``.``), the end of a question (``?``), the end of a block (``$``), the step to the next sentence (``>``).
The sequence kind finds the hits of each class; this walks them."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..text.asides import vocative_end, without_asides
from ..text.scripts import count_words
from ..text.sentences import abbreviation_before

END_SLOT, QUESTION_SLOT, START_SLOT, NEXT_SLOT, LAST_SLOT = ".", "?", "^", ">", "$"
MARK_SLOTS = frozenset((END_SLOT, QUESTION_SLOT, START_SLOT, NEXT_SLOT, LAST_SLOT))
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
# The space before the next sentence of the same block, after a sentence's end marks (one line break at most):
# "Claro, varios blockchains ofrecen recompensas. |Aquí tienes...", "当然。|以下是...". A French closing
# guillemet may stand after a space ("... fin. » Ensuite").
_AFTER_END = re.compile(r"(?:[\u00a0\u202f ]?[\"'\u201d\u00bb)])*(?:[ \t]+\n?|\n)[ \t\u3000]*")
_AFTER_CJK_END = re.compile(r"[\u201d\u300d)]*\n?[ \t\u3000]*")
_CJK_MARKS = "\u3002\uff01\uff1f"
QUESTION_MARKS = "?\uff1f\u061f"
# Where a sentence may end: a run of end marks, or a line break.
_MARK_RUNS = re.compile(r"[.!?\u061f]+|[\u3002\uff01\uff1f]+|\n")
_QUESTION_NEXT = re.compile(r"[ \t]*[?\uff1f]")
# After the last sentence of a block only marks, spaces and pictographs stand ("...to get started? 🚀").
_WORD = re.compile(r"\w")
# Where a sentence, a clause or a line starts, for the anchors: after one of these (a lead is counted from the last).
_START_MARK = re.compile(r"[\n!?:;\u3002\uff01\uff1f\uff1b\u2026\u061f]|\.(?!\w)")


class SentenceEnds:
    """Where the sentences of one block end, found once for the block and then bisected, whatever the number of
    candidates in it (a line of thousands of "How can I help you today etc." is one scan). A full stop inside a
    word ("hooks.zip"), after an abbreviation or initials ("e.g. the", "p. ex.", "z. B.", "напр.") or before a
    question mark ("etc. ?") ends none. ``text`` is the text as written. It also keeps where the block's
    sentences, clauses and lines may start, for the anchors of every rule with hits in the block."""

    __slots__ = ("text", "start", "end", "_at", "_past", "_starts")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self._at: list[int] | None = None
        self._past: list[int] = []
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """The ends of the block's sentence, clause and line marks, in order: where an anchored class may start."""
        if self._starts is None:
            self._starts = [m.end() for m in _START_MARK.finditer(self.text, self.start, self.end)]
        return self._starts

    def _scan(self) -> list[int]:
        text, at, past = self.text, [], self._past
        for m in _MARK_RUNS.finditer(text, self.start, self.end):
            s, e = m.span()
            if text[s] == "." and (_QUESTION_NEXT.match(text, e) or e - s == 1 and (
                    (text[e:e + 1].isalnum() or text[e:e + 1] == "_") or abbreviation_before(text, s))):
                continue
            at.append(s)
            past.append(e)
        self._at = at
        return at

    def next(self, position: int) -> tuple[int, int] | None:
        """The first run of end marks (or line break) at or after ``position``, as (start, end), or None."""
        at = self._at if self._at is not None else self._scan()
        i = bisect_left(at, position)
        return (at[i], self._past[i]) if i < len(at) else None

    def tail(self, position: int, limit: int) -> int:
        """Where the sentence holding ``position`` ends: past its end marks, before a line break, or at ``limit``."""
        run = self.next(position)
        if run is None or run[0] >= limit:
            return limit
        return run[0] if self.text[run[0]] == "\n" else run[1]


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


def follow(text, hits, starts, slots, k: int, position: int, gap: int, ends: SentenceEnds, failed: set) -> int | None:
    """Where the slots from ``k`` on end when they follow ``position``, trying each hit in the window of a
    class, nearest first ("more in-depth information on any area, let me know": "information" is the
    noun that reaches "let me know", not "more"), or None."""
    if k == len(slots):
        return position
    slot = slots[k]
    if slot == END_SLOT:
        ok = _CLAUSE_END.match(text, position)
        return follow(text, hits, starts, slots, k + 1, position, gap, ends, failed) if ok else None
    if slot == QUESTION_SLOT:
        run = ends.next(position)
        ok = run is not None and run[0] - position <= FAR and ends.text[run[0]] in QUESTION_MARKS
        return follow(text, hits, starts, slots, k + 1, position, gap, ends, failed) if ok else None
    if slot == LAST_SLOT:  # the sentence is its block's last: no word after its end marks
        run = ends.next(position)
        after = ends.end if run is None else run[1]
        ok = after - position <= FAR and not _WORD.search(ends.text, after, ends.end)
        return follow(text, hits, starts, slots, k + 1, position, gap, ends, failed) if ok else None
    if (k, position) in failed:
        return None
    if slot.startswith("!"):  # none of the next words of the window is one of the class: "As a language model, |GPT-3 can..."
        name = slot[1:]
        if next(steps(text, hits.get(name, ()), starts.get(name, ()), position, gap, ends.text), None) is not None:
            return None
        return follow(text, hits, starts, slots, k + 1, position, gap, ends, failed)
    adjacent = slot.startswith("+")
    if slot == NEXT_SLOT:  # the class after it opens the next sentence (prepare checks that one follows)
        mark = text[position - 1] if position else ""
        if not (mark and mark in ".!?\u061f" + _CJK_MARKS):  # unless the class ended its sentence ("Great!")
            run = ends.next(position)
            if run is None or run[0] - position > FAR or ends.text[run[0]] == "\n":
                return None
            position, mark = run[1], ends.text[run[1] - 1]
        ok = (_AFTER_CJK_END if mark in _CJK_MARKS else _AFTER_END).match(text, position)
        if not ok:
            return None
        position, k, adjacent = ok.end(), k + 1, True
        slot = slots[k]
    name = slot_name(slot)
    for _, end in steps(text, hits.get(name, ()), starts.get(name, ()), position, 0 if adjacent else gap, ends.text):
        reached = follow(text, hits, starts, slots, k + 1, end, gap, ends, failed)
        if reached is not None:
            return reached
    failed.add((k, position))
    return None
