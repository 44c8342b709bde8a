"""Exit codes, computed in one place.

| code | meaning |
|------|---------|
| 0    | every input was checked and the gate passed |
| 1    | the gate failed: a finding at or above --fail-on, or a score below --fail-under |
| 2    | usage, configuration or rule error, or an input that could not be checked |
"""

from __future__ import annotations

from enum import IntEnum

from ..vocabulary import SEVERITIES, severity_rank

FAIL_ON = (*SEVERITIES, "never")


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    ERROR = 2


class Gate:
    """Accumulates what the exit code depends on, document by document."""

    def __init__(self, fail_on: str = "error", fail_under: float | None = None):
        self.fail_on = fail_on
        self.fail_under = fail_under
        self.failed_docs = 0
        self.unreadable = 0
        self.below: list[tuple[str, float]] = []  # (path, score) below --fail-under, the first few
        self.below_count = 0

    def document_fails(self, result) -> bool:
        if result.error is not None and result.score is None:
            return False
        if self.fail_under is not None and result.score is not None and result.score < self.fail_under:
            return True
        if self.fail_on == "never":
            return False
        limit = severity_rank(self.fail_on)
        return any(severity_rank(f.severity) <= limit for f in result.findings)

    def add(self, result) -> None:
        if result.error is not None and result.score is None:
            self.unreadable += 1
        elif self.document_fails(result):
            self.failed_docs += 1
            if self.fail_under is not None and result.score is not None and result.score < self.fail_under:
                self.below_count += 1
                if len(self.below) < 10:
                    self.below.append((result.path, result.score))

    def explain(self) -> list[str]:
        """Why --fail-under failed: the documents below it and their scores."""
        if not self.below_count:
            return []
        named = ", ".join(f"{path} ({score:g})" for path, score in self.below)
        more = f" and {self.below_count - len(self.below)} more" if self.below_count > len(self.below) else ""
        n = self.below_count
        return [f"{n} document{'s' if n != 1 else ''} scored below --fail-under {self.fail_under:g}: {named}{more}"]

    def exit_code(self) -> ExitCode:
        if self.unreadable:
            return ExitCode.ERROR
        return ExitCode.FAILED if self.failed_docs else ExitCode.OK
