"""Clock times: digits, hour words with fractions or minutes, a part of the day after, a
time zone; midnight and noon."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    GENITIVE,
    NUMBER_WORDS,
    REL,
    WEEKDAY_P,
    S,
    number,
    unnamed,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.relative_days import RELDAY_P, n_relday
from bench.extractors.rules_time.rule import Context, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
)
from bench.extractors.rules_time.weekdays import n_weekday

HOURS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
         "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
         "الحادية عشر": 11, "الثانية عشرة": 12, "الثانية عشر": 12}
_CARDINAL_HOURS = {k: v for k, v in {**lx.UNITS, **lx.TEENS, **lx.DIALECT_NUMBERS}.items()
                   if v <= 12}
# the cardinal with the article too, as dialects say it: "الساعة الخمسة"
HOUR_OF = table({**HOURS, **_CARDINAL_HOURS,
                 **{"ال" + k: v for k, v in _CARDINAL_HOURS.items() if " " not in k}})
FRACTIONS = {"والنصف": 30, "ونصف": 30, "ونص": 30, "والنص": 30, "والربع": 15, "وربع": 15,
             "وثلث": 20, "والثلث": 20, "وتلت": 20,
             "إلا ربع": -15, "إلا ربعا": -15, "إلا الربع": -15, "الا ربع": -15,
             "إلا ثلث": -20, "إلا ثلثا": -20, "إلا الثلث": -20, "الا ثلث": -20,
             "الا تلت": -20}
FRACTION_OF = table(FRACTIONS)
CLOCK_PART_OF = table(lx.CLOCK_PARTS)
# Maghrebi "of" may join them: "الساعة 9 د الليل"
CLOCK_PART_P = rf"(?:{GENITIVE}\s+)?(?P<part>{alt(lx.CLOCK_PARTS)})"
CLOCK_DIGITS = rf"(?P<hh>{DIGIT}{{1,2}})(?::(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?)?"
MINUTE_WORDS = rf"(?:{DIGIT}{{1,2}}|{NUMBER_WORDS}(?:\s+و\s*{NUMBER_WORDS})?)"
# after the hour: a fraction, "and N minutes", or "less N minutes"
CLOCK_TAIL_REQUIRED = (rf"(?:\s*(?P<frac>{alt(FRACTIONS)})"
                       rf"|\s*و\s*(?P<dmin>{MINUTE_WORDS})\s+{alt(['دقيقة', 'دقائق'])}"
                       rf"|\s+{alt(['إلا', 'الا'])}\s+(?P<less>{MINUTE_WORDS})"
                       rf"\s+{alt(['دقيقة', 'دقائق'])})")
# minutes without دقيقة only in words ("التاسعة وعشرة"): "الساعة 9 و 11" is a range
CLOCK_TAIL = (rf"(?:\s*(?P<frac>{alt(FRACTIONS)})"
              rf"|\s*و\s*(?P<dmin>{MINUTE_WORDS})"
              rf"(?:(?<!{DIGIT})|(?=\s+{alt(['دقيقة', 'دقائق'])}))"
              rf"(?:\s+{alt(['دقيقة', 'دقائق'])})?"
              rf"|\s+{alt(['إلا', 'الا'])}\s+(?P<less>{MINUTE_WORDS})"
              rf"(?:\s+{alt(['دقيقة', 'دقائق'])})?)?")



def hour_in_day(hour: int, part: str | None) -> int:
    """A 12-hour clock hour read with the part of the day named after it
    (:data:`lexicon.CLOCK_PARTS`); without one, 1-6 are afternoon hours (a meeting "at
    three" is at 15:00) and 7-12 morning or noon."""
    if part is None:
        return hour + 12 if 1 <= hour <= 6 else hour
    if part == "AM":
        return 0 if hour == 12 else hour
    if part == "NOON":
        return hour + 12 if 1 <= hour <= 5 else hour
    if part == "NIGHT":
        return 0 if hour == 12 else hour if hour <= 4 else hour + 12 if hour < 12 else hour
    return hour + 12 if hour < 12 else hour  # PM


def n_clock(m: re.Match, ctx: Context) -> Timex | None:
    g = m.groupdict()
    day = iso(ctx.dct)
    if g.get("relday"):
        day = n_relday(m, ctx).value
    elif g.get("weekday"):
        day = n_weekday(m, ctx).value
    digital = bool(g.get("hh") and g.get("mm"))
    if g.get("hh"):
        hour = int(to_ascii_digits(g["hh"]))
        minute = int(to_ascii_digits(g.get("mm") or "0"))
    else:
        hour, minute = int(lookup(HOUR_OF, g["hword"])), 0
    if g.get("frac"):
        minute += int(lookup(FRACTION_OF, g["frac"]))
    if g.get("dmin"):
        minute = number(g["dmin"]) or 0
    if g.get("less"):
        minute = -(number(g["less"]) or 0)
    if minute < 0:
        hour, minute = hour - 1, minute + 60
        if hour == 0:
            hour = 12
    part = str(lookup(CLOCK_PART_OF, g["part"])) if g.get("part") else None
    said = hour
    if hour <= 12 and not (digital and part is None):  # 15:20 and 09:30 say it all
        hour = hour_in_day(hour, part)
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    seconds = f":{int(to_ascii_digits(m.group('ss'))):02d}" if g.get("ss") else ""
    return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}{seconds}",
                 info={"kind": "clock", "part": part, "digital": digital, "said": said,
                       "minutes": f"{minute:02d}{seconds}"})


