"""Check kinds. Each kind is one module with:

- ``PARAMS``: the rule keys it accepts, each with its validator;
- ``REQUIRED``: the keys it cannot do without;
- ``prepare(params)``: normalise a rule's parameters (raise ValueError);
- ``compile(rules)``: build what the kind needs once per pack;
- ``run(doc, compiled)``: yield ``Match`` objects for one document.

The table of kinds is ``registry.KINDS``; each module's docstring is its
reference page (``docs/kinds.md`` is generated from them).

A kind never decides severity, applies suppressions or formats anything:
the engine does that for every kind alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...document import ScopeText
    from ..rule import Rule


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
