"""Counts per resampling unit and table rows, from a matching.

Accounting (the same under every scheme, so rows always add up to the total):

* a matched pair with credit ``c`` (1 correct, 1/2 partial, 0 incorrect) adds ``c``
  to TP and ``1 - c`` to FN in the **gold** label's row, and ``1 - c`` to FP in the
  **predicted** label's row;
* an unmatched gold span is 1 FN of its label, an unmatched prediction 1 FP of its label.

So a type confusion under ``strict`` (gold LOC, predicted ORG, same span) is one
FN of LOC and one FP of ORG; under ``exact`` it is one TP of LOC. A row's
``support`` (TP + FN) is its number of gold spans; ``predicted`` counts the
predictions carrying the label, which equals TP + FP only when types match. Per-label TP, FP
and FN sum to the overall row, and per-date-type rows sum to the temporal labels'
rows. Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean;
a 0/0 is ``zero_division`` (0.0 by default, as nervaluate and scikit-learn do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bench.model import ENTITY_LABELS, TEMPORAL_LABELS
from bench.schema import CANONICAL, Schema
from bench.scoring.matching import Alignment

TP, FP, FN, PRED = 0, 1, 2, 3  # PRED: number of predictions of the row's label or type
DATE_TYPES = ("DATE/absolute", "DATE/relative", "TIME", "DURATION", "SET")
GROUPS = {"entities": ENTITY_LABELS, "temporal": TEMPORAL_LABELS}


@dataclass(frozen=True)
class Rows:
    """The row layout of every counts table, by name: ``overall``, one row per label (in
    ``labels`` order), one per date type, one per group. Nothing else does row arithmetic."""

    labels: tuple[str, ...]
    date_types: tuple[str, ...] = DATE_TYPES
    groups: tuple[str, ...] = tuple(GROUPS)
    overall: int = 0
    schema: Schema = CANONICAL
    """Which labels make each group (:meth:`bench.schema.Schema.group`)."""

    @classmethod
    def of(cls, labels: Iterable[str], schema: Schema) -> Rows:
        """The rows of ``labels`` in ``schema``'s table order."""
        return cls(schema.order(labels), schema=schema)

    def label(self, i: int) -> int:
        return 1 + i

    def date_type(self, j: int) -> int:
        return 1 + len(self.labels) + j

    def group(self, name: str) -> int:
        return 1 + len(self.labels) + len(self.date_types) + self.groups.index(name)

    def __len__(self) -> int:
        return 1 + len(self.labels) + len(self.date_types) + len(self.groups)

    def group_sums(self, table: np.ndarray) -> np.ndarray:
        """The group rows of a table of overall, label and date-type rows: sums of the
        label rows of each group's labels."""
        return np.stack([table[[self.label(i) for i, lab in enumerate(self.labels)
                                if self.schema.group(lab) == g]].sum(axis=0)
                         for g in self.groups])


def unit_counts(al: Alignment, pairs: np.ndarray, pair_credit: np.ndarray, n_units: int,
                n_labels: int, n_date_types: int) -> np.ndarray:
    """Counts tensor ``[row, unit, (tp, fp, fn, pred)]``; rows: overall, labels, date types
    (the first rows of :class:`Rows`; the group rows are added by :meth:`Rows.group_sums`)."""
    gold, pred = al.gold, al.pred
    g_match, p_match = al.gi[pairs], al.pj[pairs]

    def table(g_key, p_key, g_sel, p_sel, n_rows) -> np.ndarray:
        size = n_rows * n_units
        tp = np.bincount(g_key[g_match[g_sel]], pair_credit[g_sel], size)
        p_credit = np.bincount(p_key[p_match[p_sel]], pair_credit[p_sel], size)
        n_gold = np.bincount(g_key[g_key >= 0], minlength=size)
        n_pred = np.bincount(p_key[p_key >= 0], minlength=size)
        return np.stack([tp, n_pred - p_credit, n_gold - tp, n_pred], axis=-1) \
            .reshape(n_rows, n_units, 4)

    every = slice(None)
    by_label = table(gold.label * n_units + gold.unit, pred.label * n_units + pred.unit,
                     every, every, n_labels)
    g_date = np.where(gold.date_type >= 0, gold.date_type * n_units + gold.unit, -1)
    p_date = np.where(pred.date_type >= 0, pred.date_type * n_units + pred.unit, -1)
    by_date = table(g_date, p_date, g_date[g_match] >= 0, p_date[p_match] >= 0, n_date_types)
    return np.concatenate([by_label.sum(axis=0, keepdims=True), by_label, by_date])


def prf(tp, fp, fn, zero_division: float = 0.0):
    """Precision, recall, F1 (scalars or arrays) with the documented 0/0 rule."""
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), zero_division)
        r = np.where(tp + fn > 0, tp / (tp + fn), zero_division)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
        f = np.where((tp + fp == 0) & (tp + fn == 0), zero_division, f)
    return p, r, f
