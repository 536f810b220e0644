"""Optimal one-to-one matching of predicted to gold spans, vectorised over a corpus.

Spans of a corpus become columns (numpy arrays). Overlapping gold/prediction
pairs are found with binary search; a pair whose two spans overlap nothing else
is matched directly, and every larger connected group of overlapping spans is
solved exactly with :func:`scipy.optimize.linear_sum_assignment`. The assignment
maximises, in this order: the scheme's credit (1 or 1/2), the number of matched
pairs, then the total overlap (Jaccard). Spans are put in a canonical order
first, so no input order can change a result.

Optional gold annotations: a prediction that overlaps an optional gold span and
no required one is set aside (neither TP nor FP); optional gold spans are then
dropped (a miss is not an FN). This rule does not depend on the scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from bench.arabic import clitic_lenient_same_span
from bench.model import Document

SCHEMES = ("strict", "exact", "partial", "type")
CLITICS = ("strict", "lenient")


@dataclass(frozen=True)
class Spans:
    """Columns of every annotation of a corpus side, in canonical order.

    ``doc`` indexes the corpus's documents, ``index`` the annotation within its
    document, ``label``/``date_type`` index the vocabularies given to :func:`spans`
    (``date_type`` is -1 for entities), ``unit`` is the resampling unit.
    """

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    date_type: np.ndarray
    optional: np.ndarray
    index: np.ndarray
    unit: np.ndarray

    def __len__(self) -> int:
        return len(self.doc)

    def take(self, mask: np.ndarray) -> Spans:
        return Spans(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


def spans(docs: Sequence[Document], labels: dict[str, int], date_types: dict[str, int],
          unit_starts: np.ndarray, stride: int) -> Spans:
    """Columnar spans; ``unit_starts`` are sorted global keys ``doc * stride + offset``."""
    rows = [(d, a.start, a.end, labels[a.label], date_types.get(a.date_type, -1),
             a.optional, k, a.value or "")
            for d, doc in enumerate(docs) for k, a in enumerate(doc.annotations)]
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Spans(empty, empty, empty, empty, empty, empty.astype(bool), empty, empty)
    cols = list(zip(*rows, strict=True))
    doc, start, end, label, dtype, optional, index = (np.asarray(c, dtype=np.int64)
                                                      for c in cols[:7])
    # canonical order: document, start, end, label, then value (ties carry no other meaning)
    value_rank = np.unique(np.asarray(cols[7], dtype=object), return_inverse=True)[1]
    order = np.lexsort((index, value_rank, label, end, start, doc))
    doc, start = doc[order], start[order]
    unit = np.searchsorted(unit_starts, doc * stride + start, side="right") - 1
    return Spans(doc, start, end[order], label[order], dtype[order],
                 optional[order].astype(bool), index[order], unit)


def overlap_pairs(gold: Spans, pred: Spans, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """All (gold i, prediction j) pairs whose spans overlap."""
    if not len(gold) or not len(pred):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    g_start, g_end = gold.doc * stride + gold.start, gold.doc * stride + gold.end
    p_start, p_end = pred.doc * stride + pred.start, pred.doc * stride + pred.end
    if np.all(g_end[1:] >= g_end[:-1]):
        # gold spans do not nest: those overlapping a prediction form one contiguous run
        lo = np.searchsorted(g_end, p_start, side="right")
        hi = np.searchsorted(g_start, p_end, side="left")
        count = np.maximum(hi - lo, 0)
        pj = np.repeat(np.arange(len(pred)), count)
        offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        return np.repeat(lo, count) + offsets, pj
    return _overlap_pairs_nested(g_start, g_end, p_start, p_end)


def _overlap_pairs_nested(g_start, g_end, p_start, p_end) -> tuple[np.ndarray, np.ndarray]:
    """General case (nested or overlapping gold): scan gold in start order with a reach bound."""
    hi = np.searchsorted(g_start, p_end, side="left")
    reach = np.maximum.accumulate(g_end)  # furthest end among gold up to each index
    lo = np.searchsorted(reach, p_start, side="right")
    gi, pj = [], []
    for j in np.flatnonzero(hi > lo):
        cand = np.arange(lo[j], hi[j])
        cand = cand[g_end[cand] > p_start[j]]
        gi.append(cand)
        pj.append(np.full(len(cand), j))
    if not gi:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(gi), np.concatenate(pj)


@dataclass(frozen=True)
class Alignment:
    """Overlap pairs of one prediction set against the gold, after optional handling."""

    gold: Spans
    pred: Spans
    gi: np.ndarray
    pj: np.ndarray
    same_type: np.ndarray
    same_bounds: dict[str, np.ndarray]  # per clitic mode
    jaccard: np.ndarray
    trivial: np.ndarray  # pair is a component on its own
    components: list[np.ndarray]  # pair indices of each larger component


def align(gold: Spans, pred: Spans, texts: Sequence[str], stride: int,
          clitics: Sequence[str] = CLITICS) -> Alignment:
    gi, pj = overlap_pairs(gold, pred, stride)
    # optional gold: set aside predictions that only touch optional spans, then drop those spans
    on_optional = gold.optional[gi]
    touches_req = np.bincount(pj[~on_optional], minlength=len(pred)) > 0
    touches_opt = np.bincount(pj[on_optional], minlength=len(pred)) > 0
    keep_pred = ~(touches_opt & ~touches_req)
    keep_gold = ~gold.optional
    keep_pair = keep_gold[gi] & keep_pred[pj]
    g_new = np.cumsum(keep_gold) - 1
    p_new = np.cumsum(keep_pred) - 1
    gold, pred = gold.take(keep_gold), pred.take(keep_pred)
    gi, pj = g_new[gi[keep_pair]], p_new[pj[keep_pair]]

    gs, ge, ps, pe = gold.start[gi], gold.end[gi], pred.start[pj], pred.end[pj]
    exact = (gs == ps) & (ge == pe)
    same_bounds = {"strict": exact}
    if "lenient" in clitics:
        lenient = exact.copy()
        for k in np.flatnonzero(~exact):
            lenient[k] = clitic_lenient_same_span(
                texts[gold.doc[gi[k]]], (int(gs[k]), int(ge[k])), (int(ps[k]), int(pe[k])))
        same_bounds["lenient"] = lenient
    inter = np.minimum(ge, pe) - np.maximum(gs, ps)
    jaccard = inter / (np.maximum(ge, pe) - np.minimum(gs, ps))

    g_deg = np.bincount(gi, minlength=len(gold))
    p_deg = np.bincount(pj, minlength=len(pred))
    trivial = (g_deg[gi] == 1) & (p_deg[pj] == 1)
    components: list[np.ndarray] = []
    rest = np.flatnonzero(~trivial)
    if len(rest):
        n = len(gold) + len(pred)
        graph = coo_matrix((np.ones(len(rest)), (gi[rest], len(gold) + pj[rest])), shape=(n, n))
        _, comp = connected_components(graph, directed=False)
        pair_comp = comp[gi[rest]]
        order = np.argsort(pair_comp, kind="stable")
        bounds = np.flatnonzero(np.diff(pair_comp[order])) + 1
        components = np.split(rest[order], bounds)
    return Alignment(gold, pred, gi, pj, gold.label[gi] == pred.label[pj], same_bounds,
                     jaccard, trivial, components)


def credit(scheme: str, same_bounds: np.ndarray, same_type: np.ndarray) -> np.ndarray:
    """SemEval-2013 9.1 credit of an overlapping pair: 1 (COR), 0.5 (PAR) or 0 (INC)."""
    if scheme == "strict":
        return (same_bounds & same_type).astype(float)
    if scheme == "exact":
        return same_bounds.astype(float)
    if scheme == "partial":
        return np.where(same_bounds, 1.0, 0.5)
    if scheme == "type":
        return same_type.astype(float)
    raise ValueError(f"unknown scheme {scheme!r} (known: {', '.join(SCHEMES)})")


def match(al: Alignment, scheme: str, clitics: str = "strict") -> tuple[np.ndarray, np.ndarray]:
    """Indices of the matched pairs (into ``al.gi``/``al.pj``) and their credit."""
    pair_credit = credit(scheme, al.same_bounds[clitics], al.same_type)
    chosen = [np.flatnonzero(al.trivial)]
    for comp in al.components:
        g_ids, g_pos = np.unique(al.gi[comp], return_inverse=True)
        p_ids, p_pos = np.unique(al.pj[comp], return_inverse=True)
        n = min(len(g_ids), len(p_ids)) + 1
        # lexicographic: credit, then number of pairs, then overlap
        weight = np.zeros((len(g_ids), len(p_ids)))
        weight[g_pos, p_pos] = pair_credit[comp] * 2 * n * n + n + al.jaccard[comp]
        rows, cols = linear_sum_assignment(weight, maximize=True)
        index = np.full((len(g_ids), len(p_ids)), -1)
        index[g_pos, p_pos] = comp
        picked = index[rows, cols]
        chosen.append(picked[picked >= 0])
    pairs = np.sort(np.concatenate(chosen))
    return pairs, pair_credit[pairs]
