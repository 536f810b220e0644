"""Rules of the Arabic temporal tagger: patterns and how each is normalised to TIMEX3.

Each rule is a regular expression over the text (tolerant of spelling variants)
and a function from its match to a TIMEX3 (type, value, mod, calendar). Values
are resolved against the document date through :class:`Context`, which records
whether the date was needed: that is the expression's ``form``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from re import _parser

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w


@dataclass
class Timex:
    type: str
    value: str
    mod: str | None = None
    calendar: str | None = None
    info: dict | None = field(default=None, compare=False)
    """What the operators of :mod:`.compose` need to know of the expression's meaning
    beyond its value (``kind``: clock, day, week, weekday, period, duration, ago ...)."""


class Context:
    """The document date, and whether a rule needed it (then the expression is relative);
    the text and the match's start, for rules that read the sentence (weekday tense)."""

    def __init__(self, dct: date, text: str = "", start: int = 0):
        self._dct = dct
        self.used = False
        self.text, self.start = text, start

    @property
    def dct(self) -> date:
        self.used = True
        return self._dct


@dataclass
class Rule:
    name: str
    pattern: str
    normalise: Callable[[re.Match, Context], Timex | None]
    group: str | None = None  # the span is this group, not the whole match
    type: str = "DATE"  # its TIMEX3 type when it cannot be valued (an undated document)

    @cached_property
    def regex(self) -> re.Pattern:
        """Compiled when first tried (most of the tagger's start-up is compiling)."""
        return re.compile(self.pattern)


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
SINGULAR = {fold(form) for forms in lx.UNITS_OF_TIME.values() for form in forms[0]}
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
# a year after عام/سنة may stand in brackets, as in "عام (1976)" or, tokenised, "عام ( 1976 )"
OPEN = rf"(?:\(\s*(?={DIGIT}{{3,4}}\s*\)))?"
CLOSE = r"(?:(?<=\d)\s*\)(?<=\))|(?<=\d))"
YEAR_P = (rf"(?:(?:{w('من')}\s+|ل)?{YEAR_WORD}\s+)?{OPEN}(?P<year>{DIGIT}{{4}}){CLOSE}"
          rf"(?:\s*م(?!\w))?")
STRICT_YEAR_P = rf"{YEAR_WORD}\s+{OPEN}(?P<year>{DIGIT}{{4}}){CLOSE}(?:\s*م(?!\w))?"
REL = alt(lx.PAST + lx.FUTURE + ("الماضيين", "الماضيتين", "المقبلين", "المقبلتين",
                                  "القادمين", "الأخيرين", "قبل الماضي", "قبل الماضية",
                                  "بعد المقبل", "بعد المقبلة", "بعد القادم", "بعد القادمة"))
CUR = alt(lx.CURRENT)
DAY_P = rf"(?:(?P<day>{DIGIT}{{1,2}})|(?P<oday>{alt(lx.ORDINAL_DAYS)}))"
ALL_WEEKDAYS = [n for names in lx.WEEKDAYS.values() for n in names]
WEEKDAY_P = rf"(?P<weekday>{alt(n for n in ALL_WEEKDAYS if n.startswith('ال'))})"
MOD_P = rf"(?:(?P<mod>{alt(lx.MODIFIERS)})\s+(?:{w('من')}\s+)?)?"
HYEAR_P = (rf"{OPEN}(?P<hyear>{DIGIT}{{3,4}}){CLOSE}\s*(?:هـ|ه(?!\w)|{w('هجري')}|{w('هجرية')}"
           rf"|{w('للهجرة')})")
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


# --- normalisers ------------------------------------------------------------------------
def n_full_date(m: re.Match, ctx: Context) -> Timex | None:
    timex = _full_date(m, ctx)
    if timex is not None:
        timex.info = {"kind": "day"}
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


def _full_date(m: re.Match, ctx: Context) -> Timex | None:
    month, day = month_of(m), day_of(m)
    d = safe_date(year_of(m, ctx, month, day), month, day)
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
    """dd/mm/yyyy, yyyy/mm/dd, mm/yyyy, and dd/mm (the year of the document)."""
    g = {k: int(to_ascii_digits(v)) for k, v in m.groupdict().items() if v}
    if "d" not in g:
        return Timex("DATE", f"{g['y']:04d}-{g['m']:02d}") if 1 <= g["m"] <= 12 else None
    d = safe_date(g["y"] if "y" in g else ctx.dct.year, g["m"], g["d"])
    return Timex("DATE", iso(d), info={"kind": "day"}) if d else None


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


# the tense of a sentence, from words that news Arabic marks it with: a future particle
# or a future-tense verb of scheduling, or a common past-tense reporting/event verb
_FUTURE_CUES = ["سوف", "من المقرر", "من المنتظر", "من المتوقع", "يعتزم", "تعتزم", "يستعد",
                "تستعد", "سيتم", "ستتم", "سيعقد", "ستعقد", "سيلتقي", "ستلتقي", "سيزور", "ستزور",
                "سيصل", "ستصل", "سيبدأ", "ستبدأ", "سينطلق", "ستنطلق", "سيجري", "ستجري",
                "سيجتمع", "ستجتمع", "سيغادر", "ستغادر", "سيشارك", "ستشارك", "سيعلن", "ستعلن",
                "سيكون", "ستكون", "سيلقي", "سيتوجه", "ستتوجه", "ستقام", "سيقام", "ستنعقد",
                "سينعقد", "ستستأنف", "سيستأنف", "ستنتهي", "سينتهي", "يبدأ", "تبدأ", "ينتظر",
                "تنتظر", "يترقب"]
