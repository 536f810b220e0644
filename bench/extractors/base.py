"""The extractor interface every backend implements, built-in or plugin.

A backend is any class with these members (no base class needed)::

    class MyExtractor:
        name = "my-ner"                      # registry name
        version = "1.0"                      # reported beside its scores
        labels = ("PERSON", "LOC")           # canonical labels it can emit
        label_map = {"PER": "PERSON", "GPE": "LOC"}   # its native labels -> canonical

        def available(self) -> tuple[bool, str]:      # (False, "why; how to install")
            return True, ""

        def extract(self, document: Document) -> list[Annotation]:
            ...                                # standoff annotations on document.text

Optional: ``prepare()`` (load models; timed as load time by the runner),
``extract_batch(documents)`` (one list of annotations per document), ``note()`` (a
short line the run records, e.g. what the backend dropped, with counts over every document
it tagged: :func:`merge_notes` adds up the counts of the processes that shared a corpus),
``settings`` (a JSON-able
dict that changes its output: part of the prediction cache key) and
``max_chars`` (an int: the runner hands the backend pieces of at most that many
characters, cut after sentence ends, and maps the offsets back; for taggers whose
cost grows faster than the length of their input). Temporal
annotations carry a TIMEX3 ``value`` (or None), ``form`` and optional ``mod``.
The runner re-numbers ids and checks every span; a backend only finds mentions.

Model backends (``bench.extractors.models``) are named ``KIND:ARG`` (``hf:FOLDER``,
``spacy:PIPELINE``, ``llm:MODEL@URL`` ...): the registry makes the kind's class with
``ARG``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from bench.install import install_hint
from bench.model import Annotation, Document


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str
    labels: tuple[str, ...]
    label_map: Mapping[str, str]

    def available(self) -> tuple[bool, str]: ...

    def extract(self, document: Document) -> list[Annotation]: ...


SENTENCE_ENDS = ".!?؟\n"


def pieces(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most ``max_chars`` long, cut
    after the last sentence end (. ! ? ؟ or a newline) that fits, else after the last
    space, else at ``max_chars``. A mention that crosses a cut is lost: cuts fall between
    sentences wherever the text has them."""
    out, start, n = [], 0, len(text)
    while n - start > max_chars:
        window = text[start:start + max_chars]
        cut = max(window.rfind(c) for c in SENTENCE_ENDS) + 1
        if cut <= 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = max_chars
        while cut < len(window) and window[cut].isspace():  # the next piece starts a sentence
            cut += 1
        out.append((start, start + cut))
        start += cut
    out.append((start, n))
    return out


def extract_all(extractor: Extractor, documents: Sequence[Document],
                done: Callable[[int, list[Annotation]], None] | None = None
                ) -> list[list[Annotation]]:
    """Annotations of every document: ``extract_batch`` when the backend has it, else
    ``extract`` one document at a time; documents are cut into pieces first when the
    backend sets ``max_chars``. ``done(k, annotations)`` is called as document ``k`` is
    finished (the runner stores it in the prediction cache at once)."""
    from dataclasses import replace

    limit = getattr(extractor, "max_chars", None)
    cuts = [pieces(d.text, limit) if limit else [(0, len(d.text))] for d in documents]

    def piece(k: int, s: int, e: int) -> Document:
        doc = documents[k]
        return doc if (s, e) == (0, len(doc.text)) else replace(doc, text=doc.text[s:e],
                                                                 annotations=())

    def shifted(anns, offset: int) -> list[Annotation]:  # the runner checks every span
        return [a if not offset else a.replace(start=a.start + offset, end=a.end + offset)
                for a in anns]

    out: list[list[Annotation]] = [[] for _ in documents]
    batch = getattr(extractor, "extract_batch", None)
    if batch is not None:
        parts = [(k, s, e) for k, c in enumerate(cuts) for s, e in c]
        for (k, s, _), anns in zip(parts, batch([piece(*p) for p in parts]), strict=True):
            out[k] += shifted(anns, s)
        for k in range(len(documents)):
            if done is not None:
                done(k, out[k])
        return out
    for k, c in enumerate(cuts):
        for s, e in c:
            out[k] += shifted(extractor.extract(piece(k, s, e)), s)
        if done is not None:
            done(k, out[k])
    return out


_ITEM = re.compile(r"(\d+) (\S.*)")
_NUMBER = re.compile(r"\d+")


