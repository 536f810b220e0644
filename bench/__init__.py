"""Benchmark and evaluation suite for Arabic named entities and temporal expressions.

Library API: :func:`bench.loader.load_corpus`, :func:`bench.validate.validate_paths`,
:func:`bench.stats.corpus_stats`; data model in :mod:`bench.model`.
"""

__version__ = "0.1.0"
