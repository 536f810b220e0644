"""A corpus side as columns: what the scorer reads, built without holding an object per span.

:class:`Columns` keeps the documents' ids, texts and dates as lists, and every annotation
as one row of numpy arrays (document index, start, end, optional flag) and of integer
codes into small vocabularies (id, label, value, mod, form, calendar; -1 for absent).
An annotation's ``text`` is not stored: readers have checked it equals its slice of
the document text. A million spans take about 40 MB this way instead of 300 MB as
:class:`~bench.model.Annotation` objects.

:class:`~bench.model.Document` and :class:`~bench.model.Annotation` stay the library's
model: :meth:`Columns.document` and :meth:`Columns.annotation` build them on demand
(reports, conversion, plugins). :func:`bench.loader.load_columns` reads a corpus into
columns batch by batch, so the decoded objects of a batch are dropped once converted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np

from bench.model import Annotation, Corpus, Document

CODED = ("id", "label", "value", "mod", "form", "calendar")
"""Annotation fields held as codes into a vocabulary (``Columns.vocab[field]``)."""


class Vocabulary(dict):
    """String -> code, a new code for each new string; ``None`` (absent) is -1."""

    def __init__(self) -> None:
        super().__init__({None: -1})

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self) - 1
        return code

    def strings(self) -> list[str]:
        """The strings in code order."""
        return [k for k in self if k is not None]


@dataclass
class Columns:
    """Documents as lists, annotations as arrays (see the module docstring).

    Rows are grouped by document in reading order (``doc`` is non-decreasing);
    ``vocab[f][codes[f][i]]`` is field ``f`` of annotation ``i``.
    """

    name: str
    doc_ids: list[str]
    texts: list[str]
    dcts: list[str | None]
    meta: list[dict]
    nested: list[bool]
    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    optional: np.ndarray
    codes: dict[str, np.ndarray]
    vocab: dict[str, list[str]]
    notes: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.doc_ids)

    @property
    def n_annotations(self) -> int:
        return len(self.doc)

    def by_id(self) -> dict[str, int]:
        """doc_id -> document index."""
        return {d: i for i, d in enumerate(self.doc_ids)}

    def rows_of(self, d: int) -> range:
        """Annotation rows of document ``d``."""
        lo, hi = np.searchsorted(self.doc, [d, d + 1])
        return range(int(lo), int(hi))

    def take(self, docs: Sequence[int] | np.ndarray) -> Columns:
        """Documents ``docs`` (indices, in that order) with their annotations; the
        vocabularies are shared, the arrays copied."""
        docs = np.asarray(docs, dtype=np.int64)
        lo = np.searchsorted(self.doc, docs, "left")
        lengths = np.searchsorted(self.doc, docs, "right") - lo
        first = np.cumsum(lengths) - lengths
        rows = np.repeat(lo - first, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
        pick = docs.tolist()
        return Columns(self.name, [self.doc_ids[d] for d in pick], [self.texts[d] for d in pick],
                       [self.dcts[d] for d in pick], [self.meta[d] for d in pick],
                       [self.nested[d] for d in pick],
                       np.repeat(np.arange(len(pick), dtype=self.doc.dtype), lengths),
                       self.start[rows], self.end[rows], self.optional[rows],
                       {f: c[rows] for f, c in self.codes.items()}, self.vocab, self.notes)

    def annotation_dicts(self, rows: np.ndarray) -> list[dict]:
        """The JSON shapes (:meth:`Annotation.to_dict`) of annotations ``rows``, built from
        the columns without making the annotations."""
        rows = np.asarray(rows, dtype=np.int64)
        strings = {f: [self.vocab[f][c] if c >= 0 else None
                       for c in self.codes[f][rows].tolist()] for f in CODED}
        texts = self.texts
        out = []
        for d, s, e, opt, ident, label, value, mod, form, calendar in zip(
                self.doc[rows].tolist(), self.start[rows].tolist(), self.end[rows].tolist(),
                self.optional[rows].tolist(), *(strings[f] for f in CODED), strict=True):
            item = {"id": ident, "start": s, "end": e, "label": label, "text": texts[d][s:e]}
            if value is not None:
                item["value"] = value
            if mod is not None:
                item["mod"] = mod
            if form is not None:
                item["form"] = form
            if calendar is not None:
                item["calendar"] = calendar
            if opt:
                item["optional"] = True
            out.append(item)
        return out

    def annotation(self, i: int) -> Annotation:
        return Annotation(**self.annotation_dicts(np.array([i]))[0])

    def document(self, d: int) -> Document:
        rows = self.rows_of(d)
        anns = tuple(Annotation(**a) for a in self.annotation_dicts(np.arange(rows.start,
                                                                              rows.stop)))
        return Document(self.doc_ids[d], self.texts[d], self.dcts[d], anns, dict(self.meta[d]),
                        self.nested[d])

    def documents(self) -> Iterator[Document]:
        return (self.document(d) for d in range(len(self)))

    def to_corpus(self) -> Corpus:
        return Corpus(list(self.documents()), name=self.name, notes=list(self.notes))

    def rows(self, keep: np.ndarray) -> Columns:
        """These columns with only the annotations where ``keep`` is true, each vocabulary
        numbered again in order of first appearance (as :class:`ColumnsBuilder` numbers
        them); the documents as they are."""
        codes, vocab = {}, {}
        for name in CODED:
            vocab[name], codes[name] = first_seen(self.codes[name][keep], self.vocab[name])
        return Columns(self.name, self.doc_ids, self.texts, self.dcts, self.meta, self.nested,
                       self.doc[keep], self.start[keep], self.end[keep], self.optional[keep],
                       codes, vocab, self.notes)


def first_seen(codes: np.ndarray, strings: list[str]) -> tuple[list[str], np.ndarray]:
    """``codes`` (into ``strings``; -1 for absent) numbered again in order of first
    appearance, as int32 codes, and the strings in that order."""
    used, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    present = used >= 0
    order = np.argsort(np.where(present, first, -1), kind="stable")
    rank = np.empty(len(used), dtype=np.int32)
    rank[order] = np.arange(len(used), dtype=np.int32) - int((~present).sum())
    return [strings[c] for c in used[order].tolist() if c >= 0], rank[inverse.ravel()]


class ColumnsBuilder:
    """Appends documents batch by batch; :meth:`build` returns the :class:`Columns`.

    The vocabularies are shared by every batch, so batches are joined by concatenation.
    """

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.vocab = {f: Vocabulary() for f in CODED}
        self.doc_ids: list[str] = []
        self.texts: list[str] = []
        self.dcts: list[str | None] = []
        self.meta: list[dict] = []
        self.nested: list[bool] = []
        self.parts: list[dict[str, np.ndarray]] = []

    def encode(self, docs: Sequence[Document]) -> dict[str, np.ndarray]:
        """The columns of ``docs`` (document indices from 0), codes in the shared
        vocabularies: a batch to check (``bench.validate.flag_documents``) and then
        :meth:`append`."""
        per_doc = np.fromiter((len(d.annotations) for d in docs), np.int64, count=len(docs))
        anns = [a for d in docs for a in d.annotations]
        n = len(anns)
        out = {"doc": np.repeat(np.arange(len(docs), dtype=np.int64), per_doc)}
        for name in ("start", "end"):
            out[name] = np.fromiter(map(attrgetter(name), anns), np.int64, count=n)
        out["optional"] = np.fromiter(map(attrgetter("optional"), anns), bool, count=n)
        for name in CODED:
            out[name] = np.fromiter(map(self.vocab[name].__getitem__,
                                        map(attrgetter(name), anns)), np.int32, count=n)
        return out

    def coded(self, name: str, strings: list[str], indices: np.ndarray) -> np.ndarray:
        """Codes in vocabulary ``name`` of rows given as indices into ``strings`` (-1:
        absent), new strings coded in the order given (as :meth:`encode` meets them)."""
        vocab = self.vocab[name]
        return np.array([vocab[s] for s in strings] + [-1], dtype=np.int32)[indices]

    def append(self, docs: Sequence[Document], part: dict[str, np.ndarray] | None = None
               ) -> None:
        """Add ``docs``, with their :meth:`encode` columns when already made."""
        self.extend(part if part is not None else self.encode(docs),
                    [d.doc_id for d in docs], [d.text for d in docs], [d.dct for d in docs],
                    [d.meta for d in docs], [d.nested for d in docs])

    def extend(self, part: dict[str, np.ndarray], doc_ids: list[str], texts: list[str],
               dcts: list[str | None], meta: list[dict], nested: list[bool]) -> None:
        """Add documents given as lists, with their columns (``part["doc"]`` from 0)."""
        part = dict(part)
        part["doc"] = part["doc"] + len(self.doc_ids)
        self.parts.append(part)
        self.doc_ids += doc_ids
        self.texts += texts
        self.dcts += dcts
        self.meta += meta
        self.nested += nested

    def build(self, notes: list | None = None) -> Columns:
        def joined(name: str, dtype) -> np.ndarray:
            arrays = [p[name] for p in self.parts]
            return np.concatenate(arrays) if arrays else np.zeros(0, dtype)

        return Columns(self.name, self.doc_ids, self.texts, self.dcts, self.meta, self.nested,
                       joined("doc", np.int64), joined("start", np.int64),
                       joined("end", np.int64), joined("optional", bool),
                       {f: joined(f, np.int32) for f in CODED},
                       {f: v.strings() for f, v in self.vocab.items()}, list(notes or []))


def columns_of(docs: Iterable[Document] | Corpus, name: str = "", notes: list | None = None,
               batch: int = 50_000) -> Columns:
    """Columns of documents already in memory (a :class:`Corpus`, a list, a generator)."""
    if isinstance(docs, Corpus):
        name, notes = name or docs.name, notes if notes is not None else docs.notes
    builder = ColumnsBuilder(name)
    pending: list[Document] = []
    size = 0
    for doc in docs:
        pending.append(doc)
        size += len(doc.annotations) + 1
        if size >= batch:
            builder.append(pending)
            pending, size = [], 0
    if pending:
        builder.append(pending)
    return builder.build(notes)
