"""Sets: يوميا، كل خميس، كل عامين، مرتين في الأسبوع، كل صباح."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.day_parts import POD_OF
from bench.extractors.rules_time.durations import n_duration_any
from bench.extractors.rules_time.parts import (
    ALL_WEEKDAYS,
    NUMBER_P,
    NUMBER_WORDS,
    UNIT_ANY,
    UNIT_DUAL,
    UNIT_OF,
    UNIT_SING,
    WEEKDAY_OF,
    S,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.values import (
    duration_value,
)

SET_OF = table(lx.SETS)


def n_set(m: re.Match, ctx: Context) -> Timex | None:
    if m.groupdict().get("weekday"):
        return Timex("SET", f"XXXX-WXX-{lookup(WEEKDAY_OF, m.group('weekday'))}")
    if m.groupdict().get("adverb"):
        return Timex("SET", str(lookup(SET_OF, m.group("adverb"))))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    return Timex("SET", duration_value(unit, "1"))


def n_set_every(m: re.Match, ctx: Context) -> Timex | None:
    """كل عامين -> P2Y, كل ثلاثة أشهر -> P3M."""
    d = n_duration_any(Override(m, {"unit_plural": None, "unit_bare": None, "few": None}), ctx)
    return Timex("SET", d.value) if d else None


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    return [
        # مرتين في الأسبوع, ثلاث مرات في الشهر: the period (the count is TIMEX3's freq,
        # which this model does not carry)
        Rule("set_times", "SET",
             rf"(?:{alt(['مرة', 'مرتين', 'مرتان'])}|(?:{DIGIT}+|{NUMBER_WORDS}){s}"
             rf"{alt(['مرات'])}){s}{alt(['في', 'كل'])}{s}(?P<unit>{UNIT_SING}"
             rf"|{alt(['الأسبوع', 'الشهر', 'السنة', 'العام', 'اليوم', 'الساعة'])})",
             lambda m, ctx: Timex("SET", duration_value(
                 str(lookup(UNIT_OF, re.sub("^ال", "", fold(m.group("unit"))))), "1"))),
        Rule("set_part", "SET",
             rf"{w('كل')}{s}(?P<pod>{alt(['صباح', 'مساء', 'ليلة', 'ظهر', 'فجر'])})",
             lambda m, ctx: Timex("SET", f"XXXX-XX-XXT{lookup(POD_OF, m.group('pod'))}")),
        Rule("set_every_n", "SET",
             rf"{w('كل')}{s}(?:{NUMBER_P}{s}(?P<unit>{UNIT_ANY})"
             rf"|(?P<unit_dual>{UNIT_DUAL}))",
             n_set_every),
        Rule("set", "SET",
             rf"(?:{w('كل')}{s}(?:(?:{w('يوم')}{s})?(?P<weekday>{alt(ALL_WEEKDAYS)})"
             rf"|(?P<unit>{UNIT_SING}))|"
             rf"(?P<adverb>{alt(lx.SETS)}))", n_set),
    ]
