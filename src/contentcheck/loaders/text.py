"""Plain-text loader: paragraphs of lines, the first line as headline, byline lines."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import BODY, AuthorClaim, Block, Comment, Document, Metadata
from ..text.bylines import DESK_LINE, byline_in_blocks
from ..text.lines import blanked

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# Suppression comments in plain text: the HTML comment syntax on a line of its own.
_COMMENT_LINE = re.compile(r"^[ \t]*<!--(.*?)-->[ \t]*$", re.MULTILINE)

# An AsciiDoc listing kept in a text file ("[source,console]" over a block between "----" lines):
# a program's output shown, not the text's words ("stopped before committing as requested").
_LISTING_OPEN = re.compile(r"^\[(?:source|listing|literal)\b[^\]\n]*\][ \t\r]*\n(-{4,}|\.{4,})[ \t\r]*$", re.MULTILINE)


@lru_cache(maxsize=16)
def _listing_close(delimiter: str) -> re.Pattern:
    return re.compile(r"^" + re.escape(delimiter) + r"[ \t\r]*$", re.MULTILINE)


def _blank_listings(text: str) -> str:
    """Blank every AsciiDoc listing, keeping its line breaks so lines keep their numbers. One pass: a
    delimiter found unclosed once is not searched for again (ten thousand openers, one scan)."""
    parts: list[str] = []
    pos = 0
    unclosed: dict[str, int] = {}  # delimiter -> from here on it never closes
    for m in _LISTING_OPEN.finditer(text):
        delimiter = m.group(1)
        if m.start() < pos or unclosed.get(delimiter, len(text) + 1) <= m.end():
            continue
        close = _listing_close(delimiter).search(text, m.end() + 1)
        if close is None:
            unclosed[delimiter] = m.end()
            continue
        parts += [text[pos:m.start()], blanked(text[m.start():close.end()])]
        pos = close.end()
    return "".join(parts) + text[pos:] if parts else text


# A reStructuredText literal block: a line ending with "::" ("Edite o template::", ".. code-block:: html")
# and the lines indented under it, a program shown, not the text's words ("{% csrf_token %}").
_LITERAL_MARK = re.compile(r"^([ \t]*)(?:\.\.[ \t]+(?:code-block|code|sourcecode|parsed-literal)::[^\n]*|(?:\S[^\n]*)?::[ \t\r]*)$",
                           re.MULTILINE)


@lru_cache(maxsize=16)
def _literal_body(indent: int) -> re.Pattern:
    """The blank lines and the lines indented deeper than ``indent`` columns (a tab counts as deeper)."""
    return re.compile(r"(?:[ \t\r]*(?:\n|$)|(?: {%d,}|[ ]*\t)[^\n]*(?:\n|$))*" % (indent + 1))


def _blank_literal_blocks(text: str) -> str:
    """Blank each reStructuredText literal block, keeping its line breaks: the lines after a "::" line that are
    blank or indented deeper than it, up to the first that is not (one regular scan a block, not a step a line)."""
    parts: list[str] = []
    pos = 0
    for m in _LITERAL_MARK.finditer(text):
        if m.start() < pos or m.end() >= len(text):
            continue
        start = m.end() + 1
        body = _literal_body(len(m.group(1).expandtabs())).match(text, start)
        end = body.end()
        # (the blank lines it takes stay blank; a block with no indented line is none)
        if text[start:end].strip():
            parts += [text[pos:start], blanked(text[start:end])]
            pos = end
    return "".join(parts) + text[pos:] if parts else text


def load_text(path: str, source: str) -> Document:
    comments = []
    if "<!--" in source:
        for m in _COMMENT_LINE.finditer(source):
            comments.append(Comment(m.group(1).strip(), m.start() + m.group(0).index("<!--"), m.end()))
        # Blank them out so they are not checked as text; offsets stay the same.
        checked = _COMMENT_LINE.sub(lambda m: " " * len(m.group(0)), source)
    else:
        checked = source
    if "[" in checked and ("\n----" in checked or "\n...." in checked):
        checked = _blank_listings(checked)
    if "::" in checked:
        checked = _blank_literal_blocks(checked)
    meta = Metadata()
    meta.author_sources_checked.append("byline-line")
    blocks: list[Block] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(checked):
        _add_paragraph(checked, pos, m.start(), blocks)
        pos = m.end()
    _add_paragraph(checked, pos, len(checked), blocks)

    if blocks:
        first = blocks[0].text.split("\n", 1)[0]
        lead = len(first) - len(first.lstrip())
        if 0 < len(first.strip()) <= 200:
            meta.title = first.strip()
            meta.title_offset = blocks[0].source_offset(lead)
            # A lone first line with more text after it and no full stop is a headline.
            if len(blocks) > 1 and "\n" not in blocks[0].text.strip() and \
                    not blocks[0].text.rstrip().endswith((".", "!", "?", ":", '"', "\u201d", "\u3002", "\uff01", "\uff1f", "\uff1a")):
                blocks[0].tag = "headline"
    for block in blocks[:3]:
        line = block.text.split("\n", 1)[0]
        if len(line) < 40 and DESK_LINE.match(line):
            meta.authors.append(AuthorClaim(line.strip(), "byline-line", block.source_offset(0)))
    byline = byline_in_blocks(blocks)
    if byline:
        name, offset = byline
        meta.authors.append(AuthorClaim(name, "byline-line", offset))
    return Document(path, "text", source, blocks, meta, comments)


def _add_paragraph(source: str, start: int, end: int, blocks: list[Block]) -> None:
    text = source[start:end]
    if not text.strip():
        return
    # Keep the text verbatim (offsets stay exact); \r only ends lines.
    text = text.replace("\r", " ")
    blocks.append(Block(BODY, "p", text, [(0, start, None)]))
