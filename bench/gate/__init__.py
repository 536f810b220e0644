"""The regression gate: :mod:`bench.gate.core` compares ``results.json`` with a committed
baseline (:func:`gate`, :func:`check`, :func:`update`); :mod:`bench.gate.formats` writes
the verdict as text, GitHub workflow commands and a step summary, JUnit XML, JSON and
benchmark-trend data.

Names load their module on first use (PEP 562), so the CLI can read
:data:`DEFAULT_TOLERANCE` for its options without importing the gate."""

from bench.gate.tolerance import DEFAULT_TOLERANCE

__all__ = ["BLOCKS", "DEFAULT_TOLERANCE", "F1", "Finding", "GateResult", "Snapshot",
           "baseline_from_results", "check", "check_baseline", "check_tolerance", "compare",
           "diff", "gate", "update"]


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'bench.gate' has no attribute {name!r}")
    from bench.gate import core

    return getattr(core, name)
