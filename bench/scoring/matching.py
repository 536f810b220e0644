"""Optimal one-to-one matching of predicted to gold spans, vectorised over a corpus.

Spans of a corpus become columns (numpy arrays). Overlapping gold/prediction
pairs are found with binary search; a pair whose two spans overlap nothing else
is matched directly, and every larger connected group of overlapping spans is
solved exactly: groups with few possible assignments by trying them all, for all
groups of one shape at once (numpy), larger ones with
:func:`scipy.optimize.linear_sum_assignment`. The assignment
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
from itertools import permutations
from math import perm

import numpy as np

from bench.arabic import clitic_lenient_same_span
from bench.columns import Columns
from bench.model import Annotation
from bench.scoring.settings import CLITICS, SCHEMES


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


def spans(side: Columns, doc_map: np.ndarray, labels: dict[str, int],
          date_types: dict[str, int], unit_starts: np.ndarray, stride: int) -> Spans:
    """Columnar spans of a corpus side; ``doc_map`` gives each of its documents' position
    in the scoring order, ``unit_starts`` are sorted global keys ``doc * stride + offset``."""
    n = side.n_annotations
    label_names = side.vocab["label"]
    label = np.array([labels[s] for s in label_names] + [-1], dtype=np.int64)[
        side.codes["label"]]
    forms = side.vocab["form"] + [None]  # code -1: absent
    # date type from (label, form): a small table instead of a property call per span
    kinds = np.full((len(label_names) + 1, len(forms)), -1, dtype=np.int64)
    for i, lab in enumerate(label_names):
        for j, frm in enumerate(forms):
            probe = Annotation("", 0, 1, lab, "", form=frm)
            kinds[i, j] = date_types.get(probe.date_type, -1) if probe.is_temporal else -1
    date_type = kinds[side.codes["label"], side.codes["form"]]
    doc = doc_map[side.doc] if n else np.zeros(0, dtype=np.int64)
    index = np.arange(n, dtype=np.int64)
    order = _canonical_order(side, doc, label, stride)
    doc, start = doc[order], side.start[order]
    unit = np.searchsorted(unit_starts, doc * stride + start, side="right") - 1
    return Spans(doc, start, side.end[order], label[order], date_type[order],
                 side.optional[order], index[order], unit)


def _canonical_order(side: Columns, doc: np.ndarray, label: np.ndarray, stride: int
                     ) -> np.ndarray:
    """Order by document, start, end, label, then value, mod, form (by their strings),
    optional flag and reading order. One stable sort on a packed key settles it unless two
    spans share document, offsets and label (never in gold, rare in predictions)."""
    n_labels = int(label.max(initial=0)) + 1
    if (int(doc.max(initial=0)) + 1) * stride * stride * n_labels < 2 ** 62:  # no overflow
        key = ((doc * stride + side.start) * stride + side.end) * n_labels + label
        order = np.argsort(key, kind="stable")
        if not np.any(key[order][1:] == key[order][:-1]):
            return order
    ties = [ranks(side, f) for f in ("value", "mod", "form")]
    return np.lexsort((np.arange(len(doc)), side.optional, *ties[::-1], label, side.end,
                       side.start, doc))


def ranks(side: Columns, field: str) -> np.ndarray:
    """Field ``field`` of each annotation as the rank of its string among the strings of
    its vocabulary (absent: -1): an order that does not depend on the reading order."""
    strings = side.vocab[field]
    rank = np.empty(len(strings) + 1, dtype=np.int64)
    rank[sorted(range(len(strings)), key=strings.__getitem__)] = np.arange(len(strings))
    rank[-1] = -1
    return rank[side.codes[field]]


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
    group: Groups  # the larger connected groups


def _set_aside_optional(gold: Spans, pred: Spans, gi: np.ndarray, pj: np.ndarray):
    """Drop predictions that touch optional gold spans and no required one, then those spans."""
    on_optional = gold.optional[gi]
    touches_req = np.bincount(pj[~on_optional], minlength=len(pred)) > 0
    touches_opt = np.bincount(pj[on_optional], minlength=len(pred)) > 0
    keep_pred = ~(touches_opt & ~touches_req)
    keep_gold = ~gold.optional
    keep_pair = keep_gold[gi] & keep_pred[pj]
    g_new = np.cumsum(keep_gold) - 1
    p_new = np.cumsum(keep_pred) - 1
    return (gold.take(keep_gold), pred.take(keep_pred),
            g_new[gi[keep_pair]], p_new[pj[keep_pair]])


def align(gold: Spans, pred: Spans, texts: Sequence[str], stride: int,
          clitics: Sequence[str] = CLITICS) -> Alignment:
    gi, pj = overlap_pairs(gold, pred, stride)
    if gold.optional.any():
        gold, pred, gi, pj = _set_aside_optional(gold, pred, gi, pj)

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
    return Alignment(gold, pred, gi, pj, gold.label[gi] == pred.label[pj], same_bounds,
                     jaccard, trivial, _groups(gi, pj, np.flatnonzero(~trivial),
                                               len(gold), len(pred)))


@dataclass(frozen=True)
class Groups:
    """Connected groups of overlapping spans with more than one pair.

    For each such pair: ``pair`` (index into the alignment's pairs), ``group`` (0..n-1),
    and ``row``/``col``, the rank of its gold/predicted span within the group; ``shape``
    is ``[group, (gold spans, predicted spans)]``.
    """

    pair: np.ndarray
    group: np.ndarray
    row: np.ndarray
    col: np.ndarray
    shape: np.ndarray


def _groups(gi: np.ndarray, pj: np.ndarray, rest: np.ndarray, n_gold: int,
            n_pred: int) -> Groups:
    if not len(rest):
        empty = np.zeros(0, dtype=np.int64)
        return Groups(empty, empty, empty, empty, np.zeros((0, 2), dtype=np.int64))
    n = n_gold + n_pred
    comp = _components(gi[rest], n_gold + pj[rest], n)
    _, group = np.unique(comp[gi[rest]], return_inverse=True)

    def rank(node: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rank of each pair's node among its group's distinct nodes, and their count."""
        key = group * (n + 1) + node
        uniq, inv = np.unique(key, return_inverse=True)
        first = np.searchsorted(uniq, group * (n + 1))
        return inv - first, np.bincount(uniq // (n + 1), minlength=group.max() + 1)

    row, n_rows = rank(gi[rest])
    col, n_cols = rank(pj[rest])
    return Groups(rest, group, row, col, np.stack([n_rows, n_cols], axis=1))


def _components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Per node of the graph of edges ``a[i]``-``b[i]`` on ``n`` nodes, the least node of
    its connected component (so groups come in the order scipy's
    ``connected_components`` numbers them, without importing scipy): each round hooks
    the greater root of every edge onto the lesser, then points every node at its root."""
    parent = np.arange(n)
    while True:
        ra, rb = parent[a], parent[b]
        if (ra == rb).all():
            return parent
        np.minimum.at(parent, np.maximum(ra, rb), np.minimum(ra, rb))
        while not np.array_equal(grand := parent[parent], parent):
            parent = grand


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


MAX_ENUMERATED = 720  # groups with at most this many assignments are solved by enumeration


def match(al: Alignment, scheme: str, clitics: str = "strict") -> tuple[np.ndarray, np.ndarray]:
    """Indices of the matched pairs (into ``al.gi``/``al.pj``) and their credit."""
    pair_credit = credit(scheme, al.same_bounds[clitics], al.same_type)
    grp = al.group
    # lexicographic weight: credit, then number of pairs, then overlap
    n = np.minimum(grp.shape[:, 0], grp.shape[:, 1])[grp.group] + 1
    weight = pair_credit[grp.pair] * 2 * n * n + n + al.jaccard[grp.pair]
    chosen = [np.flatnonzero(al.trivial)]
    for shape in np.unique(grp.shape, axis=0):
        in_shape = np.flatnonzero(np.all(grp.shape == shape, axis=1))
        sel = np.isin(grp.group, in_shape)
        rows, cols = int(shape[0]), int(shape[1])
        if perm(max(rows, cols), min(rows, cols)) <= MAX_ENUMERATED:
            chosen.append(_enumerate(grp, sel, in_shape, weight, rows, cols))
        else:
            chosen += [_solve(grp, grp.group == g, weight, rows, cols) for g in in_shape]
    pairs = np.sort(np.concatenate(chosen))
    return pairs, pair_credit[pairs]


def _enumerate(grp: Groups, sel: np.ndarray, in_shape: np.ndarray, weight: np.ndarray,
               rows: int, cols: int) -> np.ndarray:
    """Best assignment of every group of one shape at once, by trying all of them."""
    local = np.searchsorted(in_shape, grp.group[sel])
    row, col = grp.row[sel], grp.col[sel]
    if rows > cols:  # enumerate from the smaller side
        row, col, rows, cols = col, row, cols, rows
    w = np.zeros((len(in_shape), rows, cols))
    w[local, row, col] = weight[sel]
    index = np.full((len(in_shape), rows, cols), -1)
    index[local, row, col] = grp.pair[sel]
    options = np.array(list(permutations(range(cols), rows)))  # [option, row] -> column
    totals = w[:, np.arange(rows), options].sum(axis=-1)  # [group, option]
    best = options[np.argmax(totals, axis=1)]  # first best option: deterministic
    picked = index[np.arange(len(in_shape))[:, None], np.arange(rows), best].ravel()
    return picked[picked >= 0]


def _solve(grp: Groups, sel: np.ndarray, weight: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """One large group, by the Hungarian method."""
    # imported here: scipy.optimize costs 0.4 s at start-up and few corpora need it
    from scipy.optimize import linear_sum_assignment

    w = np.zeros((rows, cols))
    w[grp.row[sel], grp.col[sel]] = weight[sel]
    index = np.full((rows, cols), -1)
    index[grp.row[sel], grp.col[sel]] = grp.pair[sel]
    r, c = linear_sum_assignment(w, maximize=True)
    picked = index[r, c]
    return picked[picked >= 0]
