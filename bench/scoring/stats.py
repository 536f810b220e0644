"""Confidence intervals and paired significance from per-unit counts, with numpy.

Nothing here re-runs the scorer: a resample is a vector of unit multiplicities
(bootstrap) or of unit swaps (approximate randomisation), and the resampled
TP/FP/FN totals of every table row are one matrix product away.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from bench.scoring.tables import prf

CHUNK = 100


def _bootstrap_weights(n_units: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Multiplicity of each unit in each resample, ``CHUNK`` resamples at a time."""
    rng = np.random.default_rng(seed)
    for first in range(0, resamples, CHUNK):
        size = min(CHUNK, resamples - first)
        draws = rng.integers(0, n_units, size=(size, n_units))
        flat = (draws + (np.arange(size) * n_units)[:, None]).ravel()
        yield np.bincount(flat, minlength=size * n_units).reshape(size, n_units).astype(float)


def bootstrap_totals(counts: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Resampled column totals: ``counts`` is ``[unit, column]``, result ``[resample, column]``."""
    n_units = counts.shape[0]
    if n_units == 0 or resamples == 0:
        return np.zeros((resamples, counts.shape[1]))
    return np.concatenate([w @ counts for w in _bootstrap_weights(n_units, resamples, seed)])


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval along axis 0, ignoring NaN (undefined) resamples."""
    tail = (1 - level) / 2 * 100
    out = np.full((2,) + samples.shape[1:], np.nan)
    defined = ~np.all(np.isnan(samples), axis=0)
    out[:, defined] = np.nanpercentile(samples[:, defined], [tail, 100 - tail], axis=0)
    return out[0], out[1]


def paired_bootstrap_p(f1_a: np.ndarray, f1_b: np.ndarray, observed: float) -> float:
    """Two-sided p of a difference ``observed``: resampled differences centred on zero."""
    delta = f1_a - f1_b
    extreme = np.abs(delta - delta.mean()) >= abs(observed) - 1e-12
    return float((1 + extreme.sum()) / (1 + len(delta)))


def approximate_randomisation_p(a: np.ndarray, b: np.ndarray, trials: int, seed: int,
                                zero_division: float = 0.0) -> np.ndarray:
    """Two-sided p of F1(a) != F1(b) for many pairs at once.

    ``a`` and ``b`` are ``[pair, unit, (tp, fp, fn)]``. Each trial swaps the two
    systems' counts on every unit with probability 1/2 (the same swaps for all pairs).
    """
    n_pairs, n_units, _ = a.shape
    if n_pairs == 0:
        return np.zeros(0)
    total_a, total_b = a.sum(axis=1), b.sum(axis=1)  # [pair, 3]
    observed = np.abs(prf(*total_a.T, zero_division)[2] - prf(*total_b.T, zero_division)[2])
    diff = (b - a).transpose(1, 0, 2).reshape(n_units, n_pairs * 3)
    rng = np.random.default_rng(seed)
    hits = np.zeros(n_pairs)
    for first in range(0, trials, CHUNK):
        size = min(CHUNK, trials - first)
        swaps = (rng.random((size, n_units)) < 0.5).astype(float)
        moved = (swaps @ diff).reshape(size, n_pairs, 3)
        f_a = prf(*np.moveaxis(total_a + moved, -1, 0), zero_division)[2]
        f_b = prf(*np.moveaxis(total_b - moved, -1, 0), zero_division)[2]
        hits += (np.abs(f_a - f_b) >= observed - 1e-12).sum(axis=0)
    return (1 + hits) / (1 + trials)


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
