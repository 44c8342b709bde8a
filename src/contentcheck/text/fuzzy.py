"""Fuzzy phrase matching on candidate windows.

An exact prefilter (a distinctive word of the phrase, found by the pack's
automaton) says where to look; rapidfuzz then compares the phrase with the
words around that spot. Never all phrases against all sentences.
"""

from __future__ import annotations

STOPWORDS = frozenset("""a an and are as at be been but by for from had has have he her his i if in
into is it its may might me my no not of on or our she so than that the their them then there
these they this to too up us was we were what when which who will with would you your also like
more here""".split())


# Words so frequent in articles that anchoring a fuzzy comparison on them
# costs more than it finds.
COMMON = frozenset("""news more read like also latest next content found results result first
reply share shared views view loading page said says say people many some other only after over
most well back just time year years week make made post posts comment comments article articles
story stories about last using used free sure search should find website site published author
miss reading here help could would there their about know want good great best over under
again every still even much such through where while before being other those these very
information provided given based need needs work works world life home today city
state government public include including according report reported team place""".split())


def anchors(phrase: str, min_len: int = 4) -> list[str]:
    """Words of a normalised phrase distinctive enough to look for exactly.

    A one-letter typo spoils one word, so each word that is long enough and
    not a stop word is an anchor of its own.
    """
    words = [w.strip(".,:;!?'\"()[]{}") for w in phrase.split()]
    good = [w for w in words if len(w) >= min_len and w not in STOPWORDS and w not in COMMON and w.isalpha()]
    if not good:
        # Only everyday words: they would send rapidfuzz to nearly every
        # sentence. One-letter typos are still caught as exact variants.
        return []
    return good


def _word_edges(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    return s, e


def near(text: str, phrase: str, threshold: float, start: int, end: int) -> tuple[int, int] | None:
    """Span of whole words around text[start:end] similar to ``phrase``, or None."""
    from rapidfuzz import fuzz  # imported on first use, in the worker processes

    w_start = max(0, start - len(phrase))
    w_end = min(len(text), end + len(phrase))
    al = fuzz.partial_ratio_alignment(phrase, text[w_start:w_end], score_cutoff=threshold)
    if al is None:
        return None
    s, e = _word_edges(text, w_start + al.dest_start, w_start + al.dest_end)
    if s >= e or fuzz.ratio(phrase, text[s:e]) < threshold:
        return None
    return s, e


def plausible_typo(phrase: str, candidate: str) -> bool:
    """Is ``candidate`` the phrase with a typo, not other words that look alike?

    Rejects candidates with punctuation the phrase lacks ("an analyst, said")
    and candidates where a word that differs is a common word of its own
    ("may believe" is not a misspelt "many believe").
    """
    if any(not (c.isalnum() or c.isspace() or c in "'") for c in candidate if c not in phrase):
        return False
    p_words, c_words = phrase.split(), candidate.split()
    if len(p_words) == len(c_words):
        for p, c in zip(p_words, c_words, strict=True):
            if p != c and c in STOPWORDS:
                return False
    return True


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit_variants(phrase: str, threshold: float = 0, every_letter: bool = False) -> set[str]:
    """The phrase with one common typo: a letter dropped, two neighbours swapped,
    or a letter doubled; with ``every_letter``, also any letter replaced or
    added. Exact matching of these is as cheap as of the phrase itself.

    Only kinds of edit whose rapidfuzz ratio (an indel similarity: one
    insertion or deletion costs 1, a swap or a replacement 2, out of the two
    lengths) reaches ``threshold`` are made, so no variant needs comparing.
    """
    n = len(phrase)
    two_ops = 100 * (1 - 2 / (2 * n)) >= threshold       # swap, replacement
    dropped = 100 * (1 - 1 / (2 * n - 1)) >= threshold   # deletion
    added = 100 * (1 - 1 / (2 * n + 1)) >= threshold     # insertion, doubling
    out: set[str] = set()
    for i, c in enumerate(phrase):
        if c == " ":
            continue
        if dropped:
            out.add(phrase[:i] + phrase[i + 1:])
        if added:
            out.add(phrase[:i] + c + phrase[i:])
        if two_ops and i + 1 < n and phrase[i + 1] != " " and phrase[i + 1] != c:
            out.add(phrase[:i] + phrase[i + 1] + c + phrase[i + 2:])
        if every_letter:
            for x in _LETTERS:
                if two_ops:
                    out.add(phrase[:i] + x + phrase[i + 1:])
                if added:
                    out.add(phrase[:i] + x + phrase[i:])
    if every_letter and added:
        out.update(phrase + x for x in _LETTERS)
    out.discard(phrase)
    return out
