"""``kind: phrase`` -- word-bounded, case-insensitive phrases, optionally fuzzy.

Spaces, dashes and curly quotes are normalised before matching, so
"MUST-READ" matches ``must read``. A phrase may stand for a family:
``"(You May|You Might) Also Like"`` lists both, and an empty alternative makes
a word optional (``"studies have (long |)shown"``).

``fuzzy`` (0-100) also accepts variants whose rapidfuzz similarity reaches the
threshold: one-letter typos are keys of the automaton like the phrase itself,
and wider variation is compared around the phrase's distinctive words.
``standalone: true`` fires only when the phrase is its whole line or the label
that opens one ("MUST-READ: ..."): a widget heading, not a sentence. A label that goes on with
a link to another site, or a reference-style link ("See also: [the design](https://github.com/...)"),
is the author citing a source, and not reported; one that promotes the site's own page is. A label
that is the whole text of a Markdown link (a "Read more..." linking to the full announcement) is the
author's link too, and so is a label whose line goes on past its links with a sentence of the writer's
("Baca juga: [A] dan [B]. Daftar pengerjaan kami ada di halaman [layanan]."), and a label right after text
cut off with an ellipsis ("...tinawag na…", then "Read More") is an excerpt's link to its own rest, and a
lower-case line after a line that goes on with no end mark ("...e tecnologias", then "relacionadas.") is the
tail of a wrapped sentence.
A fuzzy variant of a standalone label has the label's number of words: "Related Article" is one,
"Don't miss it!" is a sentence, not the "Don't Miss" heading.

All phrase rules of a pack share one Aho-Corasick automaton per scope, so a
document is scanned once whatever the number of rules. Fuzzy phrases add
their distinctive words to the same automaton; only the windows around those
words are compared with rapidfuzz.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

from ...text.automata import Automaton, iter_matches
from ...text.fuzzy import anchors as _anchors
from ...text.fuzzy import near, one_edit_variants
from ...text.normalize import expand_alternatives, normalize
from ..schema import v_bool, v_int_range, v_str_list
from . import Match

# Shorter phrases are one letter away from ordinary words.
TYPO_MIN_LENGTH = 8

PARAMS = {"phrases": v_str_list, "fuzzy": v_int_range(0, 100), "standalone": v_bool}
REQUIRED = ("phrases",)

# Characters that may surround a standalone phrase on its line.
# Full-width punctuation too: "相关阅读：", "【関連記事】".
_LINE_EDGE = " \t\xa0\u3000\u2002\u2003\u2009\u200b-–—•·*#>|:;.,!?…»›«‹()[]0123456789\"'“”：；，。！？｜【】「」『』《》〈〉・"


def prepare(params: dict) -> dict:
    for p in params["phrases"]:
        if not normalize(p):
            raise ValueError(f"phrase {p!r} has no letters or digits to match")
    # "(You May|You Might) Also Like" lists a family of phrases in one line.
    params["_expanded"] = tuple(x for p in params["phrases"] for x in expand_alternatives(p))
    return params


class _Scope:
    __slots__ = ("automaton", "empty")

    def __init__(self):
        self.automaton = Automaton({})
        self.empty = True


def compile(rules) -> dict[str, _Scope]:
    table: dict[str, dict[str, tuple[list, list]]] = {}
    for rule in rules:
        fuzzy = rule.params.get("fuzzy")
        standalone = rule.params.get("standalone", False)
        keys = table.setdefault(rule.scope, {})
        for phrase in rule.params["_expanded"]:
            norm = normalize(phrase)
            keys.setdefault(norm, ([], []))[0].append((rule, norm, standalone))
            if fuzzy:
                # One-letter typos are exact keys (cheap); wider variation
                # ("You Might Also Like") is compared around anchor words.
                words = _anchors(norm)
                if not words:
                    # A phrase of everyday words ("You May Also Like"): its
                    # longest word is the anchor, so that `fuzzy` keeps its
                    # meaning (any variant at that similarity).
                    words = sorted(norm.split(), key=len, reverse=True)[:1]
                if len(norm) >= TYPO_MIN_LENGTH:
                    for variant in one_edit_variants(norm, fuzzy):
                        keys.setdefault(variant, ([], []))[0].append((rule, norm, standalone))
                for word in words:
                    keys.setdefault(word, ([], []))[1].append((rule, norm, fuzzy, standalone))
    out = {}
    for scope, keys in table.items():
        s = _Scope()
        s.automaton = Automaton({key: (key, value[0], value[1]) for key, value in keys.items()})
        s.empty = not len(s.automaton)
        out[scope] = s
    return out


def _bounded(text: str, start: int, end: int, key: str) -> bool:
    if key[0].isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    if key[-1].isalnum() and end < len(text) and text[end].isalnum():
        return False
    return True


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le == -1 else le)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """The phrase is its whole line, or the label at the start of one ("MUST-READ: ...")."""
    ls, le = _line_bounds(text, start, end)
    if text[ls:start].strip(_LINE_EDGE):
        return False
    rest = text[end:le]
    return not rest.strip(_LINE_EDGE) or rest.lstrip(" *_").startswith((":", " |", "|", " »", "»", "：", "｜", "】"))


def _after_cut_text(text: str, start: int) -> bool:
    """Does the label's line follow prose cut off with an ellipsis? "...tinawag na…" then "Read More" is an
    excerpt's link to the rest of itself, on a page of excerpts, not a widget's heading over other posts (a
    link of a few words, "Read more...", is no excerpt; a line of forty characters or more, in any script, is)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(0, line_start - 200):line_start].rstrip()
    return before.endswith(("\u2026", "...", "[\u2026]", "[...]")) and len(before.rsplit("\n", 1)[-1].strip()) >= 40


