"""Arabic orthography shared by the validator, the scorer and the extractors."""

from __future__ import annotations

import re
import unicodedata

PROCLITIC_LETTERS = "وفبكل"
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]+")  # harakat, dagger alef, tatweel
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# A conjunction (و or ف) then at most one preposition (ب ك ل): و ف ب ك ل وب فل ...
# The article ال is never a proclitic; in fused لل the span starts at the second ل,
# so the stripped prefix is a plain ل.
PROCLITIC_PREFIX = re.compile(r"[وف]?[بكل]?")


def normalise(text: str) -> str:
    """Spelling-insensitive form: no diacritics or tatweel, one alef, ة -> ه, ى -> ي,
    single spaces. Used as the lookup key of every Arabic word list."""
    return " ".join(DIACRITICS.sub("", text).translate(_FOLD).split())


def is_word_char(char: str) -> bool:
    """Letters, combining marks (diacritics) and digits belong to words."""
    return unicodedata.category(char)[0] in "LMN"


class _WordTable(dict):
    """``str.translate`` table: a word character -> "1", anything else -> "0"."""

    def __missing__(self, code: int) -> str:
        self[code] = "1" if is_word_char(chr(code)) else "0"
        return self[code]


_WORD_TABLE = _WordTable()
_WORD_STARTS = re.compile("(?<!1)1")


def word_starts(text: str) -> list[int]:
    """Positions where a word starts (:func:`is_word_char` after a non-word character),
    found in C: each distinct character is classified once."""
    return [m.start() for m in _WORD_STARTS.finditer(text.translate(_WORD_TABLE))]


def is_proclitic_prefix(prefix: str) -> bool:
    """True when ``prefix`` (the letters between a word's start and a span) is proclitics only."""
    return bool(prefix) and PROCLITIC_PREFIX.fullmatch(prefix) is not None


def word_start(text: str, pos: int, limit: int | None = None) -> int:
    """Start of the word that contains or ends right before ``pos``, looking back at most
    ``limit`` characters (a bounded look-back keeps checks linear on texts without spaces)."""
    stop = 0 if limit is None else max(0, pos - limit)
    while pos > stop and is_word_char(text[pos - 1]):
        pos -= 1
    return pos


def word_end(text: str, pos: int) -> int:
    """End of the word that contains or starts at ``pos``."""
    while pos < len(text) and is_word_char(text[pos]):
        pos += 1
    return pos


def _is_mark(char: str) -> bool:
    """Quotes, brackets, other punctuation and spaces that may surround a mention."""
    return unicodedata.category(char)[0] in "PZ" or char in "«»\"'"


def clitic_lenient_same_span(text: str, gold: tuple[int, int], pred: tuple[int, int]) -> bool:
    """Whether a predicted span differs from the gold span only by what the guidelines exclude.

    Allowed: extra leading proclitics in the prediction (و ف ب ك ل and combinations, the
    fused لل case included) starting a word, and quotes, brackets, punctuation or spaces on
    either side. Letters of the gold span are never given away: a prediction that drops
    the ب of "بغداد" is not lenient-equal, and "واشنطن" is never stripped.
    """
    (gs, ge), (ps, pe) = gold, pred
    if ps >= gs:
        left_ok = all(_is_mark(c) for c in text[gs:ps])
    else:
        extra = text[ps:gs]
        i, j = 0, len(extra)
        while i < j and _is_mark(extra[i]):
            i += 1
        while j > i and _is_mark(extra[j - 1]):
            j -= 1
        core = extra[i:j]
        left_ok = not core or (
            is_proclitic_prefix(core) and (ps + i == 0 or not is_word_char(text[ps + i - 1])))
    right = text[ge:pe] if pe >= ge else text[pe:ge]
    return left_ok and all(_is_mark(c) for c in right)
