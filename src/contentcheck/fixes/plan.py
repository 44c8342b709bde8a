"""From findings to exact source edits.

A fix removes a unit around its match (the match, its sentence, its line or
its block) or replaces the match. Edits are spans of the decoded source, so
everything outside them stays byte for byte as it was:

- Markdown and text: a unit that is all of its block's text takes the block's
  lines with it, and one blank line, so paragraphs stay one blank line apart;
  a unit that is all of its line's text takes the line; anything smaller is
  cut out with one of the spaces around it.
- HTML: a unit that is all of its block's text takes the smallest element
  that holds it and nothing else, and the elements around that would be left
  empty (never a ``<p></p>``); with no such element, the text goes.

A fix the rule calls safe stays safe only when the leftover is the whole unit
it removes (its sentence, line or block holds no other word), or a sentence
the leftover opens and that ends with a colon (a preamble: "Sure! Here is the
article:"). Removing a sentence or line of which the leftover is only a part
may remove real text: that is an unsafe fix.

A fix whose edit would touch a finding that stays (a fiction disclaimer, an
unattributed claim, a finding whose own fix is not applied) is not made.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..document import Block, Document
from ..results import Finding
from ..rulepack.fix import FixSpec, render
from ..text.bidi import MARKS, balanced_span
from ..text.lines import LineIndex
from ..vocabulary import SAFE, UNSAFE
from . import units
from .units import has_word, leftover_sentence, table_cell, text_index, trim, unsure_sentence


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end] with text."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class PlannedFix:
    finding: Finding
    edit: Edit
    safety: str  # the safety it has here (a safe fix on part of a sentence is unsafe)
    description: str


class _Blocks:
    """Blocks by source position."""

    def __init__(self, doc: Document):
        spans = []
        for block in doc.blocks:
            if not block.text:
                continue
            spans.append((block.source_offset(0), block.source_offset(len(block.text), end=True), block))
        spans.sort(key=lambda x: x[0])
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def at(self, start: int, end: int) -> Block | None:
        i = bisect_right(self.starts, start) - 1
        while i >= 0:
            b_start, b_end, block = self.spans[i]
            if b_start <= start and end <= b_end:
                return block
            if b_end <= start and i < len(self.spans) - 1:
                break
            i -= 1
        return None


class Planner:
    """Plans the fixes of one document."""

    def __init__(self, doc: Document, rules: dict):
        self.doc = doc
        self.rules = rules
        self.lines = LineIndex(doc.source)
        self.blocks = _Blocks(doc)
        self._html = None

    @property
    def html(self):
        if self._html is None:
            from .markup import HtmlIndex

            self._html = HtmlIndex(self.doc.source)
        return self._html

    def span(self, f: Finding) -> tuple[int, int]:
        return f.offset, max(f.offset, self.lines.offset(f.end_line, f.end_column))

    def fix_for(self, f: Finding) -> PlannedFix | None:
        rule = self.rules.get(f.rule)
        spec: FixSpec | None = getattr(rule, "fix", None)
        if spec is None:
            return None
        s, e = self.span(f)
        if e <= s:
            return None
        if spec.through is not None:
            span = units.through(self.doc.source, spec.through, s, e)
            if span is not None:
                return PlannedFix(f, Edit(span[0], span[1], ""), spec.safety, spec.describe())
        if spec.action == "replace":
            replacement = self._replacement(rule, spec, s, e)
            if _finds_again(rule, replacement):
                return None  # the rule would find its own replacement: fixing would never end
            return PlannedFix(f, Edit(s, e, replacement), spec.safety, spec.describe())
        block = self.blocks.at(s, e)
        if block is None:
            return None
        ts, te = text_index(block, s), text_index(block, e, end=True)
        if ts is None or te is None or te <= ts:
            return None
        text = block.text
        a, b = self._unit(spec.unit, text, ts, te, table_cell(self.doc, block, s, e))
        if spec.unit == "sentence" and te < b:
            b = units.stop_before_code(self.doc.source, block, ts, te, b)
        if spec.unit == "sentence":
            balanced = balanced_span(text, a, b)
            if balanced is None:
                return None  # removing the sentence would leave half of a direction isolate
            a, b = balanced
        safety = spec.safety
        if safety == SAFE and has_word(text[a:ts] + text[te:b]):
            preamble = spec.unit == "sentence" and not has_word(text[a:ts]) and text[a:b].rstrip().endswith(":")
            if not preamble:
                safety = UNSAFE
        if safety == SAFE and spec.unit == "sentence" and unsure_sentence(text[a:b]):
            safety = UNSAFE
        edit = self._removal(block, a, b)
        if edit is None:
            return None
        return PlannedFix(f, edit, safety, spec.describe())

    def _unit(self, unit: str, text: str, ts: int, te: int, cell: tuple[int, int]) -> tuple[int, int]:
        if unit == "match":
            return ts, te
        if unit == "sentence":
            return leftover_sentence(text, ts, te, *cell)
        if unit == "line" and self.doc.format != "html":
            a = text.rfind("\n", 0, ts) + 1
            b = text.find("\n", te)
            return trim(text, a, len(text) if b == -1 else b)
        return trim(text, 0, len(text))  # the block (in HTML a line on screen is a block)

    def _replacement(self, rule, spec: FixSpec, s: int, e: int) -> str:
        matched = self.doc.source[s:e]
        groups = None
        compiled = rule.params.get("_compiled") if rule.kind == "pattern" else None
        if compiled is not None:
            block = self.blocks.at(s, e)
            if block is not None:
                ts = text_index(block, s)
                text = block.text
                # The engine trims a match's edges; the pattern may have started on the spaces before.
                for start in range(ts, max(ts - 16, -1), -1):
                    m = compiled.match(text, start)
                    if m is not None and m.end() >= ts:
                        groups = m
                        break
                    if start > 0 and not text[start - 1].isspace():
                        break
        return render(spec.template or "", matched, groups)

    # -- removals
    def _removal(self, block: Block, a: int, b: int) -> Edit | None:
        text = block.text
        src_a, src_b = block.source_offset(a), block.source_offset(b, end=True)
        whole_block = not has_word(text[:a] + text[b:]) and not units.code_beside(self.doc.source, block, src_a, src_b)
        if self.doc.format == "html":
            edit = self._html_removal(src_a, src_b, whole_block)
            a2, b2 = a, b
            while a2 < b2 and text[a2] in MARKS:
                a2 += 1
            while b2 > a2 and text[b2 - 1] in MARKS:
                b2 -= 1
            if edit is None and (a2, b2) != (a, b):
                # "…2022.</em>\u200f": the mark after the stop stands outside the element; the sentence without it
                return self._html_removal(block.source_offset(a2), block.source_offset(b2, end=True), whole_block)
            return edit
        if self.doc.format == "markdown":
            src_a, src_b = self._with_markup(block, a, b, src_a, src_b)
        if whole_block:
            first, last = self._block_lines(block)
            return self._remove_lines(first, last, tidy=True)
        la = text.rfind("\n", 0, a) + 1
        lb = text.find("\n", b)
        if not has_word(text[la:a] + text[b:len(text) if lb == -1 else lb]) and not units.code_beside(
                self.doc.source, block, src_a, src_b, line=True):
            first, last = self.lines.line_of(src_a), self.lines.line_of(max(src_a, src_b - 1))
            return self._remove_lines(first, last, tidy=False, ends_block=not has_word(text[b:]))
        return self._cut(src_a, src_b)

    def _with_markup(self, block: Block, a: int, b: int, src_a: int, src_b: int) -> tuple[int, int]:
        """Widen a Markdown span over the markup next to it, as far as it pairs (``*``, ``[``, ``](url)``)."""
        return units.widen_markup(block.text, self.doc.source, a, b, src_a, src_b)

    def _block_lines(self, block: Block) -> tuple[int, int]:
        a, b = trim(block.text, 0, len(block.text))
        first = self.lines.line_of(block.source_offset(a))
        last = self.lines.line_of(max(block.source_offset(b, end=True) - 1, 0))
        if self.doc.format == "markdown" and last + 1 < self.lines.count:
            # A setext heading's underline goes with it.
            nxt = self.doc.source[self.lines.start(last + 1):self.lines.content_end(last + 1)]
            if block.tag in ("h1", "h2") and re.fullmatch(r" {0,3}(?:=+|-+)[ \t]*", nxt):
                last += 1
        return first, last

    def _remove_lines(self, first: int, last: int, tidy: bool, ends_block: bool = False) -> Edit:
        """Remove whole lines; with ``tidy``, also one blank line next to them, so that the
        text around keeps one blank line between paragraphs."""
        lines = self.lines
        text = lines.text
        start, end = lines.start(first), lines.next_start(last)
        if ends_block and first > 0 and self.doc.format == "markdown":
            prev_end = lines.content_end(first - 1)
            if text[prev_end - 1:prev_end] == "\\":
                return Edit(prev_end - 1, lines.content_end(last))  # the hard break that led to the last line
        if end == len(text) and not text.endswith("\n") and first > 0:
            # The last line has no newline: the newline before it goes instead.
            start = lines.content_end(first - 1)
            if tidy and first > 1 and lines.is_blank(first - 1):
                start = lines.content_end(first - 2)
            return Edit(start, end)
        if tidy and (first == 0 or lines.is_blank(first - 1)):
            if last + 1 < lines.count - 1 and lines.is_blank(last + 1):
                end = lines.next_start(last + 1)
            elif end == len(text) and first > 0:
                start = lines.start(first - 1)  # the end of the file: the blank line before goes
        return Edit(start, end)

    def _cut(self, start: int, end: int) -> Edit:
        """Cut a span out of a line with the spaces that would be left doubled: those after it
        when text follows, else those before it."""
        src = self.doc.source
        n = len(src)
        after = _SPACES_AFTER.match(src, end).end()
        # A closing tag or a <br> ends the line of text; an opening tag ("<a href=...>More</a>") carries it on.
        line_goes_on = after < n and src[after] not in "\r\n" and not (
            src[after] == "<" and (src.startswith("</", after) or _BR_AT.match(src, after)))
        # A token stuck to the word before it ("1932【4:0†source】 and") leaves that word's space.
        if after > end and line_goes_on and units.opens_text(src, start, _OPENS_TEXT):
            return Edit(start, after)
        # "spoke. <leftover>!Trains", "spoke. <leftover>.<b>Trains", "!**Trains**": the space before parts the words
        # around it (a script written without spaces has none to keep: "通车。 <leftover>！大桥")
        if after == end and end < n and (units.glued_word(src, start, end) or (
                src[end] == "<" and not src.startswith("</", end) and not _BR_AT.match(src, end))):
            return Edit(start, end)
        before = start
        while (gap := _SPACE_BEFORE.search(src, max(0, before - 8), before)) is not None:
            before = gap.start()
        # After a tag the space before goes only when the line ends here ("</code> leftover</p>"): the tag's
        # word would be glued to the next one otherwise.
        if before > 0 and (src[before - 1] not in "\n>" or (src[before - 1] == ">" and not line_goes_on)):
            return Edit(before, end if line_goes_on else after)
        return Edit(start, end if line_goes_on else after)

    def _html_removal(self, start: int, end: int, whole_block: bool) -> Edit | None:
        from .markup import INLINE_TAGS

        index = self.html
        src = self.doc.source
        el = index.removable(start, end)
        if el is not None and el.tag not in INLINE_TAGS:
            if whole_block:
                edit = self._alone_on_lines(el.start, el.end)
                alone = edit.start != el.start or edit.end != el.end
                return edit if alone else self._cut_element(el.start, el.end)
            el = None  # a block inside the block: its text alone goes
        if el is not None:
            start, end = el.start, el.end  # "<em>leftover</em>" goes whole, not left as "<em></em>"
        elif not whole_block and not index.balanced(start, end):
            return None
        if whole_block:
            if el is None and not index.balanced(start, end):
                return None  # "I hope <em>this helps!</em>": the cut would leave "</em>"
            # A line of its own between <br>s takes the <br>s on one side with it: the shorter run, the one
            # before it on a tie; none left over ("<p>leftover<br>text</p>" must not open on an empty line).
            window = max(0, start - 256)
            before = _BR_RUN_BEFORE.search(src, window, start)
            after = _BR_RUN_AFTER.match(src, end)
            ends_block = after is not None and src.startswith("</", _SPACES_AFTER.match(src, after.end()).end())
            if before is not None and ends_block:
                return self._cut(before.start(), after.end())  # the last line, and the break that ended it
            if before is not None and not ends_block and (
                    after is None or before.group().count("<") <= after.group().count("<")):
                return self._cut(before.start(), end)
            if after is not None:
                return self._cut(start, after.end())
            if el is not None:
                edit = self._alone_on_lines(start, end)
                if edit.start != start or edit.end != end:
                    return edit  # the element's own lines
        edit = self._alone_on_lines(start, end)  # "Monday.\n    I hope this helps!\n": no line of spaces left
        if edit.end != end:
            return edit
        return self._cut_element(start, end) if el is not None else self._cut(start, end)

    def _cut_element(self, start: int, end: int) -> Edit:
        """Cut an element out of running text, leaving one space between the words around it."""
        src = self.doc.source
        n = len(src)
        m = _DIRECTION_MARKS_AFTER.match(src, end)
        end = m.end()  # "…2022.</em>\u200f": the mark after the stop went with the sentence
        before = start
        while before > 0:
            m = _SPACE_BEFORE.search(src, max(0, before - 8), before)
            if m is None:
                break
            before = m.start()
        after = _SPACES_AFTER.match(src, end).end()
        at_line_start = before == 0 or src[before - 1] == "\n"
        closes = after >= n or src[after] in "\r\n" or src.startswith("</", after) or src[after] in ".,;:!?)]»”’"
        if closes and not at_line_start:
            return Edit(before, after if src.startswith("</", after) else end)  # "free. <b>x</b></p>": "free.</p>"
        if before < start or start == 0 or src[start - 1] in ">\n":
            return Edit(start, after)  # "long. <em>x</em> Buses", "<p><em>x</em> The": the space before stays
        if after > end:
            return Edit(start, end)  # "long.<em>x</em> Buses": the space after stays
        inner = src[src.find(">", start, end) + 1:src.rfind("<", start, end)]
        if inner[:1].isspace() or inner[-1:].isspace():
            return Edit(start, end, " ")  # "1932.<em> x </em>It": the element held the only space
        return Edit(start, end)

    def _alone_on_lines(self, start: int, end: int) -> Edit:
        """An element alone on its lines takes the lines; otherwise just the element."""
        lines = self.lines
        first, last = lines.line_of(start), lines.line_of(max(start, end - 1))
        src = lines.text
        if not src[lines.start(first):start].strip() and not src[end:lines.content_end(last)].strip():
            return Edit(lines.start(first), lines.next_start(last))
        return Edit(start, end)


# What may stand right before a span whose spaces after it go with it: a space, a line's or a tag's end,
# or the opening of a direction isolate or embedding (RLI, LRI, FSI, LRE, RLE), which stays.
_OPENS_TEXT = " \t\n>\u00a0\u2009\u202f\u3000\u2066\u2067\u2068\u202a\u202b"
_BR_AT = re.compile(r"<br\b", re.IGNORECASE)
# The spaces a cut takes with it, one side or the other: a space, a tab, a no-break (or its HTML entity),
# narrow no-break, thin or ideographic space.
_SPACES_AFTER = re.compile(r"(?:[ \t\u00a0\u2009\u202f\u3000]|&nbsp;|&#160;|&#xa0;)*", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"(?:[ \t\u00a0\u2009\u202f\u3000]|&nbsp;|&#160;|&#xa0;)\Z", re.IGNORECASE)
_DIRECTION_MARKS_AFTER = re.compile(r"(?i)(?:[\u200e\u200f\u061c]|&(?:rlm|lrm);|&#x200[ef];|&#820[67];)*")
_BR_RUN_BEFORE = re.compile(r"(?:<br\b[^<>]*>\s*)+\Z", re.IGNORECASE)
_BR_RUN_AFTER = re.compile(r"(?:\s*<br\b[^<>]*>)+", re.IGNORECASE)


def _finds_again(rule, replacement: str) -> bool:
    if rule.kind == "pattern":
        return rule.params["_compiled"].search(replacement) is not None
    from ..text.normalize import normalize

    text = normalize(replacement)
    return any(re.search(r"(?<!\w)" + re.escape(normalize(p)) + r"(?!\w)", text)
               for p in rule.params.get("_expanded", ()))


def plan(doc: Document, findings: list[Finding], rules: dict, *, unsafe: bool = False,
         swallowed: list[PlannedFix] | None = None) -> list[PlannedFix]:
    """The fixes to apply together: safe ones (and unsafe ones when ``unsafe``), none
    touching a finding that stays, none overlapping another. Fixes whose leftover lies inside
    another's edit, and so goes with it, are added to ``swallowed``."""
    planner = Planner(doc, rules)
    applied: list[PlannedFix] = []
    staying: list[tuple[int, int]] = []
    for f in findings:
        fix = planner.fix_for(f)
        if fix is not None and (fix.safety == SAFE or unsafe):
            applied.append(fix)
        else:
            s, e = planner.span(f)
            if e > s:  # (a finding of a place and no text, "no author found" at the text's start, guards none)
                staying.append((s, e))
    chosen: list[PlannedFix] = []
    last_end = -1
    for fix in sorted(applied, key=lambda p: (p.edit.start, -p.edit.end)):
        e = fix.edit
        if any(e.start <= s < e.end or (s < e.end and e.start < t) for s, t in staying):
            continue
        if e.start < last_end:
            s, t = planner.span(fix.finding)
            if swallowed is not None and chosen and chosen[-1].edit.start <= s and t <= chosen[-1].edit.end:
                swallowed.append(fix)  # "helps! let me know...": gone with the sign-off's sentence
            continue  # inside or across an edit already chosen; the next pass sees what is left
        chosen.append(fix)
        last_end = max(last_end, e.end)
    if doc.format == "html" and len(chosen) > 1:
        chosen = _one_per_emptied_element(planner, chosen)
    return _joined_cuts(planner, chosen) if len(chosen) > 1 else chosen


