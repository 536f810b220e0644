"""The scoring engine: matching schemes, tables, date values, CIs and significance.

Entry point: :func:`score` (see :mod:`bench.scoring.api`), its options in one
:class:`~bench.scoring.settings.Settings`; the names of its tables
(:class:`~bench.scoring.keys.ScoreKey`, :class:`~bench.scoring.keys.View`) in
:mod:`bench.scoring.keys`; results layout in
:mod:`bench.scoring.results`; counting rules in :mod:`bench.scoring.tables`,
:mod:`bench.scoring.matching` and :mod:`bench.scoring.values`.
"""

__all__ = ["CLITICS", "DATE_TYPES", "GATED", "GROUPS", "SCHEMES", "UNITS", "Results",
           "ScoreKey", "Settings", "Signature", "View", "score"]

_WHERE = {"score": "api", "DATE_TYPES": "tables", "GROUPS": "tables", "CLITICS": "keys",
          "SCHEMES": "keys", "GATED": "keys", "ScoreKey": "keys", "View": "keys",
          "UNITS": "settings", "Settings": "settings", "Signature": "settings",
          "Results": "results"}


def __getattr__(name: str):
    """Names load their module on first use (PEP 562): ``bench.scoring.settings`` alone
    does not import numpy and scipy, so the CLI starts fast."""
    if name not in _WHERE:
        raise AttributeError(f"module 'bench.scoring' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"bench.scoring.{_WHERE[name]}"), name)
