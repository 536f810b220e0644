"""Periods next to the document date: this/next/last week, month, year, decade, century;
the last n units; ranges (الأيام العشرة المقبلة); offsets (قبل ثلاثة أيام); the weekend."""

from __future__ import annotations

import re
from datetime import timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.durations import n_duration
from bench.extractors.rules_time.parts import (
    CUR,
    DUAL,
    MOD_P,
    NUMBER_P,
    NUMBER_WORDS,
    REL,
    UNIT_ANY,
    UNIT_OF,
    S,
    direction,
    modded,
    number,
    unnamed,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
    period_value,
)

PERIODS = {"العام": "Y", "السنة": "Y", "الشهر": "M", "الأسبوع": "W", "العقد": "DE",
           "القرن": "CE"}
PERIOD_OF = table(PERIODS)
PERIOD_P = rf"(?P<period>{alt(PERIODS)})"


def n_period(m: re.Match, ctx: Context) -> Timex:
    unit = str(lookup(PERIOD_OF, m.group("period")))
    offset = direction(m.groupdict().get("rel"))
    return modded(m, Timex("DATE", period_value(unit, ctx.dct, offset),
                           info={"kind": "period", "unit": unit}))


def n_last_n(m: re.Match, ctx: Context) -> Timex | None:
    amount = number(m.group("num"))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    if not amount or unit in ("H", "MIN", "S"):
        return None
    if unit == "D":
        return Timex("DATE", iso(ctx.dct - timedelta(days=amount)), info={"kind": "range"})
    return Timex("DATE", period_value(unit, ctx.dct, -amount), info={"kind": "range"})


def n_weekend(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", period_value("W", ctx.dct, direction(m.groupdict().get("rel"))) + "-WE")


def n_ago(m: re.Match, ctx: Context) -> Timex | None:
    """قبل ثلاثة أيام / بعد أسبوعين: a date at the unit's granularity; قبل أيام (no number):
    PAST_REF. Compose keeps the duration alone when "من" and an event follow ("قبل 11
    أسبوعا من موعد ولادته": counted from the event, not the DCT)."""
    d = n_duration(m, ctx)
    sign = -1 if fold(m.group("dir")) == fold("قبل") else 1
    if d is None or "X" in d.value and sign > 0:
        return None
    unit = str(lookup(UNIT_OF, m.group("unit")))
    info = {"kind": "ago", "sign": sign, "amount": None, "unit": unit, "duration": d.value,
            "after": m.start("num") if m.group("num") else m.start("unit")}
    if "X" in d.value:
        return Timex("DATE", "PAST_REF", info=info)
    amount = info["amount"] = int(re.sub(r"\D", "", d.value))
    ref = ctx.dct
    if unit == "D":
        return Timex("DATE", iso(ref + timedelta(days=sign * amount)), info=info)
    if unit in ("W", "M", "Y", "DE", "CE"):
        return Timex("DATE", period_value(unit, ref, sign * amount), info=info)
    return None


def n_refs_plural(m: re.Match, ctx: Context) -> Timex | None:
    """الأيام العشرة المقبلة, الشهرين الماضيين: a range next to the DCT, whose value is
    its first unit (the convention for ranges: their start, at their grain); with no
    number (الأسابيع المقبلة) a reference, FUTURE_REF or PAST_REF."""
    rel = direction(m.group("rel"))
    unit_word = fold(m.group("unit"))[2:]  # without the article
    if not (m.groupdict().get("num") or fold(unit_word) in DUAL):
        return Timex("DATE", "PAST_REF" if rel < 0 else "FUTURE_REF")
    amount = number(m.group("num")) if m.groupdict().get("num") else 2
    unit = str(lookup(UNIT_OF, unit_word))
    if amount is None or unit in ("H", "MIN", "S"):
        return None
    first = 1 if rel > 0 else -amount
    if unit == "D":
        return Timex("DATE", iso(ctx.dct + timedelta(days=first)), info={"kind": "range"})
    return Timex("DATE", period_value(unit, ctx.dct, first), info={"kind": "range"})


DEFINITE_UNITS = ["ال" + f for v in lx.UNITS_OF_TIME.values() for f in v[1] + v[2]]


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    return [
        Rule("weekend", "DATE",
             rf"(?:{w('عطلة')}{s})?{w('نهاية الأسبوع')}(?:{s}(?P<rel>{REL}|{CUR}))?",
             n_weekend),
        Rule("period", "DATE",
             rf"{MOD_P}{PERIOD_P}{s}(?P<rel>{REL}|{CUR})", n_period),
        # الربع القادم: a quarter only with a direction ("الربع" alone is a fraction)
        Rule("quarter_rel", "DATE",
             rf"(?P<period>{w('الربع')}){s}(?P<rel>{REL}|{CUR})",
             lambda m, ctx: Timex("DATE", period_value("Q", ctx.dct, direction(m.group("rel"))))),
        # آخر ثلاثة أيام: the range before the DCT, valued by its first unit
        Rule("last_n", "DATE",
             rf"{alt(['آخر', 'اخر'])}{s}(?P<num>{DIGIT}+|{NUMBER_WORDS})"
             rf"{s}(?P<unit>{UNIT_ANY})", n_last_n),
        Rule("period_mod", "DATE",
             # colloquial "آخر الشهر"; before a direction the period rule reads the period
             # and compose the modifier ("أول الأسبوع الجاي")
             rf"(?:(?P<mod>{alt(lx.MODIFIERS)})|(?P<cmod>{alt(lx.COLLOQUIAL_MODIFIERS)})"
             rf"(?={s}{unnamed(PERIOD_P)}(?!{s}(?:{REL}|{CUR})))){s}{PERIOD_P}",
             lambda m, ctx: n_period(Override(m, {"mod": m.group("mod") or m.group("cmod")}),
                                     ctx)),
        Rule("this_period", "DATE",
             rf"{MOD_P}{alt(['هذا', 'هذه'])}{s}{PERIOD_P}", n_period),
        Rule("this_period_ha", "DATE",
             rf"ه(?={unnamed(PERIOD_P)}){PERIOD_P}", n_period),  # هالأسبوع
        Rule("ago", "DATE",
             rf"(?P<dir>{alt(['قبل', 'بعد'])}){s}(?:{NUMBER_P}{s})?(?P<unit>{UNIT_ANY})",
             n_ago),
        Rule("refs_plural", "DATE",
             rf"(?P<unit>{alt(DEFINITE_UNITS)})"
             rf"(?:{s}{alt(['القليلة', 'المعدودة', 'الأخيرة'])}(?={s}(?:{REL})))?"
             rf"(?:{s}(?:الـ\s*|ال)?{NUMBER_P})?{s}(?P<rel>{REL})", n_refs_plural),
    ]
