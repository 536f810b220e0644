"""nervaluate 1.2.1's four schemes (SemEval-2013 9.1) with its greedy matching.

Predictions are taken in order; each is compared with the gold spans not yet matched, in
order, and takes the first one it fits (``ent_type``: the closest same-label one by
boundary distance), so a gold span is matched at most once and the counts depend on the
order of the spans (document order here: start, end, label). An overlap is one of at
least ``min_overlap`` percent of the gold span (nervaluate's default 1%), ends inclusive.
Per-label counts are those of the spans of that label alone, as nervaluate computes
them (not a breakdown of the overall counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.scoring.compat.results import Summable

Span = tuple[int, int, str]
"""(start, inclusive end, label)."""
SCHEMES = ("strict", "exact", "partial", "ent_type")


@dataclass
class Outcome(Summable):
    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    def credit(self, scheme: str) -> float:
        """What counts as found: correct, plus half of each partial under ``partial`` and
        ``ent_type``."""
        return self.correct + (0.5 * self.partial if scheme in ("partial", "ent_type") else 0)


def _overlap(pred: Span, gold: Span, min_overlap: float) -> bool:
    if pred[0] > gold[1] or pred[1] < gold[0]:
        return False
    shared = min(pred[1], gold[1]) - max(pred[0], gold[0]) + 1
    return shared / (gold[1] - gold[0] + 1) * 100 >= min_overlap


def evaluate(gold: Sequence[Span], pred: Sequence[Span], scheme: str,
             min_overlap: float = 1.0) -> Outcome:
    """The outcome of one document under ``scheme``."""
    out = Outcome()
    taken: set[int] = set()
    for p in pred:
        hit = near = None  # the gold span matched; the first one merely overlapped
        best = None
        for k, g in enumerate(gold):
            if k in taken:
                continue
            same_extent = p[:2] == g[:2]
            if scheme == "ent_type":
                if _overlap(p, g, min_overlap):
                    if p[2] == g[2]:
                        distance = abs(p[0] - g[0]) + abs(p[1] - g[1])
                        if best is None or distance < best:
                            hit, best = k, distance
                    elif near is None:
                        near = k
                continue
            if scheme == "partial":
                if _overlap(p, g, min_overlap):
                    if same_extent:
                        hit = k
                        break
                    near = k if near is None else near
                continue
            if same_extent and (scheme == "exact" or p[2] == g[2]):
                hit = k
                break
            if near is None and _overlap(p, g, min_overlap):
                near = k
        if hit is not None:
            out.correct += 1
            taken.add(hit)
        elif near is not None:
            if scheme == "partial":
                out.partial += 1
            else:
                out.incorrect += 1
            taken.add(near)
        else:
            out.spurious += 1
    out.missed += len(gold) - len(taken)
    return out
