"""Who is speaking, and is it a claim at all: the shape of quotations, figures and their surroundings.

Journalism attributes over the article, not the sentence: a speaker named in
one paragraph goes on speaking in the quoted paragraphs that follow; "she
said" points back to the last person named; a colon introduces; a link or a
footnote is a source. And much that looks like a claim is not one: the title
of a work, a term in scare quotes, a string from a program, a sign, the
author's own estimate, a price or a market quote, an example the author makes
up. These functions read plain text (a paragraph, the text around a match);
the attribution check kind decides with them.
"""

from __future__ import annotations

import re

OPEN_QUOTES = "\"“‘«„"
# Words that are not capitalised in a title ("The Medium is the Message").
_SMALL = frozenset("""a an the and or but nor of in on at to for by with from as is are was be
vs via into onto over per than that this its his her our their your my""".split())
# What comes right before a quoted noun phrase: "the “doorhanger”", "a so-called “reset”".
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|his|her|its|their|our|your|my|so-called|called|dubbed|named|"
    r"titled|entitled|nicknamed|labell?ed|branded|coined|term|word|words|phrase|slogan|motto|tagline|hashtag|"
    r"theme|headline|caption|banner|sign|signs|reads?|reading|message|button|tab|menu|option|setting|field|"
    r"label|click|clicking|tap|tapping|press|select|choose|type|typing|enter|search for|known as|"
    r"read|marked|stamped)|[#@])\s*$",
    re.IGNORECASE)
# An example or a voice the author makes up: "Like, “You have to ...”", "imagine saying “...”".
_HYPOTHETICAL_BEFORE = re.compile(
    r"(?:\b(?:like|say|saying|such as|for example|for instance|e\.g\.|something like|imagine|imagining|"
    r"suppose|as if|as though|if|or|think|thinking|thought|wonder|wondering|ask yourself|tell yourself|"
    r"you might|you may|you could|you'd|you would|would say|might say|could say|will say|should say|"
    r"pretend|joke|joked|kidding)|[?])[\s,:—–-]*$",
    re.IGNORECASE)
# Program text: operators, calls, paths, markup, options.
_CODE = re.compile(r"[{}<>=;]|\w\(|\)\.|::|->|=>|\b\w+\.\w+\(|^\s*[-$/~.]{1,2}\w|/\w+/|\w_\w|\\\w")
# The author speaking: first person, and guesses and forecasts as such.
_FIRST_PERSON = re.compile(r"(?:^|[^\w'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|we|We|we're|we’re|we've|we’ve|our|Our|"
                           r"my|My|us|me|mine)(?![\w'’])|\b(?:guess|estimate|forecast|my take|prediction)\s*:",
                           )
# Illustrations and conditions: the figure is not reported, it is supposed.
_HYPOTHETICAL = re.compile(r"\b(?:if|suppose|imagine|say you|let's say|for example|for instance|e\.g\.|"
                           r"would|could|might|hypothetical(?:ly)?)\b", re.IGNORECASE)
# A price, a market quote, a score or a deal: the figure is the news, not a finding that needs a source.
_MARKET_OR_PRICE = re.compile(
    r"\b(?:shares?|stocks?|index|indexes|indices|dow|nasdaq|s&p|ftse|dax|nikkei|hang seng|gold|silver|oil|"
    r"crude|brent|bitcoin|yields?|bonds?|treasur(?:y|ies)|futures|currenc(?:y|ies)|traded|trading|rallied|slid|"
    r"slipped|edged|deal|merger|acquisition|acquire[sd]?|bought|valued at|valuation|worth|breakup fee|fee|"
    r"fined?|settlement|salary|bonus|bid|offer|priced)\b"
    r"|\b(?:at|for|from|just|only)\s+[$€£¥]\s?\d"
    r"|[$€£¥]\s?[\d,.]+\s+(?:each|an? (?:ounce|barrel|share|gallon|litre|liter|month|night|ticket|head|piece))",
    re.IGNORECASE)
# Unnamed sources: a claim credited to someone the reader cannot identify, by design.
ANONYMOUS_HINT = "an unnamed source"

_TERMINAL = re.compile(r"[.!?…,;:]['\"”’)]*\s*$")


