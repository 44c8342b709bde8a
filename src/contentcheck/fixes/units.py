"""What a removal takes around a leftover: its sentence (within its table cell), trimmed, and whether more
than the leftover would go with it; and where a source offset falls in a block's text."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Block, Document
from ..text.bidi import MARKS
from ..text.scripts import no_space
from ..text.sentences import abbreviation_before, sentence_at, sentence_spans


def text_index(block: Block, src: int, end: bool = False) -> int | None:
    """Index in the block's text of a source offset (just after it when ``end``)."""
    segs = block.segments
    target = src - 1 if end else src
    for i, (t_start, s_start, s_len) in enumerate(segs):
        t_end = segs[i + 1][0] if i + 1 < len(segs) else len(block.text)
        if s_len is None:
            if s_start <= target < s_start + (t_end - t_start):
                idx = t_start + target - s_start
                return idx + 1 if end else idx
        elif s_start <= target < s_start + s_len:
            return t_end if end else t_start
    return None


def table_cell(doc: Document, block: Block, s: int, e: int) -> tuple[int, int]:
    """The text bounds a sentence around source[s:e] may not cross: in a Markdown table, its cell ("| 10:00 |
    I hope this helps! |" has no stop between the time and the leftover, nor between the rows)."""
    if doc.format != "markdown" or block.tag != "tr":
        return 0, len(block.text)
    src = doc.source
    line_start, line_end = src.rfind("\n", 0, s) + 1, src.find("\n", e)
    line_end = len(src) if line_end == -1 else line_end
    cell_start, cell_end = src.rfind("|", line_start, s) + 1, src.find("|", e, line_end)
    lo = text_index(block, max(cell_start, line_start))
    hi = text_index(block, line_end if cell_end == -1 else cell_end)
    return (lo if lo is not None else 0), (hi if hi is not None else len(block.text))


def has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def code_beside(source: str, block: Block, start: int, end: int, line: bool = False) -> bool:
    """Does the block (or with ``line`` the line) hold a code span with words outside source[start:end]? Blanked in
    the block's text, it is still the writer's ("`The mayor spoke.` Let me know if you have any questions." keeps
    the code)."""
    first, last = block.source_offset(0), block.source_offset(len(block.text), end=True)
    if line:
        first, stop = max(first, source.rfind("\n", first, start) + 1), source.find("\n", end, last)
        last = last if stop == -1 else stop
    return any(has_word(m.group()) for m in _CODE_SPAN.finditer(source[first:start] + "\n" + source[end:last]))


def widen_markup(text: str, source: str, a: int, b: int, src_a: int, src_b: int) -> tuple[int, int]:
    """A Markdown span of the block's text a:b (source src_a:src_b) widened over the markup blanked next to it
    ("*", "[", "](url)", a tag with its attributes) or kept as text ("_**Is" keeps "**"), then cut to what
    paired_marks says."""
    inner_start, inner_end = src_a, src_b

    def mark(i: int, j: int) -> bool:
        return text[i] == " " and not source[j].isspace() or text[i] in "*_" and source[j] == text[i]
    while a > 0 and src_a > 0 and (mark(a - 1, src_a - 1)
                                   or text[a - 1] == " " and _in_tag(source, src_a - 1, inner_start)):
        a, src_a = a - 1, src_a - 1
    while b < len(text) and src_b < len(source) and (mark(b, src_b)
                                                     or text[b] == " " and _in_tag(source, inner_end, src_b, after=True)):
        b, src_b = b + 1, src_b + 1
    return paired_marks(source, src_a, inner_start, inner_end, src_b)


def _in_tag(source: str, j: int, end: int, after: bool = False) -> bool:
    """Does source[j] stand inside a tag that closes before ``end`` ("<span| class="note">"), or with ``after``
    one that opened after ``j`` (its first argument then the start: "</b><img| src=...>")?"""
    if after:
        return source.count("<", j, end) > source.count(">", j, end)
    return source.count(">", j, end) > source.count("<", j, end)


