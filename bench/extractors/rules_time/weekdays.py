"""Weekdays: alone (read in the tense of the sentence), with a direction, a day number,
inside a named week, the n-th or last of a month."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    ANY_WEEKDAY_P,
    CONTEXT_WEEKDAYS,
    CUR,
    DAY_P,
    MONTH_P,
    OF_IN,
    REL,
    WEEKDAY_OF,
    WEEKDAY_P,
    WEEKDAY_REL,
    YEAR_P,
    S,
    day_of,
    direction,
    month_of,
    year_of,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Override, Rule, Timex
from bench.extractors.rules_time.tense import sentence_tense, stands_alone
from bench.extractors.rules_time.values import (
    iso,
    period_value,
    safe_date,
)


def resolve_weekday(ref: date, weekday: int, rel: int) -> date:
    """The ``weekday`` (ISO) meant relative to ``ref``: the last one before it (rel -1), the
    next one after it (+1), or for a bare weekday the nearest, three days either side."""
    delta = weekday - ref.isoweekday()
    if rel < 0:
        delta = -((ref.isoweekday() - weekday) % 7 or 7) - 7 * (-rel - 1)
    elif rel > 0:
        delta = (delta % 7 or 7) + 7 * (rel - 1)
    else:  # bare: the nearest such day, three days either side
        delta = (delta + 3) % 7 - 3
    return ref + timedelta(days=delta)



def n_weekday(m: re.Match, ctx: Context) -> Timex:
    """A weekday: the one before or after the DCT that a direction word names; bare, the
    nearest in the tense of its sentence (GUIDELINES 7): past -> the last one (the DCT's
    own weekday is the DCT), future -> the next one (or the DCT), no cue -> the nearest;
    a weekday that is its sentence's only content (a date phrase on its own) -> the next
    one, as a calendar entry or a question means it."""
    wd = int(lookup(WEEKDAY_OF, m.group("weekday")))
    rel = direction(m.groupdict().get("rel"))
    ref = ctx.dct
    text, start = getattr(ctx, "text", ""), getattr(ctx, "start", 0)
    return Timex("DATE", iso(weekday_in(text, start, m.end(), ref, wd, rel)),
                 info={"kind": "weekday", "wd": wd, "rel": rel, "dct": ref})


def weekday_in(text: str, start: int, end: int, ref: date, wd: int, rel: int) -> date:
    """The weekday ``wd`` said at ``text[start:end]`` with direction ``rel``: bare, read in
    its sentence's tense, or the next one when the expression stands alone (compose reads
    it again over the whole expression it becomes part of: "الأحد من الساعة 8 حتى 10")."""
    if rel == 0 and wd != ref.isoweekday():
        rel = sentence_tense(text, start) or \
            (1 if text and stands_alone(text, start, end) else 0)
    return resolve_weekday(ref, wd, rel)


NTH = {"أول": 1, "ثاني": 2, "ثان": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "آخر": -1, "أخير": -1,
       "تاني": 2, "تالت": 3}  # colloquial ت for ث
NTH_ADJ = {"الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
           "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5, "الأخير": -1, "الأخيرة": -1}
NTH_OF = table({**NTH, **NTH_ADJ})
BARE_WEEKDAY = alt(n for names in list(lx.WEEKDAYS.values()) + list(lx.WEEKDAYS_IN_CONTEXT.values())
                   for n in names if not n.startswith("ال"))


def _month_and_year(m: re.Match, ctx: Context) -> tuple[int, int] | None:
    g = m.groupdict()
    if g.get("prel"):
        value = period_value("M", ctx.dct, direction(g["prel"]))
        return int(value[5:7]), int(value[:4])
    month = month_of(m)
    year = int(to_ascii_digits(g["year"])) if g.get("year") else \
        year_of(m, ctx, month, 1 if direction(g.get("rel")) < 0 else 31)
    return (month, year) if 1 <= month <= 12 else None


def n_nth_in_month(m: re.Match, ctx: Context) -> Timex | None:
    """أول ثلاثاء من شهر عشرة, الاثنين الأخير من آذار, آخر يوم من الشهر المقبل."""
    found = _month_and_year(m, ctx)
    if found is None:
        return None
    month, year = found
    g = m.groupdict()
    nth = int(lookup(NTH_OF, g["nth"]))
    weekday = g.get("weekday") or g.get("bare_weekday")
    wd = int(lookup(WEEKDAY_OF, weekday)) if weekday else None
    d = nth_in_month(year, month, nth, wd)
    # a year said after it is attached by compose, which counts again in that year
    said = bool(g.get("year") or g.get("rel") or g.get("prel"))
    return Timex("DATE", iso(d), info={"kind": "day", "month": month, "day": d.day,
                                       "nth": nth, "wd": wd, "year_said": said}) if d else None


def nth_in_month(year: int, month: int, nth: int, wd: int | None) -> date | None:
    """The ``nth`` (-1: last) weekday ``wd`` (ISO; None: any day) of a month."""
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if wd is None:  # a day of the month
        return last if nth < 0 else safe_date(year, month, nth)
    if nth < 0:
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    return d if d.month == month else None


def nth_weekday_from(anchor: date, wd: int, nth: int, sign: int) -> date:
    """The ``nth`` ``wd`` (ISO weekday) strictly after ``anchor`` (sign +1) or before it
    (-1): "ثاني جمعة بعد عيد الميلاد", "أول سبت قبل رأس السنة"."""
    if sign > 0:
        return anchor + timedelta(days=(wd - anchor.isoweekday() - 1) % 7 + 1 + 7 * (nth - 1))
    return anchor - timedelta(days=(anchor.isoweekday() - wd - 1) % 7 + 1 + 7 * (nth - 1))


def n_nth_weekday(m: re.Match, ctx: Context) -> Timex:
    """أول اثنين, الجمعة الثانية, آخر خميس, ثالث يوم: a constituent with no value of its
    own; compose counts it from the day or in the month or year after it, or drops it."""
    g = m.groupdict()
    weekday = g.get("weekday") or g.get("bare_weekday")
    wd = int(lookup(WEEKDAY_OF, weekday)) if weekday else None  # None: any day (ثالث يوم)
    nth = int(lookup(NTH_OF, g.get("nth") or g["nth_adj"]))
    return Timex("DATE", None, info={"kind": "nth_weekday", "wd": wd, "nth": nth})


def n_weekday_day(m: re.Match, ctx: Context) -> Timex | None:
    """الأحد السابع عشر: a weekday and a day number, in the document's month."""
    d = safe_date(ctx.dct.year, ctx.dct.month, day_of(m))
    return Timex("DATE", iso(d)) if d else None


