"""The one loader: every command that takes a corpus or predictions goes through here.

A corpus is given as ``PATH`` (a native corpus directory or ``.jsonl`` file) or
``FMT:PATH`` with ``FMT`` a name of :data:`bench.io.formats.FORMATS`.
:func:`iter_corpus` streams documents, validating each (:mod:`bench.validate`) and
mapping its labels; :func:`load_corpus` collects them. A document with an error
stops the load with every problem named as ``file: annotation id: problem``;
readers' warnings are kept in ``Corpus.notes``. :func:`load_predictions` reads
predictions for a gold corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bench.columns import CODED, Columns, ColumnsBuilder, columns_of
from bench.io import native
from bench.io.conll import check_nesting, iter_conll_tags
from bench.io.conll_columns import read_conll_columns
from bench.io.formats import FORMATS, split_spec
from bench.io.jsonl_columns import ChunkArrays, DecodedChunk, decode_chunk
from bench.labels import NATIVE, dropped_notes, map_document, mapping_for
from bench.memory import gc_paused, keep_freed_memory
from bench.model import (
    LABELS,
    TEMPORAL_LABELS,
    Corpus,
    Document,
    doc_id_problem,
    hash_hint,
    sha256_text,
)
from bench.problems import BAD_VALUE, InputError, Problem, errors, not_in_gold
from bench.schema import schema_file
from bench.timex import guess_form
from bench.validate import (
    check_document,
    flag_arrays,
    flag_columns,
    flag_documents,
    identity_problems,
)

BATCH = 50_000
"""Annotations per batch: documents are checked a batch at a time (vectorised,
:func:`bench.validate.flag_documents`), so memory stays bounded."""


def iter_corpus(spec: str | Path, labels: str | None = None,
                notes: list[Problem] | None = None,
                problems: list[Problem] | None = None,
                bad_values: str = "error", reader=None, nesting: str | None = None
                ) -> Iterator[Document]:
    """Validated documents of a corpus, one at a time (bounded memory for large corpora).

    A document with errors raises :class:`InputError`, or, when a ``problems`` list is
    given, has its errors added there and is left out (``bench validate`` sees them all).
    A corpus without documents and a document id seen twice are errors too.

    ``bad_values="absent"`` (reading commands: stats, convert, run): a TIMEX3 value
    that is invalid is read as absent, each one reported in ``notes``; with
    ``"error"`` (validate, the gold side of score) it is an error.

    Native corpora must use the canonical labels and give every temporal value;
    other formats keep the labels they have (after mapping), may lack values, and
    get a guessed ``form`` where they have none.

    ``reader``: a callable ``reader(notes) -> documents`` that reads them instead of the
    format of ``spec`` (a Hugging Face dataset by id, :func:`bench.io.hf.read_hub`).
    ``nesting``: which nesting levels a CoNLL file gives (:mod:`bench.io.conll`).
    """
    for docs in _checked_batches(spec, labels, notes, problems, bad_values, reader=reader,
                                 nesting=nesting):
        yield from docs


def load_columns(spec: str | Path, labels: str | None = None, bad_values: str = "error",
                 nesting: str | None = None) -> Columns:
    """:func:`load_corpus` as :class:`~bench.columns.Columns`, the scorer's input: no
    object per annotation is made for native JSONL (:mod:`bench.io.jsonl_columns`), and
    none is kept for other formats once its batch is converted."""
    fast = _conll_side(spec, labels, nesting)
    if fast is not None and _passes(fast, None):
        return fast
    notes: list[Problem] = []
    builder = ColumnsBuilder(str(split_spec(spec)[1]))
    with gc_paused():
        for _ in _checked_batches(spec, labels, notes, None, bad_values, builder,
                                  nesting=nesting):
            pass  # each batch is in builder
    return builder.build(notes)


def _conll_side(spec: str | Path, labels: str | None, nesting: str | None) -> Columns | None:
    """A CoNLL file read straight into columns (:mod:`bench.io.conll_columns`), labels
    mapped and forms guessed as :func:`_checked_batches` does, not yet checked; None when
    the careful path must read it (it names every problem)."""
    fmt, path = split_spec(spec)
    if fmt not in TAG_FORMATS:
        return None
    notes: list[Problem] = []
    side = read_conll_columns(path, TAG_FORMATS[fmt], nesting, notes)
    if side is None or any(doc_id_problem(d) is not None for d in side.doc_ids):
        return None
    mapping = mapping_for(labels)
    if mapping is not None:
        if any(label not in mapping.table for label in side.vocab["label"]):
            return None  # an error the careful path names, with its document
        mapped = [mapping.table[label] for label in side.vocab["label"]]
        named = list(dict.fromkeys(m for m in mapped if m is not None))
        code = np.array([named.index(m) if m is not None else -1 for m in mapped] + [-1],
                        dtype=np.int32)
        counts = np.bincount(side.codes["label"], minlength=len(mapped))
        dropped = Counter({label: int(counts[k]) for k, label in enumerate(side.vocab["label"])
                           if mapped[k] is None and counts[k]})
        side.codes["label"] = code[side.codes["label"]]
        side.vocab["label"] = named
        side = side.rows(side.codes["label"] >= 0)
        notes += dropped_notes(str(path), mapping, dropped)
    temporal = np.flatnonzero(np.isin(side.codes["label"], [
        k for k, label in enumerate(side.vocab["label"]) if label in TEMPORAL_LABELS]))
    if len(temporal):  # forms guessed (_with_forms)
        forms = [guess_form(side.texts[d][s:e], side.vocab["label"][c], None) for d, s, e, c
                 in zip(*(a[temporal].tolist() for a in (side.doc, side.start, side.end,
                                                         side.codes["label"])), strict=True)]
        side.vocab["form"] = list(dict.fromkeys(forms))
        side.codes["form"][temporal] = [side.vocab["form"].index(f) for f in forms]
    side.notes = notes
    return side


_ODD_SPACE = re.compile(r"[^\S \n]")
"""White space other than a space or a newline: in a CoNLL text, only inside a token."""


def _passes(side: Columns, labels: tuple[str, ...] | None) -> bool:
    """Whether every document of ``side`` passes what :class:`Checker` checks (with
    ``labels``, values optional), by :func:`bench.validate.flag_columns`, then
    :func:`check_document` on the flagged ones; a span's text is its slice, so of the
    text checks only white space at its ends remains (flagged by any odd space)."""
    vocab = {f: dict.fromkeys([None, *side.vocab[f]]) for f in side.vocab}
    for strings in vocab.values():
        strings.update((s, k - 1) for k, s in enumerate(strings))
    part = {"doc": side.doc, "start": side.start, "end": side.end, **side.codes}
    lengths = np.array([len(t) for t in side.texts], dtype=np.int64)
    flagged = flag_columns(lengths, part, vocab, labels, require_values=False)
    flagged |= {d for d, t in enumerate(side.texts) if _ODD_SPACE.search(t)}
    for d in sorted(flagged):
        doc = side.document(d)
        known = labels or LABELS + tuple(sorted({a.label for a in doc.annotations}
                                                - set(LABELS)))
        if errors(check_document(doc, labels=known, require_values=False, warnings=False)):
            return False
    return True


def _checked_batches(spec: str | Path, labels: str | None, notes: list[Problem] | None,
                     problems: list[Problem] | None, bad_values: str,
                     builder: ColumnsBuilder | None = None, reader=None,
                     nesting: str | None = None) -> Iterator[list[Document]]:
    """Batches of validated documents; with a ``builder``, each batch is added to it too,
    and chunks of native JSONL that pass every check go to it as arrays (no documents)."""
    fmt, path = split_spec(spec)
    if reader is None and not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    notes = notes if notes is not None else []
    mapping = mapping_for(labels)
    dropped: Counter[str] = Counter()
    # native files hold the canonical labels with TIMEX3 values, unless --labels names
    # another schema (native, or a schema file: its labels kept, values optional)
    strict = fmt == "native" and (labels is None or (labels != NATIVE
                                                     and schema_file(labels) is None))
    ids: set[str] = set()
    twice: list[tuple[int, str, str]] = []  # (index in problems, doc id, where)
    check = Checker(LABELS if strict else None, strict, bad_values, notes, problems)
    batch: list[Document] = []
    size = 0

    def flush() -> list[Document]:
        nonlocal batch, size
        docs, part = check(batch, builder or ColumnsBuilder())
        if builder is not None:
            builder.append(docs, part)
        batch, size = [], 0
        return docs

    def first_places(wanted: set[str]) -> dict[str, str]:
        """Where each id of ``wanted`` was first read: the file read again (errors only)."""
        return _first_places(reader([]) if reader is not None else
                             FORMATS[fmt].read(path, [], **_options(fmt, nesting)), wanted,
                             str(path))

    columnar = builder is not None and strict and mapping is None and path.is_file() \
        and path.suffix == ".jsonl"
    if columnar:
        keep_freed_memory()
    try:
        for item in _columnar_chunks(path, builder, check, ids) if columnar else \
                [reader(notes) if reader is not None else
                 FORMATS[fmt].read(path, notes, **_options(fmt, nesting))]:
            if item is None:  # a chunk of arrays, in builder
                continue
            for doc in item:
                where = doc.meta.get("source_file", str(path))
                if found := identity_problems(doc, where):
                    check.refuse(found)
                    continue
                if doc.doc_id in ids:
                    if batch:  # problems stay in reading order
                        yield flush()
                    if problems is None:
                        first = first_places({doc.doc_id})[doc.doc_id]
                        check.refuse([_twice(doc.doc_id, where, first)])  # raises
                    else:  # named once the whole file is read
                        twice.append((len(problems), doc.doc_id, where))
                        problems.append(_twice(doc.doc_id, where, "?"))
                    continue
                ids.add(doc.doc_id)
                if mapping:
                    doc = map_document(doc, mapping, dropped)
                if not strict:
                    doc = _with_forms(doc)
                batch.append(doc)
                size += len(doc.annotations) + 1
                if size >= BATCH:
                    yield flush()
            if batch and columnar:  # batches end with their chunk, whichever way it is read
                yield flush()
        if batch:
            yield flush()
    finally:
        if twice:  # the first places of duplicated ids, the file read again once for all
            first = first_places({doc_id for _, doc_id, _ in twice})
            for k, doc_id, where in twice:
                problems[k] = _twice(doc_id, where, first[doc_id])
    if not ids:
        raise InputError([Problem(str(path), None, "no documents: a corpus needs at least one")])
    if mapping:
        notes += dropped_notes(str(path), mapping, dropped)


def _twice(doc_id: str, where: str, first: str) -> Problem:
    return Problem(where, doc_id, f"duplicate document id (first in {first})")


def _first_places(docs: Iterable[Document], wanted: set[str], default: str) -> dict[str, str]:
    """Where each document id of ``wanted`` first comes in ``docs`` (with a valid id and
    date, as the loader counts them)."""
    out: dict[str, str] = {}
    for doc in docs:
        where = doc.meta.get("source_file", default)
        if doc.doc_id in wanted and doc.doc_id not in out and not identity_problems(doc, where):
            out[doc.doc_id] = where
            if len(out) == len(wanted):
                break
    return out


def _columnar_chunks(path: Path, builder: ColumnsBuilder, check: Checker, ids: set[str]
                     ) -> Iterator[Iterable[Document] | None]:
    """The chunks of a native JSONL file: None for one added to ``builder`` as arrays
    (every line a document without a problem, new ids), else its documents, for the
    careful reader and the checks that name problems."""
    for chunk in native.iter_chunks(path):
        decoded = decode_chunk(chunk)
        if decoded is not None and ids.isdisjoint(decoded.doc_ids) \
                and len(set(decoded.doc_ids)) == len(decoded) \
                and not any(map(doc_id_problem, decoded.doc_ids)):
            arrays = decoded.arrays()
            part = _coded(arrays, builder)
            if not flag_arrays(arrays, part, builder.vocab, check.labels,
                               check.require_values):
                ids.update(arrays.doc_ids)
                builder.extend(part, arrays.doc_ids, arrays.texts, arrays.dcts,
                               _meta(arrays, str(path)), arrays.nested)
                yield None
                continue
        yield chunk.documents()


def _coded(arrays: ChunkArrays, builder: ColumnsBuilder) -> dict[str, np.ndarray]:
    """The columns of decoded documents, coded in ``builder``'s vocabularies."""
    part = {"doc": arrays.doc, "start": arrays.start, "end": arrays.end,
            "optional": arrays.optional}
    for name in CODED:
        part[name] = builder.coded(name, *arrays.strings[name])
    return part


