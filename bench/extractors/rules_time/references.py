"""References: PRESENT_REF, PAST_REF, FUTURE_REF (حاليا، مؤخرا، الآن، الحين)."""

from __future__ import annotations

import re

from bench.extractors.rules_time import lexicon as lx
from bench.extractors.rules_time.patterns import alt, lookup, table, w
from bench.extractors.rules_time.rule import Context, Rule, Timex

REF_OF = table(lx.REFS)


def n_ref(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", str(lookup(REF_OF, m.group("ref"))))


def rules() -> list[Rule]:
    """This module's rules, each with its TIMEX3 type (ranked by :data:`.grammar.PRECEDENCE`)."""
    return [
        Rule("ref", "DATE",
             rf"(?P<ref>{alt(lx.REFS)})", n_ref),
        # Gulf "now"; "منذ ذلك الحين" (since then) is no reference to the present
        Rule("gulf_now", "DATE",
             rf"(?<!{w('ذلك')} )(?<!{w('تلك')} )(?<!{w('في')} ){w('الحين')}",
             lambda m, ctx: Timex("DATE", "PRESENT_REF")),
    ]
