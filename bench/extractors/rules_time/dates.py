"""Gregorian dates: day, month and year in words or digits, numeric dates, months alone or
with a year or direction, day ranges inside a month."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    CUR,
    D2,
    DAY_P,
    HIJRI_MARK,
    MOD_P,
    MONTH,
    MONTH_GLOSS,
    MONTH_P,
    OF,
    REL,
    SAFE_MONTH_P,
    WEEKDAY_P,
    YEAR_P,
    S,
    day_of,
    direction,
    modded,
    month_of,
    year_of,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
    month_in_hijri_year,
    safe_date,
)


def n_full_date(m: re.Match, ctx: Context) -> Timex | None:
    timex = _full_date(m, ctx)
    if timex is not None:
        timex.info = {"kind": "day", "month": month_of(m), "day": day_of(m),
                      "year_said": bool(m.groupdict().get("year") or m.groupdict().get("rel"))}
    return timex


def _full_date(m: re.Match, ctx: Context) -> Timex | None:
    month, day = month_of(m), day_of(m)
    d = safe_date(year_of(m, ctx, month, day), month, day)
    return Timex("DATE", iso(d)) if d else None


def n_month(m: re.Match, ctx: Context) -> Timex | None:
    month = month_of(m)
    if not 1 <= month <= 12:
        return None
    if m.groupdict().get("hmark"):  # a Hijri year: "تموز 1442 هـ"
        year = month_in_hijri_year(month, int(to_ascii_digits(m.group("year"))))
        if year is None:
            return None
    elif m.groupdict().get("year"):
        year = int(to_ascii_digits(m.group("year")))
    else:
        ref, rel = ctx.dct, direction(m.groupdict().get("rel"))
        year = ref.year
        if rel < 0 and month >= ref.month:
            year -= 1
        elif rel > 0 and month <= ref.month:
            year += 1
    said = bool(m.groupdict().get("year") or m.groupdict().get("rel"))
    return modded(m, Timex("DATE", f"{year:04d}-{month:02d}",
                           info={"kind": "month", "month": month, "year_said": said}))


def n_numeric(m: re.Match, ctx: Context) -> Timex | None:
    """dd/mm/yyyy, yyyy/mm/dd, mm/yyyy, and dd/mm (the year of the document)."""
    g = {k: int(to_ascii_digits(v)) for k, v in m.groupdict().items() if v}
    if "d" not in g:
        return Timex("DATE", f"{g['y']:04d}-{g['m']:02d}") if 1 <= g["m"] <= 12 else None
    d = safe_date(g["y"] if "y" in g else ctx.dct.year, g["m"], g["d"])
    return Timex("DATE", iso(d), info={"kind": "day", "month": g["m"], "day": g["d"],
                                       "year_said": "y" in g}) if d else None


def n_day_range(m: re.Match, ctx: Context) -> Timex | None:
    """13 الى 15 تموز, من 1-8 شهر أيلول, أغسطس 27 الى 29: days of one month, as one
    range; its value is its first day (the convention for ranges)."""
    month = month_of(m)
    first, last = (int(to_ascii_digits(m.group(k))) for k in ("d1", "d2"))
    if not (1 <= month <= 12 and first < last):
        return None
    year = year_of(m, ctx, month, first)
    d = safe_date(year, month, first)
    return Timex("DATE", iso(d), info={"kind": "range"}) if d and safe_date(year, month, last) \
        else None


DATE_CUES = ["في", "بتاريخ", "تاريخ", "يوم", "الموافق", "حتى", "منذ", "قبل", "بعد", "من",
             "إلى", "الى", "لغاية"]
WEEKDAY_CUES = [n for names in lx.WEEKDAYS.values() for n in names if n.startswith("ال")]
SLASH = r"(?:[/.-]|\s+[/-]\s+)"  # tokenised text spaces them: "30 - 8 - 2006"


RANGE_SEP = rf"\s*(?:[-–]|{alt(['إلى', 'الى', 'حتى', 'لغاية', 'ولغاية', 'و'])})\s*"


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of = S, OF
    weekday_prefix = (rf"(?:{WEEKDAY_P}\s*[،,]?\s*(?:{alt(['الموافق', 'في'])}\s+)?"
                      rf"|{w('اليوم')}\s+(?=ال))?")  # اليوم الثالث من اكتوبر
    return [
        Rule("full_date", "DATE",
             rf"{weekday_prefix}{DAY_P}{s}{of}{MONTH_P}"
             rf"(?:{s}{of}{YEAR_P}|{s}(?P<rel>{REL}|{CUR}))?",
             n_full_date),
        # "29/12/2011", and tokenised text's "29 / 12 / 2011"
        Rule("numeric_dmy", "DATE",
             rf"(?P<d>{D2}){SLASH}(?P<m>{D2}){SLASH}(?P<y>{DIGIT}{{4}})", n_numeric),
        Rule("numeric_ymd", "DATE",
             rf"(?P<y>{DIGIT}{{4}}){SLASH}(?P<m>{D2}){SLASH}(?P<d>{D2})", n_numeric),
        # m/yyyy, but not a number such as "القانون رقم 7/2021"
        Rule("numeric_my", "DATE",
             rf"(?<!{w('رقم')} )(?P<m>{D2})/(?P<y>{DIGIT}{{4}})(?![/{DIGIT[1:-1]}])",
             n_numeric),
        # dd/mm only after a word that introduces a date: "3/4 من الأصوات" is a fraction
        Rule("numeric_dm", "DATE",
             rf"(?:{'|'.join(f'(?<={re.escape(c)} )' for c in DATE_CUES + WEEKDAY_CUES)})"
             rf"(?P<d>{D2})/(?P<m>{D2})(?![/{DIGIT[1:-1]}])", n_numeric),
        Rule("month_year", "DATE",
             rf"{MOD_P}{MONTH_P}{s}{of}{YEAR_P}(?:\s*(?P<hmark>{HIJRI_MARK}))?", n_month),
        Rule("month_rel", "DATE",
             rf"{MOD_P}{MONTH_P}{s}(?P<rel>{REL}|{alt(['الجاري', 'الحالي'])})", n_month),
        Rule("month", "DATE",
             rf"{MOD_P}{SAFE_MONTH_P}", n_month),
        Rule("month_mod", "DATE",
             rf"(?P<mod>{alt(lx.MODIFIERS)}){s}(?:{w('من')}{s})?(?:{w('شهر')}{s})?"
             rf"(?P<month>{MONTH}){MONTH_GLOSS}", n_month),
        Rule("day_range", "DATE",
             rf"(?:{alt(['من', 'بين'])}{s})?(?P<d1>{D2}){RANGE_SEP}(?P<d2>{D2})"
             rf"{s}{of}{MONTH_P}(?:{s}{of}{YEAR_P}|{s}(?P<rel>{REL}|{CUR}))?",
             n_day_range),
        Rule("month_day_range", "DATE",
             rf"(?:{alt(['من', 'بين'])}{s})?{MONTH_P}{s}(?P<d1>{D2})"
             rf"{RANGE_SEP}(?P<d2>{D2})(?:{s}{of}{YEAR_P})?", n_day_range),
    ]
