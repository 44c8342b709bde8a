"""Shared helpers for author names, used by every loader and the metadata check."""

from __future__ import annotations

import re

# "By Jane Doe", "Written by Jane Doe", "Reporting by Jane Doe and John Roe"
BYLINE_LINE = re.compile(
    r"^\s*[(\[]?\s*(?:(?:written|reported|reporting|reviewed|words|story|text|edited|compiled|posted)\s+by|by)\s*[:\-–—]?\s+"
    r"(?P<name>[^\n]{2,120}?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)

_BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|reported|reporting|reviewed|words|story|text|posted|published)\s+by|by|author)\s*[:\-–—]?\s*",
    re.IGNORECASE)
# Where a byline element stops naming people: dates, separators, "Updated".
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|•·]|\s[-–—]\s|\bupdated\b|\bpublished\b|\bposted\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{1,2}[:/.]\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}"
    r"|\bfollow\b|\bemail\b|\bcontact\b|@).*$",
    re.IGNORECASE | re.DOTALL,
)


# A desk credit alone on a line near the top of a plain-text story: "Newsdesk".
DESK_LINE = re.compile(r"^\s*(?:[A-Z][\w&.'-]*\s+){0,3}(?:news\s?desk|desk|staff|newsroom|wire)\s*$",
                       re.IGNORECASE)


def clean_byline(text: str) -> str:
    """Reduce a byline element's text to the name(s) it gives."""
    text = " ".join(text.split())
    text = _BY_PREFIX.sub("", text, count=1)
    text = _BYLINE_TAIL.sub("", text)
    return text.strip(" ,;:.-–—|")


def byline_from_line(line: str) -> str | None:
    """The name in a plain byline line ("By Jane Doe"), else None."""
    if len(line) > 160:
        return None
    m = BYLINE_LINE.match(line)
    if not m:
        return None
    name = clean_byline(m.group("name"))
    # A byline names people: a few words, mostly capitalised, no sentence.
    words = name.split()
    if not words or len(words) > 12 or name.endswith(("?", "!")):
        return None
    if not any(w[:1].isupper() for w in words):
        return None
    return name
