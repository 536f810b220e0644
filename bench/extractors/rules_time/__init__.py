"""``rules-time``: the project's own Arabic temporal tagger and TIMEX3 normaliser.

A grammar in three layers (``DESIGN.md`` beside this file): vocabulary (:mod:`.lexicon`:
months in every Arabic system, Hijri months, numbers, units, dialect words, parts of the
day, holidays), units of meaning (rules from patterns to a TIMEX3 and what operators need of
its meaning, by domain: :mod:`.dates`, :mod:`.clock`, ...; :mod:`.grammar` puts them in
the one order ties are decided by), and operators (:mod:`.compose`: at, offset, range,
part of, approximately) that compose adjacent units. At each word start (or after a
proclitic و ف ب ك ل) the longest matching rule wins; spans never include the proclitic
or a governing preposition.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import numpy as np

from bench.arabic import is_proclitic_prefix, is_word_char, word_starts
from bench.extractors.rules_time.compose import compose
from bench.extractors.rules_time.first import KEY
from bench.extractors.rules_time.grammar import Context, Rule, Timex, rules
from bench.extractors.rules_time.patterns import MARK_CHARS, MARKS
from bench.model import Annotation, Document

VERSION = "0.3.1"


def start_positions(text: str) -> list[int]:
    """Word starts, and positions right after a proclitic prefix of a word."""
    out = []
    n = len(text)
    for i in word_starts(text):
        out.append(i)
        if text[i] not in _PROCLITIC_LETTERS:
            continue
        for k in (1, 2):
            if i + k < n and is_word_char(text[i + k]) and is_proclitic_prefix(text[i:i + k]):
                out.append(i + k)
    return out


_PROCLITIC_LETTERS = frozenset("وفبكل")


def tag(text: str, dct: date | None) -> list[tuple[int, int, Timex, str]]:
    """(start, end, TIMEX3, form) of every temporal expression, left to right.

    The rules match the text with its diacritics and tatweel taken out (:data:`MARKS`),
    so that their patterns need not allow a mark after every letter (five times
    smaller, and compiled five times faster); offsets are mapped back, a span
    keeping the marks of its last letter.
    """
    if not MARKS.search(text):
        return _tag(text, dct)
    attached = [i for m in _ATTACHED.finditer(text) for i in range(*m.span())]
    kept = np.delete(np.arange(len(text)), attached)
    bare = _ATTACHED.sub("", text)
    out = []
    for s, e, timex, form in _tag(bare, dct):
        end = int(kept[e - 1]) + 1
        while end < len(text) and _attached_mark(text, end):
            end += 1
        out.append((int(kept[s]), end, timex, form))
    return out


_ATTACHED = re.compile(rf"(?<=[^\W\d_])[{''.join(sorted(MARK_CHARS))}]+")
"""Marks on a letter: a run right after a letter (a tatweel alone, as a dash, stays)."""


def _attached_mark(text: str, i: int) -> bool:
    """A mark on a letter (a tatweel standing alone, as a dash, is not one)."""
    if text[i] not in MARK_CHARS:
        return False
    while i > 0 and text[i - 1] in MARK_CHARS:
        i -= 1
    return i > 0 and text[i - 1].isalpha()


def _tag(text: str, dct: date | None) -> list[tuple[int, int, Timex, str]]:
    found = []
    end_of_last = 0
    for pos in start_positions(text):
        if pos < end_of_last:
            continue
        candidates = []
        for rank, rule in _rules_for(text[pos:pos + 3].translate(KEY)):
            m = rule.regex.match(text, pos)
            if m and m.end() > pos and (m.end() == len(text) or not is_word_char(text[m.end()])):
                candidates.append((-(m.end() - pos), rank, m, rule))
        for _, _, m, rule in sorted(candidates, key=lambda c: c[:2]):
            ctx = Context(dct, text, m.start()) if dct else _NoDate(text, m.start())
            try:
                timex = rule.normalise(m, ctx)
            except _NeedsDate:  # an undated document: the expression, without a value
                timex, ctx.used = Timex(rule.type, None), True  # type: ignore
            if timex is None:
                continue
            start, end = m.span(rule.group) if rule.group else m.span()
            form = "relative" if ctx.used or (timex.value or "").endswith("_REF") \
                else "absolute"
            if timex.type == "DURATION" and timex.value is not None:
                form = "absolute"
            found.append((start, end, timex, form))
            end_of_last = m.end()
            break
    return compose(text, found) if found else found


@lru_cache(maxsize=1 << 16)
def _rules_for(key: str) -> tuple[tuple[int, Rule], ...]:
    """(rank, rule) of the rules that can start with the (folded) three characters
    ``key`` (:func:`.first.prefixes`), in rank order."""
    ranked, index, everywhere = _ranked()
    ranks = set(everywhere)
    for n in range(1, len(key) + 1):
        ranks.update(index.get(key[:n], ()))
    return tuple(ranked[r] for r in sorted(ranks))


@lru_cache(maxsize=1)
def _ranked() -> tuple[list[tuple[int, Rule]], dict[str, list[int]], list[int]]:
    """The rules in rank order, the ranks of the rules that can begin with each prefix,
    and the ranks of rules to try everywhere."""
    ranked, index, everywhere = [], {}, []
    for rank, rule in enumerate(rules()):
        ranked.append((rank, rule))
        begins = rule.begins
        if begins is None:
            everywhere.append(rank)
            continue
        for p in begins:
            index.setdefault(p, []).append(rank)
    return ranked, index, everywhere


class _NeedsDate(Exception):
    pass


class _NoDate:
    """Stands in for a Context when the document has no date: a rule that needs it
    raises :class:`_NeedsDate` (the expression is kept, relative, without a value)."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start, self.used = text, start, False

    @property
    def dct(self):
        raise _NeedsDate


class RulesTime:
    name = "rules-time"
    version = VERSION
    labels = ("DATE", "TIME", "DURATION", "SET")
    label_map = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DURATION", "SET": "SET"}

    def available(self) -> tuple[bool, str]:
        from bench.extractors.base import missing_module

        return missing_module("hijridate", "rules")

    def prepare(self) -> None:
        _ranked()  # compiles the rules and finds their first characters

    def extract(self, document: Document) -> list[Annotation]:
        dct = date.fromisoformat(document.dct) if document.dct else None
        return [Annotation(f"T{i}", s, e, t.type, document.text[s:e], t.value, t.mod, form,
                           t.calendar)
                for i, (s, e, t, form) in enumerate(tag(document.text, dct), 1)]