def words_of(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def is_title_case(inner: str) -> bool:
    """Every significant word capitalised: the title of a work, a motto, a name."""
    words = words_of(inner)
    significant = [w for w in words[1:] if w.lower() not in _SMALL]
    return bool(significant) and all(w[:1].isupper() or w[:1].isdigit() for w in significant) and \
        (words[0][:1].isupper() or words[0][:1].isdigit())


def quote_kind(inner: str, before: str, after: str, min_words: int) -> str | None:
    """Why a quotation is not a statement that needs a speaker, or None when it is one.

    ``before`` is the text of its sentence before the opening mark, ``after``
    the text after the closing mark (a few dozen characters).
    """
    words = words_of(inner)
    if len(words) < min_words:
        return "a term or a scare quote (too short to be a statement)"
    if is_title_case(inner):
        return "a title or a name (title case)"
    if _CODE.search(inner):
        return "program or interface text"
    stripped = before.rstrip()
    if _DETERMINER_BEFORE.search(stripped) and not speech_tag_after(inner, after):
        return "a term, a title or interface text (a noun phrase in the author's sentence)"
    if _HYPOTHETICAL_BEFORE.search(stripped):
        return "an example or an imagined voice"
    if inner[:1].islower() and len(words) <= 20:
        return "a fragment woven into the author's sentence, which names its source"
    if not _TERMINAL.search(inner):
        # "“Title of a piece”. Publisher." (a work, cited); "the “I was here first” card" (a modifier).
        if re.match(r"\s*[.,]\s*(?:$|[A-Z])", after):
            return "the title of a work, cited"
        if re.match(r"\s+[a-z]{3,}\b", after) and not SPEECH_TAG.match(after):
            return "a term, a title or interface text (a noun phrase in the author's sentence)"
    return None


# A speech tag after a quotation: "“...,” Trump simpered", "“...?” Mr. Burton fumed",
# "“...,” remembers Shanna Challenger", "“...,” he advised".
SPEECH_TAG = re.compile(
    r"\s*(?:(?:(?:[A-Z][\w.'’-]*|he|she|they|we|I|it)\s+){1,4}(?:[a-z]+ly\s+)?[a-z]{3,}(?:ed|s)\b"
    r"|(?:a|an|one|the|his|her|their|another)\s+(?:[\w-]+\s+){0,3}[a-z]{3,}ed\b"
    r"|[a-z]{3,}(?:ed|s)\s+(?:[A-Z]|he\b|she\b|they\b))")


def speech_tag_after(inner: str, after: str) -> bool:
    """Is a quotation ending in a comma, a question or an exclamation followed by its speaker?"""
    return inner.rstrip()[-1:] in ",?!" and SPEECH_TAG.match(after) is not None


def names_someone(paragraph: str) -> bool:
    """A short line with no sentence in it that names someone: "Donated by Jane Doe, Oak Grove, Calif."."""
    text = paragraph.strip()
    words = text.split()
    if not words or len(words) > 14 or text.endswith((".", "!", "?")) and not re.search(r"\b[A-Z][a-z]*\.$", text):
        return False
    return re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.?)*\s+[A-Z][a-z]+", text) is not None


# A paragraph in which someone speaks: the speaker of the quoted paragraphs after it.
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|spoke|speaks|speaking|added|adds|explained|explains|wrote|"
                     r"writes|recalled|recalls|asked|asks|replied|insisted|argued|warned|put it|in a statement|"
                     r"in an interview|testified|continued|went on|quotes? from|quoting|in the words of)\b|:\s*$",
                     re.IGNORECASE)
# Paragraphs whose figures come from a named body of data: the next paragraph's go on from it.
_DATA_SOURCE = re.compile(r"\b(?:report|survey|study|data|dataset|figures|statistics|census|poll|records|"
                          r"analysis|filings?|accounts|budget|index|returns)\b", re.IGNORECASE)


def speaks(paragraph: str) -> bool:
    return _SPEECH.search(paragraph) is not None


def gives_data(paragraph: str) -> bool:
    return _DATA_SOURCE.search(paragraph) is not None


def paragraph_opens_quote(text: str) -> bool:
    return text.lstrip()[:1] in OPEN_QUOTES


