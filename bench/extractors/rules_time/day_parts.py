"""Parts of days: مساء الخميس، هذا الصباح، غدا مساء، الليلة."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.parts import (
    REL,
    WEEKDAY_P,
    S,
    unnamed,
)
from bench.extractors.rules_time.patterns import alt, lookup, table, w
from bench.extractors.rules_time.relative_days import RELDAY_P, n_relday
from bench.extractors.rules_time.rule import Context, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
)
from bench.extractors.rules_time.weekdays import n_weekday

POD_OF = table(lx.PARTS_OF_DAY)
PART_ADVERB_OF = table(lx.PART_ADVERBS)


def n_tonight(m: re.Match, ctx: Context) -> Timex:
    return Timex("TIME", iso(ctx.dct) + "TNI")


def n_part_of_day(m: re.Match, ctx: Context) -> Timex | None:
    part = str(lookup(POD_OF, m.group("pod")))
    if m.group("relday"):
        day = n_relday(m, ctx)
    else:
        day = n_weekday(m, ctx)
    if day is None:  # not a day after all (اليوم العالمي ...): no match
        return None
    return Timex("TIME", f"{day.value}T{part}", info={"kind": "pod", "part": part})


THIS_PARTS = ["الصباح", "المساء", "الظهر", "العصر", "الفجر", "الضحى"]
DAY_PART_ADVERBS = list(lx.PART_ADVERBS)  # غدا مساء, بعد بكرة الصبح


def n_day_part_adverb(m: re.Match, ctx: Context) -> Timex | None:
    """غدا مساء, الخميس صباحا: that day's part."""
    day = n_relday(m, ctx) if m.group("relday") else n_weekday(m, ctx)
    if day is None:  # not a day after all: no match
        return None
    part = str(lookup(PART_ADVERB_OF, m.group("padv")))
    return Timex("TIME", f"{day.value}T{part}", info={"kind": "pod", "part": part})


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    return [
        Rule("part_of_day", "TIME",
             rf"(?P<pod>{alt(lx.PARTS_OF_DAY)}){s}(?:{RELDAY_P}"
             rf"(?:{s}{unnamed(WEEKDAY_P)})?|(?:{w('يوم')}{s})?{WEEKDAY_P}"
             rf"(?:{s}(?P<rel>{REL}))?)", n_part_of_day),
        Rule("tonight", "TIME",
             rf"(?:{w('هذه')}\s+)?{w('الليلة')}", n_tonight),
        Rule("this_part", "TIME",
             rf"{alt(['هذا', 'هذه'])}{s}(?P<pod>{alt(THIS_PARTS)})",
             lambda m, ctx: Timex("TIME", f"{iso(ctx.dct)}T{lookup(POD_OF, m.group('pod'))}",
                                  info={"kind": "pod", "part": lookup(POD_OF, m.group("pod"))})),
        Rule("day_part_adverb", "TIME",
             rf"(?:{RELDAY_P}|{WEEKDAY_P}(?:{s}(?P<rel>{REL}))?){s}"
             rf"(?P<padv>{alt(DAY_PART_ADVERBS)})", n_day_part_adverb),
    ]
