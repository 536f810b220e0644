"""What scoring keeps of the documents it has seen, and the Results made from it.

Every number of a :class:`~bench.scoring.results.Results` is a sum over documents: TP/FP/FN
per table row, value grades, confusion cells, and (with unit weights keyed by unit
identity, :mod:`bench.scoring.stats`) every bootstrap resample's totals and every
randomisation trial's moved counts. :class:`Tally` adds up the :class:`ShardCounts` of
one shard of documents after another and makes the Results at the end, so scoring a
corpus in shards keeps in memory only one shard's spans and these sums, and gives the
same Results, to the byte, as scoring it whole (:func:`bench.scoring.score_shards`).

Rows are added by name (``("label", "LOC")`` ...), since a shard's table has only the
labels it uses; the Results' rows are those of every shard.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from bench.problems import InputError
from bench.scoring import stats
from bench.scoring.keys import FLAT, NESTED, STRICT, ScoreKey, View
from bench.scoring.results import (
    Comparison,
    Results,
    Row,
    SchemeScores,
    SystemResults,
    ValueRow,
    ValueScores,
)
from bench.scoring.settings import MIN_DOCUMENT_UNITS, Settings
from bench.scoring.tables import DATE_TYPES, FN, FP, GROUPS, TP, Rows, prf
from bench.version import __version__

COMPARED = ("overall",) + tuple(GROUPS)  # rows that get paired significance tests
UNIT_KINDS = ("paragraph", "document")
Cell = tuple[str, ScoreKey | View]
"""A counts table: a system's under a score key, or (nested corpora) a by-depth view."""


def row_ids(rows: Rows) -> list[tuple[str, ...]]:
    """The name of each row of a table laid out as ``rows``."""
    return ([("overall",)] + [("label", lab) for lab in rows.labels]
            + [("date", dt) for dt in rows.date_types] + [("group", g) for g in rows.groups])


def _compared_row(rows: Rows, group: str) -> int:
    return rows.overall if group == "overall" else rows.group(group)


@dataclass(kw_only=True)
class ValueSums:
    """Value grading of one system, as sums (per date type, in ``DATE_TYPES`` order)."""

    matched: np.ndarray = field(default_factory=lambda: np.zeros(len(DATE_TYPES)))
    exact: np.ndarray = field(default_factory=lambda: np.zeros(len(DATE_TYPES)))
    lenient: np.ndarray = field(default_factory=lambda: np.zeros(len(DATE_TYPES)))
    n_pred: int = 0
    n_gold: int = 0
    has_values: bool = False

    def add(self, other: ValueSums) -> None:
        self.matched += other.matched
        self.exact += other.exact
        self.lenient += other.lenient
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.has_values |= other.has_values

    def scores(self, zero_division: float) -> ValueScores:
        def row(n, correct, len_correct) -> ValueRow:
            n, correct, len_correct = int(n), round(float(correct)), float(len_correct)
            ok = self.has_values and n > 0
            return ValueRow(matched=n, correct=correct, lenient=len_correct,
                            accuracy=correct / n if ok else None,
                            lenient_accuracy=len_correct / n if ok else None)

        per = {dt: row(self.matched[k], self.exact[k], self.lenient[k])
               for k, dt in enumerate(DATE_TYPES) if self.matched[k]}
        overall = row(self.matched.sum(), self.exact.sum(), self.lenient.sum())
        if not self.has_values:
            return ValueScores(overall=overall, per_date_type=per, precision=None,
                               recall=None, f1=None)
        p, r, f = (float(x) for x in prf(overall.correct, self.n_pred - overall.correct,
                                         self.n_gold - overall.correct, zero_division))
        return ValueScores(overall=overall, per_date_type=per, precision=p, recall=r, f1=f)


@dataclass(frozen=True, kw_only=True)
class ShardCounts:
    """What one shard of documents adds (made by :func:`bench.scoring.api.measure`).

    ``tables[kind][cell]`` are counts ``[row, unit, (tp, fp, fn, pred)]`` laid out as
    ``Rows(labels)``, one per unit kind tracked and per :data:`Cell`: ``(system,
    ScoreKey)`` for every scoring key and, when the shard nests, ``(system, View)`` for
    the views counted apart (:meth:`View.counted`); ``keys[kind]`` are the units' keys
    (:func:`bench.scoring.stats.unit_keys`).
    """

    doc_ids: list[str]
    doc_keys: np.ndarray  # stats.hash64 of doc_ids
    labels: tuple[str, ...]
    keys: dict[str, np.ndarray]
    tables: dict[str, dict[Cell, np.ndarray]]
    nested: bool
    deepest: int  # nesting depth of the deepest span (0: flat)
    values: dict[str, ValueSums]
    confusion: dict[str, Counter]
    predicted: dict[str, set[str]]
    annotations: int
    optional: int
    digest: int


