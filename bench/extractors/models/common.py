"""What every model backend shares: canonical labels from a model's own, BIO decoding.

Label rule (documented in the README): a tag's prefix (``B-``, ``I-``, ``E-``, ``S-``,
``L-``, ``U-``) is removed, then the type is looked up in :data:`CANONICAL` (upper
case): PER/PERS/PERSON -> PERSON, GPE/LOC/FAC/LOCATION -> LOC, ORG/ORGANIZATION ->
ORG, NORP/NAT/NATIONALITY -> NORP, DATE -> DATE, TIME -> TIME. Any other type is
dropped and counted (:class:`Dropped`); the run reports the counts.

BIO repair rule (:mod:`bench.tags`, the CoNLL reader's rule too): an ``I-X`` (or
``E-X``) that does not continue an open ``X`` entity starts one, as if it were ``B-X``;
an ``O`` or another type closes the open entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bench.tags import decode_offsets, split_tag

CANONICAL = {
    "PER": "PERSON", "PERS": "PERSON", "PERSON": "PERSON",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "NORP": "NORP", "NAT": "NORP", "NATIONALITY": "NORP",
    "DATE": "DATE", "TIME": "TIME",
}


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
    rule of :mod:`bench.tags`; types without a canonical label are dropped and counted
    in ``dropped`` (None: the model's own types are kept, for a caller that maps them
    later)."""
    out = []
    for start, end, kind in decode_offsets(words):
        label = dropped.canonical(kind) if dropped is not None else kind
        if label is not None:
            out.append((start, end, label))
    return out
