"""The Document: what every loader builds and every check reads.

A document is a list of text blocks. Each block remembers where its text came
from in the decoded source, so any span of checked text maps back to an exact
line and column of the original file. Positions are recorded while loading,
never recovered afterwards by searching the source.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .vocabulary import BODY, CHROME, HEADING_TAGS, OG_TITLE_TAG, SCOPE_ZONES, TITLE, ZONES  # noqa: F401  (loaders and kinds import them from here)

# Blocks of one scope are joined with a blank line, so patterns and sentence
# splitting never run one block into the next.
BLOCK_SEPARATOR = "\n\n"
# Scopes of texts up to this long share their blocks' lower-casing (ScopeText.lower).
SHARED_LOWER_LIMIT = 1_000_000


@dataclass(slots=True)
class Block:
    """A run of checked text (a paragraph, heading, list item, line...).

    ``segments`` maps text offsets to source offsets: each entry is
    ``(text_start, source_start, source_length)`` where ``source_length`` is
    ``None`` for runs copied one character for one character, or the length of
    the source construct (an HTML entity) that produced one text character.
    """

    zone: str
    tag: str
    text: str
    segments: list[tuple[int, int, int | None]]
    # The loader dropped a code block right after this one (Markdown fences, <pre>): "Here is
    # the function:" before code is a handover, the code itself is not checked text.
    before_code: bool = False
    # The block stands inside a block quotation, as a paragraph, a list item or a table row of it:
    # someone else's words when the writer speaks around them.
    quoted: bool = False

    def source_offset(self, index: int, end: bool = False) -> int:
        """Source offset of text ``index`` (or just after it when ``end``)."""
        if end:
            if index <= 0:
                return self.source_offset(0)
            index -= 1
        # Looked up only for findings, so the starts list is not kept.
        i = bisect_right([seg[0] for seg in self.segments], index) - 1
        text_start, src_start, src_len = self.segments[max(i, 0)]
        if src_len is None:
            pos = src_start + (index - text_start)
            return pos + 1 if end else pos
        return src_start + src_len if end else src_start


def identity_block(zone: str, tag: str, text: str, source_start: int) -> Block:
    """A block whose text is a verbatim slice of the source."""
    return Block(zone, tag, text, [(0, source_start, None)])


@dataclass(slots=True)
class AuthorClaim:
    """One place that named (or tried to name) an author."""

    name: str
    source: str  # front-matter, meta-author, article-author, json-ld, rel-author, byline
    offset: int | None = None  # source offset, when the loader knows it


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    title_offset: int | None = None
    authors: list[AuthorClaim] = field(default_factory=list)
    author_sources_checked: list[str] = field(default_factory=list)
    # Free-form labels that say what the document is: categories, tags,
    # genre, section, og:type, JSON-LD types. Rule conditions read them.
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, *values: object) -> None:
        bucket = self.fields.setdefault(key, [])
        for value in values:
            if isinstance(value, (list, tuple)):
                self.add(key, *value)
            elif value is not None:
                text = str(value).strip()
                if text and text not in bucket:
                    bucket.append(text)

    def get(self, key: str) -> list[str]:
        if key == "labels":
            out: list[str] = []
            for k in LABEL_KEYS:
                out.extend(self.fields.get(k, ()))
            return out
        if key == "author":
            return [a.name for a in self.authors]
        if key == "title":
            return [self.title] if self.title else []
        return self.fields.get(key, [])


# Where a document declares its language, in the order trusted: the page's own
# markup first, then what the server or the front matter says.
LANGUAGE_FIELDS = ("html-lang", "og-locale", "content-language", "front-matter-language",
                   "http-content-language")

# The keys whose values together say what kind of document this is.
LABEL_KEYS = ("category", "categories", "tags", "genre", "section", "type", "keywords")


@dataclass(slots=True)
class Comment:
    """An HTML comment kept aside from the checked text (suppressions)."""

    text: str
    offset: int
    end_offset: int


class ScopeText:
    """The blocks of one scope joined into one string, for one pass per check."""

    __slots__ = ("text", "blocks", "starts", "_lower", "_normalized", "_lowered", "_high_bytes")

    def __init__(self, blocks: list[Block], lowered: dict[int, str] | None = None):
        self.blocks = blocks
        # The document's blocks lower-cased, shared by its scopes (id(block) -> text): the body's
        # blocks are lower-cased once for the body and the article both.
        self._lowered = lowered
        self.starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for block in blocks:
            self.starts.append(pos)
            parts.append(block.text)
            pos += len(block.text) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)
        self._lower: str | None = None
        self._normalized = None
        self._high_bytes: frozenset[int] | None = None

    @property
    def lower(self) -> str:
        """The text lower-cased, offset for offset (checks match on it without IGNORECASE)."""
        if self._lower is None:
            from .text.normalize import lower_same_length

            cache = self._lowered
            if cache is None or len(self.blocks) < 2 or len(self.text) > SHARED_LOWER_LIMIT:
                # (A long text is lower-cased whole: the blocks' copies would add to its peak memory.)
                self._lower = lower_same_length(self.text)
            else:
                parts = []
                for block in self.blocks:
                    low = cache.get(id(block))
                    if low is None:
                        low = cache[id(block)] = block.text.lower()
                    parts.append(low)
                # Block by block is the whole text lower-cased: the separator ends a word for a
                # final sigma as the end of a string does. A character that lower-cases to two
                # makes the whole text go character by character, as lower_same_length does.
                low = BLOCK_SEPARATOR.join(parts)
                self._lower = low if len(low) == len(self.text) else lower_same_length(self.text)
        return self._lower

    @property
    def high_bytes(self) -> frozenset[int]:
        """The high bytes of the UTF-16 code units of the lower-cased text (text/scripts.py): a
        check skips the words of the scripts the text holds no letter of."""
        if self._high_bytes is None:
            from .text.scripts import high_bytes

            self._high_bytes = high_bytes(self.lower)
        return self._high_bytes

    @property
    def normalized(self):
        """The text normalised for phrase matching (see text/normalize.py)."""
        if self._normalized is None:
            from .text.normalize import Normalized

            self._normalized = Normalized(self.text, self.lower)
        return self._normalized

    def block_at(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the joined text back to source offsets."""
        bi = self.block_at(start)
        block = self.blocks[bi]
        base = self.starts[bi]
        local_end = min(end - base, len(block.text))
        return block.source_offset(start - base), block.source_offset(local_end, end=True)


