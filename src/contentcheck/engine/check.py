"""Runs a compiled RulePack over one Document and builds its DocumentResult; ``check_input`` and
``check_text`` load the Document first (from an Input or from text in memory).

The engine, not the checks, applies what every rule shares: conditions on
the document (when/unless), exclusions (quoted, sentence_contains),
suppressions, positions, ordering and the score. Whatever goes wrong with
one input becomes that input's result, with an error: never the run's end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import replace
from functools import lru_cache

from ..document import Document
from ..inputs.discover import Input
from ..inputs.sites import resolve as resolve_site
from ..loaders import DEFAULT_MAX_FILE_SIZE, LoadError, load_document, parse_bytes, parse_text, sniff_format
from ..results import DocumentResult, Finding
from ..text.bylines import AUTHOR_SOURCES, best_author
from ..text.scripts import no_space
from ..text.sentences import sentence_at, sentence_spans
from ..vocabulary import HEADING_TAGS, INPUT_CATEGORY, severity_rank
from .fingerprints import assign as assign_fingerprints
from .reading_list import leads_off_site
from .repeated import candidates, repeated_ids, set_aside
from .scoring import score
from .suppressions import apply as apply_suppressions
from .transcript import mark_transcript_turns
from .voices import (
    after_salutation,
    after_speech_lead,
    before_letter_closing,
    by_speech_tag,
    in_dialogue,
    in_quotes,
    in_signed_letter,
)


def check_text(text: str, pack, *, fmt: str | None = None, name: str = "<text>") -> DocumentResult:
    """Check text held in memory (the format sniffed from it unless given)."""
    doc = parse_text(name, text, fmt or sniff_format(text))
    doc.site = resolve_site("url", None, None, doc.metadata)  # the page's own URL, as for a file
    return check_document(doc, pack)


def check_input(item: Input, pack, max_size: int = DEFAULT_MAX_FILE_SIZE) -> DocumentResult:
    """Check one input; every failure becomes a DocumentResult with an error."""
    site = resolve_site(item.site_from, item.site, item.folder_site)
    if item.error:
        return DocumentResult(item.display, item.format, None, error=item.error, site=site)
    try:
        if item.data is not None:
            doc = parse_bytes(item.display, item.data, item.format)
            if item.language:
                doc.metadata.add("http-content-language", item.language)
        else:
            doc = load_document(item.path, item.format, display_path=item.display, max_size=max_size)
        doc.site = resolve_site(item.site_from, item.site, item.folder_site, doc.metadata)
        if doc.site:
            doc.metadata.add("site", doc.site)  # for rule conditions: when: {site: [...]}
        doc.collect_blocks = item.collect_blocks
        return check_document(doc, pack)
    except LoadError as exc:
        error = str(exc)
    except RecursionError:
        error = "document nested too deeply to check"
    except MemoryError:
        error = "out of memory while checking"
    except Exception as exc:  # one broken file must never lose the others' report
        error = (f"internal error while checking ({type(exc).__name__}: {exc}); "
                 "please report it with this file")
    return DocumentResult(item.display, item.format, None, error=error, site=site)


def check_document(doc: Document, pack) -> DocumentResult:
    applicable: dict[str, bool] = {}
    sentences: dict = {}  # a block's sentence spans, split once whatever the number of matches in it
    matches: list = []
    for module, compiled in pack.compiled:
        for match in module.run(doc, compiled):
            rule = match.rule
            ok = applicable.get(rule.id)
            if ok is None:
                ok = applicable[rule.id] = rule.applies_to(doc)
            if not ok:
                continue
            if match.scope is not None and rule.exclude and _excluded(doc, match, rule.exclude, sentences):
                continue
            if rule.followed_by and match.scope is not None and not _followed(rule, match):
                continue
            if match.scope is not None and matches and _continues(matches[-1], match):
                prev = matches[-1]
                matches[-1] = type(match)(rule, match.scope, prev.start, max(prev.end, match.end), prev.detail)
                continue
            matches.append(match)
    findings = [_finding(doc, m) for m in matches]
    # --sites: the repeated rules' matches are candidates for the second pass, not findings.
    findings, pending = set_aside(findings, repeated_ids(pack) if doc.collect_blocks else frozenset())
    ignored = (pack.spec.ignore or ()) if pack.spec else ()  # --ignore names the loader's findings too
    for problem, offset, message in doc.problems:
        if problem in ignored or INPUT_CATEGORY in ignored:
            continue
        line, col = doc.line_col(offset)
        findings.append(Finding(problem, INPUT_CATEGORY, "warning", line, col, line, col, message, "", offset))
    findings = _dedupe(findings)
    if doc.comments or doc.front_matter:
        findings = apply_suppressions(doc, findings + pending)
        if pending:
            findings, shown = set_aside(findings, repeated_ids(pack))
            # A suppressed block still counts as on this page; it is only never reported here.
            shown_ids = {id(f) for f in shown}
            pending = [f if id(f) in shown_ids else replace(f, rule="") for f in pending]
    findings.sort(key=Finding.sort_key)
    findings = assign_fingerprints(doc.path, findings)
    result = DocumentResult(doc.path, doc.format, score(findings, pack.weights), findings,
                            incomplete=any(m.failed for m in matches), site=doc.site,
                            pending=candidates(pending))
    describe(doc, result)
    return result


def _continues(prev, match) -> bool:
    """One problem, one finding: a rule matching again right after itself
    (a disclaimer's second sentence) extends the first match."""
    if prev.rule is not match.rule or prev.scope is not match.scope or match.failed or prev.failed:
        return False
    if prev.rule.fix is not None and prev.rule.fix.unit == "match":
        return False  # a fix that removes the match would take the words between two tokens with it
    if match.start < prev.start or match.start - prev.end > 12:
        return False
    st = match.scope
    return st.block_at(prev.start) == st.block_at(match.start) and "\n" not in st.text[prev.end:max(prev.end, match.start)]


def _finding(doc: Document, match) -> Finding:
    rule = match.rule
    if match.failed:
        line, col = doc.line_col(doc.first_content_offset())
        return Finding(rule.id, rule.category, "error", line, col, line, col, match.detail, "", 0)
    if match.scope is not None:
        start, end = match.start, match.end
        text = match.scope.text
        # A finding starts at its first visible character: patterns anchored
        # at the start of a line may have taken the indentation with them.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            match = type(match)(rule, match.scope, start, end, match.detail)
        src_start, src_end = match.scope.source_span(match.start, match.end)
        if doc.format == "html":
            text = match.scope.text[match.start:match.end]
        else:
            text = doc.source[src_start:src_end]
    else:
        src_start, src_end = match.start, match.end
        text = doc.source[src_start:src_end]
    line, col = doc.line_col(src_start)
    end_line, end_col = doc.line_col(src_end) if src_end > src_start else (line, col)
    text = " ".join(text.split())
    return Finding(rule.id, rule.category, rule.severity, line, col, end_line, end_col,
                   match.detail or rule.message, text, src_start)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One problem, one finding: of findings of one category whose spans
    overlap (two rules catching the same disclaimer), keep the most severe,
    then the longest.

    The spans kept in a category never overlap one another, so sorted by
    start they are sorted by end too: one bisection finds the only kept span
    a new one could overlap (n log n, not n squared)."""
    def key(f: Finding):
        return (severity_rank(f.severity), -((f.end_line - f.line) * 10_000 + f.end_column - f.column), f.rule)

    kept: list[Finding] = []
    spans: dict[str, tuple[list, list]] = {}  # category -> (starts, ends) of the kept non-empty spans
    points: dict[str, list] = {}  # category -> positions of the kept empty spans, sorted
    empty_seen: set = set()
    for f in sorted(findings, key=key):
        start, end = (f.line, f.column), (f.end_line, f.end_column)
        starts, ends = spans.setdefault(f.category, ([], []))
        at = points.setdefault(f.category, [])
        if start < end:
            i = bisect_left(starts, end) - 1
            if i >= 0 and ends[i] > start:
                continue
            j = bisect_right(at, start)
            if j < len(at) and at[j] < end:  # an empty span kept strictly inside this one
                continue
            i = bisect_left(starts, start)
            starts.insert(i, start)
            ends.insert(i, end)
        else:
            i = bisect_left(starts, start) - 1
            if i >= 0 and ends[i] > start:
                continue
            if (f.category, f.rule, start, end) in empty_seen:
                continue
            empty_seen.add((f.category, f.rule, start, end))
            insort(at, start)
        kept.append(f)
    return kept


def _excluded(doc: Document, match, exclude: dict, sentences: dict) -> bool:
    st = match.scope
    bi = st.block_at(match.start)
    block = st.blocks[bi].text
    start = match.start - st.starts[bi]
    end = match.end - st.starts[bi]
    if exclude.get("quoted") and (in_quotes(block, start, end)
                                  or (st.blocks[bi].quoted and _writer_speaks(st, sentences))
                                  or in_dialogue(st.text, match.start) or after_speech_lead(block, start)
                                  or by_speech_tag(block, start, end, _sentence(block, max(start, end - 1), st, bi,
                                                                                sentences)[1])):
        return True
    if exclude.get("code") and in_code(st.text, match.start):
        return True
    if exclude.get("letter") and (before_letter_closing(st.text, match.end) or after_salutation(st, match.start)
                                  or in_signed_letter(st, match.start)):
        return True
    if exclude.get("heading") and st.blocks[bi].tag in HEADING_TAGS:
        return True  # a headline's "Yes, Dinosaurs Were Real" answers no one
    if exclude.get("prose") and st.blocks[bi].tag not in HEADING_TAGS:
        return True  # a rule about headings: an outline set out in a paragraph or a list is the writer's
    if exclude.get("path") and _in_path(st.text, match.start, match.end):
        return True
    if exclude.get("link") and _link_text(st.text, match.start, match.end):
        return True
    words = exclude.get("opening_contains")
    if words:
        opening = sentences.get(("opening", id(st)))
        if opening is None:
            opening = sentences[("opening", id(st))] = _opening(st)  # once per scope, not per match
        if _words_re(words).search(opening):
            return True  # "Here is a template for the letter:": its blanks are the reader's to fill in
    words = exclude.get("heading_contains")
    if words:
        paths = sentences.get(("headings", id(st)))
        if paths is None:
            paths = sentences[("headings", id(st))] = _heading_paths(st)  # once per scope, not per match
        if _words_re(words).search(paths[bi]):
            return True  # under "Email Templates" a blank is the reader's to fill in, "let me know" the letter's
    headings = exclude.get("reading_list")
    if headings and " ".join(_READING_MARKS.sub("", st.lower[match.start:match.end]).split()) in headings \
            and (leads_off_site(doc, st, match.end) or _SECTION_NUMBER.fullmatch(block[:start])):
        # "อ่านเพิ่มเติม" over links to other sites, "### 8.4 延伸阅读" numbered in the outline: the writer's
        # further reading, not the site's widget
        return True
    words = exclude.get("sentence_contains")
    if words:
        s, e = _sentence(block, start, st, bi, sentences)
        key = ("contains", id(words), id(st), bi, s)  # once per sentence: a long one may hold thousands of matches
        found = sentences.get(key)
        if found is None:
            found = sentences[key] = bool(_words_re(words).search(block[s:e].lower()))
        if found:
            return True
    # A chat published as a transcript quotes the assistant: its turns are read once, and only in a text where
    # a match would be kept (most texts have none), then the match is asked again.
    if exclude.get("quoted") and "transcript" not in sentences:
        sentences["transcript"] = mark_transcript_turns(doc.blocks)
        return st.blocks[bi].quoted and _writer_speaks(st, sentences)
    return False


# Around a heading: spaces, a colon, emphasis and heading marks ("**See also:**").
_READING_MARKS = re.compile(r"^[\s#*_:>-]+|[\s#*_:\uff1a.-]+$")


def _sentence(block: str, index: int, st, bi: int, sentences: dict) -> tuple[int, int]:
    """The span of the sentence of a block holding ``index``; the block is split once, whatever the
    number of matches in it."""
    spans = sentences.get((id(st), bi))
    if spans is None:
        spans = sentences[(id(st), bi)] = sentence_spans(block)
    return spans[sentence_at(spans, index)]


def _in_path(text: str, start: int, end: int) -> bool:
    """Does text[start:end] stand inside a file path, right after a backslash or between two slashes?
    "C:\\Users\\[Your Name]\\AppData" names a folder of the reader's; "linkedin.com/in/[Your Name]" ends a
    link that was never filled in."""
    before = text[start - 1:start]
    return before == "\\" or (before == "/" and text[end:end + 1] in ("/", "\\"))


def _link_text(text: str, start: int, end: int) -> bool:
    """Is text[start:end] the bracketed text of a Markdown link, "[Add React to a page](/learn/add-react)" or
    "[text][ref]"? A plain-text copy of Markdown keeps the brackets; the words are a link's, not a blank."""
    return text[end - 1:end] == "]" and text[end:end + 1] in ("(", "[")


# A section's number before a heading's words: "8.4 ", "3. " (the writer's outline numbers its sections).
_SECTION_NUMBER = re.compile(r"[ \t]*\d{1,2}(?:[.．]\d{1,2})*[.．]?[ \t]+")


def _writer_speaks(st, sentences: dict) -> bool:
    """Does the scope hold prose outside block quotations? Without it a block quotation quotes no one: a
    chat answer pasted whole as a quotation ("> En tant qu'IA, je ne suis pas en mesure...") is the text
    itself, not a writer quoting a chatbot."""
    key = ("writer", id(st))
    speaks = sentences.get(key)
    if speaks is None:
        speaks = sentences[key] = any(not block.quoted and block.tag not in HEADING_TAGS and block.text.strip()
                                      for block in st.blocks)
    return speaks


def _opening(st) -> str:
    """The first 300 characters of the first block of a scope that is not a title or a heading, lower-cased."""
    for block in st.blocks:
        if block.tag not in HEADING_TAGS and block.text.strip():
            return block.text[:300].lower()
    return ""


def _heading_paths(st) -> list[str]:
    """For each block, the headings it stands under, lower-cased: the nearest one of each level above it,
    up to the title ("Email Templates" > "Response to Application"), not a sibling section's heading.
    One pass with a stack of the open headings."""
    stack: list[tuple[int, str]] = []
    paths = []
    for block in st.blocks:
        if block.tag in HEADING_TAGS:
            rank = int(block.tag[1]) if block.tag[:1] == "h" and block.tag[1:].isdigit() else 0
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, block.text.lower()))
        paths.append("\n".join(text for _, text in stack))
    return paths


