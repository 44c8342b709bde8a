"""A rule and what can be wrong with one: the rule vocabulary the pack, the rule files and the kinds share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Keys every full rule definition needs (a partial override needs only ``id``).
REQUIRED = ("id", "category", "message", "kind")
RULE_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


class RuleError(Exception):
    """One problem in a rule file, located."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


class RulePackError(Exception):
    """All the problems found in the rule files of a run."""

    def __init__(self, errors: list[RuleError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    kind: str
    params: dict[str, Any]
    scope: str = "body"
    weight: float = 1.0
    description: str = ""
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, Any] = field(default_factory=dict)
    followed_by: str = ""  # "code": only a match right before code counts; "colon": one ending its paragraph with a colon; "list": that, or a sentence a list or code comes right after; "end": a sentence that ends the text
    enabled: bool = True
    source: str = ""
    line: int = 0
    fix: Any = None  # a fixes.spec.FixSpec, or None

    def applies_to(self, metadata) -> bool:
        """Rule conditions: ``when`` needs every key to match, ``unless`` any key.

        ``metadata`` is anything with ``get(key) -> list[str]``: a Document (which
        adds ``language``) or its Metadata."""
        for key, wanted in self.when.items():
            if not _matches(metadata.get(key), wanted):
                return False
        for key, unwanted in self.unless.items():
            if _matches(metadata.get(key), unwanted):
                return False
        return True

    def to_dict(self) -> dict:
        out = {"id": self.id, "category": self.category, "severity": self.severity,
               "message": self.message, "kind": self.kind, "scope": self.scope,
               "weight": self.weight}
        out.update({k: v for k, v in self.params.items() if not k.startswith("_")})
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        for key in ("description", "examples", "when", "unless", "exclude", "followed_by"):
            value = getattr(self, key)
            if value:
                out[key] = {k: list(v) if isinstance(v, tuple) else v for k, v in value.items()} \
                    if isinstance(value, dict) else value
        if not self.enabled:
            out["enabled"] = False
        return out


def _matches(values: list[str], wanted: tuple[str, ...]) -> bool:
    have = {v.strip().lower() for v in values}
    return any(w in have for w in wanted)
