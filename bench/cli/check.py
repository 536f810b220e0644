"""``bench check``: the regression gate."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.gate import DEFAULT_TOLERANCE
from bench.problems import InputError

NAME = "check"


def fraction(text: str) -> float:
    """argparse type: a finite number from 0 to 1 (nan, inf and negatives refused)."""
    from bench.gate import check_tolerance

    try:
        return check_tolerance(float(text))
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, got {text!r}"
                                         ) from None


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="regression gate: exit 1 when a backend got worse")
    p.add_argument("--baseline", default="reports/baseline.json",
                   help="results JSON the new results are compared with")
    p.add_argument("--results", default="reports/results.json",
                   help="results JSON of bench report or bench suite run")
    p.add_argument("--tolerance", type=fraction, default=DEFAULT_TOLERANCE,
                   help="largest allowed absolute F1 drop, from 0 to 1")
    p.add_argument("--no-ci", action="store_true",
                   help="do not fail on drops below the baseline's CI lower bound")
    p.add_argument("--allow-skipped", action="store_true",
                   help="let tasks of the baseline that were skipped (corpus missing) pass; "
                        "by default a skipped task fails the gate")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.gate import check

    passed, report = check(Path(args.baseline), Path(args.results), args.tolerance,
                           use_ci=not args.no_ci, allow_skipped=args.allow_skipped)
    print(report)
    return 0 if passed else 1