@lru_cache(maxsize=256)
def _words_re(words: tuple[str, ...]) -> re.Pattern:
    """One expression for a rule's exclusion words, built once per rule, not per match. A word
    of a script written without spaces ("我的") stands inside a run of text, not as a whole word."""
    def bounded(word: str) -> str:
        # "fine-tun*" is the start of a word, as in a sequence's classes: its end is open ("**" and "a *" are marks).
        prefix = len(word) > 1 and word[-1] == "*" and (word[-2].isalnum() or word[-2] == "_")
        word = word[:-1] if prefix else word
        # Korean writes its particles onto the word ("코드인데", "템플릿입니다"): a Hangul word's end is open,
        # but not a one-syllable one: "제" (my) in "제 코드" stands alone, and is the start of "제품", "내용".
        open_end = prefix or no_space(word[-1]) or ("\uac00" <= word[-1] <= "\ud7a3" and len(word) > 1)
        # A mark ("?") is no word: it needs no word boundary ("Stelle?").
        open_start = no_space(word[0]) or not (word[0].isalnum() or word[0] == "_")
        open_end = open_end or not (word[-1].isalnum() or word[-1] == "_")
        return ("" if open_start else r"(?<!\w)") + re.escape(word) + ("" if open_end else r"(?!\w)")
    return re.compile("|".join(map(bounded, words)))


