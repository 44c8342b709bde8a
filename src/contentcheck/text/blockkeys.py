"""Keys of a block of text for finding it again on other pages: the same words in the same order,
whatever their case, spacing, punctuation, numbers and dates ("Views: 218" and "VIEWS - 1,204"
are one block), and the block's shape, with its names (capitalised words after the first, a run
of them as one) left out, so a credit line that only changes its names ("Reporting by Jane Doe",
"Photo: Ann Ray/Staff") is seen as one template. Regular expressions do the work, so keying costs little next to checking."""

from __future__ import annotations

import re
from hashlib import blake2b

# Words (letters of any script) and runs of digits; everything else separates them.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Dates change from page to page like numbers do: "Updated March 3" and "Updated May 12" are one line.
_DATES = frozenset("""january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm""".split())
_ZEROS = re.compile(r"0(?: 0)+")
# What a number counts changes with it: "1 hour ago" and "3 hours ago" are one line.
_COUNTED = re.compile(r"\b0 ([^\W\d_]+?)s\b")
# A block needs this many letters to be worth counting: "OK", "|" and "12" are not blocks.
MIN_LETTERS = 4
# Credits and bylines are short; longer blocks are keyed as they are (their shape is the block).
SHAPE_LIMIT = 200


def _digest(text: str, person: bytes) -> int:
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16,
                                  person=person).digest(), "big")


def _normal(tokens: list[str]) -> str:
    """Lower-cased words, numbers and dates as 0 (a run of them as one)."""
    low = " ".join(tokens).lower()
    if not _DATES.isdisjoint(low.split(" ")):
        low = " ".join("0" if w in _DATES else w for w in low.split(" "))
    low = _ZEROS.sub("0", _DIGITS.sub("0", low))
    return _COUNTED.sub(r"0 \1", low) if "0 " in low else low


# A number's unit or ordinal is part of it: "1.2k readers" and "980 readers", "3rd" and "21st".
_UNITS = re.compile(r"(?<=\d)(?:st|nd|rd|th|k|m|bn)\b", re.IGNORECASE)
_UNIT_HINT = re.compile(r"\d[a-zA-Z]")
_SEPARATORS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+(?: \d+)*")


def block_keys(text: str) -> tuple[int, int] | None:
    """(key, shape key) of a block, 128-bit integers; None for a block with too few letters."""
    if len(text) > SHAPE_LIMIT:
        # Long blocks (paragraphs, not template lines or credits): the same normalisation but for
        # dates, in two passes of C, and the block is its own shape.
        words = _DIGITS.sub("0", _SEPARATORS.sub(" ", text.lower())).strip()
        key = _digest(words, b"block")
        return key, key
    tokens = _TOKEN.findall(_UNITS.sub("", text) if _UNIT_HINT.search(text) else text)
    if not tokens:
        return None
    words = _normal(tokens)
    if len(words) - words.count(" ") - words.count("0") < MIN_LETTERS:
        return None
    key = _digest(words, b"block")
    if not any(t[0].isupper() for t in tokens[1:]):
        return key, _digest(words, b"shape")  # no names: the shape is the block
    # A run of names is one name: "Photo: Ann Ray/Staff" and "Photo: Jo Park/Pinecrest Post" are
    # one credit, whoever took the picture and for whom.
    shape = [tokens[0]]
    for t in tokens[1:]:
        if not t[0].isupper():
            shape.append(t)
        elif shape[-1] != "N" or len(shape) == 1:
            shape.append("N")
    return key, _digest(_normal(shape), b"shape")
