"""Keys of a block of text for finding it again on other pages: the same words in the same order,
whatever their case, spacing, punctuation, numbers and dates ("Views: 218" and "VIEWS - 1,204"
are one block), and the block's shape, with its names (capitalised words after the first) left out, so a
credit line that only changes its names ("Reporting by Jane Doe") is seen as one template."""

from __future__ import annotations

import re
from hashlib import blake2b

# Words (letters of any script) and runs of digits; everything else separates them.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Dates change from page to page like numbers do: "Updated March 3" and "Updated May 12" are one line.
_DATE_WORDS = frozenset("""january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm""".split())
# A block needs this many letters to be worth counting: "OK", "|" and "12" are not blocks.
MIN_LETTERS = 4


def _digest(text: str, person: bytes) -> int:
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16,
                                  person=person).digest(), "big")


def block_keys(text: str) -> tuple[int, int] | None:
    """(key, shape key) of a block, 128-bit integers; None for a block with too few letters."""
    tokens = _TOKEN.findall(text)
    words: list[str] = []
    shape: list[str] = []
    letters = 0
    for i, token in enumerate(tokens):
        if token[0].isdigit() or (len(token) <= 9 and token.lower() in _DATE_WORDS):
            if words and words[-1] == "0":
                continue  # "1,204" and "218" are both one number
            words.append("0")
            shape.append("0")
            continue
        low = token.lower()
        letters += len(low)
        words.append(low)
        shape.append("N" if i and token[0].isupper() else low)
    if letters < MIN_LETTERS:
        return None
    return _digest(" ".join(words), b"block"), _digest(" ".join(shape), b"shape")
