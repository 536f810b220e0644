"""BRAT standoff: a directory of ``<stem>.txt`` + ``<stem>.ann``, reading and writing.

Text-bound annotations ``T<n>\\tLABEL START END\\ttext`` become annotations (offsets
are code points, as brat counts them). TIMEX3 attributes travel in ``AnnotatorNotes``
lines (``#<n>\\tAnnotatorNotes T<n>\\tvalue=2021-07-26 form=relative mod=END``), which
this module writes and reads back; the document date goes in a ``<stem>.meta.json``
beside them, as in the native layout. Rules for what the model cannot hold, each
reported as a warning ``file:line``: a discontinuous span (``0 5;8 12``) is skipped;
relations, events, attributes and other notes are ignored; a BOM or CR in the text
is kept (offsets refer to the text as stored). A span whose text differs from the
``.txt`` is an error (the validator names it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from bench.io.names import create, file_stem, name_of
from bench.io.native import read_text
from bench.model import Annotation, Corpus, Document, doc_id_problem
from bench.nesting import nests
from bench.problems import InputError, Problem

NOTE_KEYS = ("value", "mod", "form", "calendar", "optional")
T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+(?: \d+)?(?:;\d+ \d+)*)\t(.*)$")
NOTE_LINE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")


def read_brat_document(txt: Path, notes: list[Problem]) -> Document:
    text = read_text(txt)
    ann_path = txt.with_suffix(".ann")
    if not ann_path.exists():
        raise InputError([Problem(str(txt), None, f"no {ann_path.name} beside it")])
    spans: dict[str, dict] = {}
    attrs: dict[str, dict] = {}
    problems = []
    for lineno, line in enumerate(read_text(ann_path).splitlines(), 1):
        where = f"{ann_path}:{lineno}"
        if not line.strip():
            continue
        if line.startswith("T"):
            m = T_LINE.match(line)
            if not m:
                problems.append(Problem(where, None, f"malformed text-bound line {line!r}"))
                continue
            ident, label, offsets, surface = m.groups()
            if ";" in offsets:
                notes.append(Problem(where, ident, "discontinuous span skipped", "warning"))
                continue
            start, end = (int(x) for x in offsets.split())
            spans[ident] = {"id": ident, "start": start, "end": end, "label": label,
                            "text": surface}
        elif (m := NOTE_LINE.match(line)) and "=" in m.group(2):
            fields = dict(kv.split("=", 1) for kv in m.group(2).split() if "=" in kv)
            unknown = set(fields) - set(NOTE_KEYS)
            if unknown:
                notes.append(Problem(where, m.group(1), f"note fields ignored: "
                                                        f"{', '.join(sorted(unknown))}",
                                     "warning"))
            attrs[m.group(1)] = {k: v for k, v in fields.items() if k in NOTE_KEYS}
        else:
            notes.append(Problem(where, None, f"{line.split(chr(9))[0]}: not a text-bound "
                                              "annotation or TIMEX3 note, ignored", "warning"))
    if problems:
        raise InputError(problems)
    anns = []
    for ident, base in spans.items():
        extra = attrs.get(ident, {})
        if "optional" in extra:
            extra["optional"] = extra["optional"] == "true"
        anns.append(Annotation(**base, **extra))
    meta_path = txt.with_suffix(".meta.json")
    stored = _read_meta(meta_path) if meta_path.exists() else {}
    doc_id = stored.get("doc_id") or name_of(txt.stem) or txt.stem
    if "doc_id" in stored and file_stem(doc_id) != txt.stem:
        raise InputError([Problem(str(meta_path), "doc_id", f"{doc_id!r} is not the id of "
                                  f"{txt.name}: its file name would be "
                                  f"{file_stem(doc_id)}.txt (bench.io.names)")])
    # BRAT spans may nest: such a document is read as a nested one
    return Document(doc_id, text, stored.get("dct"), tuple(anns),
                    meta={"source_file": str(ann_path)},
                    nested=nests([(a.start, a.end) for a in anns]))


def _read_meta(path: Path) -> dict:
    """``<stem>.meta.json``: ``{"dct": ..., "doc_id": ...}``, both optional."""
    try:
        obj = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"{path}:{exc.lineno}", None, f"not a meta file: invalid "
                                  f"JSON at column {exc.colno}: {exc.msg}")]) from None
    if not isinstance(obj, dict):
        raise InputError([Problem(str(path), None, "not a meta file: top level must be a "
                                                   "JSON object")])
    if "doc_id" in obj and (why := doc_id_problem(obj["doc_id"])) is not None:
        raise InputError([Problem(str(path), "doc_id", why)])
    return obj


def iter_brat(path: Path, notes: list[Problem] | None = None) -> Iterator[Document]:
    notes = notes if notes is not None else []
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path.with_suffix(".txt")]
    if not files:
        raise InputError([Problem(str(path), None, "no *.txt files")])
    for txt in files:
        yield read_brat_document(txt, notes)


def read_brat(path: Path) -> Corpus:
    notes: list[Problem] = []
    return Corpus(list(iter_brat(path, notes)), name=str(path), notes=notes)


def dumps_ann(doc: Document) -> str:
    lines, notes = [], []
    for k, a in enumerate(sorted(doc.annotations, key=lambda a: (a.start, a.end)), 1):
        lines.append(f"T{k}\t{a.label} {a.start} {a.end}\t{a.text}")
        fields = [f"{key}={getattr(a, key)}" for key in NOTE_KEYS[:-1] if getattr(a, key)]
        if a.optional:
            fields.append("optional=true")
        if fields:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes T{k}\t{' '.join(fields)}")
    return "\n".join(lines + notes) + ("\n" if lines else "")


def write_brat(docs, out: Path) -> None:
    """``<stem>.txt``, ``<stem>.ann`` and, for a date or an id its file name cannot give
    back, ``<stem>.meta.json``. A span brat cannot hold (a line break or tab inside:
    ``.ann`` lines are tab-separated, one per line) is refused with the reason."""
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        bad = next((a for a in doc.annotations if re.search(r"[\t\n\r\x0b\x0c\x1c-\x1e"
                                                          r"\x85\u2028\u2029]", a.text)),
                   None)
        if bad is not None:
            raise InputError([Problem(doc.meta.get("source_file", doc.doc_id), bad.id,
                                      f"span {bad.text!r} holds a line break or tab: a BRAT "
                                      ".ann line cannot hold it (convert to another format)")])
        stem = file_stem(doc.doc_id)
        create(out / f"{stem}.txt", doc.text.encode("utf-8"), doc.doc_id)
        create(out / f"{stem}.ann", dumps_ann(doc), doc.doc_id)
        meta = {k: v for k, v in (("doc_id", doc.doc_id), ("dct", doc.dct))
                if v is not None and (k != "doc_id" or name_of(stem) != doc.doc_id)}
        if meta:
            create(out / f"{stem}.meta.json", json.dumps(meta, ensure_ascii=False) + "\n",
                   doc.doc_id)
