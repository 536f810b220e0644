"""The grammar: every rule of the domain modules, in the one order they are tried.

At a position the longest match wins; of matches of one length the rule earlier in
:data:`PRECEDENCE` wins. Most rules never tie (their phrases differ); where two can match
the same words and mean different things, a comment says which must come first and why,
and ``tests/test_rules_time.py`` has a phrase that the earlier one must win.
"""

from __future__ import annotations

from functools import lru_cache

from bench.extractors.rules_time import (
    clock,
    dates,
    day_parts,
    durations,
    hijri,
    holidays,
    period_parts,
    periods,
    references,
    relative_days,
    sets,
    weekdays,
    years,
)
from bench.extractors.rules_time.rule import Context, Rule, Timex

__all__ = ["PRECEDENCE", "Context", "Rule", "Timex", "rules"]

MODULES = (dates, years, hijri, weekdays, relative_days, clock, day_parts, periods,
           period_parts, durations, sets, holidays, references)

PRECEDENCE: tuple[str, ...] = (
    # nth_in_month before full_date: "الجمعة الأولى من آب" is a first Friday, not 1 August
    "nth_in_month",
    "day_of_year",
    "full_date",
    "numeric_dmy",
    "numeric_ymd",
    "numeric_my",
    "numeric_dm",
    "hijri",
    "hijri_year",
    "month_year",
    "month_rel",
    "month",
    "year",
    "year_words",
    "weekday",
    "context_weekday",
    "part_of_day",
    "tonight",
    "relday",
    # nth_weekday before weekday_day: "الجمعة الثانية بعد عيد الميلاد" is a second Friday,
    # not Friday the 2nd
    "nth_weekday",
    "weekday_day",
    "hour_part",
    "clock",
    "time_colon",
    "midnight",
    "this_part",
    "day_part_adverb",
    # weekend before period: "نهاية الأسبوع المقبل" is next weekend, not the end of next week
    "weekend",
    "period",
    "quarter_rel",
    "last_n",
    # weekend before period_mod: "نهاية الأسبوع" is the weekend, not the week with mod END
    "period_mod",
    "this_period",
    "this_period_ha",
    "month_mod",
    "year_mod",
    "ago",
    "refs_plural",
    "duration",
    "duration_after",
    "year_m",
    "year_in_brackets",
    "year_after_prep",
    "years_pair",
    "years_construct",
    "and_year",
    "decade_of_century",
    "generic_season",
    "century",
    "relday_weekday",
    "ref",
    "gulf_now",
    "set_times",
    "set_part",
    "set_every_n",
    "set",
    "quarter",
    "season",
    "decade",
    "holiday",
    "hijri_month",
    "weekday_of_week",
    "day_range",
    "month_day_range",
    "unit_of_period",
    "unit_of_year",
    "duration_compared",
    "duration_fraction",
    "duration_and_half",
)
"""Every rule by name, in the order ties are decided (the rank of a rule is its place
here). The order of rules that never match the same words is history, not meaning."""


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules in :data:`PRECEDENCE` order, built on first use (about a second: large
    alternations). A rule defined but not placed, placed but not defined, or defined twice
    is refused here."""
    defined: dict[str, Rule] = {}
    for module in MODULES:
        for rule in module.rules():
            if rule.name in defined:
                raise ValueError(f"rules-time: rule {rule.name!r} is defined twice")
            defined[rule.name] = rule
    placed = set(PRECEDENCE)
    if len(placed) != len(PRECEDENCE):
        raise ValueError("rules-time: PRECEDENCE names a rule twice")
    if placed != set(defined):
        raise ValueError(f"rules-time: rules not in PRECEDENCE: {sorted(set(defined) - placed)}; "
                         f"in PRECEDENCE but not defined: {sorted(placed - set(defined))}")
    return tuple(defined[name] for name in PRECEDENCE)