def _joined_cuts(planner: Planner, chosen: list[PlannedFix]) -> list[PlannedFix]:
    """Cuts side by side on one line are one cut for the spaces: each alone keeps the space after it
    when nothing stands before it ("帮助！如果...告诉我。 大桥"), so together they left " 大桥"."""
    src = planner.doc.source
    runs: list[list[PlannedFix]] = []
    for fix in chosen:
        e = fix.edit
        prev = runs[-1][-1].edit if runs else None
        # Elements side by side too, after text ("1932. <b>I hope this helps!</b><i>Let me know...</i>"); ones that
        # fill their block go one per pass, and the block with the last.
        adjacent = (prev is not None and prev.end == e.start  # (a bounded look back: no copy of the page per cut)
                    and src[max(0, prev.start - 64):prev.start].rstrip(" \t")[-1:] not in ("", ">", "\n"))
        if (prev is not None and not e.text and not prev.text and not src[prev.end:e.start].strip(" \t")
                and "\n" not in src[prev.start:e.end] and ("<" not in src[prev.start:e.end] or adjacent)):
            runs[-1].append(fix)
        else:
            runs.append([fix])
    joined: list[PlannedFix] = []
    for run in runs:
        if len(run) == 1:
            joined.extend(run)
            continue
        first, last = run[0].edit.start, run[-1].edit.end
        while first < last and src[first] in " \t":
            first += 1
        while last > first and src[last - 1] in " \t":
            last -= 1
        cut = planner._cut(first, last)
        start = cut.start
        for i, fix in enumerate(run):
            end = cut.end if i == len(run) - 1 else run[i + 1].edit.start
            joined.append(replace(fix, edit=Edit(start, max(start, end))))
            start = max(start, end)
    return joined


