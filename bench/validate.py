"""Content checks of gold and prediction documents against their texts.

Errors make a file unusable (the loader refuses it); warnings point at likely
convention slips (``gold/GUIDELINES.md``) and never stop a run. Every problem is
reported as ``file: annotation id: problem``; nothing is repaired.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from bench.arabic import is_proclitic_prefix, is_word_char, word_start
from bench.data.mappings import hint
from bench.io import native
from bench.io.jsonl_columns import ChunkArrays
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


def flag_rows(part: dict[str, np.ndarray], vocab: dict[str, dict], lengths: np.ndarray,
              labels: Iterable[str] | None = None, require_values: bool = True) -> np.ndarray:
    """Which annotation rows of a batch may have an error, by vectorised checks over the
    batch's columns (:meth:`bench.columns.ColumnsBuilder.encode`), ``lengths`` the texts'
    lengths: everything :func:`check_annotation` and :func:`check_document` check but the
    texts of the spans. ``labels=None``: any label is known."""
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
    if (temporal & (value >= 0)).any():  # each value once per temporal label
        values, labels_of = list(vocab["value"])[1:], list(vocab["label"])[1:]
        for code in np.flatnonzero(table("label", lambda s: s in TEMPORAL_LABELS)[:-1]):
            rows = (label == code) & (value >= 0)
            used = np.flatnonzero(np.bincount(value[rows], minlength=len(values)))
            wrong = np.zeros(len(values), dtype=bool)
            wrong[used] = [value_problem(labels_of[code], values[v]) is not None
                           for v in used.tolist()]
            bad |= rows & wrong[np.maximum(value, 0)]
    # overlaps, in check_document's order: spans usually come sorted by start already
    if np.all((doc[1:] > doc[:-1]) | ((doc[1:] == doc[:-1]) & (start[1:] > start[:-1]))):
        bad[1:] |= (doc[1:] == doc[:-1]) & (start[1:] < end[:-1])
    else:
        order = np.lexsort((end, start, doc))
        same_doc = doc[order][1:] == doc[order][:-1]
        bad[order[1:][same_doc & (start[order][1:] < end[order][:-1])]] = True
    key = np.sort(doc * (int(part["id"].max(initial=0)) + 2) + part["id"])
    if np.any(key[1:] == key[:-1]):  # duplicate ids within a document
        ids = np.lexsort((part["id"], doc))
        dup = (doc[ids][1:] == doc[ids][:-1]) & (part["id"][ids][1:] == part["id"][ids][:-1])
        bad[ids[1:][dup]] = True
    return bad


def flag_columns(lengths: np.ndarray, part: dict[str, np.ndarray], vocab: dict[str, dict],
                 labels: Iterable[str] | None = None, require_values: bool = True
                 ) -> set[int]:
    """The documents with a row :func:`flag_rows` flags (``lengths``: their texts'
    lengths): every check but the spans' texts and the declared hashes."""
    return set(np.unique(part["doc"][flag_rows(part, vocab, lengths, labels,
                                               require_values)]).tolist())


def flag_documents(docs: Sequence[Document], part: dict[str, np.ndarray],
                   vocab: dict[str, dict], labels: Iterable[str] | None = None,
                   require_values: bool = True) -> list[int]:
    """Indices of the documents of a batch that may have an error (:func:`flag_rows`,
    the spans' texts, the declared hashes); the others have none. Loaders run
    :func:`check_document` on the flagged ones only: it names the problems.
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


def flag_arrays(arrays: ChunkArrays, part: dict[str, np.ndarray], vocab: dict[str, dict],
                labels: Iterable[str] | None = None, require_values: bool = True,
                hashes: bool = True) -> list[int]:
    """:func:`flag_documents` for documents decoded as arrays (:mod:`bench.io.jsonl_columns`):
    each span's text is compared with its slice of the document as UTF-8 bytes.
    ``hashes=False``: the declared hashes are known to be right (predictions whose texts
    and hashes equal a checked gold's)."""
    text, offsets = arrays.text_bytes, arrays.text_offsets
    first = np.empty(len(text) + 1, dtype=bool)  # the first byte of each character, and the end
    np.not_equal(text & 0xC0, 0x80, out=first[:-1])
    first[-1] = True
    chars = np.flatnonzero(first)  # character i of text d starts at chars[base[d] + i]
    base = np.searchsorted(chars, offsets)  # each text's first character (and the end)
    bad = flag_rows(part, vocab, np.diff(base), labels, require_values)
    rows = np.flatnonzero(~bad)  # offsets in range: the slices exist
    at = base[part["doc"][rows]]
    last = at + part["end"][rows]
    lo, hi = chars[at + part["start"][rows]], chars[last]
    span_lo = arrays.span_offsets[rows]
    size = arrays.span_offsets[rows + 1] - span_lo
    differs = hi - lo != size
    same = np.flatnonzero(~differs)
    n = size[same]
    if n.size:  # byte by byte, the spans one after the other
        runs = np.cumsum(n) - n
        step = np.arange(int(n.sum()))
        spans = arrays.span_bytes if len(same) == len(size) == len(bad) else \
            arrays.span_bytes[np.repeat(span_lo[same] - runs, n) + step]
        unequal = text[np.repeat(lo[same] - runs, n) + step] != spans
        if unequal.any():
            differs[same] = np.add.reduceat(unequal, runs) > 0
    differs |= _space_at(text, lo) | _space_at(text, chars[last - 1])
    bad[rows[differs]] = True
    flagged = set(np.unique(part["doc"][bad]).tolist())
    if hashes:
        bounds, data = offsets.tolist(), memoryview(text)
        flagged.update(k for k, sha in enumerate(arrays.shas)
                       if hashlib.sha256(data[bounds[k]:bounds[k + 1]]).hexdigest() != sha)
    return sorted(flagged)


@cache
def _spaces() -> np.ndarray:
    """The characters ``str.strip()`` removes (all in the Basic Multilingual Plane)."""
    return np.array([c for c in range(0x10000) if chr(c).isspace()], dtype=np.int32)


def _space_at(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Whether the character whose UTF-8 encoding starts at each byte ``at`` of ``data``
    is one ``str.strip()`` removes."""
    lead = data[at]
    maybe = np.flatnonzero((lead <= 0x20) | (lead == 0xC2) | ((lead >= 0xE1) & (lead <= 0xE3)))
    out = np.zeros(len(at), dtype=bool)
    if maybe.size:  # U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000 need decoding
        top = len(data) - 1
        where = at[maybe]
        b0 = data[where].astype(np.int32)
        b1 = data[np.minimum(where + 1, top)].astype(np.int32) & 0x3F
        b2 = data[np.minimum(where + 2, top)].astype(np.int32) & 0x3F
        char = np.where(b0 < 0x80, b0, np.where(b0 < 0xE0, ((b0 & 0x1F) << 6) | b1,
                                                ((b0 & 0x0F) << 12) | (b1 << 6) | b2))
        out[maybe] = np.isin(char, _spaces())
    return out


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