_PAST_CUES = ["قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "ذكر", "ذكرت", "أفاد", "أفادت",
              "أضاف", "أضافت", "أشار", "أشارت", "أوضح", "أوضحت", "التقى", "التقت", "وصل",
              "وصلت", "عقد", "عقدت", "جرى", "جرت", "شهد", "شهدت", "بدأ", "بدأت", "انتهى",
              "انتهت", "اجتمع", "اجتمعت", "زار", "زارت", "كان", "كانت", "قتل", "قتلت", "أصيب",
              "أصيبت", "وقع", "وقعت", "أجرى", "أجرت", "نشر", "نشرت", "صرح", "صرحت", "استقبل",
              "استقبلت", "غادر", "غادرت", "توفي", "اندلع", "اندلعت", "أطلق", "أطلقت", "تم",
              "أسفر", "أسفرت", "شارك", "شاركت", "حضر", "حضرت", "اعتقل", "اعتقلت", "وافق",
              "وافقت", "رفض", "رفضت", "دعا", "دعت", "طالب", "طالبت", "أقيم", "أقيمت", "انعقد",
              "انعقدت", "عاد", "عادت", "سقط", "سقطت", "فاز", "فازت", "خسر", "خسرت", "احتفل",
              "احتفلت", "احتفلوا"]
_CUES = re.compile(rf"(?<!\w)[وف]?(?:(?P<future>{alt(_FUTURE_CUES)})|(?P<past>{alt(_PAST_CUES)}))"
                   r"(?!\w)")
_CLAUSE_END = re.compile(r"[.!?؟\n؛]")


def sentence_tense(text: str, at: int) -> int:
    """+1 (future), -1 (past) or 0 of the sentence around ``at``: the cue nearest to it."""
    if not text:
        return 0
    window = max(0, at - 400)  # a sentence, not the document: bounded either way
    start = max((m.end() for m in _CLAUSE_END.finditer(text, window, at)), default=window)
    end_match = _CLAUSE_END.search(text, at, at + 400)
    end = end_match.start() if end_match else min(len(text), at + 400)
    best = None
    for m in _CUES.finditer(text, start, end):
        distance = abs(m.start() - at)
        if best is None or distance < best[0]:
            best = (distance, 1 if m.group("future") else -1)
    return best[1] if best else 0


