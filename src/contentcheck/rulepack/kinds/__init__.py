"""Check kinds. Each kind is one module with:

- ``PARAMS``: the rule keys it accepts, each with its validator;
- ``REQUIRED``: the keys it cannot do without;
- ``prepare(params)``: normalise a rule's parameters (raise ValueError);
- ``compile(rules)``: build what the kind needs once per pack;
- ``run(doc, compiled)``: yield ``Match`` objects for one document.

A kind never decides severity, applies suppressions or formats anything:
the engine does that for every kind alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...document import ScopeText
    from ..pack import Rule


@dataclass(slots=True)
class Match:
    """A raw match. With a scope, start/end are offsets in the scope's text;
    without one, they are offsets in the document's source."""

    rule: Rule
    scope: ScopeText | None
    start: int
    end: int
    detail: str | None = None  # replaces the rule's message when set
    failed: bool = False  # the rule could not run on this document (detail says why)


_KINDS: dict | None = None


def __getattr__(name: str):
    # The kinds (and rapidfuzz, regex...) are imported when a pack is first
    # parsed, not when contentcheck starts: a fully cached run needs none.
    global _KINDS
    if name == "KINDS":
        if _KINDS is None:
            from . import attribution, metadata, pattern, phrase

            _KINDS = {"phrase": phrase, "pattern": pattern, "metadata": metadata, "attribution": attribution}
        return _KINDS
    raise AttributeError(name)
