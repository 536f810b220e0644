"""Nested spans: depth of each span among the spans of one document.

A document (or a corpus, in each document's meta) may declare ``"nested": true``;
then a span may lie inside another and one extent may carry two labels, while
crossing spans and exact duplicates stay errors (:func:`bench.validate.check_document`).
Depth 0 is an outermost span; a span inside one span of depth ``d`` has depth ``d + 1``;
spans of the same extent share their depth.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def nests(spans: Sequence[tuple[int, int]]) -> bool:
    """Whether any two of these (start, end) spans overlap (nest or share an extent)."""
    ordered = sorted(spans)
    return any(b[0] < a[1] for a, b in zip(ordered, ordered[1:], strict=False))


def depths(starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """The depth of each span (in the given order) among these spans of one document."""
    order = sorted(range(len(starts)), key=lambda i: (starts[i], -ends[i]))
    out = [0] * len(starts)
    stack: list[tuple[int, int, int]] = []  # (start, end, depth) of the open containers
    for i in order:
        s, e = starts[i], ends[i]
        while stack and stack[-1][1] <= s:
            stack.pop()
        if stack and (stack[-1][0], stack[-1][1]) == (s, e):
            out[i] = stack[-1][2]  # the same extent: the same depth
        else:
            out[i] = stack[-1][2] + 1 if stack else 0
        stack.append((s, e, out[i]))
    return out


def column_depths(doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """:func:`depths` for spans of many documents (``doc`` the document of each span);
    all zeros, without a loop, when no two spans of a document overlap."""
    out = np.zeros(len(doc), dtype=np.int64)
    if len(doc) < 2:
        return out
    # cheap first: spans in document order, none starting before the previous one ends
    if np.all((doc[1:] > doc[:-1]) | ((doc[1:] == doc[:-1]) & (start[1:] >= end[:-1]))):
        return out
    order = np.lexsort((-end, start, doc))
    d, s, e = doc[order], start[order], end[order]
    # within a document, a span starting before the furthest end so far overlaps one
    key = d * (int(e.max()) + 1)
    reach = np.maximum.accumulate(key + e)
    if not np.any((d[1:] == d[:-1]) & (key[1:] + s[1:] < reach[:-1])):
        return out
    bounds = np.flatnonzero(np.diff(d)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(d)], strict=True):
        out[order[lo:hi]] = depths(s[lo:hi].tolist(), e[lo:hi].tolist())
    return out
