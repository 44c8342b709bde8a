"""Does a text hold a character of a given set (the first letters of the Chinese, Arabic, Thai...
words a check looks for)? Asked of every document for several sets, so told cheaply: the high
bytes of the UTF-16 code units of a text are gathered once (three passes in C), and a set none of
whose characters shares a high byte with the text is ruled out without a regular expression. In a
text in Latin script that holds curly quotes and dashes (U+20xx), a set of Cyrillic or CJK letters
(U+04xx, U+4Exx...) is ruled out at once."""

from __future__ import annotations

import re
import unicodedata

# The Han characters (CJK ideographs, their extension A and compatibility forms).
HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# Scripts whose words a check may look for in automata of their own (a text in Latin script is
# scanned faster by an automaton without the others' first letters). Anything else at or above
# U+0250 is "other"; below, "latin" (with the entries in no script: digits, punctuation).
SCRIPTS = (("greek", ((0x0370, 0x03FF),)), ("cyrillic", ((0x0400, 0x052F),)), ("hebrew", ((0x0590, 0x05FF),)),
           ("arabic", ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))), ("indic", ((0x0900, 0x0DFF),)),
           ("thai-lao", ((0x0E00, 0x0EFF),)), ("vietnamese", ((0x1E00, 0x1EFF),)),
           ("hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
           ("cjk", ((0x3000, 0x30FF), *HAN, (0xFF00, 0xFFEF))))
LATIN_END = 0x0250
# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer, kana, bopomofo, CJK):
# a word in one of them is matched inside a run of letters, and each character counts as a word.
NO_SPACE = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x312F), *HAN, (0xFF66, 0xFF9F))


def no_space(ch: str) -> bool:
    """Is ch a letter of a script written without spaces between words?"""
    code = ord(ch)
    return any(a <= code <= b for a, b in NO_SPACE)


_words = None  # the word counter, compiled on first use (its character class costs 20 ms)


def count_words(text: str) -> int:
    """Words in text: runs of letters of spaced scripts, single characters of the others."""
    global _words
    if _words is None:
        no_space_class = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in NO_SPACE)
        _words = re.compile(rf"[^\W{no_space_class}]+|[{no_space_class}]")
    return len(_words.findall(text))


def script_of(word: str) -> tuple[str, str | None]:
    """(the script of a word, its first letter that is not Latin, or None). Marks and symbols belong to no
    script: "great —" is Latin, and an automaton keyed on "—" would be scanned over every page with a dash."""
    for ch in word:
        code = ord(ch)
        if code >= LATIN_END and (ch.isalpha() or unicodedata.category(ch).startswith("M")):
            for name, ranges in SCRIPTS:
                if any(a <= code <= b for a, b in ranges):
                    return name, ch
            return "other", ch
    return "latin", None


def high_bytes(text: str) -> frozenset[int]:
    """The high bytes of the UTF-16 code units of text, but 0 (ASCII and Latin-1)."""
    if text.isascii():
        return frozenset()
    # UTF-16 of a text held two bytes a character is a copy; its odd bytes are the high ones.
    return frozenset(text.encode("utf-16-le", "surrogatepass")[1::2].translate(None, b"\x00"))


class CharProbe:
    """Does a text hold one of ``chars``? (``highs`` is high_bytes(text), when known.)"""

    __slots__ = ("_pattern", "chars", "highs")

    def __init__(self, chars):
        self.chars = frozenset(chars)
        self.highs = frozenset(ch.encode("utf-16-le", "surrogatepass")[1] for ch in self.chars)
        self._pattern = None

    def search(self, text: str, highs: frozenset[int] | None = None) -> bool:
        if not self.chars:
            return False
        if 0 not in self.highs and self.highs.isdisjoint(high_bytes(text) if highs is None else highs):
            return False
        if self._pattern is None:
            self._pattern = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self.chars)) + "]")
        return self._pattern.search(text) is not None
