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

CHUNK = 1_000_000
"""Draws made at a time (resamples x units): a few arrays of this many 64-bit integers."""

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


def _resamples_per_chunk(n_units: int) -> int:
    """Resamples drawn at once: up to 100, ``CHUNK`` draws in all (a draw depends on its
    unit and resample number only, so the chunks change no result)."""
    return max(1, min(100, CHUNK // max(n_units, 1)))


def _bootstrap_weights(keys: np.ndarray, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Multiplicity of each unit in each resample (uint8), a chunk of resamples at a time."""
    step = _resamples_per_chunk(len(keys))
    for first in range(0, resamples, step):
        draws = _draws(keys, first, min(step, resamples - first), seed, "bootstrap")
        u = np.right_shift(draws, np.uint64(32), out=draws).astype(np.uint32)
        del draws
        count = np.zeros(u.shape, dtype=np.uint8)
        above = np.empty(u.shape, dtype=bool)
        for threshold in _POISSON:  # 12 comparisons beat a binary search here
            count += np.greater_equal(u, threshold, out=above)
        yield count


def bootstrap_totals(counts: np.ndarray, keys: np.ndarray, resamples: int,
                     seed: int) -> np.ndarray:
    """Resampled column totals: ``counts`` is ``[unit, column]`` with the units' ``keys``,
    the result ``[resample, column]``; totals of disjoint unit sets add up."""
    group, first = row_groups(list(counts.T), len(counts))
    return grouped_bootstrap(counts[first], group, keys, resamples, seed)


def row_groups(columns: Sequence[np.ndarray], n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows, not all zero, of the ``[unit, column]`` matrix whose columns are
    ``columns``: per unit the number of its row (-1 for a row of zeros), and the first
    unit of each. Rows are told apart by a hash of their values, then checked whole
    (every live unit its own row if two rows shared a hash)."""
    key = np.zeros(n_units, dtype=np.uint64)
    live = np.zeros(n_units, dtype=bool)
    for column in columns:
        nonzero = column != 0
        if nonzero.any():
            live |= nonzero
            key = mix(key ^ np.ascontiguousarray(column, dtype=np.float64).view(np.uint64))
    units = np.flatnonzero(live)
    _, first, inverse = np.unique(key[units], return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    if any((column[units] != column[units[first][inverse]]).any() for column in columns):
        first = inverse = np.arange(len(units))
    group = np.full(n_units, -1, dtype=np.int64)
    group[units] = inverse
    return group, units[first]


def grouped_bootstrap(rows: np.ndarray, group: np.ndarray, keys: np.ndarray, resamples: int,
                      seed: int) -> np.ndarray:
    """:func:`bootstrap_totals` of units whose counts are ``rows[group]`` (a unit of
    ``group`` -1 counts nothing): each distinct row weighted by the sum of its units'
    weights, a product of ``[resample, distinct row]`` by ``[distinct row, column]``
    instead of ``[resample, unit]`` by ``[unit, column]``. Integer weights times counts
    in halves sum exactly in floating point (below 2**52), so the totals are those of
    the plain product to the last bit."""
    units = np.flatnonzero(group >= 0)
    out = np.zeros((resamples, rows.shape[1]))
    if not len(units) or resamples == 0:
        return out
    order = units[np.argsort(group[units], kind="stable")]
    firsts = np.searchsorted(group[order], np.arange(len(rows)))
    used = np.flatnonzero(rows.any(axis=0))  # and equal columns multiplied once
    columns, back = np.unique(rows[:, used], axis=1, return_inverse=True)
    # weights of CHUNK draws at a time, multiplied in as few products as fit in CHUNK
    # elements: a product has a fixed cost (BLAS threads start) that 1000 small ones pay
    block = max(1, CHUNK // len(rows))
    done, pending = 0, []
    for w in _bootstrap_weights(keys[order], resamples, seed):
        pending.append(np.add.reduceat(w, firsts, axis=1, dtype=np.uint32))
        if sum(map(len, pending)) >= block or done + sum(map(len, pending)) == resamples:
            grouped = np.concatenate(pending).astype(float)
            out[done:done + len(grouped), used] = (grouped @ columns)[:, back.ravel()]
            done, pending = done + len(grouped), []
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
    if diff.shape[0] == 0:
        return out
    step = _resamples_per_chunk(len(keys))
    for first in range(0, trials, step):
        size = min(step, trials - first)
        swaps = (_draws(keys, first, size, seed, "randomisation") >> np.uint64(63))
        out[first:first + size] = swaps.astype(float) @ diff
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
