"""``kind: pattern`` -- a regular expression over the scope's text.

The expression runs block by block (a match never runs one paragraph into the
next) in multi-line mode, so ``^`` and ``$`` match at line ends, and ignores
case unless ``ignore_case: false``. ``must_match: true`` turns the rule round:
it reports the documents where the pattern does *not* match.

``prefilter`` lists words that every match contains. The prefilter words of
all pattern rules in a pack share one Aho-Corasick automaton, so a document
is scanned once to learn which blocks each pattern needs to look at; the
full expression then runs only on those blocks.

Patterns from the default pack are compiled with ``re``; patterns from any
other rule file may have been written by anyone, so they run on the
``regex`` module with a time limit: a catastrophic pattern costs at most
``timeout`` seconds per document and is reported, not hung on.
"""

from __future__ import annotations

import re
import time
from typing import Iterator

from ...text.automata import Automaton, iter_matches
from ...text.scripts import CharProbe, script_of
from ..schema import Invalid, expects, v_bool, v_number, v_regex, v_str_list
from . import Match


@expects("a list of lower-case words")
def v_prefilter(node):
    words = v_str_list(node)
    for w in words:
        if "|" in w or "\\" in w:
            raise Invalid(node, f"prefilter is a list of plain words, not a regular expression ({w!r}); "
                                "write it as [word, other word]")
    return words


PARAMS = {"pattern": v_regex, "prefilter": v_prefilter, "ignore_case": v_bool, "must_match": v_bool,
          "timeout": v_number}
REQUIRED = ("pattern",)
TIMEOUT = 1.0


class LazyPattern:
    """A default-pack pattern, compiled the first time a document needs it.

    The default pack holds about a hundred patterns, most of them for
    languages a given run never sees (their prefilter words never occur):
    compiling them all up front cost more than the rest of start-up. The
    pack's own tests compile every one of them."""

    def __init__(self, pattern: str, flags: int):
        self.source, self.flags = pattern, flags
        self._re: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._re is None:
            self._re = re.compile(self.source, self.flags)
        return self._re

    def match(self, *args):
        return self.compiled.match(*args)

    def search(self, *args):
        return self.compiled.search(*args)

    def finditer(self, *args):
        return self.compiled.finditer(*args)


def prepare(params: dict) -> dict:
    if params.get("_trusted"):
        flags = re.MULTILINE | (re.IGNORECASE if params.get("ignore_case", True) else 0)
        params["_compiled"] = LazyPattern(params["pattern"], flags)
    else:
        import regex as engine  # user patterns: the engine with a time limit

        flags = engine.MULTILINE
        if params.get("ignore_case", True):
            flags |= engine.IGNORECASE
        try:
            params["_compiled"] = engine.compile(params["pattern"], flags)
        except (re.error, getattr(engine, "error", re.error)) as exc:
            raise ValueError(f"the regular expression does not compile: {exc}") from None
    if "prefilter" in params:
        params["prefilter"] = tuple(w.lower() for w in params["prefilter"])
    return params


# Prefilter words in Latin script (and punctuation) share one automaton, scanned in every text; the
# others (Chinese, Arabic, Thai...) another, scanned only in a text that holds one of their letters.
# A text in Latin script is not scanned for the words of other scripts at all.


class _Compiled:
    __slots__ = ("rules", "automata")

    def __init__(self, rules):
        self.rules = list(rules)
        words: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for w in rule.params.get("prefilter", ()):
                words.setdefault(w, []).append(i)
        latin: dict[str, list[int]] = {}
        other: dict[str, list[int]] = {}
        probe: set[str] = set()
        for w, owners in words.items():
            first = script_of(w)[1]
            (latin if first is None else other)[w] = owners
            if first is not None:
                probe.add(first)
        # (None or the characters a text must hold one of, the automaton)
        self.automata = [(chars, _automaton(group)) for chars, group in
                         ((None, latin), (CharProbe(probe), other)) if group]


def _automaton(words: dict[str, list[int]]):
    return Automaton({w: tuple(owners) for w, owners in words.items()})


def compile(rules) -> _Compiled:
    return _Compiled(rules)


def _candidates(doc, compiled: _Compiled) -> dict[int, dict[str, set[int]]]:
    """rule index -> {scope: blocks holding one of its prefilter words}."""
    found: dict[int, dict[str, set[int]]] = {}
    if not compiled.automata:
        return found
    for scope in {r.scope for r in compiled.rules if r.params.get("prefilter")}:
        st = doc.scope(scope)
        if not st.text:
            continue
        block_at = st.block_at
        starts = st.starts
        lower = st.lower
        for chars, automaton in compiled.automata:
            if chars is not None and not chars.search(lower, st.high_bytes):
                continue  # none of the letters of these words in the text
            bi, block_end = -1, -1
            for end, owners in iter_matches(automaton, lower):
                if end >= block_end:  # hits come in order: look the block up only on leaving one
                    bi = block_at(end)
                    block_end = starts[bi + 1] if bi + 1 < len(starts) else len(st.text) + 1
                for i in owners:
                    found.setdefault(i, {}).setdefault(scope, set()).add(bi)
    return found


def _finditer(compiled, text, timeout):
    if isinstance(compiled, LazyPattern):
        return compiled.finditer(text)
    if isinstance(compiled, re.Pattern):
        return compiled.finditer(text)
    return compiled.finditer(text, timeout=timeout)


def run(doc, compiled: _Compiled) -> Iterator[Match]:
    candidates = _candidates(doc, compiled)
    for i, rule in enumerate(compiled.rules):
        must_match = rule.params.get("must_match", False)
        prefiltered = rule.params.get("prefilter")
        if prefiltered and i not in candidates and not must_match:
            continue  # most rules on most pages: none of their words is there
        st = doc.scope(rule.scope)
        pattern = rule.params["_compiled"]
        timeout = rule.params.get("timeout", TIMEOUT)
        # Block by block: a pattern never runs one paragraph into the next.
        if prefiltered:
            blocks = sorted(candidates.get(i, {}).get(rule.scope, ()))
        else:
            blocks = range(len(st.blocks))
        pieces = [(st.starts[b], st.blocks[b].text) for b in blocks]
        found = False
        deadline = time.monotonic() + timeout  # one budget per document, not per block
        try:
            for base, text in pieces:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                for m in _finditer(pattern, text, left):
                    if m.end() == m.start():
                        continue
                    found = True
                    if must_match:
                        break
                    yield Match(rule, st, base + m.start(), base + m.end())
                if found and must_match:
                    break
        except TimeoutError:
            yield Match(rule, None, 0, 0, detail=(
                f"rule {rule.id}: its pattern took longer than {timeout:g}s on this document and "
                "was stopped; simplify the pattern (avoid nested repetition such as (a+)+)"), failed=True)
            continue
        if must_match and not found:
            offset = doc.first_content_offset()
            yield Match(rule, None, offset, offset)
