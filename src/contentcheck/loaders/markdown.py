"""Markdown loader: front matter (YAML ``---`` or TOML ``+++``) and body lines.

Markup is blanked out with spaces rather than removed, so a character of
checked text sits at the same line and column as in the file. Code (fenced,
indented, inline) is not checked; HTML comments are kept aside for
suppressions.
"""

from __future__ import annotations

import re

from ..document import BODY, TITLE, AuthorClaim, Block, Comment, Document, Metadata
from ..text.bylines import byline_in_blocks
from ..vocabulary import INLINE_CODE_TAGS, INVALID_FRONT_MATTER, UNCLOSED_CODE_FENCE
from .bindings import SHORTCODE as _SHORTCODE
from .bindings import TEMPLATE_SOURCE as _TEMPLATE_SOURCE
from .bindings import blank_filled_variables, blank_split_statements, bound_names
from .frontmatter import read_front_matter

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Code blocks of site generators: Jekyll's {% highlight ruby %} ... {% endhighlight %}, Hexo's
# {% codeblock %} ... {% endcodeblock %}, Liquid's {% raw %} ... {% endraw %} (template syntax shown
# as it is written), Hugo's {{< highlight go >}} ... {{< /highlight >}} (and its {{< code >}}).
_TEMPLATE_CODE = re.compile(r"^\s*\{(?:%-?\s*(highlight|codeblock|raw)\b|\{[<%]\s*(highlight|code)\b)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_LIST = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_HR = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
# Inline constructs whose characters are not prose. Each is replaced by
# spaces of the same length (or keeps its visible text in place).
_INLINE_CODE = re.compile(r"(`{1,16})(?:(?!\1).){1,2000}?\1")
# Inline code written as HTML ("<code>$ git init [project-name]</code>"): shown syntax, as `...` is,
# with the tags the HTML loader blanks.
_HTML_CODE = re.compile(r"<(" + "|".join(sorted(INLINE_CODE_TAGS)) + r")\b[^<>]*>.{0,2000}?</\1\s*>", re.IGNORECASE)
# Bounded repetitions: a line of ten thousand openers must not cost ten
# thousand scans to its end. A destination (and its title) holds no bare
# parenthesis but one balanced pair (".../Foo_(bar)", '"title (x)"'), as in
# CommonMark; so the scan after an opener stops at the next '(' instead of
# running its full bound on a line of openers.
_DESTINATION = r"\([^()\n]{0,1000}(?:\([^()\n]{0,1000}\)[^()\n]{0,1000})?\)"
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]" + _DESTINATION)
_LINK = re.compile(r"\[([^\]\n]{0,500})\](" + _DESTINATION + r"|\[[^\]\n]{0,500}\])")
# "[[source](https://...)]": a link the writer put in brackets reads "[source]", a link, not a blank
# ("[source]", "[link]") left to fill in. Not the text of an outer link, "[[a](b)](c)".
_BRACKETED_LINK = re.compile(r"\[(\[[^\]\n]{0,500}\]" + _DESTINATION + r")\](?![(\[])")
# A raw HTML script, style or textarea block runs to the line with its end tag, as CommonMark reads it: a
# program's or a form's text, not the article's ("/* TODO: ... */" in a widget's script).
_RAW_HTML_OPEN = re.compile(r"^ {0,3}<(script|style|textarea)(?=[\s>]|$)", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
# (not a reasoning model's <think> tags: no element of HTML, they are the model's, and their words show)
_TAG = re.compile(r"</?(?!think>)[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)|~~")


def _comment_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each complete <!-- ... --> in a line; a plain scan, linear
    however many openers the line holds."""
    spans = []
    i = line.find("<!--")
    while i != -1:
        j = line.find("-->", i + 4)
        if j == -1:
            break
        spans.append((i, j + 3))
        i = line.find("<!--", j + 3)
    return spans


def _blank_spans(line: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return line
    pieces, last = [], 0
    for a, b in spans:
        pieces += (line[last:a], " " * (b - a))
        last = b
    pieces.append(line[last:])
    return "".join(pieces)


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _link_text(m: re.Match) -> str:
    return " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1)


def clean_inline(line: str) -> str:
    """Blank inline markup, keeping every visible character at its column."""
    if "`" in line:
        line = _INLINE_CODE.sub(_blank, line)
    if "{" in line:
        line = _SHORTCODE.sub(_blank, line)
    if "[" in line:
        line = _IMAGE.sub(_blank, line)
        if "[[" in line:
            line = _BRACKETED_LINK.sub(lambda m: " " + _LINK.sub(_link_text, m.group(1)) + " ", line)
        line = _LINK.sub(_link_text, line)
    if "<" in line:
        if "</" in line:
            line = _HTML_CODE.sub(_blank, line)
        line = _AUTOLINK.sub(_blank, line)
        if "-->" in line:
            line = _blank_spans(line, _comment_spans(line))
        line = _TAG.sub(_blank, line)
    if "*" in line or "_" in line or "~" in line:
        line = _EMPHASIS.sub(_blank, line)
    return line


def _uses_template(line: str) -> bool:
    """Does a line of text (not code; inline code is shown syntax) use template statements or calls?"""
    return "{" in line and bool(_TEMPLATE_SOURCE.search(_INLINE_CODE.sub(_blank, line) if "`" in line else line))


def _mark_before_code(blocks: list[Block]) -> None:
    """The text block just read is followed by code (a fence or a template's code block)."""
    if blocks and blocks[-1].zone == BODY:
        blocks[-1].before_code = True


def _fence_closers(lines: list[str]) -> dict[str, list[int]]:
    """For each fence character, the longest closing line at each line index or after it.

    A fence of n characters opened on line i is closed when a later line holds only that character,
    n times or more; one pass from the end answers that for every fence at once.
    """
    longest = {"`": [0] * (len(lines) + 1), "~": [0] * (len(lines) + 1)}
    ticks, tildes = longest["`"], longest["~"]
    for i in range(len(lines) - 1, -1, -1):
        ticks[i], tildes[i] = ticks[i + 1], tildes[i + 1]
        stripped = lines[i].strip()
        if stripped[:1] in ("`", "~") and not stripped.strip(stripped[0]):
            run = longest[stripped[0]]
            run[i] = max(run[i], len(stripped))
    return longest


def load_markdown(path: str, source: str) -> Document:
    meta = Metadata()
    comments: list[Comment] = []
    front, body_start, fm_problem = read_front_matter(source, meta)
    template_source = False  # read from the text lines (code lines never reach that test)
    blocks: list[Block] = []
    para: list[tuple[int, str]] = []  # (source offset of line, cleaned text)
    para_tag = "p"
    para_quoted = False  # its first line opens with ">": a list item or table row of a quotation too

    def flush(tag_override: str | None = None) -> None:
        nonlocal para, para_tag, para_quoted
        if para:
            segments = []
            parts = []
            pos = 0
            for offset, text in para:
                segments.append((pos, offset, None))
                parts.append(text)
                pos += len(text) + 1
            text = "\n".join(parts)
            if text.strip():
                blocks.append(Block(BODY, tag_override or para_tag, text, segments))
                blocks[-1].quoted = para_quoted
        para = []
        para_tag = "p"
        para_quoted = False

    fence: str | None = None
    template_code_end: re.Pattern | None = None
    raw_html_end: str | None = None  # "</script>" while in a raw script, style or textarea block
    in_comment = False
    comment_start = 0
    comment_parts: list[str] = []
    prev_blank = True
    in_list = False
    offset = body_start
    lines = source[body_start:].split("\n")
    closers: dict[str, list[int]] | None = None  # found at the first fence: most texts hold none
    unclosed: list[int] = []  # source offsets of fences never closed
    for index, raw in enumerate(lines):
        line_offset = offset
        offset += len(raw) + 1
        line = raw[:-1] if raw.endswith("\r") else raw
        if in_comment:
            end = line.find("-->")
            if end == -1:
                comment_parts.append(line)
                continue
            comment_parts.append(line[:end])
            comments.append(Comment("\n".join(comment_parts).strip(), comment_start,
                                    line_offset + end + 3))
            in_comment = False
            line = " " * (end + 3) + line[end + 3:]
            if not line.strip():
                continue
        if template_code_end is not None:
            if template_code_end.search(line):
                template_code_end = None
            continue
        if raw_html_end is not None:
            if raw_html_end in line.lower():
                raw_html_end = None
            continue
        m = _RAW_HTML_OPEN.match(line) if fence is None and "<" in line else None
        if m:
            flush()
            end_tag = "</" + m.group(1).lower() + ">"
            if end_tag not in line.lower():
                raw_html_end = end_tag
            prev_blank = False
            continue
        m = _TEMPLATE_CODE.match(line)
        if m:
            flush()
            _mark_before_code(blocks)
            name = m.group(1) or m.group(2)
            template_code_end = re.compile(r"\{%-?\s*end" + name + r"\b|\{\{[<%]\s*/\s*" + name + r"\b")
            if template_code_end.search(line, m.end()):
                template_code_end = None  # opened and closed on one line: "{% raw %}{{ x }}{% endraw %}"
            prev_blank = False
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
            continue
        if in_list and prev_blank and line.strip() and not line[:1].isspace() and not _LIST.match(line):
            in_list = False  # a line back at the margin after a blank one (a fence too) ends the list
        m = _FENCE.match(line)
        if m and closers is None:
            closers = _fence_closers(lines)
        if m and not in_list and closers[m.group(1)[0]][index + 1] < len(m.group(1)):
            # A fence never closed runs to the end of the file as code, and so it shows: often the writer's text
            # (a README with a chat answer pasted under a typed fence, a post whose closing fence was forgotten),
            # sometimes code cut short. It stays unchecked, as a reader sees it, and the fence is reported. (In a
            # list item the item's end closes it.)
            unclosed.append(line_offset + len(line) - len(line.lstrip()))
        if m:
            flush()
            _mark_before_code(blocks)
            fence = m.group(1)
            prev_blank = False
            continue
        if not line.strip():
            flush()
            prev_blank = True
            continue
        if (line.startswith("    ") or line.startswith("\t")) and prev_blank and not in_list:
            flush()  # indented code block (not a handover's code: models fence theirs, and a table indents too)
            continue
        # Comments: whole-line or starting a multi-line one.
        start = line.find("<!--")
        if start != -1:
            # In inline code (`<!-- ... -->`) a comment is text shown to the reader, not a directive.
            visible = _INLINE_CODE.sub(_blank, line) if "`" in line else line
            spans = _comment_spans(visible)
            for a, b in spans:
                comments.append(Comment(line[a + 4:b - 3].strip(), line_offset + a, line_offset + b))
            rest = _blank_spans(line, spans)
            open_at = _blank_spans(visible, spans).find("<!--")
            if open_at != -1:
                in_comment = True
                comment_start = line_offset + open_at
                comment_parts = [rest[open_at + 4:]]
                line = rest[:open_at]
            else:
                line = rest
            if not line.strip():
                prev_blank = False
                continue
        if _LINKDEF.match(line):
            continue
        if _HR.match(line):
            if para and line.strip().startswith("-"):
                flush("h2")  # setext heading underline
            else:
                flush()
            continue
        if para and _SETEXT.match(line):
            flush("h1" if line.strip().startswith("=") else "h2")
            continue
        tag = None
        prefix = 0
        qm = _QUOTE.match(line)
        if qm:
            prefix = qm.end()
            tag = "blockquote"
        hm = _HEADING.match(line, prefix) if prefix else _HEADING.match(line)
        lm = _LIST.match(line[prefix:]) if not hm else None
        if hm:
            flush()
            para_tag = "h%d" % len(hm.group(1))
            text = line[hm.end():].rstrip()
            text = re.sub(r"[ \t]#+[ \t]*$", lambda x: " " * len(x.group(0)), text)
            template_source = template_source or _uses_template(text)
            cleaned = " " * hm.end() + clean_inline(text)
            para = [(line_offset, cleaned)]
            flush()
            prev_blank = False
            in_list = False
            continue
        if lm:
            flush()
            para_tag = "li"
            in_list = True
            prefix += lm.end()
        elif tag and not para:
            para_tag = tag
        if "|" in line and line.strip().startswith("|"):
            if re.fullmatch(r"[\s|:\-]+", line):
                continue
            if not lm and para_tag != "tr":
                flush()  # a table starts its own block, even right under a line of text
                para_tag = "tr"  # (what a handover before it presents)
            line = line.replace("|", " ")
        template_source = template_source or _uses_template(line)
        cleaned = " " * prefix + clean_inline(line[prefix:])
        if not para:
            para_quoted = qm is not None
        para.append((line_offset, cleaned))
        prev_blank = False
    flush()
    if "{%" in source:
        blank_split_statements(blocks)
    # So is a bare variable the front matter sets or the page's framework binds (bindings.py).
    if "{{" in source:
        blank_filled_variables(blocks, set(front or ()) | bound_names(source), every=template_source)
    _read_bylines(blocks, meta)
    title = _front_matter_title(source, body_start, front)
    if title is not None:
        blocks.insert(0, title)
    if meta.title is None:
        for block in blocks:
            if block.tag == "h1":
                meta.title = block.text.strip()
                break
    for block in blocks:
        if block.tag == "h1":
            lead = len(block.text) - len(block.text.lstrip())
            meta.title_offset = block.source_offset(lead)
            break
    doc = Document(path, "markdown", source, blocks, meta, comments, front)
    if fm_problem:
        doc.problems.append((INVALID_FRONT_MATTER, *fm_problem))
    for fence_offset in unclosed:
        doc.problems.append((UNCLOSED_CODE_FENCE, fence_offset,
                             "This code fence is never closed, so the rest of the file shows as code and is "
                             "not checked: close it with a line of the same fence"))
    return doc


# The title line of YAML or TOML front matter, its value on the line (quoted or not).
_TITLE_LINE = re.compile(r"""^title[ \t]*[:=][ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^"'\s#][^\n#]*?))[ \t]*\r?$""", re.MULTILINE)


def _front_matter_title(source: str, body_start: int, front: dict | None) -> Block | None:
    """The front matter's title as the page's <title> (a site renders it so): a block of the title zone
    where the value stands, when the line holds it whole (not a folded or escaped YAML value)."""
    value = (front or {}).get("title")
    if not isinstance(value, str) or not value.strip():
        return None
    m = _TITLE_LINE.search(source, 0, body_start)
    if m is None:
        return None
    group = next(i for i in (1, 2, 3) if m.group(i) is not None)
    if m.group(group).strip() != value.strip():
        return None
    return Block(TITLE, "title", m.group(group), [(0, m.start(group), None)])


def _read_bylines(blocks: list[Block], meta: Metadata) -> None:
    """Byline lines near the top or at the end of the body."""
    if "byline-line" not in meta.author_sources_checked:
        meta.author_sources_checked.append("byline-line")
    byline = byline_in_blocks(blocks, lines_per_block=3)
    if byline:
        name, offset = byline
        meta.authors.append(AuthorClaim(name, "byline-line", offset))
