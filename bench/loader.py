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

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bench.io import native
from bench.io.formats import FORMATS, split_spec
from bench.labels import dropped_notes, load_mapping, map_document
from bench.memory import gc_paused
from bench.model import LABELS, Corpus, Document, hash_hint
from bench.problems import BAD_VALUE, InputError, Problem, errors
from bench.timex import guess_form
from bench.validate import check_document


def iter_corpus(spec: str | Path, labels: str | None = None,
                notes: list[Problem] | None = None,
                problems: list[Problem] | None = None,
                bad_values: str = "error") -> Iterator[Document]:
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
    """
    fmt, path = split_spec(spec)
    if not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    notes = notes if notes is not None else []
    mapping = load_mapping(labels) if labels else None
    dropped: Counter[str] = Counter()
    strict = fmt == "native"
    seen: dict[str, str] = {}
    for doc in FORMATS[fmt].read(path, notes):
        where = doc.meta.get("source_file", str(path))
        if doc.doc_id in seen:
            found = [Problem(where, doc.doc_id,
                             f"duplicate document id (first in {seen[doc.doc_id]})")]
        else:
            seen[doc.doc_id] = where
            if mapping:
                doc = map_document(doc, mapping, dropped)
            if not strict:  # formats without TIMEX3 forms: guessed (bench.timex.guess_form)
                doc = doc.with_annotations([a.replace(form=guess_form(a.text, a.label, a.value))
                                            if a.is_temporal and a.form is None else a
                                            for a in doc.annotations])
            known = LABELS if strict else LABELS + tuple(
                sorted({a.label for a in doc.annotations} - set(LABELS)))
            found = errors(check_document(doc, labels=known, require_values=strict,
                                          warnings=False))
            if bad_values == "absent":
                doc, found = values_absent(doc, found, notes)
        if found and problems is None:
            raise InputError(found)
        if found:
            problems += found
            continue
        yield doc
    if not seen:
        raise InputError([Problem(str(path), None, "no documents: a corpus needs at least one")])
    if mapping:
        notes += dropped_notes(str(path), mapping, dropped)


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


def load_corpus(spec: str | Path, labels: str | None = None, bad_values: str = "error"
                ) -> Corpus:
    """A validated corpus from ``PATH`` or ``FMT:PATH``, labels mapped by ``labels``
    (a built-in mapping name or a mapping file; see :mod:`bench.labels`); ``bad_values``
    as in :func:`iter_corpus`."""
    notes: list[Problem] = []
    with gc_paused():
        docs = list(iter_corpus(spec, labels, notes, bad_values=bad_values))
    corpus = Corpus(docs, name=str(split_spec(spec)[1]), notes=notes)
    return corpus


def _read_annotation_dir(path: Path, gold: Corpus) -> Corpus:
    texts = {doc.doc_id: doc.text for doc in gold}
    docs, problems = [], []
    files = sorted(path.glob("*.json"))
    if not files:
        problems.append(Problem(str(path), None, "no *.json annotation files"))
    for file in files:
        try:
            head = native.read_annotation_file(file)
            if head.doc_id not in texts:
                problems.append(Problem(str(file), head.doc_id, "document not in the gold corpus"))
                continue
            docs.append(native.read_annotation_file(file, texts[head.doc_id]))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return Corpus(docs, name=str(path))


def load_predictions(spec: str | Path, gold: Corpus,
                     labels: tuple[str, ...] = LABELS) -> Corpus:
    """Validated predictions with one document per gold document, texts identical to the gold.

    ``spec``: a corpus directory, a directory of annotation files (texts taken from
    the gold) or a ``.jsonl`` file. Temporal values may be absent; an invalid one is
    read as absent and reported in the corpus's ``notes``.
    """
    path = Path(spec)
    if not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    with gc_paused():
        return _load_predictions(path, gold, labels)


def _load_predictions(path: Path, gold: Corpus, labels: tuple[str, ...]) -> Corpus:
    if path.is_dir() and not (path / "seeds").is_dir():
        corpus = _read_annotation_dir(path, gold)
    else:
        corpus = Corpus(list(FORMATS["native"].read(path, [])), name=str(path))
    problems = []
    gold_docs = gold.by_id()
    for doc in corpus:
        ref = gold_docs.get(doc.doc_id)
        where = doc.meta.get("source_file", str(path))
        if ref is None:
            problems.append(Problem(where, doc.doc_id, "document not in the gold corpus"))
            continue
        expected = ref.text_sha256  # the texts themselves are compared, not hashed again
        if doc.text != ref.text or doc.meta.get("text_sha256", expected) != expected:
            problems.append(Problem(where, doc.doc_id, "text_sha256 differs from the gold's "
                                                       f"({expected}){hash_hint(doc.text)}"))
    have = {doc.doc_id for doc in corpus}
    problems += [Problem(str(path), doc.doc_id, "no predictions for this gold document")
                 for doc in gold if doc.doc_id not in have]
    if problems:
        raise InputError(problems)
    notes: list[Problem] = []
    docs = {}
    for doc in corpus:
        found = errors(check_document(doc, labels=labels, require_values=False, warnings=False))
        doc, found = values_absent(doc, found, notes)
        problems += found
        docs[doc.doc_id] = doc
    if problems:
        raise InputError(problems)
    return Corpus([docs[doc.doc_id] for doc in gold], name=corpus.name, notes=notes)