def _block_of(st, end: int) -> tuple[int, int]:
    """The block a match ending at ``end`` lies in, and where that block's text ends."""
    bi = st.block_at(max(end - 1, 0))
    return bi, st.starts[bi] + len(st.blocks[bi].text)


def _followed(rule, match) -> bool:
    if rule.followed_by == "end":
        return ends_text(match.scope, match.end)
    if rule.followed_by == "colon":
        return colon_ends(match.scope, match.end)
    if rule.followed_by == "list":
        return colon_ends(match.scope, match.end) or list_after(match.scope, match.end)
    return code_after(match.scope, match.start, match.end, (rule.exclude or {}).get("sentence_contains"))


def colon_ends(st, end: int) -> bool:
    """Does the matched sentence's paragraph end with a colon, presenting what comes next ("Here is
    a poem about the harbour:")? A headline or a paragraph that goes on does not. (The sentence
    may run past the match's end: "…giới thiệu "Tôm bọ ngựa" với nội dung hấp dẫn:".)"""
    bi, block_end = _block_of(st, end)
    return block_end - end <= _COLON_REACH and st.text[st.starts[bi]:block_end].rstrip().endswith((":", "\uff1a"))


_COLON_REACH = 200  # characters from the match to its paragraph's colon: the rest of one sentence
# What may follow a text's last sentence: end marks, closing quotes and brackets, emphasis marks (** and ~ of
# Markdown left in plain text), emoji with their variation selectors and joiners, a smiley.
_TEXT_TAIL = re.compile(r"(?:[\s\"'\u2019\u201d\u00bb)\]\uff09\u300f\u300d\u3011*~_.!?\u2026\uff01\uff1f\u3002"
                        r"\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3\U0001F000-\U0001FAFF]|:\)|:-\))*")


