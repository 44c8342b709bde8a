"""What stands inside a sentence without being a word of its shape: an aside in brackets, the name
the speaker calls its listener by. The sequence kind skips both between two slots."""

from __future__ import annotations

import re

# "the products used (A, B and C) are", "如果您有特定类型燃料电池（如PEMFC）的问题" (full-width
# brackets in Chinese and Japanese).
_ASIDE = re.compile(r"\([^()\n]{0,200}\)|\uff08[^\uff08\uff09\n]{0,200}\uff09")

# "Claro, Danilo! Aqui estão...", "Sure, Dana! Here's..." read as "Claro! Aqui estão...": one or two
# words, each capitalised as written, closed by "!", "," or ".".
_VOCATIVE = re.compile(r" (\w[\w'\u2019-]{1,20})(?: (\w[\w'\u2019-]{1,20}))?[!,.](?= )")


def without_asides(text: str) -> str:
    """The text with its bracketed asides blanked."""
    return _ASIDE.sub(" ", text)


def vocative_end(original: str | None, after: int) -> int:
    """Where a name of address right after ``original[:after]`` ends, else ``after``. Only after a
    comma ("Sure, Dana!"): a name alone ("Dana! Here's...") is a sentence of its own. ``original`` is
    the text as written, since capitals tell a name from a word."""
    if original is None or original[after - 1:after] != ",":
        return after
    m = _VOCATIVE.match(original, after)
    if m and all(word[0].isupper() for word in m.groups() if word):
        return m.end()
    return after
