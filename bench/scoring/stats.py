"""Confidence intervals and paired significance from per-unit counts, with numpy.

Nothing here re-runs the scorer: a resample is a vector of unit weights (bootstrap)
or of unit swaps (approximate randomisation), and the resampled TP/FP/FN totals of
every table row are one matrix product away.

Both draw from a counter-based generator keyed by each unit's identity (a 64-bit key
made from its document id and its position in the document, :func:`unit_keys`), the
seed and the resample number, never from the units' positions. So a unit gets the same
weight whichever documents are scored beside it and in whatever order, and the resampled
totals of a corpus are the sums of its shards' (:func:`bench.scoring.score_shards`
streams them). The bootstrap is therefore the Poisson bootstrap: each unit appears
Poisson(1) times in a resample (Hanley & MacGibbon 2006; Chamandy et al. 2012), the
streaming form of drawing n units with replacement, which it matches as n grows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from math import exp, factorial

import numpy as np

from bench.fingerprint import hash64, mix
from bench.scoring.tables import prf

BLOCK = 1 << 21
"""Resamples x units drawn at a time: the temporaries of the bootstrap and of the
randomisation test stay near ``BLOCK`` x 8 bytes (16 MB) whatever the resample count and
the number of units; the draws do not depend on the blocks, nor do the totals (integer
counts add up exactly in floating point), so the figures are the same for any block."""

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_POISSON = np.array([int(sum(exp(-1) / factorial(i) for i in range(k + 1)) * 2.0 ** 32)
                     for k in range(12)], dtype=np.uint32)
"""Poisson(1) cumulative probabilities as 32-bit integers: a uniform 32-bit draw stands
for the number of thresholds at or below it (counts above 12 have probability 1e-10,
below the draw's resolution)."""


def unit_keys(doc_keys: np.ndarray, units_per_doc: Sequence[int] | np.ndarray) -> np.ndarray:
    """The key of each unit: its document's key (:func:`hash64` of its id) and its ordinal
    in that document."""
    per_doc = np.asarray(units_per_doc, dtype=np.int64)
    doc_key = np.repeat(doc_keys, per_doc)
    first = np.repeat(np.cumsum(per_doc) - per_doc, per_doc)
    ordinal = (np.arange(len(doc_key), dtype=np.int64) - first).astype(np.uint64)
    return mix(doc_key ^ mix(ordinal + _GOLDEN))


def _draws(keys: np.ndarray, first: int, size: int, seed: int, stream: str) -> np.ndarray:
    """Uniform 64-bit draws ``[resample, unit]`` for resamples ``first .. first+size``."""
    base = keys ^ hash64([f"{stream}:{seed}"])[0]
    r = (np.arange(first, first + size, dtype=np.uint64) + np.uint64(1)) * _GOLDEN
    return mix(base[None, :] + r[:, None])


def _blocks(n_units: int, resamples: int) -> Iterator[tuple[slice, int, int]]:
    """(units, first resample, resamples) of each block of at most ``BLOCK`` draws."""
    step = max(1, min(n_units, BLOCK))
    rows = max(1, BLOCK // step)
    for first in range(0, resamples, rows):
        for lo in range(0, n_units, step):
            yield slice(lo, lo + step), first, min(rows, resamples - first)


def _poisson_weights(keys: np.ndarray, first: int, size: int, seed: int) -> np.ndarray:
    """Multiplicity of each unit in resamples ``first .. first+size``, ``[resample, unit]``."""
    u = (_draws(keys, first, size, seed, "bootstrap") >> np.uint64(32)).astype(np.uint32)
    count = np.zeros(u.shape, dtype=np.uint8)
    for threshold in _POISSON:  # 12 comparisons beat a binary search here
        count += u >= threshold
    return count.astype(float)


def bootstrap_totals(counts: np.ndarray, keys: np.ndarray, resamples: int,
                     seed: int) -> np.ndarray:
    """Resampled column totals: ``counts`` is ``[unit, column]`` with the units' ``keys``,
    the result ``[resample, column]``; totals of disjoint unit sets add up."""
    out = np.zeros((resamples, counts.shape[1]))
    for units, first, size in _blocks(counts.shape[0], resamples):
        out[first:first + size] += _poisson_weights(keys[units], first, size, seed) @ counts[units]
    return out


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval along axis 0, ignoring NaN (undefined) resamples."""
    tail = (1 - level) / 2 * 100
    out = np.full((2,) + samples.shape[1:], np.nan)
    if not len(samples):  # no resamples: no interval
        return out[0], out[1]
    missing = np.isnan(samples)
    full, some = ~missing.any(axis=0), missing.any(axis=0) & ~missing.all(axis=0)
    # np.percentile where no resample is undefined (vectorised; nanpercentile loops over
    # columns in Python): the same numbers, a hundred times faster on a report's rows
    out[:, full] = np.percentile(samples[:, full], [tail, 100 - tail], axis=0)
    out[:, some] = np.nanpercentile(samples[:, some], [tail, 100 - tail], axis=0)
    return out[0], out[1]


def paired_bootstrap_p(f1_a: np.ndarray, f1_b: np.ndarray, observed: float) -> float:
    """Two-sided p of a difference ``observed``: resampled differences centred on zero."""
    delta = f1_a - f1_b
    extreme = np.abs(delta - delta.mean()) >= abs(observed) - 1e-12
    return float((1 + extreme.sum()) / (1 + len(delta)))


def randomisation_moves(diff: np.ndarray, keys: np.ndarray, trials: int,
                        seed: int) -> np.ndarray:
    """Per trial, the counts moved from one system to the other by swapping their counts
    on about half of the units: ``diff`` is ``[unit, column]`` (b - a), the result
    ``[trial, column]``; moves of disjoint unit sets add up."""
    out = np.zeros((trials, diff.shape[1]))
    for units, first, size in _blocks(diff.shape[0], trials):
        swaps = _draws(keys[units], first, size, seed, "randomisation") >> np.uint64(63)
        out[first:first + size] += swaps.astype(float) @ diff[units]
    return out


def randomisation_p(total_a: np.ndarray, total_b: np.ndarray, moved: np.ndarray,
                    zero_division: float = 0.0) -> np.ndarray:
    """Two-sided p of F1(a) != F1(b) for many pairs at once: ``total_a``/``total_b``
    ``[pair, (tp, fp, fn)]``, ``moved`` ``[trial, pair, 3]`` (:func:`randomisation_moves`)."""
    if total_a.shape[0] == 0:
        return np.zeros(0)
    observed = np.abs(prf(*total_a.T, zero_division)[2] - prf(*total_b.T, zero_division)[2])
    f_a = prf(*np.moveaxis(total_a + moved, -1, 0), zero_division)[2]
    f_b = prf(*np.moveaxis(total_b - moved, -1, 0), zero_division)[2]
    hits = (np.abs(f_a - f_b) >= observed - 1e-12).sum(axis=0)
    return (1 + hits) / (1 + moved.shape[0])


def approximate_randomisation_p(a: np.ndarray, b: np.ndarray, trials: int, seed: int,
                                zero_division: float = 0.0,
                                keys: np.ndarray | None = None) -> np.ndarray:
    """Two-sided p of F1(a) != F1(b) for many pairs at once.

    ``a`` and ``b`` are ``[pair, unit, (tp, fp, fn)]``. Each trial swaps the two
    systems' counts on every unit with probability 1/2 (the same swaps for all pairs).
    ``keys``: the units' keys (:func:`unit_keys`; default: their positions).
    """
    n_pairs, n_units, _ = a.shape
    if keys is None:
        keys = mix(np.arange(n_units, dtype=np.uint64))
    diff = (b - a).transpose(1, 0, 2).reshape(n_units, n_pairs * 3)
    moved = randomisation_moves(diff, keys, trials, seed).reshape(trials, n_pairs, 3)
    return randomisation_p(a.sum(axis=1), b.sum(axis=1), moved, zero_division)


def holm(pvalues: np.ndarray) -> np.ndarray:
    """Holm-Bonferroni adjusted p-values (step-down, monotone, capped at 1)."""
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out
