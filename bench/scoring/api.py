"""``score``: gold + prediction sets -> :class:`~bench.scoring.results.Results`."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import msgspec
import numpy as np

from bench import __version__
from bench.memory import gc_paused
from bench.model import Corpus, Document
from bench.problems import InputError, Problem
from bench.scoring import stats
from bench.scoring.matching import Alignment, Spans, align, match, spans
from bench.scoring.results import (
    AlignmentItem,
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
CONTEXT = 40


def gold_fingerprint(docs: Sequence[Document]) -> str:
    """sha256 of the gold's ids, texts, dates and annotations in a canonical order: the
    compact JSON (msgspec) of ``[[doc_id, text_sha256, dct, sorted annotation tuples], ...]``,
    hashed one document at a time. The ``gold:`` part of every signature."""
    encode = msgspec.json.Encoder().encode
    digest = hashlib.sha256(b"[")
    for i, d in enumerate(docs):
        item = [d.doc_id, d.text_sha256, d.dct,
                sorted((a.start, a.end, a.label, a.value or "", a.mod or "", a.form or "",
                        a.optional) for a in d.annotations)]
        digest.update((b"," if i else b"") + encode(item))
    digest.update(b"]")
    return digest.hexdigest()


def _aligned(gold: list[Document], name: str, system: Corpus) -> list[Document]:
    by_id = system.by_id()
    problems = []
    for doc in gold:
        pred = by_id.get(doc.doc_id)
        if pred is None:
            problems.append(Problem(name, doc.doc_id, "no predictions for this gold document"))
        elif pred.text != doc.text:
            problems.append(Problem(name, doc.doc_id, "text differs from the gold's "
                                                      f"(sha256 {pred.text_sha256})"))
    extra = sorted(set(by_id) - {d.doc_id for d in gold})
    problems += [Problem(name, doc_id, "document not in the gold corpus") for doc_id in extra]
    if problems:
        raise InputError(problems)
    return [by_id[doc.doc_id] for doc in gold]


def score(gold: Corpus, systems: Mapping[str, Corpus], settings: Settings | None = None, *,
          alignment: bool = False,
          scopes: Mapping[str, Collection[str] | None] | None = None, **options) -> Results:
    """Score every prediction set in ``systems`` against ``gold``.

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
        return _score(gold, systems, settings, alignment, scopes or {})


def _score(gold: Corpus, systems: Mapping[str, Corpus], settings: Settings, alignment: bool,
           scopes: Mapping[str, Collection[str] | None]) -> Results:
    if not len(gold):
        raise InputError.one(gold.name or "gold", "no documents: nothing to score")
    docs = sorted(gold, key=lambda d: d.doc_id)
    names = list(systems)
    pred_docs = {name: _aligned(docs, name, systems[name]) for name in names}
    unit, units = _units(docs, settings.resolved_unit(len(docs)))
    label_names = sorted({a.label for d in docs for a in d.annotations} |
                         {a.label for ds in pred_docs.values() for d in ds for a in d.annotations})
    rows = Rows(tuple(label_names))
    vocab = (_index(rows.labels), _index(rows.date_types), units.starts, units.stride)
    gold_spans = spans(docs, *vocab)
    keys = settings.keys()
    fingerprint = gold_fingerprint(docs)

    aligned, in_scope, counts, matches = {}, {}, {}, {}
    for name in names:
        pred_spans = spans(pred_docs[name], *vocab)
        in_scope[name] = _scope_mask(scopes.get(name), gold_spans, pred_spans, rows)
        aligned[name] = align(gold_spans.take(in_scope[name]), pred_spans, units.texts,
                              units.stride, settings.clitics)
        for key, scheme, mode in keys:
            matches[name, key] = match(aligned[name], scheme, mode)
            counts[name, key] = _counts(aligned[name], *matches[name, key], units.n, rows)
    intervals, boot_f1 = _intervals(counts, units.n, rows, settings)

    results = []
    for name in names:
        scores = {key: _tables(scheme, mode,
                               str(settings.signature(scheme, mode, fingerprint, unit)),
                               counts[name, key], intervals[name, key], rows,
                               settings.zero_division)
                  for key, scheme, mode in keys}
        al = aligned[name]
        partial_pairs = matches[name, "partial"][0] if "partial" in settings.schemes \
            else match(al, "partial", "strict")[0]
        scope = scopes.get(name)
        results.append(SystemResults(
            name, scores,
            _values(al, partial_pairs, pred_docs[name], docs, settings.zero_division),
            _confusion(al, partial_pairs, label_names),
            _alignment(al, partial_pairs, docs, pred_docs[name],
                       gold_spans.take(~in_scope[name])) if alignment else [],
            sorted(set(scope) | {label_names[i] for i in set(al.pred.label.tolist())})
            if scope is not None else None))

    comparisons = _compare(names, keys, counts, boot_f1, rows, settings)
    gold_info = {"name": gold.name, "sha256": fingerprint, "documents": len(docs),
                 "annotations": int((~gold_spans.optional).sum()),
                 "optional": int(gold_spans.optional.sum()), "unit": unit, "units": units.n}
    return Results(__version__, gold_info, settings.to_dict(unit), results, comparisons)


