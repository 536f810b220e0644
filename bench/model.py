"""The one data model of the suite: Annotation, Document, Corpus.

Offsets are Unicode code-point offsets into ``Document.text`` exactly as stored,
end-exclusive. Gold and predictions share the same shapes, so any prediction
set can be re-scored later.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import msgspec

ENTITY_LABELS = ("PERSON", "ORG", "LOC", "NORP")
TEMPORAL_LABELS = ("DATE", "TIME", "DURATION", "SET")
LABELS = ENTITY_LABELS + TEMPORAL_LABELS
FORMS = ("absolute", "relative")
CALENDARS = ("hijri",)
MODS = (
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
)


def sha256_text(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, as stored in meta and annotation files."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_hint(text: str) -> str:
    """Why a text's hash may differ from the published one (an editor's BOM or CRLF)."""
    hints = []
    if text.startswith("\ufeff"):
        hints.append("the text starts with a byte-order mark (BOM)")
    if "\r\n" in text:
        hints.append("the text has CRLF line ends")
    if not hints:
        return ""
    return ("; " + " and ".join(hints) + ": was it saved by an editor? hashes are of the "
            "bytes as published")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""Unicode's control (Cc), surrogate (Cs) and line/paragraph separator characters."""


def dct_problem(dct: object) -> str | None:
    """Why ``dct`` is not a document date (None: it is one, or absent).

    The one rule for every reader, suite and backend: an ISO calendar date
    ``YYYY-MM-DD`` that exists (``2021-02-30`` does not), or no date at all.
    """
    if dct is None:
        return None
    if not isinstance(dct, str) or not _ISO_DATE.fullmatch(dct):
        return f"the document date must be an ISO date YYYY-MM-DD, got {dct!r}"
    try:
        date.fromisoformat(dct)
    except ValueError:
        return f"the document date {dct!r} is not a day of the calendar"
    return None


def doc_id_problem(doc_id: object) -> str | None:
    """Why ``doc_id`` cannot identify a document (None: it can).

    Ids are free text (file names are derived from them, :mod:`bench.io.names`), but
    they must be non-empty strings on one line: no control or line-separator character.
    """
    if not isinstance(doc_id, str) or not doc_id:
        return f"a document id must be a non-empty string, got {doc_id!r}"
    bad = _UNPRINTABLE.search(doc_id)
    if bad is not None:
        return (f"document id {doc_id[:80]!r} holds the control character "
                f"U+{ord(bad.group()):04X}: "
                "ids must be printable text on one line")
    return None


class Annotation(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One standoff mention. Temporal labels carry a TIMEX3 ``value`` and a ``form``.

    Immutable, compared and hashed by value like a frozen dataclass; a changed copy is
    ``a.replace(label="LOC")``. It is a ``msgspec.Struct`` rather than a dataclass
    because corpora hold millions: JSON decodes straight into it, with its field types
    checked, and making one costs a tenth of a frozen dataclass's ``__init__``. Its
    fields hold no containers, so it is left out of the cyclic collector (``gc=False``).
    """

    id: str
    start: int
    end: int
    label: str
    text: str
    value: str | None = None
    mod: str | None = None
    form: str | None = None
    calendar: str | None = None
    optional: bool = False

    @property
    def is_temporal(self) -> bool:
        return self.label in TEMPORAL_LABELS

    @property
    def date_type(self) -> str | None:
        """Row of the per-date-type tables: ``DATE/absolute``, ``DATE/relative``, ``TIME`` ..."""
        if self.label == "DATE":
            return f"DATE/{self.form}" if self.form else "DATE"
        return self.label if self.is_temporal else None

    def replace(self, **changes) -> Annotation:
        """A copy with ``changes`` (as ``dataclasses.replace`` for dataclasses)."""
        return msgspec.structs.replace(self, **changes)

    def to_dict(self) -> dict:
        """The JSON shape, keys in a fixed order, absent fields left out."""
        out: dict = {"id": self.id, "start": self.start, "end": self.end,
                     "label": self.label, "text": self.text}
        for key in ("value", "mod", "form", "calendar"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        if self.optional:
            out["optional"] = True
        return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of a text: the bootstrap's unit for small corpora."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@dataclass(frozen=True, slots=True)
class Document:
    """A text, its document creation time (``dct``, ISO date) and its annotations.

    ``nested``: the document's spans may nest (:mod:`bench.nesting`), which decides how
    it is validated and scored; ``meta``: where it was read from and what else its
    reader kept (``source_file``, ``text_sha256``), never read to decide anything else.
    """

    doc_id: str
    text: str
    dct: str | None = None
    annotations: tuple[Annotation, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    nested: bool = False

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)

    def with_annotations(self, annotations: list[Annotation] | tuple[Annotation, ...]) -> Document:
        return replace(self, annotations=tuple(annotations))

    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)


@dataclass(slots=True)
class Corpus:
    """An ordered collection of documents, addressed by ``doc_id``.

    ``notes`` are the warnings a reader raised while reading (``bench.problems.Problem``),
    each handled by the reader's documented rule.
    """

    documents: list[Document]
    name: str = ""
    notes: list = field(default_factory=list)

    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False,
                                   compare=False)

    def __post_init__(self) -> None:
        for i, doc in enumerate(self.documents):
            if self._index.setdefault(doc.doc_id, i) != i:
                from bench.problems import InputError

                raise InputError.one(self.name or "corpus", "duplicate document id", doc.doc_id)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document | None:
        i = self._index.get(doc_id)
        return None if i is None else self.documents[i]

    def by_id(self) -> dict[str, Document]:
        return {doc.doc_id: doc for doc in self.documents}
