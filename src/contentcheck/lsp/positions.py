"""Positions in the client's units.

contentcheck counts columns in characters (code points). LSP counts them in
UTF-16 code units unless client and server agree on UTF-8 or UTF-32: an emoji
is one character, two UTF-16 units and four UTF-8 bytes, so every column
after it differs. Lines are split on '\\n' as contentcheck splits them.
"""

from __future__ import annotations

from bisect import bisect_right

from ..text.lines import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


class Positions:
    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)
        self.starts = self.lines.starts

    def _units(self, chars: str) -> int:
        if self.encoding == UTF32 or chars.isascii():
            return len(chars)
        if self.encoding == UTF16:
            return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)
        return len(chars.encode("utf-8", "surrogatepass"))

    def line_end(self, line: int) -> int:
        return self.lines.content_end(line)

    def at_offset(self, offset: int) -> tuple[int, int]:
        """(line, character) of a text offset, both 0-based, the character in client units."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line, self._units(self.text[self.starts[line]:offset])

    def at_line_col(self, line: int, column: int) -> tuple[int, int]:
        """A finding's 1-based line and character column in client units."""
        index = min(line, len(self.starts)) - 1
        start = self.starts[index]
        return index, self._units(self.text[start:min(start + column - 1, self.line_end(index))])

    def offset(self, line: int, character: int) -> int:
        """The text offset of a client position."""
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if self.encoding == UTF32 or self.text[start:end].isascii():
            return min(start + character, end)
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            units += self._units(self.text[i])
        return end
