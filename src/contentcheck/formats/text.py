"""``--format text``: findings grouped by file, a score per file and a summary."""

from __future__ import annotations

from .base import printable, rule_urls, summary_sentence, terminal_link

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m",
           "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m", "green": "\033[32m"}


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.color = context.color
        self.clean = 0
        self.rule_pages = rule_urls(context.pack)

    def _rule(self, rule: str) -> str:
        return terminal_link(printable(rule), self.rule_pages.get(rule)) if self.color else printable(rule)

    def _c(self, name: str, text: str) -> str:
        return f"{_COLORS[name]}{text}{_COLORS['reset']}" if self.color else text

    def document(self, result) -> None:
        out = self.out
        path = printable(result.path)
        if result.error is not None and result.score is None:
            out.write(f"{self._c('bold', path)}\n  {self._c('error', 'error')}  could not check: "
                      f"{printable(result.error)}\n\n")
            return
        if not result.findings and not result.fixed:
            self.clean += 1
            return
        if self.context.statistics:
            return
        out.write(f"{self._c('bold', path)}  score {result.score:g}/100\n")
        for f in result.fixed:
            text = f.text if len(f.text) <= 80 else f.text[:77] + "..."
            out.write(f"  {path}:{f.line}:{f.column}  {self._c('green', 'fixed'.ljust(7))}  {printable(f.rule)}  "
                      f"{printable(f.action)}  {self._c('dim', repr_text(text))}\n")
        for f in result.findings:
            where = f"{path}:{f.line}:{f.column}"
            text = f.text if len(f.text) <= 80 else f.text[:77] + "..."
            quoted = f"  {self._c('dim', repr_text(text))}" if text else ""
            out.write(f"  {where}  {self._c(f.severity, printable(f.severity).ljust(7))}  {self._rule(f.rule)}  "
                      f"{printable(f.message)}{quoted}\n")
        out.write("\n")

    def finish(self, summary, notes) -> None:
        out = self.out
        rows = summary.site_rows()
        if rows is not None:
            out.write(self._c("bold", "Sites:") + "\n" + sites_table(rows) + "\n")
        if self.context.statistics:
            out.write("Findings per rule:\n")
            for rule, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                page = self.rule_pages.get(rule)
                out.write(f"  {n:6d}  {printable(rule)}" + (f"  {page}" if page else "") + "\n")
            out.write("Findings per category:\n")
            for cat, n in sorted(summary.by_category.items(), key=lambda kv: (-kv[1], kv[0])):
                out.write(f"  {n:6d}  {printable(cat)}\n")
        elif summary.by_rule:
            out.write(self.pages_footer(summary.by_rule))
        out.write(self._c("bold", summary_sentence(summary)) + "\n")
        if summary.by_category:
            cats = printable(", ".join(f"{k} {v}" for k, v in sorted(summary.by_category.items())))
            out.write(f"by category: {cats}\n")
        if summary.checked:
            out.write(f"score: mean {summary.mean_score:g}, lowest {summary.min_score:g} "
                      f"({printable(summary.min_score_path)})\n")
        for line in notes.lines:
            out.write(printable(line) + "\n")
        if summary.findings == 0 and summary.unreadable == 0:
            out.write(self._c("green", "No problems found.") + "\n")

    def pages_footer(self, by_rule) -> str:
        """Where each rule reported is explained, once per rule (not per finding: a long report
        stays readable)."""
        pages = [(rule, self.rule_pages[rule]) for rule in sorted(by_rule) if rule in self.rule_pages]
        if not pages:
            return ""
        width = max(len(rule) for rule, _ in pages)
        lines = [f"  {printable(rule).ljust(width)}  {url}" for rule, url in pages]
        return self._c("dim", "Rule pages:") + "\n" + "\n".join(lines) + "\n\n"


def sites_table(rows) -> str:
    """One line per site: documents, findings by severity, scores, named authors, top rules."""
    head = ("site", "docs", "findings", "error", "warning", "info", "mean", "min", "named", "top rules")
    lines = [head]
    for site, row in rows:
        d = row.to_dict(site)
        mean, low, named = d["score"]["mean"], d["score"]["min"], d["named_author_share"]
        lines.append((site or "(no site)", str(row.documents), str(row.findings),
                      *(str(row.by_severity.get(s, 0)) for s in ("error", "warning", "info")),
                      "-" if mean is None else f"{mean:g}", "-" if low is None else f"{low:g}",
                      "-" if named is None else f"{named:.0%}",
                      ", ".join(f"{t['rule']} {t['findings']}" for t in d["top_rules"][:3])))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head) - 1)]
    out = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:-1], widths[1:], strict=True)]
        out.append(("  " + "  ".join(cells) + "  " + line[-1]).rstrip())
    return "\n".join(out) + "\n"


def repr_text(text: str) -> str:
    return "\u201c" + printable(text) + "\u201d"
