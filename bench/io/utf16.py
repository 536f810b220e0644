"""Offsets in UTF-16 code units (Java and JavaScript strings) and code points (the model).

INCEpTION/WebAnno TSV and Label Studio count a character outside the Basic Multilingual
Plane (an emoji, U+1D400 MATHEMATICAL BOLD CAPITAL A) as two units, a surrogate pair;
:mod:`bench.model` counts it as one. :class:`Utf16` converts one text's offsets both ways,
exactly: an offset between the two halves of a pair is refused (:class:`ValueError`),
never rounded.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """The offset conversions of one text (built once, each conversion a bisection)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]
        """Code-point positions of the characters written as surrogate pairs."""
        self.units = [cp + k for k, cp in enumerate(self.astral)]
        """Their UTF-16 positions (strictly increasing, as ``astral``)."""
        self.length = len(text) + len(self.astral)
        """The text's length in UTF-16 code units."""

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code-point ``offset``."""
        return offset + bisect_left(self.astral, offset)

    def to_code_point(self, offset: int) -> int:
        """The code-point offset of UTF-16 ``offset``; ValueError inside a surrogate pair."""
        before = bisect_left(self.units, offset)  # pairs starting before the offset
        if before and self.units[before - 1] + 1 == offset:
            raise ValueError(f"UTF-16 offset {offset} falls inside a surrogate pair (the "
                             "middle of a character outside the BMP, such as an emoji)")
        return offset - before


def utf16_length(text: str) -> int:
    """``len`` of ``text`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


def to_utf16(text: str, offset: int) -> int:
    """Code-point ``offset`` of ``text`` in UTF-16 code units."""
    return Utf16(text).to_utf16(offset)


def to_code_point(text: str, offset: int) -> int:
    """UTF-16 ``offset`` of ``text`` in code points (ValueError inside a surrogate pair)."""
    return Utf16(text).to_code_point(offset)
