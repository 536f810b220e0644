"""TempEval-3 TIMEX3 evaluation (UzZaman et al., SemEval-2013 Task 1, section 4.1).

* ``strict``: extents equal; ``relaxed``: extents overlap. P = matched / system TIMEX3,
  R = matched / gold TIMEX3; the type is not compared.
* ``value`` and ``type``: attribute F1 over the relaxed matches: P = relaxed matches
  whose attribute equals the gold's / system TIMEX3, R = the same / gold TIMEX3.

Matching is one to one, in document order: first each gold TIMEX3 takes a system TIMEX3
of the same extent (strict matches), then each gold TIMEX3 still alone takes the first
system TIMEX3 still free that overlaps it. So on predictions whose extents are all
exact, strict = relaxed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.model import Annotation
from bench.scoring.compat.results import Summable

TABLES = ("strict", "relaxed", "value", "type")


@dataclass
class Te3Counts(Summable):
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0


def _order(anns: Sequence[Annotation]) -> list[Annotation]:
    return sorted(anns, key=lambda a: (a.start, a.end, a.label))


def te3(gold: Sequence[Annotation], pred: Sequence[Annotation]) -> Te3Counts:
    """The counts of one document's TIMEX3 (give only temporal annotations)."""
    gold, pred = _order(gold), _order(pred)
    out = Te3Counts(gold=len(gold), pred=len(pred))
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for exact in (True, False):  # every equal extent first, then overlaps
        for i, g in enumerate(gold):
            if i in pairs:
                continue
            k = next((k for k, p in enumerate(pred) if k not in taken and (
                (p.start, p.end) == (g.start, g.end) if exact
                else p.start < g.end and g.start < p.end)), None)
            if k is not None:
                taken.add(k)
                pairs[i] = k
                out.strict += exact
    for i, k in pairs.items():
        out.relaxed += 1
        out.value += pred[k].value == gold[i].value
        out.type += pred[k].label == gold[i].label
    return out
