"""Authors: byline lines ("By Jane Doe"), the names in byline elements, and whether a name names a person.

The one place loaders, the metadata kind and the engine learn about authors from."""

from __future__ import annotations

import re
from typing import Iterable

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


def byline_in_blocks(blocks, lines_per_block: int | None = None) -> tuple[str, int] | None:
    """The first byline line near the top or at the end of a text: (name, source offset) or None.

    The first eight and the last four blocks of a long text are looked at
    (a byline opens a story or signs it off); ``lines_per_block`` limits the
    lines read in each block.
    """
    candidates = blocks[:8] + blocks[-4:] if len(blocks) > 12 else blocks
    for block in candidates:
        lead = 0
        for i, line in enumerate(block.text.split("\n")):
            if lines_per_block is not None and i >= lines_per_block:
                break
            name = byline_from_line(line)
            if name:
                return name, block.source_offset(lead)
            lead += len(line) + 1
    return None


# ---------------------------------------------------------------- is it a person?

PLACEHOLDER = re.compile(
    r"^\s*(?:\{\{.*\}\}|\{%.*%\}|\[.*\]|%.*%|<.*>|\$\{.*\}|\$[a-z_]+|_+|-+|\?+|x{2,}|\.{2,})\s*$"
    r"|\b(?:author|your|first|writer)[ _]?name\b|\bfirstname\b|\blastname\b|\blorem\b|\btbd\b|\btodo\b",
    re.IGNORECASE)
GENERIC_AUTHORS = frozenset([
    "author", "authors", "admin", "administrator", "editor", "user", "unknown", "anonymous",
    "anon", "n/a", "na", "none", "null", "undefined", "nil", "webmaster", "guest", "by", "writer",
    "contributor", "name", "test", "default", "posted by", "written by", "site admin",
    "unknown author", "no author",
])
DESK = re.compile(
    r"\b(?:staff|desk|newsdesk|newsroom|team|editorial|editors|bureau|wire|reporters?|"
    r"correspondents?|contributors|news service|agency|agencies|press|associated press|reuters|"
    r"afp|ap|upi|pti|ani|ians|dpa|xinhua|bloomberg|board|services?)\b",
    re.IGNORECASE)
# The names reports give the places an author was looked for.
AUTHOR_SOURCES = {
    "front-matter": "front matter", "meta-author": "meta tags", "json-ld": "JSON-LD",
    "rel-author": "rel=author links", "byline": "byline elements", "byline-line": "byline lines",
}


def is_placeholder(value: str, extra: Iterable[re.Pattern] = ()) -> bool:
    """A template variable or stand-in ("{{author}}", "[Author Name]", "TBD") rather than a name."""
    if PLACEHOLDER.search(value):
        return True
    return any(p.search(value) for p in extra)


def judge_author(value: str, placeholders: Iterable[re.Pattern] = (),
                 generic: frozenset[str] = GENERIC_AUTHORS) -> str:
    """'missing', 'placeholder', 'generic', 'desk' or 'person'."""
    name = " ".join(value.split()).strip(" ,;:.|-")
    if not name:
        return "missing"
    if is_placeholder(name, placeholders):
        return "placeholder"
    if name.lower() in generic:
        return "generic"
    if DESK.search(name) and not re.search(r"[A-Z][a-z]+ [A-Z][a-z]+.*\b(?:and|,)\b", name):
        return "desk"
    return "person"
