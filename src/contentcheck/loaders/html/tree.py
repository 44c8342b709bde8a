"""From the parsed tree to blocks of text, each with its source positions.

The tree (lexbor, HTML Standard tree construction, scripting on as in a
browser) decides what is text and what contains what. One pass over it, in
tree order and without recursion (60,000 levels cost nothing), keeps a stack
of open elements with their flags (zones.py), cuts text into blocks at block
elements, places every text node in the source (cursor.py) and hands meta
tags, JSON-LD, byline elements and comments to metadata.py.
"""

from __future__ import annotations

import re
from array import array

from selectolax.lexbor import LexborHTMLParser

from ...document import BODY, CHROME, OG_TITLE_TAG, TITLE, Block, Comment, Metadata
from ...text.bylines import BYLINE_PART
from ...vocabulary import INLINE_CODE_TAGS
from . import metadata as md
from .cursor import DATA, RAW, RCDATA, SourceCursor
from .depth import cap_depth, may_be_deep
from .og_title import og_title_in_source
from .zones import (
    BLOCK_TAGS,
    F_BYLINE,
    F_CHROME,
    F_CODE,
    F_CONTAINER,
    F_JSONLD,
    F_LINK,
    F_MICRODATA,
    F_NAV,
    F_QUOTE,
    F_RELAUTHOR,
    F_SKIP,
    F_TITLE,
    FLAGGED_TAGS,
    LINK_ONLY_MAX_WORDS,
    SKIP_TAGS,
    element_flags,
)

# Elements whose content the tokenizer reads as text, not markup.
_RAW_TEXT = frozenset("script style xmp iframe noembed noframes noscript plaintext".split())
_RCDATA = frozenset(("title", "textarea"))
_FOREIGN = frozenset(("svg", "math"))
_THINK_END = re.compile(r"</think\s*>", re.IGNORECASE)
# Elements that need more than their flags on entering.
_SPECIAL = _FOREIGN | SKIP_TAGS | _RAW_TEXT | _RCDATA | frozenset(("meta", "html", "template", "h1"))
# Whitespace is insignificant in HTML: each becomes a space, one for one, so
# offsets stay exact. (A no-break space reads as a space too.)
_SPACES = ("\n", "\t", "\x0c", "\xa0")


def parse(source: str) -> LexborHTMLParser:
    if may_be_deep(source):
        source = cap_depth(source)
    try:
        return LexborHTMLParser(source, scripting=True)
    except UnicodeEncodeError:
        # Lone surrogates cannot go to the parser as UTF-8; their nodes will
        # not match the source and are left out.
        return LexborHTMLParser(source.encode("utf-8", "replace").decode("utf-8"), scripting=True)


# Past these sizes a page's tree is worth handing back to the system at once,
# and its segments are kept compact while the tree is there.
_TRIM_AFTER = 4 * 1024 * 1024
_COMPACT_FROM = 1024 * 1024


# Headings and list items that are nothing but a link: teaser headlines of other articles, a
# list of related stories (an article's own sentences are not one link each).
_TEASER_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "li"))
TEASER_MAX_WORDS = 16


def read_page(source: str) -> PageReader:
    """Parse and read a page; the tree is gone when this returns."""
    reader = PageReader(source)
    tree = parse(source)
    root = tree.root
    reader.read(root.parent if root is not None else None)
    del tree, root
    if len(source) > _TRIM_AFTER:
        _release_freed_memory()
    if reader.compact:
        for block, _ in reader.raw_blocks:
            flat = iter(block.segments)
            block.segments = [(a, b, None if c < 0 else c) for a, b, c in zip(flat, flat, flat, strict=False)]
    return reader


