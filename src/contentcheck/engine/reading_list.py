"""Is a "See also" heading the writer's own reading list rather than a site's widget?

A related-posts widget links to the site's own pages; a writer's "See also" or "อ่านเพิ่มเติม" list
sends the reader to other sites (a Stack Overflow answer, a reference table). The list is the run of
list items right after the heading; its links are read from their source (an HTML `href`, a Markdown
link's destination), so a plain text that kept no links is read as before.
"""

from __future__ import annotations

import re

from ..inputs.sites import URL_FIELDS, host_of

_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# (and a bare address an item names: "- V8 Design Elements, https://github.com/v8/v8/wiki")
_MARKDOWN_LINK = re.compile(r"""\]\(\s*<?([^)\s>]+)|<((?:https?|mailto):[^>\s]+)>|(?<![(<\w/])(https?://[^\s)>\]]+)""",
                            re.IGNORECASE)
# A reference list written as paragraphs: "[1] [Introduction to SIFT](http://docs.opencv.org/...)"
_REFERENCE = re.compile(r"\s*\\?\[\d{1,3}\\?\]")
SECTION_ITEMS = 25  # a reading list is short; a widget's teasers too
_LINK_REACH = 400  # a Markdown item's destination follows its visible text on its line
# Second-level names under which a country's registrable names sit ("bbc.co.uk", "thairath.co.th").
_SECOND_LEVEL = frozenset("co com net org gov edu ac or ne go".split())


def _site(host: str) -> str:
    """The registrable part of a host: "sport.thairath.co.th" and "www.thairath.co.th" are one site."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _own_site(doc) -> str | None:
    """The site the page says it is at: its canonical URL, og:url or front matter url (not a folder's name)."""
    for key in URL_FIELDS:
        for value in doc.metadata.get(key):
            host = host_of(value)
            if host:
                return _site(host)
    return None


def section_links(doc, st, end: int) -> list[list[str]]:
    """The link destinations of each list item right after the heading that ends at ``end`` (an HTML item's
    ``href`` stands before its text, a Markdown destination after it on its line)."""
    bi = st.block_at(max(end - 1, 0))
    last = None
    for i in range(bi + 1, min(len(st.blocks), bi + 1 + SECTION_ITEMS)):
        if st.blocks[i].tag != "li" and not _REFERENCE.match(st.blocks[i].text):
            break
        last = i
    if last is None:
        return []
    items = []
    src_start = st.source_span(max(end - 1, 0), end)[1]
    for i in range(bi + 1, last + 1):
        block_end = st.starts[i] + len(st.blocks[i].text)
        src_end = st.source_span(max(block_end - 1, 0), block_end)[1]
        if doc.format == "html":
            items.append(_HREF.findall(doc.source, src_start, src_end))
        else:
            line_end = doc.source.find("\n", src_end, src_end + _LINK_REACH)
            src_end = src_end + _LINK_REACH if line_end < 0 else line_end
            items.append([a or b or c for a, b, c in _MARKDOWN_LINK.findall(doc.source, src_start, src_end)])
        src_start = src_end
    return items


def leads_off_site(doc, st, end: int) -> bool:
    """Do the list items under a heading link only to other sites? With the page's own site unknown,
    the links must name two sites or more (one may be the page's own, copied whole with its widget), or
    one other site beside an item that links nowhere: a book or a blog named, which no widget lists."""
    items = [[link for link in item if not link.lower().startswith("mailto:")] for item in section_links(doc, st, end)]
    links = [link for item in items for link in item]
    if not links:
        return False
    hosts = [host_of(link) for link in links]
    if any(host is None for host in hosts):
        return False  # a link within the site ("/2023/05/other-story") is a widget's
    sites = {_site(host) for host in hosts}
    own = _own_site(doc)
    if own is not None:
        return own not in sites
    return len(sites) >= 2 or not all(items)
