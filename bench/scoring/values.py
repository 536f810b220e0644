"""Grading normalised TIMEX3 values of matched temporal spans.

* **Exact**: ``value`` and ``mod`` both equal (TempEval-3's value accuracy, plus mod).
* **Granularity-lenient** credit in [0, 1]:

  - calendar values are compared component by component, coarsest first
    (``2021-07-26TEV`` -> year, month, day, part of day). If one value is a
    truncation of the other (no component disagrees) the credit is the number of
    shared components over the longer value's count: gold ``2021-07-26`` and
    prediction ``2021-07`` share 2 of 3 -> 2/3; ``2021`` -> 1/3. Any disagreeing
    component (``2021-07-25``) gives 0;
  - durations with the same units where one side leaves the number unstated
    (``PTXH`` against ``PT3H``) get 1/2; other differing durations 0;
  - ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` and everything else: 1 if equal, else 0;
  - a differing ``mod`` halves the credit.

Values are Gregorian whatever the calendar of the text, so a Hijri date and its
Gregorian equivalent compare equal. Gold spans without a value (corpora such as
Wojood tag dates without normalising them) are left out of value grading.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def granularity_credit(gold: str, pred: str) -> float:
    if gold == pred:
        return 1.0
    if gold.startswith("P") and pred.startswith("P"):
        same_units = _NUMBER.sub("X", gold) == _NUMBER.sub("X", pred)
        return 0.5 if same_units and ("X" in gold or "X" in pred) else 0.0
    if gold.endswith("_REF") or pred.endswith("_REF") or gold.startswith("P") \
            or pred.startswith("P"):
        return 0.0
    g, p = re.split(r"[-T]", gold), re.split(r"[-T]", pred)
    shared = min(len(g), len(p))
    if g[:shared] != p[:shared]:
        return 0.0
    return shared / max(len(g), len(p))


@lru_cache(maxsize=1 << 16)  # corpora repeat their values: grade each pair once
def value_credit(gold_value: str | None, gold_mod: str | None,
                 pred_value: str | None, pred_mod: str | None) -> tuple[bool, float]:
    """(exact match, granularity-lenient credit) of a predicted value against the gold's."""
    if gold_value is None or pred_value is None:
        return False, 0.0
    exact = gold_value == pred_value and gold_mod == pred_mod
    lenient = granularity_credit(gold_value, pred_value) * (1.0 if gold_mod == pred_mod else 0.5)
    return exact, lenient
