"""The scoring engine: matching schemes, tables, date values, CIs and significance.

Entry point: :func:`score` (see :mod:`bench.scoring.api`), its options in one
:class:`~bench.scoring.settings.Settings`; results layout in
:mod:`bench.scoring.results`; counting rules in :mod:`bench.scoring.tables`,
:mod:`bench.scoring.matching` and :mod:`bench.scoring.values`.
"""

__all__ = ["CLITICS", "DATE_TYPES", "GROUPS", "SCHEMES", "UNITS", "Results", "Settings",
           "Signature", "score", "score_keys"]

_WHERE = {"score": "api", "DATE_TYPES": "tables", "GROUPS": "tables", "CLITICS": "settings",
          "SCHEMES": "settings", "UNITS": "settings", "Settings": "settings",
          "Signature": "settings", "score_keys": "settings", "Results": "results"}


def __getattr__(name: str):
    """Names load their module on first use (PEP 562): ``bench.scoring.settings`` alone
    does not import numpy and scipy, so the CLI starts fast."""
    if name not in _WHERE:
        raise AttributeError(f"module 'bench.scoring' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"bench.scoring.{_WHERE[name]}"), name)
