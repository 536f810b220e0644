"""Label Studio's JSON export of a named-entity project, reading and writing.

The file is a JSON list of tasks. A task's text is ``data.text`` (else the only string
field of ``data``); its spans are the ``labels`` results of its first annotation that
was not cancelled: ``value.start``/``value.end`` count UTF-16 code units (JavaScript
strings) and are converted to code points exactly (:mod:`bench.io.utf16`), one span per
label of ``value.labels``, ``value.text`` (when given) checked against the text. Other
annotations, predictions and other result types (relations, choices ...) are ignored
with a warning. The document id is ``data.id`` when the task carries one (it survives
an import into Label Studio, which numbers tasks itself), else the task ``id``; the
date is ``data.dct`` when given.

The writer writes tasks ready to import (``data``: ``text``, ``id``, ``dct``; one
annotation of ``labels`` results for the default NER labeling config, ``<Labels
name="label" toName="text">`` over ``<Text name="text" value="$text">``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from bench.io.annotool import document, loss_note, span_problem
from bench.io.native import parse_json, read_text
from bench.io.utf16 import Utf16
from bench.model import Document
from bench.problems import InputError, Problem


def _text_of(data: dict, where: str, item: str) -> str:
    if isinstance(data.get("text"), str):
        return data["text"]
    strings = [k for k, v in data.items() if isinstance(v, str)]
    if len(strings) != 1:
        raise InputError.one(where, "no data.text and not one string field in data "
                                    f"({', '.join(strings) or 'none'}): which is the text?",
                             item)
    return data[strings[0]]


def _annotation(task: dict, where: str, item: str, notes: list[Problem]) -> list:
    """The results of the task's first annotation that was not cancelled."""
    annotations = task.get("annotations", task.get("completions", []))
    if not isinstance(annotations, list) or not all(isinstance(a, dict)
                                                    for a in annotations):
        raise InputError.one(where, "annotations must be a list of objects", item)
    kept = [a for a in annotations if not a.get("was_cancelled")]
    if len(kept) > 1:
        notes.append(Problem(where, item, f"{len(kept)} annotations: the first read, "
                                          f"{len(kept) - 1} ignored", "warning"))
    if task.get("predictions"):
        notes.append(Problem(where, item, "predictions ignored (annotations are read)",
                             "warning"))
    if not kept:
        notes.append(Problem(where, item, "no annotation (or all cancelled): read with no "
                                          "spans", "warning"))
        return []
    results = kept[0].get("result", [])
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise InputError.one(where, "an annotation's result must be a list of objects", item)
    return results


def _task(task: object, k: int, path: Path, notes: list[Problem]) -> Document:
    where = str(path)
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError.one(where, "not a Label Studio task (an object with data)",
                             f"task #{k}")
    data = task["data"]
    ident = data.get("id", task.get("id"))
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise InputError.one(where, f"the task id must be a string or an integer, got "
                                    f"{ident!r}", f"task #{k}")
    doc_id = str(ident)
    item = f"task {doc_id}"
    text = _text_of(data, where, item)
    offsets = Utf16(text)
    spans, ignored = [], []
    for n, result in enumerate(_annotation(task, where, item, notes), 1):
        if result.get("type") != "labels":
            ignored.append(str(result.get("type")))
            continue
        value = result.get("value")
        if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
            raise InputError.one(where, f"result {n}: value.labels must be a list", item)
        start, end = value.get("start"), value.get("end")
        for name, pos in (("start", start), ("end", end)):
            if not isinstance(pos, int) or isinstance(pos, bool) \
                    or not 0 <= pos <= offsets.length:
                raise InputError.one(where, f"result {n}: value.{name} {pos!r} is not a "
                                            f"UTF-16 offset of the text (0 to "
                                            f"{offsets.length})", item)
        try:
            start, end = offsets.to_code_point(start), offsets.to_code_point(end)
        except ValueError as exc:
            raise InputError.one(where, f"result {n}: {exc}", item) from None
        if "text" in value and value["text"] != text[start:end]:
            raise InputError.one(where, f"result {n}: value.text {value['text']!r} is not "
                                        f"the text at [{value['start']}, {value['end']}): "
                                        f"{text[start:end]!r}", item)
        rid = str(result.get("id") or f"r{n}")
        labels = value["labels"]
        for j, label in enumerate(labels, 1):
            if (why := span_problem(text, start, end, label)) is not None:
                raise InputError.one(where, f"result {n}: {why}", item)
            spans.append((rid if len(labels) == 1 else f"{rid}-{j}", start, end, label))
    if ignored:
        notes.append(Problem(where, item, f"{len(ignored)} results not text labels ignored "
                                          f"({', '.join(sorted(set(ignored)))})", "warning"))
    return document(doc_id, text, data.get("dct"), spans, f"{path}: {item}")


def read_labelstudio(path: Path, notes: list[Problem]) -> Iterator[Document]:
    tasks = parse_json(read_text(path), str(path))
    if not isinstance(tasks, list):
        raise InputError.one(str(path), "not a Label Studio export: the top level must be a "
                                        "list of tasks")
    for k, task in enumerate(tasks, 1):
        yield _task(task, k, path, notes)


def write_labelstudio(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    tasks = []
    for doc in docs:
        loss_note(doc, "Label Studio", notes)
        offsets = Utf16(doc.text)
        results = [{"id": a.id, "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": offsets.to_utf16(a.start),
                              "end": offsets.to_utf16(a.end),
                              "text": a.text, "labels": [a.label]}}
                   for a in doc.annotations]
        data = {"text": doc.text, "id": doc.doc_id} | ({"dct": doc.dct} if doc.dct else {})
        tasks.append({"data": data, "annotations": [{"result": results}]})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", "utf-8")