@dataclass(frozen=True)
class _Units:
    """Resampling units: global keys ``doc * stride + offset`` of each unit's start."""

    texts: list[str]
    stride: int
    starts: np.ndarray

    @property
    def n(self) -> int:
        return len(self.starts)


def _units(docs: list[Document], unit: str) -> tuple[str, _Units]:
    texts = [d.text for d in docs]
    stride = max((len(t) for t in texts), default=0) + 1
    if unit == "document":
        starts = np.arange(len(docs), dtype=np.int64) * stride
    else:  # paragraph: each line
        starts = np.array([d * stride + s for d, doc in enumerate(docs)
                           for s, _ in doc.paragraphs()], dtype=np.int64)
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


def _values(al: Alignment, pairs: np.ndarray, pred_docs, gold_docs,
            zero_division: float) -> ValueScores:
    gi, pj = al.gi[pairs], al.pj[pairs]
    temporal = (al.gold.date_type[gi] >= 0) & (al.pred.date_type[pj] >= 0)
    has_values = any(a.value is not None for doc in pred_docs for a in doc.annotations
                     if a.is_temporal)
    buckets: dict[str, list] = {dt: [0, 0, 0.0] for dt in DATE_TYPES}
    for g, p in zip(gi[temporal], pj[temporal], strict=True):
        gann = gold_docs[al.gold.doc[g]].annotations[al.gold.index[g]]
        if gann.value is None:  # a corpus without values (Wojood DATE): nothing to grade
            continue
        pann = pred_docs[al.pred.doc[p]].annotations[al.pred.index[p]]
        exact, lenient = value_credit(gann.value, gann.mod, pann.value, pann.mod)
        bucket = buckets[gann.date_type]
        bucket[0] += 1
        bucket[1] += exact
        bucket[2] += lenient

    def row(matched, correct, lenient) -> ValueRow:
        ok = has_values and matched > 0
        return ValueRow(matched, correct, lenient, correct / matched if ok else None,
                        lenient / matched if ok else None)

    per = {dt: row(*b) for dt, b in buckets.items() if b[0]}
    overall = row(*(sum(b[i] for b in buckets.values()) for i in range(3)))
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


def _alignment(al: Alignment, pairs: np.ndarray, gold_docs, pred_docs,
               out_of_scope: Spans) -> list[AlignmentItem]:
    items = []

    def item(doc: int, kind: str, g, p, clitic_only=False) -> AlignmentItem:
        text = gold_docs[doc].text
        start = min(a.start for a in (g, p) if a is not None)
        end = max(a.end for a in (g, p) if a is not None)
        value_ok = None
        if g is not None and p is not None and g.is_temporal and p.is_temporal:
            value_ok = value_credit(g.value, g.mod, p.value, p.mod)[0]
        return AlignmentItem(gold_docs[doc].doc_id, kind, g.to_dict() if g else None,
                             p.to_dict() if p else None, bool(clitic_only), value_ok,
                             text[max(0, start - CONTEXT):start], text[start:end],
                             text[end:end + CONTEXT])

    def gold_ann(i):
        return gold_docs[al.gold.doc[i]].annotations[al.gold.index[i]]

    def pred_ann(j):
        return pred_docs[al.pred.doc[j]].annotations[al.pred.index[j]]

    lenient = al.same_bounds.get("lenient")
    for k, kind in zip(pairs, _pair_kinds(al, pairs), strict=True):
        g, p = al.gi[k], al.pj[k]
        clitic = lenient is not None and kind.startswith("boundary") and lenient[k]
        items.append(item(al.gold.doc[g], str(kind), gold_ann(g), pred_ann(p), clitic))
    missed, spurious = _unmatched(al, pairs)
    for g in missed:
        items.append(item(al.gold.doc[g], "missed", gold_ann(g), None))
    for p in spurious:
        items.append(item(al.pred.doc[p], "false_alarm", None, pred_ann(p)))
    for d, i in zip(out_of_scope.doc, out_of_scope.index, strict=True):
        items.append(item(d, "out_of_scope", gold_docs[d].annotations[i], None))
    items.sort(key=lambda it: (it.doc_id, (it.gold or it.pred)["start"],
                               (it.pred or it.gold)["start"]))
    return items


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
