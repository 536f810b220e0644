"""Benchmark and evaluation suite for Arabic named entities and temporal expressions.

Library API (the ``bench`` command is a thin layer over it):

* data model: :mod:`bench.model` (Annotation, Document, Corpus); the scorer's columnar
  form of a corpus side: :class:`bench.columns.Columns`;
* reading: :func:`bench.loader.load_corpus`, :func:`bench.loader.iter_corpus`,
  :func:`bench.loader.load_predictions` (as Corpus), :func:`bench.loader.load_columns` and
  :func:`bench.loader.load_prediction_columns` (as Columns, for large corpora); formats
  in :mod:`bench.io.formats`;
* checking: :func:`bench.validate.validate_paths`, :func:`bench.stats.corpus_stats`;
* extracting: :mod:`bench.extractors` (protocol, registry, :func:`~bench.extractors.runner.run`);
* scoring: :func:`bench.scoring.score` -> :class:`bench.scoring.Results`;
* reporting and gating: :func:`bench.pipeline.benchmark`, :func:`bench.pipeline.write_reports`,
  :func:`bench.gate.check`.
"""

__version__ = "0.1.0"
