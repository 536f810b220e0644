"""What the annotation tools' formats share (:mod:`bench.io.inception`,
:mod:`bench.io.labelstudio`, :mod:`bench.io.doccano`, :mod:`bench.io.prodigy`,
:mod:`bench.io.spacy_docbin`): span checks, documents from spans, JSON lines, and the
warning a writer gives for what its format cannot hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench.io.native import parse_json, read_text
from bench.model import Annotation, Document
from bench.nesting import nests
from bench.problems import InputError, Problem

LOST_FIELDS = ("value", "mod", "calendar")


def files_of(path: Path, suffix: str) -> list[Path]:
    """``path`` itself, or the ``*<suffix>`` files of a folder (an error when none)."""
    if not path.is_dir():
        return [path]
    files = sorted(path.glob(f"*{suffix}"))
    if not files:
        raise InputError.one(str(path), f"no *{suffix} files")
    return files


def span_problem(text: str, start: object, end: object, label: object) -> str | None:
    """Why ``[start, end)`` with ``label`` is no span of ``text`` (None: it is one)."""
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        return f"offsets must be integers, got {start!r} and {end!r}"
    if not 0 <= start < end <= len(text):
        return (f"offsets [{start}, {end}) out of range (the text has {len(text)} "
                "characters; a span is non-empty)")
    if not isinstance(label, str) or not label:
        return f"the label must be a non-empty string, got {label!r}"
    return None


def document(doc_id: str, text: str, dct: str | None, spans: list[tuple[str, int, int, str]],
             source: str) -> Document:
    """A document of ``(id, start, end, label)`` spans (code points), declared nested when
    two of them overlap (the tools allow it)."""
    anns = tuple(Annotation(ident, s, e, label, text[s:e]) for ident, s, e, label in spans)
    return Document(doc_id, text, dct, anns, meta={"source_file": source},
                    nested=nests([(a.start, a.end) for a in anns]))


def json_lines(path: Path, notes: list[Problem]) -> Iterator[tuple[Path, int, dict]]:
    """``(file, line number, object)`` of each non-blank line of a JSONL file or of the
    ``*.jsonl`` files of a folder; a line that is not a JSON object is an error."""
    for file in files_of(path, ".jsonl"):
        for lineno, line in enumerate(read_text(file).split("\n"), 1):
            if not line.strip():
                continue
            obj = parse_json(line, str(file), lineno)
            if not isinstance(obj, dict):
                raise InputError.one(f"{file}:{lineno}", "a line must be a JSON object, got "
                                                         f"{type(obj).__name__}")
            yield file, lineno, obj


def loss_note(doc: Document, fmt: str, notes: list[Problem], keeps_date: bool = True) -> None:
    """One warning for a document whose TIMEX3 attributes (value, mod, calendar, optional)
    or date ``fmt`` cannot hold. TIMEX3 forms are not counted: readers of these formats
    guess them again (:func:`bench.timex.guess_form`)."""
    lost = sum(1 for a in doc.annotations
               if a.optional or any(getattr(a, k) is not None for k in LOST_FIELDS))
    parts = [f"{lost} annotations lose their TIMEX3 value/mod/calendar/optional"] if lost else []
    if doc.dct and not keeps_date:
        parts.append(f"the document date {doc.dct} is lost")
    if parts:
        notes.append(Problem(doc.meta.get("source_file", doc.doc_id), doc.doc_id,
                             f"{' and '.join(parts)}: {fmt} has no place for them", "warning"))


def refuse(doc: Document, message: str, item: str | None = None) -> InputError:
    """The error of a writer that cannot hold something of ``doc``."""
    return InputError([Problem(doc.meta.get("source_file", doc.doc_id), item or doc.doc_id,
                               message)])


def id_and_date(obj: dict, file: Path, lineno: int) -> tuple[str, str | None]:
    """A JSON line's document id (``id``, else ``meta.id``, else ``<file stem>-<line>``)
    and date (``dct`` or ``meta.dct``, else none)."""
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    ident = obj.get("id", meta.get("id"))
    if isinstance(ident, bool) or not isinstance(ident, (str, int, type(None))):
        raise InputError.one(f"{file}:{lineno}", f"the id must be a string or an integer, "
                                                 f"got {ident!r}")
    dct = obj.get("dct", meta.get("dct"))
    return (f"{file.stem}-{lineno}" if ident is None else str(ident)), dct
