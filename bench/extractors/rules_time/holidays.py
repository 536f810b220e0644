"""Holidays: fixed-date, Easter (computus), Thanksgiving, Islamic feasts (the Hijri
calendar); with a year, a direction or neither; أول أيام عيد الفطر."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    CUR,
    OF,
    REL,
    YEAR_WORD,
    S,
    direction,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Rule, Timex
from bench.extractors.rules_time.tense import sentence_tense
from bench.extractors.rules_time.values import (
    hijri_days,
    hijri_to_gregorian,
    iso,
    occurrence,
    safe_date,
)

HOLIDAY_OF = table(lx.HOLIDAYS)
HHOLIDAY_OF = table(lx.HIJRI_HOLIDAYS)


def n_holiday(m: re.Match, ctx: Context) -> Timex | None:
    """A feast: in the year given; else the next or last one a direction word or the
    sentence's tense asks for; with neither, the next one (from the DCT on)."""
    g = m.groupdict()
    year = int(to_ascii_digits(g["year"])) if g.get("year") else None
    rel = direction(g.get("rel"))
    around = year if year else ctx.dct.year
    name = fold(g["holiday"])
    if name == fold("عيد الفصح"):
        candidates = [easter(y) for y in range(around - 1, around + 2)]
    elif name == fold("عيد الشكر"):  # the fourth Thursday of November
        candidates = [date(y, 11, 1) + timedelta(days=(3 - date(y, 11, 1).weekday()) % 7 + 21)
                      for y in range(around - 1, around + 2)]
    elif name in HOLIDAY_OF:
        month, day = HOLIDAY_OF[name]  # type: ignore[misc]
        candidates = [d for y in range(around - 1, around + 2)
                      if (d := safe_date(y, month, day)) is not None]
    else:
        hmonth, hday = HHOLIDAY_OF[name]  # type: ignore[misc]
        if year is not None and year < 1600:  # عيد الفطر 1443: a Hijri year
            d = hijri_to_gregorian(year, hmonth, hday)
            return Timex("DATE", iso(d), calendar="hijri", info={"kind": "day"}) if d else None
        candidates = hijri_days(hmonth, hday, around)
    if year is None and rel == 0:
        if ctx.dct in candidates:  # the feast is today
            return Timex("DATE", iso(ctx.dct), info={"kind": "day"})
        rel = sentence_tense(ctx.text, ctx.start) or 1
    d = occurrence(candidates, ctx, rel, year)
    if d is not None and g.get("nthday"):
        d += timedelta(days=int(lookup(FEAST_DAY_OF, g["nthday"])))
    return Timex("DATE", iso(d), info={"kind": "day"}) if d else None


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


FEAST_DAYS = {"أول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3, "خامس": 4}  # أول أيام عيد الفطر
FEAST_DAY_OF = table(FEAST_DAYS)
HOLIDAY_NAMES = list(lx.HOLIDAYS) + list(lx.HIJRI_HOLIDAYS) + ["عيد الفصح", "عيد الشكر"]


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of = S, OF
    return [
        Rule("holiday", "DATE",
             rf"(?:(?P<nthday>{alt(FEAST_DAYS)}){s}{w('أيام')}{s})?"
             rf"(?P<holiday>{alt(HOLIDAY_NAMES)})(?:{s}(?:{of}{YEAR_WORD}\s+)?"
             rf"(?P<year>{DIGIT}{{4}})|{s}(?P<rel>{REL}|{CUR}))?", n_holiday),
    ]