def _meta(arrays: ChunkArrays, path: str) -> list[dict]:
    """The documents' ``meta``, as the careful reader gives it."""
    return [{"text_sha256": sha, "source_file": f"{path}:{line}"}
            for line, sha in enumerate(arrays.shas, arrays.first_line)]


def _options(fmt: str, nesting: str | None) -> dict:
    """The reading options of format ``fmt``: ``nesting`` (CoNLL only)."""
    if nesting is None:
        return {}
    if "nesting" not in FORMATS[fmt].options:
        raise InputError.one("--nesting", f"applies to CoNLL corpora only, not {fmt}")
    return {"nesting": check_nesting(nesting)}


def _with_forms(doc: Document) -> Document:
    """Formats without TIMEX3 forms: each guessed (:func:`bench.timex.guess_form`)."""
    return doc.with_annotations([a.replace(form=guess_form(a.text, a.label, a.value))
                                 if a.is_temporal and a.form is None else a
                                 for a in doc.annotations])


@dataclass
class Checker:
    """Checks a batch of documents: vectorised flags first, then :func:`check_document`
    on the flagged ones, which names the problems. ``labels=None``: the canonical
    labels and any label a document carries (formats other than native)."""

    labels: tuple[str, ...] | None
    require_values: bool
    bad_values: str  # "error" or "absent" (see iter_corpus)
    notes: list[Problem]
    problems: list[Problem] | None  # None: raise at the first document with errors

    def refuse(self, found: list[Problem]) -> None:
        if self.problems is None:
            raise InputError(found)
        self.problems += found

    def __call__(self, docs: list[Document], builder: ColumnsBuilder
                 ) -> tuple[list[Document], dict]:
        try:
            part = builder.encode(docs)
        except OverflowError:  # an offset past 64 bits: each document checked, by name
            flagged = list(range(len(docs)))
        else:
            flagged = flag_documents(docs, part, builder.vocab, self.labels,
                                     self.require_values)
            if not flagged:
                return docs, part
        kept = list(docs)
        for k in flagged:
            doc = docs[k]
            known = self.labels or LABELS + tuple(
                sorted({a.label for a in doc.annotations} - set(LABELS)))
            found = errors(check_document(doc, labels=known,
                                          require_values=self.require_values, warnings=False))
            if self.bad_values == "absent":
                doc, found = values_absent(doc, found, self.notes)
            if found:
                self.refuse(found)
            kept[k] = None if found else doc
        kept = [d for d in kept if d is not None]
        return kept, builder.encode(kept)