MIDNIGHT_WORDS = ["منتصف الليل", "منتصف النهار", "منتصف ليل", "منتصف ليلة", "نص الليل"]


def n_midnight(m: re.Match, ctx: Context) -> Timex:
    """منتصف الليل (of a day): the end of the day, T24:00; منتصف النهار: T12:00."""
    noon = fold(m.group("mid")) == fold("منتصف النهار")
    g = m.groupdict()
    day = n_relday(m, ctx).value if g.get("relday") else \
        n_weekday(m, ctx).value if g.get("weekday") else iso(ctx.dct)
    return Timex("TIME", f"{day}T{'12:00' if noon else '24:00'}",
                 info={"kind": "clock", "part": "NOON" if noon else "NIGHT", "digital": False,
                       "said": 12, "minutes": "00"})


# "بتوقيت غرينتش", "بتوقيت مكة المكرمة": part of the time's extent; the value stays as
# said (the document's own time zone is unknown, so nothing is converted)
ZONE = (rf"(?:\s+{w('بتوقيت')}\s+(?:{alt(['غرينتش', 'غرينيتش', 'جرينتش', 'مكة المكرمة'])}"
        r"|[A-Za-z]{2,5}(?:[+-]\d{1,2})?|[^\W\d_]+))?")


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    day_prefix = rf"(?:(?:{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?|{RELDAY_P}){s})?"
    return [
        # an hour word alone is an ordinal: a time only with minutes or a part of the day
        Rule("hour_part", "TIME",
             rf"{day_prefix}(?P<hword>{alt(HOURS)})"
             rf"(?={unnamed(CLOCK_TAIL_REQUIRED)}|{s}{unnamed(CLOCK_PART_P)})"
             rf"{CLOCK_TAIL}(?:{s}{CLOCK_PART_P})?", n_clock),
        Rule("clock", "TIME",
             rf"{day_prefix}{w('الساعة')}{s}(?:{CLOCK_DIGITS}|(?P<hword>{alt(HOUR_OF)}))"
             rf"{CLOCK_TAIL}(?:{s}{CLOCK_PART_P})?{ZONE}", n_clock),
        Rule("time_colon", "TIME",
             rf"(?P<hh>{DIGIT}{{1,2}}):(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?"
             rf"(?:{s}{CLOCK_PART_P})?{ZONE}", n_clock),
        Rule("midnight", "TIME",
             rf"(?P<mid>{alt(MIDNIGHT_WORDS)})"
             rf"(?:{s}(?:{RELDAY_P}|{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?))?", n_midnight),
    ]
