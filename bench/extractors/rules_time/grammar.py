"""Rules of the Arabic temporal tagger: patterns and how each is normalised to TIMEX3.

Each rule is a regular expression over the text (tolerant of spelling variants)
and a function from its match to a TIMEX3 (type, value, mod, calendar). Values
are resolved against the document date through :class:`Context`, which records
whether the date was needed: that is the expression's ``form``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w


@dataclass
class Timex:
    type: str
    value: str
    mod: str | None = None
    calendar: str | None = None


class Context:
    """The document date, and whether a rule needed it (then the expression is relative)."""

    def __init__(self, dct: date):
        self._dct = dct
        self.used = False

    @property
    def dct(self) -> date:
        self.used = True
        return self._dct


@dataclass
class Rule:
    name: str
    regex: re.Pattern
    normalise: Callable[[re.Match, Context], Timex | None]
    group: str | None = None  # the span is this group, not the whole match


# --- tables -----------------------------------------------------------------------------
MONTH_OF = table({name: n for n, names in lx.MONTHS.items() for name in names})
HMONTH_OF = table({name: n for n, names in lx.HIJRI_MONTHS.items() for name in names})
WEEKDAY_OF = table({name: n for n, names in lx.WEEKDAYS.items() for name in names})
ORDINAL_OF = table(lx.ORDINAL_DAYS)
NUMBER_OF = table({**lx.UNITS, **lx.TEENS, **lx.TENS, **lx.HUNDREDS})
UNIT_OF = table({form: unit for unit, forms in lx.UNITS_OF_TIME.items()
                 for group in forms for form in group})
DUAL = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[1]}
PLURAL = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[2]}
MOD_OF = table(lx.MODIFIERS)
POD_OF = table(lx.PARTS_OF_DAY)
PART_ADVERB_OF = table(lx.PART_ADVERBS)
SEASON_OF = table(lx.SEASONS)
REF_OF = table(lx.REFS)
SET_OF = table(lx.SETS)
HOLIDAY_OF = table(lx.HOLIDAYS)
HHOLIDAY_OF = table(lx.HIJRI_HOLIDAYS)
PAST = {fold(x) for x in lx.PAST + ("الماضيين", "الماضيتين", "الأخيرين")}
FUTURE = {fold(x) for x in lx.FUTURE + ("المقبلين", "المقبلتين", "القادمين")}

# --- patterns ---------------------------------------------------------------------------
ALL_MONTHS = [m for names in lx.MONTHS.values() for m in names]
# names that are also common words ("مارس" practised, "آب"/"أب" father, "ماي") stand alone
# only after "شهر"; with a day or a year they are safe
AMBIGUOUS_MONTHS = {"مارس", "آب", "ماي", "أوت"}
MONTH = alt(ALL_MONTHS)
# a second name of the same month: أيار مايو, كانون الأول (ديسمبر), ايار/مايو
MONTH_GLOSS = rf"(?:\s*[(/-]?\s*{MONTH}(?:\s*\))?)?"
MONTH_WORD_NUMBERS = {**{k: v for k, v in {**lx.UNITS, **lx.TEENS}.items() if v <= 12},
                      "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
                      "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
                      "الحادي عشر": 11, "الثاني عشر": 12}
MONTH_NUMBER_OF = table(MONTH_WORD_NUMBERS)
# شهر 3, شهر ثلاثة, الشهر الثامن
MONTH_ORDINALS = [k for k in MONTH_WORD_NUMBERS if k.startswith("ال")]
MONTH_NUMBER_P = (rf"(?:{w('شهر')}\s+(?P<mnum>{DIGIT}{{1,2}}(?!{DIGIT})|{alt(MONTH_WORD_NUMBERS)})"
                  rf"|{w('الشهر')}\s+(?P<mord>{alt(MONTH_ORDINALS)}))")
MONTH_P = rf"(?:(?:{w('شهر')}\s+)?(?P<month>{MONTH}){MONTH_GLOSS}|{MONTH_NUMBER_P})"
SAFE_MONTH_P = (rf"(?:{MONTH_NUMBER_P}|{w('شهر')}\s+(?P<month>{MONTH})|"
                rf"(?P<month_safe>{alt(m for m in ALL_MONTHS if m not in AMBIGUOUS_MONTHS)}))"
                + MONTH_GLOSS)
YEAR_WORD = alt(["عام", "سنة", "العام", "السنة"])
YEAR_P = rf"(?:(?:{w('من')}\s+|ل)?{YEAR_WORD}\s+)?(?P<year>{DIGIT}{{4}})(?:\s*م(?!\w))?"
STRICT_YEAR_P = rf"{YEAR_WORD}\s+(?P<year>{DIGIT}{{4}})(?:\s*م(?!\w))?"
REL = alt(lx.PAST + lx.FUTURE + ("الماضيين", "الماضيتين", "المقبلين", "المقبلتين",
                                  "القادمين", "الأخيرين"))
CUR = alt(lx.CURRENT)
DAY_P = rf"(?:(?P<day>{DIGIT}{{1,2}})|(?P<oday>{alt(lx.ORDINAL_DAYS)}))"
ALL_WEEKDAYS = [n for names in lx.WEEKDAYS.values() for n in names]
WEEKDAY_P = rf"(?P<weekday>{alt(n for n in ALL_WEEKDAYS if n.startswith('ال'))})"
MOD_P = rf"(?:(?P<mod>{alt(lx.MODIFIERS)})\s+(?:{w('من')}\s+)?)?"
HYEAR_P = rf"(?P<hyear>{DIGIT}{{3,4}})\s*(?:هـ|ه(?!\w)|{w('هجري')}|{w('هجرية')}|{w('للهجرة')})"
NUMBER_WORDS = alt(list(lx.UNITS) + list(lx.TEENS) + list(lx.TENS) + list(lx.HUNDREDS))
NUMBER_P = rf"(?P<num>{DIGIT}+|{NUMBER_WORDS}(?:\s+و\s*{NUMBER_WORDS})?)"
UNIT_SING = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[0])
UNIT_DUAL = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[1])
UNIT_PLURAL = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[2])
UNIT_ANY = alt(f for forms in lx.UNITS_OF_TIME.values() for g in forms for f in g)


# --- value helpers ----------------------------------------------------------------------
def iso(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    year, wk, _ = d.isocalendar()
    return f"{year}-W{wk:02d}"


def number(text: str) -> int | None:
    text = to_ascii_digits(text.strip())
    if text.isdigit():
        return int(text)
    total = 0
    for part in re.split(r"\s+و\s*", text):
        try:
            total += int(lookup(NUMBER_OF, part))  # type: ignore[arg-type]
        except KeyError:
            return None
    return total


def direction(word: str | None) -> int:
    """-1 past, +1 future, 0 current or none."""
    if not word:
        return 0
    key = fold(word)
    return -1 if key in PAST else 1 if key in FUTURE else 0


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_of(m: re.Match) -> int:
    g = m.groupdict()
    number_word = g.get("mnum") or g.get("mord")
    if number_word:
        digits = to_ascii_digits(number_word)
        return int(digits) if digits.isdigit() else int(lookup(MONTH_NUMBER_OF, number_word))
    return int(lookup(MONTH_OF, g.get("month") or g.get("month_safe")))


def day_of(m: re.Match) -> int:
    if m.group("day"):
        return int(to_ascii_digits(m.group("day")))
    return int(lookup(ORDINAL_OF, m.group("oday")))


def modded(m: re.Match, timex: Timex) -> Timex:
    mod = m.groupdict().get("mod")
    if mod:
        timex.mod = str(lookup(MOD_OF, mod))
    return timex


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


# --- normalisers ------------------------------------------------------------------------
def n_full_date(m: re.Match, ctx: Context) -> Timex | None:
    month, day = month_of(m), day_of(m)
    if m.group("year"):
        d = safe_date(int(to_ascii_digits(m.group("year"))), month, day)
    else:
        ref, rel = ctx.dct, direction(m.group("rel"))
        year = ref.year
        if rel < 0 and (month, day) >= (ref.month, ref.day):
            year -= 1
        elif rel > 0 and (month, day) <= (ref.month, ref.day):
            year += 1
        d = safe_date(year, month, day)
    return Timex("DATE", iso(d)) if d else None


def n_month(m: re.Match, ctx: Context) -> Timex | None:
    month = month_of(m)
    if not 1 <= month <= 12:
        return None
    if m.groupdict().get("year"):
        year = int(to_ascii_digits(m.group("year")))
    else:
        ref, rel = ctx.dct, direction(m.groupdict().get("rel"))
        year = ref.year
        if rel < 0 and month >= ref.month:
            year -= 1
        elif rel > 0 and month <= ref.month:
            year += 1
    return modded(m, Timex("DATE", f"{year:04d}-{month:02d}"))


def n_numeric(m: re.Match, ctx: Context) -> Timex | None:
    g = {k: int(to_ascii_digits(v)) for k, v in m.groupdict().items() if v}
    d = safe_date(g["y"], g["m"], g["d"])
    return Timex("DATE", iso(d)) if d else None


def n_year(m: re.Match, ctx: Context) -> Timex:
    return modded(m, Timex("DATE", f"{int(to_ascii_digits(m.group('year'))):04d}"))


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


def resolve_weekday(ref: date, weekday: int, rel: int) -> date:
    delta = weekday - ref.isoweekday()
    if rel < 0:
        delta = -((ref.isoweekday() - weekday) % 7 or 7)
    elif rel > 0:
        delta = delta % 7 or 7
    else:  # bare: the nearest such day, three days either side
        delta = (delta + 3) % 7 - 3
    return ref + timedelta(days=delta)


def n_weekday(m: re.Match, ctx: Context) -> Timex:
    wd = int(lookup(WEEKDAY_OF, m.group("weekday")))
    return Timex("DATE", iso(resolve_weekday(ctx.dct, wd, direction(m.groupdict().get("rel")))))


RELATIVE_DAYS = {"اليوم": 0, "هذا اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1,
                 "أول أمس": -2, "أول من أمس": -2, "قبل أمس": -2, "غدا": 1, "غد": 1, "الغد": 1,
                 "بكرة": 1, "بعد غد": 2, "بعد الغد": 2, "بعد غدا": 2, "بعد بكرة": 2}
RELATIVE_DAYS.update({f"اليوم {word}": -1 for word in ("الماضي", "السابق", "المنصرم")})
RELATIVE_DAYS.update({f"اليوم {word}": 1 for word in ("التالي", "المقبل")})
RELDAY_OF = table(RELATIVE_DAYS)
RELDAY_P = rf"(?P<relday>{alt(RELATIVE_DAYS)})"


def n_relday(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", iso(ctx.dct + timedelta(days=int(lookup(RELDAY_OF, m.group("relday"))))))


def n_tonight(m: re.Match, ctx: Context) -> Timex:
    return Timex("TIME", iso(ctx.dct) + "TNI")


def n_part_of_day(m: re.Match, ctx: Context) -> Timex | None:
    part = str(lookup(POD_OF, m.group("pod")))
    if m.group("relday"):
        day = n_relday(m, ctx)
    else:
        day = n_weekday(m, ctx)
    return Timex("TIME", f"{day.value}T{part}")


HOURS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
         "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
         "الحادية عشر": 11, "الثانية عشرة": 12, "الثانية عشر": 12}
HOUR_OF = table({**HOURS, **{k: v for k, v in {**lx.UNITS, **lx.TEENS}.items() if v <= 12}})
FRACTIONS = {"والنصف": 30, "ونصف": 30, "والربع": 15, "وربع": 15, "وثلث": 20, "والثلث": 20,
             "إلا ربع": -15, "إلا ربعا": -15, "الا ربع": -15, "إلا الربع": -15,
             "إلا ثلث": -20, "الا ثلث": -20, "إلا الثلث": -20}
FRACTION_OF = table(FRACTIONS)
PART_ADVERB_P = rf"(?P<part>{alt(lx.PART_ADVERBS)})"
CLOCK_DIGITS = rf"(?P<hh>{DIGIT}{{1,2}})(?::(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?)?"


def n_clock(m: re.Match, ctx: Context) -> Timex | None:
    g = m.groupdict()
    day = iso(ctx.dct)
    if g.get("relday"):
        day = n_relday(m, ctx).value
    elif g.get("weekday"):
        day = n_weekday(m, ctx).value
    if g.get("hh"):
        hour = int(to_ascii_digits(g["hh"]))
        minute = int(to_ascii_digits(g.get("mm") or "0"))
    else:
        hour, minute = int(lookup(HOUR_OF, g["hword"])), 0
    if g.get("frac"):
        minute += int(lookup(FRACTION_OF, g["frac"]))
        if minute < 0:
            hour, minute = hour - 1, minute + 60
    if g.get("dmin"):
        minute = number(g["dmin"]) or 0
    part = lookup(PART_ADVERB_OF, g["part"]) if g.get("part") else None
    if part in ("AF", "EV", "NI") and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    seconds = f":{int(to_ascii_digits(m.group('ss'))):02d}" if m.groupdict().get("ss") else ""
    return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}{seconds}")


PERIODS = {"العام": "Y", "السنة": "Y", "الشهر": "M", "الأسبوع": "W", "العقد": "DE",
           "القرن": "CE"}
PERIOD_OF = table(PERIODS)
PERIOD_P = rf"(?P<period>{alt(PERIODS)})"


def period_value(unit: str, ref: date, offset: int) -> str:
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


def n_period(m: re.Match, ctx: Context) -> Timex:
    unit = str(lookup(PERIOD_OF, m.group("period")))
    offset = direction(m.groupdict().get("rel"))
    return modded(m, Timex("DATE", period_value(unit, ctx.dct, offset)))


def n_weekend(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", period_value("W", ctx.dct, direction(m.groupdict().get("rel"))) + "-WE")


def duration_value(unit: str, amount: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def n_duration(m: re.Match, ctx: Context) -> Timex | None:
    unit_word = m.group("unit")
    unit = str(lookup(UNIT_OF, unit_word))
    if m.groupdict().get("num"):
        amount = number(m.group("num"))
        if amount is None:
            return None
        value = str(amount)
    elif m.groupdict().get("few") or fold(unit_word) in PLURAL:
        value = "X"
    elif fold(unit_word) in DUAL:
        value = "2"
    else:
        value = "1"
    return Timex("DURATION", duration_value(unit, value))


def n_ago(m: re.Match, ctx: Context) -> Timex | None:
    """قبل ثلاثة أيام / بعد أسبوعين: a date at the unit's granularity."""
    d = n_duration(m, ctx)
    if d is None or "X" in d.value:
        return None
    amount = int(re.sub(r"\D", "", d.value))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    sign = -1 if fold(m.group("dir")) == fold("قبل") else 1
    ref = ctx.dct
    if unit == "D":
        return Timex("DATE", iso(ref + timedelta(days=sign * amount)))
    if unit in ("W", "M", "Y", "DE", "CE"):
        return Timex("DATE", period_value(unit, ref, sign * amount))
    return None


