"""``--format markdown``: a compact summary for pull-request comments and
``$GITHUB_STEP_SUMMARY``.

Totals (by severity and category), the lowest-scoring documents, documents
that could not be read, then one line per finding (``path:line``, severity,
rule, message), errors first. Bounded: at most ``WORST_DOCUMENTS`` documents
and ``FINDINGS_LISTED`` findings are listed, with a line saying how many more
there are, so the comment stays well under GitHub's 65,536-character limit
whatever the size of the run. Paths, rule ids and messages are escaped: no
Markdown or HTML from an article, a rule file or a file name takes effect,
and an ``@name`` in a message mentions no one.
"""

from __future__ import annotations

from ..vocabulary import SEVERITIES, severity_rank
from .base import Worst, count_severities, md_code, md_text, plural, rule_urls, severities_seen

WORST_DOCUMENTS = 10
FINDINGS_LISTED = 200
UNREADABLE_LISTED = 20
MESSAGE_CHARS = 200
SITES_LISTED = 100


def _count(n: int, word: str) -> str:
    return plural(n, word, "info" if word == "info" else None, grouped=True)


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.rule_pages = rule_urls(context.pack)
        self.index = 0
        self.worst = Worst(WORST_DOCUMENTS)
        self.unreadable: list[tuple[str, str]] = []
        # The first findings of each severity, in input order: errors are listed first.
        self.listed: dict[str, list[tuple[str, object]]] = {}
        self.matrix: dict[str, dict[str, int]] = {}  # category -> severity -> count
        self.any_site = False

    def _rule(self, rule: str) -> str:
        """A rule's id, linked to its page when it has one (the URL is ours: no escaping needed)."""
        url = self.rule_pages.get(rule)
        return f"[{md_code(rule)}]({url})" if url else md_code(rule)

    def document(self, result) -> None:
        self.index += 1
        if result.score is None:
            if len(self.unreadable) < UNREADABLE_LISTED:
                self.unreadable.append((result.path, result.error or "could not be read"))
            return
        for f in result.findings:
            row = self.matrix.setdefault(f.category, {})
            row[f.severity] = row.get(f.severity, 0) + 1
            bucket = self.listed.setdefault(f.severity, [])
            if len(bucket) < FINDINGS_LISTED:
                bucket.append((result.path, f))
        if result.findings or result.score < 100:
            # Larger is worse: lower score, more findings, earlier in the input.
            self.worst.add((-result.score, len(result.findings), -self.index),
                           (result.path, count_severities(result.findings), result.site))
            self.any_site = self.any_site or result.site is not None

    def finish(self, summary, notes) -> None:
        self.out.write(self.render(summary, notes.lines))

    def render(self, summary, notes=()) -> str:
        sev = summary.by_severity
        head = (f"**{_count(summary.documents, 'document')}** checked"
                + (f" ({summary.unreadable:,} could not be read)" if summary.unreadable else "")
                + f": **{_count(summary.findings, 'finding')}**")
        if summary.findings:
            head += " (" + ", ".join(_count(sev.get(s, 0), s) for s in SEVERITIES) + ")"
        head += "."
        if summary.mean_score is not None:
            head += f" Mean score **{summary.mean_score:g}**"
            if summary.min_score is not None and summary.min_score < 100:
                head += f", lowest {summary.min_score:g} ({md_code(summary.min_score_path)})"
            head += "."
        lines = ["## contentcheck report", "", head]
        for note in notes:
            lines += ["", f"> {md_text(note)}"]
        cols = severities_seen(sev)
        if self.matrix:
            lines += ["", "| category | " + " | ".join(md_text(c) for c in cols) + " | total |",
                      "| --- |" + " ---: |" * (len(cols) + 1)]
            for cat in sorted(self.matrix, key=lambda c: (-sum(self.matrix[c].values()), c)):
                row = self.matrix[cat]
                lines.append(f"| {md_text(cat)} | " + " | ".join(str(row.get(c, 0)) for c in cols)
                             + f" | {sum(row.values())} |")
        worst = self.worst.worst_first()
        if worst:
            title = ("Documents with findings" if len(worst) < WORST_DOCUMENTS
                     else f"Lowest-scoring documents ({len(worst)} of {summary.checked:,})")
            site_head, site_rule = ("site | ", " --- |") if self.any_site else ("", "")
            lines += ["", f"### {title}", "", f"| document | {site_head}score | " + " | ".join(cols) + " |",
                      f"| --- |{site_rule} ---: |" + " ---: |" * len(cols)]
            for (neg_score, _, _), (path, sevs, site) in worst:
                site_cell = f"{md_text(site) if site else '—'} | " if self.any_site else ""
                lines.append(f"| {md_code(path)} | {site_cell}{-neg_score:g} | "
                             + " | ".join(str(sevs.get(c, 0)) for c in cols) + " |")
        elif summary.checked:
            lines += ["", "Every document scored 100: no findings."]
        rows = summary.site_rows()
        if rows is not None:
            lines += ["", f"### Sites ({len(rows):,})", "",
                      "| site | documents | mean score | lowest | named authors | findings | top rules |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
            for site, row in rows[:SITES_LISTED]:
                d = row.to_dict(site)
                mean, low, named = d["score"]["mean"], d["score"]["min"], d["named_author_share"]
                lines.append(f"| {md_text(site) if site else '(no site)'} | {row.documents:,} | "
                             f"{'—' if mean is None else f'{mean:g}'} | {'—' if low is None else f'{low:g}'} | "
                             f"{'—' if named is None else f'{named:.0%}'} | {row.findings:,} | "
                             + ", ".join(f"{md_code(t['rule'])} {t['findings']:,}" for t in d["top_rules"][:3])
                             + " |")
            if len(rows) > SITES_LISTED:
                lines.append(f"\n… and {len(rows) - SITES_LISTED:,} more sites (see the JSON report)")
        if self.unreadable:
            lines += ["", f"### Could not be read ({summary.unreadable:,})", ""]
            for path, error in self.unreadable:
                lines.append(f"- {md_code(path)}: {md_text(error, MESSAGE_CHARS)}")
            if summary.unreadable > len(self.unreadable):
                lines.append(f"- … and {summary.unreadable - len(self.unreadable):,} more")
        if summary.findings:
            order = sorted(self.listed, key=lambda s: (severity_rank(s), s))
            items = [item for s in order for item in self.listed[s]][:FINDINGS_LISTED]
            lines += ["", "### Findings" + ("" if len(items) == summary.findings
                                            else f" ({len(items)} of {summary.findings:,}, errors first)"), ""]
            for path, f in items:
                lines.append(f"- {md_code(f'{path}:{f.line}')} **{md_text(f.severity)}** "
                             f"{self._rule(f.rule)}: {md_text(f.message, MESSAGE_CHARS)}")
            if summary.findings > len(items):
                lines.append(f"- … and {summary.findings - len(items):,} more findings "
                             "(see the full report)")
        return "\n".join(lines) + "\n"
