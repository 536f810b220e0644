"""The one loader: every command that takes a corpus or predictions goes through here.

``load_corpus`` reads a corpus directory or a JSONL file and refuses it, naming
file and annotation, if any document has an error (see :mod:`bench.validate`).
``load_predictions`` reads predictions for a gold corpus: a corpus directory, a
directory of annotation files (texts taken from the gold) or a JSONL file.
"""

from __future__ import annotations

from pathlib import Path

from bench.io import native
from bench.model import LABELS, Corpus, Document
from bench.problems import InputError, Problem, errors
from bench.validate import check_document


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


def load_corpus(spec: str | Path, labels: tuple[str, ...] = LABELS) -> Corpus:
    """A validated gold corpus."""
    corpus = _read(Path(spec), None)
    _check(corpus, labels)
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
