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
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|\bfollow\b|\bemail\b|\bcontact\b|\btwitter\b|\bfacebook\b|\binstagram\b|\blinkedin\b|@).*$",
    re.IGNORECASE | re.DOTALL,
)


# A desk credit alone on a line near the top of a plain-text story: "Newsdesk".
DESK_LINE = re.compile(r"^\s*(?:[A-Z][\w&.'-]*\s+){0,3}(?:news\s?desk|desk|staff|newsroom|wire)\s*$",
                       re.IGNORECASE)


# A date (and time) opening a byline element: "December 15, 2016 3:33 PM ET Jane Doe".
_LEADING_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?[\s,|•·-]*",
    re.IGNORECASE)


# "REEVELLDecember 16, 2016": a date glued to the name before it.
_GLUED_MONTH = re.compile(r"(?<=[A-Za-z])(?=(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\s+\d)")


_TRAILING_DIGITS = re.compile(r"(?<=[A-Za-z])[\d/.:-]+$")


# Where a byline element's text crosses from one block element into another.
BYLINE_PART = "\x1f"


def clean_byline(text: str) -> str:
    """Reduce a byline element's text to the name(s) it gives: the first of its
    parts (block elements) that names anyone, "By" alone and dates skipped."""
    if BYLINE_PART in text:
        parts = [p for p in text.split(BYLINE_PART) if p.strip()]
        # A part that says "By ..." is the byline; else the first part naming anyone.
        marked = [p for p in parts if BYLINE_LINE.match(" ".join(p.split()))]
        for part in marked + parts:
            name = clean_byline(part)
            if name and name.lower() not in GENERIC_AUTHORS:
                return name
        return ""
    text = " ".join(text.split())
    text = _GLUED_MONTH.sub(" ", text)
    text = _LEADING_DATE.sub("", text, count=1)
    text = _BY_PREFIX.sub("", text, count=1)
    text = _BYLINE_TAIL.sub("", text)
    text = _TRAILING_DIGITS.sub("", text)
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
    "unknown author", "no author", "sign in", "log in", "login", "sign up", "subscribe", "follow",
    "share", "more", "view profile", "profile", "no-author", "about the author", "about the authors",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
])
DESK = re.compile(
    r"\b(?:staff|desk|newsdesk|newsroom|team|editorial|editors|bureau|wire|reporters?|"
    r"correspondents?|contributors|news service|agency|agencies|press|associated press|reuters|"
    r"afp|ap|upi|pti|ani|ians|dpa|xinhua|bloomberg|board|services?|news)\b",
    re.IGNORECASE)
# The names reports give the places an author was looked for.
AUTHOR_SOURCES = {
    "front-matter": "front matter", "meta-author": "meta tags", "json-ld": "JSON-LD",
    "rel-author": "rel=author links", "byline": "byline elements", "byline-line": "byline lines",
    "title": "the page title", "page-data": "the page's script data",
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


# ---------------------------------------------------------------- which claim names the author?

_URL = re.compile(r"^(?:https?:)?//|^/|^www\.", re.IGNORECASE)
# Author pages whose last path part is the author's name: /author/jane-doe, /editors/jon-fingas, /@jdoe
_AUTHOR_PAGE = re.compile(r"/(?:authors?|by|writers?|editors?|columnists?|contributors?|people|profiles?|"
                          r"staff|team|newsteam|topic)/(?:[\w-]+/)*?([\w.%-]*[a-z][\w.%-]*)/?$|/@([\w.-]+)/?$",
                          re.IGNORECASE)


def name_from_url(value: str) -> str:
    """The name an author URL gives: 'https://site/editors/jon-fingas' -> 'Jon Fingas'; else ''."""
    names = []
    for url in re.split(r"[\s,]+", value.strip()):
        if not url:
            continue
        path = re.sub(r"^(?:https?:)?//[^/]+", "", url).split("?")[0].split("#")[0]
        m = _AUTHOR_PAGE.search(path)
        slug = (m.group(1) or m.group(2)) if m else ""
        if not slug or slug.isdigit():
            continue
        words = re.split(r"[-_.]+", slug)
        names.append(" ".join(w.capitalize() for w in words if w) if len(words) > 1 else slug)
    return ", ".join(names)


def author_name(value: str) -> str:
    """A claim's value as a name: URLs read as author pages (or nothing)."""
    value = " ".join(value.split())
    if _URL.match(value):
        return name_from_url(value)
    return value


# A comment's author line, "Marilyn says".
_COMMENTER = re.compile(r"^\S+\s+says:?$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z\u00C0-\u024F][\w'\u2019.\-]*$")


def author_rank(value: str, verdict: str, from_url: bool) -> int:
    """Lower is better: a full name, then a single word or handle, then a name read from a URL, then a desk."""
    if verdict == "desk":
        return 3
    if from_url:
        return 2
    words = value.split()
    if len(words) >= 2 and sum(bool(_NAME_WORD.match(w)) for w in words) >= 2 and not _COMMENTER.match(value):
        return 0
    return 1


def best_author(claims, placeholders: Iterable[re.Pattern] = (),
                generic: frozenset[str] = GENERIC_AUTHORS) -> tuple[object, str, str] | None:
    """The claim that best names the author: (claim, name, verdict), or None when none is real.

    A person's full name beats a handle, which beats a name read from a URL,
    which beats a desk; among equals, the name more sources agree on (a meta
    tag and the visible byline, not the publisher's name in one tag, nor
    the bylines of a list of other articles), then the
    first in the page.
    """
    judged = []
    support: dict[str, set[str]] = {}
    for claim in claims:
        name = author_name(claim.name)
        verdict = judge_author(name, placeholders, generic)
        if verdict not in ("person", "desk"):
            continue
        key = name.casefold()
        support.setdefault(key, set()).add(claim.source)
        rank = author_rank(name, verdict, name != " ".join(claim.name.split()))
        judged.append((rank, len(judged), claim, name, verdict))
    if not judged:
        return None
    _, _, claim, name, verdict = min(judged, key=lambda j: (j[0], -len(support[j[3].casefold()]), j[1]))
    return claim, name, verdict
