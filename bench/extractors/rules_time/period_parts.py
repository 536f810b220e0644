"""Parts of a month or year: its n-th or last week, first or last days, weeks, months,
third; quarters, halves, seasons."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    CUR,
    FIRST_LAST,
    FIRST_LAST_OF,
    MOD_P,
    MONTH_P,
    OF,
    OF_IN,
    REL,
    YEAR_P,
    YEAR_WORD,
    S,
    direction,
    modded,
    month_of,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
    period_value,
    week,
)
from bench.extractors.rules_time.weekdays import NTH_OF

SEASON_OF = table(lx.SEASONS)


QUARTERS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الأخير": 4}
QUARTER_OF = table(QUARTERS)


def n_quarter(m: re.Match, ctx: Context) -> Timex:
    n = int(lookup(QUARTER_OF, m.group("which")))
    if m.group("year"):
        year = int(to_ascii_digits(m.group("year")))
    else:
        year = ctx.dct.year + direction(m.groupdict().get("rel"))
    if fold(m.group("kind")) == fold("النصف"):
        return Timex("DATE", f"{year:04d}-H{min(n, 2)}")
    return Timex("DATE", f"{year:04d}-Q{n}")


def n_season(m: re.Match, ctx: Context) -> Timex:
    season = lookup(SEASON_OF, m.group("season"))
    if m.group("year"):
        year = int(to_ascii_digits(m.group("year")))
    else:
        year = ctx.dct.year + direction(m.groupdict().get("rel"))
    return modded(m, Timex("DATE", f"{year:04d}-{season}"))


def n_day_of_year(m: re.Match, ctx: Context) -> Timex:
    """أول يوم من العام المقبل -> 2022-01-01; آخر يوم في السنة -> 2021-12-31."""
    g = m.groupdict()
    year = int(to_ascii_digits(g["year"])) if g.get("year") else \
        ctx.dct.year + direction(g.get("prel"))
    first = int(lookup(NTH_OF, g["nth"])) > 0
    return Timex("DATE", iso(date(year, 1, 1) if first else date(year, 12, 31)),
                 info={"kind": "day"})


PLURAL_PARTS = {"الأيام": "D", "الأسابيع": "W", "الأشهر": "M", "الشهور": "M",
                "الساعات": "H", "السنوات": "Y", "الأعوام": "Y", "الدقائق": "MIN"}
PLURAL_PART_OF = table(PLURAL_PARTS)


def _period_anchor(m: re.Match, ctx: Context) -> tuple[date, date, str] | None:
    """(first day, last day, value) of the month or year an ordinal-of rule names."""
    g = m.groupdict()
    kind_word = g.get("pkind") or g.get("pkind_this")
    if kind_word:
        unit = "M" if fold(kind_word) == fold("الشهر") else "Y"
        value = period_value(unit, ctx.dct, direction(g.get("prel")))
        year, month = int(value[:4]), int(value[5:7]) if unit == "M" else None
    elif g.get("month") or g.get("month_safe") or g.get("mnum") or g.get("mord"):
        month = month_of(m)
        year = int(to_ascii_digits(g["year"])) if g.get("year") else ctx.dct.year
        if not 1 <= month <= 12:
            return None
    else:
        year, month = int(to_ascii_digits(g["year"])), None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), f"{year:04d}"
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last, f"{year:04d}-{month:02d}"


def n_unit_of_period(m: re.Match, ctx: Context) -> Timex | None:
    """الأسبوع الأول من آب, آخر أسبوع من العام: that week; الأيام الأولى من العام,
    الأشهر الأخيرة من 2020: the period, mod START or END."""
    found = _period_anchor(m, ctx)
    if found is None:
        return None
    first, last, value = found
    g = m.groupdict()
    nth = int(lookup(FIRST_LAST_OF, g["nth"]))
    if g.get("third"):  # الثلث الأخير من الشهر: the period, START / MID / END
        return Timex("DATE", value, {1: "START", 2: "MID"}.get(nth, "END"))
    if g.get("plural"):
        unit = str(lookup(PLURAL_PART_OF, g["plural"]))
        if unit == "M" and len(value) > 4 or nth not in (1, -1):
            return None
        return Timex("DATE", value, "START" if nth == 1 else "END")
    # the n-th week of a month or year is the week of its n-th Thursday, as ISO 8601
    # numbers the weeks of a year (the week that has most of its days inside)
    if nth < 0:
        day = last - timedelta(days=(last.isoweekday() - 4) % 7)
    else:
        day = first + timedelta(days=(4 - first.isoweekday()) % 7, weeks=nth - 1)
    if day > last:
        return None
    return Timex("DATE", week(day), info={"kind": "period", "unit": "W"})


GENERIC_SEASONS = ["الصيف", "الشتاء", "الخريف", "الربيع"]


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of, of_in = S, OF, OF_IN
    return [
        Rule("day_of_year", "DATE",
             rf"(?P<nth>{alt(['أول', 'آخر', 'اخر'])}){s}{w('يوم')}{s}{of_in}"
             rf"(?:(?P<pkind>{alt(['العام', 'السنة'])})(?:{s}(?P<prel>{REL}|{CUR}))?"
             rf"|{alt(['هذا العام', 'هذه السنة'])}"
             rf"|{YEAR_WORD}{s}(?P<year>{DIGIT}{{4}}))",
             n_day_of_year),
        Rule("unit_of_period", "DATE",
             rf"(?:{w('الأسبوع')}{s}(?P<nth>{alt(FIRST_LAST)})"
             rf"|(?P<third>{w('الثلث')}){s}(?P<nth_t>{alt(FIRST_LAST)})"
             rf"|(?P<plural>{alt(PLURAL_PARTS)}){s}(?P<nth_p>{alt(FIRST_LAST)})"
             rf"|(?P<nth_w>{alt(['أول', 'آخر', 'ثاني', 'ثالث', 'رابع'])}){s}"
             rf"{w('أسبوع')}){s}{alt(['من', 'في'])}{s}"
             rf"(?:{MONTH_P}(?:{s}{of}{YEAR_P})?"
             rf"|(?P<pkind>{alt(['الشهر', 'العام', 'السنة'])})"
             rf"(?:{s}(?P<prel>{REL}|{CUR}))?"
             rf"|{alt(['هذا', 'هذه'])}{s}(?P<pkind_this>"
             rf"{alt(['الشهر', 'العام', 'السنة'])}))",
             lambda m, ctx: n_unit_of_period(Override(m, {"nth": m.group("nth") or
                                                           m.group("nth_p") or m.group("nth_w") or
                                                           m.group("nth_t")}), ctx)),
        Rule("unit_of_year", "DATE",
             rf"(?:{w('الأسبوع')}{s}(?P<nth>{alt(FIRST_LAST)})"
             rf"|(?P<plural>{alt(PLURAL_PARTS)}){s}(?P<nth_p>{alt(FIRST_LAST)})"
             rf"|(?P<nth_w>{alt(['أول', 'آخر', 'ثاني', 'ثالث', 'رابع'])}){s}"
             rf"{w('أسبوع')}){s}{alt(['من', 'في'])}{s}"
             rf"(?:{YEAR_WORD}{s})?(?P<year>{DIGIT}{{4}})",
             lambda m, ctx: n_unit_of_period(Override(m, {"nth": m.group("nth") or
                                                           m.group("nth_p") or m.group("nth_w")}),
                                             ctx)),
        Rule("quarter", "DATE",
             rf"(?P<kind>{alt(['الربع', 'النصف'])}){s}(?P<which>{alt(QUARTERS)})"
             rf"(?:{s}{of}(?:{YEAR_P}|{alt(['العام', 'السنة'])}(?:{s}"
             rf"(?P<rel>{REL}|{CUR}))?))?",
             n_quarter),
        Rule("season", "DATE",
             rf"{MOD_P}(?:{w('فصل')}\s+)?(?P<season>{alt(lx.SEASONS)}){s}"
             rf"(?:{of}{YEAR_P}|{alt(['هذا العام', 'هذه السنة'])}"
             rf"|(?:{alt(['العام', 'السنة'])}{s})?(?P<rel>{REL}|{CUR}))", n_season),
        Rule("generic_season", "DATE",
             rf"(?:{w('فصل')}{s})?(?P<season>{alt(GENERIC_SEASONS)})"
             rf"(?!{s}(?:{w('العربي')}|{w('الأول')}|{w('الآخر')}|{w('الثاني')}))",
             lambda m, ctx: Timex("DATE", f"XXXX-{lookup(SEASON_OF, m.group('season'))}")),
    ]
