"""``kind: pattern`` -- a regular expression over the scope's text.

Patterns come from rule files that may have been written by anyone, so they
run on the ``regex`` module with a time limit: a catastrophic pattern costs
at most ``TIMEOUT`` seconds per document and is reported, not hung on.
"""

from __future__ import annotations

import re
from typing import Iterator

import regex

from ..schema import v_bool, v_number, v_regex
from . import Match

PARAMS = {"pattern": v_regex, "prefilter": v_regex, "ignore_case": v_bool, "must_match": v_bool,
          "timeout": v_number}
REQUIRED = ("pattern",)
TIMEOUT = 1.0


def prepare(params: dict) -> dict:
    # The default pack is ours and is compiled with the faster ``re``; rules
    # from anywhere else get ``regex`` and its time limit.
    engine = re if params.get("_trusted") else regex
    flags = engine.MULTILINE
    if params.get("ignore_case", True):
        flags |= engine.IGNORECASE
    try:
        params["_compiled"] = engine.compile(params["pattern"], flags)
        if params.get("prefilter"):
            # A cheap expression that every match must contain: the full
            # pattern then runs only on the blocks where it occurs. It runs on
            # lower-cased text, so it is written in lower case.
            params["_prefilter"] = engine.compile(params["prefilter"])
    except (re.error, regex.error) as exc:
        raise ValueError(f"the regular expression does not compile: {exc}") from None
    return params


def _finditer(compiled, text, timeout):
    if isinstance(compiled, re.Pattern):
        return compiled.finditer(text)
    return compiled.finditer(text, timeout=timeout)


def _candidate_blocks(st, prefilter, timeout):
    """(block start, block text) of the blocks holding a prefilter match."""
    last = -1
    for m in _finditer(prefilter, st.lower, timeout):
        bi = st.block_at(m.start())
        if bi != last:
            last = bi
            yield st.starts[bi], st.blocks[bi].text


def compile(rules) -> list:
    return list(rules)


def run(doc, rules) -> Iterator[Match]:
    for rule in rules:
        st = doc.scope(rule.scope)
        compiled = rule.params["_compiled"]
        timeout = rule.params.get("timeout", TIMEOUT)
        found = False
        prefilter = rule.params.get("_prefilter")
        pieces = _candidate_blocks(st, prefilter, timeout) if prefilter else ((0, st.text),)
        try:
            for base, text in pieces:
                for m in _finditer(compiled, text, timeout):
                    if m.end() == m.start():
                        continue
                    found = True
                    if rule.params.get("must_match"):
                        break
                    yield Match(rule, st, base + m.start(), base + m.end())
                if found and rule.params.get("must_match"):
                    break
        except TimeoutError:
            yield Match(rule, None, 0, 0, detail=(
                f"rule {rule.id}: its pattern took longer than {timeout:g}s on this document and "
                "was stopped; simplify the pattern (avoid nested repetition such as (a+)+)"), failed=True)
            continue
        if rule.params.get("must_match") and not found:
            offset = doc.first_content_offset()
            yield Match(rule, None, offset, offset)
