"""Line and column numbers for offsets into a document's text.

Lines are separated by ``\\n`` (a ``\\r`` before it stays part of the line), as
SARIF's default ``newlineSequences`` (``\\r\\n``, ``\\n``) describe. Numbers are
1-based. Columns come in two units: Unicode code points (what Python indexes)
and UTF-16 code units (SARIF's default ``columnKind``, which GitHub and
browsers use): a character outside the Basic Multilingual Plane, such as an
emoji, is one code point but two UTF-16 code units.
"""

from __future__ import annotations

import bisect


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units needed for ``text``."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class LineIndex:
    """Maps offsets of one text to (line, column) quickly."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int, *, utf16: bool = True) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset``; UTF-16 columns unless ``utf16`` is false."""
        line = self.line(offset)
        before = self.text[self.starts[line - 1] : offset]
        return line, (utf16_length(before) if utf16 else len(before)) + 1
