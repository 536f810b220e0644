"""Durations: numbers in words or digits, duals, plurals (X), halves and quarters (نصف
ساعة), and a half (ساعة ونصف = PT90M)."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    DUAL,
    MONTH,
    MONTH_WORD_NUMBERS,
    NUMBER_P,
    PLURAL,
    SINGULAR,
    UNIT_ANY,
    UNIT_DUAL,
    UNIT_OF,
    UNIT_PLURAL,
    UNIT_SING,
    S,
    number,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.values import (
    duration_value,
)

HALF_OF = {"CE": "P50Y", "DE": "P5Y", "Y": "P6M", "M": "P15D", "W": "P3DT12H", "D": "PT12H",
           "H": "PT30M", "MIN": "PT30S"}
QUARTER_OF_UNIT = {"CE": "P25Y", "Y": "P3M", "H": "PT15M", "D": "PT6H"}
# ساعة ونصف: one and a half, as the next smaller unit
AND_A_HALF = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "H": ("MIN", 60),
              "MIN": ("S", 60), "W": ("D", 7)}


def n_duration(m: re.Match, ctx: Context) -> Timex | None:
    unit_word = m.group("unit")
    unit = str(lookup(UNIT_OF, unit_word))
    g = m.groupdict()
    if g.get("fraction"):  # نصف ساعة, ربع ساعة
        table_ = QUARTER_OF_UNIT if fold(g["fraction"]) == fold("ربع") else HALF_OF
        value = table_.get(unit)
        return Timex("DURATION", value, info={"kind": "duration"}) if value else None
    if g.get("and_half"):
        count = 2 if fold(unit_word) in DUAL else 1
        if g.get("num"):
            count = number(g["num"]) or 0
        if unit not in AND_A_HALF or not count:
            return None
        small, per = AND_A_HALF[unit]
        return Timex("DURATION", duration_value(small, str(count * per + per // 2)),
                     info={"kind": "duration"})
    if m.groupdict().get("num"):
        amount = number(m.group("num"))
        # 3 to 10 take a plural noun ("5 أيام"): "رقم 9 عام (1921)" is no duration
        if amount is None or 3 <= amount <= 10 and fold(unit_word) in SINGULAR:
            return None
        value = str(amount)
    elif m.groupdict().get("few") or fold(unit_word) in PLURAL:
        value = "X"
    elif fold(unit_word) in DUAL:
        value = "2"
    else:
        value = "1"
    return Timex("DURATION", duration_value(unit, value),
                 info={"kind": "duration", "unit": unit, "amount": value})


# a plural unit alone is a duration ("استغرقت ساعات"), but not the head of a construct
# ("ساعات الدوام", "أيام الساموراي") nor the elative "أشهر" before a noun ("أشهر نجمات")
BARE_PLURAL_GUARD = (rf"(?:(?!\s+(?:ال|لل)[^\W\d_])(?<!{w('أشهر')})"
                     rf"|(?<={w('أشهر')})(?!\s+(?!{alt(['قليلة', 'عديدة', 'طويلة', 'مضت'])})"
                     r"[^\W\d_]))")


# "شهر" before a month's name or number names that month ("نص شهر خمسة": mid-May)
NOT_A_MONTH = (rf"(?!\s+(?:{MONTH}|{alt(n for v in lx.HIJRI_MONTHS.values() for n in v)}"
               rf"|{DIGIT}|{alt(MONTH_WORD_NUMBERS)}(?!\w)))")

DURATION_TRIGGERS = ["لمدة", "مدة", "طوال", "طيلة", "خلال", "منذ", "نحو", "حوالي"]


def n_duration_any(m: re.Match, ctx: Context) -> Timex | None:
    unit = m.group("unit") or m.group("unit_dual") or m.group("unit_plural") or \
        m.group("unit_bare")
    fake = Override(m, {"unit": unit})
    return n_duration(fake, ctx)  # type: ignore[arg-type]


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    return [
        Rule("duration", "DURATION",
             rf"(?:(?:{NUMBER_P}|(?P<few>{alt(lx.FEW)})){s}(?P<unit>{UNIT_ANY})|"
             rf"(?P<unit_dual>{UNIT_DUAL})|(?P<unit_plural>{UNIT_PLURAL}){BARE_PLURAL_GUARD}|"
             # singulars that are rarely anything but a unit of time
             rf"(?P<unit_bare>{w('أسبوع')}|{w('شهر')}{NOT_A_MONTH}))",
             n_duration_any),
        Rule("duration_after", "DURATION",
             rf"{alt(DURATION_TRIGGERS)}"
             rf"{s}(?P<span>(?P<unit>{UNIT_SING}))(?:(?<!{w('شهر')})|{NOT_A_MONTH})"
             rf"(?!\s*{DIGIT})", n_duration,
             group="span"),
        # "أكثر من قرن": after a comparison, a unit alone is one of it (compose adds the mod)
        Rule("duration_compared", "DURATION",
             rf"{alt(['أكثر', 'أقل', 'أزيد'])}{s}{w('من')}{s}"
             rf"(?P<span>(?P<unit>{UNIT_SING}))", n_duration, group="span"),
        Rule("duration_fraction", "DURATION",
             rf"(?P<fraction>{alt(['نصف', 'نص', 'ربع'])}){s}"
             rf"(?P<unit>{UNIT_SING})(?:(?<!{w('شهر')})|{NOT_A_MONTH})",
             n_duration),
        Rule("duration_and_half", "DURATION",
             rf"(?:{NUMBER_P}{s})?(?P<unit>{UNIT_ANY}){s}"
             rf"(?P<and_half>{alt(['ونصف', 'ونص'])})", n_duration),
    ]
