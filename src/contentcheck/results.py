"""Result objects: Finding -> DocumentResult, and the run's Summary, each with one to_dict."""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import SEVERITIES


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: the column just after the last character
    message: str
    text: str
    offset: int = 0  # source offset of the start, for ordering
    fingerprint: str = ""  # stable across unrelated edits (see fingerprints.py)

    def sort_key(self):
        return (self.line, self.column, self.rule, self.end_line, self.end_column)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "message": self.message, "text": self.text,
            "fingerprint": self.fingerprint,
        }


@dataclass(slots=True)
class DocumentResult:
    path: str
    format: str | None
    score: float | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    title: str | None = None
    author: str | None = None
    author_source: str | None = None
    authors_checked: list[str] = field(default_factory=list)
    fixed: list = field(default_factory=list)  # fixes.apply.Fixed, with --fix or --diff
    incomplete: bool = False  # a rule could not finish (a pattern's time limit): not to be cached

    def to_dict(self) -> dict:
        out = {
            "path": self.path, "format": self.format, "score": self.score, "error": self.error,
            "metadata": {"title": self.title, "author": self.author,
                         "author_source": self.author_source,
                         "authors_checked": list(self.authors_checked)},
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.fixed:
            out["fixed"] = [f.to_dict() for f in self.fixed]
        return out


@dataclass(frozen=True, slots=True)
class RunNotes:
    """What the project's policy says at the end of a run, beside the findings: how a baseline
    matched, which waivers matched nothing."""

    summary: dict = field(default_factory=dict)  # keys added to the JSON summary: baseline, unused_waivers
    lines: tuple[str, ...] = ()  # the same for people, one line each


@dataclass(slots=True)
class Summary:
    """Counts only, so a run over a million documents holds no documents."""

    documents: int = 0
    checked: int = 0
    unreadable: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_category: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    score_total: float = 0.0
    min_score: float | None = None
    min_score_path: str | None = None

    def add(self, doc: DocumentResult) -> None:
        self.documents += 1
        if doc.error is not None and doc.score is None:
            self.unreadable += 1
            return
        self.checked += 1
        self.findings += len(doc.findings)
        for f in doc.findings:
            self.by_severity[f.severity] = self.by_severity.get(f.severity, 0) + 1
            self.by_category[f.category] = self.by_category.get(f.category, 0) + 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
        if doc.score is not None:
            self.score_total += doc.score
            if self.min_score is None or doc.score < self.min_score:
                self.min_score, self.min_score_path = doc.score, doc.path

    @property
    def mean_score(self) -> float | None:
        return round(self.score_total / self.checked, 1) if self.checked else None

    def to_dict(self) -> dict:
        return {
            "documents": self.documents, "checked": self.checked, "unreadable": self.unreadable,
            "findings": self.findings, "by_severity": dict(self.by_severity),
            "by_category": dict(sorted(self.by_category.items())),
            "by_rule": dict(sorted(self.by_rule.items())),
            "mean_score": self.mean_score, "min_score": self.min_score,
            "min_score_path": self.min_score_path,
        }
