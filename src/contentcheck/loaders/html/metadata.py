"""What a page says about itself: title, authors, labels and language hints.

One function per source, each filling a Metadata:

- ``read_meta_tag``: ``<meta name|property|itemprop=... content=...>``;
- ``read_jsonld``: JSON-LD blocks (``author`` of an Article-like node, as an
  object, a list, a string or an ``@id`` reference; types, genre, section,
  keywords);
- ``byline_claim``: the text of a byline element (``class``/``itemprop``
  author or byline, ``rel=author``, a link to an author page);
- ``read_byline_lines``: a "By Jane Doe" line near the top of the article.

Language: the raw values of ``<html lang>``, ``og:locale`` and the
Content-Language meta are kept in ``fields`` (``html-lang``, ``og-locale``,
``content-language``), unjudged.
"""

from __future__ import annotations

import json
import re

from ...document import BODY, AuthorClaim, Block, Metadata
from ...text.bylines import byline_from_line, clean_byline

META_AUTHOR = {
    "author": "meta-author", "article:author": "meta-author", "parsely-author": "meta-author",
    "sailthru.author": "meta-author", "dc.creator": "meta-author", "dcterms.creator": "meta-author",
    "byl": "meta-author", "twitter:creator": None, "book:author": "meta-author",
    "og:article:author": "meta-author", "dcsext.author": "meta-author", "author_name": "meta-author",
    "cxenseparse:author": "meta-author", "citation_author": "meta-author",
}
_META_FIELDS = {
    "og:type": "type", "article:section": "section", "article:tag": "tags",
    "keywords": "keywords", "news_keywords": "keywords", "genre": "genre",
    "parsely-section": "section", "category": "category",
    "og:locale": "og-locale", "content-language": "content-language", "language": "content-language",
    "dc.language": "content-language",
    "og:url": "og-url",
}
AUTHOR_SOURCES = ("meta-author", "json-ld", "rel-author", "byline")
# How far into the article a "By ..." line may stand.
BYLINE_LINE_BLOCKS = 15


def meta_key(attrs: dict[str, str | None]) -> str:
    key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or attrs.get("http-equiv") or ""
    return key.lower()


def meta_names_author(attrs: dict[str, str | None]) -> bool:
    """Does this <meta> name an author (so its place is worth finding)?"""
    return bool(META_AUTHOR.get(meta_key(attrs)))


def read_meta_tag(attrs: dict[str, str | None], meta: Metadata, offset: int | None) -> None:
    key = meta_key(attrs)
    content = attrs.get("content")
    if content is None:
        content = attrs.get("value")  # some pages (and page savers) use value=
    if not key or content is None:
        return
    source = META_AUTHOR.get(key, 0)
    if source:
        meta.authors.append(AuthorClaim(" ".join(content.split()), source, offset))
        meta.author_sources_checked.append(source)
    field = _META_FIELDS.get(key)
    if field == "keywords":
        meta.add(field, [k for k in re.split(r"[,;]", content) if k.strip()])
    elif field:
        meta.add(field, content)
    if key == "og:title" and meta.title is None:
        meta.title = " ".join(content.split())


def read_link(attrs: dict[str, str | None], meta: Metadata) -> None:
    """``<link rel="canonical" href=...>``: the page's own URL (its site, see inputs/sites.py)."""
    rel = (attrs.get("rel") or "").lower().split()
    href = attrs.get("href")
    if "canonical" in rel and href:
        meta.add("canonical", href)


def read_html_lang(attrs: dict[str, str | None], meta: Metadata) -> None:
    lang = attrs.get("lang") or attrs.get("xml:lang")
    if lang and lang.strip():
        meta.add("html-lang", lang)


def byline_claim(text: str, rel_author: bool, offset: int | None, meta: Metadata) -> None:
    """A byline element ended: the name(s) its text gives, if any."""
    name = clean_byline(text)
    if name or not rel_author:
        meta.authors.append(AuthorClaim(name, "rel-author" if rel_author else "byline", offset))


def parse_jsonld(raw: str) -> object | None:
    try:
        return json.loads(raw.strip().rstrip(";"))
    except (ValueError, RecursionError):
        return None


