"""``score``: gold + prediction sets -> :class:`~bench.scoring.results.Results`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bench.columns import Columns, columns_of
from bench.fingerprint import document_digest, fingerprint
from bench.memory import gc_paused
from bench.model import TEMPORAL_LABELS, Corpus, paragraphs, sha256_text
from bench.nesting import column_depths
from bench.problems import InputError, Problem, not_in_gold
from bench.scoring import stats
from bench.scoring.keys import STRICT, ScoreKey, View
from bench.scoring.listing import Listing
from bench.scoring.matching import Alignment, Spans, align, match, spans
from bench.scoring.results import Results
from bench.scoring.settings import Settings
from bench.scoring.tables import DATE_TYPES, Rows, unit_counts
from bench.scoring.tally import ShardCounts, Tally, ValueSums
from bench.scoring.values import value_credit

Side = Corpus | Columns

BLOCK_SPANS = 400_000
"""Gold and predicted spans :func:`score` matches at a time: a large corpus is scored in
blocks of documents (in id order) through :func:`score_shards`, so the matcher's
temporaries stay bounded whatever the corpus's size; the Results are the same. (With
``alignment``, at once.)"""


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
        if extra:
            problems.append(not_in_gold(name, extra))
        if len(by_id) != len(side.doc_ids):
            problems.append(Problem(name, None, "a document id is given twice"))
        if not problems:
            maps[name] = np.array([position[d] for d in side.doc_ids], dtype=np.int64)
    if problems:
        raise InputError(problems)
    return order, maps


def score(gold: Side, systems: Mapping[str, Side] | Side, settings: Settings | None = None,
          *, alignment: bool = False,
          scopes: Mapping[str, Collection[str] | None] | None = None,
          **options) -> Results:
    """Score every prediction set in ``systems`` (a mapping of names to sides, or one
    side, named by its ``name`` or ``predictions``) against ``gold``.

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

    Predictions are matched to gold documents by id and must carry the same text. The
    corpus is scored as one shard (:func:`measure`, then :class:`~bench.scoring.tally.Tally`);
    :func:`score_shards` gives the same Results for a corpus too large for memory.
    """
    if not isinstance(systems, Mapping):
        systems = {getattr(systems, "name", "") or "predictions": systems}
    listings: dict[str, Listing] = {}
    # with the listing, at once: a span's nesting level in it is the corpus's, which a
    # block without nesting would not know
    shards = [(gold, systems)] if alignment else _blocks(gold, systems)
    results = score_shards(shards, settings, scopes=scopes,
                           listing=listings.__setitem__ if alignment else None, **options)
    for system in results.systems:
        system.alignment = listings.get(system.name, [])
    return results


def _blocks(gold: Side, systems: Mapping[str, Side]
            ) -> Iterator[tuple[Side, Mapping[str, Side]]]:
    """The corpus as shards of at most :data:`BLOCK_SPANS` spans (at least one document),
    in the scoring order (by id); one shard when it is smaller. The documents are
    checked whole first, so that a problem is named as for a corpus scored at once."""
    total = _n_spans(gold) + sum(map(_n_spans, systems.values()))
    if total <= BLOCK_SPANS or not len(gold):
        yield gold, systems
        return
    gold = gold if isinstance(gold, Columns) else columns_of(gold)
    systems = {n: s if isinstance(s, Columns) else columns_of(s) for n, s in systems.items()}
    order, maps = _doc_maps(gold, systems)  # raises the problems of the whole corpus
    per_position = np.zeros(len(order), dtype=np.int64)
    for side, where in [(gold, maps[""])] + [(systems[n], maps[n]) for n in systems]:
        np.add.at(per_position, where, np.bincount(side.doc, minlength=len(side)))
    block = np.cumsum(per_position) // BLOCK_SPANS
    cuts = np.flatnonzero(np.diff(block)) + 1
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(order)], strict=True):
        gold_docs = np.asarray(order[lo:hi], dtype=np.int64)
        yield gold.take(gold_docs), {
            n: side.take(np.flatnonzero((maps[n] >= lo) & (maps[n] < hi)))
            for n, side in systems.items()}


def _n_spans(side: Side) -> int:
    return side.n_annotations if isinstance(side, Columns) else sum(
        len(d.annotations) for d in side.documents)


def score_shards(shards: Iterable[tuple[Side, Mapping[str, Side]]],
                 settings: Settings | None = None, *,
                 scopes: Mapping[str, Collection[str] | None] | None = None,
                 listing: Callable[[str, Listing], None] | None = None,
                 **options) -> Results:
    """:func:`score` of a corpus given shard by shard: each item of ``shards`` is a gold
    shard and every system's predictions for exactly its documents (the same systems in
    every shard; no document in two shards). Only one shard's spans are in memory at a
    time, with the sums of the shards before it (:mod:`bench.scoring.tally`): tables,
    values, confusion, bootstrap intervals and significance tests are identical to
    scoring the whole corpus at once, and so is the gold fingerprint.

    ``listing``: called with ``(system, Listing)`` for each shard, for the per-span
    listing (documents in the shard's id order, shard after shard)."""
    settings = _settings(settings, options)
    tally = None
    for number, (gold, systems) in enumerate(shards, 1):  # collection runs between shards
        with gc_paused():
            gold_side = gold if isinstance(gold, Columns) else columns_of(gold)
            sides = {name: s if isinstance(s, Columns) else columns_of(s)
                     for name, s in systems.items()}
            if tally is None:
                tally = Tally(list(sides), settings, scopes or {})
                tally.name = gold_side.name
            elif list(sides) != tally.names:
                raise InputError.one(f"shard {number}", f"systems {sorted(sides)} differ from "
                                                        f"the first shard's {tally.names}")
            if not len(gold_side):
                continue
            part, listings = measure(gold_side, sides, tally, listing is not None)
            tally.add(part)
            for name, items in (listings or {}).items():
                listing(name, items)
    if tally is None:
        raise InputError.one("shards", "no shards: nothing to score")
    return tally.results(fingerprint(tally.digest, tally.documents))


def _settings(settings: Settings | None, options: dict) -> Settings:
    settings = settings or Settings()
    return replace(settings, **options) if options else settings


def measure(gold: Columns, systems: Mapping[str, Columns], tally: Tally, alignment: bool
            ) -> tuple[ShardCounts, dict[str, Listing] | None]:
    """The counts one shard adds to ``tally`` (and its listings when ``alignment``): units
    (:func:`_units`), matching, per-unit counts (:func:`_counts`), values, confusion."""
    settings, names = tally.settings, list(systems)
    order, doc_maps = _doc_maps(gold, systems)
    doc_ids = [gold.doc_ids[i] for i in order]
    texts = [gold.texts[i] for i in order]
    kinds = tally.unit_kinds(len(order))
    fine = "paragraph" if "paragraph" in kinds else "document"
    units = _units(texts, fine)
    used = set(_labels_used(gold)).union(*map(_labels_used, systems.values()))
    rows = Rows.of(used, settings.schema(used))
    label_names = list(rows.labels)
    vocab = (_index(rows.labels), _index(rows.date_types), units.starts, units.stride)
    gold_spans = spans(gold, doc_maps[""], *vocab)
    scopes = tally.scopes

    aligned, in_scope, counts, matches, pred_spans = {}, {}, {}, {}, {}
    for name in names:
        pred_spans[name] = spans(systems[name], doc_maps[name], *vocab)
        in_scope[name] = _scope_mask(scopes.get(name), gold_spans, pred_spans[name], rows)
        aligned[name] = align(gold_spans.take(in_scope[name]), pred_spans[name], units.texts,
                              units.stride, settings.clitics)
        for key in tally.keys:
            matches[name, key] = match(aligned[name], key.scheme, key.clitics)
            counts[name, key] = _counts(aligned[name], *matches[name, key], units.n, rows)
    depth = _Depths.of(gold, gold_spans, {n: (systems[n], pred_spans[n]) for n in names})
    if depth.nested:  # flat (outermost spans), then each inner level, strict matching
        for name in names:
            for view in View.counted(depth.deepest):
                al = align(gold_spans.take(in_scope[name] & (depth.gold == view.depth)),
                           pred_spans[name].take(depth.pred[name] == view.depth), units.texts,
                           units.stride, (STRICT.clitics,))
                counts[name, view] = _counts(al, *match(al, STRICT.scheme), units.n, rows)

    values, confusion, predicted, listings = {}, {}, {}, {}
    partial = ScoreKey("partial")  # values, confusion and listings pair spans by it
    for name in names:
        al = aligned[name]
        partial_pairs = matches[name, partial][0] if partial in tally.keys \
            else match(al, partial.scheme, partial.clitics)[0]
        values[name] = _values(al, partial_pairs, systems[name], gold)
        confusion[name] = _confusion(al, partial_pairs, label_names)
        predicted[name] = {label_names[i] for i in set(al.pred.label.tolist())}
        if alignment:
            listings[name] = _alignment(name, al, partial_pairs, doc_ids, units.texts, gold,
                                        systems[name], gold_spans.take(~in_scope[name]),
                                        depth.rows(name))
    per_doc = units.per_doc
    doc_keys = stats.hash64(doc_ids)
    tables, keys = {}, {}
    for kind in kinds:
        collapse = kind != fine  # document units from paragraph ones: sums per document
        keys[kind] = stats.unit_keys(doc_keys, np.ones(len(doc_ids), dtype=np.int64)
                                     if collapse else per_doc)
        starts = np.cumsum(per_doc) - per_doc
        tables[kind] = {cell: np.add.reduceat(c, starts, axis=1, dtype=float) if collapse else c
                        for cell, c in counts.items()}
    part = ShardCounts(doc_ids=doc_ids, doc_keys=doc_keys, labels=rows.labels, keys=keys,
                       tables=tables, nested=depth.nested, deepest=depth.deepest,
                       values=values, confusion=confusion, predicted=predicted,
                       annotations=int((~gold_spans.optional).sum()),
                       optional=int(gold_spans.optional.sum()), digest=document_digest(gold))
    return part, listings if alignment else None


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

    @property
    def deepest(self) -> int:
        return max([int(self.gold.max(initial=0))] +
                   [int(d.max(initial=0)) for d in self.pred.values()])

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
    per_doc: np.ndarray  # units of each document

    @property
    def n(self) -> int:
        return len(self.starts)


def _units(texts: list[str], unit: str) -> _Units:
    """Units over the documents' texts in scoring order."""
    stride = max((len(t) for t in texts), default=0) + 1
    if unit == "document":
        starts = np.arange(len(texts), dtype=np.int64) * stride
        per_doc = np.ones(len(texts), dtype=np.int64)
    else:  # paragraph: each line
        starts = np.array([d * stride + s for d, text in enumerate(texts)
                           for s, _ in paragraphs(text)], dtype=np.int64)
        per_doc = np.array([text.count("\n") + 1 for text in texts], dtype=np.int64)
    return _Units(texts, stride, starts, per_doc)


def _index(names: Sequence[str]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


def _counts(al: Alignment, pairs: np.ndarray, credit: np.ndarray, n_units: int,
            rows: Rows) -> np.ndarray:
    """Counts ``[row, unit, (tp, fp, fn, pred)]`` of one system and key, group rows added;
    as float32 (half the memory) while that holds every count and half credit exactly
    (below 2**23 spans), to be summed in float64."""
    table = unit_counts(al, pairs, credit, n_units, len(rows.labels), len(rows.date_types))
    exact = len(al.gold.start) + len(al.pred.start) < 2 ** 22
    return np.concatenate([table, rows.group_sums(table)]).astype(
        np.float32 if exact else np.float64)


def _scope_mask(scope: Collection[str] | None, gold: Spans, pred: Spans,
                rows: Rows) -> np.ndarray:
    """Gold spans a system is scored on: its declared labels and the labels it predicts."""
    if scope is None:
        return np.ones(len(gold), dtype=bool)
    ids = {i for i, lab in enumerate(rows.labels) if lab in scope} | set(pred.label.tolist())
    return np.isin(gold.label, sorted(ids))


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


def _values(al: Alignment, pairs: np.ndarray, pred: Columns, gold: Columns) -> ValueSums:
    """Value grading of the temporal pairs of a matching, as sums per date type."""
    gi, pj = al.gi[pairs], al.pj[pairs]
    temporal = (al.gold.date_type[gi] >= 0) & (al.pred.date_type[pj] >= 0)
    g, p = al.gold.index[gi[temporal]], al.pred.index[pj[temporal]]
    has_values = bool((pred.codes["value"][al.pred.index[al.pred.date_type >= 0]] >= 0).any())
    graded = gold.codes["value"][g] >= 0  # a corpus without values (Wojood DATE): ungraded
    g, p = g[graded], p[graded]
    date_type = al.gold.date_type[gi[temporal]][graded]
    per_pair = np.stack(_credits(gold, pred, g, p), axis=1)
    n_types = len(DATE_TYPES)
    return ValueSums(matched=np.bincount(date_type, minlength=n_types).astype(float),
                     exact=np.bincount(date_type, per_pair[:, 0], minlength=n_types),
                     lenient=np.bincount(date_type, per_pair[:, 1], minlength=n_types),
                     n_pred=int((al.pred.date_type >= 0).sum()),
                     n_gold=int((al.gold.date_type >= 0).sum()), has_values=has_values)


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


def _confusion(al: Alignment, pairs: np.ndarray, label_names: list[str]) -> Counter:
    """Type confusion counts ``(gold label, predicted label)`` over the partial-scheme
    pairing; ``O`` stands for no span."""
    gi, pj = al.gi[pairs], al.pj[pairs]
    missed, spurious = _unmatched(al, pairs)
    o = len(label_names)
    y_true = np.concatenate([al.gold.label[gi], al.gold.label[missed], np.full(len(spurious), o)])
    y_pred = np.concatenate([al.pred.label[pj], np.full(len(missed), o), al.pred.label[spurious]])
    # np.unique, not sklearn.metrics.confusion_matrix: importing scikit-learn costs
    # 0.7 s of every command's start for what is one line of numpy
    cells, n = np.unique(y_true * (o + 1) + y_pred, return_counts=True)
    names = label_names + ["O"]
    return Counter({(names[c // (o + 1)], names[c % (o + 1)]): int(k)
                    for c, k in zip(cells.tolist(), n.tolist(), strict=True)})


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
