"""HTML loader.

A small tokenizer (one regular expression for tags, comments and
declarations; text between them) feeds a stack of open elements. It knows
the source offset of every piece of text, which a BeautifulSoup tree keeps
only for tags, and builds no tree: it costs a fraction of
``BeautifulSoup(html, "html.parser")`` (measured in benchmarks/parsers.py).
Like browsers, it never fails: stray end tags are ignored, unclosed elements
close at the end, nesting depth costs nothing.

The loader sorts text into the main content (``body``), page chrome
(navigation, sidebars, share bars, comment forms...) and the ``<title>``, and
collects metadata: meta tags, JSON-LD, rel=author links and byline elements.
"""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from html.entities import html5 as _HTML5

from ..document import BODY, CHROME, TITLE, AuthorClaim, Block, Comment, Document, Metadata
from ..text.bylines import byline_from_line, clean_byline

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu
    nav ol p pre section summary table tbody td tfoot th thead title tr ul legend option
    select textarea button label iframe""".split())
# <form> is left out: some sites wrap the whole page in one.
_CHROME_TAGS = frozenset("nav aside footer button select textarea dialog menu label".split())
# Never text: their content is code, styles or data.
_SKIP_TAGS = frozenset("script style noscript template svg math canvas object iframe pre".split())
_AUTOCLOSE_SAME = frozenset("p li dt dd option tr td th".split())

# Tokens of class/id/role values that mark page furniture.
_CHROME_TOKEN = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|sidebar|widget|widgets|related|recommended|"
    r"recommendations|share|sharing|sharebar|social|comments?|respond|reply|search|searchform|"
    r"newsletter|subscribe|subscription|promo|advert|advertisement|ads?|adslot|sponsored|"
    r"breadcrumbs?|cookie|cookies|banner|popup|modal|footer|masthead|trending|popular|"
    r"more-stories|outbrain|taboola|signup|paywall|toolbar|pagination|teaser|teasers|"
    r"complementary|contentinfo|tags|tag-list|author-bio|yarpp|jp-relatedposts|sharedaddy|recirculation|"
    r"recirc|readmore|read-more|more-from|latest|most-popular|most-read|upnext|up-next|"
    r"related-articles|related-content|related-stories)(?:$|[\s_\-])",
    re.IGNORECASE)
_CONTAINER_TOKEN = re.compile(
    r"(?:^|\s)(?:entry-content|post-content|article-body|article__body|article-content|"
    r"articlebody|story-body|story-content|post-body|content-body|main-content|post-entry|"
    r"article-text|story-text|body-text|td-post-content|single-content|blog-post)(?:$|\s)",
    re.IGNORECASE)
_BYLINE_TOKEN = re.compile(r"author|byline|by-line|writer|contributor", re.IGNORECASE)
_NOT_BYLINE_TOKEN = re.compile(r"author-?bio|about-?author|authors?-list|avatar|author-?img|photo",
                               re.IGNORECASE)
# Links to an author's page: /author/jane-doe, /authors/jdoe, /by/jane-doe
_AUTHOR_HREF = re.compile(r"/(?:authors?|by|writers?|columnists?|contributors?|profiles?/authors?)/"
                          r"[\w.%-]*[a-z][\w.%-]*/?(?:$|[?#])",
                          re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_META_AUTHOR = {
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
}

_F_CHROME, _F_CONTAINER, _F_BYLINE, _F_SKIP, _F_TITLE, _F_JSONLD, _F_RELAUTHOR, _F_NAV, _F_LINK = (
    1, 2, 4, 8, 16, 32, 64, 128, 256)
# A block that is nothing but a short link ("Read more", a section name, a
# teaser headline) is navigation, whatever container it sits in.
LINK_ONLY_MAX_WORDS = 8
_NAV_TOKEN = re.compile(r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|menubar|menuitem|submenu)(?:$|[\s_\-])",
                        re.IGNORECASE)


# The tokenizer: one expression finds the next comment, tag, doctype or
# processing instruction; everything between tokens is text. Offsets come
# straight from the match, so nothing counts lines while parsing.
_TOKEN = re.compile(
    r"<(?:(!--)|(/?)([A-Za-z][^\s/>\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|![^>]*>|\?[^>]*>)")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}));?")
_RAW_END = {tag: re.compile(r"</" + tag + r"\s*>", re.IGNORECASE) for tag in ("script", "style", "textarea", "xmp")}


def _attrs(raw: str) -> list[tuple[str, str | None]]:
    out = []
    for m in _ATTR.finditer(raw):
        value = m.group(2)
        if value is None:
            value = m.group(3)
            if value is None:
                value = m.group(4)
        if value is not None and "&" in value:
            value = html_unescape(value)
        out.append((m.group(1).lower(), value))
    return out


class _Loader:
    def __init__(self, source: str):
        self.src = source
        self.pos = 0
        self.stack: list[tuple[str, int, int]] = []  # (tag, flags, container id)
        self.chrome = self.skip = self.byline = self.title = 0
        self.links = 0
        self.text_outside_link = False
        self.menus = 0  # inside navigation menus, author links are other articles'''
        self.containers: list[int] = []
        self.n_containers = 0
        self.container_depth: dict[int, int] = {}
        # current block
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int | None]] = []
        self.length = 0
        self.block_tag = "p"
        self.raw_blocks: list[tuple[Block, tuple[int, ...]]] = []
        self.byline_parts: list[str] = []
        self.byline_source = "byline"
        self.byline_offset: int | None = None
        self.jsonld_parts: list[str] = []
        self.jsonld: list = []
        self.meta = Metadata()
        self.comments: list[Comment] = []
        self.h1_offset: int | None = None
        self.title_tag_offset: int | None = None

    # -- positions
    def _offset(self) -> int:
        return self.pos

    def feed_all(self) -> None:
        src = self.src
        n = len(src)
        pos = 0
        search = _TOKEN.search
        # No '>' left means no tag left: without this, each '<' of a long
        # tail with no '>' would be scanned to the end (quadratic time).
        last_gt = src.rfind(">")
        while pos < n:
            m = search(src, pos, last_gt + 1) if last_gt >= pos else None
            if m is None:
                # A '<!--' past the last '>' has no '-->': browsers read it
                # as a comment running to the end.
                opener = src.find("<!--", pos)
                if opener == -1:
                    self._text(src[pos:], pos)
                else:
                    if opener > pos:
                        self._text(src[pos:opener], pos)
                    self.pos = opener
                    self.comments.append(Comment(src[opener + 4:].strip(), opener, n))
                break
            start = m.start()
            if start > pos:
                self._text(src[pos:start], pos)
            self.pos = start
            comment, closing, name, raw = m.groups()
            if comment:
                end = src.find("-->", m.end())
                end = n if end == -1 else end
                self.comments.append(Comment(src[m.end():end].strip(), start, min(end + 3, n)))
                pos = end + 3
                continue
            pos = m.end()
            if name is None:  # doctype, processing instruction
                continue
            name = name.lower()
            if closing:
                self.handle_endtag(name)
                continue
            # Attributes matter on elements that open a scope, and on <meta>.
            attrs = _attrs(raw) if raw and (name not in _VOID or name == "meta") and not raw.isspace() else []
            if raw.endswith("/") and name not in _VOID:
                self.handle_starttag(name, attrs)
                self.handle_endtag(name)
                continue
            self.handle_starttag(name, attrs)
            end_re = _RAW_END.get(name)
            if end_re is not None:
                close = end_re.search(src, pos)
                stop = close.start() if close else n
                if stop > pos:
                    self.pos = pos
                    self.handle_data(src[pos:stop])
                self.pos = stop
                self.handle_endtag(name)
                pos = close.end() if close else n

    def _text(self, text: str, offset: int) -> None:
        if not self.parts and text.isspace():
            return  # indentation between tags: no block starts with it
        if "&" not in text:
            self.pos = offset
            self.handle_data(text)
            return
        last = 0
        for m in _ENTITY.finditer(text):
            if m.start() > last:
                self.pos = offset + last
                self.handle_data(text[last:m.start()])
            self.pos = offset + m.start()
            self._entity(m)
            last = m.end()
        if last < len(text):
            self.pos = offset + last
            self.handle_data(text[last:])

    def _entity(self, m: re.Match) -> None:
        if self.skip:
            if self.stack and self.stack[-1][1] & _F_JSONLD:
                self.jsonld_parts.append(m.group(0))
            return
        raw = m.group(0)
        if m.group(3) is not None:
            name = m.group(3)
            if not raw.endswith(";"):
                # "&ampthe": HTML reads the longest legacy entity name ("amp")
                # and leaves the rest as text, each character at its own place.
                for k in range(len(name), 1, -1):
                    if name[:k] in _HTML5:
                        start = self.pos
                        self._add_text(_HTML5[name[:k]], start, k + 1)
                        if k < len(name):
                            self._add_text(name[k:], start + k + 1, None)
                        return
                self._add_text(raw, self.pos, None)
                return
            text = html_unescape(raw)
            if text == raw:  # not an entity after all: plain text
                self._add_text(raw, self.pos, None)
                return
        else:
            code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
            if 0x80 <= code <= 0x9F:  # HTML reads these as windows-1252 (&#146; is ’)
                text = bytes([code]).decode("cp1252", errors="replace")
            else:
                text = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        if text == "\xa0":
            text = " "
        # All decoded characters map to the whole reference ("&copyright" is
        # "©right" in HTML, like in browsers).
        self._add_text(text, self.pos, len(raw))

    # -- blocks
    def _flush(self) -> None:
        if not self.parts:
            return
        text = "".join(self.parts)
        segments = self.segments
        self.parts = []
        self.segments = []
        self.length = 0
        if not text.strip():
            return
        outside_link = self.text_outside_link
        self.text_outside_link = False
        if self.title:
            zone = TITLE
        elif self.chrome:
            zone = CHROME
        elif not outside_link and len(text.split()) <= LINK_ONLY_MAX_WORDS:
            zone = CHROME
        else:
            zone = BODY
        self.raw_blocks.append((Block(zone, self.block_tag, text, segments), tuple(self.containers)))

    def _add_text(self, text: str, offset: int, src_len: int | None) -> None:
        if not self.links and not self.text_outside_link and not text.isspace():
            self.text_outside_link = True
        self.segments.append((self.length, offset, src_len))
        self.parts.append(text)
        self.length += len(text)
        if self.byline:
            self.byline_parts.append(text)

    # -- stack
    def _push(self, tag: str, flags: int) -> None:
        cid = -1
        if flags & _F_CHROME:
            self.chrome += 1
        if flags & _F_NAV:
            self.menus += 1
        if flags & _F_LINK:
            self.links += 1
        if flags & _F_SKIP:
            self.skip += 1
        if flags & _F_BYLINE and self.menus and not self.byline:
            flags &= ~_F_BYLINE
        if flags & _F_BYLINE:
            if not self.byline:
                self.byline_parts = []
                self.byline_source = "rel-author" if flags & _F_RELAUTHOR else "byline"
                self.byline_offset = self._offset()
            self.byline += 1
        if flags & _F_TITLE:
            self.title += 1
            self.title_tag_offset = self._offset()
        if flags & _F_CONTAINER:
            cid = self.n_containers
            self.n_containers += 1
            self.container_depth[cid] = len(self.containers)
            self.containers.append(cid)
        self.stack.append((tag, flags, cid))

    def _pop(self) -> None:
        tag, flags, cid = self.stack.pop()
        if flags & _F_CHROME:
            self.chrome -= 1
        if flags & _F_NAV:
            self.menus -= 1
        if flags & _F_LINK:
            self.links -= 1
        if flags & _F_SKIP:
            self.skip -= 1
        if flags & _F_BYLINE:
            self.byline -= 1
            if not self.byline:
                name = clean_byline("".join(self.byline_parts))
                if name or self.byline_source == "byline":
                    self.meta.authors.append(AuthorClaim(name, self.byline_source, self.byline_offset))
        if flags & _F_TITLE:
            self.title -= 1
            title = " ".join(self._title_text().split())
            if title and self.meta.title is None:
                self.meta.title = title
        if flags & _F_CONTAINER and self.containers and self.containers[-1] == cid:
            self.containers.pop()
        if flags & _F_JSONLD:
            self._read_jsonld("".join(self.jsonld_parts))
            self.jsonld_parts = []

    def _title_text(self) -> str:
        for block, _ in reversed(self.raw_blocks):
            if block.zone == TITLE:
                return block.text
        return "".join(self.parts)

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK and self.parts:
            self._flush()
        if self.stack and tag in _AUTOCLOSE_SAME and self.stack[-1][0] == tag:
            self._pop()
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "link":
            return
        if tag in _VOID:
            return
        flags = 0
        if tag in _SKIP_TAGS:
            flags |= _F_SKIP
            if tag == "script":
                kind = next((v for k, v in attrs if k == "type"), "") or ""
                if "ld+json" in kind.lower():
                    flags |= _F_JSONLD
                    self.jsonld_parts = []
        elif tag == "title" and not self.stack_has_body():
            flags |= _F_TITLE
        else:
            if tag in _CHROME_TAGS:
                flags |= _F_CHROME
            elif tag == "header" and not self.containers:
                flags |= _F_CHROME
            if tag == "nav":
                flags |= _F_NAV
            elif tag == "a":
                flags |= _F_LINK
            if tag in ("article", "main"):
                flags |= _F_CONTAINER
            if attrs:
                flags |= self._attr_flags(attrs)
        if tag == "h1" and self.h1_offset is None and not self.chrome and not self.skip:
            self.h1_offset = self._offset()
        if tag in _BLOCK:
            self.block_tag = tag
        self._push(tag, flags)

    def stack_has_body(self) -> bool:
        return any(t == "body" for t, _, _ in self.stack[:3])

    def _attr_flags(self, attrs) -> int:
        flags = 0
        marks = []
        for key, value in attrs:
            if value is None:
                if key == "hidden":
                    flags |= _F_CHROME
                continue
            if key in ("class", "id", "role"):
                marks.append(value)
            elif key == "itemprop":
                if value == "articleBody":
                    flags |= _F_CONTAINER
                elif "author" in value:
                    flags |= _F_BYLINE
            elif key == "rel" and "author" in value.lower().split():
                flags |= _F_BYLINE | _F_RELAUTHOR
            elif key == "href" and _AUTHOR_HREF.search(value):
                flags |= _F_BYLINE
            elif key == "style" and _HIDDEN_STYLE.search(value):
                flags |= _F_CHROME
            elif key == "aria-hidden" and value == "true":
                flags |= _F_CHROME
        if marks:
            joined = " ".join(marks)
            if _NAV_TOKEN.search(joined):
                flags |= _F_NAV | _F_CHROME
            if "main" in marks:
                flags |= _F_CONTAINER
            if _CONTAINER_TOKEN.search(joined):
                flags |= _F_CONTAINER
            elif _CHROME_TOKEN.search(joined):
                flags |= _F_CHROME
            if _BYLINE_TOKEN.search(joined) and not _NOT_BYLINE_TOKEN.search(joined):
                flags |= _F_BYLINE
        return flags

    def handle_endtag(self, tag):
        if tag in _BLOCK and self.parts:
            self._flush()
        stack = self.stack
        if stack and stack[-1][0] == tag:  # the usual case: well-formed
            self._pop()
            return
        # Look only a little way down: a stray end tag in a deep document
        # must not cost a scan of the whole stack.
        for depth in range(len(stack) - 1, max(len(stack) - 48, -1), -1):
            if stack[depth][0] == tag:
                while len(stack) > depth:
                    self._pop()
                break

    def handle_data(self, data):
        if self.skip:
            if self.stack and self.stack[-1][1] & _F_JSONLD:
                self.jsonld_parts.append(data)
            return
        # Whitespace is insignificant in HTML; turn it into spaces one for one
        # so offsets stay exact.
        if "\n" in data:
            data = data.replace("\n", " ")
        if "\t" in data:
            data = data.replace("\t", " ")
        if "\r" in data:
            data = data.replace("\r", " ")
        # _add_text, inlined: this runs for every piece of text on the page.
        if not self.links and not self.text_outside_link and not data.isspace():
            self.text_outside_link = True
        self.segments.append((self.length, self.pos, None))
        self.parts.append(data)
        self.length += len(data)
        if self.byline:
            self.byline_parts.append(data)

    def _meta(self, attrs):
        values = dict(attrs)
        key = (values.get("name") or values.get("property") or values.get("itemprop") or "").lower()
        content = values.get("content")
        if content is None:
            content = values.get("value")  # some pages (and page savers) use value=
        if not key or content is None:
            return
        source = _META_AUTHOR.get(key, 0)
        if source:
            self.meta.authors.append(AuthorClaim(" ".join(content.split()), source, self._offset()))
            self.meta.author_sources_checked.append(source)
        field = _META_FIELDS.get(key)
        if field == "keywords":
            self.meta.add(field, [k for k in re.split(r"[,;]", content) if k.strip()])
        elif field:
            self.meta.add(field, content)
        if key == "og:title" and self.meta.title is None:
            self.meta.title = " ".join(content.split())

    def _read_jsonld(self, raw: str) -> None:
        # Read at the end, all blocks together: an @id in one block may name
        # a Person described in another.
        try:
            self.jsonld.append(json.loads(raw.strip().rstrip(";")))
        except (ValueError, RecursionError):
            return


_ARTICLE_TYPES = re.compile(r"article|posting|report|creativework|webpage|review|story|blog",
                            re.IGNORECASE)


def read_jsonld(data: object, meta: Metadata) -> None:
    """Collect types, genres, sections and authors from a JSON-LD value."""
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


def load_html(path: str, source: str) -> Document:
    parser = _Loader(source)
    parser.feed_all()
    parser._flush()
    while parser.stack:
        parser._pop()
    meta = parser.meta
    if parser.jsonld:
        read_jsonld(parser.jsonld, meta)
    for src in ("meta-author", "json-ld", "rel-author", "byline"):
        if src not in meta.author_sources_checked:
            meta.author_sources_checked.append(src)
    blocks = _choose_main_content(parser.raw_blocks, parser.container_depth)
    _byline_blocks(blocks, meta)
    meta.title_offset = parser.h1_offset if parser.h1_offset is not None else parser.title_tag_offset
    return Document(path, "html", source, blocks, meta, parser.comments)


def _byline_blocks(blocks: list[Block], meta: Metadata) -> None:
    """A "By Jane Doe" line near the top of the article, in no byline element."""
    seen = 0
    for block in blocks:
        if block.zone != BODY:
            continue
        seen += 1
        if seen > 15:
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


def _choose_main_content(raw_blocks, container_depth) -> list[Block]:
    """Keep as body only the blocks inside the page's main content container.

    Pages that mark their article (``<article>``, ``<main>``, ``articleBody``,
    ``entry-content``...) put everything else, teaser lists included, outside
    it. The container holding the most text wins; among containers holding
    most of that text, the innermost.
    """
    sizes: dict[int, int] = {}
    for block, path in raw_blocks:
        if block.zone == BODY:
            n = len(block.text)
            for cid in path:
                sizes[cid] = sizes.get(cid, 0) + n
    if not sizes:
        return [b for b, _ in raw_blocks]
    best = max(sizes.values())
    main = max((cid for cid, n in sizes.items() if n >= 0.6 * best),
               key=lambda cid: (container_depth.get(cid, 0), sizes[cid]))
    blocks = []
    for block, path in raw_blocks:
        if block.zone == BODY and main not in path:
            block.zone = CHROME
        blocks.append(block)
    return blocks
