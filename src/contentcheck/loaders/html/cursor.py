"""Source positions for the nodes of a parsed HTML tree.

The parser (lexbor) gives the text of every node but not where it came from.
A forward-only cursor walks the source alongside the tree, in tree order:

- the source is read as the tokenizer reads it, with CRLF and lone CR as LF;
  an offset table maps positions back to the file;
- before a text node, tags and doctypes are stepped over (a tag ends where
  the tokenizer ends it, quotes and all: see markup.py); the text is then
  compared with the source run by run (``startswith``), decoding character
  references where they occur and checking that each decodes to the tree's
  own characters. An ignored tag inside a text node (a stray ``</span>``) is
  stepped over;
- comments and raw-text elements (script, style, title, textarea...) are
  anchors: the cursor steps over them as whole constructs, so text that also
  appears in a comment, an attribute or a script string is never taken for
  the text of a node;
- the few nodes the tree builder moves (text foster-parented out of a table,
  a comment after ``</body>``) are found a little further on, and the text
  runs stepped over on the way are kept as gaps where the nodes that follow
  them in tree order are then found.

A node the cursor cannot place is reported as None, never placed by guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .markup import (
    DATA_SPECIAL,
    FAST_SKIP,
    RAW_SPECIAL,
    RCDATA_SPECIAL,
    REGION,
    SKIPPABLE_WS,
    START_TAG,
    comment_at,
    decode_reference,
    is_markup,
    skip_markup,
    skip_one_tag,
    skip_whitespace,
)

# How a text node's characters are written in the source.
DATA, RCDATA, RAW = 0, 1, 2
_SPECIAL = {DATA: DATA_SPECIAL, RCDATA: RCDATA_SPECIAL, RAW: RAW_SPECIAL}
# Bounds on searching past the cursor: a node the tree builder moved lies
# close by (a few thousand tokens at most), and a page gets a budget of
# steps for all its searches, so no page costs quadratic time.
_SEARCH_STEPS = 3000
_PAGE_BUDGET = 200_000
_MAX_GAPS = 64

_WHITESPACE = frozenset(" \t\n\f")
_MARKUP_OR_SPACE = frozenset("< \t\n\f")

Segments = list[tuple[int, int, "int | None"]]


class SourceCursor:
    """Walks the source of one page in step with its tree."""

    def __init__(self, source: str):
        self.original = source
        if "\r" in source:
            # Positions (in the LF text) where a CR of a CRLF was dropped.
            self.dropped: list[int] | None = []
            parts = source.split("\r\n")
            pos = 0
            for part in parts[:-1]:
                pos += len(part)
                self.dropped.append(pos)
                pos += 1
            self.src = "\n".join(parts).replace("\r", "\n")
        else:
            self.dropped = None
            self.src = source
        self.pos = 0
        self.last_gt = self.src.rfind(">")  # no tag ends past it
        self.gaps: list[int] = []
        self.budget = _PAGE_BUDGET
        self.lost = 0  # text nodes that could not be placed

    # ------------------------------------------------------------ offsets

    def to_source(self, offset: int) -> int:
        """Offset in the file of an offset in the LF text."""
        if self.dropped is None:
            return offset
        return offset + bisect_right(self.dropped, offset - 1)

    def source_segments(self, segments: Segments, text_length: int) -> Segments:
        """Segments in LF-text offsets turned into file offsets.

        A copied run that crosses a CRLF is split there: the LF of the text
        stands for two characters of the file.
        """
        dropped = self.dropped
        if dropped is None:
            return segments
        out: Segments = []
        for k, (text_start, start, length) in enumerate(segments):
            if length is not None:
                a, b = self.to_source(start), self.to_source(start + length)
                out.append((text_start, a, b - a))
                continue
            run = (segments[k + 1][0] if k + 1 < len(segments) else text_length) - text_start
            lo = bisect_right(dropped, start - 1)
            hi = bisect_right(dropped, start + run - 1)
            t, s, shift = text_start, start, lo
            for d in dropped[lo:hi]:
                if d > s:
                    out.append((t, s + shift, None))
                    t += d - s
                    s = d
                out.append((t, d + shift, 2))  # the CR of the CRLF, then its LF
                shift += 1
                t += 1
                s = d + 1
            if s < start + run:
                out.append((t, s + shift, None))
        return out

    # ------------------------------------------------------------ nodes

    def text(self, text: str, mode: int = DATA) -> Segments | None:
        """Segments (text offset, LF-text offset, length) of the next text node, or None."""
        src = self.src
        pos = self.pos
        if mode == DATA:
            if text[:1] not in _WHITESPACE:
                if src[pos:pos + 1] in _MARKUP_OR_SPACE:
                    pos = _skip_markup_and_space(src, pos)
            else:
                # Leading whitespace: it stands right before the first word, past
                # the tags and the whitespace-only nodes that were not placed.
                words = text.lstrip(" \t\n\f")
                lead = len(text) - len(words)
                start = _skip_markup_and_space(src, pos) - lead
                if words and start >= pos and src.startswith(text[:lead], start):
                    pos = start
                else:
                    pos = skip_markup(src, pos)
        if "&" not in text and src.startswith(text, pos):
            # The common case: the text is in the source as it is.
            self.pos = pos + len(text)
            return [(0, pos, None)]
        found = self._walk(text, pos, mode)
        if found is None and mode == DATA:
            # Whitespace the tree builder dropped (before <head>, after </html>...)
            # or a leading newline it ignores (<pre>, <textarea>).
            again = skip_markup(src, skip_whitespace(src, pos))
            if again != pos:
                found = self._walk(text, again, mode)
        elif src.startswith("\n", pos) and (found is None or found[2] < len(text)):
            found = self._walk(text, pos + 1, mode) or found  # <textarea>'s first newline
        if found is not None and found[2] == len(text):
            segments, end, _ = found
            self.pos = end
            return segments
        if not text.strip():
            return None  # whitespace the tree builder moved: not worth a search
        if found is not None and found[2] > 0 and text[found[2]:].strip():
            # The node goes on further away: text fostered out of a table joins
            # the text before the table.
            segments, end, done = found
            rest = self._search(text[done:], end, mode, move=True)
            if rest is not None:
                return segments + [(done + a, b, c) for a, b, c in rest]
        placed = self._from_gaps(text, mode)
        if placed is None:
            placed = self._search(text, self.pos, mode, move=True)
        if placed is None:
            self.lost += 1
        return placed

    def comment(self, data: str | None) -> tuple[int, int] | None:
        """(start, end) in the LF text of the next comment, or None."""
        src = self.src
        for pos in (skip_markup(src, self.pos), skip_markup(src, skip_whitespace(src, self.pos))):
            span = comment_at(src, pos)
            if span is not None and _same_comment(src, span, data):
                self.pos = span[2]
                return pos, span[2]
        for i, gap in enumerate(self.gaps):
            span = comment_at(src, gap)
            if span is not None and _same_comment(src, span, data):
                del self.gaps[i]
                return gap, span[2]
        # Further on: a comment after </body> sits after the text the tree
        # builder appends to the body.
        pos = self.pos
        for _ in self._steps():
            pos = src.find("<", pos)
            if pos == -1:
                return None
            span = comment_at(src, pos)
            if span is None:
                pos += 1
                continue
            if _same_comment(src, span, data):
                self._gap_between(self.pos, pos)
                self.pos = span[2]
                return pos, span[2]
            pos = span[2]
        return None

    def start_tag(self, name: str, move: bool) -> tuple[int, int] | None:
        """(start, end) of the next ``<name ...>`` start tag past the cursor, or None.

        ``move`` steps the cursor past it (raw-text elements, whose content
        follows at once); otherwise the cursor stays (an element's place for
        metadata: the element may have been made by the tree builder, with no
        tag of its own).
        """
        src = self.src
        find = _start_tag_pattern(name).search
        verified = self.pos  # the source up to here is read as the tokenizer reads it
        pos = self.pos
        for _ in self._steps():
            m = find(src, pos, self.last_gt + 1)
            if m is None:
                return None
            start = m.start()
            # The candidate counts only where the tokenizer would see a tag:
            # not inside an attribute value, a comment or another tag.
            verified = REGION.match(src, verified, start).end()
            if verified == start:
                tag = START_TAG.match(src, start)
                if tag is not None:
                    if move:
                        self._gap_between(self.pos, start)
                        self.pos = tag.end()
                    return start, tag.end()
            pos = start + 1
        return None

    def skip_element(self, name: str) -> None:
        """Step over a whole element whose content is not in the tree (``<template>``)."""
        span = self.start_tag(name, move=True)
        if span is None:
            return
        depth = 1
        tags = _element_tags(name)
        for m in tags.finditer(self.src, self.pos):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                self.pos = skip_one_tag(self.src, m.start()) or m.end()
                return
        self.pos = len(self.src)  # never closed: the rest of the page is its content

    def _steps(self):
        """Count the steps of one search against the page's budget."""
        for _ in range(min(_SEARCH_STEPS, self.budget)):
            self.budget -= 1
            yield

    # ------------------------------------------------------------ matching

    def _walk(self, text: str, si: int, mode: int):
        """Match ``text`` against the source from ``si``.

        Returns ``(segments, end, matched)``: how much of the text matched,
        from ``si`` on (``matched`` < len(text) when the source then differs),
        or None when not even the first character matched.
        """
        src = self.src
        special = _SPECIAL[mode].search
        n = len(text)
        ti = 0
        segments: Segments = []
        while ti < n:
            j_match = special(src, si, si + (n - ti))
            j = j_match.start() if j_match is not None else si + (n - ti)
            if j > si:
                k = j - si
                if not src.startswith(text[ti:ti + k], si) or j > len(src):
                    # A partial run: keep the part that matched.
                    k = _common_prefix(text, ti, src, si, k)
                    if k:
                        segments.append((ti, si, None))
                        ti += k
                        si += k
                    break
                segments.append((ti, si, None))
                ti += k
                si = j
                continue
            if si >= len(src):
                break
            c = src[si]
            if c == "&":
                decoded, end = decode_reference(src, si)
                if not text.startswith(decoded, ti):
                    break
                segments.append((ti, si, None if end == si + 1 else end - si))
                ti += len(decoded)
                si = end
            elif c == "\x00":
                if text[ti] == "\ufffd":
                    segments.append((ti, si, 1))
                    ti += 1
                si += 1  # or dropped, as the body does
            elif is_markup(src, si):
                end = skip_one_tag(src, si)  # a tag the tree builder ignored
                if end == si:
                    break
                si = end
            else:
                if text[ti] != "<":
                    break
                segments.append((ti, si, None))
                ti += 1
                si += 1
        if ti == 0:
            return None
        return segments, si, ti

    def _from_gaps(self, text: str, mode: int) -> Segments | None:
        for i, gap in enumerate(self.gaps):
            found = self._walk(text, gap, mode)
            if found is not None and found[2] == len(text):
                segments, end, _ = found
                if end < self.pos and not self.src[end:end + 1].isspace() and self.src[end:end + 1] != "<":
                    self.gaps[i] = end
                else:
                    del self.gaps[i]
                return segments
        return None

    def _search(self, text: str, pos: int, mode: int, move: bool) -> Segments | None:
        """The text at the start of a later text run (bounded), or None."""
        src = self.src
        start = pos
        n = len(src)
        for _ in self._steps():
            if pos >= n:
                return None
            if src.startswith("<", pos) and is_markup(src, pos):
                span = comment_at(src, pos)
                if span is not None:
                    pos = span[2]
                    continue
                end = skip_one_tag(src, pos)
                if end == pos:
                    return None  # a tag that never ends: the tree has nothing past it
                pos = end
                continue
            found = self._walk(text, pos, mode)
            if found is not None and found[2] == len(text):
                segments, end, _ = found
                if move:
                    self._gap_between(start, pos)
                    self.pos = max(self.pos, end)
                return segments
            nxt = src.find("<", pos + 1)
            pos = n if nxt == -1 else nxt
        return None

    def _gap_between(self, start: int, end: int) -> None:
        """Keep the starts of the text runs and comments in [start, end) as gaps."""
        src = self.src
        if SKIPPABLE_WS.match(src, start, end).end() == end:
            return  # only tags and whitespace: the usual case
        pos = start
        while pos < end and len(self.gaps) < _MAX_GAPS:
            if src.startswith("<", pos) and is_markup(src, pos):
                span = comment_at(src, pos)
                if span is not None:
                    self.gaps.append(pos)
                    pos = span[2]
                    continue
                nxt = skip_one_tag(src, pos)
                pos = nxt if nxt > pos else pos + 1
                continue
            nxt = src.find("<", pos + 1)
            nxt = end if nxt == -1 or nxt > end else nxt
            if src[pos:nxt].strip():
                self.gaps.append(pos)
            pos = nxt


def _skip_markup_and_space(src: str, pos: int) -> int:
    end = FAST_SKIP.match(src, pos).end()
    if src.startswith("<", end):
        end = SKIPPABLE_WS.match(src, end).end()
    return end


@lru_cache(maxsize=64)
def _start_tag_pattern(name: str) -> re.Pattern:
    return re.compile(r"<" + re.escape(name) + r"(?=[\t\n\f />])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _element_tags(name: str) -> re.Pattern:
    return re.compile(r"<(/?)" + re.escape(name) + r"(?=[\t\n\f />])", re.IGNORECASE)


def _common_prefix(text: str, ti: int, src: str, si: int, k: int) -> int:
    lo, hi = 0, min(k, len(text) - ti, len(src) - si)
    while lo < hi:  # binary search on equal prefixes: C-speed comparisons
        mid = (lo + hi + 1) // 2
        if src.startswith(text[ti:ti + mid], si):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _same_comment(src: str, span: tuple[int, int, int], data: str | None) -> bool:
    if data is None:  # a node the tree kept as a processing instruction
        return True
    raw = src[span[0]:span[1]]
    if "\x00" in raw:
        raw = raw.replace("\x00", "\ufffd")
    return raw.strip() == data  # the tree gives the data stripped