class Tally:
    """Sums of the shards added so far (:meth:`add`), and their :meth:`results`."""

    def __init__(self, names: list[str], settings: Settings,
                 scopes: Mapping[str, Collection[str] | None]) -> None:
        self.names, self.settings, self.scopes = names, settings, scopes
        self.keys = settings.keys()
        self.pairs = list(combinations(names, 2))
        self.kinds = [settings.unit] if settings.unit != "auto" else list(UNIT_KINDS)
        self.name = ""
        self.documents = self.annotations = self.optional = self.digest = 0
        self.units = Counter()
        self.seen: set[int] = set()
        self.labels: set[str] = set()
        self.total: dict[tuple[Cell, tuple], np.ndarray] = {}  # (cell, row id) -> [4]
        self.boot: dict[str, dict[tuple, np.ndarray]] = {k: {} for k in UNIT_KINDS}
        self.moved: dict[str, dict[tuple, np.ndarray]] = {k: {} for k in UNIT_KINDS}
        self.values = {n: ValueSums() for n in names}
        self.confusion = {n: Counter() for n in names}
        self.predicted = {n: set() for n in names}
        self.nested, self.deepest = False, 0

    def unit_kinds(self, n_documents: int) -> list[str]:
        """The unit kinds a shard of ``n_documents`` is counted in: the settings' unit, or
        for ``auto`` both until the documents seen reach the document-unit threshold."""
        if self.settings.unit == "auto" and \
                self.documents + n_documents >= MIN_DOCUMENT_UNITS:
            self.kinds = ["document"]
        return list(self.kinds)

    def add(self, part: ShardCounts) -> None:
        ids = part.doc_keys.tolist()
        again = [d for d, h in zip(part.doc_ids, ids, strict=True) if h in self.seen]
        if again:
            raise InputError.one(again[0], "document given in two shards")
        self.seen.update(ids)
        self.documents += len(part.doc_ids)
        self.annotations += part.annotations
        self.optional += part.optional
        self.digest = (self.digest + part.digest) % (1 << 256)
        self.labels.update(part.labels)
        for name in self.names:
            self.values[name].add(part.values[name])
            self.confusion[name].update(part.confusion[name])
            self.predicted[name] |= part.predicted[name]
        if part.nested and not self.nested:  # so far flat = strict: start the views from it
            for sums in (self.total, *self.boot.values()):
                sums.update({((name, FLAT), rid): v.copy()
                             for ((name, key), rid), v in sums.items() if key == STRICT})
        self.nested |= part.nested
        self.deepest = max(self.deepest, part.deepest)
        rows = Rows.of(part.labels, self.settings.schema(part.labels))
        names = row_ids(rows)
        for kind in self.kinds:
            tables = dict(part.tables[kind])
            if self.nested and not part.nested:  # a flat shard: its flat view is strict
                tables.update({(n, FLAT): tables[n, STRICT] for n in self.names})
            keys = part.keys[kind]
            self.units[kind] += len(keys)
            self._add_sums(kind, tables, keys, rows, names, total=kind == self.kinds[0])
            self._add_moves(kind, tables, keys, rows)

    def _add_sums(self, kind: str, tables: dict, keys: np.ndarray, rows: Rows,
                  names: list[tuple], total: bool) -> None:
        cells = list(tables)
        if total:
            for cell in cells:
                sums = tables[cell].sum(axis=1, dtype=float)  # [row, count]
                for r, rid in enumerate(names):
                    _accumulate(self.total, (cell, rid), sums[r])
        if not self.settings.resamples:
            return
        # the matrix [unit, cell x row x count], never made whole: its distinct rows
        group, first = stats.row_groups([tables[cell][r, :, k] for cell in cells
                                         for r in range(len(rows)) for k in range(4)],
                                        len(keys))
        distinct = np.zeros((len(first), len(cells) * len(rows) * 4))
        for i, cell in enumerate(cells):
            distinct[:, i * len(rows) * 4:(i + 1) * len(rows) * 4] = \
                tables[cell][:, first, :].transpose(1, 0, 2).reshape(len(first), len(rows) * 4)
        boot = stats.grouped_bootstrap(distinct, group, keys, self.settings.resamples,
                                       self.settings.seed)
        boot = boot.reshape(len(boot), len(cells), len(rows), 4)  # cells may be none
        for i, cell in enumerate(cells):
            for r, rid in enumerate(names):
                _accumulate(self.boot[kind], (cell, rid), boot[:, i, r])

    def _add_moves(self, kind: str, tables: dict, keys: np.ndarray, rows: Rows) -> None:
        if not self.pairs or not self.settings.trials:
            return
        for key in self.keys:
            for group in COMPARED:
                row = _compared_row(rows, group)
                diff = np.stack([tables[y, key][row, :, :3] - tables[x, key][row, :, :3]
                                 for x, y in self.pairs], axis=1)  # [unit, pair, 3]
                moved = stats.randomisation_moves(diff.reshape(len(keys), -1), keys,
                                                  self.settings.trials, self.settings.seed)
                _accumulate(self.moved[kind], (key, group), moved)

    def results(self, fingerprint: str) -> Results:
        """The Results of everything added."""
        settings = self.settings
        if not self.documents:
            raise InputError.one(self.name or "gold", "no documents: nothing to score")
        kind = settings.resolved_unit(self.documents)
        rows = Rows.of(self.labels, settings.schema(self.labels))
        label_names = list(rows.labels)
        names = row_ids(rows)
        views = View.counted(self.deepest) if self.nested else []
        cells: list[Cell] = [(n, k) for n in self.names for k in self.keys] + \
            [(n, v) for n in self.names for v in views]
        total = {c: np.stack([self.total.get((c, rid), np.zeros(4)) for rid in names])
                 for c in cells}
        intervals, boot_f1 = self._intervals(kind, cells, rows, names)
        zd = settings.zero_division
        results = []
        def signature(key: ScoreKey) -> str:
            return str(settings.signature(key.scheme, key.clitics, fingerprint, kind))

        for name in self.names:
            scores = {str(key): _tables(key, signature(key), total[name, key],
                                        intervals[name, key], rows, zd) for key in self.keys}
            by_depth = None
            if self.nested:
                by_depth = {str(v): scores[str(STRICT)] if v == NESTED else _tables(
                    STRICT, signature(STRICT), total[name, v], intervals[name, v], rows, zd)
                            for v in View.reported(self.deepest)}
            scope = self.scopes.get(name)
            results.append(SystemResults(
                name=name, scores=scores, values=self.values[name].scores(zd),
                confusion=self._confusion(name, label_names), alignment=[],
                scope=sorted(set(scope) | self.predicted[name]) if scope is not None else None,
                by_depth=by_depth))
        gold_info = {"name": self.name, "sha256": fingerprint, "documents": self.documents,
                     "annotations": self.annotations, "optional": self.optional,
                     "unit": kind, "units": self.units[kind]}
        return Results(__version__, gold_info, settings.to_dict(kind), results,
                       self._compare(kind, total, boot_f1, rows))

    def _intervals(self, kind: str, cells: list, rows: Rows, names: list[tuple]
                   ) -> tuple[dict, dict]:
        """Percentile intervals of P, R and F1 of every row of every cell, and the
        resampled F1 of the compared rows."""
        settings = self.settings
        compared = [_compared_row(rows, g) for g in COMPARED]
        intervals, boot_f1 = {}, {}
        empty_sample = np.zeros((settings.resamples, 4))
        for cell in cells:
            sample = np.stack([self.boot[kind].get((cell, rid), empty_sample)
                               for rid in names], axis=1)  # [resample, row, 4]
            p, r, f = prf(sample[..., TP], sample[..., FP], sample[..., FN], settings.zero_division)
            boot_f1[cell] = f[:, compared].copy()
            # a resample without any gold or predicted span of a row says nothing about it
            empty = sample[..., :3].sum(axis=-1) == 0
            for x in (p, r, f):
                x[empty] = np.nan
            intervals[cell] = tuple(stats.percentile_interval(x, settings.ci_level)
                                    for x in (p, r, f))
        return intervals, boot_f1

    def _confusion(self, name: str, label_names: list[str]) -> dict:
        """Type confusion matrix over the partial-scheme pairing; ``O`` stands for no span."""
        names = label_names + ["O"]
        counts = self.confusion[name]
        return {"labels": names, "matrix": [[counts.get((g, p), 0) for p in names]
                                            for g in names]}

    def _scored_on(self, name: str, rows: Rows, group: str) -> frozenset[str]:
        """The labels of ``group`` (every label for ``overall``) system ``name`` is scored
        on: those it declares and those it predicts, or all without a declared scope."""
        labels = [lab for lab in rows.labels
                  if group == "overall" or rows.schema.group(lab) == group]
        scope = self.scopes.get(name)
        if scope is None:
            return frozenset(labels)
        return frozenset(lab for lab in labels if lab in scope or lab in self.predicted[name])

    def _compare(self, kind: str, total: dict, boot_f1: dict, rows: Rows) -> list[Comparison]:
        """Paired tests of every two systems scored on the same labels of a row, per key
        and per compared row (two systems scored on different labels are not compared:
        their F1s measure different things); Holm across the pairs tested. A test turned
        off (0 resamples or 0 trials) gives None p-values."""
        settings, out = self.settings, []
        zd = settings.zero_division
        for k, group in enumerate(COMPARED):
            index = [i for i, (x, y) in enumerate(self.pairs)
                     if self._scored_on(x, rows, group) == self._scored_on(y, rows, group)]
            pairs = [self.pairs[i] for i in index]
            if not pairs:
                continue
            row = _compared_row(rows, group)
            for key in self.keys:
                a = np.stack([total[x, key][row, :3] for x, _ in pairs])
                b = np.stack([total[y, key][row, :3] for _, y in pairs])
                f1 = [(float(prf(*a[i], zd)[2]), float(prf(*b[i], zd)[2]))
                      for i in range(len(pairs))]
                p_ar = h_ar = p_boot = h_boot = [None] * len(pairs)
                if settings.trials:
                    moved = self.moved[kind].get((key, group))
                    moved = np.zeros((settings.trials, len(pairs), 3)) if moved is None \
                        else moved.reshape(settings.trials, len(self.pairs), 3)[:, index]
                    p_ar = stats.randomisation_p(a, b, moved, zd)
                    h_ar = stats.holm(p_ar)
                if settings.resamples:
                    p_boot = np.array([
                        stats.paired_bootstrap_p(boot_f1[(x, key)][:, k],
                                                 boot_f1[(y, key)][:, k], fa - fb)
                        for (x, y), (fa, fb) in zip(pairs, f1, strict=True)])
                    h_boot = stats.holm(p_boot)
                for i, (x, y) in enumerate(pairs):
                    p_boot_i, p_ar_i, h_boot_i, h_ar_i = (
                        None if p[i] is None else float(p[i])
                        for p in (p_boot, p_ar, h_boot, h_ar))
                    out.append(Comparison(
                        key=str(key), group=group, a=x, b=y, f1_a=f1[i][0], f1_b=f1[i][1],
                        delta=f1[i][0] - f1[i][1], p_bootstrap=p_boot_i,
                        p_randomisation=p_ar_i, p_bootstrap_holm=h_boot_i,
                        p_randomisation_holm=h_ar_i))
        out.sort(key=lambda c: (self.keys.index(ScoreKey.parse(c.key)) if c.key else 0,
                                COMPARED.index(c.group)))
        return out


