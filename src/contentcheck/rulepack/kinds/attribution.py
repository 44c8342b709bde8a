"""``kind: attribution`` -- claims that name no source.

``detect`` picks what a rule looks for:

- ``weasel``: phrases that attribute a claim to nobody in particular
  ("experts say", "sources say"), unless a name stands right before or after
  the phrase ("Pew Research shows", "experts at the Lakeside Institute say"),
  or its sentence or paragraph names a source ("according to the Institute",
  a study by a named body, a link). With ``anonymous: true`` the phrases are
  anonymous sourcing ("sources say", "a person familiar with the talks"): a
  "said" next to them names nobody, so only a link counts as a source;
- ``quote``: a quotation with no speaker: none named in its sentence, its
  paragraph or the next sentence, none introducing it with a colon, none
  speaking in the quoted run of paragraphs it continues, and no link on it.
  Quotations that are not statements are left alone: terms and scare quotes,
  titles, program and interface text, quoted noun phrases ("the “reset”
  button"), examples and imagined voices, fragments woven into the author's
  sentence, cited titles, headlines;
- ``statistic``: a precise figure (a percentage, a sum of money, a rate, a
  change over time) with no source in its sentence, its paragraph or the
  paragraph before, and no link near it. Figures that need none are left
  alone: the author's own (first person, "My guess:"), examples and
  conditions, prices, market quotes, deals and scores, headlines.

Attribution cues ("said", "according to", "told reporters", "in a
statement", "figures show"...) are built in; ``cues`` adds more. The model of
who is speaking is in ``text/speakers.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ...document import HEADING_TAGS
from ...text.automata import Automaton, iter_matches
from ...text.figures import figures as find_figures
from ...text.fuzzy import one_edit_variants, plausible_typo
from ...text.normalize import expand_alternatives, normalize
from ...text.sentences import sentence_spans
from ...text.speakers import (
    figure_kind,
    gives_data,
    has_link,
    link_near,
    named_subject_after,
    named_subject_before,
    names_someone,
    paragraph_opens_quote,
    quote_kind,
    speaks,
    speech_tag_after,
    unclosed_quote,
)
from ..schema import v_bool, v_choice, v_int_range, v_optional_str_list, v_regex_list
from . import Match

PARAMS = {"detect": v_choice("weasel", "quote", "statistic"), "phrases": v_optional_str_list,
          "patterns": v_regex_list,
          "cues": v_optional_str_list, "min_quote_words": v_int_range(1, 100), "fuzzy": v_int_range(0, 100),
          "anonymous": v_bool}
REQUIRED = ("detect",)

FUZZY_MIN_LENGTH = 11
CUE_WINDOW = 300  # characters around a claim in which a source is looked for
# Words that tie a statement to whoever made it.
_CUES = (
    r"said|says|say|spoke|speaks|in (?:\w+['’]s|his|her|their|the) (?:own )?words|quotes? from|quoting|told|tells|tell|stated|states|added|adds|asked|asks|explained|explains|"
    r"noted|notes|wrote|writes|recalled|recalls|continued|insisted|insists|replied|replies|"
    r"remarked|declared|declares|quoted|tweeted|posted|commented|comments|warned|warns|"
    r"acknowledged|admitted|argued|argues|claimed|claims|agreed|urged|urges|described|"
    r"declaring|stating|saying|reading|reads|warning|announcing|noting|insisting|promising|"
    r"(?:court|tribunal|inquest|hearing|jury|committee|inquiry) (?:heard|was told)|"
    r"testified|announced|announces|confirmed|confirms|responded|responds|cautioned|"
    r"estimated|estimates|reported|reports|predicted|predicts|believes|thinks|thought|"
    r"according to|in a statement|in an interview|in a (?:press release|news release|post|letter|"
    r"report|filing|briefing|speech)|told reporters|wrote on|posted on|as reported by|"
    r"according to figures|figures (?:from|released|published|show)|data (?:from|released|"
    r"published|show|shows|compiled)|statistics (?:from|released|published|show)|"
    r"(?:survey|poll|study|report|analysis|census|audit|review|filing|filings|records|budget)"
    r" (?:by|from|of|released|published|conducted|show|shows|found)|"
    r"\w+['’]s (?:data|figures|report|survey|analysis|estimates?|records|statistics|numbers|budget)|"
    r"records show|filings show|spokesperson|spokesman|spokeswoman|source:|found that|"
    r"(?:dashboard|data|figures|records|chart|table|survey|study|analysis|statistics|numbers|poll|index|"
    r"accounts|filing|application|document)s? (?:shows?|showed|finds|found|puts|put|lists?|listed|gives?)|"
    r"set out in|published by|released by|lists?\s+(?:\w+\s+){0,3}?at|listed at|priced at|retails? (?:at|for)|"
    r"sells? for|costs? \w+ at|in a (?:planning application|statement|announcement|document|proposal|submission)"
)
# A quote followed by its author: "..." — Jane Doe; "A talk title" by Jane Doe
_BY_AFTER = re.compile(r"[\s*_,.]*(?:[—–-]\s*|by\s+)[A-Z]")
_QUOTE = re.compile(r"“([^“”]{3,1200})”|\"([^\"\n]{3,1200})\"|‘([^‘’]{12,800})’(?![a-z])")
def prepare(params: dict) -> dict:
    cues = _CUES
    extra = params.get("cues", ())
    if extra:
        cues += "|" + "|".join(r"\s+".join(map(re.escape, c.split())) for c in extra)
    params["_cue_re"] = re.compile(r"(?<!\w)(?:" + cues + r")(?!\w)", re.IGNORECASE)
    # The same cues for lower-cased text, without IGNORECASE (several times faster), asked only
    # whether a text holds one: its alternatives grouped by their first letter (see _by_first_letter).
    params["_cue_lower_re"] = re.compile(r"(?<!\w)(?:" + _by_first_letter(cues.lower()) + r")(?!\w)")
    detect = params["detect"]
    if detect == "weasel":
        phrases = params.get("phrases") or ()
        if not phrases and not params.get("patterns"):
            raise ValueError("detect: weasel needs a 'phrases' or 'patterns' list")
        # Shapes rather than fixed words ("many doctors believe"), matched on
        # lower-cased text.
        params["_weasel_patterns"] = [re.compile(x) for x in params.get("patterns", ())]
    return params


def _by_first_letter(alternatives: str) -> str:
    """``said|says|told`` -> ``s(?:aid|ays)|t(?:old)``: the same texts hold a match, but at each
    word the expression tries one branch per first letter rather than every alternative in turn.
    (Where a match starts and ends may differ: for ``search(...) is not None`` only.)"""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(alternatives):
        ch = alternatives[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if alternatives[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternatives[start:i])
            start = i + 1
        i += 1
    parts.append(alternatives[start:])
    groups: dict[str, list[str]] = {}
    others = []
    for part in parts:
        if part[:1].isalpha() and part[:1].isascii() and part[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(part[0], []).append(part[1:])
        else:
            others.append(part)
    return "|".join([f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()] + others)


def _weasel_entries(params: dict) -> dict[str, tuple[list[str], list[str]]]:
    """The rule's phrases, their families and typo variants: key -> (the phrases it is, the
    phrases it is a typo of)."""
    entries: dict[str, tuple[list[str], list[str]]] = {}
    for template, p in ((t, x) for t in params.get("phrases") or () for x in expand_alternatives(t)):
        norm = normalize(p)
        entries.setdefault(norm, ([], []))[0].append(norm)
        # Typos: the phrase with one letter dropped, swapped or doubled is
        # added to the automaton as an exact key, so a near miss costs no
        # more than a hit. Short phrases sit one letter away from ordinary
        # words ("it is said", "it is sad"), so only phrases of
        # FUZZY_MIN_LENGTH characters or more get variants.
        # (Families are left exact: hundreds of phrases times their typos
        # would make the automaton slow to build for little gain.)
        if params.get("fuzzy") and len(norm) >= FUZZY_MIN_LENGTH and "(" not in template:
            for variant in one_edit_variants(norm, params["fuzzy"]):
                entries.setdefault(variant, ([], []))[1].append(norm)
    return entries


class _WeaselScan:
    """The phrases of every weasel rule of the pack in one automaton: a text is scanned once for
    all of them (each rule is told its own hits)."""

    def __init__(self, rules):
        owners: dict[str, list[tuple[int, tuple[str, ...], tuple[str, ...]]]] = {}
        for at, rule in enumerate(rules):
            for key, (exact, near_) in _weasel_entries(rule.params).items():
                owners.setdefault(key, []).append((at, tuple(exact), tuple(near_)))
        self.size = len(rules)
        self.automaton = None
        if owners:
            self.automaton = Automaton({key: (key, tuple(owned)) for key, owned in owners.items()})

    def hits(self, text: str) -> list[list[tuple[int, int]]]:
        """For each rule, the spans of its phrases and their typos standing as words in text."""
        found: list[list[tuple[int, int]]] = [[] for _ in range(self.size)]
        if self.automaton is None:
            return found
        for end_idx, (key, owned) in iter_matches(self.automaton, text):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            for at, phrases, typo_of in owned:
                if phrases or any(plausible_typo(p, key) for p in typo_of):
                    found[at].append((start, end))
        return found


def compile(rules) -> list:
    # Built here, not when the rule is validated: in a parallel run each
    # worker builds it, at the same time as the others.
    weasels = [rule for rule in rules if rule.params["detect"] == "weasel"]
    scan = _WeaselScan(weasels)
    for at, rule in enumerate(weasels):
        rule.params["_weasel"] = (scan, at)
    return list(rules)


class _Sentences:
    """Sentence spans per block of a scope, computed on first use."""

    def __init__(self, st):
        self.st = st
        self.cache: dict[int, list[tuple[int, int]]] = {}
        self.ends: dict[int, list[int]] = {}

    def spans(self, bi: int) -> list[tuple[int, int]]:
        spans = self.cache.get(bi)
        if spans is None:
            spans = self.cache[bi] = sentence_spans(self.st.blocks[bi].text)
        return spans

    def locate(self, offset: int) -> tuple[int, int, int]:
        """(block index, sentence index, block start) of a scope offset."""
        bi = self.st.block_at(offset)
        base = self.st.starts[bi]
        ends = self.ends.get(bi)
        if ends is None:
            ends = self.ends[bi] = [e for _, e in self.spans(bi)]
        return bi, min(bisect_right(ends, offset - base), len(ends) - 1), base

    def text(self, bi: int, si: int) -> str:
        s, e = self.spans(bi)[si]
        return self.st.blocks[bi].text[s:e]

    def next_text(self, bi: int, si: int) -> str:
        spans = self.spans(bi)
        if si + 1 < len(spans):
            return self.text(bi, si + 1)
        if bi + 1 < len(self.st.blocks):
            return self.text(bi + 1, 0)
        return ""


def run(doc, rules) -> Iterator[Match]:
    source: str | None = None
    looked = False
    weasel_hits: dict[tuple, list] = {}  # (scan, scope) -> the weasel rules' hits, scanned for all at once
    for rule in rules:
        st = doc.scope(rule.scope)
        if not st.text:
            continue
        sentences = _Sentences(st)
        detect = rule.params["detect"]
        if not looked:  # a document with no link, note or URL anywhere: none is looked for claim by claim
            looked = True
            source = doc.source if has_link(doc.source) else None
        if detect == "weasel":
            yield from _weasel(rule, st, sentences, source, weasel_hits)
        elif detect == "quote":
            yield from _quotes(rule, st, sentences, source)
        else:
            yield from _statistics(rule, st, sentences, source)


def _has_cue(cue_re, text: str, skip: tuple[int, int] | None = None) -> bool:
    for m in cue_re.finditer(text):
        if skip is None or m.end() <= skip[0] or m.start() >= skip[1]:
            return True
    return False


def _weasel_spans(rule, st, weasel_hits: dict[tuple, list]) -> list[tuple[int, int]]:
    """Normalised-text spans of the weasel phrases, and of their one-typo variants."""
    text = st.normalized.text
    scan, at = rule.params["_weasel"]
    hits = weasel_hits.get((id(scan), rule.scope))
    if hits is None:
        hits = weasel_hits[(id(scan), rule.scope)] = scan.hits(text)
    found = list(hits[at])
    for pattern in rule.params.get("_weasel_patterns", ()):
        for m in pattern.finditer(text):
            if (m.start() == 0 or not text[m.start() - 1].isalnum()) and m.end() > m.start():
                found.append((m.start(), m.end()))
    # Longest match at each place, no overlaps.
    found.sort(key=lambda se: (se[0], -se[1]))
    spans: list[tuple[int, int]] = []
    for s, e in found:
        if not spans or s >= spans[-1][1]:
            spans.append((s, e))
    return spans


_NAMING_CUE = re.compile(r"according to|said|told|report(?:ed)? by", re.IGNORECASE)
# A source named in a paragraph: "according to the Lakeside Institute", "a study by Harvard",
# "published in the Lancet".
_NAMED_SOURCE = re.compile(
    r"according to (?:the |a |an |data from |figures from )?[A-Z\d]|(?:study|studies|report|survey|paper|analysis|"
    r"poll|research|data|review|trial)\s+(?:by|from|at|of|published (?:in|by)|in)\s+(?:the\s+)?[A-Z]|"
    r"\bpublished in\s+(?:the\s+)?[A-Z]|[A-Z][\w/&.-]*\s+(?:survey|poll|study|report|analysis|data|figures|census)\b")


def _in_source(st, bi: int, start: int, end: int, source: str | None) -> bool:
    """A link, a footnote reference or a URL on or right next to scope text start..end of block bi
    (``source`` is None when the document has none anywhere)."""
    if source is None:
        return False
    block = st.blocks[bi]
    base = st.starts[bi]
    try:
        s_src = block.source_offset(start - base)
        e_src = block.source_offset(max(end - base, start - base + 1), end=True)
        # Within the block's own markup: a link in the paragraph before is not this claim's.
        lo = block.source_offset(0) - 40
        hi = block.source_offset(len(block.text), end=True) + 10
    except IndexError:
        return False
    return link_near(source, s_src, e_src, lo, hi)


def _weasel(rule, st, sentences, source: str | None, weasel_hits: dict[tuple, list]) -> Iterator[Match]:
    cue_re = rule.params["_cue_re"]
    norm = st.normalized
    named: dict[int, bool] = {}  # paragraph -> names a source
    for start, end in _weasel_spans(rule, st, weasel_hits):
        o_start, o_end = norm.original(start), norm.original_end(end)
        if st.block_at(o_start) != st.block_at(o_end - 1):
            continue
        bi, si, base = sentences.locate(o_start)
        s, _ = sentences.spans(bi)[si]
        sentence = sentences.text(bi, si)
        local = (o_start - base - s, o_end - base - s)
        if len(sentence) > 2 * CUE_WINDOW:  # a run-on "sentence": look near the phrase only
            cut = max(0, local[0] - CUE_WINDOW)
            sentence = sentence[cut:local[1] + CUE_WINDOW]
            local = (local[0] - cut, local[1] - cut)
        if rule.params.get("anonymous"):
            if _in_source(st, bi, o_start, o_end, source):
                continue
            words = " ".join(st.text[o_start:o_end].split())
            yield Match(rule, st, o_start, o_end,
                        detail=f"{rule.message}: \u201c{words}\u201d does not say who the source is; name it, "
                               "or say why it cannot be named")
            continue
        # "Experts say ..., according to a report by the Institute" names one.
        if _has_cue(cue_re, sentence, local) and _NAMING_CUE.search(sentence):
            continue
        # "Pew Research shows", "the journal Communication Research suggests": a name, not a weasel.
        lead = sentence[max(0, local[0] - 60):local[0]]
        if named_subject_before(lead if local[0] <= 60 else "\u2026 " + lead) \
                or named_subject_after(sentence[local[1]:local[1] + 80]):
            continue
        if bi not in named:  # once per paragraph: a run of hits must not rescan it
            named[bi] = _NAMED_SOURCE.search(st.blocks[bi].text) is not None
        if named[bi] or _in_source(st, bi, o_start, o_end, source):
            continue
        words = " ".join(st.text[o_start:o_end].split())
        yield Match(rule, st, o_start, o_end,
                    detail=f"{rule.message}: \u201c{words}\u201d names no one, and no person, organisation, "
                           "study or link is named in its sentence or paragraph; say who")


def _quotes(rule, st, sentences, source: str | None) -> Iterator[Match]:
    """Quotations with no speaker, over the article (see the module's docstring)."""
    cue_re = rule.params["_cue_re"]
    min_words = rule.params.get("min_quote_words", 5)
    text = st.text
    spoken: dict[int, bool] = {}  # paragraph -> a quotation in it has a speech tag
    before: dict[int, bool] = {}  # paragraph -> a paragraph before names its speaker
    last_end, last_ok = -1, False  # the quotation before, for a series ("“...” “...”")
    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.split()) < min_words:
            continue  # a scare quote or a title, not a statement
        bi, si, base = sentences.locate(m.start())
        if last_end >= 0 and not text[last_end:m.start()].strip(" ,;") and last_ok:
            last_end = m.end()
            continue  # one of a series of quotations: as the first goes, so go the others
        last_end, last_ok = m.end(), True
        bi_end, si_end, _ = sentences.locate(max(m.end() - 1, m.start()))
        if bi_end != bi:
            continue  # quote marks that do not pair within one block
        if st.blocks[bi].tag in HEADING_TAGS:
            continue  # a headline quotes what the article attributes
        block = st.blocks[bi].text
        q_start, q_end = m.start() - base, m.end() - base
        if not block[:q_start].strip() and not block[q_end:].strip(" .\u2026") and inner.rstrip().endswith("?"):
            continue  # a question standing alone: a headline or a pull quote
        if block[:q_start].rstrip().endswith(":"):
            continue  # "The publisher has printed: “...”" names its source before the colon
        # The paragraph around the quote, without the quote itself (near it
        # only, in a paragraph of unusual length).
        if _has_cue(cue_re, block[max(0, q_start - 4 * CUE_WINDOW):q_start] + " "
                    + block[q_end:q_end + 4 * CUE_WINDOW]):
            continue
        if _BY_AFTER.match(block[q_end:q_end + 40]):
            continue  # "..." — Jane Doe; "Title of a talk" by Jane Doe
        if _has_cue(cue_re, sentences.next_text(bi, si_end)[:4 * CUE_WINDOW]):
            continue
        if bi > 0:
            # "The mayor put it bluntly:" introduces the quote that follows.
            prev = sentences.text(bi - 1, len(sentences.spans(bi - 1)) - 1).rstrip()
            if prev.endswith(":"):
                continue
        s_start = sentences.spans(bi)[si][0]
        if quote_kind(inner, block[s_start:q_start], block[q_end:q_end + 40], min_words) is not None:
            continue
        if bi not in spoken:
            spoken[bi] = any(speech_tag_after(next(g for g in q.groups() if g is not None), block[q.end():q.end() + 60])
                             for q in _QUOTE.finditer(block))
        if bi not in before:
            before[bi] = _speaker_before(st, bi, block, cue_re)
        if spoken[bi] or before[bi] or _in_source(st, bi, m.start(), m.end(), source):
            continue
        last_ok = False
        yield Match(rule, st, m.start(), m.end(),
                    detail=f"{rule.message}: nobody is named as saying it in its sentence, its paragraph, the "
                           "next sentence or the quoted paragraphs before it, and no colon or link introduces "
                           "it; say who said it")


