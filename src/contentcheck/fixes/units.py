"""What a removal takes around a leftover: its sentence, trimmed, and whether more than the leftover
would go with it."""

from __future__ import annotations

import re

from ..text.bidi import MARKS
from ..text.sentences import abbreviation_before, sentence_at, sentence_spans


def has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


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
_STOP_AT_END = re.compile(r"([.!?…\u061f\u3002\uff01\uff1f])[\"'”’)\]»」』）" + MARKS + r"]*$")


def _ends_with_stop(piece: str) -> bool:
    m = _STOP_AT_END.search(piece)
    return m is not None and not (m.group(1) == "." and abbreviation_before(piece, m.start(1)))


def _own_stops(text: str, a: int, b: int, ts: int, te: int) -> tuple[int, int]:
    """The leftover's sentence within the splitter's: the splitter keeps "I hope this helps! let me know
    if you need anything else. npm install left-pad" together (a lower-case word may go on a sentence),
    but a leftover that ends with its own stop ends there, and one that follows a stop starts there."""
    if ts > a and text[ts - 1].isspace() and _ends_with_stop(text[a:ts].rstrip()):
        a = ts
    if te < b and text[te].isspace() and _ends_with_stop(text[ts:te]):
        b = te
    return a, b


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def leftover_sentence(text: str, ts: int, te: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[ts:te], without the spaces around it."""
    spans = sentence_spans(text)
    a = spans[sentence_at(spans, ts)][0]
    b = spans[sentence_at(spans, te - 1)][1]
    return _own_stops(text, *trim(text, a, b), ts, te)
