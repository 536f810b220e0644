"""Composition: constituents the rules found, combined by typed operators (DESIGN.md).

The rules of :mod:`.grammar` find constituents, each typed by ``Timex.info["kind"]``:
a day, weekday, month, Hijri month, year, period (a week, month, year next to the
document date), clock time, part of a day, duration, offset ("بعد يومين"), an n-th
weekday ("أول اثنين"). Here adjacent constituents whose types fit an operator, joined by
the words Arabic joins them with, become one expression; its meaning is computed from
the parts' meanings, never looked up:

* **attach**: a day or month said without a year, and a year or a year next to the
  document date after it ("العاشر من أيار العام المقبل", "آذار بسنة 2016"); a Hijri month
  and a Gregorian year ("شهر رمضان من عام 2023": the Gregorian month of its first day
  that year); a weekday and a week ("الخميس بالأسبوع الجاي"); a weekday or a relative
  day and a date ("الثلاثاء 27/7/2021", "أمس الإثنين 9 مارس": the date);
* **at**: a clock time and a day or part of a day, in either order ("غدا الساعة
  التاسعة", "الساعة الثامنة من مساء الخميس"); the part of the day fixes AM/PM when the
  time did not say it; a day and a clock range after it ("الخميس من 3 إلى 5 العصر");
* **offset**: a duration before or after an anchor day ("بعد يومين من عيد الفطر",
  "قبل عيد الأضحى بثلاثة أيام"): the anchor moved by the duration;
* **ordinal-of**: an n-th weekday counted from a day ("أول اثنين بعد عيد الفطر",
  "الجمعة الثانية قبل رأس السنة") or inside a month ("ثاني جمعة من شهر رمضان");
* **day-of**: a day number of a month said as a period or a Hijri month ("العشرين من
  الشهر الجاري", "العاشر من رمضان المقبل");
* **range**: "من X إلى/حتى/لغاية Y", "بين X و Y": one expression whose value is its
  start (the project's convention for ranges), X completed by Y: a clock time takes Y's
  part of the day ("من الثالثة إلى الرابعة مساء" starts at 15:00), a day number takes
  Y's month and year ("من العاشر وحتى الخامس عشر من حزيران"), a weekday Y's direction;
* **gloss**: a month and the full date of one of its days in brackets ("تشرين الثاني
  (27/11/1946)"): that day;
* **part of**: a modifier before a month or year ("نص شهر خمسة", "أول الشهر الجاي":
  mod ``MID``, ``START``, ``END``), "الساعات الأولى من صباح اليوم": the period with its mod;
* **head**: "اليوم الذي/اللي" before a relative day ("اليوم اللي بعد بكرة"): that day;
* **and**: durations of different units joined by و ("سنتين وأربعة أشهر": P2Y4M);
* **approximately**: حوالي، نحو، قرابة، زهاء، بحدود before an expression join it with
  mod ``APPROX`` (GUIDELINES 8); أكثر من / أقل من with ``MORE_THAN`` / ``LESS_THAN``.

Last, an n-th weekday nothing anchored is dropped, and an offset left before "من" and an
event ("قبل 11 أسبوعا من موعد ولادته") becomes the duration alone.

Constituents are combined left to right, each operator tried in :data:`OPERATORS` order
on a constituent and the next; a combination replaces the constituents it covers and
is tried again with the one before it, so operators nest ("الخميس 29/7 الساعة 5 مساء":
attach, then at) until none applies.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.clock import CLOCK_PART_OF, CLOCK_PART_P, HOUR_OF, hour_in_day
from bench.extractors.rules_time.lexicon import POD_CLOCK_PART
from bench.extractors.rules_time.parts import ORDINAL_OF, UNIT_ANY, UNIT_OF
from bench.extractors.rules_time.patterns import (
    DIGIT,
    Lazy,
    alt,
    fold,
    lookup,
    table,
    to_ascii_digits,
    w,
)
from bench.extractors.rules_time.relative_days import RELDAY_OF
from bench.extractors.rules_time.rule import Timex
from bench.extractors.rules_time.values import (
    duration_value,
    hijri_days,
    in_year,
    iso,
    period_value,
    safe_date,
)
from bench.extractors.rules_time.weekdays import (
    nth_in_month,
    nth_weekday_from,
    resolve_weekday,
    weekday_in,
)

Found = tuple[int, int, Timex, str]

_AT_AFTER = Lazy(rf"\s*(?:[،,]\s*)?(?:(?:{alt(['من', 'في', 'عند'])})\s+)?"
                       rf"(?:{w('يوم')}\s+)?$")
_AT_BEFORE = Lazy(rf"\s*(?:[،,]\s*)?(?:(?:{alt(['في', 'عند', 'على'])})\s+)?$")
_OFFSET_FROM = Lazy(rf"\s+{alt(['من', 'على'])}\s+(?:{w('يوم')}\s+)?$")
_WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # a word's start, after و or ف too
_BEFORE_AFTER = Lazy(rf"{_WORD_START}(?P<dir>{alt(['قبل', 'بعد'])})\s+$")
_BY = Lazy(r"\s+ب$")
_AND_DURATION = Lazy(r"\s+و\s*$")
_SINGULAR_UNITS = [f for forms in lx.UNITS_OF_TIME.values() for f in forms[0]]
_UNIT_AND = Lazy(rf"(?<!\w)(?P<unit>{alt(_SINGULAR_UNITS)})\s+و\s*$")
_AGO_WORDS = Lazy(rf"{alt(['قبل', 'بعد'])}\s+(?P<rest>.*?{UNIT_ANY})")
_FROM_EVENT = Lazy(rf"\s+{w('من')}\s+(?!{alt(['الآن', 'الان', 'اليوم'])})")
_JOINS = ['إلى', 'الى', 'حتى', 'لغاية', 'ولغاية', 'وحتى']
_RANGE_JOIN = Lazy(rf"\s*(?:[-–]|{alt(_JOINS)})\s*(?:{w('يوم')}\s+)?$")
_TO = Lazy(r"\s+ل$")  # colloquial "to", between clock times only ("من 2 للساعة 4")
_AND = Lazy(r"\s+و\s*$")
_FROM = Lazy(rf"{_WORD_START}(?P<word>{alt(['من', 'بين'])})\s+(?:{w('يوم')}\s+)?$")
_APPROXIMATELY = ["حوالي", "حوالى", "نحو", "قرابة", "زهاء", "بحدود"]
_MORE = ["أكثر من", "أزيد من", "ما يزيد على", "ما يزيد عن"]
_APPROX = Lazy(rf"{_WORD_START}(?:(?P<word>{alt(_APPROXIMATELY)})|(?P<more>{alt(_MORE)})"
                     rf"|(?P<less>{alt(['أقل من', 'ما يقل عن'])}))\s+$")
_PARTS = ["الساعات", "اللحظات", "الدقائق", "الأيام", "الأسابيع"]
_PART_OF = Lazy(rf"{_WORD_START}(?:{alt(_PARTS)})\s+"
                      rf"(?P<which>{alt(['الأولى', 'الأخيرة'])})\s+{w('من')}\s+$")
_OPEN = Lazy(r"\s*\(\s*$")
_CLOSE = Lazy(r"\s*\)")
_UNIT_DAYS = {"D": 1, "W": 7}
# attach: what joins a year to a day or month ("من العام المقبل", "بسنة 2016"), a week or
# a date to a weekday ("بالأسبوع الجاي", "الثلاثاء، الموافق 27/7")
_YEAR_JOIN = Lazy(rf"\s+(?:{alt(['من', 'في', *lx.GENITIVES])}\s+)?[بل]?$")
_WEEK_JOIN = Lazy(rf"\s+(?:{alt(['من', 'في'])}\s+)?ب?$")
# (not في: "الأحد في 7 أبريل" is two expressions, GUIDELINES 18)
_DATE_JOIN = Lazy(rf"\s*(?:[،,]\s*)?(?:{w('الموافق')}\s+)?$")
_ORDINAL_FROM = Lazy(rf"\s+(?:(?P<dir>{alt(['بعد', 'قبل'])})|(?P<in>{alt(['من', 'في'])}))"
                           rf"\s+$|\s+(?P<by>ب)$")
# part of: a modifier before a month or year, MSA and colloquial ("نص شهر خمسة")
_MOD_WORDS = {**lx.MODIFIERS, **lx.COLLOQUIAL_MODIFIERS, "نصف": "MID"}
_MOD_OF = table(_MOD_WORDS)
_MOD_BEFORE = Lazy(rf"(?:(?<!\w)|(?<=(?<!\w)[وفب]))(?P<mod>{alt(_MOD_WORDS)})\s+"
                         rf"(?:{w('من')}\s+)?$")
_PERIOD_WORD = Lazy(alt(["شهر", "الشهر", "سنة", "السنة", "العام", "الأسبوع"]))
# head: "اليوم الذي" before a relative day
_HEAD = Lazy(rf"{_WORD_START}{w('اليوم')}\s+{alt(['الذي', 'اللي', 'الي'])}\s+$")
# a day number before a range join, completed by the day and month after it
_DAY_WORD = rf"(?:{DIGIT}{{1,2}}|{alt(lx.ORDINAL_DAYS)})"
# a day number of a month said as a period or a Hijri month ("العاشر من رمضان")
# (masculine ordinals: "الخمسة عشر يوما الأولى من رمضان" are its first days, not its 1st)
_DAY_OF = Lazy(rf"(?<![\w])(?P<d>{DIGIT}{{1,2}}|"
                     rf"{alt(k for k in lx.ORDINAL_DAYS if not k.endswith(('ى', 'ة')))})"
                     rf"\s+(?:{w('من')}\s+)?$")
_SHARED_MONTH = Lazy(rf"{_WORD_START}(?P<open>{alt(['من', 'بين'])})\s+(?P<d1>{_DAY_WORD})"
                           rf"(?:\s*(?:[-–]|{alt(_JOINS)})|\s+و)\s*$")
# a clock range: "من [الساعة] 3 إلى [الساعة] 5 العصر", "بين الساعة 9 و 11 صباحا", "من 2 ل 4"
_HOUR = rf"(?:{DIGIT}{{1,2}}(?::{DIGIT}{{2}})?|{alt(HOUR_OF)})"
_CLOCK_END = (rf"(?:\s*(?:[-–]|{alt(_JOINS)})|\s+[ول])\s*(?:{w('الساعة')}\s+)?"
              rf"(?P<h2>{_HOUR})(?:\s+{CLOCK_PART_P})?(?!\w)")
_CLOCK_RANGE = Lazy(rf"\s+{alt(['من', 'بين'])}\s+(?:{w('الساعة')}\s+)?(?P<h1>{_HOUR})"
                          rf"{_CLOCK_END}")
_RANGE_END = Lazy(_CLOCK_END)


def compose(text: str, found: list[Found]) -> list[Found]:
    """``found`` (in text order) with every operator applied until none applies: left to
    right, each operator tried on constituent ``i`` and the next; after a combination the
    result is tried again with the one before it. An n-th weekday that found no day or
    month to count from is no expression ("أول يوم من المؤتمر")."""
    i = 0
    while i < len(found):
        for op in OPERATORS:
            merged = op(text, found, i)
            if merged is not None:
                found, i = merged, max(0, i - 1)
                break
        else:
            i += 1
    return [_from_event(text, f) for f in found if _info(f[2]).get("kind") != "nth_weekday"]


def _from_event(text: str, f: Found) -> Found:
    """An offset left before "من" and no day ("قبل 11 أسبوعا من موعد ولادته"): counted from
    an event, not the DCT, so the expression is the duration alone."""
    s1, e1, t, form = f
    info = _info(t)
    if not _FROM_EVENT.match(text, e1):
        return f
    if info.get("kind") == "ago":
        return info["after"], e1, Timex("DURATION", info["duration"],
                                        info={"kind": "duration", "unit": info["unit"],
                                              "amount": str(info["amount"] or "X")}), "absolute"
    undated = _AGO_WORDS.fullmatch(text, s1, e1) if t.value is None else None
    if undated:  # an undated document: the same span and type, without the value
        return undated.start("rest"), e1, Timex("DURATION", None), "absolute"
    return f


def _info(t: Timex) -> dict:
    return t.info or {}


def _is_day(t: Timex) -> bool:
    return t.type == "DATE" and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or ""))


def _joined(found: list[Found], i: int, start: int, end: int, timex: Timex) -> list[Found]:
    forms = {found[i][3], found[i + 1][3]}
    form = "relative" if "relative" in forms else "absolute"
    return found[:i] + [(start, end, timex, form)] + found[i + 2:]


def _covering(found: list[Found], start: int, end: int, timex: Timex) -> list[Found]:
    """``found`` with the constituents inside ``start:end`` replaced by ``timex`` there."""
    inside = [f for f in found if f[0] >= start and f[1] <= end]
    form = "relative" if any(f[3] == "relative" for f in inside) else "absolute"
    return [f for f in found if f[1] <= start] + [(start, end, timex, form)] + \
        [f for f in found if f[0] >= end]


def _clock_on(clock: Timex, day: Timex) -> Timex | None:
    """A clock time put on a day (a date, or a part of a day that also reads the hour)."""
    info = _info(clock)
    if clock.value is None or day.value is None:
        return None
    date_part = day.value[:10]
    hour = int(clock.value[11:13])
    pod = _info(day).get("part") if _info(day).get("kind") == "pod" else None
    part = POD_CLOCK_PART[pod] if pod else None
    if part and info.get("part") is None and not info.get("digital"):
        hour = hour_in_day(int(info.get("said", hour)), part)
    return Timex("TIME", f"{date_part}T{hour:02d}:{info.get('minutes', clock.value[14:16])}",
                 info={**info, "part": info.get("part") or part})


def _pair(text: str, found: list[Found], i: int):
    """Constituent ``i``, the next one, and the text between them (None at the end)."""
    if i + 1 >= len(found):
        return None
    (s1, e1, a, _), (s2, e2, b, _) = found[i], found[i + 1]
    return s1, e1, a, s2, e2, b, text[e1:s2]


def _year_of(t: Timex) -> int | None:
    """The year a year constituent names ("2016", "العام المقبل"), else None."""
    kind = _info(t).get("kind")
    if t.type == "DATE" and t.mod is None and re.fullmatch(r"\d{4}", t.value or "") and \
            (kind == "year" or kind == "period" and _info(t).get("unit") == "Y"):
        return int(t.value)
    return None


def _in_year(t: Timex, year: int) -> Timex | None:
    """A day, month or Hijri month said without a year, put in ``year``."""
    info = _info(t)
    kind = info.get("kind")
    if kind == "day" and "nth" in info:  # "آخر خميس من نوفمبر من العام الجاري"
        d = nth_in_month(year, info["month"], info["nth"], info["wd"])
        value = iso(d) if d else None
    elif kind == "day" and "month" in info:
        d = safe_date(year, info["month"], info["day"])
        value = iso(d) if d else None
    elif kind == "month":
        value = f"{year:04d}-{info['month']:02d}"
    elif kind == "hmonth":
        first = in_year(hijri_days(info["hmonth"], 1, year), year)
        value = f"{first.year:04d}-{first.month:02d}" if first else None
    else:
        return None
    return Timex("DATE", value, t.mod, t.calendar, {**info, "year_said": True}) if value \
        else None


def _attach(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    kind_a = _info(a).get("kind")
    timex = None
    year = _year_of(b)
    if year is not None and kind_a in ("day", "month", "hmonth") and \
            not _info(a).get("year_said") and _YEAR_JOIN.match(gap):
        timex = _in_year(a, year)
    elif kind_a == "weekday" and not _info(a)["rel"] and _WEEK_JOIN.match(gap) and \
            _info(b).get("kind") == "period" and _info(b).get("unit") == "W" and b.mod is None:
        year, week = b.value.split("-W")
        timex = Timex("DATE", iso(date.fromisocalendar(int(year), int(week), _info(a)["wd"])),
                      info={"kind": "day"})
    elif (kind_a == "weekday" and not _info(a)["rel"] or _info(a).get("relday")) and \
            _DATE_JOIN.fullmatch(gap) and _is_day(b) and "month" in _info(b):
        timex = b  # "أمس الإثنين 9 مارس": the date said
    elif kind_a == "pod" and _DATE_JOIN.fullmatch(gap) and _is_day(b) and "month" in _info(b):
        # "مساء يوم الأحد الفائت الحادي عشر من أغسطس": the part of the date said
        timex = Timex("TIME", f"{b.value}T{_info(a)['part']}", info=_info(a))
    return _joined(found, i, s1, e2, timex) if timex is not None else None


def _at(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, a, _ = found[i]
    clock_range = _CLOCK_RANGE.match(text, e1)
    if clock_range and (_is_day(a) or _info(a).get("kind") == "pod"):
        clock = _clock_said(clock_range.group("h1"), None)
        day = _weekday_over(text, s1, clock_range.end(), a)
        timex = _clock_on(_with_part(clock, clock_range.group("part")), day)
        return _covering(found, s1, clock_range.end(), timex) if timex else None
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    if _info(a).get("kind") == "clock" and (_is_day(b) or _info(b).get("kind") == "pod") \
            and _AT_AFTER.match(gap):
        timex = _clock_on(a, _weekday_over(text, s1, e2, b))
    elif _info(b).get("kind") == "clock" and (_is_day(a) or _info(a).get("kind") == "pod") \
            and _AT_BEFORE.match(gap):
        timex = _clock_on(b, _weekday_over(text, s1, e2, a))
    else:
        return None
    return _joined(found, i, s1, e2, timex) if timex is not None else None


def _weekday_over(text: str, start: int, end: int, day: Timex) -> Timex:
    """A bare weekday read again over the whole expression it is part of (alone, "الأحد من
    الساعة 8 حتى 10" is the next Sunday, as "الأحد" alone is); other days as they are."""
    info = _info(day)
    if info.get("kind") != "weekday" or info["rel"]:
        return day
    said = weekday_in(text, start, end, info["dct"], info["wd"], 0)
    return Timex(day.type, iso(said), day.mod, day.calendar, info)


def _clock_said(hour: str, day: Timex | None) -> Timex:
    """A clock time said as an hour word or digits (hh or hh:mm), on ``day`` or the
    document's (its date is replaced when it is put on a day)."""
    digits = to_ascii_digits(hour)
    digital = ":" in digits
    said = int(digits.split(":")[0]) if digits[0].isdigit() else int(lookup(HOUR_OF, hour))
    minutes = digits.split(":")[1] if digital else "00"
    hour_of_day = said if digital else hour_in_day(said, None)
    value = f"{day.value[:10] if day else '0000-00-00'}T{hour_of_day:02d}:{minutes}"
    return Timex("TIME", value, info={"kind": "clock", "part": None, "digital": digital,
                                      "said": said, "minutes": minutes})


def _with_part(clock: Timex, part_word: str | None) -> Timex:
    """A clock time read with the part of the day said after its range ("من 3 إلى 5
    العصر": 15:00), unless it said its own or is a 24-hour time."""
    info = _info(clock)
    if not part_word or info.get("part") or info.get("digital"):
        return clock
    part = str(lookup(CLOCK_PART_OF, part_word))
    hour = hour_in_day(int(info["said"]), part)
    return Timex("TIME", f"{clock.value[:11]}{hour:02d}:{info['minutes']}",
                 info={**info, "part": part})


def _moved(anchor: Timex, sign: int, amount: int, unit: str) -> Timex | None:
    """An anchor day moved by ``amount`` units (days, weeks: a day; months, years: the
    month or year)."""
    day = date.fromisoformat(anchor.value)
    if unit in _UNIT_DAYS:
        return Timex("DATE", iso(day + timedelta(days=sign * amount * _UNIT_DAYS[unit])),
                     info={"kind": "day"})
    if unit in ("M", "Y"):
        return Timex("DATE", period_value(unit, day, sign * amount))
    return None


def _amount(t: Timex) -> tuple[int, str] | None:
    info = _info(t)
    if info.get("kind") == "duration" and str(info.get("amount", "")).isdigit():
        return int(info["amount"]), info["unit"]
    return None


def _offset(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    # بعد يومين من عيد الفطر: an offset from the DCT, anchored instead
    if _info(a).get("kind") == "ago" and _info(a)["amount"] is not None and _is_day(b) and \
            _OFFSET_FROM.match(gap):
        info = _info(a)
        timex = _moved(b, info["sign"], info["amount"], info["unit"])
        return _joined(found, i, s1, e2, timex) if timex is not None else None
    # قبل عيد الأضحى بثلاثة أيام
    before = _BEFORE_AFTER.search(text, max(0, s1 - 6), s1)
    amount = _amount(b)
    if before and _is_day(a) and amount and _BY.match(gap):
        sign = -1 if before.group("dir").startswith("ق") else 1
        timex = _moved(a, sign, *amount)
        return _joined(found, i, before.start(), e2, timex) if timex is not None else None
    return None


def _period_days(t: Timex) -> tuple[date, date] | None:
    """The first and last days of a month or year constituent (a month, a Hijri month, a
    year, the month or year next to the DCT), else None."""
    info = _info(t)
    if info.get("kind") == "hmonth" and "first" in info:
        return info["first"], info["last"]
    if t.mod is None and re.fullmatch(r"\d{4}-\d{2}", t.value or "") and \
            (info.get("kind") == "month" or info.get("unit") == "M"):
        first = date(int(t.value[:4]), int(t.value[5:]), 1)
        return first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    if _year_of(t) is not None:
        return date(int(t.value), 1, 1), date(int(t.value), 12, 31)
    return None


def _ordinal_of(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    joint = _ORDINAL_FROM.match(gap)
    if _info(a).get("kind") != "nth_weekday" or joint is None:
        return None
    wd, nth = _info(a)["wd"], _info(a)["nth"]
    month = _period_days(b)
    if joint.group("dir") and _is_day(b):  # أول اثنين بعد عيد الفطر, ثالث يوم بعد العيد
        sign = -1 if joint.group("dir").startswith("ق") else 1
        anchor = date.fromisoformat(b.value)
        day = nth_weekday_from(anchor, wd, abs(nth), sign) if wd else \
            anchor + timedelta(days=sign * abs(nth))
    elif not joint.group("dir") and month:  # ثاني جمعة من رمضان, أول يوم من شهر رمضان
        first, last = month
        if wd is None:
            day = first + timedelta(days=nth - 1) if nth > 0 else last
        else:
            day = nth_weekday_from(first - timedelta(days=1), wd, nth, 1) if nth > 0 else \
                nth_weekday_from(last + timedelta(days=1), wd, 1, -1)
        if day > last:
            return None
    else:
        return None
    return _joined(found, i, s1, e2, Timex("DATE", iso(day), info={"kind": "day"}))


def _day_of(text: str, found: list[Found], i: int) -> list[Found] | None:
    """العاشر من رمضان, 5 من الشهر الجاي: a day number of a month constituent."""
    s1, e1, t, _ = found[i]
    month = _period_days(t) if _info(t).get("kind") != "year" else None
    m = _DAY_OF.search(text, max(0, s1 - 24), s1) if month else None
    if m is None or (i and found[i - 1][1] > m.start()):
        return None
    said = to_ascii_digits(m.group("d"))
    n = int(said) if said.isdigit() else int(lookup(ORDINAL_OF, m.group("d")))
    day = month[0] + timedelta(days=n - 1)
    if not 1 <= n <= (month[1] - month[0]).days + 1:
        return None
    info = {"kind": "day"} if _info(t).get("kind") == "hmonth" else \
        {"kind": "day", "month": day.month, "day": n, "year_said": True}
    return _covering(found, m.start(), e1, Timex("DATE", iso(day), calendar=t.calendar,
                                                 info=info))


def _range(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, a, _ = found[i]
    opener = _FROM.search(text, max(0, s1 - 10), s1)
    if opener and _info(a).get("kind") == "clock" and a.value and \
            (i == 0 or found[i - 1][1] <= opener.start()):  # من الساعة 10 إلى 12
        end = _RANGE_END.match(text, e1)
        if end and (i + 1 == len(found) or found[i + 1][0] >= end.end()) and \
                (end.group("part") or _info(_clock_said(end.group("h2"), None))["said"]):
            start = _with_part(a, end.group("part"))
            return _covering(found, opener.start(), end.end(), _ranged(start))
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    if a.type not in ("DATE", "TIME") or b.type not in ("DATE", "TIME") or \
            a.value is None or b.value is None:
        return None
    if opener is not None and opener.group("word").startswith("ب") and \
            _info(a).get("kind") == "year":
        return None  # "بين عامي 2011 و2012": two years (GUIDELINES 19), not a range
    clocks = _info(a).get("kind") == "clock" and _info(b).get("kind") == "clock"
    if opener is None or not ((_RANGE_JOIN if opener.group("word").startswith("م")
                               else _AND).match(gap) or clocks and _TO.match(gap)):
        return None
    start = _weekday_over(text, opener.start(), e2, a)
    if _info(a).get("kind") == "weekday" and _info(b).get("kind") == "weekday" and \
            not _info(a)["rel"] and _info(b)["rel"]:  # بين الأحد والثلاثاء المقبلين
        day = resolve_weekday(_info(a)["dct"], _info(a)["wd"], _info(b)["rel"])
        start = Timex("DATE", iso(day), info=_info(a))
    if _info(a).get("kind") == "clock" and _info(b).get("kind") == "clock" and \
            _info(a).get("part") is None and _info(b).get("part") and \
            not _info(a).get("digital"):
        hour = hour_in_day(int(_info(a)["said"]), _info(b)["part"])
        start = Timex("TIME", f"{a.value[:11]}{hour:02d}:{_info(a)['minutes']}",
                      info={**_info(a), "part": _info(b)["part"]})
    return _joined(found, i, opener.start(), e2, _ranged(start))


def _ranged(start: Timex) -> Timex:
    """A range valued by its start; it keeps the start's kind (a clock range can be put
    on a day)."""
    return Timex(start.type, start.value, start.mod, start.calendar,
                 {**_info(start), "range": True})


def _shared_range(text: str, found: list[Found], i: int) -> list[Found] | None:
    """من العاشر وحتى الخامس عشر من حزيران: a day number completed by the date after it."""
    s1, e1, t, _ = found[i]
    info = _info(t)
    if not (_is_day(t) and "month" in info):
        return None
    m = _SHARED_MONTH.search(text, max(0, s1 - 40), s1)
    if m is None or (i and found[i - 1][1] > m.start()):
        return None
    d1 = to_ascii_digits(m.group("d1"))
    first = int(d1) if d1.isdigit() else int(lookup(ORDINAL_OF, m.group("d1")))
    day = safe_date(int(t.value[:4]), info["month"], first)
    if day is None or first >= info["day"]:
        return None
    return _covering(found, m.start(), e1,
                     _ranged(Timex("DATE", iso(day), info={**info, "day": first})))


def _approx(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, t, form = found[i]
    word = _APPROX.search(text, max(0, s1 - 14), s1)
    if word is None or t.mod is not None or \
            (i and found[i - 1][1] > word.start()):
        return None
    mod = "MORE_THAN" if word.group("more") else "LESS_THAN" if word.group("less") else "APPROX"
    return found[:i] + [(word.start(), e1, Timex(t.type, t.value, mod, t.calendar, t.info),
                         form)] + found[i + 1:]


def _part_of(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, t, form = found[i]
    if t.mod is not None or t.type not in ("DATE", "TIME"):
        return None
    part = _PART_OF.search(text, max(0, s1 - 25), s1)
    if part is not None:
        mod = "START" if part.group("which").endswith("ى") else "END"
    elif re.fullmatch(r"\d{4}(?:-\d{2}|-W\d{2})?", t.value or "") and \
            _info(t).get("kind") in ("month", "hmonth", "year", "period"):
        part = _MOD_BEFORE.search(text, max(0, s1 - 12), s1)
        if part and fold(part.group("mod")) == fold("أول") and not _PERIOD_WORD.match(text, s1):
            part = None  # "أول أيار" is 1 May; "أول الشهر", "أول شهر سبعة" its start
        mod = str(lookup(_MOD_OF, part.group("mod"))) if part else None
    if part is None or (i and found[i - 1][1] > part.start()):
        return None
    return found[:i] + [(part.start(), e1, Timex(t.type, t.value, mod, t.calendar, t.info),
                         form)] + found[i + 1:]


def _head(text: str, found: list[Found], i: int) -> list[Found] | None:
    """اليوم اللي بعد بكرة: the relative day, with its head noun in the span."""
    s1, e1, t, form = found[i]
    head = _HEAD.search(text, max(0, s1 - 14), s1)
    if head is None or fold(text[s1:e1]) not in RELDAY_OF:  # read from the words: an
        return None  # undated document's constituents have no info
    return _covering(found, head.start(), e1, Timex(t.type, t.value, t.mod, t.calendar,
                                                    {**_info(t), "relday": False}))


_DURATION_PART = re.compile(r"(\d+)([YMWDHS])")


def _and(text: str, found: list[Found], i: int) -> list[Found] | None:
    """سنة وثلاثة أشهر, ساعتين و30 دقيقة, ساعة و15 دقيقة: durations of different units
    joined by و, one duration (P1Y3M, PT2H30M, PT1H15M); a singular unit before و is one
    of it."""
    s1, e1, b, _ = found[i]
    one = _UNIT_AND.search(text, max(0, s1 - 12), s1)
    if one and b.type == "DURATION" and (i == 0 or found[i - 1][1] <= one.start()):
        unit = str(lookup(UNIT_OF, one.group("unit")))
        value = _sum(duration_value(unit, "1"), b)
        return _covering(found, one.start(), e1, Timex("DURATION", value,
                                                       info={"kind": "duration"})) \
            if value else None
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    value = _sum(a.value, b) if a.type == "DURATION" and a.mod is None and a.value and \
        _AND_DURATION.match(gap) else None
    return _joined(found, i, s1, e2, Timex("DURATION", value, info={"kind": "duration"})) \
        if value else None


def _sum(first: str, b: Timex) -> str | None:
    """The duration ``first`` + ``b`` when their units differ and both are numbers."""
    if b.type != "DURATION" or b.mod is not None or not b.value or "X" in first + b.value:
        return None
    date_a, _, time_a = first[1:].partition("T")
    date_b, _, time_b = b.value[1:].partition("T")
    parts = {}
    for section, text_a, text_b in (("", date_a, date_b), ("T", time_a, time_b)):
        units_a = {u: n for n, u in _DURATION_PART.findall(text_a)}
        units_b = {u: n for n, u in _DURATION_PART.findall(text_b)}
        if set(units_a) & set(units_b):
            return None
        parts[section] = {**units_a, **units_b}
    value = "P" + "".join(f"{parts[''][u]}{u}" for u in "YMWD" if u in parts[""])
    if parts["T"]:
        value += "T" + "".join(f"{parts['T'][u]}{u}" for u in "HMS" if u in parts["T"])
    return value


def _gloss(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    closing = _CLOSE.match(text, e2)
    month = a.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}", a.value or "")
    if not (month and _is_day(b) and b.value[5:7] == a.value[5:7] and _OPEN.match(gap)
            and closing):
        return None
    return _joined(found, i, s1, closing.end(), b)


OPERATORS = (_attach, _at, _offset, _ordinal_of, _day_of, _range, _shared_range, _and,
             _gloss, _part_of, _head, _approx)
"""The operators, in the order they are tried on a constituent (the first that applies
wins): attach before at, so that a weekday takes its date before the date its time."""
