"""Prodigy's (and spaCy's) JSONL of annotated examples, reading and writing.

One example per line: ``text`` and ``spans``: ``[{"start", "end", "label"}, ...]``
(code points, end-exclusive, as in the model; ``token_start``/``token_end`` and
``tokens`` are not needed). A span's ``text``, when given, must be the slice of the
text. The document id is ``id`` (or ``meta.id``), else ``<file stem>-<line>``; the date
is ``dct`` (or ``meta.dct``) when the example carries one. An example whose
``answer`` is ``reject`` or ``ignore`` is not gold: it is left out with a warning.
Relations are ignored with a warning. A folder is read as its ``*.jsonl`` files.

The writer writes ``text``, ``spans``, ``meta`` (``id``, ``dct``) and
``"answer": "accept"``: what the reader reads back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from bench.io.annotool import document, id_and_date, json_lines, loss_note, span_problem
from bench.model import Document
from bench.problems import InputError, Problem


def read_prodigy(path: Path, notes: list[Problem]) -> Iterator[Document]:
    for file, lineno, obj in json_lines(path, notes):
        where = f"{file}:{lineno}"
        doc_id, dct = id_and_date(obj, file, lineno)
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError.one(where, "no \"text\" string: not a Prodigy example", doc_id)
        if obj.get("answer", "accept") != "accept":
            notes.append(Problem(where, doc_id, f"answer {obj['answer']!r}: not gold, left "
                                                "out", "warning"))
            continue
        items = obj.get("spans", [])
        if not isinstance(items, list) or not all(isinstance(s, dict) for s in items):
            raise InputError.one(where, "\"spans\" must be a list of objects", doc_id)
        spans = []
        for k, span in enumerate(items, 1):
            start, end, label = span.get("start"), span.get("end"), span.get("label")
            if (why := span_problem(text, start, end, label)) is not None:
                raise InputError.one(where, f"span {k}: {why}", doc_id)
            if "text" in span and span["text"] != text[start:end]:
                raise InputError.one(where, f"span {k}: its text {span['text']!r} is not the "
                                            f"text at [{start}, {end}): "
                                            f"{text[start:end]!r}", doc_id)
            spans.append((f"T{k}", start, end, label))
        if obj.get("relations"):
            notes.append(Problem(where, doc_id, f"{len(obj['relations'])} relations ignored",
                                 "warning"))
        yield document(doc_id, text, dct, spans, where)


def write_prodigy(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            loss_note(doc, "Prodigy", notes)
            meta = {"id": doc.doc_id} | ({"dct": doc.dct} if doc.dct else {})
            line = {"text": doc.text,
                    "spans": [{"start": a.start, "end": a.end, "label": a.label}
                              for a in doc.annotations],
                    "meta": meta, "answer": "accept"}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