def values_absent(doc: Document, found: list[Problem], notes: list[Problem]
                  ) -> tuple[Document, list[Problem]]:
    """``doc`` with its invalid TIMEX3 values read as absent (each reported in ``notes``),
    and the errors that remain."""
    bad = {p.item: p for p in found if p.code == BAD_VALUE}
    if not bad:
        return doc, found
    notes += [Problem(p.where, p.item, f"{p.message}: read as absent", "warning", BAD_VALUE)
              for p in bad.values()]
    doc = doc.with_annotations([a.replace(value=None) if a.id in bad else a
                                for a in doc.annotations])
    return doc, [p for p in found if p.code != BAD_VALUE]


def load_corpus(spec: str | Path, labels: str | None = None, bad_values: str = "error",
                reader=None, nesting: str | None = None) -> Corpus:
    """A validated corpus from ``PATH`` or ``FMT:PATH``, labels mapped by ``labels``
    (a built-in mapping name or a mapping file; see :mod:`bench.labels`); ``bad_values``
    as in :func:`iter_corpus`."""
    notes: list[Problem] = []
    with gc_paused():
        docs = list(iter_corpus(spec, labels, notes, bad_values=bad_values, reader=reader,
                                nesting=nesting))
    corpus = Corpus(docs, name=str(split_spec(spec)[1]), notes=notes)
    return corpus


