"""Character offsets of a text as LSP positions: a line and a column counted in UTF-16 code units."""

from __future__ import annotations

import bisect
import re

_BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line ends


class LineIndex:
    """Where each line of a text starts, to turn code-point offsets into LSP (line, UTF-16 column) pairs."""

    def __init__(self, text: str):
        """Index the line starts of text."""
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, UTF-16 column) of a code-point offset, clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, utf16_length(self.text[self.starts[line]:offset])

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of an LSP position; a column past the line's end is its end."""
        if line >= len(self.starts):
            # A position below the last line means the end of the text (as LSP clients send it).
            return len(self.text)
        start = self.starts[max(0, line)]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        units = 0
        for index in range(start, end):
            if units >= column or self.text[index] in "\r\n":
                return index
            units += utf16_length(self.text[index])
        return end


def utf16_length(text: str) -> int:
    """How many UTF-16 code units text takes (characters beyond U+FFFF take two)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
