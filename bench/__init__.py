"""Benchmark and evaluation suite for Arabic named entities and temporal expressions.

The library the ``bench`` (or ``arabench``) command is a thin layer over. Scoring two
files::

    import bench
    gold = bench.load_corpus("path/to/gold")          # a corpus directory, .jsonl or FMT:PATH
    results = bench.score(gold, bench.load_predictions("path/to/predictions", gold))
    print(results.systems[0].scores["strict"].overall.f1)

Names exported here (each loaded on first use, so ``import bench`` is cheap):

* data model: :class:`Annotation`, :class:`Document`, :class:`Corpus` (:mod:`bench.model`);
* reading: :func:`load_corpus`, :func:`load_predictions` (:mod:`bench.loader`; formats in
  :mod:`bench.io.formats`, larger-than-memory reading in :func:`bench.loader.iter_corpus`);
* scoring: :func:`score` -> :class:`Results`, its options in :class:`Settings`, the
  :class:`Signature` that names them (:mod:`bench.scoring`);
* extracting: :class:`Extractor`, the protocol a backend implements
  (:mod:`bench.extractors.base`; the registry and the isolated runner beside it);
* the rest: checking (:mod:`bench.validate`), the benchmark and its reports
  (:mod:`bench.pipeline`, :mod:`bench.report`), the gate (:mod:`bench.gate`).
"""

from bench.version import __version__

_WHERE = {
    "Annotation": "bench.model", "Document": "bench.model", "Corpus": "bench.model",
    "load_corpus": "bench.loader", "load_predictions": "bench.loader",
    "score": "bench.scoring", "Settings": "bench.scoring", "Results": "bench.scoring",
    "Signature": "bench.scoring", "Extractor": "bench.extractors.base",
}

__all__ = ["__version__", *_WHERE]


def __getattr__(name: str):
    """Names load their module on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'bench' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_WHERE[name]), name)


def __dir__() -> list[str]:
    return sorted(__all__)
