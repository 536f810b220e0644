"""TIMEX3 values from dates: days, weeks, periods next to a date, durations, and the
Hijri calendar (conversion, and which yearly occurrence of a day is meant)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from bench.extractors.rules_time.rule import Context


def iso(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    year, wk, _ = d.isocalendar()
    return f"{year}-W{wk:02d}"


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Umm al-Qura (hijridate) for 1343-1500 AH; outside it, the tabular (arithmetic)
    Islamic calendar, within a day or two of the observed one."""
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        pass
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 9000):
        return None
    julian_day = (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354
                  + (3 + 11 * year) // 30 + 1948439.5 - 1)
    return date.fromordinal(int(julian_day - 1721424.5))


def month_in_hijri_year(month: int, hyear: int) -> int | None:
    """The Gregorian year of the Gregorian ``month`` said with the Hijri year ``hyear``
    ("تموز 1442 هـ"): of the (at most two) such months, the one most of whose days fall
    in that Hijri year."""
    start, end = hijri_to_gregorian(hyear, 1, 1), hijri_to_gregorian(hyear + 1, 1, 1)
    if start is None or end is None:
        return None
    overlaps = []
    for year in range(start.year, end.year + 1):
        first = date(year, month, 1)
        after = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        overlaps.append(((min(after, end) - max(first, start)).days, year))
    days, year = max(overlaps)
    return year if days > 0 else None


def period_value(unit: str, ref: date, offset: int) -> str:
    """The TIMEX3 value of the ``unit`` (Y, Q, M, W, DE, CE) ``offset`` units from ``ref``'s."""
    if unit == "Q":
        index = ref.year * 4 + (ref.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{ref.year + offset:04d}"
    if unit == "M":
        index = ref.year * 12 + ref.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "W":
        return week(ref + timedelta(weeks=offset))
    if unit == "DE":
        return f"{ref.year // 10 + offset:03d}"
    return f"{ref.year // 100 + offset:02d}"


def duration_value(unit: str, amount: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def occurrence(candidates: list[date], ctx: Context, rel: int, year: int | None) -> date | None:
    """Which of a yearly day's ``candidates`` is meant: the one in ``year``; else the next
    after the DCT (rel +1), the last before it (-1), or the nearest to it."""
    if year is not None:
        return in_year(candidates, year)
    ref = ctx.dct
    if rel > 0:
        return min((d for d in candidates if d > ref), default=None)
    if rel < 0:
        return max((d for d in candidates if d < ref), default=None)
    return min(candidates, key=lambda d: (abs((d - ref).days), d))


def in_year(candidates: list[date], year: int) -> date | None:
    """The one of a yearly day's ``candidates`` in Gregorian ``year`` (the middle one if a
    Hijri day falls twice in it)."""
    inside = [d for d in candidates if d.year == year]
    return min(inside, key=lambda d: abs((d - date(year, 6, 30)).days)) if inside else None


def hijri_days(hmonth: int, hday: int, around: int) -> list[date]:
    """The Gregorian dates of Hijri day (``hmonth``, ``hday``) in the Hijri years that
    overlap Gregorian years ``around`` - 1 .. ``around`` + 1."""
    from hijridate import Gregorian

    try:
        hyear = Gregorian(around, 6, 30).to_hijri().year
    except (ValueError, OverflowError):  # outside the converter's years (1924-2077)
        return []
    return [d for y in range(hyear - 2, hyear + 3)
            if (d := hijri_to_gregorian(y, hmonth, hday)) is not None]
