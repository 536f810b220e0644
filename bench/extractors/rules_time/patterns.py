"""Regular-expression building blocks that tolerate Arabic spelling variation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from bench.arabic import normalise

MARK_CHARS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")
"""Diacritics, dagger alef and tatweel: taken out of a text before the rules match it
(:func:`bench.extractors.rules_time.tag`), so patterns never mention them."""
MARKS = re.compile("[" + "".join(sorted(MARK_CHARS)) + "]")
_VARIANTS = {
    "ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]",
    "ة": "[ةه]", "ى": "[ىي]", "ي": "[يى]",
}
DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class Lazy:
    """A regular expression compiled when first used: most of the tagger's start-up is
    compiling, and the operators of :mod:`.compose` need few of theirs on most texts."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)

    def match(self, text: str, *span: int) -> re.Match | None:
        return self.regex.match(text, *span)

    def search(self, text: str, *span: int) -> re.Match | None:
        return self.regex.search(text, *span)

    def fullmatch(self, text: str, *span: int) -> re.Match | None:
        return self.regex.fullmatch(text, *span)


def to_ascii_digits(text: str) -> str:
    return text.translate(_DIGITS)


def w(word: str) -> str:
    """A tolerant pattern for one word or phrase (spaces match any run of spaces).

    A leading article ال also matches a bare ل right after a ل, so that the fused
    "للعام" yields "لعام" after the preposition, as the guidelines want.
    """
    parts = []
    for token in word.split():
        chars = [_VARIANTS.get(c, re.escape(c)) for c in token]
        if token.endswith("ه"):  # a folded ة
            chars[-1] = _VARIANTS["ة"]
        pattern = "".join(chars)
        if token.startswith("ال"):
            pattern = "(?:" + _VARIANTS["ا"] + "|(?<=ل))" + pattern[len(_VARIANTS["ا"]):]
        parts.append(pattern)
    return r"\s+".join(parts)


def alt(words: Iterable[str]) -> str:
    """Alternation of tolerant words, longest first (so the longest wins), then in
    alphabetical order: the pattern is the same in every process (a set's order is not)."""
    return "(?:" + "|".join(w(x) for x in sorted(set(words), key=lambda x: (-len(x), x))) + ")"


def fold(text: str) -> str:
    """The spelling-insensitive key of a word or phrase (what :func:`w` tolerates)."""
    return normalise(text)


def table(entries: dict[str, object]) -> dict[str, object]:
    return {fold(k): v for k, v in entries.items()}


def lookup(folded_table: dict[str, object], found: str) -> object:
    """The entry for a matched phrase; a fused "لعام" is looked up as "العام"."""
    key = fold(found)
    if key not in folded_table and key.startswith("ل"):
        key = "ا" + key
    return folded_table[key]