def _accumulate(sums: dict, key, value: np.ndarray) -> None:
    if key in sums:
        sums[key] += value
    else:
        sums[key] = np.array(value, dtype=float)


def _row(c: np.ndarray, ci, index: int, zero_division: float) -> Row:
    tp, fp, fn, n_pred = (float(x) for x in c)
    p, r, f = (float(x) for x in prf(tp, fp, fn, zero_division))
    lo_hi = [None if np.isnan(low[index]) else (float(low[index]), float(high[index]))
             for low, high in ci]
    precision_ci, recall_ci, f1_ci = lo_hi
    return Row(support=round(tp + fn), predicted=round(n_pred), tp=tp, fp=fp, fn=fn,
               precision=p, recall=r, f1=f, precision_ci=precision_ci, recall_ci=recall_ci,
               f1_ci=f1_ci)


def _tables(key: ScoreKey, signature: str, total: np.ndarray, ci: tuple, rows: Rows,
            zero_division: float) -> SchemeScores:
    """The tables of one key (or of a view, under the strict key) from its totals
    ``[row, 4]`` and intervals."""
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
    return SchemeScores(scheme=key.scheme, clitics=key.clitics, signature=signature,
                        overall=row(rows.overall), per_label=per_label, per_date_type=per_date,
                        per_group=per_group, macro=macro)
