"""Suppressions written in the content itself.

    <!-- contentcheck-disable-next-line [rule-or-category ...] -->
    <!-- contentcheck-disable [ids] --> ... <!-- contentcheck-enable [ids] -->
    <!-- contentcheck-disable-file [ids] -->

and, in Markdown front matter, ``contentcheck: {disable: [ids]}``. No ids
means every rule. A suppression that suppresses nothing is reported (info),
so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..results import Finding
from ..vocabulary import SUPPRESSION_CATEGORY, UNUSED_SUPPRESSION

_DIRECTIVE = re.compile(r"^\s*contentcheck-(disable-next-line|disable-file|disable|enable)\b(.*)$",
                        re.DOTALL | re.IGNORECASE)


@dataclass
class _Suppression:
    kind: str
    ids: frozenset[str]  # empty: all rules
    line: int
    column: int
    end_line: int  # region end (exclusive) for disable..enable; the line for next-line
    offset: int
    text: str
    end_offset: int = 0
    used: bool = False
    region: tuple[int, int] = (0, 0)  # source offsets for disable..enable
    lines: set[int] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        if self.ids and finding.rule not in self.ids and finding.category not in self.ids:
            return False
        if self.kind == "disable-file":
            return True
        if self.kind == "disable-next-line":
            return finding.line in self.lines
        return self.region[0] <= finding.offset < self.region[1]


def _ids(rest: str) -> frozenset[str]:
    return frozenset(x for x in re.split(r"[\s,]+", rest.strip()) if x)


def collect(doc) -> list[_Suppression]:
    out: list[_Suppression] = []
    open_regions: list[_Suppression] = []
    source = doc.source
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.text)
        if not m:
            continue
        kind = m.group(1).lower()
        ids = _ids(m.group(2))
        line, col = doc.line_col(comment.offset)
        end_line, _ = doc.line_col(max(comment.end_offset - 1, comment.offset))
        s = _Suppression(kind, ids, line, col, end_line, comment.offset, comment.text.strip(),
                         comment.end_offset)
        if kind == "enable":
            for region in list(open_regions):
                if not ids or region.ids & ids or not region.ids:
                    region.region = (region.region[0], comment.offset)
                    open_regions.remove(region)
            continue
        if kind == "disable":
            s.region = (comment.end_offset, len(source))
            open_regions.append(s)
        elif kind == "disable-next-line":
            # The next line with any text on it.
            nxt = end_line + 1
            lines = source.split("\n")
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            s.lines = {nxt}
        out.append(s)
    front = doc.front_matter.get("contentcheck") if isinstance(doc.front_matter, dict) else None
    if isinstance(front, dict) and front.get("disable") is not None:
        disable = front["disable"]
        ids = frozenset([disable] if isinstance(disable, str) else [str(x) for x in disable or []])
        out.append(_Suppression("disable-file", ids, 1, 1, 1, 0, "front matter contentcheck.disable"))
    return out


def apply(doc, findings: list[Finding]) -> list[Finding]:
    """Drop suppressed findings; add an info finding for each unused suppression."""
    suppressions = collect(doc)
    if not suppressions:
        return findings
    kept = []
    for f in findings:
        hit = False
        for s in suppressions:
            if s.covers(f):
                s.used = True
                hit = True
        if not hit:
            kept.append(f)
    for s in suppressions:
        if not s.used:
            what = f" ({', '.join(sorted(s.ids))})" if s.ids else ""
            end_line, end_col = doc.line_col(s.end_offset) if s.end_offset > s.offset else (s.line, s.column)
            kept.append(Finding(UNUSED_SUPPRESSION, SUPPRESSION_CATEGORY, "info", s.line, s.column, end_line, end_col,
                                f"Suppression contentcheck-{s.kind}{what} suppresses nothing; remove it",
                                s.text, s.offset))
    return kept