def ends_text(st, end: int) -> bool:
    """Is the matched sentence (a match runs to its sentence's end) the last words of the text? A chat answer
    ends on its offer ("Do you want more specific information?"); a page goes on ("Call our team.", the
    answer under a FAQ's question)."""
    return bool(_TEXT_TAIL.fullmatch(st.text, end))


def list_after(st, end: int) -> bool:
    """Does what the matched sentence presents come right after its paragraph, which ends with a full
    stop: a list, a table, code or a rule line ("以下は、...JSON配列です。" and the array)? Japanese and
    Chinese close a handover with a full stop, where English puts a colon."""
    bi, block_end = _block_of(st, end)
    text = st.text
    line_break = text.find("\n", end, block_end)
    if line_break >= 0 and _PRESENTED.match(text, line_break + 1):
        block_end = line_break  # a plain text keeps the list in the paragraph, one item a line
    elif not st.blocks[bi].before_code:
        after = st.blocks[bi + 1] if bi + 1 < len(st.blocks) else None
        if after is None or (after.tag not in _LIST_TAGS and not _PRESENTED.match(after.text)):
            return False
    return block_end - end <= _COLON_REACH and text[st.starts[bi]:block_end].rstrip().endswith((".", "\u3002"))


_LIST_TAGS = frozenset(("li", "tr", "td", "th"))
# A list item ("- ", "・", "1. ", "１．", "1、", "一、", "1단계: "), a table row, a fence or a line of dashes or
# box-drawing strokes alone.
_PRESENTED = re.compile(r"[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)]|\d{1,2}\s?\w{0,3}:)\s|\d{1,2}\w{0,3}\uff1a|[\u30fb\u2022]"
                        r"|[\d\uff10-\uff19]{1,3}[\uff0e\u3001]|[一二三四五六七八九十]{1,3}[\u3001\uff0e]|\||```|~~~"
                        r"|[-=_*\u2500\u2501]{3,}[ \t]*(?:\n|$))")