def load_predictions(spec: str | Path, gold: Corpus | Columns, labels: str | None = None,
                     nesting: str | None = None) -> Corpus:
    """:func:`load_prediction_columns` as a :class:`Corpus`, documents in the gold's order."""
    side = load_prediction_columns(spec, gold, labels, nesting)
    corpus = side.to_corpus()
    ids = gold.doc_ids if isinstance(gold, Columns) else [d.doc_id for d in gold]
    return Corpus([corpus.get(d) for d in ids], name=corpus.name, notes=corpus.notes)


def load_prediction_columns(spec: str | Path, gold: Corpus | Columns,
                            labels: str | None = None, nesting: str | None = None
                            ) -> Columns:
    """Validated predictions with one document per gold document, texts identical to the
    gold, as :class:`~bench.columns.Columns` (what the scorer reads).

    ``spec``: a corpus directory, a directory of annotation files (texts taken from
    the gold), a ``.jsonl`` file, or ``FMT:PATH`` in any readable format (its labels
    mapped by ``labels``, as the gold's are; ``nesting`` for CoNLL). Labels may be the
    canonical ones or the gold's. Temporal values may be absent; an invalid one is read
    as absent and reported in the result's ``notes``. Every problem of the whole set is
    reported at once.
    """
    fast = _conll_predictions(spec, gold, labels, nesting)
    if fast is not None:
        return fast
    reader = PredictionReader(spec, labels, nesting)
    side = reader.take(gold, collect=True)
    reader.finish()
    return side