def _release_freed_memory() -> None:
    """Return the tree's freed memory to the system (glibc keeps it otherwise), so
    the checks that follow do not stack their peak on top of the parser's."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to do


class PageReader:
    """Reads one page's tree into raw blocks, comments and metadata."""

    def __init__(self, source: str):
        self.cursor = SourceCursor(source)
        self.stack: list[tuple[str, int, int]] = []  # (tag, flags, container id)
        self.chrome = self.skip = self.byline = self.title = self.links = self.menus = self.code = self.quotes = 0
        self.foreign = 0
        self.mode = DATA  # how the text of the current element is written
        self.text_outside_link = False
        self.containers: list[int] = []
        self.n_containers = 0
        self.container_depth: dict[int, int] = {}
        # the block being built
        self.parts: list[str] = []
        self.segments: list | array = []
        # A big page's tree and its blocks are in memory together: there the
        # segments are kept flat, (text offset, source offset, length or -1) in
        # an array, a fifth of a tuple's room, and become tuples once the tree is gone.
        self.compact = len(source) > _COMPACT_FROM
        if self.compact:
            self.segments = array("q")
        self.length = 0
        self.block_tag = "p"
        self.raw_blocks: list[tuple[Block, tuple[int, ...]]] = []
        self.byline_parts: list[str] = []
        self.byline_rel = False
        self.byline_offset: int | None = None
        self.jsonld_parts: list[str] = []
        self.jsonld: list[object] = []
        self.meta = Metadata()
        self.comments: list[Comment] = []
        self.h1_offset: int | None = None
        self.title_tag_offset: int | None = None
        self.og_title: str | None = None

    # ------------------------------------------------------------ the walk

    def read(self, document) -> None:
        """Walk the tree under ``document`` depth first, with enter and exit events."""
        open_nodes = []
        enter, exit, text = self.enter, self.exit, self.text
        node = document.child
        while node is not None:
            tag = node.tag
            if tag == "-text":
                data = node.text_content
                if self.parts or not data.isspace():  # indentation between tags: no block starts with it
                    text(data)
            elif tag is None or tag == "-comment":
                self.comment(node.comment_content if tag else None)
            elif tag[0] != "-":
                enter(node, tag)
                child = node.child
                if child is not None:
                    open_nodes.append(node)
                    node = child
                    continue
                exit()
            nxt = node.next
            while nxt is None and open_nodes:
                node = open_nodes.pop()
                exit()
                nxt = node.next
            node = nxt
        self.flush()
        while self.stack:
            self.exit()
        self._og_title_block()

    def _og_title_block(self) -> None:
        """The og:title is the headline a share card shows: checked like the <title> when it says
        something else (a farm's pages put the model's refusal there too)."""
        if self.og_title is None:
            return
        wanted = " ".join(self.og_title.split())
        if not wanted or any(b.zone == TITLE and " ".join(b.text.split()) == wanted for b, _ in self.raw_blocks):
            return
        read = og_title_in_source(self.cursor.src, wanted)
        if read is None:
            return  # not found as the parser read it: better unchecked than misplaced
        text, segments = read
        segments = self.cursor.source_segments(segments, len(text))  # (the cursor reads CRLF as LF)
        if self.compact:
            segments = array("q", [x for a, b, c in segments for x in (a, b, -1 if c is None else c)])
        # After the <title>, which stays the page's first title block (its text is meta.title).
        at = next((i for i, (b, _) in enumerate(self.raw_blocks) if b.zone != TITLE), len(self.raw_blocks))
        self.raw_blocks.insert(at, (Block(TITLE, OG_TITLE_TAG, text, segments), ()))

    # ------------------------------------------------------------ events

    def enter(self, node, tag: str) -> None:
        if self.skip:
            # Inside code, graphics or data: only the cursor's anchors matter.
            if self.foreign or tag in _FOREIGN:
                self.foreign += 1
            elif tag in _RAW_TEXT or tag in _RCDATA:
                self.mode = RAW if tag in _RAW_TEXT else RCDATA
                self.cursor.start_tag(tag, move=True)
            elif tag == "template":
                self.cursor.skip_element(tag)
            self.stack.append((tag, 0, -1))
            return
        if tag in BLOCK_TAGS:
            if self.parts:
                self.flush()
            self.block_tag = tag
            if self.byline:
                self.byline_parts.append(BYLINE_PART)  # "Jane Doe" and "View author archive" are two parts
        if tag in _SPECIAL:
            self._enter_special(node, tag)
            return
        if tag == "think":
            self._literal("<think>", self._tag_offset(tag))
        attrs = node.attributes
        if tag == "link" and attrs:
            md.read_link(attrs, self.meta)
        flags = element_flags(tag, attrs, bool(self.containers)) if attrs or tag in FLAGGED_TAGS else 0
        if tag in INLINE_CODE_TAGS:
            flags |= F_CODE
        elif tag == "blockquote":
            flags |= F_QUOTE
        if flags:
            self._push(tag, flags)
        else:
            self.stack.append((tag, 0, -1))

    def _enter_special(self, node, tag: str) -> None:
        """Elements that are skipped, raw text, metadata or the title."""
        attrs = node.attributes
        flags = 0
        if tag in _FOREIGN:
            self.foreign += 1
            self.stack.append((tag, F_SKIP, -1))
            self.skip += 1
            return
        if tag in SKIP_TAGS:
            flags = F_SKIP
            if tag == "pre" and not self.chrome and self.raw_blocks and self.raw_blocks[-1][0].zone == BODY:
                self.raw_blocks[-1][0].before_code = True  # "Here is the function:" and its code
            if tag == "script" and "ld+json" in (attrs.get("type") or "").lower():
                flags |= F_JSONLD
                self.jsonld_parts = []
        elif tag == "title":
            flags = F_TITLE  # in the body too: a browser shows it only as the page's title
        elif tag == "meta":
            offset = None
            if md.meta_names_author(attrs):
                offset = self._tag_offset(tag)
            md.read_meta_tag(attrs, self.meta, offset)
            if (attrs.get("property") or attrs.get("name") or "").lower() == "og:title" and attrs.get("content"):
                self.og_title = attrs["content"]
        elif tag == "html":
            md.read_html_lang(attrs, self.meta)
        else:
            flags = element_flags(tag, attrs, bool(self.containers))
        if tag in _RAW_TEXT or tag in _RCDATA:
            self.mode = RAW if tag in _RAW_TEXT else RCDATA  # (such elements hold text only)
            span = self.cursor.start_tag(tag, move=True)
            if flags & F_TITLE and span is not None:
                self.title_tag_offset = self.cursor.to_source(span[0])
        elif tag == "template":
            self.cursor.skip_element(tag)  # its content is a separate document
        elif tag == "h1" and self.h1_offset is None and not self.chrome:
            self.h1_offset = self._tag_offset(tag)
        self._push(tag, flags)

    def exit(self) -> None:
        tag, flags, cid = self.stack.pop()
        self.mode = DATA
        if tag == "think" and not self.skip:
            end_tag = _THINK_END.search(self.cursor.src, self.cursor.pos)
            self._literal("</think>", None if end_tag is None else self.cursor.to_source(end_tag.start()))
        if self.foreign:
            self.foreign -= 1  # (an svg <title> is no block)
        elif tag in BLOCK_TAGS and self.parts:
            self.flush()
        if not flags:
            return
        if flags & F_CHROME:
            self.chrome -= 1
        if flags & F_NAV:
            self.menus -= 1
        if flags & F_LINK:
            self.links -= 1
        if flags & F_SKIP:
            self.skip -= 1
        if flags & F_CODE:
            self.code -= 1
        if flags & F_QUOTE:
            self.quotes -= 1
        if flags & F_BYLINE:
            self.byline -= 1
            if not self.byline:
                md.byline_claim("".join(self.byline_parts), self.byline_rel, self.byline_offset, self.meta)
        if flags & F_TITLE:
            self.title -= 1
            title = " ".join(self._title_text().split())
            if title and self.meta.title is None:
                self.meta.title = title
        if flags & F_CONTAINER and self.containers and self.containers[-1] == cid:
            self.containers.pop()
        if flags & F_JSONLD:
            data = md.parse_jsonld("".join(self.jsonld_parts))
            if data is not None:
                self.jsonld.append(data)
            self.jsonld_parts = []

    def text(self, data: str) -> None:
        cursor = self.cursor
        if self.skip:
            cursor.text(data, self.mode)  # placed all the same: the cursor must pass it
            if self.stack and self.stack[-1][1] & F_JSONLD:
                self.jsonld_parts.append(data)
            return
        segments = cursor.text(data, self.mode)
        if segments is None:
            if not data.isspace():
                return  # not found in the source: never placed by guess, so not checked
            segments = [(0, cursor.pos, 0)]
        if cursor.dropped is not None:
            segments = cursor.source_segments(segments, len(data))
        for space in _SPACES:
            if space in data:
                data = data.replace(space, " ")
        if self.code:
            data = " " * len(data)  # inline code: every character keeps its column, none is read
        if not self.links and not self.text_outside_link and not data.isspace():
            self.text_outside_link = True
        base = self.length
        if self.compact:
            flat = self.segments
            for start, offset, length in segments:
                flat.extend((start + base, offset, -1 if length is None else length))
        elif len(segments) == 1:
            self.segments.append((base, segments[0][1], segments[0][2]))
        else:
            self.segments.extend([(a + base, b, c) for a, b, c in segments])
        self.parts.append(data)
        self.length += len(data)
        if self.byline:
            self.byline_parts.append(data)

    def _literal(self, data: str, offset: int | None) -> None:
        """Text the page shows no node for: a reasoning model's <think> tags, no element of HTML, which
        say whose words the ones between them are (a browser shows those words as the page's)."""
        if offset is None or self.skip or self.code:
            return
        if self.compact:
            self.segments.extend((self.length, offset, -1))
        else:
            self.segments.append((self.length, offset, None))
        self.parts.append(data)
        self.length += len(data)

    def comment(self, data: str | None) -> None:
        span = self.cursor.comment(data)
        if span is None:
            return
        start, end = span
        src = self.cursor.src
        if not src.startswith("<!--", start):
            return  # a bogus comment (<?xml ...>, <!x>): no directive lives there
        body_end = end - 3 if src.startswith("-->", end - 3) else end - 4 if src.startswith("--!>", end - 4) else end
        text = src[start + 4:max(body_end, start + 4)].strip()
        self.comments.append(Comment(text, self.cursor.to_source(start), self.cursor.to_source(end)))

    # ------------------------------------------------------------ blocks

    def flush(self) -> None:
        if not self.parts:
            return
        text = "".join(self.parts)
        segments = self.segments
        self.parts = []
        self.segments = array("q") if self.compact else []
        self.length = 0
        if not text.strip():
            return
        outside_link = self.text_outside_link
        self.text_outside_link = False
        if self.title:
            zone = TITLE
        elif self.chrome:
            zone = CHROME
        elif not outside_link and self._link_only(text):
            zone = CHROME
        else:
            zone = BODY
        block = Block(zone, self.block_tag, text, segments)
        if self.quotes or self.block_tag == "blockquote":
            block.quoted = True  # (set apart: most blocks quote no one, and a keyword costs every one of them)
        self.raw_blocks.append((block, tuple(self.containers)))

    def _link_only(self, text: str) -> bool:
        """Is a block of nothing but link text navigation? A short link ("Read more") or a heading
        that is all link (a teaser's headline) is. A label and its link inside the text ("SEE ALSO:
        <a>...</a>") is not: it is a plug in the article's flow."""
        # Words counted up to one past the largest limit (min(words, 17)): a long paragraph
        # is not split into all its words.
        words = len(text.split(None, TEASER_MAX_WORDS))
        return words <= LINK_ONLY_MAX_WORDS or self.block_tag in _TEASER_TAGS and words <= TEASER_MAX_WORDS

    # ------------------------------------------------------------ the stack

    def _push(self, tag: str, flags: int) -> None:
        cid = -1
        if flags & F_CHROME:
            self.chrome += 1
        if flags & F_NAV:
            self.menus += 1
        if flags & F_LINK:
            self.links += 1
        if flags & F_SKIP:
            self.skip += 1
        if flags & F_CODE:
            self.code += 1
        if flags & F_QUOTE:
            self.quotes += 1
        if flags & F_BYLINE and self.menus and not self.byline and not flags & F_MICRODATA:
            flags &= ~F_BYLINE  # inside navigation menus, author links are other articles'
        if flags & F_BYLINE:
            if not self.byline:
                self.byline_parts = []
                self.byline_rel = bool(flags & F_RELAUTHOR)
                self.byline_offset = self._tag_offset(tag)
            self.byline += 1
        if flags & F_TITLE:
            self.title += 1
        if flags & F_CONTAINER:
            cid = self.n_containers
            self.n_containers += 1
            self.container_depth[cid] = len(self.containers)
            self.containers.append(cid)
        self.stack.append((tag, flags, cid))

    def _tag_offset(self, tag: str) -> int | None:
        span = self.cursor.start_tag(tag, move=False)
        return None if span is None else self.cursor.to_source(span[0])

    def _title_text(self) -> str:
        for block, _ in reversed(self.raw_blocks):
            if block.zone == TITLE:
                return block.text
        return "".join(self.parts)
