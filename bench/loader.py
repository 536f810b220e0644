"""The one loader: every command that takes a corpus or predictions goes through here.

A corpus is given as ``PATH`` (a native corpus directory or ``.jsonl`` file) or
``FMT:PATH`` with ``FMT`` one of :data:`FORMATS`. ``load_corpus`` refuses a corpus,
naming file and annotation, if any document has an error (:mod:`bench.validate`);
readers' warnings are kept in ``Corpus.notes``. ``load_predictions`` reads
predictions for a gold corpus: a corpus directory, a directory of annotation files
(texts taken from the gold) or a JSONL file.
"""

from __future__ import annotations

from pathlib import Path

from bench.io import native
from bench.labels import apply_mapping, load_mapping
from bench.model import LABELS, Corpus, Document
from bench.problems import InputError, Problem, errors
from bench.validate import check_document

FORMATS = ("native", "jsonl", "conll", "timeml", "duckling")


def split_spec(spec: str | Path) -> tuple[str, Path]:
    """``("conll", Path(...))`` for ``conll:...``; ``("native", path)`` for a bare path."""
    text = str(spec)
    fmt, sep, rest = text.partition(":")
    if sep and fmt in FORMATS and len(fmt) > 1:
        return fmt, Path(rest)
    return "native", Path(text)


def _read_format(fmt: str, path: Path) -> Corpus:
    if not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    if fmt == "conll":
        from bench.io.conll import read_conll
        return read_conll(path)
    if fmt == "timeml":
        from bench.io.timeml import read_timeml_dir
        return read_timeml_dir(path)
    if fmt == "duckling":
        from bench.io.duckling import read_duckling
        return read_duckling(path)
    if fmt == "jsonl":
        return Corpus(list(native.iter_jsonl(path)), name=str(path))
    return _read(path, None)


def _read(path: Path, gold: Corpus | None) -> Corpus:
    if path.is_dir() and (path / "seeds").is_dir():
        return native.read_corpus_dir(path)
    if path.is_file() and path.suffix == ".jsonl":
        return Corpus(list(native.iter_jsonl(path)), name=str(path))
    if path.is_dir() and gold is not None:
        return _read_annotation_dir(path, gold)
    if not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    what = "a corpus directory (with seeds/), a directory of annotation files or a .jsonl file" \
        if gold is not None else "a corpus directory (with seeds/) or a .jsonl file"
    raise InputError([Problem(str(path), None, f"not {what}")])


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


def _check(corpus: Corpus, labels: tuple[str, ...], require_values: bool = True) -> None:
    problems = errors([p for doc in corpus
                       for p in check_document(doc, labels=labels, require_values=require_values)])
    if problems:
        raise InputError(problems)


def load_corpus(spec: str | Path, labels: str | None = None) -> Corpus:
    """A validated corpus from ``PATH`` or ``FMT:PATH``, labels mapped by ``labels``
    (a built-in mapping name or a mapping file; see :mod:`bench.labels`).

    Native corpora must use the canonical labels and give every temporal value;
    other formats keep the labels they have (after mapping) and may lack values.
    """
    fmt, path = split_spec(spec)
    corpus = _read_format(fmt, path)
    if labels:
        corpus = apply_mapping(corpus, load_mapping(labels))
    if fmt == "native":
        _check(corpus, LABELS)
    else:
        own = {a.label for d in corpus for a in d.annotations}
        _check(corpus, LABELS + tuple(sorted(own - set(LABELS))), require_values=False)
    return corpus


def load_predictions(spec: str | Path, gold: Corpus,
                     labels: tuple[str, ...] = LABELS) -> Corpus:
    """Validated predictions with one document per gold document, texts identical to the gold."""
    corpus = _read(Path(spec), gold)
    problems = []
    gold_docs = gold.by_id()
    for doc in corpus:
        ref = gold_docs.get(doc.doc_id)
        where = doc.meta.get("source_file", str(spec))
        if ref is None:
            problems.append(Problem(where, doc.doc_id, "document not in the gold corpus"))
        elif doc.text_sha256 != ref.text_sha256 or \
                doc.meta.get("text_sha256", ref.text_sha256) != ref.text_sha256:
            problems.append(Problem(where, doc.doc_id, "text_sha256 differs from the gold's "
                                                       f"({ref.text_sha256})"))
    have = {doc.doc_id for doc in corpus}
    problems += [Problem(str(spec), doc.doc_id, "no predictions for this gold document")
                 for doc in gold if doc.doc_id not in have]
    if problems:
        raise InputError(problems)
    _check(corpus, labels, require_values=False)
    ordered = [corpus.get(doc.doc_id) for doc in gold]
    return Corpus([d for d in ordered if isinstance(d, Document)], name=corpus.name)