def _conll_predictions(spec: str | Path, gold: Corpus | Columns, labels: str | None,
                       nesting: str | None) -> Columns | None:
    """:func:`load_prediction_columns` of a CoNLL file read straight into columns, when its
    documents are the gold's in the gold's order (by id, or by position when no id is
    shared) and each text is the gold's, or its tokens with other sentence cuts; None
    for anything else, which the careful path reads and reports."""
    if not isinstance(gold, Columns) or (side := _conll_side(spec, labels, nesting)) is None:
        return None
    if side.doc_ids != gold.doc_ids:
        if set(side.doc_ids) & set(gold.doc_ids) or len(side) != len(gold):
            return None
        side.notes.append(Problem(str(split_spec(spec)[1]), None, f"no document id in common "
                                  f"with the gold: its {len(gold)} document(s) matched to the "
                                  "gold's by position", "warning"))
        side.doc_ids = list(gold.doc_ids)
    for mine, theirs in zip(side.texts, gold.texts, strict=True):
        # other sentence cuts (on_gold_tokens): the same characters, spaces for newlines
        if mine != theirs and mine.replace("\n", " ") != theirs.replace("\n", " "):
            return None
    side.texts = list(gold.texts)
    side.nested = [a or b for a, b in zip(side.nested, gold.nested, strict=True)]
    known = tuple(dict.fromkeys([*LABELS, *gold.vocab["label"]]))
    return side if _passes(side, known) else None


def iter_shards(gold: str | Path, predictions: Mapping[str, str | Path], documents: int,
                labels: str | None = None, nesting: str | None = None,
                notes: dict[str, list[Problem]] | None = None
                ) -> Iterator[tuple[Columns, dict[str, Columns]]]:
    """The gold corpus ``documents`` documents at a time, each shard with every prediction
    set's columns for its documents (:class:`PredictionReader`): the input of
    :func:`bench.scoring.score_shards`. Problems raise as soon as a shard has them;
    ``notes`` gets the readers' warnings, the gold's under ``""``, each set's by name."""
    readers = {name: PredictionReader(spec, labels, nesting)
               for name, spec in predictions.items()}
    notes = notes if notes is not None else {}
    for key in ("", *readers):
        notes.setdefault(key, [])
    shard: list[Document] = []
    name = str(split_spec(gold)[1])

    def done() -> tuple[Columns, dict[str, Columns]]:
        side = columns_of(shard, name)
        return side, {n: r.take(side) for n, r in readers.items()}

    for doc in iter_corpus(gold, labels, notes[""], nesting=nesting):
        shard.append(doc)
        if len(shard) == documents:
            yield done()
            shard = []
    if shard:
        yield done()
    for n, r in readers.items():
        r.finish()
        notes[n] += r.notes


