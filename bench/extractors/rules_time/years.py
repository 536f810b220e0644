"""Years (with عام/سنة, م, after a preposition, in brackets, in pairs), decades and centuries."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    FIRST_LAST,
    FIRST_LAST_OF,
    MOD_P,
    NUMBER_WORDS,
    OF,
    ORDINAL_OF,
    STRICT_YEAR_P,
    YEAR_THOUSANDS,
    YEAR_WORD,
    S,
    modded,
    number,
)
from bench.extractors.rules_time.patterns import DIGIT, alt, fold, lookup, table, to_ascii_digits, w
from bench.extractors.rules_time.rule import Context, Rule, Timex


def n_year(m: re.Match, ctx: Context) -> Timex:
    return modded(m, Timex("DATE", f"{int(to_ascii_digits(m.group('year'))):04d}",
                           info={"kind": "year"}))


def n_year_words(m: re.Match, ctx: Context) -> Timex | None:
    """سنة ألفين وعشرين: a year said in words (2000 and a number below 100)."""
    rest = number(m.group("rest")) if m.group("rest") else 0
    return Timex("DATE", f"{2000 + rest:04d}", info={"kind": "year"}) \
        if rest is not None and rest < 100 else None


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


DECADES = {"العشرينيات": 2, "العشرينات": 2, "الثلاثينيات": 3, "الثلاثينات": 3,
           "الأربعينيات": 4, "الأربعينات": 4, "الخمسينيات": 5, "الخمسينات": 5,
           "الستينيات": 6, "الستينات": 6, "السبعينيات": 7, "السبعينات": 7,
           "الثمانينيات": 8, "الثمانينات": 8, "التسعينيات": 9, "التسعينات": 9}
DECADE_OF = table({**DECADES, **{k[2:]: v for k, v in DECADES.items()}})


def n_decade(m: re.Match, ctx: Context) -> Timex:
    """Decades of the last century unless the text names one (القرن الحالي، القرن التاسع
    عشر: :func:`century_of`)."""
    tens = int(lookup(DECADE_OF, m.group("decade")))
    century = century_of(m.group("century")) if m.group("century") else 19
    return modded(m, Timex("DATE", f"{century:02d}{tens}"))


# nouns a year-like number counts ("في 2004 جندي" is no year)
COUNTED = ["جندي", "شخص", "قتيل", "مواطن", "دولار", "يورو", "طن", "كيلومتر", "متر", "منزل",
           "عامل", "طالب", "لاجئ", "مصاب", "مريض", "حالة", "صاروخ", "عنصر", "مقاتل"]


YEAR_PREPOSITIONS = ["في", "منذ", "حتى", "خلال", "قبل", "بعد", "مطلع", "نهاية"]
CENTURY_WORDS = ["الماضي", "العشرين", "الحالي", "الحادي والعشرين"]


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s, of = S, OF
    return [
        Rule("year", "DATE",
             rf"{MOD_P}{STRICT_YEAR_P}", n_year),
        Rule("year_words", "DATE",
             rf"{YEAR_WORD}{s}{alt(YEAR_THOUSANDS)}"
             rf"(?:{s}و\s*(?P<rest>{NUMBER_WORDS}(?:{s}و\s*{NUMBER_WORDS})?))?(?!\w)",
             n_year_words),
        Rule("year_mod", "DATE",
             rf"(?P<mod>{alt(lx.MODIFIERS)}){s}(?:{w('من')}{s})?"
             rf"(?P<year>(?:1[89]|20){DIGIT}{{2}})(?!\s*[\w%])", n_year),
        Rule("year_m", "DATE",
             rf"(?P<year>{DIGIT}{{4}})\s*م(?!\w)", n_year),  # 2002م
        # a year alone in brackets: "( 1948 )"
        Rule("year_in_brackets", "DATE",
             rf"(?:(?<=\()|(?<=\( ))(?P<year>(?:1[89]|20){DIGIT}{{2}})(?=\s*\))",
             n_year),
        # a bare year after a preposition: في 2004, منذ 1990 (not "2500 جندي")
        Rule("year_after_prep", "DATE",
             rf"{alt(YEAR_PREPOSITIONS)}{s}"
             rf"(?P<span>(?P<year>(?:1[89]|20){DIGIT}{{2}}))(?!\s*%)(?!\w)"
             rf"(?!\s+{alt(COUNTED)})", n_year, group="span"),
        # the years of "عامي 2002 و2003", "بين العامين 1910 و 1912"
        # the years of "بين العامين 1910 و 1912"; in "عامي 2002 و2003" the construct noun
        # stays in the span (as GUIDELINES 19's "شهري يوليو")
        Rule("years_pair", "DATE",
             rf"{alt(['العامين', 'السنتين'])}{s}"
             rf"(?P<span>(?P<year>{DIGIT}{{4}}))(?!\w)", n_year, group="span"),
        Rule("years_construct", "DATE",
             rf"{alt(['عامي', 'سنتي'])}{s}(?P<year>{DIGIT}{{4}})(?!\w)", n_year),
        Rule("and_year", "DATE",
             rf"(?:(?<={DIGIT} و)|(?<={DIGIT} و )|(?<={DIGIT}و))"
             rf"(?P<year>(?:1[89]|20){DIGIT}{{2}})(?!\w)(?!\s*%)", n_year),
        Rule("decade_of_century", "DATE",
             rf"{w('العقد')}{s}(?P<nth>{alt(FIRST_LAST)}){s}{of}{w('القرن')}{s}"
             rf"(?P<century>{alt(CENTURY_WORDS)})", n_decade_of_century),
        Rule("century", "DATE",
             rf"{MOD_P}{w('القرن')}{s}(?P<oday>{alt(lx.ORDINAL_DAYS)})", n_century),
        Rule("decade", "DATE",
             rf"{MOD_P}(?:{w('عقد')}\s+)?(?P<decade>{alt(DECADES)}"
             # in construct without the article: "ثمانينات القرن الماضي"
             rf"|{alt(k[2:] for k in DECADES)}(?={s}{w('القرن')}))"
             rf"(?:{s}{of}{w('القرن')}{s}"
             rf"(?P<century>{alt(CENTURY_WORDS + list(lx.ORDINAL_DAYS))}))?",
             n_decade),
    ]
