"""Hijri dates, years (هـ، للهجرة) and months (رمضان المقبل)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    CLOSE,
    CUR,
    DAY_P,
    GENITIVE,
    HIJRI_MARK,
    HMONTH_OF,
    MOD_P,
    OF,
    OPEN,
    REL,
    YEAR_THOUSANDS,
    YEAR_WORD,
    S,
    day_of,
    direction,
    modded,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, lookup, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.values import (
    hijri_days,
    hijri_to_gregorian,
    iso,
    occurrence,
)

HYEAR_P = rf"{OPEN}(?P<hyear>{DIGIT}{{3,4}}){CLOSE}\s*{HIJRI_MARK}"


def n_hijri(m: re.Match, ctx: Context) -> Timex | None:
    year = int(to_ascii_digits(m.group("hyear")))
    month = int(lookup(HMONTH_OF, m.group("hmonth"))) if m.groupdict().get("hmonth") else 1
    day = day_of(m) if m.groupdict().get("day") or m.groupdict().get("oday") else 1
    d = hijri_to_gregorian(year, month, day)
    if d is None:
        return None
    if m.groupdict().get("day") or m.groupdict().get("oday"):
        value = iso(d)
    elif m.groupdict().get("hmonth"):
        value = f"{d.year:04d}-{d.month:02d}"
    else:
        value = f"{d.year:04d}"
    return modded(m, Timex("DATE", value, calendar="hijri"))


def n_hijri_month(m: re.Match, ctx: Context) -> Timex | None:
    """رمضان المقبل, شهر شوال: the Hijri month nearest the DCT (or next, last, of a
    Gregorian year); its value is the Gregorian month its first day falls in."""
    g = m.groupdict()
    hmonth = int(lookup(HMONTH_OF, g["hmonth"]))
    year = int(to_ascii_digits(g["year"])) if g.get("year") else None
    if year is not None and year < 1600:  # رمضان 1443: a Hijri year
        first = hijri_to_gregorian(year, hmonth, 1)
    else:
        first = occurrence(hijri_days(hmonth, 1, year or ctx.dct.year), ctx,
                           direction(g.get("rel")), year)
    if first is None:
        return None
    return modded(m, hijri_month_timex(hmonth, first, year is not None))


def hijri_month_timex(hmonth: int, first: date, year_said: bool) -> Timex:
    """A Hijri month that begins on ``first``: the Gregorian month of that day, and (for
    compose) its first and last days."""
    following = hijri_days(hmonth % 12 + 1, 1, first.year)
    last = min((d for d in following if d > first), default=first + timedelta(days=29)) - \
        timedelta(days=1)
    return Timex("DATE", f"{first.year:04d}-{first.month:02d}", calendar="hijri",
                 info={"kind": "hmonth", "hmonth": hmonth, "year_said": year_said,
                       "first": first, "last": last})


TEMPORAL_PREPOSITIONS = ["في", "خلال", "قبل", "بعد", "منذ", "حتى", "طوال", "طيلة"]


HIJRI_MONTH = alt(n for names in lx.HIJRI_MONTHS.values() for n in names)


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of = S, OF
    return [
        Rule("hijri", "DATE",
             rf"{MOD_P}(?:{DAY_P}{s}{of})?(?:{w('شهر')}\s+)?"
             rf"(?P<hmonth>{alt(n for names in lx.HIJRI_MONTHS.values() for n in names)})"
             rf"{s}(?:{of}{YEAR_WORD}\s+)?{HYEAR_P}", n_hijri),
        Rule("hijri_year", "DATE",
             rf"{MOD_P}(?:{YEAR_WORD}\s+)?{HYEAR_P}", n_hijri),
        Rule("hijri_month", "DATE",
             rf"{MOD_P}(?:{w('شهر')}{s}(?P<hmonth>{HIJRI_MONTH})"
             rf"(?:{s}{alt(lx.HIJRI_MONTH_EPITHETS)})?"
             rf"|(?P<hmonth_r>{HIJRI_MONTH})(?={s}(?:{REL}|{CUR}|"
             rf"{alt(lx.HIJRI_MONTH_EPITHETS)}|(?:{of}|{GENITIVE}{s})(?:{YEAR_WORD}{s})?"
             rf"(?:{DIGIT}{{4}}(?!\s*{HIJRI_MARK})|{alt(YEAR_THOUSANDS)})))"
             rf"(?:{s}{alt(lx.HIJRI_MONTH_EPITHETS)})?"
             rf"|(?:{'|'.join(f'(?<={w(p)} )' for p in TEMPORAL_PREPOSITIONS)})"
             rf"(?P<hmonth_p>{w('رمضان')}))"
             rf"(?:{s}(?P<rel>{REL}|{CUR})|{s}(?:{GENITIVE}{s})?(?P<year>{DIGIT}{{4}})"
             rf"(?!\s*{HIJRI_MARK}))?",
             lambda m, ctx: n_hijri_month(Override(m, {"hmonth": m.group("hmonth") or
                                                        m.group("hmonth_r") or
                                                        m.group("hmonth_p")}), ctx)),
    ]