class PredictionReader:
    """Predictions read for one gold shard after another (:meth:`take`), then
    :meth:`finish` names the documents no shard asked for.

    A ``.jsonl`` file or corpus directory is read in its order; documents a shard does not
    need wait in memory for theirs, so a file that lists documents in the gold's order
    (as ``bench run`` writes them) keeps one shard in memory. A directory of annotation
    files is indexed by document id first and read file by file as shards ask.
    """

    def __init__(self, spec: str | Path, labels: str | None = None,
                 nesting: str | None = None) -> None:
        fmt, self.path = split_spec(spec)
        if not self.path.exists():
            raise InputError([Problem(str(self.path), None, "no such file or directory")])
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.check = Checker(LABELS, False, "absent", self.notes, self.problems)
        self.waiting: dict[str, Document] = {}
        self.given: set[str] = set()
        self.files: dict[str, Path] | None = None
        self.docs: Iterator[Document] | None = None
        self.by_position: list[Document] | None = None
        self.stream: JsonlStream | None = None
        self.tokens = fmt.startswith("conll")
        """Texts made of tokens: aligned to the gold's by token (:func:`on_gold_tokens`)."""
        if fmt != "native":  # another format: read whole, labels mapped as the gold's
            self.by_position = self._read_format(fmt, labels, nesting)
            self.docs = iter(self.by_position)
        elif self.path.is_dir() and not (self.path / "seeds").is_dir():
            self.files = self._index_files()
        elif self.path.is_file() and self.path.suffix == ".jsonl":
            keep_freed_memory()
            self.docs = self.stream = JsonlStream(self.path)
        else:
            self.docs = iter(FORMATS["native"].read(self.path, []))

    def _read_format(self, fmt: str, labels: str | None, nesting: str | None
                     ) -> list[Document]:
        """The documents of ``FMT:PATH`` predictions, read as a gold corpus of that format
        is (labels mapped, forms guessed), but not yet checked against a gold."""
        mapping = mapping_for(labels)
        dropped: Counter[str] = Counter()
        docs = []
        for doc in FORMATS[fmt].read(self.path, self.notes, **_options(fmt, nesting)):
            docs.append(_with_forms(map_document(doc, mapping, dropped) if mapping else doc))
        if mapping:
            self.notes += dropped_notes(str(self.path), mapping, dropped)
        return docs

    def _match_by_position(self, ids: list[str]) -> None:
        """Predictions in another format whose ids share none with the gold's (CoNLL files
        name their one document after the file: gold.conll, sys.conll) are matched to the
        gold's documents by position when both have as many; the rule is reported."""
        docs, self.by_position = self.by_position, None
        if not docs or {d.doc_id for d in docs} & set(ids) or len(docs) != len(ids):
            return
        self.docs = iter([replace(d, doc_id=i) for d, i in zip(docs, ids, strict=True)])
        self.notes.append(Problem(str(self.path), None, f"no document id in common with the "
                                  f"gold: its {len(ids)} document(s) matched to the gold's by "
                                  "position", "warning"))

    def _index_files(self) -> dict[str, Path]:
        files = sorted(self.path.glob("*.json"))
        if not files:
            raise InputError([Problem(str(self.path), None, "no *.json annotation files")])
        index: dict[str, Path] = {}
        for file in files:
            try:
                doc_id = native.read_annotation_file(file).doc_id
            except InputError as exc:
                self.problems += exc.problems
                continue
            if doc_id in index:
                self.problems.append(Problem(str(file), doc_id, f"document given twice "
                                                                f"(also in {index[doc_id]})"))
            index[doc_id] = file
        return index

    def _find(self, doc_id: str, text: str) -> Document | None:
        """The predictions of ``doc_id`` (None: not given), reading on as needed."""
        if self.files is not None:
            file = self.files.pop(doc_id, None)
            if file is None:
                return None
            try:
                return native.read_annotation_file(file, text)
            except InputError as exc:
                self.problems += exc.problems
                return None
        if doc_id in self.waiting:
            return self.waiting.pop(doc_id)
        for doc in self.docs:
            if doc.doc_id in self.given or doc.doc_id in self.waiting:
                self.problems.append(Problem(doc.meta.get("source_file", str(self.path)),
                                             doc.doc_id, "document given twice"))
                continue
            if doc.doc_id == doc_id:
                return doc
            self.waiting[doc.doc_id] = doc
        return None

    def take(self, gold: Corpus | Columns, collect: bool = False) -> Columns:
        """The checked predictions of the documents of ``gold`` (a shard or the whole
        gold). Problems raise at once, or with ``collect`` when :meth:`finish` is called."""
        ids = gold.doc_ids if isinstance(gold, Columns) else [d.doc_id for d in gold]
        if self.by_position is not None:
            self._match_by_position(ids)
        gold_labels = gold.vocab["label"] if isinstance(gold, Columns) else {
            a.label for d in gold for a in d.annotations}
        self.check.labels = tuple(dict.fromkeys([*self.check.labels, *(
            label for label in gold_labels if label is not None)]))
        texts = gold.texts if isinstance(gold, Columns) else [d.text for d in gold]
        nested = gold.nested if isinstance(gold, Columns) else [d.nested for d in gold]
        builder = ColumnsBuilder(str(self.path))
        batch: list[Document] = []
        size = 0
        run: tuple[DecodedChunk, int, list[int]] | None = None  # a chunk's documents in a row

        def flush_batch() -> None:
            nonlocal batch, size
            if batch:
                builder.append(*self.check(batch, builder))
            batch, size = [], 0

        def accept(doc: Document, ref: int) -> None:
            """``doc``, given for gold document ``ref``, checked against it, batched."""
            nonlocal size
            where = doc.meta.get("source_file", str(self.path))
            expected = _sha(gold, ref)
            if doc.text != texts[ref] and self.tokens:  # CoNLL: sentence cuts may differ
                doc, why = on_gold_tokens(doc, texts[ref])
                if why:
                    self.problems.append(Problem(where, doc.doc_id, why))
                    return
            if doc.text != texts[ref] or doc.meta.get("text_sha256", expected) != expected:
                self.problems.append(Problem(
                    where, doc.doc_id, f"text_sha256 differs from the gold's ({expected})"
                                       f"{hash_hint(doc.text)}"))
                return
            if nested[ref] and not doc.nested:
                doc = replace(doc, nested=True)  # nests as its gold
            batch.append(doc)
            size += len(doc.annotations) + 1
            if size >= BATCH:
                flush_batch()

        def flush_run() -> None:
            """The run as arrays when every document passes, else document by document."""
            nonlocal run
            if run is None:
                return
            decoded, first, refs = run
            run = None
            arrays = decoded.arrays(first, first + len(refs))
            if all(arrays.texts[k] == texts[r] and arrays.shas[k] == _sha(gold, r)
                   for k, r in enumerate(refs)):
                arrays.texts = [texts[r] for r in refs]  # the gold's, kept once
                arrays.nested = [n or nested[r] for n, r in zip(arrays.nested, refs, strict=True)]
                part = _coded(arrays, builder)
                if not flag_arrays(arrays, part, builder.vocab, self.check.labels,
                                   self.check.require_values, hashes=False):
                    builder.extend(part, arrays.doc_ids, arrays.texts, arrays.dcts,
                                   _meta(arrays, str(self.path)), arrays.nested)
                    return
            for k, ref in enumerate(refs):
                accept(decoded.chunk.document(first + k), ref)

        with gc_paused():
            for ref, doc_id in enumerate(ids):
                if self.stream is not None and doc_id not in self.waiting \
                        and doc_id not in self.given and self.stream.peek_id() == doc_id:
                    decoded, k = self.stream.take_decoded()
                    if run is not None and (run[0] is not decoded
                                            or run[1] + len(run[2]) != k):
                        flush_run()
                    if run is None:
                        flush_batch()  # documents go to builder in the gold's order
                        run = (decoded, k, [])
                    run[2].append(ref)
                    self.given.add(doc_id)
                    continue
                flush_run()
                doc = self._find(doc_id, texts[ref])
                if doc is None:
                    if doc_id not in self.given:
                        self.problems.append(Problem(str(self.path), doc_id,
                                                     "no predictions for this gold document"))
                    continue
                self.given.add(doc_id)
                accept(doc, ref)
            flush_run()
            flush_batch()
        if self.problems and not collect:
            raise InputError(self.problems)
        return builder.build(self.notes)

    def finish(self) -> None:
        """Raise every problem found, with the documents that no gold shard had."""
        rest = list(self.waiting.values()) + (list(self.docs) if self.docs is not None else [])
        extra = [_named(d.doc_id, d.meta.get("source_file"), self.path) for d in rest]
        extra += [_named(d, f, self.path) for d, f in (self.files or {}).items()]
        if extra:
            self.problems.append(not_in_gold(str(self.path), extra))
        if self.problems and not self.given and (rest or self.files):
            self.problems.insert(0, Problem(str(self.path), None, "no document id in common "
                                            "with the gold (ids of CoNLL and TimeML files "
                                            "come from their file names; predictions given "
                                            "as FMT:PATH are matched by position when no id "
                                            "is shared)"))
        if self.problems:
            raise InputError(self.problems)


