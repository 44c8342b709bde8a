"""HTML elements with their exact source spans, for fixes that remove one.

The loader reads text, not structure; a fix needs to know which element
holds a leftover and nothing else. The standard library's tokenizer is
enough: it runs only on the pages being fixed, and the fix engine removes an
element only when both its tags are in the source.
"""

from __future__ import annotations

from bisect import bisect_right
from html import unescape
from html.parser import HTMLParser

from ..text.lines import LineIndex
from .units import has_word

# Elements whose removal would take the page's frame with it: a leftover that
# is all their text is removed as text.
STOP_TAGS = frozenset("html head body main article".split())
# Elements whose removal would shift a table's columns or part a term from its description: a leftover
# that is all of one leaves it empty.
_CELLS = frozenset(("td", "th", "dt", "dd"))
# Elements inside a line of text: one that holds only a leftover goes with it, with one space kept.
INLINE_TAGS = frozenset("a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong "
                        "sub sup time u var".split())
# Elements that show something without text.
CONTENT_VOIDS = frozenset("img picture video audio iframe embed object svg canvas input select textarea "
                          "button math".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_AUTOCLOSE_SAME = frozenset("p li dt dd option tr td th".split())
_CLOSES_P = frozenset("address article aside blockquote details div dl fieldset figcaption figure footer form "
                      "h1 h2 h3 h4 h5 h6 header hr main menu nav ol p pre section table ul".split())
_RAW = frozenset(("script", "style"))


class Element:
    __slots__ = ("tag", "start", "inner_start", "inner_end", "end", "explicit", "parent")

    def __init__(self, tag: str, start: int, inner_start: int, parent: Element | None):
        self.tag, self.start, self.inner_start, self.parent = tag, start, inner_start, parent
        self.inner_end = self.end = -1
        self.explicit = False  # closed by its own end tag

    def __repr__(self) -> str:
        return f"<{self.tag} {self.start}:{self.end}>"


class _Scanner(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.line_starts = LineIndex(source).starts
        self.stack: list[Element] = []
        self.elements: list[Element] = []
        self.texts: list[tuple[int, int, str]] = []  # (start, end, visible text)
        self.voids: list[int] = []  # offsets of elements that show content without text

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close(self, el: Element, at: int, end: int, explicit: bool) -> None:
        el.inner_end, el.end, el.explicit = at, end, explicit

    def handle_starttag(self, tag, attrs):
        pos = self._pos()
        text = self.get_starttag_text() or ""
        if tag in CONTENT_VOIDS:
            self.voids.append(pos)
        if self.stack and ((tag in _AUTOCLOSE_SAME and self.stack[-1].tag == tag)
                           or (tag in _CLOSES_P and self.stack[-1].tag == "p")):
            self._close(self.stack.pop(), pos, pos, False)
        if tag in _VOID:
            return
        el = Element(tag, pos, pos + len(text), self.stack[-1] if self.stack else None)
        self.elements.append(el)
        self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        pos = self._pos()
        if tag in CONTENT_VOIDS:
            self.voids.append(pos)

    def handle_endtag(self, tag):
        pos = self._pos()
        end = self.src.find(">", pos)
        end = len(self.src) if end == -1 else end + 1
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                while len(self.stack) > depth + 1:
                    self._close(self.stack.pop(), pos, pos, False)
                self._close(self.stack.pop(), pos, end, True)
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1].tag in _RAW:
            return
        pos = self._pos()
        self.texts.append((pos, pos + len(data), data))

    def handle_entityref(self, name):
        pos = self._pos()
        self.texts.append((pos, pos + len(name) + 2, unescape(f"&{name};")))

    def handle_charref(self, name):
        pos = self._pos()
        self.texts.append((pos, pos + len(name) + 3, unescape(f"&#{name};")))


class HtmlIndex:
    """Elements and text runs of a page, by source offset."""

    def __init__(self, source: str):
        scanner = _Scanner(source)
        try:
            scanner.feed(source)
            scanner.close()
        except (AssertionError, ValueError):  # a page html.parser gives up on: no element is removed
            scanner.stack, scanner.elements = [], []
        for el in scanner.stack:
            scanner._close(el, len(source), len(source), False)
        self.source = source
        self.elements = scanner.elements
        self.texts = scanner.texts
        self.text_starts = [t[0] for t in self.texts]
        self.voids = scanner.voids

    def innermost(self, start: int, end: int) -> Element | None:
        """The deepest element whose content holds [start, end)."""
        best = None
        for el in self.elements:
            if el.start > start:
                break
            if el.inner_start <= start and end <= el.inner_end:
                best = el  # later starts are deeper
        return best

    def holds_only(self, el: Element, start: int, end: int) -> bool:
        """Is [start, end) all the visible content of ``el`` (punctuation and spaces aside)?"""
        i = max(bisect_right(self.text_starts, el.inner_start) - 1, 0)
        while i < len(self.texts):
            t_start, t_end, text = self.texts[i]
            if t_start >= el.inner_end:
                break
            if t_end > el.inner_start:
                before = text[:max(0, min(start, t_end) - t_start)]
                after = text[max(0, end - t_start):] if t_end > end else ""
                if t_start >= el.inner_start and (has_word(before) or has_word(after)):
                    return False
            i += 1
        return not any(el.inner_start <= v < el.inner_end and not start <= v < end for v in self.voids)

    def holds_only_spans(self, el: Element, spans: list[tuple[int, int]]) -> bool:
        """Are these spans, together, all the words of ``el`` (text between them counts against)?"""
        spans = sorted(spans)
        i = max(bisect_right(self.text_starts, el.inner_start) - 1, 0)
        while i < len(self.texts):
            t_start, t_end, text = self.texts[i]
            if t_start >= el.inner_end:
                break
            if t_end > el.inner_start and t_start >= el.inner_start:
                pos = t_start
                for s, e in spans:
                    if e <= pos or s >= t_end:
                        continue
                    if has_word(text[pos - t_start:max(pos, s) - t_start]):
                        return False
                    pos = max(pos, min(e, t_end))
                if has_word(text[pos - t_start:]):
                    return False
            i += 1
        return not any(el.inner_start <= v < el.inner_end and not any(s <= v < e for s, e in spans)
                       for v in self.voids)

    def removable(self, start: int, end: int) -> Element | None:
        """The element to remove so that [start, end) goes and no empty element is left: the
        outermost of the elements around it that hold nothing else, below the page's frame."""
        el = self.innermost(start, end)
        chosen = None
        while el is not None and el.tag not in STOP_TAGS and el.tag not in _CELLS and self.holds_only(el, start, end):
            if el.explicit:
                chosen = el
            el = el.parent
        return chosen

    def balanced(self, start: int, end: int) -> bool:
        """Does [start, end) cut no element in two (every tag in it has its pair in it)?"""
        for el in self.elements:
            if el.start >= end:
                break
            if start <= el.start and not (el.explicit and el.end <= end):
                return False  # its start tag goes, its end tag stays
            if el.explicit and el.start < start and start < el.end and el.inner_end < end:
                return False  # its end tag goes, its start tag stays
        return True
