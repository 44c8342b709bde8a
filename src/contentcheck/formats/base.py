"""What every report format shares: the Formatter protocol, the context it is made with, and the
helpers several formats need (plurals, the summary sentence, the worst documents, Markdown escaping)."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from typing import IO, Any, Callable, Protocol

from ..results import DocumentResult, RunNotes, Summary
from ..vocabulary import SEVERITIES, SEVERITY_RANK


@dataclass
class ReportContext:
    """What a formatter may need besides the documents."""

    version: str
    pack: Any = None  # the RulePack: rule descriptions for SARIF and the HTML report
    color: bool = False
    statistics: bool = False
    # The run's gate (--fail-on, --fail-under): which documents fail it, for formats that say so.
    fails: Callable[[DocumentResult], bool] | None = None
    fail_under: float | None = None

    def document_fails(self, result: DocumentResult) -> bool:
        """Whether ``result`` fails the run's gate (without one: a finding at error severity)."""
        if self.fails is not None:
            return self.fails(result)
        return any(f.severity == "error" for f in result.findings)


class Formatter(Protocol):
    """One report format. Made with ``(out, context)``; ``document`` is called for each document
    as it is checked, in input order, and ``finish`` once at the end. Formats that can stream do."""

    def document(self, result: DocumentResult) -> None: ...

    def finish(self, summary: Summary, notes: RunNotes) -> None: ...


FormatterClass = Callable[[IO[str], ReportContext], Formatter]


# ---------------------------------------------------------------- rule pages

RULE_DOCS = "https://github.com/contentcheck/contentcheck/blob/main/docs/rules/{}.md"


def rule_urls(pack) -> dict[str, str]:
    """Rule id -> its page, for the pack's rules that have one (the default pack's)."""
    urls = {}
    for rule in getattr(pack, "rules", None) or ():
        url = rule_url(rule)
        if url:
            urls[rule.id] = url
    return urls


def with_rule_pages(document: dict, urls: dict[str, str]) -> dict:
    """A document's JSON with each finding's rule page (``help_uri``) where its rule has one."""
    for finding in document["findings"]:
        url = urls.get(finding["rule"])
        if url:
            finding["help_uri"] = url
    return document


def terminal_link(text: str, url: str | None) -> str:
    """``text`` as a terminal hyperlink (OSC 8, as ruff and ls print them) to ``url``; terminals that
    do not know the sequence show the text alone. Only for output to a colour terminal."""
    return f"\033]8;;{url}\033\\{text}\033]8;;\033\\" if url else text


def rule_url(rule) -> str | None:
    """The page of a rule of the default pack (docs/rules/ID.md, written by scripts/rules_doc.py)."""
    from ..rulepack.pack import default_rules_dir

    source = str(getattr(rule, "source", "") or "")
    return RULE_DOCS.format(rule.id) if source.startswith(str(default_rules_dir())) else None


# ---------------------------------------------------------------- words and counts

def plural(n: int, word: str, plural_form: str | None = None, *, grouped: bool = False) -> str:
    """``3 findings``, ``1 finding``; ``grouped`` writes thousands as ``1,000``."""
    count = f"{n:,}" if grouped else str(n)
    return f"{count} {word if n == 1 else (plural_form or word + 's')}"


def summary_sentence(summary: Summary) -> str:
    """``7 documents checked (1 could not be read): 21 findings (7 error, 12 warning, 2 info)``."""
    sev = summary.by_severity
    unreadable = f" ({summary.unreadable} could not be read)" if summary.unreadable else ""
    counts = ", ".join(f"{sev.get(s, 0)} {s}" for s in SEVERITIES)
    return (f"{plural(summary.documents, 'document')} checked{unreadable}: "
            f"{plural(summary.findings, 'finding')} ({counts})")


def severities_seen(by_severity: dict[str, int]) -> list[str]:
    """The severities of the table, then any other name a finding carried."""
    return list(SEVERITIES) + sorted(k for k in by_severity if k not in SEVERITY_RANK)


def count_severities(findings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


class Worst:
    """The ``limit`` worst items seen so far, by a key where larger is worse.

    Keys must be unique (end them with the document's number), so that items
    themselves are never compared. Memory stays bounded whatever the run's size.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self._heap: list[tuple[tuple, Any]] = []

    def add(self, key: tuple, item: Any) -> None:
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, (key, item))
        elif key > self._heap[0][0]:
            heapq.heapreplace(self._heap, (key, item))

    def __len__(self) -> int:
        return len(self._heap)

    def worst_first(self) -> list[tuple[tuple, Any]]:
        """(key, item) pairs, the worst first."""
        return sorted(self._heap, key=lambda entry: entry[0], reverse=True)


# ---------------------------------------------------------------- line-oriented formats

# Control characters (C0, DEL, C1, the Unicode line and paragraph separators) and lone surrogates:
# printed raw, a file name, a WARC URI or a rule message could end a line and forge the next one
# (a finding, a GitHub ``::error`` command) or drive the terminal (ESC).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UNPRINTABLE_KEEP_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape_char(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text, *, keep_newlines: bool = False) -> str:
    """``text`` on one line of a line-oriented report: control characters written as ``\\xNN``
    (``keep_newlines`` leaves CR and LF to a format that escapes them its own way)."""
    text = str(text)
    if text.isprintable():
        return text
    return (_UNPRINTABLE_KEEP_LINES if keep_newlines else _UNPRINTABLE).sub(_escape_char, text)


# ---------------------------------------------------------------- Markdown

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text, limit: int | None = None) -> str:
    text = _CONTROL.sub(" ", str(text))
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text


def md_text(text, limit: int | None = None) -> str:
    """Plain text safe in a Markdown list item or table cell: no markup, no HTML, no mentions."""
    text = _one_line(text, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|#~])", r"\\\1", text)
    # "@name" and "#123" would notify people or link issues in a GitHub comment.
    return text.replace("@", "@\u200b")


def md_code(text) -> str:
    """Inline code for paths and rule ids; escaped text when it cannot be code."""
    text = _one_line(text)
    if not text or "`" in text or "|" in text:
        return md_text(text)
    return f"`{text}`"
