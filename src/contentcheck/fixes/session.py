"""``check --fix`` / ``--unsafe-fixes`` / ``--diff`` over a run's documents.

Each checked document with a finding whose rule has a fix is read again,
fixed (see apply.fix_text) and, with ``--fix``, written back; with
``--diff`` its unified diff is printed and nothing is written. The result
that goes on to the report and the gate is the check of the fixed text, with
what was fixed attached, so the report says what was fixed and the gate
judges what remains.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from ..vocabulary import EDITORIAL_CATEGORIES
from .apply import fix_text
from .files import FixRefused, SourceFile, unified_diff
from .plan import plan

EDITORIAL = EDITORIAL_CATEGORIES


@dataclass
class FixSession:
    pack: object
    unsafe: bool = False
    write: bool = True  # False for --diff
    keep: Callable | None = None  # narrows a result to what may be fixed (per-path, waivers)
    diff_out: object = None  # where --diff writes
    fixes: int = 0
    files: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    unsafe_left: int = 0
    editorial_left: int = 0
    _fixable: set | None = None

    def fixable_rules(self) -> set[str]:
        if self._fixable is None:
            self._fixable = {r.id for r in self.pack.rules if r.fix is not None}
        return self._fixable

    def handle(self, result, path: str | None, fmt: str | None):
        """The result to report for one document, after fixing its file (``path``) when it can be."""
        self.editorial_left += sum(1 for f in result.findings if f.category in EDITORIAL)
        if result.score is None or path is None or fmt is None:
            return result
        eligible = self.keep(result) if self.keep else result
        if not any(f.rule in self.fixable_rules() for f in eligible.findings):
            return result
        try:
            source = SourceFile.read(path, fmt)
            outcome = fix_text(result.path, source.text, fmt, self.pack, unsafe=self.unsafe, keep=self.keep)
            if not self.unsafe:
                self.unsafe_left += self._unsafe_count(result.path, outcome.text, fmt, outcome.result)
            if not outcome.changed:
                return result
            if self.write:
                source.write(outcome.text)
            elif self.diff_out is not None:
                self.diff_out.write(unified_diff(result.path, source.text, outcome.text))
        except FixRefused as exc:
            self.refused.append((result.path, str(exc)))
            return result
        self.files += 1
        self.fixes += len(outcome.fixed)
        final = outcome.result
        self.editorial_left -= sum(1 for f in result.findings if f.category in EDITORIAL)
        self.editorial_left += sum(1 for f in final.findings if f.category in EDITORIAL)
        if not self.write:
            return replace(result, fixed=outcome.fixed)  # nothing written: the file is as it was
        return replace(final, fixed=outcome.fixed)

    def _unsafe_count(self, name: str, text: str, fmt: str, result) -> int:
        from ..loaders import parse_text

        eligible = self.keep(result) if self.keep else result
        if not any(f.rule in self.fixable_rules() for f in eligible.findings):
            return 0
        doc = parse_text(name, text.lstrip("\ufeff"), fmt)
        return len(plan(doc, eligible.findings, self.pack.by_id, unsafe=True))

    def summary_lines(self) -> list[str]:
        verb = "fixed" if self.write else "would be fixed (nothing written; --fix applies them)"
        lines = [f"fixes: {self.fixes} finding{'s' if self.fixes != 1 else ''} in {self.files} "
                 f"file{'s' if self.files != 1 else ''} {verb}"]
        if self.unsafe_left:
            lines.append(f"fixes: {self.unsafe_left} more with --unsafe-fixes (they may remove real text: "
                         "review the --diff first)")
        if self.editorial_left:
            lines.append(f"fixes: {self.editorial_left} fiction-disclaimer, missing-author or unattributed-claim "
                         "finding(s) left to editors: what to do about them is an editorial decision, "
                         "never an automatic fix")
        for path, reason in self.refused:
            lines.append(f"fixes: {path} not fixed: {reason}")
        return lines

    def summary_extra(self) -> dict:
        return {"fixes": {"fixed": self.fixes, "files": self.files, "written": self.write,
                          "unsafe_available": self.unsafe_left, "editorial_left": self.editorial_left,
                          "not_fixed": [{"path": p, "reason": r} for p, r in self.refused]}}