def n_weekday_of_week(m: re.Match, ctx: Context) -> Timex | None:
    """الخميس من الأسبوع المقبل, اثنين الأسبوع الحالي: a weekday inside a named week."""
    g = m.groupdict()
    wd = int(lookup(WEEKDAY_OF, g.get("weekday") or g["bare_weekday"]))
    year, week = period_value("W", ctx.dct, direction(g.get("rel"))).split("-W")
    return Timex("DATE", iso(date.fromisocalendar(int(year), int(week), wd)),
                 info={"kind": "day"})


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of_in = S, OF_IN
    in_month = (rf"{s}(?:{of_in}|ب)(?:{MONTH_P}(?:{s}(?P<rel>{REL}))?"
                rf"|{w('الشهر')}{s}(?P<prel>{REL}|{CUR}))"
                rf"(?:{s}(?:{of_in})?{YEAR_P})?")
    return [
        Rule("nth_in_month", "DATE",
             rf"(?:(?P<nth>{alt(NTH)}){s}"
             rf"(?:(?P<bare_weekday>{BARE_WEEKDAY})|{w('يوم')})"
             rf"|(?:{WEEKDAY_P}|{w('اليوم')}){s}(?P<nth_adj>{alt(NTH_ADJ)}))"
             rf"{in_month}",
             lambda m, ctx: n_nth_in_month(
                 Override(m, {"nth": m.group("nth") or m.group("nth_adj")}), ctx)),
        # the n-th weekday counted from a day or in a month: "أول اثنين بعد عيد الفطر",
        # "ثاني جمعة من رمضان" (compose)
        Rule("nth_weekday", "DATE",
             rf"(?:(?P<nth>{alt(NTH)}){s}(?:(?P<bare_weekday>{BARE_WEEKDAY})|{w('يوم')})"
             rf"|{WEEKDAY_P}{s}(?P<nth_adj>{alt(NTH_ADJ)}))"
             rf"(?={s}(?:{alt(['بعد', 'قبل', 'من', 'في'])}{s}|ب))",
             n_nth_weekday),
        Rule("weekday", "DATE",
             rf"(?:{alt(['هذا', 'هذه'])}{s})?{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?",
             n_weekday),
        # "الحد", "الأربع": weekdays after يوم, or before a date or a direction word
        Rule("context_weekday", "DATE",
             rf"(?:(?<={w('يوم')}\s)|(?={alt(CONTEXT_WEEKDAYS)}{s}(?:{DIGIT}|{WEEKDAY_REL})))"
             rf"{ANY_WEEKDAY_P}(?:{s}(?P<rel>{REL}))?", n_weekday),
        # not the day of a numeric date: "الثلاثاء 27/7/2021" is a weekday and a date
        Rule("weekday_day", "DATE",
             rf"{WEEKDAY_P}{s}{DAY_P}(?!\s*[/.-]\s*{DIGIT})", n_weekday_day),
        Rule("weekday_of_week", "DATE",
             rf"(?:{WEEKDAY_P}|(?P<bare_weekday>{BARE_WEEKDAY})){s}"
             rf"(?:{of_in})?(?:{w('الأسبوع')}{s}(?P<rel>{REL}|{CUR})"
             rf"|{alt(['هذا', 'هذه'])}{s}{w('الأسبوع')})", n_weekday_of_week),
    ]
