"""``score``: gold + prediction sets -> :class:`~bench.scoring.results.Results`."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import msgspec
import numpy as np

from bench import __version__
from bench.columns import Columns, columns_of
from bench.memory import gc_paused
from bench.model import TEMPORAL_LABELS, Corpus, paragraphs, sha256_text
from bench.nesting import column_depths
from bench.problems import InputError, Problem
from bench.scoring import stats
from bench.scoring.listing import Listing
from bench.scoring.matching import Alignment, Spans, align, match, spans
from bench.scoring.results import (
    Comparison,
    Results,
    Row,
    SchemeScores,
    SystemResults,
    ValueRow,
    ValueScores,
)
from bench.scoring.settings import Settings, score_keys  # noqa: F401  (re-exported)
from bench.scoring.tables import DATE_TYPES, FN, FP, GROUPS, TP, Rows, prf, unit_counts
from bench.scoring.values import value_credit

COMPARED = ("overall",) + tuple(GROUPS)  # rows that get paired significance tests


def gold_fingerprint(gold: Corpus | Columns) -> str:
    """sha256 of the gold's documents and annotations in a canonical order: the ``gold:``
    part of every signature. Hashed: the compact JSON (msgspec) of the documents
    ``[[doc_id, text_sha256, dct], ...]`` sorted by id, then, for the annotations in their
    scoring order (document, start, end, label, value, mod, form, optional), the strings
    of each of those fields (sorted, as JSON) and the column of their ranks among them,
    and the document positions, offsets and optional flags, each as little-endian int64."""
    side = gold if isinstance(gold, Columns) else columns_of(gold)
    encode = msgspec.json.Encoder().encode
    order = sorted(range(len(side)), key=side.doc_ids.__getitem__)
    position = np.empty(len(side), dtype=np.int64)
    position[order] = np.arange(len(side))
    digest = hashlib.sha256(encode([[side.doc_ids[i], side.meta[i].get("text_sha256")
                                     or sha256_text(side.texts[i]), side.dcts[i]]
                                    for i in order]))
    if not side.n_annotations:
        return digest.hexdigest()
    fields = ("label", "value", "mod", "form")
    used = {f: _used_strings(side, f) for f in fields}
    doc = position[side.doc]
    canonical = np.lexsort((side.optional, *(used[f][1] for f in fields[::-1]),
                            side.end, side.start, doc))
    for f in fields:
        digest.update(encode(used[f][0]))
        digest.update(used[f][1][canonical].astype("<i8").tobytes())
    for column in (doc, side.start, side.end, side.optional):
        digest.update(column[canonical].astype("<i8").tobytes())
    return digest.hexdigest()


def _used_strings(side: Columns, field: str) -> tuple[list[str], np.ndarray]:
    """The strings of ``field`` that annotations carry, sorted, and each annotation's
    rank among them (-1: absent)."""
    codes = side.codes[field]
    strings = sorted((side.vocab[field][c], c) for c in np.unique(codes[codes >= 0]).tolist())
    rank = np.full(len(side.vocab[field]) + 1, -1, dtype=np.int64)
    rank[[c for _, c in strings]] = np.arange(len(strings))
    return [s for s, _ in strings], rank[codes]


def _doc_maps(gold: Columns, systems: Mapping[str, Columns]
              ) -> tuple[list[int], dict[str, np.ndarray]]:
    """The scoring order of the gold documents (by id), and for the gold and each system
    the position of each of its documents in that order. Predictions are matched to gold
    documents by id and must carry the same text."""
    order = sorted(range(len(gold)), key=gold.doc_ids.__getitem__)
    position = {gold.doc_ids[i]: p for p, i in enumerate(order)}
    maps = {"": np.array([position[d] for d in gold.doc_ids], dtype=np.int64)}
    problems = []
    for name, side in systems.items():
        by_id = side.by_id()
        for i in order:
            doc_id = gold.doc_ids[i]
            j = by_id.get(doc_id)
            if j is None:
                problems.append(Problem(name, doc_id, "no predictions for this gold document"))
            elif side.texts[j] != gold.texts[i]:
                problems.append(Problem(name, doc_id, "text differs from the gold's (sha256 "
                                                      f"{sha256_text(side.texts[j])})"))
        extra = sorted(set(by_id) - set(position))
        problems += [Problem(name, doc_id, "document not in the gold corpus") for doc_id in extra]
        if len(by_id) != len(side.doc_ids):
            problems.append(Problem(name, None, "a document id is given twice"))
        if not problems:
            maps[name] = np.array([position[d] for d in side.doc_ids], dtype=np.int64)
    if problems:
        raise InputError(problems)
    return order, maps


def score(gold: Corpus | Columns, systems: Mapping[str, Corpus | Columns],
          settings: Settings | None = None, *, alignment: bool = False,
          scopes: Mapping[str, Collection[str] | None] | None = None, **options) -> Results:
    """Score every prediction set in ``systems`` against ``gold``.

    Each side is a :class:`~bench.model.Corpus` or, as :func:`bench.loader.load_columns`
    and :func:`bench.loader.load_predictions` read them, :class:`~bench.columns.Columns`.
    ``settings`` (:class:`~bench.scoring.settings.Settings`), or its fields as keyword
    ``options`` (``resamples=200``, ``schemes=("strict",)`` ...): schemes, clitic modes,
    bootstrap resamples and randomisation trials (0 turns them off: their fields are
    None), seed, resampling unit, zero division, label-mapping name.

    * ``alignment``: also list every match and error with its context
      (``SystemResults.alignment``; off by default: it costs more than the scoring);
    * ``scopes``: the labels each system declares (``None``: every label). A system is
      scored on its declared labels and the labels it predicts; gold spans of other
      labels are out of its scope: neither misses nor listed as errors.

    Predictions are matched to gold documents by id and must carry the same text.
    The work goes in steps: units (:func:`_units`), per-unit counts (:func:`_counts`),
    intervals (:func:`_intervals`), paired tests (:func:`_compare`), then the Results.
    """
    settings = settings or Settings()
    if options:
        settings = replace(settings, **options)
    with gc_paused():
        gold_side = gold if isinstance(gold, Columns) else columns_of(gold)
        sides = {name: s if isinstance(s, Columns) else columns_of(s)
                 for name, s in systems.items()}
        return _score(gold_side, sides, settings, alignment, scopes or {})


def _score(gold: Columns, systems: Mapping[str, Columns], settings: Settings, alignment: bool,
           scopes: Mapping[str, Collection[str] | None]) -> Results:
    if not len(gold):
        raise InputError.one(gold.name or "gold", "no documents: nothing to score")
    names = list(systems)
    order, doc_maps = _doc_maps(gold, systems)
    unit, units = _units([gold.texts[i] for i in order], settings.resolved_unit(len(order)))
    label_names = sorted(set(_labels_used(gold)).union(*map(_labels_used, systems.values())))
    rows = Rows(tuple(label_names))
    vocab = (_index(rows.labels), _index(rows.date_types), units.starts, units.stride)
    gold_spans = spans(gold, doc_maps[""], *vocab)
    keys = settings.keys()
    fingerprint = gold_fingerprint(gold)

    aligned, in_scope, counts, matches, pred_spans = {}, {}, {}, {}, {}
    for name in names:
        pred_spans[name] = spans(systems[name], doc_maps[name], *vocab)
        in_scope[name] = _scope_mask(scopes.get(name), gold_spans, pred_spans[name], rows)
        aligned[name] = align(gold_spans.take(in_scope[name]), pred_spans[name], units.texts,
                              units.stride, settings.clitics)
        for key, scheme, mode in keys:
            matches[name, key] = match(aligned[name], scheme, mode)
            counts[name, key] = _counts(aligned[name], *matches[name, key], units.n, rows)
    depth = _Depths.of(gold, gold_spans, {n: (systems[n], pred_spans[n]) for n in names})
    if depth.nested:  # flat (outermost spans), then each inner level, strict matching
        for name in names:
            for view, level in depth.views():
                al = align(gold_spans.take(in_scope[name] & (depth.gold == level)),
                           pred_spans[name].take(depth.pred[name] == level), units.texts,
                           units.stride, ("strict",))
                counts[name, view] = _counts(al, *match(al, "strict"), units.n, rows)
    intervals, boot_f1 = _intervals(counts, units.n, rows, settings)

    doc_ids = [gold.doc_ids[i] for i in order]
    results = []
    for name in names:
        scores = {key: _tables(scheme, mode,
                               str(settings.signature(scheme, mode, fingerprint, unit)),
                               counts[name, key], intervals[name, key], rows,
                               settings.zero_division)
                  for key, scheme, mode in keys}
        by_depth = None
        if depth.nested:
            strict = str(settings.signature("strict", "strict", fingerprint, unit))
            by_depth = {view: _tables("strict", "strict", strict, counts[name, view],
                                      intervals[name, view], rows, settings.zero_division)
                        for view, _ in depth.views()}
            by_depth = {"flat": by_depth.pop("flat"), "nested": scores["strict"], **by_depth}
        al = aligned[name]
        partial_pairs = matches[name, "partial"][0] if "partial" in settings.schemes \
            else match(al, "partial", "strict")[0]
        scope = scopes.get(name)
        results.append(SystemResults(
            name, scores,
            _values(al, partial_pairs, systems[name], gold, settings.zero_division),
            _confusion(al, partial_pairs, label_names),
            _alignment(name, al, partial_pairs, doc_ids, units.texts, gold, systems[name],
                       gold_spans.take(~in_scope[name]), depth.rows(name))
            if alignment else [],
            sorted(set(scope) | {label_names[i] for i in set(al.pred.label.tolist())})
            if scope is not None else None, by_depth))

    comparisons = _compare(names, keys, counts, boot_f1, rows, settings)
    gold_info = {"name": gold.name, "sha256": fingerprint, "documents": len(gold),
                 "annotations": int((~gold_spans.optional).sum()),
                 "optional": int(gold_spans.optional.sum()), "unit": unit, "units": units.n}
    return Results(__version__, gold_info, settings.to_dict(unit), results, comparisons)


@dataclass(frozen=True)
class _Depths:
    """Nesting depth (0 = outermost) of every gold span and every system's predicted span,
    in the spans' order (:func:`bench.nesting.column_depths`)."""

    gold: np.ndarray
    pred: dict[str, np.ndarray]
    gold_rows: np.ndarray  # depth by gold annotation row
    pred_rows: dict[str, np.ndarray]

    @classmethod
    def of(cls, gold: Columns, gold_spans: Spans, systems: Mapping[str, tuple]) -> _Depths:
        def side(columns: Columns, sp: Spans) -> tuple[np.ndarray, np.ndarray]:
            d = column_depths(sp.doc, sp.start, sp.end)
            by_row = np.zeros(columns.n_annotations, dtype=np.int64)
            by_row[sp.index] = d
            return d, by_row

        g, g_rows = side(gold, gold_spans)
        pred = {name: side(*sp) for name, sp in systems.items()}
        return cls(g, {n: v[0] for n, v in pred.items()}, g_rows,
                   {n: v[1] for n, v in pred.items()})

    @property
    def nested(self) -> bool:
        """Whether the gold or any prediction set nests: only then are depths reported."""
        return bool(self.gold.any() or any(d.any() for d in self.pred.values()))

    def views(self) -> list[tuple[str, int]]:
        """(name, depth) of the by-depth tables besides ``nested``: ``flat`` (outermost
        spans), then ``level 2``, ``level 3`` ... (spans at that depth, 1 = outermost)."""
        deepest = max([int(self.gold.max(initial=0))] +
                      [int(d.max(initial=0)) for d in self.pred.values()])
        return [("flat", 0)] + [(f"level {k + 1}", k) for k in range(1, deepest + 1)]

    def rows(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Depth by gold row and by predicted row (listings), None for flat corpora."""
        return (self.gold_rows, self.pred_rows[name]) if self.nested else None


def _labels_used(side: Columns) -> list[str]:
    codes = np.unique(side.codes["label"])
    return [side.vocab["label"][c] for c in codes.tolist()]


@dataclass(frozen=True)
class _Units:
    """Resampling units: global keys ``doc * stride + offset`` of each unit's start."""

    texts: list[str]
    stride: int
    starts: np.ndarray

    @property
    def n(self) -> int:
        return len(self.starts)


def _units(texts: list[str], unit: str) -> tuple[str, _Units]:
    """Units over the documents' texts in scoring order."""
    stride = max((len(t) for t in texts), default=0) + 1
    if unit == "document":
        starts = np.arange(len(texts), dtype=np.int64) * stride
    else:  # paragraph: each line
        starts = np.array([d * stride + s for d, text in enumerate(texts)
                           for s, _ in paragraphs(text)], dtype=np.int64)
    return unit, _Units(texts, stride, starts)


def _index(names: Sequence[str]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


def _counts(al: Alignment, pairs: np.ndarray, credit: np.ndarray, n_units: int,
            rows: Rows) -> np.ndarray:
    """Counts ``[row, unit, (tp, fp, fn, pred)]`` of one system and key, group rows added."""
    table = unit_counts(al, pairs, credit, n_units, len(rows.labels), len(rows.date_types))
    return np.concatenate([table, rows.group_sums(table)])


def _intervals(counts: dict, n_units: int, rows: Rows, settings: Settings
               ) -> tuple[dict, dict]:
    """Percentile intervals of P, R and F1 of every row of every (system, key), and the
    resampled F1 of the compared rows, from one bootstrap pass over every table cell."""
    cells = list(counts)
    width = len(rows) * 4
    flat = np.empty((n_units, width * len(cells)))  # [unit, cell x row x count], filled in place
    for i, cell in enumerate(cells):
        flat[:, i * width:(i + 1) * width].reshape(n_units, len(rows), 4)[...] = \
            counts[cell].transpose(1, 0, 2)
    boot = stats.bootstrap_totals(flat, settings.resamples, settings.seed)  # [0, ...] if off
    del flat
    compared = [rows.overall] + [rows.group(g) for g in COMPARED[1:]]
    boot_f1, intervals = {}, {}
    for i, cell in enumerate(cells):
        sample = boot[:, i * width:(i + 1) * width].reshape(-1, len(rows), 4)
        p, r, f = prf(sample[..., TP], sample[..., FP], sample[..., FN], settings.zero_division)
        boot_f1[cell] = f[:, compared].copy()
        # a resample without any gold or predicted span of a row says nothing about it
        empty = sample[..., :3].sum(axis=-1) == 0
        for x in (p, r, f):
            x[empty] = np.nan
        intervals[cell] = tuple(stats.percentile_interval(x, settings.ci_level)
                                for x in (p, r, f))
    return intervals, boot_f1


def _scope_mask(scope: Collection[str] | None, gold: Spans, pred: Spans,
                rows: Rows) -> np.ndarray:
    """Gold spans a system is scored on: its declared labels and the labels it predicts."""
    if scope is None:
        return np.ones(len(gold), dtype=bool)
    ids = {i for i, lab in enumerate(rows.labels) if lab in scope} | set(pred.label.tolist())
    return np.isin(gold.label, sorted(ids))


def _row(c: np.ndarray, ci, index: int, zero_division: float) -> Row:
    tp, fp, fn, n_pred = (float(x) for x in c)
    p, r, f = (float(x) for x in prf(tp, fp, fn, zero_division))
    lo_hi = [None if np.isnan(low[index]) else (float(low[index]), float(high[index]))
             for low, high in ci]
    return Row(round(tp + fn), round(n_pred), tp, fp, fn, p, r, f, *lo_hi)


def _tables(scheme, mode, signature, unit_cnt, ci, rows: Rows, zero_division) -> SchemeScores:
    total = unit_cnt.sum(axis=1)  # [row, 4]

    def row(i: int) -> Row:
        return _row(total[i], ci, i, zero_division)

    def seen(r: Row) -> bool:
        return bool(r.support or r.predicted)

    per_label = {lab: r for i, lab in enumerate(rows.labels) if seen(r := row(rows.label(i)))}
    per_date = {dt: r for j, dt in enumerate(rows.date_types)
                if seen(r := row(rows.date_type(j)))}
    per_group = {g: row(rows.group(g)) for g in rows.groups}
    macro = {k: float(np.mean([getattr(r, k) for r in per_label.values()])) if per_label
             else zero_division for k in ("precision", "recall", "f1")}
    return SchemeScores(scheme, mode, signature, row(rows.overall), per_label, per_date,
                        per_group, macro)


def _credits(gold: Columns, pred: Columns, g: np.ndarray, p: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~bench.scoring.values.value_credit` of gold rows ``g`` against predicted rows
    ``p``: (exact, granularity-lenient), each distinct (value, mod, value, mod) graded once."""
    if not len(g):
        return np.zeros(0, dtype=bool), np.zeros(0)
    combos, inverse = np.unique(np.stack([gold.codes["value"][g], gold.codes["mod"][g],
                                          pred.codes["value"][p], pred.codes["mod"][p]]),
                                axis=1, return_inverse=True)

    def text(side: Columns, name: str, code: int) -> str | None:
        return side.vocab[name][code] if code >= 0 else None

    graded = [value_credit(text(gold, "value", gv), text(gold, "mod", gm),
                           text(pred, "value", pv), text(pred, "mod", pm))
              for gv, gm, pv, pm in combos.T.tolist()]
    exact = np.array([e for e, _ in graded], dtype=bool)[inverse.ravel()]
    lenient = np.array([c for _, c in graded], dtype=float)[inverse.ravel()]
    return exact, lenient


def _values(al: Alignment, pairs: np.ndarray, pred: Columns, gold: Columns,
            zero_division: float) -> ValueScores:
    gi, pj = al.gi[pairs], al.pj[pairs]
    temporal = (al.gold.date_type[gi] >= 0) & (al.pred.date_type[pj] >= 0)
    g, p = al.gold.index[gi[temporal]], al.pred.index[pj[temporal]]
    has_values = bool((pred.codes["value"][al.pred.index[al.pred.date_type >= 0]] >= 0).any())
    graded = gold.codes["value"][g] >= 0  # a corpus without values (Wojood DATE): ungraded
    g, p = g[graded], p[graded]
    date_type = al.gold.date_type[gi[temporal]][graded]
    per_pair = np.stack(_credits(gold, pred, g, p), axis=1)
    n_types = len(DATE_TYPES)
    matched = np.bincount(date_type, minlength=n_types)
    exact = np.bincount(date_type, per_pair[:, 0], minlength=n_types)
    lenient = np.bincount(date_type, per_pair[:, 1], minlength=n_types)

    def row(n, correct, len_correct) -> ValueRow:
        n, correct, len_correct = int(n), round(float(correct)), float(len_correct)
        ok = has_values and n > 0
        return ValueRow(n, correct, len_correct, correct / n if ok else None,
                        len_correct / n if ok else None)

    per = {dt: row(matched[k], exact[k], lenient[k]) for k, dt in enumerate(DATE_TYPES)
           if matched[k]}
    overall = row(matched.sum(), exact.sum(), lenient.sum())
    if not has_values:
        return ValueScores(overall, per, None, None, None)
    n_pred = int((al.pred.date_type >= 0).sum())
    n_gold = int((al.gold.date_type >= 0).sum())
    p, r, f = (float(x) for x in prf(overall.correct, n_pred - overall.correct,
                                     n_gold - overall.correct, zero_division))
    return ValueScores(overall, per, p, r, f)


def _pair_kinds(al: Alignment, pairs: np.ndarray) -> np.ndarray:
    bounds = al.same_bounds["strict"][pairs]
    same_type = al.same_type[pairs]
    return np.select([bounds & same_type, same_type, bounds],
                     ["match", "boundary", "type"], "boundary+type")


def _unmatched(al: Alignment, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of gold and predicted spans left out of the matching."""
    free_gold = np.ones(len(al.gold), dtype=bool)
    free_gold[al.gi[pairs]] = False
    free_pred = np.ones(len(al.pred), dtype=bool)
    free_pred[al.pj[pairs]] = False
    return np.flatnonzero(free_gold), np.flatnonzero(free_pred)


def _confusion(al: Alignment, pairs: np.ndarray, label_names: list[str]) -> dict:
    """Type confusion matrix over the partial-scheme pairing; ``O`` stands for no span."""
    gi, pj = al.gi[pairs], al.pj[pairs]
    names = np.array(label_names + ["O"])
    missed, spurious = _unmatched(al, pairs)
    o = len(label_names)
    y_true = np.concatenate([al.gold.label[gi], al.gold.label[missed], np.full(len(spurious), o)])
    y_pred = np.concatenate([al.pred.label[pj], np.full(len(missed), o), al.pred.label[spurious]])
    # np.bincount, not sklearn.metrics.confusion_matrix: importing scikit-learn costs
    # 0.7 s of every command's start for what is one line of numpy
    matrix = np.bincount(y_true * (o + 1) + y_pred, minlength=(o + 1) ** 2).reshape(o + 1, o + 1)
    return {"labels": names.tolist(), "matrix": matrix.tolist()}


def _alignment(system: str, al: Alignment, pairs: np.ndarray, doc_ids: list[str],
               texts: list[str], gold: Columns, pred: Columns, out_of_scope: Spans,
               depths: tuple[np.ndarray, np.ndarray] | None = None) -> Listing:
    """Every match and error with its context, in (document, start) order, as columns
    (:class:`~bench.scoring.listing.Listing` makes the items as they are read)."""
    missed, spurious = _unmatched(al, pairs)
    none = np.full(len(spurious), -1)
    kinds = np.concatenate([_pair_kinds(al, pairs), np.full(len(missed), "missed"),
                            np.full(len(spurious), "false_alarm"),
                            np.full(len(out_of_scope), "out_of_scope")])
    g = np.concatenate([al.gold.index[al.gi[pairs]], al.gold.index[missed], none,
                        out_of_scope.index])
    p = np.concatenate([al.pred.index[al.pj[pairs]], np.full(len(missed), -1),
                        al.pred.index[spurious], np.full(len(out_of_scope), -1)])
    doc = np.concatenate([al.gold.doc[al.gi[pairs]], al.gold.doc[missed], al.pred.doc[spurious],
                          out_of_scope.doc])
    lenient = al.same_bounds.get("lenient")
    clitic = np.zeros(len(kinds), dtype=bool)
    if lenient is not None:
        clitic[:len(pairs)] = lenient[pairs] & np.char.startswith(kinds[:len(pairs)], "boundary")
    has_g, has_p = g >= 0, p >= 0
    g_start, g_end, p_start, p_end = (_at(gold.start, g), _at(gold.end, g),
                                      _at(pred.start, p), _at(pred.end, p))
    first = np.where(has_g, g_start, p_start)
    order = np.lexsort((np.where(has_p, p_start, g_start), first, doc))
    start = np.where(has_g & has_p, np.minimum(g_start, p_start), first)
    end = np.maximum(g_end, p_end)
    both = has_g & has_p & _temporal(gold, g) & _temporal(pred, p)
    value_ok = np.full(len(kinds), None, dtype=object)
    value_ok[both] = _credits(gold, pred, g[both], p[both])[0].tolist()
    level = np.full(len(kinds), None, dtype=object)  # nesting level 1, 2 ... (nested only)
    if depths is not None:
        level[:] = (np.where(has_g, _at(depths[0], g), _at(depths[1], p)) + 1).tolist()
    return Listing(system, doc_ids, texts, gold, pred,
                   *(x[order] for x in (kinds, doc, g, p, start, end, clitic, value_ok, level)))


def _at(column: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``column[rows]``, 0 where a row is -1 (none)."""
    out = np.zeros(len(rows), dtype=column.dtype)
    out[rows >= 0] = column[rows[rows >= 0]]
    return out


def _temporal(side: Columns, rows: np.ndarray) -> np.ndarray:
    """Rows (-1: none) whose label is a temporal one."""
    table = np.array([lab in TEMPORAL_LABELS for lab in side.vocab["label"]] + [False])
    return table[_at(side.codes["label"], rows)] & (rows >= 0)


def _compare(names, keys, counts, boot_f1, rows: Rows, settings: Settings) -> list[Comparison]:
    """Paired tests of every two systems, per key and per compared row; Holm across pairs.

    A test turned off (0 resamples or 0 trials) gives None p-values; the deltas stay.
    """
    pairs = list(combinations(names, 2))
    out = []
    if not pairs:
        return out
    zd = settings.zero_division
    for key, _, _ in keys:
        for k, group in enumerate(COMPARED):
            row = rows.overall if group == "overall" else rows.group(group)
            a = np.stack([counts[x, key][row, :, :3] for x, _ in pairs])
            b = np.stack([counts[y, key][row, :, :3] for _, y in pairs])
            f1 = [(float(prf(*a[i].sum(0), zd)[2]), float(prf(*b[i].sum(0), zd)[2]))
                  for i in range(len(pairs))]
            p_ar = h_ar = p_boot = h_boot = [None] * len(pairs)
            if settings.trials:
                p_ar = stats.approximate_randomisation_p(a, b, settings.trials, settings.seed, zd)
                h_ar = stats.holm(p_ar)
            if settings.resamples:
                p_boot = np.array([
                    stats.paired_bootstrap_p(boot_f1[x, key][:, k], boot_f1[y, key][:, k],
                                             fa - fb)
                    for (x, y), (fa, fb) in zip(pairs, f1, strict=True)])
                h_boot = stats.holm(p_boot)
            for i, (x, y) in enumerate(pairs):
                out.append(Comparison(key, group, x, y, f1[i][0], f1[i][1], f1[i][0] - f1[i][1],
                                      *(None if p[i] is None else float(p[i])
                                        for p in (p_boot, p_ar, h_boot, h_ar))))
    return out
