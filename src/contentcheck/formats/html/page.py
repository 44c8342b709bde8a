"""``--format html``: one self-contained report file for people.

The file needs nothing but itself: no scripts, styles or fonts from the
network (a Content-Security-Policy in the page forbids every request and every
script but the report's own). It reads without JavaScript; a little vanilla
JavaScript adds the filters (category, severity, rule, a search over paths)
and table sorting. The filter state lives in the URL hash
(``report.html#severity=error&q=news``), so a filtered view can be shared.

Layout: an overview (counts, findings by severity, category and rule, the
score distribution as an inline SVG chart, a sortable table of documents,
worst first), then one section per document: score, metadata, its findings
and its source, line-numbered, with every finding's span wrapped in
``<mark>``. Overlapping findings split the text into segments, each segment
marked once with every finding that covers it.

The formatter sees results, not documents, so it re-reads each source file
from disk (as the loaders decode it). Everything from an article, a rule or a
path is escaped; article HTML is shown as text, never rendered.

Memory stays bounded: each document's section is written to a spool file as
it arrives and copied after the overview in ``finish``; the overview keeps
counts and the lowest-scoring rows only. Size stays bounded: a document's
source is shown in full up to ``SOURCE_CAP`` characters and while the report
holds less than ``SOURCE_BUDGET`` characters of source; past either, only the
lines around its findings are shown, with a note. The output is
deterministic: no timestamps, no random ids.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
import os
import re
import tempfile

from ...loaders.encoding import DecodeError, decode_bytes

SOURCE_CAP = 200_000  # characters of one document's source shown in full
SOURCE_BUDGET = 12_000_000  # characters of source shown in full in one report
READ_CAP = 8 * 1024 * 1024  # bytes: larger files are not read again for the report
CONTEXT_LINES = 2  # lines shown around each finding in excerpts
LONG_LINE = 4000  # in excerpts, longer lines show only the characters around their findings
LINE_CONTEXT = 300  # characters shown either side of a finding on such a line
FINDINGS_SHOWN = 1000  # findings listed and marked per document
TABLE_ROWS = 2000  # rows of the documents table (the lowest scores)
OPEN_SOURCES = 200  # sources of documents with findings shown expanded, in input order
QUOTE_CHARS = 160
SPOOL_MEMORY = 4 * 1024 * 1024
SEVERITIES = ("error", "warning", "info")
_SEV_RANK = {"error": 0, "warning": 1, "info": 2}

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>")


def _visible_char(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␁ ... ␟
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def esc(value) -> str:
    """Text safe anywhere in HTML: in content and inside quoted attributes."""
    return html.escape(_UNSAFE.sub(_visible_char, str(value)), quote=True)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _fmt_score(score) -> str:
    return "—" if score is None else f"{score:g}"


def _score_class(score) -> str:
    if score is None:
        return "s-none"
    if score >= 80:
        return "s-good"
    if score >= 50:
        return "s-mid"
    return "s-bad"


def _sev(severity: str) -> str:
    return severity if severity in _SEV_RANK else "other"


def _read_source(path: str, fmt: str | None) -> tuple[str | None, str | None]:
    """The decoded source of a checked file, or None and why it is not shown."""
    if path.startswith("<") and path.endswith(">"):
        return None, "The source is not shown: this document was read from standard input."
    if "#" in path and not os.path.isfile(path):
        return None, "The source is not shown: this document is a record inside an archive."
    try:
        size = os.path.getsize(path)
        if size > READ_CAP:
            return None, (f"The source is not shown: the file is {size:,} bytes, more than the "
                          f"report's limit of {READ_CAP:,}.")
        with open(path, "rb") as fh:
            data = fh.read(READ_CAP + 1)
    except OSError as exc:
        return None, f"The source is not shown: the file cannot be read now ({exc.strerror or exc})."
    try:
        text, _ = decode_bytes(data, fmt or "text")
    except DecodeError as exc:
        return None, f"The source is not shown: {exc}."
    if text.startswith("\ufeff"):
        text = text[1:]  # the loaders drop it too, so columns count without it
    return text, None


def _first_word(text: str) -> str:
    words = text.split()
    return words[0][:20] if words else ""


def _looks_changed(lines: list[str], findings, fmt: str | None) -> bool:
    """True when the file on disk no longer holds the text most findings matched."""
    checked = failed = 0
    for f in findings:
        if checked >= 20:
            break
        word = _first_word(f.text)
        if not word or f.line != f.end_line:
            continue
        checked += 1
        if f.line > len(lines):
            failed += 1
            continue
        span = lines[f.line - 1][max(f.column - 1, 0):max(f.end_column - 1, 0)]
        if fmt == "html":
            span = html.unescape(_TAG.sub(" ", span))
        if word not in span:
            failed += 1
    return checked > 0 and failed * 2 > checked


class _Spans:
    """Finding spans per line: ``marks[line] = [(start, end, k)]``, ``pins[line] = [(col, k)]``
    (0-based columns, end exclusive; ``k`` indexes the document's findings)."""

    def __init__(self, lines: list[str], findings):
        self.marks: dict[int, list[tuple[int, int, int]]] = {}
        self.pins: dict[int, list[tuple[int, int]]] = {}
        self.outside: set[int] = set()
        n = len(lines)
        for k, f in enumerate(findings):
            if f.line < 1 or f.line > n:
                self.outside.add(k)
                continue
            end_line = min(max(f.end_line, f.line), n)
            if (f.end_line, f.end_column) <= (f.line, f.column):
                self._pin(lines, f.line, f.column - 1, k)
                continue
            added = False
            for ln in range(f.line, end_line + 1):
                length = len(_display(lines[ln - 1]))
                start = f.column - 1 if ln == f.line else 0
                end = f.end_column - 1 if ln == f.end_line else length
                start, end = min(max(start, 0), length), min(max(end, 0), length)
                if end > start:
                    self.marks.setdefault(ln, []).append((start, end, k))
                    added = True
            if not added:
                self._pin(lines, f.line, f.column - 1, k)

    def _pin(self, lines, line: int, col: int, k: int) -> None:
        col = min(max(col, 0), len(_display(lines[line - 1])))
        self.pins.setdefault(line, []).append((col, k))

    def lines_with_findings(self) -> set[int]:
        return set(self.marks) | set(self.pins)


def _display(line: str) -> str:
    return line[:-1] if line.endswith("\r") else line


def _windows(length: int, marks, pins) -> list[tuple[int, int]]:
    """The parts of a very long line worth showing in an excerpt: around each mark and pin."""
    spans = []
    for start, end, _ in marks:
        if end - start > 2 * LINE_CONTEXT + 400:
            spans += [(start - LINE_CONTEXT, start + 400), (end - 400, end + LINE_CONTEXT)]
        else:
            spans.append((start - LINE_CONTEXT, end + LINE_CONTEXT))
    spans += [(col - LINE_CONTEXT, col + LINE_CONTEXT) for col, _ in pins]
    merged: list[list[int]] = []
    for a, b in sorted((max(a, 0), min(b, length)) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged] or [(0, min(length, 2 * LINE_CONTEXT))]


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.index = 0
        self.spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY, mode="w+b")
        self.sections: list[tuple[tuple, int, int]] = []  # (worst-first key, offset, length) in the spool
        self.source_shown = 0
        self.open_sources = 0
        self.rows: list[tuple] = []  # heap of the TABLE_ROWS worst rows (larger key = worse)
        self.bins = [0] * 10
        self.lowest: tuple[float, int] | None = None  # (score, document number)
        self.categories: set[str] = set()
        self.rule_info: dict[str, tuple[str, str, str]] = {}  # id -> (category, severity, description)
        pack = getattr(context, "pack", None)
        for rule in getattr(pack, "rules", None) or ():
            self.categories.add(rule.category)
            self.rule_info[rule.id] = (rule.category, rule.severity, getattr(rule, "description", "") or "")
        self.rule_seen: dict[str, tuple[str, str]] = {}  # rule -> (category, severity) as reported

    # ------------------------------------------------------------ documents

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
        entry = (tuple(-x for x in worst), d, result.path, result.score, counts, sevs, result.error)
        if len(self.rows) < TABLE_ROWS:
            heapq.heappush(self.rows, entry)
        elif entry > self.rows[0]:
            heapq.heapreplace(self.rows, entry)
        data = self._section(d, result, findings, sevs).encode("utf-8")
        self.sections.append((worst, self.spool.tell(), len(data)))
        self.spool.write(data)

    def _section(self, d: int, result, findings, sevs) -> str:
        path = result.path
        shown = findings[:FINDINGS_SHOWN]
        out = [f'<section class="doc" id="doc-{d}" data-doc="{d}" data-path="{esc(path)}">\n'
               f'<header class="doc-head"><span class="score {_score_class(result.score)}" '
               f'title="score">{_fmt_score(result.score)}</span>'
               f'<h3><a href="#doc-{d}">{esc(path)}</a></h3>'
               f'<span class="counts">{self._sev_badges(sevs, len(findings))}</span>'
               f'<a class="top" href="#overview">overview ↑</a></header>\n']
        if result.error is not None:
            kind = "could not be read" if result.score is None else "was only partly checked"
            out.append(f'<p class="note bad"><strong>This document {kind}:</strong> {esc(result.error)}</p>\n')
        if result.score is not None or result.title or result.author:
            out.append(self._metadata(result))

        lines = None
        note = None
        excerpt = False
        if result.score is None:
            pass
        elif not findings and self.source_shown >= SOURCE_BUDGET:
            note = ("The source is not shown: the report already holds "
                    f"{self.source_shown:,} characters of source, its limit.")
        else:
            source, note = _read_source(path, result.format)
            if source is not None:
                if len(source) > SOURCE_CAP:
                    excerpt = True
                    note = (f"The file has {len(source):,} characters, more than the {SOURCE_CAP:,} shown "
                            "in full: " + ("only the lines around each finding are shown." if findings
                                           else "the source is not shown."))
                elif self.source_shown >= SOURCE_BUDGET:
                    excerpt = True
                    note = ("The report already holds its limit of source text: only the lines around "
                            "each finding are shown.")
                if findings or not excerpt:
                    lines = source.split("\n")
                    if lines and lines[-1] == "" and len(lines) > 1:
                        lines.pop()  # a final newline ends the last line; it starts no new one
        spans = _Spans(lines, shown) if lines is not None else None
        if lines is not None and _looks_changed(lines, shown, result.format):
            out.append('<p class="note warn">The file on disk seems to have changed since it was checked: '
                       'the highlights may not match the text.</p>\n')

        if findings:
            out.append(self._findings_list(d, path, shown, spans))
            if len(findings) > len(shown):
                out.append(f'<p class="note">{len(findings) - len(shown):,} more findings are not listed '
                           f'or highlighted (the report shows {FINDINGS_SHOWN:,} per document).</p>\n')
        elif result.score is not None:
            out.append('<p class="clean">No findings.</p>\n')

        if note:
            out.append(f'<p class="note">{esc(note)}</p>\n')
        if lines is not None:
            out.append(self._source(d, path, lines, shown, spans, excerpt))
        out.append("</section>\n")
        return "".join(out)

    def _sev_badges(self, sevs: dict, total: int) -> str:
        if not total:
            return '<span class="badge none">no findings</span>'
        parts = []
        for s in SEVERITIES:
            if sevs.get(s):
                parts.append(f'<span class="badge sev-{s}">{_plural(sevs[s], s, s if s == "info" else None)}</span>')
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
        if result.format:
            rows.append(("Format", esc(result.format)))
        body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return f'<dl class="meta">{body}</dl>\n'

    def _findings_list(self, d: int, path: str, findings, spans) -> str:
        out = ['<ol class="findings">\n']
        for k, f in enumerate(findings):
            sev = _sev(f.severity)
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
                f'<div class="where"><code class="rule">{esc(f.rule)}</code> · '
                f'<span class="cat">{esc(f.category)}</span> · {loc_html}{jump}{outside}</div></div></li>\n')
        out.append("</ol>\n")
        return "".join(out)

    def _source(self, d: int, path: str, lines: list[str], findings, spans: _Spans, excerpt: bool) -> str:
        has_findings = bool(findings)
        is_open = has_findings and self.open_sources < OPEN_SOURCES
        if is_open:
            self.open_sources += 1
        if excerpt:
            wanted: set[int] = set()
            for ln in spans.lines_with_findings():
                wanted.update(range(max(1, ln - CONTEXT_LINES), min(len(lines), ln + CONTEXT_LINES) + 1))
            numbers = sorted(wanted)
        else:
            numbers = range(1, len(lines) + 1)
        title = f"Source · {_plural(len(lines), 'line')}" + (" (excerpts)" if excerpt else "")
        out = [f'<details class="source"{" open" if is_open else ""}><summary>{title}</summary>\n'
               f'<div class="code" role="region" aria-label="Source of {esc(path)}">']
        anchored: set[int] = set()
        prev = 0
        shown_chars = 0
        for ln in numbers:
            if ln != prev + 1:
                out.append(f'<div class="gap">⋯ {_plural(ln - prev - 1, "line")} not shown</div>')
            prev = ln
            raw = _display(lines[ln - 1])
            marks, pins = spans.marks.get(ln, ()), spans.pins.get(ln, ())
            if excerpt and len(raw) > LONG_LINE:
                parts = []
                windows = _windows(len(raw), marks, pins)
                for a, b in windows:
                    parts.append(self._line(d, raw[a:b], [(max(s, a) - a, min(e, b) - a, k) for s, e, k in marks
                                                          if s < b and e > a],
                                            [(c - a, k) for c, k in pins if a <= c <= b], findings, anchored))
                    shown_chars += b - a
                cut = '<span class="cut">…</span>'
                body = ((cut if windows[0][0] > 0 else "") + cut.join(parts)
                        + (cut if windows[-1][1] < len(raw) else ""))
            else:
                body = self._line(d, raw, marks, pins, findings, anchored)
                shown_chars += len(raw) + 1
            pin_line = " pinned" if pins else ""
            out.append(f'<div class="l{pin_line}" id="d{d}-L{ln}"><a class="n" href="#d{d}-L{ln}">{ln}</a>'
                       f'<span class="t">{body}</span></div>\n')
        if numbers and prev < len(lines):
            out.append(f'<div class="gap">⋯ {_plural(len(lines) - prev, "line")} not shown</div>')
        out.append("</div></details>\n")
        self.source_shown += shown_chars
        return "".join(out)

    def _line(self, d: int, text: str, marks, pins, findings, anchored: set[int]) -> str:
        if not marks and not pins:
            return esc(text)
        cuts = {0, len(text)}
        for start, end, _ in marks:
            cuts.add(start)
            cuts.add(end)
        pins_at: dict[int, list[int]] = {}
        for col, k in pins:
            cuts.add(col)
            pins_at.setdefault(col, []).append(k)
        points = sorted(cuts)
        out = []
        for i, pos in enumerate(points):
            for k in pins_at.get(pos, ()):
                out.append(self._anchor(d, k, anchored))
                f = findings[k]
                out.append(f'<mark class="pin sev-{_sev(f.severity)}" data-f="{k}" tabindex="0" '
                           f'aria-describedby="f{d}-{k}" title="{self._tip(f)}">⚑ {esc(f.rule)}</mark>')
            if i + 1 == len(points):
                break
            end = points[i + 1]
            if end == pos:
                continue
            piece = esc(text[pos:end])
            active = [k for start, stop, k in marks if start <= pos and end <= stop]
            if not active:
                out.append(piece)
                continue
            active.sort(key=lambda k: (_SEV_RANK.get(findings[k].severity, 3), k))
            for k in active:
                out.append(self._anchor(d, k, anchored))
            multi = " multi" if len(active) > 1 else ""
            tip = "&#10;".join(self._tip(findings[k]) for k in active)
            out.append(f'<mark class="sev-{_sev(findings[active[0]].severity)}{multi}" '
                       f'data-f="{" ".join(map(str, active))}" tabindex="0" '
                       f'aria-describedby="{" ".join(f"f{d}-{k}" for k in active)}" title="{tip}">{piece}</mark>')
        return "".join(out)

    @staticmethod
    def _anchor(d: int, k: int, anchored: set[int]) -> str:
        if k in anchored:
            return ""
        anchored.add(k)
        return f'<span class="anchor" id="m{d}-{k}"></span>'

    @staticmethod
    def _tip(f) -> str:
        return esc(f"{f.rule} ({f.severity}): {' '.join(f.message.split())}")

    # ------------------------------------------------------------ the report

    def finish(self, summary) -> None:
        w = self.out.write
        script = _SCRIPT
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        title = (f"contentcheck report: {_plural(summary.documents, 'document')}, "
                 f"{_plural(summary.findings, 'finding')}")
        w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
          f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          '<meta name="referrer" content="no-referrer">\n'
          f'<meta name="generator" content="contentcheck {esc(self.context.version)}">\n'
          f'<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n')
        w(self._overview(summary))
        w(self._filters(summary))
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

    def _overview(self, summary) -> str:
        sev = summary.by_severity
        mean = "—" if summary.mean_score is None else f"{summary.mean_score:g}"
        low = "—" if summary.min_score is None else f"{summary.min_score:g}"
        out = ['<header class="page"><h1>contentcheck report</h1>'
               f'<p class="sub">{_plural(summary.documents, "document")} · '
               f'{_plural(summary.findings, "finding")} · contentcheck {esc(self.context.version)}</p>'
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
        card("mean score", mean, _score_class(summary.mean_score))
        low_sub = ""
        if summary.min_score_path is not None:
            path = esc(summary.min_score_path)
            low_sub = (f'<a href="#doc-{self.lowest[1]}" title="{path}">{path}</a>' if self.lowest
                       else f'<span title="{path}">{path}</span>')
        card("lowest score", low, _score_class(summary.min_score), low_sub)
        out.append("</div>\n")
        lines = self.context.options.get("summary_lines") or []
        if lines:
            out.append('<ul class="notes">' + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>\n")
        out.append('<div class="panels">\n<div class="panel"><h3>Score distribution</h3>\n')
        out.append(_histogram(self.bins))
        out.append('<p class="hint">Scores run from 0 to 100; every finding lowers its document\'s '
                   'score, errors most.</p></div>\n')
        out.append('<div class="panel"><h3>Findings by category</h3>\n')
        out.append(_bars(sorted(summary.by_category.items(), key=lambda kv: (-kv[1], kv[0])), summary.findings,
                         "category"))
        out.append('<h3>Findings by severity</h3>\n')
        out.append(_bars([(s, sev.get(s, 0)) for s in SEVERITIES]
                         + sorted((k, v) for k, v in sev.items() if k not in _SEV_RANK),
                         summary.findings, "severity"))
        out.append("</div>\n</div>\n")
        if summary.by_rule:
            out.append('<details class="rules"><summary>Findings by rule '
                       f'({_plural(len(summary.by_rule), "rule")})</summary>\n'
                       '<table class="grid"><thead><tr><th scope="col">rule</th><th scope="col">category</th>'
                       '<th scope="col">severity</th><th scope="col" class="num">findings</th>'
                       '<th scope="col">what it looks for</th></tr></thead><tbody>\n')
            for rule, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                cat, severity, desc = self.rule_info.get(rule, (*self.rule_seen.get(rule, ("", "")), ""))
                out.append(f'<tr><td><code>{esc(rule)}</code></td><td>{esc(cat)}</td>'
                           f'<td><span class="sev sev-{_sev(severity)}">{esc(severity)}</span></td>'
                           f'<td class="num">{n:,}</td><td>{esc(" ".join(desc.split()))}</td></tr>\n')
            out.append("</tbody></table></details>\n")
        out.append("</section>\n")
        return "".join(out)

    def _filters(self, summary) -> str:
        def options(items):
            return "".join(f'<option value="{esc(k)}">{esc(k)} ({n:,})</option>' for k, n in items)

        cats = sorted(summary.by_category.items())
        sevs = [(s, summary.by_severity.get(s, 0)) for s in SEVERITIES] + sorted(
            (k, v) for k, v in summary.by_severity.items() if k not in _SEV_RANK)
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
        rows = sorted(self.rows, reverse=True)
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
        for rank, (_, d, path, score, counts, _sevs, error) in enumerate(rows):
            total = sum(counts.values())
            sv = -1 if score is None else score
            score_cell = (f'<span class="score small {_score_class(score)}">{_fmt_score(score)}</span>'
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


def _bars(items, total: int, kind: str) -> str:
    if not items or not total:
        return '<p class="muted">No findings.</p>\n'
    out = ['<table class="bars">']
    for name, n in items:
        pct = 100.0 * n / total if total else 0
        cls = f"sev-{_sev(name)}" if kind == "severity" else "cat"
        fill = f'<span class="fill {cls}" style="width:{pct:.1f}%"></span>' if n else ""
        out.append(f'<tr><th scope="row">{esc(name)}</th><td class="bar">{fill}</td>'
                   f'<td class="num">{n:,}</td></tr>')
    out.append("</table>\n")
    return "".join(out)


def _histogram(bins: list[int]) -> str:
    width, height, left, right, top, bottom = 520, 200, 34, 8, 18, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    bar_w = plot_w / len(bins)
    peak = max(bins) or 1
    total = sum(bins)
    labels = [f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100" for i in range(len(bins))]
    desc = (f"Scores of {_plural(total, 'document')}: "
            + ", ".join(f"{lab}: {n}" for lab, n in zip(labels, bins, strict=True)) + ".")
    out = [f'<svg class="hist" viewBox="0 0 {width} {height}" role="img" '
           'aria-labelledby="hist-title hist-desc" xmlns="http://www.w3.org/2000/svg">'
           '<title id="hist-title">Score distribution</title>'
           f'<desc id="hist-desc">{esc(desc)}</desc>']
    for tick in sorted({0, (peak + 1) // 2, peak}):
        y = top + plot_h - plot_h * tick / peak
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, n in enumerate(bins):
        h = plot_h * n / peak
        x = left + i * bar_w + 4
        y = top + plot_h - h
        cls = "s-bad" if i < 5 else ("s-mid" if i < 8 else "s-good")
        out.append(f'<g><title>{_plural(n, "document")} scored {labels[i]}</title>'
                   f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 8:.1f}" height="{max(h, 0):.1f}" '
                   'rx="3"/>')
        if n:
            out.append(f'<text class="count" x="{x + (bar_w - 8) / 2:.1f}" y="{y - 4:.1f}" '
                       f'text-anchor="middle">{n:,}</text>')
        out.append(f'<text class="axis" x="{x + (bar_w - 8) / 2:.1f}" y="{height - bottom + 16}" '
                   f'text-anchor="middle">{labels[i]}</text></g>')
    out.append("</svg>\n")
    return "".join(out)


_CSS = """
:root{--fg:#1d2433;--muted:#5b6475;--line:#e3e7ee;--bg:#f6f7f9;--card:#fff;--accent:#3355cc;
--err:#b42318;--err-bg:#fee4e2;--err-mark:#ffd5d0;--err-edge:#e5484d;
--warn:#93500a;--warn-bg:#fef0c7;--warn-mark:#ffe9a8;--warn-edge:#f5a524;
--info:#175cd3;--info-bg:#dbeafe;--info-mark:#d9e8ff;--info-edge:#4c8df6;
--good:#067647;--good-bg:#dcfae6;--mid:#93500a;--mid-bg:#fef0c7;--bad:#b42318;--bad-bg:#fee4e2;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",
sans-serif}
header.page,main,footer{max-width:1180px;margin-left:auto;margin-right:auto;padding-left:24px;padding-right:24px}
header.page{padding-top:28px;padding-bottom:4px}
h1{font-size:26px;margin:0;letter-spacing:-.01em}
h2{font-size:19px;margin:28px 0 12px}
h3{font-size:15px;margin:0 0 8px}
.sub,.muted,.hint{color:var(--muted)}
.sub{margin:4px 0 0}
.lead{margin:10px 0 0;max-width:52em;color:#344054;font-size:14px}
.hint{font-size:13px;margin:6px 0 0}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code{font-family:var(--mono);font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;min-width:0}
.card .v{font-size:26px;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
.card .k{color:var(--muted);font-size:13px}
.card .sub{color:var(--muted);font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.card.sev-error .v{color:var(--err)}.card.sev-warning .v{color:var(--warn)}.card.sev-info .v{color:var(--info)}
.card.zero .v{color:#98a1b2}
.card.s-good .v{color:var(--good)}.card.s-mid .v{color:var(--mid)}.card.s-bad .v{color:var(--bad)}
.notes{margin:12px 0 0;padding-left:20px;color:var(--muted)}
.panels{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:12px;margin-top:12px}
@media (max-width:820px){.panels{grid-template-columns:1fr}}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.panel h3+table,.panel table+h3{margin-top:4px}
.panel table+h3{margin-top:14px}
.hist{width:100%;height:auto;display:block}
.hist .grid{stroke:var(--line)}
.hist .axis{fill:var(--muted);font-size:11px}
.hist .count{fill:var(--fg);font-size:12px;font-weight:600}
.hist rect.s-bad{fill:#e5484d}.hist rect.s-mid{fill:#f5a524}.hist rect.s-good{fill:#30a46c}
.bars{width:100%;border-collapse:collapse;font-size:14px}
.bars th{text-align:left;font-weight:500;padding:3px 10px 3px 0;white-space:nowrap;width:1%}
.bars td{padding:3px 0}
.bars td.num{text-align:right;width:1%;padding-left:10px;font-variant-numeric:tabular-nums}
.bars .bar{background:#eef1f6;border-radius:4px;height:10px}
.bars .fill{display:block;height:10px;border-radius:4px;min-width:2px;background:#6b7fd7}
.fill.sev-error{background:var(--err-edge)}.fill.sev-warning{background:var(--warn-edge)}
.fill.sev-info{background:var(--info-edge)}
details.rules{margin-top:12px;background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:10px 16px}
details.rules summary{cursor:pointer;font-weight:600}
details.rules table{margin-top:10px}
table.grid{width:100%;border-collapse:collapse;font-size:14px;background:var(--card)}
table.grid th,table.grid td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top}
table.grid thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
font-weight:600;background:#fafbfc;position:sticky;top:0}
table.grid .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.grid td.zero{color:#b4bccb}
table.grid tbody tr:hover{background:#f3f6ff}
#doc-table td:first-child{word-break:break-all;font-family:var(--mono);font-size:13px}
th button{all:unset;cursor:pointer}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
.table-wrap{border:1px solid var(--line);border-radius:10px;overflow:auto;max-height:70vh}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;
background:rgba(246,247,249,.96);border-bottom:1px solid var(--line);padding:10px 0;margin-top:22px;
backdrop-filter:blur(4px)}
.filters label{font-size:13px;color:var(--muted);display:flex;gap:6px;align-items:center}
.filters select,.filters input,.filters button{font:inherit;font-size:14px;color:var(--fg);background:#fff;
border:1px solid #cfd5df;border-radius:7px;padding:5px 8px;max-width:260px}
.filters .search input{width:220px}
.filters button{cursor:pointer}
.filters button:hover{background:#f0f3f8}
#filter-status{font-size:13px;color:var(--muted);margin-left:auto}
.docs-heading{margin-top:32px}
section.doc{background:var(--card);border:1px solid var(--line);border-radius:12px;margin:0 0 18px;
padding:16px 18px;scroll-margin-top:70px}
.doc-head{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin-bottom:10px}
.doc-head h3{margin:0;font-family:var(--mono);font-size:15px;word-break:break-all;flex:1 1 300px}
.doc-head h3 a{color:var(--fg)}
.doc-head .top{font-size:13px}
.score{display:inline-block;min-width:48px;text-align:center;font-weight:700;border-radius:8px;padding:4px 8px;
font-variant-numeric:tabular-nums}
.score.small{min-width:42px;padding:1px 6px;font-size:13px;border-radius:6px}
.s-good.score{color:var(--good);background:var(--good-bg)}
.s-mid.score{color:var(--mid);background:var(--mid-bg)}
.s-bad.score{color:var(--bad);background:var(--bad-bg)}
.s-none.score{color:#5b6475;background:#eceff3;font-weight:500}
.badge,.sev{display:inline-block;font-size:12px;font-weight:600;border-radius:999px;padding:1px 8px;
white-space:nowrap}
.badge.none{color:var(--good);background:var(--good-bg)}
.sev-error.badge,.sev.sev-error{color:var(--err);background:var(--err-bg)}
.sev-warning.badge,.sev.sev-warning{color:var(--warn);background:var(--warn-bg)}
.sev-info.badge,.sev.sev-info{color:var(--info);background:var(--info-bg)}
.sev-other.badge,.sev.sev-other{color:#444;background:#eee}
.sev{text-transform:uppercase;letter-spacing:.04em;font-size:11px;min-width:64px;text-align:center}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 12px;font-size:14px}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
.missing{color:var(--warn);font-weight:600}
.note{font-size:14px;background:#f3f5f9;border-left:3px solid #98a1b2;padding:6px 10px;border-radius:4px;
margin:8px 0}
.note.bad{background:var(--err-bg);border-color:var(--err-edge)}
.note.warn{background:var(--warn-bg);border-color:var(--warn-edge)}
.clean{color:var(--good);font-weight:600;margin:4px 0 10px}
ol.findings{list-style:none;margin:0 0 12px;padding:0;border:1px solid var(--line);border-radius:8px}
ol.findings li{padding:8px 12px;border-top:1px solid var(--line);display:grid;
grid-template-columns:76px minmax(0,1fr);gap:0 10px;align-items:baseline}
ol.findings li[hidden]{display:none}
ol.findings li:first-child{border-top:0}
ol.findings li:target{background:#f3f6ff}
.finding .msg{font-weight:500}
.finding .quote{color:#344054;font-style:italic;overflow-wrap:anywhere}
.finding .where{font-size:13px;color:var(--muted);margin-top:2px;overflow-wrap:anywhere}
.finding .where .loc{font-family:var(--mono);font-size:12.5px}
.finding .jump{margin-left:8px}
details.source summary{cursor:pointer;color:var(--muted);font-size:13px;margin:4px 0 6px}
.code{font-family:var(--mono);font-size:12.5px;line-height:1.6;border:1px solid var(--line);border-radius:8px;
background:#fbfcfd;overflow:auto;max-height:80vh;padding:6px 0}
.code .l{display:flex;white-space:pre-wrap;tab-size:4;overflow-wrap:anywhere;scroll-margin-top:90px}
.code .l:target{background:#fff8db}
.code .l.pinned{background:#fffaf0}
.code .n{flex:none;width:4.2em;text-align:right;padding-right:12px;margin-right:10px;color:#98a1b2;
border-right:1px solid var(--line);user-select:none}
.code .t{flex:1;min-width:0;padding-right:10px}
.code .cut{color:var(--muted);background:#eceff3;border-radius:3px;padding:0 4px;margin:0 2px}
.code .gap{color:var(--muted);font-style:italic;padding:2px 0 2px 5.8em;background:#f1f3f7}
.anchor{scroll-margin-top:120px}
mark{color:inherit;border-radius:3px;padding:1px 0;position:relative;cursor:help}
mark.sev-error{background:var(--err-mark);box-shadow:inset 0 -2px 0 var(--err-edge)}
mark.sev-warning{background:var(--warn-mark);box-shadow:inset 0 -2px 0 var(--warn-edge)}
mark.sev-info{background:var(--info-mark);box-shadow:inset 0 -2px 0 var(--info-edge)}
mark.sev-other{background:#eee;box-shadow:inset 0 -2px 0 #999}
mark.multi{background-image:linear-gradient(rgba(110,60,200,.16),rgba(110,60,200,.16))}
mark.pin{font-family:system-ui,sans-serif;font-size:11px;font-weight:600;padding:0 6px;margin-right:6px;
border-radius:999px;box-shadow:none;white-space:nowrap}
mark.pin.sev-error{color:var(--err)}mark.pin.sev-warning{color:var(--warn)}mark.pin.sev-info{color:var(--info)}
mark.dim{background:transparent;box-shadow:none;outline:0;color:inherit}
mark.pin.dim{opacity:.35}
mark:focus{outline:2px solid var(--accent);outline-offset:1px}
mark:focus::after{content:attr(title);position:absolute;left:0;top:100%;margin-top:4px;z-index:10;
white-space:pre-line;width:max-content;max-width:36em;background:#1d2433;color:#fff;font:12px/1.4 system-ui,
sans-serif;padding:6px 8px;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:13px;padding-top:18px;padding-bottom:40px}
[hidden]{display:none!important}
@media print{.filters{display:none}.code{max-height:none}.table-wrap{max-height:none}}
"""

# Vanilla JavaScript, run after the page is parsed (the script is the last
# element). It reads data-* attributes and writes only textContent, the
# hidden attribute and classes: no report data is ever parsed as HTML.
_SCRIPT = r"""
(function () {
  "use strict";
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var form = document.getElementById("filters");
  var fields = ["category", "severity", "rule", "q"];
  var findings = all("li.finding");
  var docs = all("section.doc");
  var rows = all("#doc-table tbody tr");
  var marks = all("mark[data-f]");
  var status = document.getElementById("filter-status");
  var noMatch = document.getElementById("no-match");

  function openAround(el) {
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
  }
  function goToHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id.indexOf("=") >= 0) { return; }
    var el = document.getElementById(id);
    if (el) { openAround(el); el.scrollIntoView(); }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (el) { openAround(el); }
  });

  if (form) {
    form.hidden = false;
    var state = function () {
      var s = {};
      fields.forEach(function (k) { s[k] = (form.elements[k].value || "").trim(); });
      return s;
    };
    var setField = function (k, v) {
      var c = form.elements[k];
      if (c.tagName === "SELECT" && v) {
        var known = Array.prototype.some.call(c.options, function (o) { return o.value === v; });
        if (!known) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v + " (0)";
          c.appendChild(o);
        }
      }
      c.value = v;
    };
    var apply = function () {
      var s = state();
      var q = s.q.toLowerCase();
      var byFinding = !!(s.category || s.severity || s.rule);
      var hits = {}, match = {};
      findings.forEach(function (li) {
        var ok = (!s.category || li.getAttribute("data-cat") === s.category) &&
                 (!s.severity || li.getAttribute("data-sev") === s.severity) &&
                 (!s.rule || li.getAttribute("data-rule") === s.rule);
        li.hidden = !ok;
        match[li.id] = ok;
        if (ok) { hits[li.getAttribute("data-doc")] = (hits[li.getAttribute("data-doc")] || 0) + 1; }
      });
      var visible = function (el) {
        var path = (el.getAttribute("data-path") || "").toLowerCase();
        return (!q || path.indexOf(q) >= 0) && (!byFinding || hits[el.getAttribute("data-doc")] > 0);
      };
      var shownDocs = 0, shownFindings = 0;
      docs.forEach(function (sec) {
        var ok = visible(sec);
        sec.hidden = !ok;
        if (ok) { shownDocs += 1; shownFindings += hits[sec.getAttribute("data-doc")] || 0; }
      });
      rows.forEach(function (tr) { tr.hidden = !visible(tr); });
      marks.forEach(function (m) {
        var ids = (m.getAttribute("aria-describedby") || "").split(" ");
        var ok = !byFinding || ids.some(function (id) { return match[id] !== false; });
        m.classList.toggle("dim", !ok);
      });
      var filtered = byFinding || !!q;
      if (status) {
        status.textContent = filtered
          ? "Showing " + shownDocs + " of " + docs.length + " documents, " + shownFindings + " of " +
            findings.length + " findings"
          : docs.length + " documents, " + findings.length + " findings";
      }
      if (noMatch) { noMatch.hidden = shownDocs > 0 || docs.length === 0; }
      document.body.setAttribute("data-filtered", filtered ? "1" : "0");
      return s;
    };
    var writeHash = function (s) {
      var parts = [];
      fields.forEach(function (k) { if (s[k]) { parts.push(k + "=" + encodeURIComponent(s[k])); } });
      try {
        history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
      } catch (e) { /* some browsers refuse on file: URLs; the filters still work */ }
    };
    var readHash = function () {
      var h = location.hash.slice(1);
      if (h.indexOf("=") < 0) { return false; }
      var p = {};
      h.split("&").forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i > 0) {
          try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) { }
        }
      });
      fields.forEach(function (k) { setField(k, p[k] || ""); });
      return true;
    };
    form.addEventListener("input", function () { writeHash(apply()); });
    form.addEventListener("change", function () { writeHash(apply()); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { writeHash(apply()); }, 0); });
    window.addEventListener("hashchange", function () { if (readHash()) { apply(); } else { goToHash(); } });
    readHash();
    apply();
  }

  var table = document.getElementById("doc-table");
  if (table) {
    var heads = all("thead th", table);
    var sortBy = function (th) {
      var idx = heads.indexOf(th);
      var num = th.getAttribute("data-sort") === "num";
      var cur = th.getAttribute("aria-sort");
      var first = (num && idx > 1) ? "descending" : "ascending";
      var dir = cur ? (cur === "ascending" ? "descending" : "ascending") : first;
      var sign = dir === "ascending" ? 1 : -1;
      var body = table.tBodies[0];
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x = a.cells[idx].getAttribute("data-v"), y = b.cells[idx].getAttribute("data-v");
        var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return c * sign || (parseInt(a.getAttribute("data-rank"), 10) - parseInt(b.getAttribute("data-rank"), 10));
      });
      list.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (h) { if (h !== th) { h.removeAttribute("aria-sort"); } });
      th.setAttribute("aria-sort", dir);
    };
    heads.forEach(function (th) {
      if (!th.hasAttribute("data-sort")) { return; }
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      b.title = "Sort by " + th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(th); });
    });
  }
  goToHash();
  document.documentElement.setAttribute("data-ready", "1");
})();
"""
