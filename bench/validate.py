"""Content checks of gold and prediction documents against their texts.

Errors make a file unusable (the loader refuses it); warnings point at likely
convention slips (``gold/GUIDELINES.md``) and never stop a run. Every problem is
reported as ``file: annotation id: problem``; nothing is repaired.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from bench.arabic import is_proclitic_prefix, is_word_char, word_start
from bench.data.mappings import hint
from bench.io import native
from bench.io.names import file_stem
from bench.model import (
    CALENDARS,
    FORMS,
    LABELS,
    MODS,
    TEMPORAL_LABELS,
    Annotation,
    Document,
    dct_problem,
    doc_id_problem,
    hash_hint,
)
from bench.problems import BAD_VALUE, InputError, Problem
from bench.timex import value_problem

TEMPORAL_FIELDS = ("value", "mod", "form", "calendar")


def check_annotation(ann: Annotation, text: str, where: str, labels: Iterable[str] = LABELS,
                     require_values: bool = True, warnings: bool = True) -> list[Problem]:
    """Problems of one annotation on its own (offsets, text, label, TIMEX3 attributes).

    Gold temporal annotations need a ``value``; predictions may leave it out (a tagger
    that does not normalise), and their value accuracy is then reported as n/a.
    """
    out: list[Problem] = []

    def err(message: str, severity: str = "error") -> None:
        out.append(Problem(where, ann.id, message, severity))

    if not ann.id:
        err("empty id")
    if not 0 <= ann.start < ann.end <= len(text):
        err(f"offsets [{ann.start}, {ann.end}) out of range or empty "
            f"(text has {len(text)} characters)")
    elif text[ann.start:ann.end] != ann.text:
        err(f"text {ann.text!r} does not equal the slice [{ann.start}, {ann.end}) "
            f"{text[ann.start:ann.end]!r}")
    elif ann.text != ann.text.strip():
        err("span has leading or trailing whitespace")
    elif warnings:
        out += _boundary_warnings(ann, text, where)
    if ann.label not in labels:
        err(f"unknown label {ann.label!r} (known: {', '.join(labels)}){hint(ann.label)}")
    if ann.label in TEMPORAL_LABELS:
        if ann.value is None:
            if require_values:
                err(f"{ann.label} needs a TIMEX3 value")
        elif (why := value_problem(ann.label, ann.value)) is not None:
            out.append(Problem(where, ann.id, why, code=BAD_VALUE))
        if ann.form not in FORMS:
            err(f"{ann.label} needs form 'absolute' or 'relative', got {ann.form!r}")
        if ann.mod is not None and ann.mod not in MODS:
            err(f"unknown TIMEX3 mod {ann.mod!r}")
        if ann.calendar is not None and ann.calendar not in CALENDARS:
            err(f"unknown calendar {ann.calendar!r}")
    elif ann.label in labels:
        for key in TEMPORAL_FIELDS:
            if getattr(ann, key) is not None:
                err(f"{key!r} is only for temporal labels, not {ann.label}")
    return out


def _boundary_warnings(ann: Annotation, text: str, where: str) -> list[Problem]:
    span = ann.text
    out = []
    first, last = span[0], span[-1]
    if unicodedata.category(first)[0] == "P" or (
            unicodedata.category(last)[0] == "P" and not (last == ")" and "(" in span)):
        out.append(Problem(where, ann.id, f"span {span!r} starts or ends with punctuation",
                           "warning"))
    if ann.start > 0 and is_word_char(text[ann.start - 1]) and is_word_char(first):
        # proclitics are at most two letters: three letters back settle it
        prefix = text[word_start(text, ann.start, limit=3):ann.start]
        if not is_proclitic_prefix(prefix):
            out.append(Problem(where, ann.id,
                               f"span starts inside the word (after {prefix!r})", "warning"))
    if ann.end < len(text) and is_word_char(text[ann.end]) and is_word_char(last):
        out.append(Problem(where, ann.id, "span ends inside a word", "warning"))
    return out


def identity_problems(doc: Document, where: str) -> list[Problem]:
    """Problems of a document's id and date (:func:`bench.model.doc_id_problem`,
    :func:`bench.model.dct_problem`): the one rule every reader's documents meet."""
    out = []
    if (why := doc_id_problem(doc.doc_id)) is not None:
        out.append(Problem(where, None, why))
    if (why := dct_problem(doc.dct)) is not None:
        out.append(Problem(where, doc.doc_id if isinstance(doc.doc_id, str) else None, why))
    return out


