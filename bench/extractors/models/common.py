"""What every model backend shares: canonical labels from a model's own, BIO decoding.

Label rule (documented in the README): a tag's prefix (``B-``, ``I-``, ``E-``, ``S-``,
``L-``, ``U-``) is removed, then the type is looked up in :data:`CANONICAL` (upper
case): PER/PERS/PERSON -> PERSON, GPE/LOC/FAC/LOCATION -> LOC, ORG/ORGANIZATION ->
ORG, NORP/NAT/NATIONALITY -> NORP, DATE -> DATE, TIME -> TIME. Any other type is
dropped and counted (:class:`Dropped`); the run reports the counts.

BIO repair rule: an ``I-X`` (or ``E-X``) that does not continue an open ``X`` entity
starts one, as if it were ``B-X`` (the CoNLL reader's rule too); an ``O`` or another
type closes the open entity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

CANONICAL = {
    "PER": "PERSON", "PERS": "PERSON", "PERSON": "PERSON",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "NORP": "NORP", "NAT": "NORP", "NATIONALITY": "NORP",
    "DATE": "DATE", "TIME": "TIME",
}
_PREFIX = re.compile(r"^[BIESLU][-_]")


def split_tag(tag: str) -> tuple[str, str]:
    """(prefix, type) of a tag: ``B-PER`` -> (``B``, ``PER``); ``O`` -> (``O``, "")."""
    if tag in ("O", ""):
        return "O", ""
    if _PREFIX.match(tag):
        return tag[0], tag[2:]
    return "B", tag  # a bare type (spaCy, GLiNER, LLMs)


@dataclass
class Dropped:
    """Counts of model types with no canonical label (dropped)."""

    counts: Counter = field(default_factory=Counter)

    def canonical(self, kind: str) -> str | None:
        label = CANONICAL.get(kind.upper())
        if label is None:
            self.counts[kind] += 1
        return label

    def note(self) -> str:
        if not self.counts:
            return ""
        return "dropped (no canonical label): " + ", ".join(
            f"{n} {k}" for k, n in sorted(self.counts.items()))


def declared(model_types) -> tuple[str, ...]:
    """The canonical labels a model's types map to, in the canonical order."""
    from bench.model import LABELS

    found = {CANONICAL.get(split_tag(t)[1].upper()) for t in model_types}
    return tuple(lab for lab in LABELS if lab in found)


def decode_bio(words: list[tuple[int, int, str]], dropped: Dropped | None = None
               ) -> list[tuple[int, int, str]]:
    """Entities (start, end, canonical label) from words (start, end, tag), by the repair
    rule of the module docstring; types without a canonical label are dropped and
    counted in ``dropped`` (None: the model's own types are kept, for a caller that maps
    them later)."""
    out: list[tuple[int, int, str]] = []
    open_type, start, end = None, 0, 0

    def close() -> None:
        nonlocal open_type
        if open_type is not None:
            label = dropped.canonical(open_type) if dropped is not None else open_type
            if label is not None:
                out.append((start, end, label))
        open_type = None

    for s, e, tag in words:
        prefix, kind = split_tag(tag)
        if prefix == "O":
            close()
        elif prefix in ("I", "E", "L") and kind == open_type:
            end = e
        else:
            close()
            open_type, start, end = kind, s, e
        if prefix in ("E", "S", "L", "U"):
            close()
    close()
    return out
