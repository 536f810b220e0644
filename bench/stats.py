"""Per-label counts of a corpus."""

from __future__ import annotations

from collections import Counter

from bench.model import Corpus


def corpus_stats(corpus: Corpus) -> dict:
    """Documents, characters, and counts per label and per date type (optional ones apart)."""
    labels: Counter[str] = Counter()
    date_types: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    for doc in corpus:
        for ann in doc.annotations:
            if ann.optional:
                optional[ann.label] += 1
                continue
            labels[ann.label] += 1
            if ann.date_type:
                date_types[ann.date_type] += 1
    return {
        "corpus": corpus.name,
        "documents": len(corpus),
        "characters": sum(len(doc.text) for doc in corpus),
        "annotations": sum(labels.values()),
        "optional": sum(optional.values()),
        "per_label": dict(sorted(labels.items())),
        "per_date_type": dict(sorted(date_types.items())),
        "optional_per_label": dict(sorted(optional.items())),
    }
