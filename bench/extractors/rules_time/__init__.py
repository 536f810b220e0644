"""``rules-time``: the project's own Arabic temporal tagger and TIMEX3 normaliser.

Rules (:mod:`.grammar`) over general Arabic temporal vocabulary (:mod:`.lexicon`):
Gregorian months in Levantine, Egyptian/Gulf and Maghrebi names (with glosses such
as "أيار مايو" and "كانون الأول (ديسمبر)"), Hijri dates with هـ (converted with
hijridate), weekdays, relative days, parts of day, clock times, ordinal day words,
Arabic-Indic digits, numeric dates, years, quarters, seasons, decades, modifiers,
relative periods, durations with number words and duals, PRESENT/PAST/FUTURE_REF,
sets and holidays. At each word start (or after a proclitic و ف ب ك ل) the longest
matching rule wins; spans never include the proclitic or a governing preposition.
"""

from __future__ import annotations

from datetime import date

from bench.arabic import is_proclitic_prefix, is_word_char
from bench.extractors.rules_time.grammar import Context, Timex, rules
from bench.model import Annotation, Document

VERSION = "0.1.0"


def start_positions(text: str) -> list[int]:
    """Word starts, and positions right after a proclitic prefix of a word."""
    out = []
    for i in range(len(text)):
        if not is_word_char(text[i]):
            continue
        if i == 0 or not is_word_char(text[i - 1]):
            out.append(i)
            for k in (1, 2):
                if i + k < len(text) and is_word_char(text[i + k]) and \
                        is_proclitic_prefix(text[i:i + k]):
                    out.append(i + k)
    return out


def tag(text: str, dct: date | None) -> list[tuple[int, int, Timex, str]]:
    """(start, end, TIMEX3, form) of every temporal expression, left to right."""
    found = []
    end_of_last = 0
    for pos in start_positions(text):
        if pos < end_of_last:
            continue
        candidates = []
        for rank, rule in enumerate(rules()):
            m = rule.regex.match(text, pos)
            if m and m.end() > pos and (m.end() == len(text) or not is_word_char(text[m.end()])):
                candidates.append((-(m.end() - pos), rank, m, rule))
        for _, _, m, rule in sorted(candidates, key=lambda c: c[:2]):
            ctx = Context(dct) if dct else None
            try:
                timex = rule.normalise(m, ctx) if ctx else rule.normalise(m, _NoDate())
            except _NeedsDate:
                timex = Timex(_type_of(rule.name), None)  # type: ignore[arg-type]
            if timex is None:
                continue
            start, end = m.span(rule.group) if rule.group else m.span()
            form = "relative" if (ctx is None or ctx.used or
                                  (timex.value or "").endswith("_REF")) else "absolute"
            if timex.type == "DURATION" and timex.value is not None:
                form = "absolute"
            found.append((start, end, timex, form))
            end_of_last = m.end()
            break
    return found


class _NeedsDate(Exception):
    pass


class _NoDate:
    """Stands in for a Context when the document has no date."""

    used = True

    @property
    def dct(self):
        raise _NeedsDate


def _type_of(rule_name: str) -> str:
    return {"clock": "TIME", "time_colon": "TIME", "part_of_day": "TIME",
            "tonight": "TIME"}.get(rule_name, "DATE")


class RulesTime:
    name = "rules-time"
    version = VERSION
    labels = ("DATE", "TIME", "DURATION", "SET")
    label_map = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DURATION", "SET": "SET"}

    def available(self) -> tuple[bool, str]:
        from bench.extractors.base import missing_module

        return missing_module("hijridate", "rules")

    def prepare(self) -> None:
        rules()

    def extract(self, document: Document) -> list[Annotation]:
        dct = date.fromisoformat(document.dct) if document.dct else None
        return [Annotation(f"T{i}", s, e, t.type, document.text[s:e], t.value, t.mod, form,
                           t.calendar)
                for i, (s, e, t, form) in enumerate(tag(document.text, dct), 1)]