_WORDS = re.compile(r"[^\W\d_]+")
_FILLERS = {fold(x) for x in ("هذا", "هذه", "يوم", "في", "يوم", "ال")}


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` is its sentence's only content (a date
    phrase on its own, as in a calendar entry or a question), not part of a sentence."""
    window = max(0, start - 400)
    first = max((m.end() for m in _CLAUSE_END.finditer(text, window, start)), default=window)
    end_match = _CLAUSE_END.search(text, end, end + 400)
    last = end_match.start() if end_match else min(len(text), end + 400)
    around = text[first:start] + " " + text[end:last]
    return all(fold(word) in _FILLERS for word in _WORDS.findall(around))


def n_weekday(m: re.Match, ctx: Context) -> Timex:
    """A weekday: the one before or after the DCT that a direction word names; bare, the
    nearest in the tense of its sentence (GUIDELINES 7): past -> the last one (the DCT's
    own weekday is the DCT), future -> the next one (or the DCT), no cue -> the nearest;
    a weekday that is its sentence's only content (a date phrase on its own) -> the next
    one, as a calendar entry or a question means it."""
    wd = int(lookup(WEEKDAY_OF, m.group("weekday")))
    rel = direction(m.groupdict().get("rel"))
    ref = ctx.dct
    if rel == 0 and wd != ref.isoweekday():
        text, start = getattr(ctx, "text", ""), getattr(ctx, "start", 0)
        rel = sentence_tense(text, start) or \
            (1 if text and stands_alone(text, start, m.end()) else 0)
    return Timex("DATE", iso(resolve_weekday(ref, wd, rel)),
                 info={"kind": "weekday", "wd": wd,
                       "rel": direction(m.groupdict().get("rel")), "dct": ref})


RELATIVE_DAYS = {"اليوم": 0, "هذا اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1,
                 "أول أمس": -2, "أول من أمس": -2, "قبل أمس": -2, "غدا": 1, "غد": 1, "الغد": 1,
                 "بكرة": 1, "بعد غد": 2, "بعد الغد": 2, "بعد غدا": 2, "بعد بكرة": 2,
                 # colloquial: Egyptian, Levantine, Gulf, Iraqi, Maghrebi
                 "النهارده": 0, "النهاردة": 0, "هاليوم": 0,
                 "امبارح": -1, "إمبارح": -1, "مبارح": -1, "البارح": -1, "اول امبارح": -2,
                 "أول امبارح": -2, "أول مبارح": -2, "قبل امبارح": -2, "قبل مبارح": -2,
                 "أول البارح": -2, "بكرا": 1, "بكره": 1, "بكرى": 1, "باجر": 1,
                 "غدوة": 1, "غدوا": 1, "بعد بكرا": 2, "بعد بكره": 2,
                 "بعد باجر": 2, "بعد غدوة": 2,
                 "اليوم الذي بعد الغد": 2, "اليوم اللي بعد بكرة": 2, "اليوم الي بعد بكرة": 2,
                 "يوم بعد غد": 2, "اليوم الذي قبل أمس": -2}
RELATIVE_DAYS.update({f"اليوم {word}": -1 for word in ("الماضي", "السابق", "المنصرم")})
RELATIVE_DAYS.update({f"اليوم {word}": 1 for word in ("التالي", "المقبل")})
RELDAY_OF = table(RELATIVE_DAYS)
RELDAY_P = rf"(?P<relday>{alt(RELATIVE_DAYS)})"


NOT_TODAY_WORDS = ["العالمي", "الوطني", "الدولي", "العربي", "الأول", "الثاني", "الثالث",
                   "الرابع", "الخامس", "الأخير", "الذي", "التي", "المشهود"]
NOT_TODAY = re.compile(rf"\s+{alt(NOT_TODAY_WORDS)}(?!\w)")


def n_relday(m: re.Match, ctx: Context) -> Timex | None:
    """اليوم is today, but not in "اليوم العالمي للمسرح" or "اليوم الأول من المؤتمر"."""
    word = m.group("relday")
    if fold(word) == fold("اليوم") and m.end("relday") == m.end() and \
            NOT_TODAY.match(getattr(ctx, "text", ""), m.end()):
        return None
    return Timex("DATE", iso(ctx.dct + timedelta(days=int(lookup(RELDAY_OF, word)))),
                 info={"kind": "day"})


def n_tonight(m: re.Match, ctx: Context) -> Timex:
    return Timex("TIME", iso(ctx.dct) + "TNI")


def n_part_of_day(m: re.Match, ctx: Context) -> Timex | None:
    part = str(lookup(POD_OF, m.group("pod")))
    if m.group("relday"):
        day = n_relday(m, ctx)
    else:
        day = n_weekday(m, ctx)
    return Timex("TIME", f"{day.value}T{part}", info={"kind": "pod", "part": part})


HOURS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
         "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
         "الحادية عشر": 11, "الثانية عشرة": 12, "الثانية عشر": 12}
HOUR_OF = table({**HOURS, **{k: v for k, v in {**lx.UNITS, **lx.TEENS}.items() if v <= 12},
                 "اتنين": 2, "تلاتة": 3, "تلات": 3, "تمانية": 8, "تمنية": 8, "حداشر": 11,
                 "اطناشر": 12, "اتناشر": 12})
FRACTIONS = {"والنصف": 30, "ونصف": 30, "ونص": 30, "والنص": 30, "والربع": 15, "وربع": 15,
             "وثلث": 20, "والثلث": 20, "وتلت": 20,
             "إلا ربع": -15, "إلا ربعا": -15, "إلا الربع": -15, "الا ربع": -15,
             "إلا ثلث": -20, "إلا ثلثا": -20, "إلا الثلث": -20, "الا ثلث": -20,
             "الا تلت": -20}
FRACTION_OF = table(FRACTIONS)
CLOCK_PART_OF = table(lx.CLOCK_PARTS)
CLOCK_PART_P = rf"(?P<part>{alt(lx.CLOCK_PARTS)})"
CLOCK_DIGITS = rf"(?P<hh>{DIGIT}{{1,2}})(?::(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?)?"
MINUTE_WORDS = rf"(?:{DIGIT}{{1,2}}|{NUMBER_WORDS}(?:\s+و\s*{NUMBER_WORDS})?)"
# after the hour: a fraction, "and N minutes", or "less N minutes"
CLOCK_TAIL_REQUIRED = (rf"(?:\s*(?P<frac>{alt(FRACTIONS)})"
                       rf"|\s*و\s*(?P<dmin>{MINUTE_WORDS})\s+{alt(['دقيقة', 'دقائق'])}"
                       rf"|\s+{alt(['إلا', 'الا'])}\s+(?P<less>{MINUTE_WORDS})"
                       rf"\s+{alt(['دقيقة', 'دقائق'])})")
CLOCK_TAIL = (rf"(?:\s*(?P<frac>{alt(FRACTIONS)})"
              rf"|\s*و\s*(?P<dmin>{MINUTE_WORDS})(?:\s+{alt(['دقيقة', 'دقائق'])})?"
              rf"|\s+{alt(['إلا', 'الا'])}\s+(?P<less>{MINUTE_WORDS})"
              rf"(?:\s+{alt(['دقيقة', 'دقائق'])})?)?")


def unnamed(pattern: str) -> str:
    """``pattern`` without its group names (to repeat it, in a look-ahead)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


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


def n_midnight(m: re.Match, ctx: Context) -> Timex:
    """منتصف الليل (of a day): the end of the day, T24:00; منتصف النهار: T12:00."""
    noon = fold(m.group("mid")) == fold("منتصف النهار")
    g = m.groupdict()
    day = n_relday(m, ctx).value if g.get("relday") else \
        n_weekday(m, ctx).value if g.get("weekday") else iso(ctx.dct)
    return Timex("TIME", f"{day}T{'12:00' if noon else '24:00'}",
                 info={"kind": "clock", "part": "NOON" if noon else "NIGHT", "digital": False,
                       "said": 12, "minutes": "00"})


THIS_PARTS = ["الصباح", "المساء", "الظهر", "العصر", "الفجر", "الضحى"]
DAY_PART_ADVERBS = ["صباحا", "مساء", "مساءا", "ظهرا", "عصرا", "ليلا", "فجرا"]


def n_day_part_adverb(m: re.Match, ctx: Context) -> Timex:
    """غدا مساء, الخميس صباحا: that day's part."""
    day = n_relday(m, ctx) if m.group("relday") else n_weekday(m, ctx)
    part = str(lookup(PART_ADVERB_OF, m.group("padv")))
    return Timex("TIME", f"{day.value}T{part}", info={"kind": "pod", "part": part})


PERIODS = {"العام": "Y", "السنة": "Y", "الشهر": "M", "الأسبوع": "W", "العقد": "DE",
           "القرن": "CE"}
PERIOD_OF = table(PERIODS)
PERIOD_P = rf"(?P<period>{alt(PERIODS)})"


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


def n_period(m: re.Match, ctx: Context) -> Timex:
    unit = str(lookup(PERIOD_OF, m.group("period")))
    offset = direction(m.groupdict().get("rel"))
    return modded(m, Timex("DATE", period_value(unit, ctx.dct, offset),
                           info={"kind": "period", "unit": unit}))


def n_last_n(m: re.Match, ctx: Context) -> Timex | None:
    amount = number(m.group("num"))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    if not amount or unit in ("H", "MIN", "S"):
        return None
    if unit == "D":
        return Timex("DATE", iso(ctx.dct - timedelta(days=amount)), info={"kind": "range"})
    return Timex("DATE", period_value(unit, ctx.dct, -amount), info={"kind": "range"})


def n_weekend(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", period_value("W", ctx.dct, direction(m.groupdict().get("rel"))) + "-WE")


def duration_value(unit: str, amount: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


HALF_OF = {"CE": "P50Y", "DE": "P5Y", "Y": "P6M", "M": "P15D", "W": "P3DT12H", "D": "PT12H",
           "H": "PT30M", "MIN": "PT30S"}
QUARTER_OF_UNIT = {"CE": "P25Y", "Y": "P3M", "H": "PT15M", "D": "PT6H"}
# ساعة ونصف: one and a half, as the next smaller unit
AND_A_HALF = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "H": ("MIN", 60),
              "MIN": ("S", 60), "W": ("D", 7)}


def n_duration(m: re.Match, ctx: Context) -> Timex | None:
    unit_word = m.group("unit")
    unit = str(lookup(UNIT_OF, unit_word))
    g = m.groupdict()
    if g.get("fraction"):  # نصف ساعة, ربع ساعة
        table_ = QUARTER_OF_UNIT if fold(g["fraction"]) == fold("ربع") else HALF_OF
        value = table_.get(unit)
        return Timex("DURATION", value, info={"kind": "duration"}) if value else None
    if g.get("and_half"):
        count = 2 if fold(unit_word) in DUAL else 1
        if g.get("num"):
            count = number(g["num"]) or 0
        if unit not in AND_A_HALF or not count:
            return None
        small, per = AND_A_HALF[unit]
        return Timex("DURATION", duration_value(small, str(count * per + per // 2)),
                     info={"kind": "duration"})
    if m.groupdict().get("num"):
        amount = number(m.group("num"))
        # 3 to 10 take a plural noun ("5 أيام"): "رقم 9 عام (1921)" is no duration
        if amount is None or 3 <= amount <= 10 and fold(unit_word) in SINGULAR:
            return None
        value = str(amount)
    elif m.groupdict().get("few") or fold(unit_word) in PLURAL:
        value = "X"
    elif fold(unit_word) in DUAL:
        value = "2"
    else:
        value = "1"
    return Timex("DURATION", duration_value(unit, value),
                 info={"kind": "duration", "unit": unit, "amount": value})


def n_ago(m: re.Match, ctx: Context) -> Timex | None:
    """قبل ثلاثة أيام / بعد أسبوعين: a date at the unit's granularity."""
    d = n_duration(m, ctx)
    if d is None or "X" in d.value:
        return None
    amount = int(re.sub(r"\D", "", d.value))
    unit = str(lookup(UNIT_OF, m.group("unit")))
    sign = -1 if fold(m.group("dir")) == fold("قبل") else 1
    ref = ctx.dct
    info = {"kind": "ago", "sign": sign, "amount": amount, "unit": unit}
    if unit == "D":
        return Timex("DATE", iso(ref + timedelta(days=sign * amount)), info=info)
    if unit in ("W", "M", "Y", "DE", "CE"):
        return Timex("DATE", period_value(unit, ref, sign * amount), info=info)
    return None


def century_of(word: str) -> int:
    """The two leading digits of a century named after القرن: الماضي 19, الحالي and
    الحادي والعشرين 20, العشرين 19 ... (the document's century is the 21st)."""
    if fold(word) in {fold("الحالي"), fold("الحادي والعشرين")}:
        return 20
    if fold(word) == fold("الماضي"):
        return 19
    return int(lookup(ORDINAL_OF, word)) - 1


def n_decade_of_century(m: re.Match, ctx: Context) -> Timex | None:
    """العقد الأول من القرن الماضي -> 190; العقد الأخير -> 199."""
    nth = int(lookup(FIRST_LAST_OF, m.group("nth")))
    try:
        century = century_of(m.group("century"))
    except KeyError:
        return None
    return Timex("DATE", f"{century:02d}{9 if nth < 0 else nth - 1}") if nth <= 10 else None


def n_century(m: re.Match, ctx: Context) -> Timex | None:
    """القرن العشرين -> 19 (the century's two leading digits)."""
    n = int(lookup(ORDINAL_OF, m.group("oday")))
    return modded(m, Timex("DATE", f"{n - 1:02d}")) if n > 1 else None


def n_refs_plural(m: re.Match, ctx: Context) -> Timex | None:
    """الأيام العشرة المقبلة, الشهرين الماضيين: a range next to the DCT, whose value is
    its first unit (the convention for ranges: their start, at their grain); with no
    number (الأسابيع المقبلة) a reference, FUTURE_REF or PAST_REF."""
    rel = direction(m.group("rel"))
    unit_word = fold(m.group("unit"))[2:]  # without the article
    if not (m.groupdict().get("num") or fold(unit_word) in DUAL):
        return Timex("DATE", "PAST_REF" if rel < 0 else "FUTURE_REF")
    amount = number(m.group("num")) if m.groupdict().get("num") else 2
    unit = str(lookup(UNIT_OF, unit_word))
    if amount is None or unit in ("H", "MIN", "S"):
        return None
    first = 1 if rel > 0 else -amount
    if unit == "D":
        return Timex("DATE", iso(ctx.dct + timedelta(days=first)), info={"kind": "range"})
    return Timex("DATE", period_value(unit, ctx.dct, first), info={"kind": "range"})


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


def occurrence(candidates: list[date], ctx: Context, rel: int, year: int | None) -> date | None:
    """Which of a yearly day's ``candidates`` is meant: the one in ``year``; else the next
    after the DCT (rel +1), the last before it (-1), or the nearest to it."""
    if year is not None:
        inside = [d for d in candidates if d.year == year]
        return min(inside, key=lambda d: abs((d - date(year, 6, 30)).days)) if inside else None
    ref = ctx.dct
    if rel > 0:
        return min((d for d in candidates if d > ref), default=None)
    if rel < 0:
        return max((d for d in candidates if d < ref), default=None)
    return min(candidates, key=lambda d: (abs((d - ref).days), d))


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


def n_hijri_month(m: re.Match, ctx: Context) -> Timex | None:
    """رمضان المقبل, شهر شوال: the Hijri month nearest the DCT (or next, last, of a
    Gregorian year); its value is the Gregorian month its first day falls in."""
    g = m.groupdict()
    hmonth = int(lookup(HMONTH_OF, g["hmonth"]))
    year = int(to_ascii_digits(g["year"])) if g.get("year") else None
    first = occurrence(hijri_days(hmonth, 1, year or ctx.dct.year), ctx,
                       direction(g.get("rel")), year)
    if first is None:
        return None
    return modded(m, Timex("DATE", f"{first.year:04d}-{first.month:02d}", calendar="hijri"))


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


def n_day_of_year(m: re.Match, ctx: Context) -> Timex:
    """أول يوم من العام المقبل -> 2022-01-01; آخر يوم في السنة -> 2021-12-31."""
    g = m.groupdict()
    year = int(to_ascii_digits(g["year"])) if g.get("year") else \
        ctx.dct.year + direction(g.get("prel"))
    first = int(lookup(NTH_OF, g["nth"])) > 0
    return Timex("DATE", iso(date(year, 1, 1) if first else date(year, 12, 31)),
                 info={"kind": "day"})


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


PLURAL_PARTS = {"الأيام": "D", "الأسابيع": "W", "الأشهر": "M", "الشهور": "M",
                "الساعات": "H", "السنوات": "Y", "الأعوام": "Y", "الدقائق": "MIN"}
PLURAL_PART_OF = table(PLURAL_PARTS)
FIRST_LAST = {"الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
              "الأوسط": 2,
              "الرابع": 4, "الرابعة": 4, "الأخير": -1, "الأخيرة": -1, "أول": 1, "آخر": -1,
              "ثاني": 2, "ثالث": 3, "رابع": 4, "الأخيرين": -1, "الأولين": 1}
FIRST_LAST_OF = table(FIRST_LAST)


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
DATE_CUES = ["في", "بتاريخ", "تاريخ", "يوم", "الموافق", "حتى", "منذ", "قبل", "بعد", "من",
             "إلى", "الى", "لغاية"]
SLASH = r"(?:[/.-]|\s+/\s+)"
# nouns a year-like number counts ("في 2004 جندي" is no year)
COUNTED = ["جندي", "شخص", "قتيل", "مواطن", "دولار", "يورو", "طن", "كيلومتر", "متر", "منزل",
           "عامل", "طالب", "لاجئ", "مصاب", "مريض", "حالة", "صاروخ", "عنصر", "مقاتل"]
GENERIC_SEASONS = ["الصيف", "الشتاء", "الخريف", "الربيع"]
# a plural unit alone is a duration ("استغرقت ساعات"), but not the head of a construct
# ("ساعات الدوام", "أيام الساموراي") nor the elative "أشهر" before a noun ("أشهر نجمات")
BARE_PLURAL_GUARD = (rf"(?:(?!\s+(?:ال|لل)[^\W\d_])(?<!{w('أشهر')})"
                     rf"|(?<={w('أشهر')})(?!\s+(?!{alt(['قليلة', 'عديدة', 'طويلة', 'مضت'])})"
                     r"[^\W\d_]))")
# "بتوقيت غرينتش", "بتوقيت مكة المكرمة": part of the time's extent; the value stays as
# said (the document's own time zone is unknown, so nothing is converted)
ZONE = (rf"(?:\s+{w('بتوقيت')}\s+(?:{alt(['غرينتش', 'غرينيتش', 'جرينتش', 'مكة المكرمة'])}"
        r"|[A-Za-z]{2,5}(?:[+-]\d{1,2})?|[^\W\d_]+))?")
TEMPORAL_PREPOSITIONS = ["في", "خلال", "قبل", "بعد", "منذ", "حتى", "طوال", "طيلة"]
# the rules that find times of day (the others that need the document date find dates)
TIME_RULES = {"clock", "time_colon", "hour_part", "midnight", "part_of_day", "tonight",
              "this_part", "day_part_adverb"}
HIJRI_MONTH = alt(n for names in lx.HIJRI_MONTHS.values() for n in names)
RANGE_SEP = rf"\s*(?:[-–]|{alt(['إلى', 'الى', 'حتى', 'لغاية', 'ولغاية', 'و'])})\s*"
DEFINITE_UNITS = ["ال" + f for v in lx.UNITS_OF_TIME.values() for f in v[1] + v[2]]
DURATION_TRIGGERS = ["لمدة", "مدة", "طوال", "طيلة", "خلال", "منذ", "نحو", "حوالي"]
YEAR_PREPOSITIONS = ["في", "منذ", "حتى", "خلال", "قبل", "بعد", "مطلع", "نهاية"]
CENTURY_WORDS = ["الماضي", "العشرين", "الحالي", "الحادي والعشرين"]


# --- the rules --------------------------------------------------------------------------
def _rules() -> list[Rule]:
    def r(name, pattern, normalise, group=None) -> Rule:
        _parser.parse(pattern)  # a malformed rule fails here, at start-up
        return Rule(name, pattern, normalise, group, "TIME" if name in TIME_RULES else "DATE")

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
        # before full_date: "الجمعة الثانية من تشرين" is a second Friday, not the 2nd
        r("nth_in_month", rf"(?:(?P<nth>{alt(NTH)}){s}"
                          rf"(?:(?P<bare_weekday>{BARE_WEEKDAY})|{w('يوم')})"
                          rf"|(?:{WEEKDAY_P}|{w('اليوم')}){s}(?P<nth_adj>{alt(NTH_ADJ)}))"
                          rf"{in_month}",
          lambda m, ctx: n_nth_in_month(_Override(m, {"nth": m.group("nth") or m.group("nth_adj")}),
                                        ctx)),
        r("day_of_year", rf"(?P<nth>{alt(['أول', 'آخر', 'اخر'])}){s}{w('يوم')}{s}{of_in}"
                         rf"(?:(?P<pkind>{alt(['العام', 'السنة'])})(?:{s}(?P<prel>{REL}|{CUR}))?"
                         rf"|{alt(['هذا العام', 'هذه السنة'])}"
                         rf"|{YEAR_WORD}{s}(?P<year>{DIGIT}{{4}}))",
          n_day_of_year),
        r("full_date", rf"{weekday_prefix}{DAY_P}{s}{of}{MONTH_P}"
                       rf"(?:{s}{of}{YEAR_P}|{s}(?P<rel>{REL}|{CUR}))?",
          n_full_date),
        # "29/12/2011", and tokenised text's "29 / 12 / 2011"
        r("numeric_dmy", rf"(?P<d>{D2}){SLASH}(?P<m>{D2}){SLASH}(?P<y>{DIGIT}{{4}})", n_numeric),
        r("numeric_ymd", rf"(?P<y>{DIGIT}{{4}}){SLASH}(?P<m>{D2}){SLASH}(?P<d>{D2})", n_numeric),
        # m/yyyy, but not a number such as "القانون رقم 7/2021"
        r("numeric_my", rf"(?<!{w('رقم')} )(?P<m>{D2})/(?P<y>{DIGIT}{{4}})(?![/{DIGIT[1:-1]}])",
          n_numeric),
        # dd/mm only after a word that introduces a date: "3/4 من الأصوات" is a fraction
        r("numeric_dm", rf"(?:{'|'.join(f'(?<={re.escape(c)} )' for c in DATE_CUES)})"
                        rf"(?P<d>{D2})/(?P<m>{D2})(?![/{DIGIT[1:-1]}])", n_numeric),
        r("hijri", rf"{MOD_P}(?:{DAY_P}{s}{of})?(?:{w('شهر')}\s+)?"
                   rf"(?P<hmonth>{alt(n for names in lx.HIJRI_MONTHS.values() for n in names)})"
                   rf"{s}(?:{of}{YEAR_WORD}\s+)?{HYEAR_P}", n_hijri),
        r("hijri_year", rf"{MOD_P}(?:{YEAR_WORD}\s+)?{HYEAR_P}", n_hijri),
        r("month_year", rf"{MOD_P}{MONTH_P}{s}{of}{YEAR_P}", n_month),
        r("month_rel", rf"{MOD_P}{MONTH_P}{s}(?P<rel>{REL})", n_month),
        r("month", rf"{MOD_P}{SAFE_MONTH_P}", n_month),
        r("year", rf"{MOD_P}{STRICT_YEAR_P}", n_year),
        r("weekday", rf"(?:{alt(['هذا', 'هذه'])}{s})?{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?",
          n_weekday),
        r("part_of_day", rf"(?P<pod>{alt(lx.PARTS_OF_DAY)}){s}(?:{RELDAY_P}"
                         rf"(?:{s}{unnamed(WEEKDAY_P)})?|(?:{w('يوم')}{s})?{WEEKDAY_P}"
                         rf"(?:{s}(?P<rel>{REL}))?)", n_part_of_day),
        r("tonight", rf"(?:{w('هذه')}\s+)?{w('الليلة')}", n_tonight),
        r("relday", RELDAY_P, n_relday),
        r("weekday_day", rf"{WEEKDAY_P}{s}{DAY_P}", n_weekday_day),
        # an hour word alone is an ordinal: a time only with minutes or a part of the day
        r("hour_part", rf"{day_prefix}(?P<hword>{alt(HOURS)})"
                       rf"(?={unnamed(CLOCK_TAIL_REQUIRED)}|{s}{unnamed(CLOCK_PART_P)})"
                       rf"{CLOCK_TAIL}(?:{s}{CLOCK_PART_P})?", n_clock),
        r("clock", rf"{day_prefix}{w('الساعة')}{s}(?:{CLOCK_DIGITS}|(?P<hword>{alt(HOUR_OF)}))"
                   rf"{CLOCK_TAIL}(?:{s}{CLOCK_PART_P})?{ZONE}", n_clock),
        r("time_colon", rf"(?P<hh>{DIGIT}{{1,2}}):(?P<mm>{DIGIT}{{2}})(?::(?P<ss>{DIGIT}{{2}}))?"
                        rf"(?:{s}{CLOCK_PART_P})?{ZONE}", n_clock),
        r("midnight", rf"(?P<mid>{alt(['منتصف الليل', 'منتصف النهار', 'منتصف ليل', 'منتصف ليلة'])})"
                      rf"(?:{s}(?:{RELDAY_P}|{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?))?", n_midnight),
        r("this_part", rf"{alt(['هذا', 'هذه'])}{s}(?P<pod>{alt(THIS_PARTS)})",
          lambda m, ctx: Timex("TIME", f"{iso(ctx.dct)}T{lookup(POD_OF, m.group('pod'))}",
                               info={"kind": "pod", "part": lookup(POD_OF, m.group("pod"))})),
        r("day_part_adverb", rf"(?:{RELDAY_P}|{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?){s}"
                             rf"(?P<padv>{alt(DAY_PART_ADVERBS)})", n_day_part_adverb),
        r("weekend", rf"(?:{w('عطلة')}{s})?{w('نهاية الأسبوع')}(?:{s}(?P<rel>{REL}|{CUR}))?",
          n_weekend),
        r("period", rf"{MOD_P}{PERIOD_P}{s}(?P<rel>{REL}|{CUR})", n_period),
        # الربع القادم: a quarter only with a direction ("الربع" alone is a fraction)
        r("quarter_rel", rf"(?P<period>{w('الربع')}){s}(?P<rel>{REL}|{CUR})",
          lambda m, ctx: Timex("DATE", period_value("Q", ctx.dct, direction(m.group("rel"))))),
        # آخر ثلاثة أيام: the range before the DCT, valued by its first unit
        r("last_n", rf"{alt(['آخر', 'اخر'])}{s}(?P<num>{DIGIT}+|{NUMBER_WORDS})"
                    rf"{s}(?P<unit>{UNIT_ANY})", n_last_n),
        r("period_mod", rf"(?P<mod>{alt(lx.MODIFIERS)}){s}{PERIOD_P}", n_period),
        r("this_period", rf"{MOD_P}{alt(['هذا', 'هذه'])}{s}{PERIOD_P}", n_period),
        r("this_period_ha", rf"ه(?={unnamed(PERIOD_P)}){PERIOD_P}", n_period),  # هالأسبوع
        r("month_mod", rf"(?P<mod>{alt(lx.MODIFIERS)}){s}(?:{w('من')}{s})?(?:{w('شهر')}{s})?"
                       rf"(?P<month>{MONTH}){MONTH_GLOSS}", n_month),
        r("year_mod", rf"(?P<mod>{alt(lx.MODIFIERS)}){s}(?:{w('من')}{s})?"
                      rf"(?P<year>(?:1[89]|20){DIGIT}{{2}})(?!\s*[\w%])", n_year),
        r("ago", rf"(?P<dir>{alt(['قبل', 'بعد'])}){s}(?:{NUMBER_P}{s})?(?P<unit>{UNIT_ANY})",
          n_ago),
        r("refs_plural", rf"(?P<unit>{alt(DEFINITE_UNITS)})"
                         rf"(?:{s}{alt(['القليلة', 'المعدودة', 'الأخيرة'])}(?={s}(?:{REL})))?"
                         rf"(?:{s}(?:الـ\s*|ال)?{NUMBER_P})?{s}(?P<rel>{REL})", n_refs_plural),
        r("duration", rf"(?:(?:{NUMBER_P}|(?P<few>{alt(lx.FEW)})){s}(?P<unit>{UNIT_ANY})|"
                      rf"(?P<unit_dual>{UNIT_DUAL})|(?P<unit_plural>{UNIT_PLURAL}){BARE_PLURAL_GUARD}|"
                      # singulars that are rarely anything but a unit of time
                      rf"(?P<unit_bare>{w('أسبوع')}|{w('شهر')}(?!\s+(?:{MONTH}|"
                      rf"{alt(n for v in lx.HIJRI_MONTHS.values() for n in v)}|{DIGIT}))))",
          _n_duration_any),
        r("duration_after", rf"{alt(DURATION_TRIGGERS)}"
                            rf"{s}(?P<span>(?P<unit>{UNIT_SING}))(?!\s*{DIGIT})", n_duration,
          group="span"),
        r("year_m", rf"(?P<year>{DIGIT}{{4}})\s*م(?!\w)", n_year),  # 2002م
        # a bare year after a preposition: في 2004, منذ 1990 (not "2500 جندي")
        # a year alone in brackets: "( 1948 )"
        r("year_in_brackets", rf"(?:(?<=\()|(?<=\( ))(?P<year>(?:1[89]|20){DIGIT}{{2}})(?=\s*\))",
          n_year),
        r("year_after_prep", rf"{alt(YEAR_PREPOSITIONS)}{s}"
                             rf"(?P<span>(?P<year>(?:1[89]|20){DIGIT}{{2}}))(?!\s*%)(?!\w)"
                             rf"(?!\s+{alt(COUNTED)})", n_year, group="span"),
        # the years of "عامي 2002 و2003", "بين العامين 1910 و 1912"
        r("years_pair", rf"{alt(['عامي', 'العامين', 'سنتي', 'السنتين'])}{s}"
                        rf"(?P<span>(?P<year>{DIGIT}{{4}}))(?!\w)", n_year, group="span"),
        r("and_year", rf"(?:(?<={DIGIT} و)|(?<={DIGIT} و )|(?<={DIGIT}و))"
                      rf"(?P<year>(?:1[89]|20){DIGIT}{{2}})(?!\w)(?!\s*%)", n_year),
        r("decade_of_century", rf"{w('العقد')}{s}(?P<nth>{alt(FIRST_LAST)}){s}{of}{w('القرن')}{s}"
                               rf"(?P<century>{alt(CENTURY_WORDS)})", n_decade_of_century),
        r("generic_season", rf"(?:{w('فصل')}{s})?(?P<season>{alt(GENERIC_SEASONS)})"
                            rf"(?!{s}(?:{w('العربي')}|{w('الأول')}|{w('الآخر')}|{w('الثاني')}))",
          lambda m, ctx: Timex("DATE", f"XXXX-{lookup(SEASON_OF, m.group('season'))}")),
        r("century", rf"{MOD_P}{w('القرن')}{s}(?P<oday>{alt(lx.ORDINAL_DAYS)})", n_century),
        r("relday_weekday", rf"{RELDAY_P}{s}{WEEKDAY_P}", n_relday),
        r("ref", rf"(?P<ref>{alt(lx.REFS)})", n_ref),
        # Gulf "now"; "منذ ذلك الحين" (since then) is no reference to the present
        r("gulf_now", rf"(?<!{w('ذلك')} )(?<!{w('تلك')} )(?<!{w('في')} ){w('الحين')}",
          lambda m, ctx: Timex("DATE", "PRESENT_REF")),
        # مرتين في الأسبوع, ثلاث مرات في الشهر: the period (the count is TIMEX3's freq,
        # which this model does not carry)
        r("set_times", rf"(?:{alt(['مرة', 'مرتين', 'مرتان'])}|(?:{DIGIT}+|{NUMBER_WORDS}){s}"
                       rf"{alt(['مرات'])}){s}{alt(['في', 'كل'])}{s}(?P<unit>{UNIT_SING}"
                       rf"|{alt(['الأسبوع', 'الشهر', 'السنة', 'العام', 'اليوم', 'الساعة'])})",
          lambda m, ctx: Timex("SET", duration_value(
              str(lookup(UNIT_OF, re.sub("^ال", "", fold(m.group("unit"))))), "1"))),
        r("set_part", rf"{w('كل')}{s}(?P<pod>{alt(['صباح', 'مساء', 'ليلة', 'ظهر', 'فجر'])})",
          lambda m, ctx: Timex("SET", f"XXXX-XX-XXT{lookup(POD_OF, m.group('pod'))}")),
        r("set_every_n", rf"{w('كل')}{s}(?:{NUMBER_P}{s}(?P<unit>{UNIT_ANY})"
                         rf"|(?P<unit_dual>{UNIT_DUAL}))",
          n_set_every),
        r("set", rf"(?:{w('كل')}{s}(?:(?:{w('يوم')}{s})?(?P<weekday>{alt(ALL_WEEKDAYS)})"
                 rf"|(?P<unit>{UNIT_SING}))|"
                 rf"(?P<adverb>{alt(lx.SETS)}))", n_set),
        r("quarter", rf"(?P<kind>{alt(['الربع', 'النصف'])}){s}(?P<which>{alt(QUARTERS)})"
                     rf"(?:{s}{of}(?:{YEAR_P}|{alt(['العام', 'السنة'])}(?:{s}"
                     rf"(?P<rel>{REL}|{CUR}))?))?",
          n_quarter),
        r("season", rf"{MOD_P}(?:{w('فصل')}\s+)?(?P<season>{alt(lx.SEASONS)}){s}"
                    rf"(?:{of}{YEAR_P}|{alt(['هذا العام', 'هذه السنة'])}"
                    rf"|(?:{alt(['العام', 'السنة'])}{s})?(?P<rel>{REL}|{CUR}))", n_season),
        r("decade", rf"{MOD_P}(?:{w('عقد')}\s+)?(?P<decade>{alt(DECADES)})"
                    rf"(?:{s}{of}{w('القرن')}{s}(?P<century>{alt(CENTURY_WORDS)}))?",
          n_decade),
        r("holiday", rf"(?:(?P<nthday>{alt(FEAST_DAYS)}){s}{w('أيام')}{s})?"
                     rf"(?P<holiday>{alt(HOLIDAY_NAMES)})(?:{s}(?:{of}{YEAR_WORD}\s+)?"
                     rf"(?P<year>{DIGIT}{{4}})|{s}(?P<rel>{REL}|{CUR}))?", n_holiday),
        r("hijri_month", rf"{MOD_P}(?:{w('شهر')}{s}(?P<hmonth>{HIJRI_MONTH})"
                         rf"(?:{s}{alt(lx.HIJRI_MONTH_EPITHETS)})?"
                         rf"|(?P<hmonth_r>{HIJRI_MONTH})(?={s}(?:{REL}|{CUR}|"
                         rf"{alt(lx.HIJRI_MONTH_EPITHETS)}))"
                         rf"(?:{s}{alt(lx.HIJRI_MONTH_EPITHETS)})?"
                         rf"|(?:{'|'.join(f'(?<={w(p)} )' for p in TEMPORAL_PREPOSITIONS)})"
                         rf"(?P<hmonth_p>{w('رمضان')}))"
                         rf"(?:{s}(?P<rel>{REL}|{CUR})|{s}(?P<year>{DIGIT}{{4}})(?!\s*ه))?",
          lambda m, ctx: n_hijri_month(_Override(m, {"hmonth": m.group("hmonth") or
                                                     m.group("hmonth_r") or
                                                     m.group("hmonth_p")}), ctx)),
        r("weekday_of_week", rf"(?:{WEEKDAY_P}|(?P<bare_weekday>{BARE_WEEKDAY})){s}"
                             rf"(?:{of_in})?(?:{w('الأسبوع')}{s}(?P<rel>{REL}|{CUR})"
                             rf"|{alt(['هذا', 'هذه'])}{s}{w('الأسبوع')})", n_weekday_of_week),
        r("day_range", rf"(?:{alt(['من', 'بين'])}{s})?(?P<d1>{D2}){RANGE_SEP}(?P<d2>{D2})"
                       rf"{s}{of}{MONTH_P}(?:{s}{of}{YEAR_P}|{s}(?P<rel>{REL}|{CUR}))?",
          n_day_range),
        r("month_day_range", rf"(?:{alt(['من', 'بين'])}{s})?{MONTH_P}{s}(?P<d1>{D2})"
                             rf"{RANGE_SEP}(?P<d2>{D2})(?:{s}{of}{YEAR_P})?", n_day_range),
        r("unit_of_period", rf"(?:{w('الأسبوع')}{s}(?P<nth>{alt(FIRST_LAST)})"
                            rf"|(?P<third>{w('الثلث')}){s}(?P<nth_t>{alt(FIRST_LAST)})"
                            rf"|(?P<plural>{alt(PLURAL_PARTS)}){s}(?P<nth_p>{alt(FIRST_LAST)})"
                            rf"|(?P<nth_w>{alt(['أول', 'آخر', 'ثاني', 'ثالث', 'رابع'])}){s}"
                            rf"{w('أسبوع')}){s}{alt(['من', 'في'])}{s}"
                            rf"(?:{MONTH_P}(?:{s}{of}{YEAR_P})?"
                            rf"|(?P<pkind>{alt(['الشهر', 'العام', 'السنة'])})"
                            rf"(?:{s}(?P<prel>{REL}|{CUR}))?"
                            rf"|{alt(['هذا', 'هذه'])}{s}(?P<pkind_this>"
                            rf"{alt(['الشهر', 'العام', 'السنة'])}))",
          lambda m, ctx: n_unit_of_period(_Override(m, {"nth": m.group("nth") or
                                                        m.group("nth_p") or m.group("nth_w") or
                                                        m.group("nth_t")}), ctx)),
        r("unit_of_year", rf"(?:{w('الأسبوع')}{s}(?P<nth>{alt(FIRST_LAST)})"
                          rf"|(?P<plural>{alt(PLURAL_PARTS)}){s}(?P<nth_p>{alt(FIRST_LAST)})"
                          rf"|(?P<nth_w>{alt(['أول', 'آخر', 'ثاني', 'ثالث', 'رابع'])}){s}"
                          rf"{w('أسبوع')}){s}{alt(['من', 'في'])}{s}"
                          rf"(?:{YEAR_WORD}{s})?(?P<year>{DIGIT}{{4}})",
          lambda m, ctx: n_unit_of_period(_Override(m, {"nth": m.group("nth") or
                                                        m.group("nth_p") or m.group("nth_w")}),
                                          ctx)),
        # "أكثر من قرن": after a comparison, a unit alone is one of it (compose adds the mod)
        r("duration_compared", rf"{alt(['أكثر', 'أقل', 'أزيد'])}{s}{w('من')}{s}"
                               rf"(?P<span>(?P<unit>{UNIT_SING}))", n_duration, group="span"),
        r("duration_fraction", rf"(?P<fraction>{alt(['نصف', 'نص', 'ربع'])}){s}"
                               rf"(?P<unit>{UNIT_SING})",
          n_duration),
        r("duration_and_half", rf"(?:{NUMBER_P}{s})?(?P<unit>{UNIT_ANY}){s}"
                               rf"(?P<and_half>{alt(['ونصف', 'ونص'])})", n_duration),
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
