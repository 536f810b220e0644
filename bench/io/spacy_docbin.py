"""spaCy ``DocBin`` files (``.spacy``, spaCy's training data), reading and writing.

Needs spaCy (the ``models`` extra). A path is one ``.spacy`` file or a
folder of them. A ``Doc``'s spans are its ``doc.ents`` and the spans of its span groups
(``doc.spans``: they may overlap), their character offsets being code points as in
the model; the same span in both is read once (a warning says so). The document id is
``user_data["doc_id"]``, else ``<file stem>-<n>``; the date ``user_data["dct"]`` when
given.

The writer tokenizes each text at white space and at every span boundary (the text
is kept exactly), puts the spans in ``doc.ents``, or in the span group ``sc`` when
they overlap, and keeps the id and date in ``user_data``: what the reader reads back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bench.install import install_hint
from bench.io.annotool import document, files_of, loss_note, refuse, span_problem
from bench.model import Document
from bench.nesting import nests
from bench.problems import InputError, Problem


def _spacy(where: str):
    try:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise InputError.one(where, f"spaCy files need spaCy: {install_hint('models')}") from None
    return DocBin, Vocab


def read_spacy(path: Path, notes: list[Problem]) -> Iterator[Document]:
    DocBin, Vocab = _spacy(str(path))
    vocab = Vocab()
    for file in files_of(path, ".spacy"):
        data = file.read_bytes()
        try:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
        except Exception as exc:  # spaCy raises ValueError, KeyError, msgpack errors ...
            raise InputError.one(str(file), f"not a spaCy DocBin file: {type(exc).__name__}: "
                                            f"{exc}") from None
        for n, doc in enumerate(docs, 1):
            yield _document(doc, file, n, notes)


def _document(doc, file: Path, n: int, notes: list[Problem]) -> Document:
    user = doc.user_data if isinstance(doc.user_data, dict) else {}
    doc_id = str(user.get("doc_id") or f"{file.stem}-{n}")
    where = f"{file}: doc {n}"
    found = [(s.start_char, s.end_char, s.label_) for s in doc.ents]
    for group in doc.spans.values():
        found += [(s.start_char, s.end_char, s.label_) for s in group]
    unique = list(dict.fromkeys(found))
    if len(unique) < len(found):
        notes.append(Problem(where, doc_id, f"{len(found) - len(unique)} spans both in "
                                            "doc.ents and a span group (or twice in one): "
                                            "read once", "warning"))
    spans = []
    for k, (start, end, label) in enumerate(unique, 1):
        if (why := span_problem(doc.text, start, end, label)) is not None:
            raise InputError.one(where, why, doc_id)
        spans.append((f"T{k}", start, end, label))
    return document(doc_id, doc.text, user.get("dct"), spans, where)


def _words(text: str, bounds: set[int]) -> tuple[list[str], list[bool]]:
    """Words and their trailing-space flags for ``text``, cut at white space and at
    ``bounds``: a single space after a word is its trailing space unless a span begins
    or ends at its edges; any other white space is a token of its own."""
    cuts = sorted({m.start() for m in re.finditer(r"\s+|\S+", text)} | bounds | {len(text)})
    words: list[str] = []
    spaces: list[bool] = []
    for b, e in zip(cuts, cuts[1:], strict=False):
        piece = text[b:e]
        if piece == " " and words and not spaces[-1] and not words[-1].isspace() \
                and b not in bounds and e not in bounds:
            spaces[-1] = True
        else:
            words.append(piece)
            spaces.append(False)
    return words, spaces


def write_spacy(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    DocBin, Vocab = _spacy(str(out))
    from spacy.tokens import Doc

    vocab = Vocab()
    store = DocBin(store_user_data=True)
    for doc in docs:
        bounds = {a.start for a in doc.annotations} | {a.end for a in doc.annotations}
        words, spaces = _words(doc.text, bounds)
        made = Doc(vocab, words=words, spaces=spaces)
        if made.text != doc.text:  # never expected: the pieces are the text
            raise refuse(doc, "spaCy did not keep the text as it is")
        spans = [made.char_span(a.start, a.end, label=a.label) for a in doc.annotations]
        if None in spans:  # never expected: every span boundary is a token boundary
            bad = doc.annotations[spans.index(None)]
            raise refuse(doc, "spaCy could not align the span to its tokens", bad.id)
        if nests([(a.start, a.end) for a in doc.annotations]):
            made.spans["sc"] = spans
        else:
            made.ents = spans
        made.user_data["doc_id"] = doc.doc_id
        if doc.dct:
            made.user_data["dct"] = doc.dct
        loss_note(doc, "spaCy", notes)
        store.add(made)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(store.to_bytes())