def check_document(doc: Document, where: str | None = None, labels: Iterable[str] = LABELS,
                   require_values: bool = True, warnings: bool = True) -> list[Problem]:
    """Every problem of a document: its hash, each annotation, duplicate ids, overlaps.

    ``warnings=False`` skips the convention warnings (loaders keep only errors)."""
    where = where or doc.meta.get("source_file", str(doc.doc_id))
    labels = tuple(labels)
    out: list[Problem] = identity_problems(doc, where)
    declared = doc.meta.get("text_sha256")
    if declared is not None and declared != doc.text_sha256:
        out.append(Problem(where, "text_sha256", f"{declared} does not match the text "
                                                 f"({doc.text_sha256}){hash_hint(doc.text)}"))
    seen: set[str] = set()
    for ann in doc.annotations:
        if ann.id in seen:
            out.append(Problem(where, ann.id, "duplicate annotation id"))
        seen.add(ann.id)
        out += check_annotation(ann, doc.text, where, labels, require_values, warnings)
    if doc.nested:
        return out + _nesting_problems(doc.annotations, where)
    ordered = sorted(doc.annotations, key=lambda a: (a.start, a.end))
    for prev, ann in zip(ordered, ordered[1:], strict=False):
        if ann.start < prev.end:
            out.append(Problem(where, ann.id, f"overlaps {prev.id} "
                                              f"[{prev.start}, {prev.end}) (no nesting allowed; "
                                              'a nested corpus declares "nested": true)'))
    return out


def _nesting_problems(annotations, where: str) -> list[Problem]:
    """A nested document: spans may lie inside others, one extent may carry two labels;
    crossing spans and exact duplicates (same start, end and label) are errors."""
    out: list[Problem] = []
    stack: list[Annotation] = []  # the spans containing the current one, outermost first
    for ann in sorted(annotations, key=lambda a: (a.start, -a.end, a.label)):
        while stack and stack[-1].end <= ann.start:
            stack.pop()
        top = stack[-1] if stack else None
        if top is not None and (top.start, top.end, top.label) == (ann.start, ann.end,
                                                                  ann.label):
            out.append(Problem(where, ann.id, f"duplicates {top.id} (same start, end and "
                                              "label)"))
            continue
        if top is not None and top.end < ann.end:
            out.append(Problem(where, ann.id, f"crosses {top.id} [{top.start}, {top.end}): "
                                              "nested spans lie one inside the other"))
            continue
        stack.append(ann)
    return out


def flag_documents(docs: Sequence[Document], part: dict[str, np.ndarray],
                   vocab: dict[str, dict], labels: Iterable[str] | None = None,
                   require_values: bool = True) -> list[int]:
    """Indices of the documents of a batch that may have an error, by vectorised checks
    over the batch's columns (:meth:`bench.columns.ColumnsBuilder.encode`); the others
    have none. Loaders run :func:`check_document` on the flagged ones only: it names the
    problems. ``labels=None``: any label is known.
    """
    lengths = np.fromiter((len(d.text) for d in docs), np.int64, count=len(docs))
    flagged = flag_columns(lengths, part, vocab, labels, require_values)
    for k, d in enumerate(docs):  # texts: one slice comparison per annotation
        text = d.text
        if k not in flagged and not all(text[a.start:a.end] == a.text == a.text.strip()
                                        for a in d.annotations):
            flagged.add(k)
        declared = d.meta.get("text_sha256")
        if declared is not None and declared != d.text_sha256:
            flagged.add(k)
    return sorted(flagged)


def flag_columns(lengths: np.ndarray, part: dict[str, np.ndarray], vocab: dict[str, dict],
                 labels: Iterable[str] | None = None, require_values: bool = True
                 ) -> set[int]:
    """The checks of :func:`flag_documents` that need no text but its length (``lengths``
    per document): offsets, ids, labels, TIMEX3 attributes, overlaps."""
    doc, start, end = part["doc"], part["start"], part["end"]
    label = part["label"]

    def table(name: str, test) -> np.ndarray:
        """``test`` of each string of vocabulary ``name``, indexed by code (-1: absent)."""
        strings = list(vocab[name])[1:]  # in code order; the first key is None (-1)
        return np.array([test(s) for s in strings] + [test(None)], dtype=bool)

    temporal = table("label", lambda s: s in TEMPORAL_LABELS)[label]
    bad = (start < 0) | (start >= end) | (end > lengths[doc])
    bad |= part["id"] == vocab["id"].get("", -2)  # an empty id
    if labels is not None:
        known = set(labels)
        bad |= ~table("label", lambda s: s in known)[label]
    extra = np.zeros(len(doc), dtype=bool)
    for name in TEMPORAL_FIELDS:
        extra |= part[name] >= 0
    bad |= ~temporal & extra
    bad |= temporal & ~table("form", lambda s: s in FORMS)[part["form"]]
    bad |= ~table("mod", lambda s: s is None or s in MODS)[part["mod"]]
    bad |= ~table("calendar", lambda s: s is None or s in CALENDARS)[part["calendar"]]
    value = part["value"]
    if require_values:
        bad |= temporal & (value < 0)
    checked = temporal & (value >= 0)
    if checked.any():  # each (label, value) once
        values, labels_of = list(vocab["value"])[1:], list(vocab["label"])[1:]
        pairs, inverse = np.unique(np.stack([label[checked], value[checked]]), axis=1,
                                   return_inverse=True)
        wrong = np.array([value_problem(labels_of[lab], values[val]) is not None
                          for lab, val in pairs.T], dtype=bool)
        bad[np.flatnonzero(checked)[wrong[inverse.ravel()]]] = True
    order = np.lexsort((end, start, doc))  # overlaps, as check_document orders them
    same_doc = doc[order][1:] == doc[order][:-1]
    bad[order[1:][same_doc & (start[order][1:] < end[order][:-1])]] = True
    ids = np.lexsort((part["id"], doc))  # duplicate ids within a document
    dup = (doc[ids][1:] == doc[ids][:-1]) & (part["id"][ids][1:] == part["id"][ids][:-1])
    bad[ids[1:][dup]] = True
    return set(np.unique(doc[bad]).tolist())


