"""Per-label counts of a corpus, computed while streaming its documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bench.model import Document


def corpus_stats(documents: Iterable[Document], name: str = "") -> dict:
    """Documents, characters, and counts per label and per date type (optional ones apart)."""
    labels: Counter[str] = Counter()
    date_types: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    n_docs = n_chars = 0
    for doc in documents:
        n_docs += 1
        n_chars += len(doc.text)
        for ann in doc.annotations:
            if ann.optional:
                optional[ann.label] += 1
                continue
            labels[ann.label] += 1
            if ann.date_type:
                date_types[ann.date_type] += 1
    return {
        "corpus": name,
        "documents": n_docs,
        "characters": n_chars,
        "annotations": sum(labels.values()),
        "optional": sum(optional.values()),
        "per_label": dict(sorted(labels.items())),
        "per_date_type": dict(sorted(date_types.items())),
        "optional_per_label": dict(sorted(optional.items())),
    }