def _named(doc_id: str, source: str | Path | None, where: Path) -> str:
    """A document's id, with its file when it came from one file of a folder."""
    name = Path(source).name if source and Path(source) != where else None
    return f"{doc_id} ({name})" if name not in (None, doc_id, f"{doc_id}.json") else doc_id


class JsonlStream:
    """The documents of a native JSONL file, in order, chunk by chunk: one decoded as
    arrays (:func:`bench.io.jsonl_columns.decode_chunk`) gives them out without making
    documents (:meth:`peek_id`, :meth:`take_decoded`); iterating makes the next one a
    :class:`Document` by the careful reader."""

    def __init__(self, path: Path) -> None:
        self.chunks = native.iter_chunks(path)
        self.chunk: native.JsonlChunk | None = None
        self.decoded: DecodedChunk | None = None
        self.at = 0  # the next line of the chunk

    def _ready(self) -> bool:
        """Whether a document is left, the chunk that holds it loaded."""
        while self.chunk is None or self.at >= (len(self.decoded) if self.decoded is not None
                                                else self.chunk.lines):
            self.chunk = next(self.chunks, None)
            if self.chunk is None:
                return False
            self.decoded, self.at = decode_chunk(self.chunk), 0
        return True

    def peek_id(self) -> str | None:
        """The id of the next document if its chunk is decoded as arrays, else None."""
        return self.decoded.doc_ids[self.at] if self._ready() and self.decoded else None

    def take_decoded(self) -> tuple[DecodedChunk, int]:
        """The next document, which :meth:`peek_id` named: its chunk and line there."""
        self.at += 1
        return self.decoded, self.at - 1

    def __iter__(self) -> Iterator[Document]:
        return self

    def __next__(self) -> Document:
        if not self._ready():
            raise StopIteration
        self.at += 1
        return self.chunk.document(self.at - 1)