def _find_text(doc_id: str, file: Path, corpus: Path | None) -> Path | None:
    roots = [corpus] if corpus else [file.parent.parent, Path.cwd()]
    for root in roots:
        candidate = root / "seeds" / f"{file_stem(doc_id)}.txt"
        if candidate.exists():
            return candidate
    return None


def _validate_file(path: Path, corpus: Path | None, labels: tuple[str, ...] | None,
                   require_values: bool, seen: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []

    def check(doc: Document, where: str) -> None:
        if doc.doc_id in seen:
            out.append(Problem(where, doc.doc_id,
                               f"duplicate document id (first in {seen[doc.doc_id]})"))
            return
        seen[doc.doc_id] = where
        out.extend(check_document(doc, labels=_allowed(labels, doc),
                                  require_values=require_values))

    if path.suffix == ".jsonl":
        for doc in native.iter_jsonl(path):
            check(doc, doc.meta["source_file"])
        return out
    doc = native.read_annotation_file(path)
    text_path = _find_text(doc.doc_id, path, corpus)
    if text_path is None:
        where = f"in {corpus}" if corpus else \
            f"in {path.parent.parent} or . (give the corpus with --corpus)"
        return [Problem(str(path), doc.doc_id, f"no text seeds/{doc.doc_id}.txt {where}")]
    check(native.read_annotation_file(path, native.read_text(text_path)), str(path))
    return out


def _allowed(labels: tuple[str, ...] | None, doc: Document) -> tuple[str, ...]:
    """The labels ``doc`` may carry: ``labels``, or for None (``--labels native``) its own."""
    if labels is not None:
        return labels
    return LABELS + tuple(sorted({a.label for a in doc.annotations} - set(LABELS)))


def validate_paths(paths: Iterable[Path], corpus: Path | None = None,
                   labels: Iterable[str] | None = LABELS, predictions: bool = False
                   ) -> list[Problem]:
    """Problems of every given corpus directory, annotation directory, file or JSONL file.

    ``predictions``: temporal annotations may lack a value (a tagger that does not
    normalise); everything else is checked as for gold. ``labels=None`` (``--labels
    native``): any label, and temporal values may be absent (a corpus such as Wojood
    marks dates without TIMEX3 values). A path or ``corpus`` that does not exist raises
    :class:`InputError` before anything is read.
    """
    labels = tuple(labels) if labels is not None else None
    predictions = predictions or labels is None
    paths = [Path(p) for p in paths]
    missing = [Problem(str(p), None, "no such file or directory") for p in paths if not p.exists()]
    if corpus is not None and not (Path(corpus) / "seeds").is_dir():
        missing.append(Problem(f"--corpus {corpus}", None, "no such directory" if not
                               Path(corpus).exists() else "not a corpus: no seeds/ directory"))
    if missing:
        raise InputError(missing)
    out: list[Problem] = []
    for path in paths:
        if path.is_dir() and (path / "seeds").is_dir():
            try:
                out += [p for doc in native.read_corpus_dir(path)
                        for p in check_document(doc, labels=_allowed(labels, doc),
                                                require_values=not predictions)]
            except InputError as exc:
                out += exc.problems
            continue
        files = sorted(path.glob("*.json")) + sorted(path.glob("*.jsonl")) if path.is_dir() \
            else [path]
        if not files:
            out.append(Problem(str(path), None, "no *.json or *.jsonl files"))
        seen: dict[str, str] = {}  # a directory or a file is one corpus
        for file in files:
            try:
                out += _validate_file(file, corpus, labels, not predictions, seen)
            except InputError as exc:
                out += exc.problems
    return out