# How many paragraphs back a quoted run is followed to its speaker.
QUOTED_RUN = 6


def _speaker_before(st, bi: int, block: str, cue_re) -> bool:
    """Does a paragraph before name the speaker of this one?

    A paragraph that opens with a quotation, or continues one the paragraph
    before left open, goes on with the speaker named in the run of quoted
    paragraphs before it ("“...,” she said." / "“...”"), or in the
    paragraph that introduces the run.
    """
    continuing = paragraph_opens_quote(block)
    for pj in range(bi - 1, max(-1, bi - 1 - QUOTED_RUN), -1):
        if st.blocks[pj].tag in HEADING_TAGS:
            return False
        prev = st.blocks[pj].text
        if pj == bi - 1 and continuing and names_someone(prev):
            return True  # a line naming the voice: "Donated by Jane Doe, Oak Grove, Calif."
        if not (continuing or unclosed_quote(prev)):
            return False  # this paragraph continues no quotation
        if _has_cue(cue_re, prev) and speaks(prev):
            return True
        continuing = paragraph_opens_quote(prev)
    return False


def _statistics(rule, st, sentences, source: str | None) -> Iterator[Match]:
    figures = sorted(find_figures(st.lower))
    if not figures:
        return
    cue = rule.params["_cue_lower_re"]
    low = st.lower
    attributed: dict[int, bool] = {}  # paragraph -> names a source somewhere
    flagged: set[tuple[int, int]] = set()
    data_before: dict[int, bool] = {}
    for start, end in figures:
        b = st.block_at(start)
        if st.blocks[b].tag in HEADING_TAGS:
            continue  # a headline sums up what the article sources
        if b not in attributed:
            b_start = st.starts[b]
            attributed[b] = cue.search(low, b_start, b_start + len(st.blocks[b].text)) is not None
        if attributed[b]:
            continue
        bi, si, _ = sentences.locate(start)
        if (bi, si) in flagged:
            continue
        flagged.add((bi, si))  # one finding per sentence
        if figure_kind(sentences.text(bi, si), st.blocks[bi].text) is not None:
            continue
        if bi not in data_before:  # the paragraph before names the data the figures go on from
            prev = st.blocks[bi - 1] if bi > 0 else None
            data_before[bi] = prev is not None and prev.tag not in HEADING_TAGS and gives_data(prev.text) \
                and cue.search(prev.text.lower()) is not None
        if data_before[bi]:
            continue
        if _in_source(st, bi, start, end, source):
            continue
        figure = " ".join(st.text[start:end].split())
        yield Match(rule, st, start, end,
                    detail=f"{rule.message}: \u201c{figure}\u201d has no source in its sentence, its paragraph "
                           "or the paragraph before (no agency, study, dataset or link), and it is not the "
                           "author's own, a price or an example; say where it comes from")