# A colon with words after it in the same sentence: "Voici un article sur le pont : le pont a ouvert lundi."
# The leftover ends at the colon; what follows may be the article itself.
_COLON_GOES_ON = re.compile(r"[:\uff1a][^\S\n]*\w")
# Thai, Lao, Khmer and Burmese end a sentence with a space, not a mark: a "sentence" without a mark may be a
# whole paragraph, the leftover and the words after it ("...โปรดแจ้งให้ฉันทราบ นายกเทศมนตรีเข้าร่วมพิธี").
_SPACE_ENDS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff][^\S\n]+[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def unsure_sentence(sentence: str) -> bool:
    """Might removing this whole sentence take more than the leftover? Then the fix is unsafe."""
    return bool(_COLON_GOES_ON.search(sentence.rstrip())) or bool(_SPACE_ENDS.search(sentence))


# A stop and what closes it ("helps!", "else.)", "了。」"), at the end of a piece of text.
_CLOSERS = "'\"”’)]»」』）"  # a closing quote after a stop and a space still closes its sentence ("? '' .")
_STOPS = ".!?…\u061f\u3002\uff01\uff1f"
_STOP_AT_END = re.compile(f"([{_STOPS}])[{re.escape(_CLOSERS)}{MARKS}]*$")
# For the splitter only, so that a removal ends where a reader's sentence ends; replaced one for one, so
# offsets stay. A list item's mark at a line start is a space, and the line before it ends as with a stop
# ("- Trains run hourly" over "- I hope this helps!"); a footnote mark closes its sentence as a bracket
# does ("else.[^1] The mayor"); a Markdown hard break (a backslash before a newline) ends its line as a
# stop; emphasis and code marks open and close as quotes do ("spoke. **I hope this helps!** Let").
_LIST_MARK = re.compile(r"(?m)^([ \t]*)([-*+•]|\d{1,3}[.)]|[a-z][.)])(?=[ \t])")
_BEFORE_ITEM = re.compile(r"[^\s.!?…。！？](?=[ \t]*\n[ \t]*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])[ \t])")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]{1,40}\]")
_EMPHASIS = re.compile(r"[*_`]+")
# Emphasis marks, one kind per run ("**_" opens twice), an underscore only at a word's edge ("my_var" is a name),
# none between spaces ("5 * 2", a "* " bullet); a code span's marks are its text.
_EMPHASIS_RUN = re.compile(r"(?<!\*)(?:(?<=\S)\*+|\*+(?=[^\s*]))(?!\*)"
                           r"|(?<!_)(?:(?<![^\W_])_+(?=[^\s_])|(?<=\S)_+(?![^\W_]))(?!_)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# An inline element's tag, as a text file holds it; a line break's; an opening tag right before a cut
_INLINE_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?>")
_BREAK_TAG = re.compile(r"<(?:br|hr|wbr)\b[^<>\n]*>", re.I)
_TAG_BEFORE = re.compile(r"<[A-Za-z][\w-]*(?:\s[^<>\n]*)?>$")
_OPEN_TAG = re.compile(r"<([A-Za-z][\w-]*)\b[^<>]*(?<!/)>")
_CLOSE_TAG = re.compile(r"</[A-Za-z][\w-]*\s*>")
_VOID = frozenset(("br", "img", "hr", "wbr", "input", "source", "meta", "link", "area", "col", "embed", "track"))


def _cased(test) -> str:
    """The letters of the scripts with case (Latin, Greek, Cyrillic, Armenian) that pass ``test``."""
    return "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if test(chr(c)))


_LOWER, _UPPER = _cased(str.islower), _cased(str.isupper)
# A stop glued to the next sentence ("any questions.The bridge opened", "with?Über den Fluss", "вопросы.Поезда"):
# a reader sees two sentences, the splitter one (it needs a space). Only a lower-case word of two letters or
# more before the stop and a capitalised word after it, each a whole word: "ASP.NET", "e.g.The", "Mrs.Smith",
# "Yahoo!Mail", "pd.DataFrame", "www.Example.com" and "system.io.File" are not two sentences.
_GLUED_STOP = re.compile(rf"(?:(?<=\s)|^)[{_LOWER}]{{2,}}[.!?]['\"”’)\]*_~]*(?=[{_UPPER}][{_LOWER}]*(?:[\s,;:!?]|\.(?!\w)|$))")


def _as_quote(m: re.Match) -> str:
    run, text = m.group(), m.string
    opens = m.end() < len(text) and not text[m.end()].isspace() and (m.start() == 0 or text[m.start() - 1].isspace())
    return " " * (len(run) - 1) + "'" if opens else "'" + " " * (len(run) - 1)


@lru_cache(maxsize=4)  # a block with many leftovers is split once per pass, not once per leftover
def _split(text: str) -> tuple[str, list[tuple[int, int]]]:
    seen = _BEFORE_ITEM.sub(".", text)  # the line before an item ends as if with a stop
    seen = _LIST_MARK.sub(lambda m: m.group(1) + " " * len(m.group(2)), seen)
    seen = _FOOTNOTE_MARK.sub(lambda m: "]" * len(m.group()), seen)
    seen = _EMPHASIS.sub(_as_quote, seen.replace("\\\n", ".\n"))
    # In a text file a tag is text: a line break a space, an element's tag a quote ("spoke. <b>I hope this helps!</b> Trains")
    seen = _INLINE_TAG.sub(_as_quote, _BREAK_TAG.sub(lambda m: " " * len(m.group()), seen))
    spans = []
    for a, b in sentence_spans(seen):
        for m in _GLUED_STOP.finditer(seen, a, b):
            if a < m.end() < b:
                spans.append((a, m.end()))
                a = m.end()
        spans.append((a, b))
    return seen, spans


def ends_with_stop(piece: str, abbreviations: bool = True) -> bool:
    m = _STOP_AT_END.search(piece)
    return m is not None and not (abbreviations and m.group(1) == "." and abbreviation_before(piece, m.start(1)))


def _own_stops(text: str, a: int, b: int, ts: int, te: int) -> tuple[int, int]:
    """The leftover's sentence within the splitter's. A leftover that follows a stop starts there: "I hope
    this helps! let me know if you need anything else." (a lower-case word may go on a sentence), "at 5 p.m.
    I hope this helps!" (a leftover that opens with a capital opens a sentence, after an abbreviation too).
    One that ends with its own stop ends there unless a lower-case word or a closing quote follows ("helps! 【4:0†source】 The
    mayor", "helps! – The mayor"; but "helps! good luck with your project." is one sign-off)."""
    k = ts  # its own opening marks go with it ("euros. ~~I hope this helps!~~")
    while k > a and text[k - 1] in "*_~'":
        k -= 1
    if k > a and text[k - 1].isspace() and ends_with_stop(text[a:k].rstrip(), not text[ts].isupper()):
        a = k
    # Glued to the writer's stop, after any word ("on Monday.Is there anything else..."): the rule found a
    # leftover opening there, so a sentence starts there, whatever the splitter made of "Monday.Is".
    # (after a closing mark, an abbreviation or an Arabic question mark too; a direction mark after the stop
    # stays with its sentence: "...נפתח.\u200fIs there...").
    elif ts > a + 1 and text[ts].isupper() and text[ts - 1] not in " \t\n":
        stop = ts
        while stop > a + 1 and text[stop - 1] in MARKS + _CLOSERS + "*_~":  # "web.*Is", "“yes”.Is", "الجسر؟\u200fIs"
            stop -= 1
        if text[stop - 1] in ".!?\u061f":
            a = ts
    follows = text[te:b].lstrip()[:1]
    if te < b and text[te].isspace() and ends_with_stop(text[ts:te]) and not (follows.islower() or follows in _CLOSERS):
        b = te
    return a, b


# A code span after a stop ("helps! `x = 1` is set."), not a typesetter's `` quote; a stop before spaces.
_CODE_AFTER = re.compile(r"[ \t]*(?:`[^`\s][^`\n]*`|<(?:code|kbd|samp|tt)\b)", re.I)
_STOP_BEFORE_SPACE = re.compile(f"[{_STOPS}][{re.escape(_CLOSERS)}]*(?=[ \\t])")


def stop_before_code(source: str, block: Block, ts: int, te: int, b: int) -> int:
    """Where the leftover's sentence text[ts:b] ends when a code span follows one of its stops at or after the
    finding's end ("helps! `x = 1` is set.", "with? `make` builds it."): the loaders blank the code in the
    block's text, and the lower-case word after it looks like the sentence going on."""
    text = block.text
    for m in _STOP_BEFORE_SPACE.finditer(text, max(ts, te - 1), b):
        if _CODE_AFTER.match(source, block.source_offset(m.end())) and ends_with_stop(text[ts:m.end()]):
            return m.end()
    return b


def unclosed(span: str) -> str:
    """The emphasis a piece of Markdown opens and leaves open ("**I hope this helps!": "**"; "👉 **Q:** *“Ano
    ito?”": "*"), as its closing marks would follow it: those glued after it close it, others open the next word."""
    stack: list[str] = []
    for run in _EMPHASIS_RUN.findall(_CODE_SPAN.sub("", span)):
        while stack and run.startswith(stack[-1]):  # "***" may close a "*" and a "**" at once
            run = run[len(stack.pop()):]
        if run:
            stack.append(run)
    return "".join(reversed(stack))


def _balanced(span: str) -> bool:
    """Does a piece of Markdown close all the markup it opens, and open all it closes (emphasis, strikethrough,
    links, inline elements)?"""
    opened = [m for m in _OPEN_TAG.findall(span) if m.lower() not in _VOID]
    return (not unclosed(span) and span.count("~~") % 2 == 0 and span.count("[") == span.count("]")
            and len(opened) == len(_CLOSE_TAG.findall(span)) and span.count("<") == span.count(">"))


def paired_marks(text: str, start: int, inner_start: int, inner_end: int, end: int) -> tuple[int, int]:
    """What a cut of text[inner_start:inner_end] takes of the markup beside it, text[start:inner_start] and
    text[inner_end:end]: the widest opening and the narrowest close that pair. "**I hope this helps!**",
    "<b>...</b>", "[...](url)" go whole; the writer's close before it stays ("**spoke.**Is there...?"), and an
    opening the writer closes ("**Is there...? The mayor spoke.**"), the next word's marks ("helps!**Trains**",
    "...******Buses", "</b><img ...>") and the close of the writer's emphasis after it."""
    start = text.rfind("`", start, inner_start) + 1 or start  # a code span beside it, blanked, is the writer's
    tick = text.find("`", inner_end, end)
    end = end if tick == -1 else tick
    # where a close may end: after a mark, a tag or a bracket, not inside a run of one mark nor before a link's "("
    ends = [p for p in range(inner_end + 1, end + 1) if text[p - 1] in "*_~>)]"
            and (p == end or text[p] not in "([" and text[p] != text[p - 1])]
    for a in range(start, inner_start + 1):  # "**_As an AI...": the writer's "**" may close before the "_" opens
        if start < a < inner_start and (text[a - 1] == text[a] or text[a] not in "*_~[<"):
            continue  # from the start of a mark, a link or a tag, never inside one ("~|~", "<|/b>")
        marks = unclosed(text[a:inner_end])
        part = inner_end + len(marks) if marks and text.startswith(marks, inner_end) else inner_end
        for b in sorted({inner_end, min(part, end), *ends}):
            if _balanced(text[a:b]):
                return a, b
    return inner_start, inner_end


def glued_word(text: str, start: int, end: int) -> bool:
    """Does a word stand glued after a cut of text[start:end], through its own opening marks ("!**Trains**",
    "![map](m.png)", "?[Trains](url)"), not through the close of the writer's emphasis ("**The mayor spoke.
    <cut>**Trains")? Then the space before the cut stays (not in a script without spaces: "通车。 <cut>！大桥")."""
    line = max(text.rfind("\n", max(0, start - 400), start) + 1, start - 400)  # a bounded look back
    writer = unclosed(text[line:start])
    if writer and text.startswith(writer, end):
        return False
    word = end
    while word < min(len(text), end + 4) and text[word] in "*_[`~!":
        word += 1
    return word < len(text) and text[word].isalnum() and not no_space(text[word])


def opens_text(text: str, start: int, opens: str) -> bool:
    """Does text[start:] stand where text opens: at the start, or after one of ``opens`` and any emphasis marks
    that open ("**<cut> The mayor spoke.**": the space after the cut goes), not after a close ("**spoke.**<cut>")?"""
    lead = text[max(0, start - 8):start]
    k = start - (len(lead) - len(lead.rstrip("*_")))
    return k == 0 or text[k - 1] in opens


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def leftover_sentence(text: str, ts: int, te: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The sentence (or sentences) holding text[ts:te] within text[lo:hi], without the spaces around it."""
    hi = len(text) if hi is None else hi
    if not lo <= ts < te <= hi:
        lo, hi = 0, len(text)
    # A finding runs to the end of the rules' sentence, past a glued stop ("questions.The bridge opened").
    glued = next((m for m in _GLUED_STOP.finditer(text, ts, te) if ts < m.end() < te), None)
    te = glued.end() if glued else te
    seen, spans = _split(text[lo:hi])
    a = spans[sentence_at(spans, ts - lo)][0]
    b = spans[sentence_at(spans, te - 1 - lo)][1]
    a, b = _own_stops(seen, *trim(seen, a, b), ts - lo, te - lo)
    # a quote the splitter read in a mark's or a tag's place is markup, weighed below ("<b>I hope this helps!</b>")
    a += a < b and seen[a] == "'" != text[lo + a]
    b -= b > a and seen[b - 1] == "'" != text[lo + b - 1]
    a, b = a + lo, b + lo
    # The emphasis marks around it go with it as paired_marks says ("**I hope this helps!**" whole).
    while a < b and text[a] in "*_~":
        a += 1
    while b > a and text[b - 1] in "*_~":
        b -= 1
    opening, closing = a, b
    while opening > lo:  # marks and, in a text file, tags ("<b>I hope this helps!</b>")
        tag = _TAG_BEFORE.search(text, max(lo, opening - 200), opening)
        if text[opening - 1] not in "*_~" and tag is None:
            break
        opening = opening - 1 if tag is None else tag.start()
    while closing < hi:
        tag = _CLOSE_TAG.match(text, closing, hi)
        if text[closing] not in "*_~" and tag is None:
            break
        closing = closing + 1 if tag is None else tag.end()
    a, b = paired_marks(text, opening if opening == lo or not text[opening - 1].isalnum() else a, a, b, closing)
    # A list item's mark goes with the item's only sentence, never left alone on its line ("1."); an item
    # with more to say keeps it ("4. As an AI language model, ... Providing code samples...").
    newline = text.rfind("\n", lo, a)
    mark = _LIST_MARK.match(text, lo if newline == -1 else newline + 1)
    line_end = text.find("\n", b, hi)
    if (mark is not None and mark.end() <= a and not text[mark.end():a].strip()
            and not text[b:hi if line_end == -1 else line_end].strip()):
        a = mark.start(2)
    return a, b


def through(src: str, closing: str, s: int, e: int) -> tuple[int, int] | None:
    """The span from a match at src[s:e] on through the next closing mark ("<think>" ... "</think>"),
    across paragraphs, with the lines they fill and one blank line after; the closing mark alone when
    the match is one (it goes with its opening's edit, or by itself); None when nothing closes it."""
    import regex  # a rule file's expression: run with a time budget, as its patterns are

    mark = regex.compile(closing, regex.IGNORECASE | regex.V0)
    try:
        if mark.fullmatch(src, s, e, timeout=1.0):
            a, b = s, e
        else:
            close = mark.search(src, e, timeout=1.0)
            if close is None:
                return None
            a, b = s, close.end()
    except TimeoutError:
        return None
    line_start = src.rfind("\n", 0, a) + 1
    line_end = src.find("\n", b)
    line_end = len(src) if line_end == -1 else line_end
    if not src[line_start:a].strip() and not src[b:line_end].strip():
        a, b = line_start, min(len(src), line_end + 1)  # whole lines: the opening's and the closing's
        blank = src.find("\n", b)
        if blank != -1 and not src[b:blank].strip():
            b = blank + 1  # and the blank line that parted them from what follows
    return a, b