_ARTICLE_TYPES = re.compile(r"article|posting|report|creativework|webpage|review|story|blog",
                            re.IGNORECASE)


def read_jsonld(data: object, meta: Metadata) -> None:
    """Collect types, genres, sections and authors from a JSON-LD value.

    Read at the end, all blocks together: an @id in one block may name a
    Person described in another.
    """
    nodes: list[dict] = []
    todo = [data]
    while todo and len(nodes) < 500:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(reversed(item))
        elif isinstance(item, dict):
            nodes.append(item)
            graph = item.get("@graph")
            if graph is not None:
                todo.append(graph)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        types = [t for t in types if isinstance(t, str)]
        if not types or not any(_ARTICLE_TYPES.search(t) for t in types):
            continue
        meta.add("type", types)
        meta.add("genre", node.get("genre"))
        meta.add("section", node.get("articleSection"))
        keywords = node.get("keywords")
        if isinstance(keywords, str):
            keywords = [k for k in re.split(r"[,;]", keywords) if k.strip()]
        meta.add("keywords", keywords)
        if "author" in node or "creator" in node:
            if "json-ld" not in meta.author_sources_checked:
                meta.author_sources_checked.append("json-ld")
            for name in _jsonld_names(node.get("author", node.get("creator")), by_id):
                meta.authors.append(AuthorClaim(name, "json-ld"))


def _jsonld_names(value: object, by_id: dict) -> list[str]:
    out: list[str] = []
    values = value if isinstance(value, list) else [value]
    for v in values[:50]:
        if isinstance(v, str):
            out.append(" ".join(v.split()))
        elif isinstance(v, dict):
            if "name" not in v and isinstance(v.get("@id"), str) and v["@id"] in by_id:
                v = by_id[v["@id"]]
            name = v.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            out.append(" ".join(str(name).split()) if name is not None else "")
    return out


def read_byline_lines(blocks: list[Block], meta: Metadata) -> None:
    """A "By Jane Doe" line near the top of the article, in no byline element."""
    seen = 0
    for block in blocks:
        if block.zone != BODY:
            continue
        seen += 1
        if seen > BYLINE_LINE_BLOCKS:
            break
        text = block.text.strip()
        if len(text) <= 100:
            name = byline_from_line(text)
            if name:
                lead = len(block.text) - len(block.text.lstrip())
                meta.authors.append(AuthorClaim(name, "byline-line", block.source_offset(lead)))
                if "byline-line" not in meta.author_sources_checked:
                    meta.author_sources_checked.append("byline-line")
                return


def finish(meta: Metadata, jsonld: list[object]) -> None:
    """After the walk: JSON-LD read, every author source named as checked."""
    if jsonld:
        read_jsonld(jsonld, meta)
    for src in AUTHOR_SOURCES:
        if src not in meta.author_sources_checked:
            meta.author_sources_checked.append(src)


# A page's script data ("postedBy": "Jane Doe", as single-page apps carry it) and
# a title that names its writer ("... reviewed by Jane Doe"): read only when no
# other source names anyone.
_DATA_AUTHOR = re.compile(r'"(?:author|authorName|author_name|postedBy|posted_by|byline|writer|creator)"'
                          r'\s*:\s*"([^"\\<>{}]{3,60})"')
_TITLE_AUTHOR = re.compile(r"\b(?:written|reviewed|posted|reported|photographed)\s+by\s+"
                           r"((?:[A-Z][\w'.\u2019-]*\s+){0,3}[A-Z][\w'.\u2019-]*)\s*$")


def read_last_resort_authors(source: str, meta: Metadata) -> None:
    if any(claim.name.strip() for claim in meta.authors):
        return
    m = _TITLE_AUTHOR.search(meta.title or "")
    if m:
        meta.authors.append(AuthorClaim(m.group(1), "title"))
    m = _DATA_AUTHOR.search(source)
    if m and not m.group(1).startswith(("http", "/")):
        meta.authors.append(AuthorClaim(" ".join(m.group(1).split()), "page-data"))
