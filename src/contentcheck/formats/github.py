"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE-ID::message

Values are escaped the way GitHub's toolkit (``@actions/core``) escapes them. A rule with a page
gives it on the message's second line (annotations have no link field).
When ``GITHUB_STEP_SUMMARY`` is set, a Markdown summary is appended to that
file at the end. Only counts, the worst documents and the first findings are
kept in memory.
"""

from __future__ import annotations

import os
import sys

from .base import Worst, md_code, md_text, plural, printable, rule_urls, severities_seen, summary_sentence

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
WORST_DOCUMENTS = 20
SUMMARY_FINDINGS = 50
UNREADABLE_LISTED = 20


def escape_data(value: str) -> str:
    # CR and LF as @actions/core escapes them; other control characters (ESC...) as \xNN.
    return printable(value, keep_newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.index = 0
        self.worst = Worst(WORST_DOCUMENTS)
        self.first_findings: list[tuple[str, object]] = []
        self.unreadable: list[tuple[str, str]] = []
        self.rule_pages = rule_urls(context.pack)

    def document(self, result) -> None:
        self.index += 1
        out = self.out
        if result.error is not None:
            unreadable = result.score is None
            out.write(command("error" if unreadable else "warning", {"file": result.path},
                              f"could not check: {result.error}") + "\n")
            if unreadable:
                if len(self.unreadable) < UNREADABLE_LISTED:
                    self.unreadable.append((result.path, result.error))
                return
        for f in result.findings:
            props = {"file": result.path, "line": f.line, "col": f.column,
                     "endLine": max(f.end_line, f.line), "endColumn": f.end_column, "title": f.rule}
            if props["endLine"] == f.line and f.end_column < f.column:
                props["endColumn"] = f.column
            page = self.rule_pages.get(f.rule)
            message = f"{f.message}\n{page}" if page else f.message
            out.write(command(COMMANDS.get(f.severity, "warning"), props, message) + "\n")
            if len(self.first_findings) < SUMMARY_FINDINGS:
                self.first_findings.append((result.path, f))
        if result.score is not None:
            # Lowest scores are the worst; among equal scores the earlier document wins.
            self.worst.add((-result.score, -self.index), (result.path, len(result.findings)))

    def finish(self, summary, notes) -> None:
        self.out.write(summary_line(summary) + "\n")
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path:
            try:
                with open(path, "a", encoding="utf-8", newline="\n") as fh:
                    fh.write(self.markdown(summary))
            except OSError as exc:
                sys.stderr.write(f"contentcheck: cannot append to GITHUB_STEP_SUMMARY ({path}): "
                                 f"{exc.strerror or exc}\n")

    def markdown(self, summary) -> str:
        """The step summary: totals, the lowest-scoring documents, the first findings (escaped as
        --format markdown escapes: no markup, no HTML, no @mentions from articles or rules)."""
        sev = summary.by_severity
        lines = ["", "## contentcheck report", "",
                 f"{plural(summary.documents, 'document')} checked"
                 + (f", {summary.unreadable} could not be read" if summary.unreadable else "")
                 + f": **{plural(summary.findings, 'finding')}**"
                 + (f", mean score {summary.mean_score:g}" if summary.mean_score is not None else "")
                 + ".", "",
                 "| severity | findings |", "| --- | ---: |"]
        for name in severities_seen(sev):
            lines.append(f"| {md_text(name)} | {sev.get(name, 0)} |")
        if summary.by_category:
            lines += ["", "| category | findings |", "| --- | ---: |"]
            for cat, n in sorted(summary.by_category.items()):
                lines.append(f"| {md_text(cat)} | {n} |")
        worst = self.worst.worst_first()
        if worst:
            lines += ["", f"### Lowest-scoring documents ({len(worst)} of {summary.checked})", "",
                      "| document | score | findings |", "| --- | ---: | ---: |"]
            for (neg_score, _), (path, n) in worst:
                lines.append(f"| {md_code(path)} | {-neg_score:g} | {n} |")
        if self.unreadable:
            lines += ["", f"### Could not be read ({summary.unreadable})", ""]
            for path, error in self.unreadable:
                lines.append(f"- {md_code(path)}: {md_text(error)}")
            if summary.unreadable > len(self.unreadable):
                lines.append(f"- … and {summary.unreadable - len(self.unreadable)} more")
        if self.first_findings:
            shown = len(self.first_findings)
            title = "Findings" if shown == summary.findings else f"First {shown} of {summary.findings} findings"
            lines += ["", f"### {title}", ""]
            for path, f in self.first_findings:
                page = self.rule_pages.get(f.rule)
                rule = f"[{md_code(f.rule)}]({page})" if page else md_code(f.rule)
                lines.append(f"- {md_code(f'{path}:{f.line}')} {f.severity} {rule} {md_text(f.message)}")
        return "\n".join(lines) + "\n"


def summary_line(summary) -> str:
    return "contentcheck: " + summary_sentence(summary)
