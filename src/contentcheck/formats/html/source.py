"""The source of each document in the report: read again from disk as the loaders read it,
line-numbered, every finding's span in a ``<mark>``, cut to the lines around the findings when the
file or the report is large."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from ...loaders import FileTooLarge, LoadError, read_source
from ...vocabulary import severity_rank
from .markup import esc, plural, sev_class

SOURCE_CAP = 200_000  # characters of one document's source shown in full
SOURCE_BUDGET = 12_000_000  # characters of source shown in full in one report
READ_CAP = 8 * 1024 * 1024  # bytes: larger files are not read again for the report
CONTEXT_LINES = 2  # lines shown around each finding in excerpts
LONG_LINE = 4000  # in excerpts, longer lines show only the characters around their findings
LINE_CONTEXT = 300  # characters shown either side of a finding on such a line
OPEN_SOURCES = 200  # sources of documents with findings shown expanded, in input order
_TAG = re.compile(r"<[^>]*>")


def read_for_report(path: str, fmt: str | None) -> tuple[str | None, str | None]:
    """The decoded source of a checked file, or None and why it is not shown."""
    if path.startswith("<") and path.endswith(">"):
        return None, "The source is not shown: this document was read from standard input."
    if "#" in path and not os.path.isfile(path):
        return None, "The source is not shown: this document is a record inside an archive."
    try:
        return read_source(path, fmt, max_size=READ_CAP), None
    except FileTooLarge as exc:
        return None, (f"The source is not shown: the file is {exc.size:,} bytes, more than the "
                      f"report's limit of {READ_CAP:,}.")
    except LoadError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError):
            return None, f"The source is not shown: the file cannot be read now ({cause.strerror or cause})."
        return None, f"The source is not shown: {exc}."


def _first_word(text: str) -> str:
    words = text.split()
    return words[0][:20] if words else ""


def looks_changed(lines: list[str], findings, fmt: str | None) -> bool:
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


class Spans:
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


@dataclass
class Source:
    """What a document's section shows of its source."""

    lines: list[str] | None  # None: not shown
    note: str | None  # why not, or why only in part
    excerpt: bool  # only the lines around the findings
    spans: Spans | None
    changed: bool  # the file seems to have changed since it was checked


class SourceView:
    """Reads and renders sources, within the report's budget of source text."""

    def __init__(self):
        self.shown = 0  # characters of source in the report so far
        self.opened = 0  # sources shown expanded so far

    def load(self, result, findings, shown) -> Source:
        lines = None
        note = None
        excerpt = False
        if result.score is None:
            pass
        elif not findings and self.shown >= SOURCE_BUDGET:
            note = ("The source is not shown: the report already holds "
                    f"{self.shown:,} characters of source, its limit.")
        else:
            source, note = read_for_report(result.path, result.format)
            if source is not None:
                if len(source) > SOURCE_CAP:
                    excerpt = True
                    note = (f"The file has {len(source):,} characters, more than the {SOURCE_CAP:,} shown "
                            "in full: " + ("only the lines around each finding are shown." if findings
                                           else "the source is not shown."))
                elif self.shown >= SOURCE_BUDGET:
                    excerpt = True
                    note = ("The report already holds its limit of source text: only the lines around "
                            "each finding are shown.")
                if findings or not excerpt:
                    lines = source.split("\n")
                    if lines and lines[-1] == "" and len(lines) > 1:
                        lines.pop()  # a final newline ends the last line; it starts no new one
        spans = Spans(lines, shown) if lines is not None else None
        changed = lines is not None and looks_changed(lines, shown, result.format)
        return Source(lines, note, excerpt, spans, changed)

    def render(self, d: int, path: str, lines: list[str], findings, spans: Spans, excerpt: bool) -> str:
        has_findings = bool(findings)
        is_open = has_findings and self.opened < OPEN_SOURCES
        if is_open:
            self.opened += 1
        if excerpt:
            wanted: set[int] = set()
            for ln in spans.lines_with_findings():
                wanted.update(range(max(1, ln - CONTEXT_LINES), min(len(lines), ln + CONTEXT_LINES) + 1))
            numbers = sorted(wanted)
        else:
            numbers = range(1, len(lines) + 1)
        title = f"Source · {plural(len(lines), 'line')}" + (" (excerpts)" if excerpt else "")
        out = [f'<details class="source"{" open" if is_open else ""}><summary>{title}</summary>\n'
               f'<div class="code" role="region" aria-label="Source of {esc(path)}">']
        anchored: set[int] = set()
        prev = 0
        shown_chars = 0
        for ln in numbers:
            if ln != prev + 1:
                out.append(f'<div class="gap">⋯ {plural(ln - prev - 1, "line")} not shown</div>')
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
            out.append(f'<div class="gap">⋯ {plural(len(lines) - prev, "line")} not shown</div>')
        out.append("</div></details>\n")
        self.shown += shown_chars
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
                out.append(f'<mark class="pin sev-{sev_class(f.severity)}" data-f="{k}" tabindex="0" '
                           f'aria-describedby="f{d}-{k}" title="{mark_title(f)}">⚑ {esc(f.rule)}</mark>')
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
            active.sort(key=lambda k: (severity_rank(findings[k].severity), k))
            for k in active:
                out.append(self._anchor(d, k, anchored))
            multi = " multi" if len(active) > 1 else ""
            tip = "&#10;".join(mark_title(findings[k]) for k in active)
            out.append(f'<mark class="sev-{sev_class(findings[active[0]].severity)}{multi}" '
                       f'data-f="{" ".join(map(str, active))}" tabindex="0" '
                       f'aria-describedby="{" ".join(f"f{d}-{k}" for k in active)}" title="{tip}">{piece}</mark>')
        return "".join(out)

    @staticmethod
    def _anchor(d: int, k: int, anchored: set[int]) -> str:
        if k in anchored:
            return ""
        anchored.add(k)
        return f'<span class="anchor" id="m{d}-{k}"></span>'


def mark_title(f) -> str:
    """A mark's tooltip: rule, severity and message."""
    return esc(f"{f.rule} ({f.severity}): {' '.join(f.message.split())}")
