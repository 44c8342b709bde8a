"""``kind: repeated`` -- text that recurs in the main content of many pages of one site.

A site's template leaves its own strings in its articles ("Pinecrest Post Daily Brief: get it
free", "1,204 people are reading this now") that no phrase list holds; what gives them away
is repetition. Run with ``contentcheck check --sites``: every block of the rule's scope (the
main content by default) is keyed (case, spacing, punctuation and numbers normalised away), and
once the whole run is read, a block is reported on each page that carries it when it is on at
least ``min_documents`` pages and at least ``min_share`` (0-1) of the pages of its site. The
finding says on how many of the site's pages it is.

It does not fire on page chrome (not the main content), on a paragraph syndicated to many sites
(counts are per site), on a line found on a few pages only (a correction note), nor on a line
that recurs with different names ("Reporting by Jane Doe", "By Tom Lee": a block whose shape,
names left out, is on at least two more pages than the block itself is a credit, not a
leftover). Blocks longer than ``max_length`` characters (default 200) are not keyed: leftovers
are lines, and long paragraphs would only cost memory. A block of several lines (plain text or
Markdown, where a list or a line under a paragraph runs into it) is keyed line by line.

Without ``--sites`` the rule reports nothing: one document alone cannot show repetition.
``contentcheck learn`` turns what it finds into phrase rules that work on single files.
Examples are pages separated by a line ``=== next page ===``, all of one site.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...text.blockkeys import block_keys
from ..schema import Invalid, v_int_range, v_number
from . import Match


def _share(node):
    value = v_number(node)
    if not 0 < value <= 1:
        raise Invalid(node, f"must be a share above 0 and at most 1, got {value}")
    return float(value)


PARAMS = {"min_documents": v_int_range(2, 1_000_000), "min_share": _share,
          "max_length": v_int_range(10, 100_000)}
REQUIRED = ()
DEFAULTS = {"min_documents": 4, "min_share": 0.1, "max_length": 200}


def prepare(params: dict) -> dict:
    for key, value in DEFAULTS.items():
        params.setdefault(key, value)
    params["min_documents"] = int(params["min_documents"])
    return params


def compile(rules) -> list:
    return list(rules)


def run(doc, rules) -> Iterator[Match]:
    """Every keyed block, its keys in ``detail`` for the engine to set aside (engine/repeated.py)."""
    if not doc.collect_blocks:
        return
    for rule in rules:
        scope = doc.scope(rule.scope)
        limit = rule.params["max_length"]
        for block, start in zip(scope.blocks, scope.starts, strict=True):
            text = block.text
            if "\n" in text and "\n" in text.strip():
                # Lines of plain text or Markdown run together into one paragraph (a list, a
                # line under the last paragraph): each line is keyed, as a block would be.
                at = 0
                for line in text.split("\n"):
                    item = _LIST_ITEM.match(line)
                    if line.strip() and len(line) <= limit:
                        yield from _keyed(rule, scope, start + at + item.end(), line[item.end():].rstrip())
                    at += len(line) + 1
            elif len(text) <= limit:
                yield from _keyed(rule, scope, start, text)


# A line's indentation and list marker are not its text ("- Tap to listen").
_LIST_ITEM = re.compile(r"\s*(?:(?:[-*+•]|\d{1,9}[.)])\s+)?")


def _keyed(rule, scope, start: int, text: str) -> Iterator[Match]:
    keys = block_keys(text)
    if keys is not None:
        yield Match(rule, scope, start, start + len(text), f"{keys[0]:x} {keys[1]:x}")
