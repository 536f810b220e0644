"""The scoring engine: matching schemes, tables, date values, CIs and significance.

Entry point: :func:`score` (see :mod:`bench.scoring.api`); results layout in
:mod:`bench.scoring.results`; counting rules in :mod:`bench.scoring.tables`,
:mod:`bench.scoring.matching` and :mod:`bench.scoring.values`.
"""

from bench.scoring.api import DATE_TYPES, score, score_keys
from bench.scoring.matching import CLITICS, SCHEMES
from bench.scoring.results import Results

__all__ = ["CLITICS", "DATE_TYPES", "SCHEMES", "Results", "score", "score_keys"]
