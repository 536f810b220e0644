"""Arabic orthography shared by the validator, the scorer and the extractors."""

from __future__ import annotations

import re
import unicodedata

PROCLITIC_LETTERS = "وفبكل"
# A conjunction (و or ف) then at most one preposition (ب ك ل): و ف ب ك ل وب فل ...
# The article ال is never a proclitic; in fused لل the span starts at the second ل,
# so the stripped prefix is a plain ل.
PROCLITIC_PREFIX = re.compile(r"[وف]?[بكل]?")


def is_word_char(char: str) -> bool:
    """Letters, combining marks (diacritics) and digits belong to words."""
    return unicodedata.category(char)[0] in "LMN"


def is_proclitic_prefix(prefix: str) -> bool:
    """True when ``prefix`` (the letters between a word's start and a span) is proclitics only."""
    return bool(prefix) and PROCLITIC_PREFIX.fullmatch(prefix) is not None


def word_start(text: str, pos: int) -> int:
    """Start of the word that contains or ends right before ``pos``."""
    while pos > 0 and is_word_char(text[pos - 1]):
        pos -= 1
    return pos