class Document:
    """One loaded input: decoded source, blocks by zone, metadata."""

    def __init__(self, path: str, fmt: str, source: str, blocks: list[Block],
                 metadata: Metadata, comments: list[Comment] | None = None,
                 front_matter: dict | None = None):
        self.path = path
        self.format = fmt
        self.source = source
        self.blocks = blocks
        self.metadata = metadata
        self.comments = comments or []
        self.front_matter = front_matter or {}
        # Problems found while loading (bad front matter, a fence never closed): (finding id, offset, message).
        self.problems: list[tuple[str, int, str]] = []
        self.site: str | None = None  # set by the engine (inputs/sites.py says how)
        # --sites: the `repeated` kind reports every main-content block, for a second pass to judge.
        self.collect_blocks = False
        self._scopes: dict[str, ScopeText] = {}
        self._lowered: dict[int, str] = {}
        self._line_starts: list[int] | None = None
        self._language: tuple[str | None, str | None] | None = None

    @property
    def language(self) -> str | None:
        """ISO 639-1 code of the document's language (see ``language_source``), or None."""
        return self._decide_language()[0]

    @property
    def language_source(self) -> str | None:
        """Where ``language`` came from: a field of LANGUAGE_FIELDS, or ``detected``."""
        return self._decide_language()[1]

    def _decide_language(self) -> tuple[str | None, str | None]:
        if self._language is None:
            from .text.language import detect_language, language_code

            for key in LANGUAGE_FIELDS:
                for value in self.metadata.fields.get(key, ()):
                    code = language_code(value)
                    if code:
                        self._language = (code, key)
                        return self._language
            # Detected only now, for a document that declares none: the title and the start of
            # the body (sliced first: a 30 MB page must not be copied to read 2,000 characters).
            from .text.language import DETECT_CHARS

            body = self.body_text[:DETECT_CHARS]
            title = self.metadata.title or ""
            code = detect_language(f"{title}\n\n{body}" if title else body)
            self._language = (code, "detected" if code else None)
        return self._language

    def get(self, key: str) -> list[str]:
        """What rule conditions (``when:``/``unless:``) read: metadata, and ``language``."""
        if key == "language":
            code = self.language
            return [code] if code else []
        return self.metadata.get(key)

    def scope(self, name: str) -> ScopeText:
        """Joined text of a scope: body, chrome, title, article (title and body) or all."""
        cached = self._scopes.get(name)
        if cached is None:
            if name == "all":
                blocks = self.blocks
            elif name in SCOPE_ZONES:
                zones = SCOPE_ZONES[name]
                blocks = [b for b in self.blocks if b.zone in zones]
            else:
                blocks = [b for b in self.blocks if b.zone == name]
            cached = self._scopes[name] = ScopeText(blocks, self._lowered)
        return cached

    @property
    def body_text(self) -> str:
        return self.scope(BODY).text

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        offset = max(0, min(offset, len(self.source)))
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def first_content_offset(self) -> int:
        """Where document-level findings point when nothing better is known."""
        if self.metadata.title_offset is not None:
            return self.metadata.title_offset
        # (a title read from Markdown front matter is pointed at only when the text has nothing else)
        for titles in (False, True):
            for block in self.blocks:
                if block.zone in (BODY, TITLE) and (block.tag == "title") == titles and block.text.strip():
                    stripped = len(block.text) - len(block.text.lstrip())
                    return block.source_offset(stripped)
        return 0
