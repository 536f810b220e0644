"""The regression gate: :mod:`bench.gate.core` compares ``results.json`` with a committed
baseline (:func:`gate`, :func:`check`, :func:`update`); :mod:`bench.gate.formats` writes
the verdict as text, GitHub workflow commands and a step summary, JUnit XML, JSON and
benchmark-trend data."""

from bench.gate.core import (
    BLOCKS,
    DEFAULT_TOLERANCE,
    F1,
    Finding,
    GateResult,
    Snapshot,
    baseline_from_results,
    check,
    check_baseline,
    check_tolerance,
    compare,
    diff,
    gate,
    update,
)

__all__ = ["BLOCKS", "DEFAULT_TOLERANCE", "F1", "Finding", "GateResult", "Snapshot",
           "baseline_from_results", "check", "check_baseline", "check_tolerance", "compare",
           "diff", "gate", "update"]
