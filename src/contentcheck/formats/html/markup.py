"""Escaping and the small pieces of markup every part of the HTML report uses."""

from __future__ import annotations

import html
import re

from ...vocabulary import SEVERITY_RANK
from ..base import plural as _plural_count

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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



def plural(n: int, word: str, plural_form: str | None = None) -> str:
    return _plural_count(n, word, plural_form, grouped=True)


def fmt_score(score) -> str:
    return "—" if score is None else f"{score:g}"


def score_class(score) -> str:
    if score is None:
        return "s-none"
    if score >= 80:
        return "s-good"
    if score >= 50:
        return "s-mid"
    return "s-bad"



def sev_class(severity: str) -> str:
    """The CSS class suffix of a severity; names outside the table share one look."""
    return severity if severity in SEVERITY_RANK else "other"