def n_century(m: re.Match, ctx: Context) -> Timex | None:
    """القرن العشرين -> 19 (the century's two leading digits)."""
    n = int(lookup(ORDINAL_OF, m.group("oday")))
    return modded(m, Timex("DATE", f"{n - 1:02d}")) if n > 1 else None


def n_refs_plural(m: re.Match, ctx: Context) -> Timex:
    rel = direction(m.group("rel"))
    unit_word = fold(m.group("unit"))[2:]  # without the article
    if m.groupdict().get("num") or fold(unit_word) in DUAL:
        amount = number(m.group("num")) if m.groupdict().get("num") else 2
        unit = str(lookup(UNIT_OF, unit_word))
        return Timex("DURATION", duration_value(unit, str(amount)))
    return Timex("DATE", "PAST_REF" if rel < 0 else "FUTURE_REF")


def n_ref(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", str(lookup(REF_OF, m.group("ref"))))


def n_set(m: re.Match, ctx: Context) -> Timex | None:
    if m.groupdict().get("weekday"):
        return Timex("SET", f"XXXX-WXX-{lookup(WEEKDAY_OF, m.group('weekday'))}")
    if m.groupdict().get("adverb"):
        return Timex("SET", str(lookup(SET_OF, m.group("adverb"))))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    return Timex("SET", duration_value(unit, "1"))


def n_set_every(m: re.Match, ctx: Context) -> Timex | None:
    """كل عامين -> P2Y, كل ثلاثة أشهر -> P3M."""
    d = _n_duration_any(_Override(m, {"unit_plural": None, "unit_bare": None, "few": None}), ctx)
    return Timex("SET", d.value) if d else None


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


DECADES = {"العشرينيات": 2, "العشرينات": 2, "الثلاثينيات": 3, "الثلاثينات": 3,
           "الأربعينيات": 4, "الأربعينات": 4, "الخمسينيات": 5, "الخمسينات": 5,
           "الستينيات": 6, "الستينات": 6, "السبعينيات": 7, "السبعينات": 7,
           "الثمانينيات": 8, "الثمانينات": 8, "التسعينيات": 9, "التسعينات": 9}
DECADE_OF = table(DECADES)


def n_decade(m: re.Match, ctx: Context) -> Timex:
    """Decades of the last century unless the text says otherwise (e.g. القرن الحالي)."""
    tens = int(lookup(DECADE_OF, m.group("decade")))
    century = 19
    if m.group("century") and direction(m.group("century")) == 0 and \
            fold(m.group("century")) in {fold(x) for x in ("الحالي", "الحادي والعشرين")}:
        century = 20
    return modded(m, Timex("DATE", f"{century}{tens}"))


def n_holiday(m: re.Match, ctx: Context) -> Timex | None:
    year = int(to_ascii_digits(m.group("year"))) if m.group("year") else None
    if m.group("easter"):
        return Timex("DATE", iso(easter(year if year else ctx.dct.year)))
    if m.group("holiday"):
        month, day = lookup(HOLIDAY_OF, m.group("holiday"))  # type: ignore[misc]
        d = safe_date(year if year else ctx.dct.year, month, day)
        return Timex("DATE", iso(d)) if d else None
    hmonth, hday = lookup(HHOLIDAY_OF, m.group("hholiday"))  # type: ignore[misc]
    target = year if year else ctx.dct.year
    from hijridate import Gregorian

    hyear = Gregorian(target, 6, 30).to_hijri().year
    candidates = [d for y in (hyear - 1, hyear, hyear + 1)
                  if (d := hijri_to_gregorian(y, hmonth, hday)) and d.year == target]
    if not candidates:
        return None
    ref = date(target, 6, 30) if year else ctx.dct
    return Timex("DATE", iso(min(candidates, key=lambda d: abs((d - ref).days))))


NTH = {"أول": 1, "ثاني": 2, "ثان": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "آخر": -1, "أخير": -1}
NTH_ADJ = {"الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
           "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5, "الأخير": -1, "الأخيرة": -1}
NTH_OF = table({**NTH, **NTH_ADJ})
BARE_WEEKDAY = alt(n for names in lx.WEEKDAYS.values() for n in names if not n.startswith("ال"))


def _month_and_year(m: re.Match, ctx: Context) -> tuple[int, int] | None:
    g = m.groupdict()
    if g.get("prel"):
        value = period_value("M", ctx.dct, direction(g["prel"]))
        return int(value[5:7]), int(value[:4])
    month = month_of(m)
    year = int(to_ascii_digits(g["year"])) if g.get("year") else ctx.dct.year
    return (month, year) if 1 <= month <= 12 else None


def n_nth_in_month(m: re.Match, ctx: Context) -> Timex | None:
    """أول ثلاثاء من شهر عشرة, الاثنين الأخير من آذار, آخر يوم من الشهر المقبل."""
    found = _month_and_year(m, ctx)
    if found is None:
        return None
    month, year = found
    nth = int(lookup(NTH_OF, m.group("nth")))
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    weekday = m.groupdict().get("weekday") or m.groupdict().get("bare_weekday")
    if not weekday:  # a day of the month
        d = last if nth < 0 else safe_date(year, month, nth)
    else:
        wd = int(lookup(WEEKDAY_OF, weekday))
        if nth < 0:
            d = last - timedelta(days=(last.isoweekday() - wd) % 7)
        else:
            d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
            d = d if d.month == month else None
    return Timex("DATE", iso(d)) if d else None


def n_weekday_day(m: re.Match, ctx: Context) -> Timex | None:
    """الأحد السابع عشر: a weekday and a day number, in the document's month."""
    d = safe_date(ctx.dct.year, ctx.dct.month, day_of(m))
    return Timex("DATE", iso(d)) if d else None


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


DEFINITE_UNITS = ["ال" + f for v in lx.UNITS_OF_TIME.values() for f in v[1] + v[2]]
DURATION_TRIGGERS = ["لمدة", "مدة", "طوال", "طيلة", "خلال", "منذ", "نحو", "حوالي"]
YEAR_PREPOSITIONS = ["في", "منذ", "حتى", "خلال", "قبل", "بعد", "مطلع", "نهاية"]
CENTURY_WORDS = ["الماضي", "العشرين", "الحالي", "الحادي والعشرين"]


# --- the rules --------------------------------------------------------------------------
def _rules() -> list[Rule]:
    def r(name, pattern, normalise, group=None) -> Rule:
        return Rule(name, re.compile(pattern), normalise, group)

    s = r"\s+"
    of = rf"(?:{w('من')}\s+)?"
    D2 = rf"{DIGIT}{{1,2}}"  # noqa: N806
    weekday_prefix = (rf"(?:{WEEKDAY_P}\s*[،,]?\s*(?:{alt(['الموافق', 'في'])}\s+)?"
                      rf"|{w('اليوم')}\s+(?=ال))?")  # اليوم الثالث من اكتوبر
    of_in = rf"{alt(['من', 'في'])}{s}"
    in_month = (rf"{s}(?:{of_in}|ب)(?:{MONTH_P}|{w('الشهر')}{s}(?P<prel>{REL}|{CUR}))"
                rf"(?:{s}(?:{of_in})?{YEAR_P})?")
    day_prefix = rf"(?:(?:{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?|{RELDAY_P}){s})?"
    return [
        r("full_date", rf"{weekday_prefix}{DAY_P}{s}{of}{MONTH_P}"
                       rf"(?:{s}{of}{YEAR_P}|{s}(?P<rel>{REL}|{CUR}))?",
          n_full_date),
        r("numeric_dmy", rf"(?P<d>{D2})[/.-](?P<m>{D2})[/.-](?P<y>{DIGIT}{{4}})", n_numeric),
        r("numeric_ymd", rf"(?P<y>{DIGIT}{{4}})[/.-](?P<m>{D2})[/.-](?P<d>{D2})", n_numeric),
        r("hijri", rf"{MOD_P}(?:{DAY_P}{s}{of})?(?:{w('شهر')}\s+)?"
                   rf"(?P<hmonth>{alt(n for names in lx.HIJRI_MONTHS.values() for n in names)})"
                   rf"{s}(?:{of}{YEAR_WORD}\s+)?{HYEAR_P}", n_hijri),
        r("hijri_year", rf"{MOD_P}{YEAR_WORD}\s+{HYEAR_P}", n_hijri),
        r("month_year", rf"{MOD_P}{MONTH_P}{s}{of}{YEAR_P}", n_month),
        r("month_rel", rf"{MOD_P}{MONTH_P}{s}(?P<rel>{REL})", n_month),
        r("month", rf"{MOD_P}{SAFE_MONTH_P}", n_month),
        r("year", rf"{MOD_P}{STRICT_YEAR_P}", n_year),
        r("weekday", rf"{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?", n_weekday),
        r("part_of_day", rf"(?P<pod>{alt(lx.PARTS_OF_DAY)}){s}(?:{RELDAY_P}|{WEEKDAY_P}"
                         rf"(?:{s}(?P<rel>{REL}))?)", n_part_of_day),
        r("tonight", rf"(?:{w('هذه')}\s+)?{w('الليلة')}", n_tonight),
        r("relday", RELDAY_P, n_relday),
        r("nth_in_month", rf"(?:(?P<nth>{alt(NTH)}){s}"
                          rf"(?:(?P<bare_weekday>{BARE_WEEKDAY})|{w('يوم')})"
                          rf"|(?:{WEEKDAY_P}|{w('اليوم')}){s}(?P<nth_adj>{alt(NTH_ADJ)}))"
                          rf"{in_month}",
          lambda m, ctx: n_nth_in_month(_Override(m, {"nth": m.group("nth") or m.group("nth_adj")}),
                                        ctx)),
        r("weekday_day", rf"{WEEKDAY_P}{s}{DAY_P}", n_weekday_day),
        r("hour_part", rf"{day_prefix}(?P<hword>{alt(HOURS)}){s}{PART_ADVERB_P}", n_clock),
        r("clock", rf"{day_prefix}{w('الساعة')}{s}(?:{CLOCK_DIGITS}|(?P<hword>{alt(HOUR_OF)}))"
                   rf"(?:\s*(?P<frac>{alt(FRACTIONS)}))?"
                   rf"(?:\s*و\s*(?P<dmin>{DIGIT}+|{NUMBER_WORDS}(?:\s+و\s*{NUMBER_WORDS})?)"
                   rf"{s}{alt(['دقيقة', 'دقائق'])})?(?:{s}{PART_ADVERB_P})?", n_clock),
        r("time_colon", rf"(?P<hh>{DIGIT}{{1,2}}):(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?"
                        rf"(?:{s}{PART_ADVERB_P})?", n_clock),
        r("period", rf"{MOD_P}{PERIOD_P}{s}(?P<rel>{REL}|{CUR})", n_period),
        r("period_mod", rf"(?P<mod>{alt(lx.MODIFIERS)}){s}{PERIOD_P}", n_period),
        r("this_period", rf"{MOD_P}{alt(['هذا', 'هذه'])}{s}{PERIOD_P}", n_period),
        r("weekend", rf"{w('نهاية الأسبوع')}(?:{s}(?P<rel>{REL}|{CUR}))?", n_weekend),
        r("ago", rf"(?P<dir>{alt(['قبل', 'بعد'])}){s}(?:{NUMBER_P}{s})?(?P<unit>{UNIT_ANY})",
          n_ago),
        r("refs_plural", rf"(?P<unit>{alt(DEFINITE_UNITS)})"
                         rf"(?:{s}(?:الـ\s*|ال)?{NUMBER_P})?{s}(?P<rel>{REL})", n_refs_plural),
        r("duration", rf"(?:(?:{NUMBER_P}|(?P<few>{alt(lx.FEW)})){s}(?P<unit>{UNIT_ANY})|"
                      rf"(?P<unit_dual>{UNIT_DUAL})|(?P<unit_plural>{UNIT_PLURAL})|"
                      # singulars that are rarely anything but a unit of time
                      rf"(?P<unit_bare>{alt(['أسبوع', 'دقيقة'])}|{w('شهر')}(?!\s+(?:{MONTH}|"
                      rf"{alt(n for v in lx.HIJRI_MONTHS.values() for n in v)}|{DIGIT}))))",
          _n_duration_any),
        r("duration_after", rf"{alt(DURATION_TRIGGERS)}"
                            rf"{s}(?P<span>(?P<unit>{UNIT_SING}))(?!\s*{DIGIT})", n_duration,
          group="span"),
        r("year_m", rf"(?P<year>{DIGIT}{{4}})\s*م(?!\w)", n_year),  # 2002م
        # a bare year after a preposition: في 2004, منذ 1990 (not "2500 جندي")
        r("year_after_prep", rf"{alt(YEAR_PREPOSITIONS)}{s}"
                             rf"(?P<span>(?P<year>(?:1[89]|20){DIGIT}{{2}}))(?!\s*[\w%])",
          n_year, group="span"),
        r("century", rf"{MOD_P}{w('القرن')}{s}(?P<oday>{alt(lx.ORDINAL_DAYS)})", n_century),
        r("relday_weekday", rf"{RELDAY_P}{s}{WEEKDAY_P}", n_relday),
        r("ref", rf"(?P<ref>{alt(lx.REFS)})", n_ref),
        r("set_every_n", rf"{w('كل')}{s}(?:{NUMBER_P}{s}(?P<unit>{UNIT_ANY})"
                         rf"|(?P<unit_dual>{UNIT_DUAL}))",
          n_set_every),
        r("set", rf"(?:{w('كل')}{s}(?:(?:{w('يوم')}{s})?(?P<weekday>{alt(ALL_WEEKDAYS)})"
                 rf"|(?P<unit>{UNIT_SING}))|"
                 rf"(?P<adverb>{alt(lx.SETS)}))", n_set),
        r("quarter", rf"(?P<kind>{alt(['الربع', 'النصف'])}){s}(?P<which>{alt(QUARTERS)})"
                     rf"(?:{s}{of}(?:{YEAR_P}|{alt(['العام', 'السنة'])}{s}"
                     rf"(?P<rel>{REL}|{CUR})))?",
          n_quarter),
        r("season", rf"{MOD_P}(?:{w('فصل')}\s+)?(?P<season>{alt(lx.SEASONS)}){s}"
                    rf"(?:{of}{YEAR_P}|(?P<rel>{REL}|{CUR}))", n_season),
        r("decade", rf"{MOD_P}(?:{w('عقد')}\s+)?(?P<decade>{alt(DECADES)})"
                    rf"(?:{s}{of}{w('القرن')}{s}(?P<century>{alt(CENTURY_WORDS)}))?",
          n_decade),
        r("holiday", rf"(?:(?P<holiday>{alt(lx.HOLIDAYS)})|(?P<hholiday>{alt(lx.HIJRI_HOLIDAYS)})"
                     rf"|(?P<easter>{w('عيد الفصح')}))"
                     rf"(?:{s}(?:{of}{YEAR_WORD}\s+)?(?P<year>{DIGIT}{{4}}))?", n_holiday),
    ]


def _n_duration_any(m: re.Match, ctx: Context) -> Timex | None:
    unit = m.group("unit") or m.group("unit_dual") or m.group("unit_plural") or \
        m.group("unit_bare")
    fake = _Override(m, {"unit": unit})
    return n_duration(fake, ctx)  # type: ignore[arg-type]


class _Override:
    """A match whose named groups are partly replaced (several groups mean one thing)."""

    def __init__(self, match: re.Match, groups: dict[str, str | None]):
        self._m, self._g = match, groups

    def group(self, name):
        return self._g[name] if name in self._g else self._m.group(name)

    def groupdict(self):
        return {**self._m.groupdict(), **self._g}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The compiled rules, built on first use (about a second: large alternations)."""
    return tuple(_rules())