def code_after(st, start: int, end: int, words: tuple[str, ...] | None = None) -> bool:
    """Does code come right after text[:end], or after the rest of its paragraph: a fence (in a text
    that keeps its fences), or the code block the loader dropped after the block? A model often
    says a sentence or two about its code before the code ("Here is a function that... It uses...")."""
    text = st.text
    i = _skip_space(text, end)
    if text.startswith(("```", "~~~"), i) or "```" in text[start:end]:
        return True  # (a text flattened to one line runs the code into the sentence)
    # A file name or a label may stand between: "Here is the page:\n\n**index.html**\n```html"
    label_end = text.find("\n", i)
    if label_end > i and _is_label(text[i:label_end]) and text.startswith(("```", "~~~"), _skip_space(text, label_end)):
        return True
    bi, block_end = _block_of(st, end)
    rest = text[end:block_end]
    if len(rest.strip()) > _PARAGRAPH_REST or "```" in rest:
        return False
    # The rest of the paragraph is the model describing its code, not a person asking about it or
    # saying it is theirs ("I wrote it last winter", "Any idea why it throws?").
    if rest.strip() and ("?" in rest or "\uff1f" in rest or (words and _words_re(words).search(rest.lower()))):
        return False
    if st.blocks[bi].before_code or text.startswith(("```", "~~~"), _skip_space(text, block_end)):
        return True
    after = st.blocks[bi + 1] if bi + 1 < len(st.blocks) else None
    return after is not None and after.before_code and _is_label(after.text, heading=after.tag in HEADING_TAGS)


