"""Relative days in MSA and dialect (اليوم، غدا، بكرة، أمس، مبارح، أول امبارح ...)."""

from __future__ import annotations

import re
from datetime import timedelta

from bench.extractors.rules_time.parts import (
    ANY_WEEKDAY_P,
    S,
)
from bench.extractors.rules_time.patterns import alt, fold, lookup, table
from bench.extractors.rules_time.rule import Context, Rule, Timex
from bench.extractors.rules_time.values import (
    iso,
)

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
                 # MSA "أمس الأول"; Gulf عقب "after"
                 "أمس الأول": -2, "عقب باجر": 2, "عقب بكرة": 2}
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
                 info={"kind": "day", "relday": True})


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    s = S
    return [
        Rule("relday", "DATE",
             RELDAY_P, n_relday),
        Rule("relday_weekday", "DATE",
             rf"{RELDAY_P}{s}{ANY_WEEKDAY_P}", n_relday),
    ]
