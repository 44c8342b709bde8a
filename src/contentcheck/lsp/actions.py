"""Code actions: apply a finding's fix, fix everything safe, or write a suppression comment.

Suppressions are the comments contentcheck already reads
(``<!-- contentcheck-disable-next-line ID -->`` above the line,
``<!-- contentcheck-disable-file ID -->`` at the top), in Markdown, HTML and
plain text alike. Every action is a list of (start, end, new text) edits on
the document's text; the server turns them into the client's positions.
"""

from __future__ import annotations

import re

Edit = tuple[int, int, str]
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>[ \t]*\r?\n?", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n")


def newline_of(text: str) -> str:
    i = text.find("\n")
    return "\r\n" if i > 0 and text[i - 1] == "\r" else "\n"


def disable_next_line(text: str, line_start: int, rule: str) -> Edit:
    """A disable-next-line comment above the line starting at ``line_start``, indented like it."""
    end = text.find("\n", line_start)
    line = text[line_start:len(text) if end == -1 else end]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    return (line_start, line_start, f"{indent}<!-- contentcheck-disable-next-line {rule} -->{newline_of(text)}")


def disable_file(text: str, fmt: str, rule: str) -> Edit:
    """A disable-file comment at the top: after a doctype, after front matter."""
    nl = newline_of(text)
    comment = f"<!-- contentcheck-disable-file {rule} -->{nl}"
    at = 0
    if fmt == "html":
        m = _DOCTYPE.match(text)
        if m:
            at = m.end()
            if not m.group(0).endswith("\n"):
                comment = nl + comment
        return (at, at, comment)
    if fmt == "markdown" and _FRONT_MATTER.match(text):
        from ..document import Metadata
        from ..loaders.frontmatter import read_front_matter

        _front, at, _problem = read_front_matter(text, Metadata())
    # In Markdown and text a blank line keeps the comment apart from the paragraph it
    # precedes (in text the first paragraph is the headline).
    following = text[at:at + 2]
    blank_follows = following.startswith("\n") or following.startswith("\r\n")
    return (at, at, comment + ("" if blank_follows else nl))


def replace_all(old: str, new: str) -> Edit | None:
    """One edit turning ``old`` into ``new``: the changed middle, not the whole text."""
    if old == new:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return (prefix, len(old) - suffix, new[prefix:len(new) - suffix])
