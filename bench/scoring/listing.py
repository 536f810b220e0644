"""The per-span listing of one system, made into items a chunk at a time.

:func:`bench.scoring.api.score` with ``alignment=True`` fills ``SystemResults.alignment``
with a :class:`Listing`: columns (kind, document, gold and predicted rows, context
bounds) in their final order, from which :class:`~bench.scoring.results.AlignmentItem`
objects are built only while they are iterated, ``CHUNK`` at a time. Writing two
million of them (``bench score --alignment FILE``) then holds one chunk, not all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from bench.columns import Columns
from bench.scoring.results import AlignmentItem

CHUNK = 50_000
CONTEXT = 40  # characters of context on each side


@dataclass(eq=False)
class Listing:
    """Items in (document, start) order; ``g``/``p`` are annotation rows of the gold and
    predicted columns (-1: none), ``value_ok`` None where not both are temporal."""

    system: str
    doc_ids: list[str]
    texts: list[str]
    gold: Columns
    pred: Columns
    kind: np.ndarray
    doc: np.ndarray
    g: np.ndarray
    p: np.ndarray
    start: np.ndarray
    end: np.ndarray
    clitic: np.ndarray
    value_ok: np.ndarray  # object: True, False or None
    level: np.ndarray  # object: nesting level of the gold (else predicted) span, None if flat

    def __len__(self) -> int:
        return len(self.kind)

    def __iter__(self) -> Iterator[AlignmentItem]:
        for chunk in self.chunks():
            yield from chunk

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other)  # type: ignore[call-overload]

    def chunks(self, size: int = CHUNK) -> Iterator[list[AlignmentItem]]:
        for first in range(0, len(self), size):
            yield self._items(slice(first, first + size))

    def _items(self, part: slice) -> list[AlignmentItem]:
        g, p = self.g[part], self.p[part]
        g_dicts = np.full(len(g), None, dtype=object)
        g_dicts[g >= 0] = self.gold.annotation_dicts(g[g >= 0])
        p_dicts = np.full(len(p), None, dtype=object)
        p_dicts[p >= 0] = self.pred.annotation_dicts(p[p >= 0])
        items = []
        for k, d, s, e, gd, pd, c, v, lv in zip(
                *(x[part].tolist() for x in (self.kind, self.doc, self.start, self.end)),
                g_dicts.tolist(), p_dicts.tolist(), self.clitic[part].tolist(),
                self.value_ok[part].tolist(), self.level[part].tolist(), strict=True):
            text = self.texts[d]
            items.append(AlignmentItem(self.system, self.doc_ids[d], k, gd, pd, c, v,
                                       text[max(0, s - CONTEXT):s], text[s:e],
                                       text[e:e + CONTEXT], lv))
        return items