_PARAGRAPH_REST = 600  # characters of the presenting paragraph after the sentence: a few sentences


def _is_label(line: str, heading: bool = False) -> bool:
    """A file name ("**index.html**", "`main.py`:") or a short label ending in a colon ("Python:"), not
    a sentence or a section's heading."""
    line = line.strip()
    if not 0 < len(line) <= 40 or "\n" in line:
        return False
    if _FILE_NAME.fullmatch(line):
        return True
    label = line.strip("*_ ")  # "**Python:**", "**1. Leibniz formula:**"
    if label.rstrip(":\uff1a").strip().lower() in _ADMONITIONS:
        return False  # "**Note:**" opens the author's remark, not a label of the code
    return not heading and label.endswith((":", "\uff1a")) and len(label.split()) <= 4


_ADMONITIONS = frozenset(("note", "warning", "tip", "important", "caution", "update", "edit", "disclaimer"))


_FILE_NAME = re.compile(r"[*_`]*[\w./-]+\.\w{1,6}[*_`]*:?")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def in_code(text: str, index: int) -> bool:
    """Is text[index] inside a fenced code block (``` or ~~~) of a text that keeps its fences?"""
    return bisect_right(_fence_ends(text), index) % 2 == 1


@lru_cache(maxsize=8)
def _fence_ends(text: str) -> list[int]:
    # Once per text, not per match: a fence counts when it ends before the match.
    return [m.end() for m in _FENCE.finditer(text)]


_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)


def describe(doc: Document, result: DocumentResult) -> None:
    """The report's metadata: title, the first real author and every source checked."""
    meta = doc.metadata
    result.title = meta.title
    result.language = doc.language
    result.language_source = doc.language_source
    result.authors_checked = [AUTHOR_SOURCES.get(s, s) for s in meta.author_sources_checked]
    best = best_author(meta.authors)
    if best is not None:
        result.author = best[1]
        result.author_source = AUTHOR_SOURCES.get(best[0].source, best[0].source)