def _ends_wrapped_sentence(text: str, start: int) -> bool:
    """Is the phrase, in lower case, the last words of a sentence wrapped onto its own line? "...tecnologias" then
    "relacionadas." on the next line is a statute's paragraph, not a widget's heading: the line before goes on
    with no full stop, colon or other end."""
    if not text[start:start + 1].islower():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not line_start or text[line_start:start].strip():
        return False
    # the line before, its last 300 characters at most
    previous_start = text.rfind("\n", max(0, line_start - 300), line_start - 1) + 1
    previous = text[max(previous_start, line_start - 300):line_start - 1].rstrip()
    return bool(previous) and (previous[-1].isalnum() or previous[-1] == ",")


# After a label's links, a sentence of the writer's own: a full stop, then a capitalised word and three more.
_NEXT_SENTENCE = re.compile(r"\.[ \t]+[^\W\d_](?=[^\W\d_]*\W+\w+\W+\w+\W+\w)")


def _goes_on_as_prose(text: str, end: int) -> bool:
    """Does a label's line go on past its links with a sentence of the writer's? "Baca juga: [harga kanopi] dan
    [panduan memilih kanopi]. Daftar pengerjaan kami ada di halaman [layanan]." is written into the article, not
    a widget's heading over titles."""
    _ls, le = _line_bounds(text, end, end)
    next_sentence = _NEXT_SENTENCE.search(text, end, le)
    return next_sentence is not None and text[next_sentence.end() - 1].isupper()


# What may stand between a label and the link it introduces in the source: punctuation, emphasis.
_LABEL_TAIL = re.compile(r"(?:[\s:*_|\u00bb\u2013\u2014-]|</?(?:strong|b|em|i|span)\b[^>]*>)*")
_LINK_AT = re.compile(r"\[[^\]\n]*\]\((https?://[^)\s]+)|\[[^\]\n]*\]\[[^\]\n]*\]|<a\b[^>]*?href=[\"'](https?://[^\"']+)",
                      re.IGNORECASE)


def _cites_elsewhere(doc, st, text: str, end: int) -> bool:
    """Does a label ("See also:") go on with a link to another site, or a reference-style link? That is
    the author citing a source ("See also: [MJIT organization](https://github.com/...)"); a widget's
    label promotes the site's own pages ("SEE ALSO: <a href='https://mashable.com/...'>")."""
    _ls, le = _line_bounds(text, end, end)
    if not text[end:le].strip(_LINE_EDGE):
        return False  # the whole line: a heading
    source = getattr(doc, "source", None)
    if not source:
        return False
    at = st.source_span(end - 1, end)[1]
    line_end = source.find("\n", at)
    rest = source[at:line_end if line_end >= 0 else len(source)]
    link = _LINK_AT.match(rest, _LABEL_TAIL.match(rest).end())
    if link is None:
        return False
    url = link.group(1) or link.group(2)
    if url is None:
        return True  # [text][1]: a reference the page lists
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    site = (doc.site or "").lower().removeprefix("www.")
    return not (site and (host == site or host.endswith("." + site)))