def _one_per_emptied_element(planner: Planner, chosen: list[PlannedFix]) -> list[PlannedFix]:
    """Leftovers that are all of an inline element ("<b>I hope this helps! Let me know...</b>", or a
    <span> holding a <b> and an <i> of them) or of a block ("<p><b>...</b><b>...</b></p>"), cut one by one,
    would leave "<b></b>" or "<p></p>": one goes in this pass, and the next removes the element with the other."""
    from .markup import INLINE_TAGS

    index = planner.html
    groups: dict[int, tuple[object, list[PlannedFix]]] = {}
    for fix in chosen:
        el = index.innermost(*planner.span(fix.finding))
        outer = None
        while el is not None and el.tag in INLINE_TAGS:
            if el.explicit:
                outer = el  # the outermost inline element around the leftover
            el = el.parent
        for holder in (outer, el):  # and the block around it
            if holder is not None:
                groups.setdefault(id(holder), (holder, []))[1].append(fix)
    deferred = set()
    for outer, fixes in groups.values():
        if len(fixes) > 1 and index.holds_only_spans(outer, [(f.edit.start, f.edit.end) for f in fixes]):
            deferred.update(id(f) for f in fixes[1:])
    return [fix for fix in chosen if id(fix) not in deferred]


def fixes_for(doc: Document, findings: list[Finding], rules: dict) -> dict[Finding, PlannedFix]:
    """Every finding's own fix, safe or not, unless it would touch another finding (for editors)."""
    planner = Planner(doc, rules)
    fixes = {f: planner.fix_for(f) for f in findings}
    # Findings with no fix of their own stay whatever happens: no edit may touch them.
    staying = [planner.span(f) for f, fix in fixes.items() if fix is None]
    out = {}
    for f, fix in fixes.items():
        if fix is None:
            continue
        e = fix.edit
        if any(e.start <= s < e.end or (s < e.end and e.start < t) for s, t in staying):
            continue
        out[f] = fix
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