def note_counts(note: str) -> dict[tuple[str, str], list[int]]:
    """The counts of a backend's ``note()``. A note is clauses joined by "; "; a clause
    ``HEAD: N1 K1, N2 K2`` (every item a count and a name) counts each ``(HEAD, Ki)``, any
    other clause counts the numbers in it, keyed by its text without them (a clause
    without numbers counts nothing and is kept once)."""
    out: dict[tuple[str, str], list[int]] = {}
    for clause in filter(None, (c.strip() for c in note.split("; "))):
        head, sep, rest = clause.partition(": ")
        items = [_ITEM.fullmatch(i) for i in rest.split(", ")] if sep else []
        if items and all(items):
            parts = [((head, m.group(2)), [int(m.group(1))]) for m in items]
        else:
            parts = [(("", _NUMBER.sub("\0", clause)),
                      [int(n) for n in _NUMBER.findall(clause)])]
        for key, numbers in parts:
            out[key] = [a + b for a, b in zip(out[key], numbers, strict=True)] \
                if key in out else numbers
    return out


def format_counts(counts: Mapping[tuple[str, str], list[int]]) -> str:
    """The note of :func:`note_counts`' counts, clauses and items in name order (so the
    same counts read the same whatever the order they were added in)."""
    heads: dict[str, list[str]] = {}
    clauses = []
    for (head, name), numbers in sorted(counts.items()):
        if head:
            heads.setdefault(head, []).append(f"{numbers[0]} {name}")
        else:
            texts = name.split("\0")
            clauses.append(texts[0] + "".join(str(n) + p for n, p in
                                                zip(numbers, texts[1:], strict=True)))
    clauses += [f"{head}: {', '.join(items)}" for head, items in heads.items()]
    return "; ".join(sorted(clauses, key=lambda c: _NUMBER.sub("", c).lstrip()))


def merge_notes(notes: Iterable[str]) -> str:
    """One note for a backend whose documents were tagged by several processes (shards,
    workers, actors): the counts of their notes added up (see :func:`note_counts`)."""
    return format_counts(note_counts("; ".join(n for n in notes if n)))


def note_since(now: str, before: str) -> str:
    """What a backend's note (its counts so far) added since it read ``before``: the note
    of the documents tagged in between, for a process that tags several batches."""
    old = note_counts(before)
    delta = {}
    for key, numbers in note_counts(now).items():
        diff = [a - b for a, b in zip(numbers, old[key], strict=True)] if key in old \
            else numbers
        if (key not in old and not diff) or any(diff):
            delta[key] = diff
    return format_counts(delta)


def span(document: Document, start: int, end: int, label: str, **attrs) -> Annotation:
    """An annotation on ``document.text[start:end]``; the runner assigns the final id."""
    return Annotation(f"{label}@{start}", start, end, label, document.text[start:end], **attrs)


def package_version(distribution: str, prefix: str = "") -> str:
    """Installed version of a backend's package, for ``version`` (or "not installed")."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return prefix + version(distribution)
    except PackageNotFoundError:
        return "not installed"


def missing_module(module: str, extra: str) -> tuple[bool, str]:
    """(available, reason) for a backend that needs an importable module."""
    from importlib.util import find_spec

    if find_spec(module) is None:
        return False, f"Python module {module!r} is not installed: {install_hint(extra)}"
    return True, ""


def relative_forms(values: Mapping[tuple[int, int], str | None],
                   shifted: Mapping[tuple[int, int], str | None]) -> dict[tuple[int, int], str]:
    """``form`` of each span: ``relative`` when its value changes with the document date.

    ``values`` come from a run with the real DCT, ``shifted`` from a run with another
    DCT (:func:`shifted_dct`); ``*_REF`` values are deictic and always relative.
    """
    out = {}
    for key, value in values.items():
        deictic = value is not None and value.endswith("_REF")
        changed = key not in shifted or shifted[key] != value
        out[key] = "relative" if deictic or changed else "absolute"
    return out


def shifted_dct(dct: str) -> str:
    """A document date that differs in year, month, day and weekday (400 days on)."""
    from datetime import date, timedelta

    return (date.fromisoformat(dct) + timedelta(days=400)).isoformat()


def with_forms(document: Document, found: Callable[[str], list[Annotation]]) -> list[Annotation]:
    """Run a temporal tagger twice (real and shifted DCT) and set each span's ``form``.

    A document without a date is tagged against an arbitrary one; the values of its
    relative expressions mean nothing then and are left out (None).
    """

    dct = document.dct or "2000-01-01"
    anns = found(dct)
    other = {(a.start, a.end): a.value for a in found(shifted_dct(dct))}
    forms = relative_forms({(a.start, a.end): a.value for a in anns}, other)
    return [a.replace(form=forms[a.start, a.end],
                    value=a.value if document.dct or forms[a.start, a.end] == "absolute"
                    else None) for a in anns]
