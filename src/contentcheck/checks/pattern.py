"""``kind: pattern`` -- a regular expression over the scope's text.

Patterns come from rule files that may have been written by anyone, so they
run on the ``regex`` module with a time limit: a catastrophic pattern costs
at most ``TIMEOUT`` seconds per document and is reported, not hung on.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..schema import v_bool, v_number, v_regex
from . import Match

PARAMS = {"pattern": v_regex, "ignore_case": v_bool, "must_match": v_bool, "timeout": v_number}
REQUIRED = ("pattern",)
TIMEOUT = 1.0


def prepare(params: dict) -> dict:
    flags = regex.V0 | regex.MULTILINE
    if params.get("ignore_case", True):
        flags |= regex.IGNORECASE
    params["_compiled"] = regex.compile(params["pattern"], flags)
    return params


def compile(rules) -> list:
    return list(rules)


def run(doc, rules) -> Iterator[Match]:
    for rule in rules:
        st = doc.scope(rule.scope)
        compiled = rule.params["_compiled"]
        timeout = rule.params.get("timeout", TIMEOUT)
        found = False
        try:
            for m in compiled.finditer(st.text, timeout=timeout):
                if m.end() == m.start():
                    continue
                found = True
                if rule.params.get("must_match"):
                    break
                yield Match(rule, st, m.start(), m.end())
        except TimeoutError:
            yield Match(rule, None, 0, 0, detail=(
                f"rule {rule.id}: its pattern took longer than {timeout:g}s on this document and "
                "was stopped; simplify the pattern (avoid nested repetition such as (a+)+)"), failed=True)
            continue
        if rule.params.get("must_match") and not found:
            offset = doc.first_content_offset()
            yield Match(rule, None, offset, offset)