def unclosed_quote(text: str) -> bool:
    """Does a paragraph leave a quotation open (the next paragraph continues it)?"""
    opens = text.count("“") + text.count("«")
    closes = text.count("”") + text.count("»")
    if opens or closes:
        return opens > closes
    return text.count('"') % 2 == 1


def author_speaks(sentence: str) -> bool:
    """The author's own estimate or analysis: first person, "My guess:"."""
    return _FIRST_PERSON.search(sentence) is not None


# A sentence that says where its figures come from, named or not: "in the Gallup poll",
# "tax returns show", "the tracking poll ... has Trump leading".
_SOURCE_NOUN = re.compile(r"\b(?:polls?|surveys?|census|returns show|filings?|records|audit|study|studies|"
                          r"report|data|dataset|figures|statistics|estimates?|forecasts?|projections?)\b",
                          re.IGNORECASE)


def figure_kind(sentence: str, block_text: str) -> str | None:
    """Why a figure in this sentence needs no source, or None."""
    if _SOURCE_NOUN.search(sentence):
        return "a figure whose sentence says where it comes from"
    if author_speaks(sentence):
        return "the author's own figure"
    if _HYPOTHETICAL.search(sentence):
        return "an example or a condition"
    if _MARKET_OR_PRICE.search(sentence):
        return "a price, a market quote, a deal or a score"
    if not _TERMINAL.search(block_text) and len(block_text) < 160:
        return "a headline"
    return None


# A named body right before a weasel phrase: "the journal Communication Research suggests",
# "Pew Research shows", "Harvard scientists say".
_NAMED_BEFORE = re.compile(r"(?:[A-Z][\w&.’'-]*|[A-Z]{2,})\s+$")


def named_subject_before(before: str) -> bool:
    """Is the word just before a phrase a name (not the first word of the sentence)?"""
    m = _NAMED_BEFORE.search(before)
    if not m:
        return False
    rest = before[:m.start()].rstrip()
    return bool(rest) and not rest.endswith((".", "!", "?", ":", "“", '"'))


# "Experts at the Lakeside Institute say", "studies by Harvard show", "analysts such as Jane Doe"
_NAMED_AFTER = re.compile(r"^\s*(?:(?:at|from|of|with|by|in|such as|including|like|led by)\s+(?:the\s+)?[A-Z]|"
                          r",\s*(?:including|such as|like)\s+[A-Z]|\s*\(\s*[A-Z])")


def named_subject_after(after: str) -> bool:
    return _NAMED_AFTER.match(after) is not None


# Links and notes in the source near a claim: <a href>, [text](url), [1], [^1], ¹
_LINK_IN_SOURCE = re.compile(r"<a\s[^>]*href|\]\((?:https?:|/|#)|\[\^?\d+\]|<sup|[¹²³⁴⁵⁶⁷⁸⁹]|\bhttps?://",
                             re.IGNORECASE)


# The same alternatives one by one, each from a literal string: a document with no link (most
# texts) is searched at memory speed rather than by trying the expression at every character.
_LINK_PARTS = (re.compile(r"<(?:a\s[^>]*href|sup)", re.IGNORECASE), re.compile(r"\]\((?:https?:|/|#)", re.IGNORECASE),
               re.compile(r"\[\^?\d+\]"), re.compile(r"://(?:(?<=\bhttps://)|(?<=\bhttp://))", re.IGNORECASE))
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


def has_link(source: str) -> bool:
    """Is there a link, a footnote reference or a URL anywhere in a document? (Where
    _LINK_IN_SOURCE finds one: one of its alternatives matches somewhere.)"""
    return any(part.search(source) for part in _LINK_PARTS) or any(ch in source for ch in _SUPERSCRIPTS)


def link_near(source: str, start: int, end: int, lo: int = 0, hi: int | None = None, window: int = 120) -> bool:
    """Is there a link, a footnote reference or a URL in the source right around a claim
    (source offsets start..end), within lo..hi (its paragraph's markup)?"""
    hi = len(source) if hi is None else min(hi, len(source))
    return _LINK_IN_SOURCE.search(source, max(lo, start - window, 0), min(hi, end + window)) is not None
