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

import numpy as np

from bench.scoring.matching import Alignment

TP, FP, FN, PRED = 0, 1, 2, 3  # PRED: number of predictions of the row's label or type


def unit_counts(al: Alignment, pairs: np.ndarray, pair_credit: np.ndarray, n_units: int,
                n_labels: int, n_date_types: int) -> np.ndarray:
    """Counts tensor ``[row, unit, (tp, fp, fn, pred)]``; rows: overall, labels, date types."""
    gold, pred = al.gold, al.pred
    g_credit = np.zeros(len(gold))
    g_credit[al.gi[pairs]] = pair_credit
    p_credit = np.zeros(len(pred))
    p_credit[al.pj[pairs]] = pair_credit
    n_rows = 1 + n_labels + n_date_types
    out = np.zeros((4, n_rows * n_units))

    def add(kind: int, spans, weights: np.ndarray) -> None:
        idx = [spans.unit, (1 + spans.label) * n_units + spans.unit]
        wts = [weights, weights]
        temporal = spans.date_type >= 0
        idx.append((1 + n_labels + spans.date_type[temporal]) * n_units + spans.unit[temporal])
        wts.append(weights[temporal])
        out[kind] += np.bincount(np.concatenate(idx), np.concatenate(wts),
                                 minlength=n_rows * n_units)

    add(TP, gold, g_credit)
    add(FN, gold, 1.0 - g_credit)
    add(FP, pred, 1.0 - p_credit)
    add(PRED, pred, np.ones(len(pred)))
    return out.reshape(4, n_rows, n_units).transpose(1, 2, 0)


def prf(tp, fp, fn, zero_division: float = 0.0):
    """Precision, recall, F1 (scalars or arrays) with the documented 0/0 rule."""
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), zero_division)
        r = np.where(tp + fn > 0, tp / (tp + fn), zero_division)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
        f = np.where((tp + fp == 0) & (tp + fn == 0), zero_division, f)
    return p, r, f
