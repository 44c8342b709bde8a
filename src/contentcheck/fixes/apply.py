"""Fix a document: check, plan, edit, check again until nothing is left to fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..results import DocumentResult
from ..text.lines import LineIndex
from .plan import Edit, apply_edits, plan

# Each pass fixes what the last one left (two fixes in one place, a
# leftover that shows once another is gone); the edits shrink the text, so
# a few passes always end it.
MAX_PASSES = 5


@dataclass(frozen=True, slots=True)
class Fixed:
    """One finding a fix removed, where it was in the text as read."""

    rule: str
    category: str
    line: int
    column: int
    text: str
    action: str  # "remove the line", ...
    safety: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "category": self.category, "line": self.line, "column": self.column,
                "text": self.text, "action": self.action, "safety": self.safety}


@dataclass
class FixOutcome:
    text: str  # the fixed text
    fixed: list[Fixed] = field(default_factory=list)
    result: DocumentResult | None = None  # the check of the fixed text

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _back(offset: int, edits: list[Edit]) -> int:
    """An offset in the text after ``edits`` as an offset in the text before them."""
    shift = 0
    for e in edits:
        new_start = e.start + shift
        if offset < new_start:
            break
        if offset < new_start + len(e.text):
            return e.start
        shift += len(e.text) - (e.end - e.start)
    return offset - shift


def fix_text(name: str, text: str, fmt: str, pack, *, unsafe: bool = False,
             keep: Callable[[DocumentResult], DocumentResult] | None = None) -> FixOutcome:
    """Fix ``text`` (a whole file's decoded text). ``keep`` narrows a result to the findings
    a project lets be fixed (per-path settings and waivers); suppressions in the text and the
    pack's selection apply on their own."""
    from ..engine.check import check_document
    from ..loaders import parse_text

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    original = LineIndex(body)
    rules = pack.by_id
    outcome = FixOutcome(text)
    history: list[list[Edit]] = []
    for _ in range(MAX_PASSES + 1):
        doc = parse_text(name, body, fmt)
        result = check_document(doc, pack)
        outcome.result = result
        if len(history) == MAX_PASSES:
            break
        swallowed: list = []
        chosen = plan(doc, keep(result).findings if keep else result.findings, rules, unsafe=unsafe,
                      swallowed=swallowed)
        if not chosen:
            break
        for p in chosen + swallowed:
            offset = p.finding.offset
            for edits in reversed(history):
                offset = _back(offset, edits)
            line = original.line_of(offset)
            outcome.fixed.append(Fixed(p.finding.rule, p.finding.category, line + 1,
                                       offset - original.start(line) + 1, p.finding.text,
                                       p.description, p.safety))
        edits = sorted((p.edit for p in chosen), key=lambda e: e.start)
        body = apply_edits(body, edits)
        history.append(edits)
    outcome.text = bom + body
    outcome.fixed.sort(key=lambda f: (f.line, f.column, f.rule))
    return outcome