# A Markdown line that is one link and nothing else: "[Read more...](/ja/announce.txt)".
_MD_LINK_LINE = re.compile(r"[ \t>*_+-]*(?:\d{1,3}[.)][ \t]+)?\[([^\]\n]+)\]"
                           r"(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])[ \t*_.:!?\u2026\r]*$")


def _words(text: str) -> int:
    """Words, not arrows or emoji ("Read More →" is the label's two)."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _is_link_text(doc, st, start: int) -> bool:
    """Is a label the whole text of a Markdown link on its own line? The author wrote that link
    ("[Read more...](/announce.txt)" after a post's summary); a widget's label copied into the text
    loses its link, and in HTML a block that is only a link is navigation already."""
    if getattr(doc, "format", None) != "markdown" or not doc.source:
        return False
    at = st.source_span(start, start + 1)[0]
    ls = doc.source.rfind("\n", 0, at) + 1
    le = doc.source.find("\n", at)
    m = _MD_LINK_LINE.match(doc.source, ls, len(doc.source) if le == -1 else le)
    return m is not None and m.start(1) <= at < m.end(1)


def run(doc, compiled: dict[str, _Scope]) -> Iterator[Match]:
    for scope_name, scope in compiled.items():
        if scope.empty:
            continue
        st = doc.scope(scope_name)
        if not st.text:
            continue
        original = st.text
        norm = st.normalized
        text = norm.text
        seen: set[tuple[str, int]] = set()
        fuzzy_hits: dict[tuple[str, str], tuple] = {}
        for end_idx, (key, exact, anchors) in iter_matches(scope.automaton, text):
            start = end_idx - len(key) + 1
            end = end_idx + 1
            if not _bounded(text, start, end, key):
                continue
            o_start, o_end = norm.original(start), norm.original_end(end)
            if st.block_at(o_start) != st.block_at(o_end - 1):
                continue
            for rule, _phrase, standalone in exact:
                if standalone and (not _alone_on_line(original, o_start, o_end)
                                   or _cites_elsewhere(doc, st, original, o_end)
                                   or _goes_on_as_prose(original, o_end)
                                   or _after_cut_text(original, o_start)
                                   or _ends_wrapped_sentence(original, o_start)
                                   or _is_link_text(doc, st, o_start)):
                    continue
                if (rule.id, o_start) in seen:
                    continue
                seen.add((rule.id, o_start))
                yield Match(rule, st, o_start, o_end)
            for rule, phrase, threshold, standalone in anchors:
                fuzzy_hits.setdefault((rule.id, phrase), (rule, phrase, threshold, standalone, []))[4].append(
                    (start, end, o_start))
        for rule, phrase, threshold, standalone, hits in fuzzy_hits.values():
            yield from _fuzzy(doc, st, original, norm, rule, phrase, threshold, standalone, hits, seen)


def _fuzzy(doc, st, original, norm, rule, phrase, threshold, standalone, hits, seen) -> Iterator[Match]:
    text = norm.text
    done: set[int] = set()
    for start, end, o_start in hits:
        if standalone:
            ls, le = _line_bounds(original, o_start, o_start)
            if ls in done or le - ls > 2 * len(phrase) + 16:
                continue
            done.add(ls)
            line = original[ls:le]
            core = line.strip(_LINE_EDGE)
            if not core:
                continue
            from rapidfuzz import fuzz

            # A variant of the label ("Related Article", "You Might Also Like"), not a sentence that
            # holds it with a word more ("Don't miss it!" is no "Don't Miss" heading).
            said = normalize(core)
            if _words(said) != _words(phrase) or fuzz.ratio(phrase, said) < threshold:
                continue
            c_start = ls + line.index(core)
            if (_is_link_text(doc, st, c_start) or _after_cut_text(original, c_start)
                    or any((rule.id, s) in seen for s in range(ls, le + 1))):
                continue
            seen.add((rule.id, c_start))
            yield Match(rule, st, c_start, c_start + len(core))
            continue
        span = near(text, phrase, threshold, start, end)
        if span is None or span[0] in done:
            continue
        s, e = span
        done.add(s)
        o_s, o_e = norm.original(s), norm.original_end(e)
        if st.block_at(o_s) != st.block_at(o_e - 1):
            continue
        if any((rule.id, k) in seen for k in range(o_s, o_e)):  # the span's length, not all matches so far
            continue
        seen.add((rule.id, o_s))
        yield Match(rule, st, o_s, o_e)
