"""Lines of a text by offset: '\n' ends a line, as everywhere in contentcheck (a '\r' before
it belongs to the line's end, not to its text)."""

from __future__ import annotations

import re
from bisect import bisect_right

_NOT_LINE_BREAK = re.compile(r"[^\n]")


def blanked(text: str) -> str:
    """Spaces for every character but line breaks: lines keep their numbers and columns."""
    return _NOT_LINE_BREAK.sub(" ", text)


class LineIndex:
    """Line starts of a text, lines ended by '\\n' (a '\\r' before it belongs to the line end)."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.starts = starts

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def offset(self, line: int, column: int) -> int:
        """Source offset of a 1-based line and column."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def start(self, line: int) -> int:
        return self.starts[line]

    def content_end(self, line: int) -> int:
        """End of the line's text, before its '\\r\\n' or '\\n'."""
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        if end > self.starts[line] and self.text[end - 1] == "\r" and end < len(self.text):
            end -= 1
        return end

    def next_start(self, line: int) -> int:
        """Start of the following line (the end of the text for the last)."""
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)

    def is_blank(self, line: int) -> bool:
        return 0 <= line < len(self.starts) and not self.text[self.starts[line]:self.content_end(line)].strip()

    @property
    def count(self) -> int:
        return len(self.starts)
