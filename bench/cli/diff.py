"""``bench diff``: two results files compared as the gate compares."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.cli.check import add_outputs, emit

NAME = "diff"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="compare two results files: every row's change",
                       description="OLD and NEW: results.json of bench report or bench suite "
                                   "run. Each row of OLD is compared with NEW as the gate "
                                   "would (OLD's CI and --tolerance), every change listed; "
                                   "exit 1 when a row got worse.")
    p.add_argument("old", help="results.json before")
    p.add_argument("new", help="results.json after")
    add_outputs(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.gate import diff

    result = diff(Path(args.old), Path(args.new), args.tolerance, use_ci=not args.no_ci)
    emit(result, args.format, args.trend)
    return 0 if result.passed else 1
