"""Doccano's JSONL export of a sequence-labeling project, reading and writing.

One document per line: ``text`` and its spans, either ``label``: ``[[start, end,
label], ...]`` (sequence labeling) or ``entities``: ``[{"start_offset", "end_offset",
"label"}, ...]`` (with relations); offsets are code points, end-exclusive, as in the
model. The document id is ``id`` (or ``meta.id``), else ``<file stem>-<line>``; the
document date is ``dct`` (or ``meta.dct``) when the line carries one. Relations are
ignored with a warning. A folder is read as its ``*.jsonl`` files.

The writer writes ``id``, ``text``, ``label`` and ``dct``: what the reader reads back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from bench.io.annotool import document, id_and_date, json_lines, loss_note, span_problem
from bench.model import Document
from bench.problems import InputError, Problem


def read_doccano(path: Path, notes: list[Problem]) -> Iterator[Document]:
    for file, lineno, obj in json_lines(path, notes):
        where = f"{file}:{lineno}"
        doc_id, dct = id_and_date(obj, file, lineno)
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError.one(where, "no \"text\" string: not a Doccano line", doc_id)
        if "label" in obj and "entities" in obj:
            raise InputError.one(where, "both \"label\" and \"entities\": which are the "
                                        "spans?", doc_id)
        if "entities" in obj:
            items = obj["entities"]
            if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
                raise InputError.one(where, "\"entities\" must be a list of objects", doc_id)
            raw = [(str(e.get("id", k)), e.get("start_offset"), e.get("end_offset"),
                    e.get("label")) for k, e in enumerate(items, 1)]
        else:
            items = obj.get("label", [])
            if not isinstance(items, list) or not all(
                    isinstance(x, list) and len(x) == 3 for x in items):
                raise InputError.one(where, "\"label\" must be a list of [start, end, label] "
                                            "spans (a text classification export?)", doc_id)
            raw = [(f"T{k}", *x) for k, x in enumerate(items, 1)]
        spans = []
        for ident, start, end, label in raw:
            if (why := span_problem(text, start, end, label)) is not None:
                raise InputError.one(where, f"span {ident}: {why}", doc_id)
            spans.append((ident, start, end, label))
        if obj.get("relations"):
            notes.append(Problem(where, doc_id, f"{len(obj['relations'])} relations ignored",
                                 "warning"))
        yield document(doc_id, text, dct, spans, where)


def write_doccano(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            loss_note(doc, "Doccano", notes)
            line = {"id": doc.doc_id, "text": doc.text,
                    "label": [[a.start, a.end, a.label] for a in doc.annotations]}
            if doc.dct:
                line["dct"] = doc.dct
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
