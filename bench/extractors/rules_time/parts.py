"""Pattern parts several rule modules share (a month, a year, a day number, a direction
word, a number, a unit of time ...), the tables that read what they matched, and the
readers (:func:`month_of`, :func:`number`, :func:`direction` ...)."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Timex

# --- tables -----------------------------------------------------------------------------
MONTH_OF = table({name: n for n, names in lx.MONTHS.items() for name in names})
HMONTH_OF = table({name: n for n, names in lx.HIJRI_MONTHS.items() for name in names})
WEEKDAY_OF = table({name: n for days in (lx.WEEKDAYS, lx.WEEKDAYS_IN_CONTEXT)
                    for n, names in days.items() for name in names})
ORDINAL_OF = table(lx.ORDINAL_DAYS)
NUMBER_OF = table({**lx.UNITS, **lx.TEENS, **lx.TENS, **lx.HUNDREDS})
UNIT_OF = table({form: unit for unit, forms in lx.UNITS_OF_TIME.items()
                 for group in forms for form in group})
DUAL = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[1]}
PLURAL = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[2]}
SINGULAR = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[0]}
MOD_OF = table({**lx.MODIFIERS, **lx.COLLOQUIAL_MODIFIERS})
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
                      **lx.DIALECT_NUMBERS,
                      "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
                      "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
                      "الحادي عشر": 11, "الثاني عشر": 12}
MONTH_NUMBER_OF = table(MONTH_WORD_NUMBERS)
# شهر 3, شهر ثلاثة, الشهر الثامن
MONTH_ORDINALS = [k for k in MONTH_WORD_NUMBERS if k.startswith("ال")]
MONTH_NUMBER_P = (rf"(?:{w('شهر')}\s+(?P<mnum>{DIGIT}{{1,2}}(?!{DIGIT})|{alt(MONTH_WORD_NUMBERS)})"
                  rf"|{w('الشهر')}\s+(?P<mord>{alt(MONTH_ORDINALS)}))")
MONTH_P = (rf"(?:(?:{alt(['شهر', 'شهري'])}\s+)?(?P<month>{MONTH}){MONTH_GLOSS}"
           rf"|{MONTH_NUMBER_P})")  # شهري: "شهري يوليو وأغسطس" (GUIDELINES 19)
YEAR_WORD = alt(["عام", "سنة", "العام", "السنة"])
GENITIVE = alt(lx.GENITIVES)  # Maghrebi "of": "جانفي تاع العام الجاي"
YEAR_THOUSANDS = ["ألفين", "ألفان"]  # a year in words begins "ألفين و..." (2000 and ...)
SAFE_MONTH_P = (rf"(?:{MONTH_NUMBER_P}|{alt(['شهر', 'شهري'])}\s+(?P<month>{MONTH})|"
                rf"(?P<month_safe>{alt(m for m in ALL_MONTHS if m not in AMBIGUOUS_MONTHS)}"
                # before a year word a month name is safe too: "أوت العام اللي فات"
                rf"|{alt(AMBIGUOUS_MONTHS)}(?=\s+(?:(?:{w('من')}|{GENITIVE})\s+)?"
                rf"(?:ه(?=ال))?{YEAR_WORD}(?!\w))))"
                + MONTH_GLOSS)
# what marks a year as Hijri ("1443 هـ", "للهجرة"); a word that begins with ه is none
HIJRI_MARK = rf"(?:هـ|ه(?!\w)|{w('هجري')}|{w('هجرية')}|{w('للهجرة')})"
# a year after عام/سنة may stand in brackets, as in "عام (1976)" or, tokenised, "عام ( 1976 )"
OPEN = rf"(?:\(\s*(?={DIGIT}{{3,4}}\s*\)))?"
CLOSE = r"(?:(?<=\d)\s*\)(?<=\))|(?<=\d))"
YEAR_P = (rf"(?:(?:{w('من')}\s+|ل)?{YEAR_WORD}\s+)?{OPEN}(?P<year>{DIGIT}{{4}}){CLOSE}"
          rf"(?:\s*م(?!\w))?")
STRICT_YEAR_P = rf"{YEAR_WORD}\s+{OPEN}(?P<year>{DIGIT}{{4}}){CLOSE}(?:\s*م(?!\w))?"
REL = alt(lx.PAST + lx.FUTURE + ("الماضيين", "الماضيتين", "المقبلين", "المقبلتين",
                                  "القادمين", "الأخيرين", "قبل الماضي", "قبل الماضية",
                                  "بعد المقبل", "بعد المقبلة", "بعد القادم", "بعد القادمة")) \
    + r"(?!\w)"  # a whole word: "رمضان ديال 2023" has no "دي" (this)
CUR = alt(lx.CURRENT) + r"(?!\w)"
DAY_P = rf"(?:(?P<day>{DIGIT}{{1,2}})|(?P<oday>{alt(lx.ORDINAL_DAYS)}))"
ALL_WEEKDAYS = [n for names in lx.WEEKDAYS.values() for n in names]
WEEKDAY_P = rf"(?P<weekday>{alt(n for n in ALL_WEEKDAYS if n.startswith('ال'))})"
CONTEXT_WEEKDAYS = [n for names in lx.WEEKDAYS_IN_CONTEXT.values() for n in names]
# a direction word that can follow a weekday (masculine: "المباريات الأربع المقبلة" are four)
WEEKDAY_REL = alt(x for x in lx.PAST + lx.FUTURE if not x.endswith(("ة", "ه", "تت"))) + r"(?!\w)"
# a weekday where the context makes it one (after a relative day, يوم or an ordinal)
ANY_WEEKDAY_P = rf"(?P<weekday>{alt(n for n in ALL_WEEKDAYS + CONTEXT_WEEKDAYS if n[:2] == 'ال')})"
MOD_P = rf"(?:(?P<mod>{alt(lx.MODIFIERS)})\s+(?:{w('من')}\s+)?)?"
NUMBER_WORDS = alt(list(lx.UNITS) + list(lx.TEENS) + list(lx.TENS) + list(lx.HUNDREDS))
NUMBER_P = rf"(?P<num>{DIGIT}+|{NUMBER_WORDS}(?:\s+و\s*{NUMBER_WORDS})?)"
UNIT_SING = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[0])
UNIT_DUAL = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[1])
UNIT_PLURAL = alt(f for forms in lx.UNITS_OF_TIME.values() for f in forms[2])
UNIT_ANY = alt(f for forms in lx.UNITS_OF_TIME.values() for g in forms for f in g)
S = r"\s+"
OF = rf"(?:{w('من')}\s+)?"  # an optional "of"
OF_IN = rf"{alt(['من', 'في'])}{S}"
D2 = rf"{DIGIT}{{1,2}}"
FIRST_LAST = {"الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
              "الأوسط": 2,
              "الرابع": 4, "الرابعة": 4, "الأخير": -1, "الأخيرة": -1, "أول": 1, "آخر": -1,
              "ثاني": 2, "ثالث": 3, "رابع": 4, "الأخيرين": -1, "الأولين": 1}
FIRST_LAST_OF = table(FIRST_LAST)


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
    """-1 past, +1 future, 0 current or none; -2 and +2 for "قبل الماضي" (the one
    before last) and "بعد المقبل" (the one after next)."""
    if not word:
        return 0
    key = fold(word)
    if key.startswith(fold("قبل ")):
        return -2
    if key.startswith(fold("بعد ")):
        return 2
    return -1 if key in PAST else 1 if key in FUTURE else 0


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


def year_of(m: re.Match, ctx: Context, month: int, day: int) -> int:
    """The year of a day and month: the one written; else, with a direction word, the year
    that makes the phrase true ("5 حزيران الماضي"), else the document's."""
    if m.groupdict().get("year"):
        return int(to_ascii_digits(m.group("year")))
    ref, rel = ctx.dct, direction(m.groupdict().get("rel"))
    if rel < 0 and (month, day) >= (ref.month, ref.day):
        return ref.year - 1
    if rel > 0 and (month, day) <= (ref.month, ref.day):
        return ref.year + 1
    return ref.year


def unnamed(pattern: str) -> str:
    """``pattern`` without its group names (to repeat it, in a look-ahead)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)
