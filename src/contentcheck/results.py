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
    language: str | None = None
    language_source: str | None = None
    fixed: list = field(default_factory=list)  # fixes.apply.Fixed, with --fix or --diff
    incomplete: bool = False  # a rule could not finish (a pattern's time limit): not to be cached
    site: str | None = None
    # With --sites: (block key, shape key, finding) for each main-content block, which the
    # second pass (engine/repeated.py) turns into findings or drops; never reported as such.
    pending: list = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {
            "path": self.path, "format": self.format, "site": self.site, "score": self.score,
            "error": self.error,
            "metadata": {"title": self.title, "author": self.author,
                         "author_source": self.author_source,
                         "authors_checked": list(self.authors_checked),
                         "language": self.language, "language_source": self.language_source},
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


TOP_RULES = 5


def _count(findings, by_severity: dict[str, int], by_rule: dict[str, int], by_category: dict | None = None) -> None:
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        if by_category is not None:
            by_category[f.category] = by_category.get(f.category, 0) + 1


class SiteRow:
    """One site's counts, for the roll-ups of ``check --sites``."""

    __slots__ = ("documents", "checked", "findings", "named", "score_total", "min_score", "by_severity",
                 "documents_with", "by_rule")

    def __init__(self) -> None:
        self.documents = self.checked = self.findings = 0
        self.named = 0  # documents naming a real author
        self.score_total, self.min_score = 0.0, None
        self.by_severity: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        self.documents_with: dict[str, int] = {}  # category -> documents with a finding of it
        self.by_rule: dict[str, int] = {}

    def add(self, doc: DocumentResult) -> None:
        self.documents += 1
        if doc.score is None:
            return
        self.checked += 1
        self.score_total += doc.score
        if self.min_score is None or doc.score < self.min_score:
            self.min_score = doc.score
        self.named += doc.author is not None
        self.findings += len(doc.findings)
        _count(doc.findings, self.by_severity, self.by_rule)
        for category in {f.category for f in doc.findings}:
            self.documents_with[category] = self.documents_with.get(category, 0) + 1

    def to_dict(self, site: str | None) -> dict:
        mean = round(self.score_total / self.checked, 1) if self.checked else None
        top = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
        return {"site": site, "documents": self.documents, "score": {"mean": mean, "min": self.min_score},
                "documents_with": dict(sorted(self.documents_with.items())),
                "named_author_share": round(self.named / self.checked, 3) if self.checked else None,
                "top_rules": [{"rule": rule, "findings": n} for rule, n in top]}


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
    sites: dict[str | None, SiteRow] | None = None  # with --sites: a row per site

    def add(self, doc: DocumentResult) -> None:
        if self.sites is not None:
            row = self.sites.get(doc.site)
            if row is None:
                row = self.sites[doc.site] = SiteRow()
            row.add(doc)
        self.documents += 1
        if doc.error is not None and doc.score is None:
            self.unreadable += 1
            return
        self.checked += 1
        self.findings += len(doc.findings)
        _count(doc.findings, self.by_severity, self.by_rule, self.by_category)
        if doc.score is not None:
            self.score_total += doc.score
            if self.min_score is None or doc.score < self.min_score:
                self.min_score, self.min_score_path = doc.score, doc.path

    def site_rows(self) -> list[tuple[str | None, SiteRow]] | None:
        """The sites in name order, documents without a site last; None without --sites."""
        if self.sites is None:
            return None
        return sorted(self.sites.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    def sites_list(self) -> list[dict] | None:
        """The ``sites`` section of the JSON report."""
        rows = self.site_rows()
        return None if rows is None else [row.to_dict(site) for site, row in rows]

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
