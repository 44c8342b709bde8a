"""The page: the overview, the filters, the table of documents worst first, and one section per
document (its score, metadata, findings and source), written as documents arrive.

Memory stays bounded: each document's section is written to a spool file as
it arrives and copied after the overview in ``finish``; the overview keeps
counts and the lowest-scoring rows only. The output is deterministic: no
timestamps, no random ids.
"""

from __future__ import annotations

import base64
import hashlib
import tempfile
from functools import cache
from importlib.resources import files

from ...vocabulary import SEVERITIES
from ..base import Worst, rule_urls, severities_seen
from .charts import bars, histogram
from .markup import esc, fmt_score, plural, score_class, sev_class
from .sites import SitesView
from .source import SourceView

FINDINGS_SHOWN = 1000  # findings listed and marked per document
TABLE_ROWS = 2000  # rows of the documents table (the lowest scores)
QUOTE_CHARS = 160
SPOOL_MEMORY = 4 * 1024 * 1024


@cache
def asset(name: str) -> str:
    """report.css or report.js, shipped in the package beside this module."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.index = 0
        self.spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY, mode="w+b")
        self.sections: list[tuple[tuple, int, int]] = []  # (worst-first key, offset, length) in the spool
        self.sources = SourceView()
        self.rows = Worst(TABLE_ROWS)  # the rows of the documents table
        self.bins = [0] * 10
        self.lowest: tuple[float, int] | None = None  # (score, document number)
        self.categories: set[str] = set()
        self.rule_info: dict[str, tuple[str, str, str]] = {}  # id -> (category, severity, description)
        pack = getattr(context, "pack", None)
        for rule in getattr(pack, "rules", None) or ():
            self.categories.add(rule.category)
            self.rule_info[rule.id] = (rule.category, rule.severity, getattr(rule, "description", "") or "")
        self.rule_seen: dict[str, tuple[str, str]] = {}  # rule -> (category, severity) as reported
        self.rule_pages = rule_urls(pack)
        self.site_view = SitesView()

    # ------------------------------------------------------------ documents

    def _rule_link(self, rule: str, css: str = "") -> str:
        """A rule's id, linked to its page when it has one (the default pack's rules)."""
        code = f'<code class="{css}">{esc(rule)}</code>' if css else f"<code>{esc(rule)}</code>"
        url = self.rule_pages.get(rule)
        return f'<a href="{esc(url)}" rel="help">{code}</a>' if url else code

    def document(self, result) -> None:
        self.index += 1
        d = self.index
        findings = list(result.findings)
        counts: dict[str, int] = {}
        sevs = {s: 0 for s in SEVERITIES}
        for f in findings:
            counts[f.category] = counts.get(f.category, 0) + 1
            sevs[f.severity] = sevs.get(f.severity, 0) + 1
            self.categories.add(f.category)
            self.rule_seen.setdefault(f.rule, (f.category, f.severity))
        if result.score is not None:
            if self.lowest is None or result.score < self.lowest[0]:
                self.lowest = (result.score, d)
            self.bins[min(int(result.score // 10), 9) if result.score >= 0 else 0] += 1
        # Worst first: unreadable, then the lowest score, then the most findings, then input order.
        worst = (-1.0 if result.score is None else float(result.score), -len(findings), d)
        self.rows.add(tuple(-x for x in worst), (d, result.path, result.score, counts, sevs, result.error))
        self.site_view.add(d, result)
        data = self._section(d, result, findings, sevs).encode("utf-8")
        self.sections.append((worst, self.spool.tell(), len(data)))
        self.spool.write(data)

    def _section(self, d: int, result, findings, sevs) -> str:
        path = result.path
        shown = findings[:FINDINGS_SHOWN]
        out = [f'<section class="doc" id="doc-{d}" data-doc="{d}" data-path="{esc(path)}">\n'
               f'<header class="doc-head"><span class="score {score_class(result.score)}" '
               f'title="score">{fmt_score(result.score)}</span>'
               f'<h3><a href="#doc-{d}">{esc(path)}</a></h3>'
               f'<span class="counts">{self._sev_badges(sevs, len(findings))}</span>'
               f'<a class="top" href="#overview">overview ↑</a></header>\n']
        if result.error is not None:
            kind = "could not be read" if result.score is None else "was only partly checked"
            out.append(f'<p class="note bad"><strong>This document {kind}:</strong> {esc(result.error)}</p>\n')
        if result.score is not None or result.title or result.author:
            out.append(self._metadata(result))

        source = self.sources.load(result, findings, shown)
        if source.changed:
            out.append('<p class="note warn">The file on disk seems to have changed since it was checked: '
                       'the highlights may not match the text.</p>\n')

        if findings:
            out.append(self._findings_list(d, path, shown, source.spans))
            if len(findings) > len(shown):
                out.append(f'<p class="note">{len(findings) - len(shown):,} more findings are not listed '
                           f'or highlighted (the report shows {FINDINGS_SHOWN:,} per document).</p>\n')
        elif result.score is not None:
            out.append('<p class="clean">No findings.</p>\n')

        if source.note:
            out.append(f'<p class="note">{esc(source.note)}</p>\n')
        if source.lines is not None:
            out.append(self.sources.render(d, path, source.lines, shown, source.spans, source.excerpt))
        out.append("</section>\n")
        return "".join(out)

    def _sev_badges(self, sevs: dict, total: int) -> str:
        if not total:
            return '<span class="badge none">no findings</span>'
        parts = []
        for s in SEVERITIES:
            if sevs.get(s):
                parts.append(f'<span class="badge sev-{s}">{plural(sevs[s], s, s if s == "info" else None)}</span>')
        other = total - sum(sevs.get(s, 0) for s in SEVERITIES)
        if other:
            parts.append(f'<span class="badge sev-other">{other:,} other</span>')
        return " ".join(parts)

    def _metadata(self, result) -> str:
        rows = []
        rows.append(("Title", esc(result.title) if result.title else '<span class="missing">none found</span>'))
        if result.author:
            author = esc(result.author)
            if result.author_source:
                author += f' <span class="muted">from {esc(result.author_source)}</span>'
        else:
            author = '<span class="missing">none found</span>'
        rows.append(("Author", author))
        if result.authors_checked:
            rows.append(("Author sources checked", esc(", ".join(result.authors_checked))))
        if result.site:
            rows.append(("Site", esc(result.site)))
        if result.format:
            rows.append(("Format", esc(result.format)))
        body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return f'<dl class="meta">{body}</dl>\n'

    def _findings_list(self, d: int, path: str, findings, spans) -> str:
        out = ['<ol class="findings">\n']
        for k, f in enumerate(findings):
            sev = sev_class(f.severity)
            marked = spans is not None and k not in spans.outside
            loc = f"{path}:{f.line}:{f.column}"
            loc_html = (f'<a class="loc" href="#d{d}-L{f.line}" title="go to line {f.line}">{esc(loc)}</a>'
                        if marked else f'<span class="loc">{esc(loc)}</span>')
            quote = ""
            if f.text:
                text = " ".join(f.text.split())
                if len(text) > QUOTE_CHARS:
                    text = text[:QUOTE_CHARS - 1] + "…"
                quote = f' <q class="quote">{esc(text)}</q>'
            jump = (f' <a class="jump" href="#m{d}-{k}" title="show the highlighted text">highlight ↓</a>'
                    if marked else "")
            outside = ('' if marked or spans is None
                       else ' <span class="muted">(outside the shown text)</span>')
            out.append(
                f'<li class="finding sev-{sev}" id="f{d}-{k}" data-doc="{d}" data-sev="{esc(f.severity)}" '
                f'data-cat="{esc(f.category)}" data-rule="{esc(f.rule)}">'
                f'<span class="sev sev-{sev}">{esc(f.severity)}</span> '
                f'<div class="what"><span class="msg">{esc(f.message)}</span>{quote}'
                f'<div class="where">{self._rule_link(f.rule, "rule")} · '
                f'<span class="cat">{esc(f.category)}</span> · {loc_html}{jump}{outside}</div></div></li>\n')
        out.append("</ol>\n")
        return "".join(out)

    # ------------------------------------------------------------ the report

    def finish(self, summary, notes) -> None:
        w = self.out.write
        # The script runs after the page is parsed (it is the last element). It
        # reads data-* attributes and writes only textContent, the hidden
        # attribute and classes: no report data is ever parsed as HTML.
        script = "\n" + asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        title = (f"contentcheck report: {plural(summary.documents, 'document')}, "
                 f"{plural(summary.findings, 'finding')}")
        w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
          f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          '<meta name="referrer" content="no-referrer">\n'
          f'<meta name="generator" content="contentcheck {esc(self.context.version)}">\n'
          f'<title>{esc(title)}</title>\n<style>\n{asset("report.css")}</style>\n</head>\n<body>\n')
        w(self._overview(summary, notes))
        w(self._filters(summary))
        w(self.site_view.render(summary))
        w(self._table(summary))
        w('<h2 id="documents-heading" class="docs-heading">Documents in detail</h2>\n<div id="documents">\n')
        # Sections come worst first, like the table: read back from the spool one at a time.
        self.sections.sort()
        for _, offset, length in self.sections:
            self.spool.seek(offset)
            w(self.spool.read(length).decode("utf-8"))
        self.spool.close()
        w('</div>\n<p class="empty" id="no-match" hidden>No document matches these filters.</p>\n</main>\n')
        w(f'<footer>Made by contentcheck {esc(self.context.version)}. This file is self-contained: '
          'it loads nothing from the network.</footer>\n')
        w(f"<script>{script}</script>\n</body>\n</html>\n")

    def _overview(self, summary, notes) -> str:
        sev = summary.by_severity
        mean = "—" if summary.mean_score is None else f"{summary.mean_score:g}"
        low = "—" if summary.min_score is None else f"{summary.min_score:g}"
        out = ['<header class="page"><h1>contentcheck report</h1>'
               f'<p class="sub">{plural(summary.documents, "document")} · '
               f'{plural(summary.findings, "finding")} · contentcheck {esc(self.context.version)}</p>'
               '<p class="lead">Documents are listed worst first. Each one shows its score, its metadata, '
               'its findings and its source with every finding highlighted: hover over or focus a '
               'highlight to see the rule and message. Filter by category, severity, rule or path below.'
               '</p></header>\n'
               '<main>\n<section id="overview" aria-labelledby="overview-heading">\n'
               '<h2 id="overview-heading">Overview</h2>\n<div class="cards">\n']

        def card(label, value, cls="", sub=""):
            out.append(f'<div class="card {cls}"><div class="v">{value}</div> <div class="k">{label}</div>'
                       f'{f"<div class=sub>{sub}</div>" if sub else ""}</div>\n')

        unread = f"{summary.unreadable:,} could not be read" if summary.unreadable else ""
        card("documents checked", f"{summary.checked:,}", "", unread)
        card("findings", f"{summary.findings:,}")
        for s in SEVERITIES:
            card(s if s == "info" else s + "s", f"{sev.get(s, 0):,}", f"sev-{s}" if sev.get(s) else "zero")
        card("mean score", mean, score_class(summary.mean_score))
        low_sub = ""
        if summary.min_score_path is not None:
            path = esc(summary.min_score_path)
            low_sub = (f'<a href="#doc-{self.lowest[1]}" title="{path}">{path}</a>' if self.lowest
                       else f'<span title="{path}">{path}</span>')
        card("lowest score", low, score_class(summary.min_score), low_sub)
        out.append("</div>\n")
        if notes.lines:
            out.append('<ul class="notes">' + "".join(f"<li>{esc(x)}</li>" for x in notes.lines) + "</ul>\n")
        out.append('<div class="panels">\n<div class="panel"><h3>Score distribution</h3>\n')
        out.append(histogram(self.bins))
        out.append('<p class="hint">Scores run from 0 to 100; every finding lowers its document\'s '
                   'score, errors most.</p></div>\n')
        out.append('<div class="panel"><h3>Findings by category</h3>\n')
        out.append(bars(sorted(summary.by_category.items(), key=lambda kv: (-kv[1], kv[0])), summary.findings,
                         "category"))
        out.append('<h3>Findings by severity</h3>\n')
        out.append(bars([(s, sev.get(s, 0)) for s in severities_seen(sev)], summary.findings, "severity"))
        out.append("</div>\n</div>\n")
        if summary.by_rule:
            out.append('<details class="rules"><summary>Findings by rule '
                       f'({plural(len(summary.by_rule), "rule")})</summary>\n'
                       '<table class="grid"><thead><tr><th scope="col">rule</th><th scope="col">category</th>'
                       '<th scope="col">severity</th><th scope="col" class="num">findings</th>'
                       '<th scope="col">what it looks for</th></tr></thead><tbody>\n')
            for rule, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                cat, severity, desc = self.rule_info.get(rule, (*self.rule_seen.get(rule, ("", "")), ""))
                out.append(f'<tr><td>{self._rule_link(rule)}</td><td>{esc(cat)}</td>'
                           f'<td><span class="sev sev-{sev_class(severity)}">{esc(severity)}</span></td>'
                           f'<td class="num">{n:,}</td><td>{esc(" ".join(desc.split()))}</td></tr>\n')
            out.append("</tbody></table></details>\n")
        out.append("</section>\n")
        return "".join(out)

    def _filters(self, summary) -> str:
        def options(items):
            return "".join(f'<option value="{esc(k)}">{esc(k)} ({n:,})</option>' for k, n in items)

        cats = sorted(summary.by_category.items())
        sevs = [(s, summary.by_severity.get(s, 0)) for s in severities_seen(summary.by_severity)]
        rules = sorted(summary.by_rule.items())
        return ('<form id="filters" class="filters" role="search" aria-label="Filter findings and documents" '
                'hidden>\n'
                '<label>Category <select name="category"><option value="">all</option>'
                f'{options(cats)}</select></label>\n'
                '<label>Severity <select name="severity"><option value="">all</option>'
                f'{options(sevs)}</select></label>\n'
                '<label>Rule <select name="rule"><option value="">all</option>'
                f'{options(rules)}</select></label>\n'
                '<label class="search">Path <input type="search" name="q" placeholder="search paths…" '
                'autocomplete="off" spellcheck="false"></label>\n'
                '<button type="reset">Clear</button>\n'
                '<output id="filter-status" aria-live="polite"></output>\n'
                '</form>\n')

    def _table(self, summary) -> str:
        rows = [row for _, row in self.rows.worst_first()]
        cats = sorted(self.categories)
        out = ['<section id="table" aria-labelledby="table-heading">\n'
               '<h2 id="table-heading">Documents, worst first</h2>\n']
        if len(rows) < summary.documents:
            out.append(f'<p class="note">The table lists the {len(rows):,} lowest-scoring of '
                       f'{summary.documents:,} documents; every document has its section below.</p>\n')
        out.append('<div class="table-wrap"><table id="doc-table" class="grid">\n<thead><tr>'
                   '<th scope="col" data-sort="text">document</th>'
                   '<th scope="col" class="num" data-sort="num" aria-sort="ascending">score</th>')
        for c in cats:
            out.append(f'<th scope="col" class="num" data-sort="num">{esc(c)}</th>')
        out.append('<th scope="col" class="num" data-sort="num">findings</th></tr></thead>\n<tbody>\n')
        for rank, (d, path, score, counts, _sevs, error) in enumerate(rows):
            total = sum(counts.values())
            sv = -1 if score is None else score
            score_cell = (f'<span class="score small {score_class(score)}">{fmt_score(score)}</span>'
                          if score is not None else '<span class="score small s-none">unread</span>')
            err = (f' <span class="muted" title="{esc(error)}">(could not be read)</span>'
                   if error is not None and score is None else "")
            out.append(f'<tr data-doc="{d}" data-rank="{rank}" data-path="{esc(path)}">'
                       f'<td data-v="{esc(path)}"><a href="#doc-{d}">{esc(path)}</a>{err}</td>'
                       f'<td class="num" data-v="{sv:g}">{score_cell}</td>')
            for c in cats:
                n = counts.get(c, 0)
                out.append(f'<td class="num{" zero" if not n else ""}" data-v="{n}">{n if n else "·"}</td>')
            out.append(f'<td class="num" data-v="{total}"><strong>{total}</strong></td></tr>\n')
        out.append("</tbody></table></div>\n</section>\n")
        return "".join(out)