def on_gold_tokens(doc: Document, text: str) -> tuple[Document, str]:
    """``doc`` moved onto ``text`` token by token, and "" ; or ``doc`` and why not.

    A CoNLL file's text is its tokens joined by spaces, one sentence per line, and where
    a file without blank lines is cut into sentences can differ between a gold file and
    a system's: the tokens (runs of non-space characters) must be the same, the spaces
    between them may differ."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", doc.text)]
    gold = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    for k, ((s, e), (gs, ge)) in enumerate(zip(tokens, gold, strict=False)):
        if doc.text[s:e] != text[gs:ge]:
            return doc, (f"token {k + 1} is {doc.text[s:e]!r} where the gold has "
                         f"{text[gs:ge]!r}: predictions must tag the gold's tokens")
    if len(tokens) != len(gold):
        return doc, (f"{len(tokens)} tokens where the gold has {len(gold)}: predictions "
                     "must tag the gold's tokens")
    starts = {s: gs for (s, _), (gs, _) in zip(tokens, gold, strict=True)}
    ends = {e: ge for (_, e), (_, ge) in zip(tokens, gold, strict=True)}
    for a in doc.annotations:
        if a.start not in starts or a.end not in ends:
            return doc, (f"{a.id} [{a.start}, {a.end}) does not start and end where a token "
                         "does (a token holding white space other than a space?)")
    anns = [a.replace(start=starts[a.start], end=ends[a.end],
                      text=text[starts[a.start]:ends[a.end]]) for a in doc.annotations]
    return replace(doc, text=text, annotations=tuple(anns),
                   meta={k: v for k, v in doc.meta.items() if k != "text_sha256"}), ""


def _sha(gold: Corpus | Columns, i: int) -> str:
    """The gold's text hash of document ``i`` (the texts themselves are compared first)."""
    if isinstance(gold, Columns):
        return gold.meta[i].get("text_sha256") or sha256_text(gold.texts[i])
    return gold.documents[i].text_sha256


TAG_FORMATS = {"conll": "iob2", "conll-iob1": "iob1", "conll-bioes": "bioes"}
"""Formats whose tags a tag-based scorer can take as written (:func:`load_tags`)."""


def load_tags(spec: str | Path, labels: str | None, gold_ids: list[str]
              ) -> dict[str, list[list[tuple[str, tuple[str, ...]]]]] | None:
    """A CoNLL side's tags as written (:func:`bench.io.conll.iter_conll_tags`) by gold
    document id, for :mod:`bench.scoring.compat`; None for a side in another format.

    Types go through the label mapping as spans do (a dropped label's tags become ``O``);
    documents are matched to ``gold_ids`` (in the gold's order) by id, or by position
    when no id is shared and both have as many, as :class:`PredictionReader` does."""
    fmt, path = split_spec(spec)
    if fmt not in TAG_FORMATS:
        return None
    mapping = mapping_for(labels)

    def mapped(tag: str) -> str:
        prefix, dash, kind = tag.partition("-")
        if not dash or mapping is None:
            return tag
        if kind not in mapping.table:
            raise InputError.one(mapping.name, f"label of {tag!r} in {path} not in the mapping",
                                 kind)
        new = mapping.table[kind]
        return "O" if new is None else f"{prefix}-{new}"

    docs = {doc_id: [[(tok, tuple(map(mapped, tags))) for tok, tags in s] for s in sentences]
            for doc_id, sentences in iter_conll_tags(path, TAG_FORMATS[fmt])}
    if not set(docs) & set(gold_ids) and len(docs) == len(gold_ids):
        docs = dict(zip(gold_ids, docs.values(), strict=True))
    return docs
