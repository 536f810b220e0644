"""``bench check``: the regression gate (its output options shared with ``bench diff``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench.gate.tolerance import DEFAULT_TOLERANCE
from bench.problems import InputError

NAME = "check"
FORMATS = ("text", "github", "junit", "json")


def fraction(text: str) -> float:
    """argparse type: a finite number from 0 to 1 (nan, inf and negatives refused)."""
    from bench.gate import check_tolerance

    try:
        return check_tolerance(float(text))
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, got {text!r}"
                                         ) from None


def output_format(text: str) -> tuple[str, str | None]:
    """argparse type: ``FORMAT`` or ``FORMAT:FILE``."""
    name, colon, path = text.partition(":")
    if name not in FORMATS or (colon and not path):
        raise argparse.ArgumentTypeError(f"{text!r}: give one of {', '.join(FORMATS)}, "
                                         "optionally as FORMAT:FILE")
    return name, path or None


def add_outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tolerance", type=fraction, default=DEFAULT_TOLERANCE,
                   help="largest allowed absolute F1 drop, from 0 to 1 (a suite file may set "
                        "its own per task and label) (default: %(default)s)")
    p.add_argument("--no-ci", action="store_true",
                   help="do not fail on drops below the baseline's CI lower bound")
    p.add_argument("--format", action="append", type=output_format, metavar="FORMAT[:FILE]",
                   help="text, github (workflow commands; and the job summary appended to "
                        "$GITHUB_STEP_SUMMARY when set), junit (JUnit XML) or json, to "
                        "standard output or FILE; repeatable (default: text, and github too "
                        "when GITHUB_ACTIONS is true)")
    p.add_argument("--trend", metavar="FILE",
                   help="write each backend's overall and group F1 in the "
                        "customBiggerIsBetter format of benchmark-tracking actions "
                        "(default: none)")


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="regression gate: exit 1 when a backend got worse")
    p.add_argument("--baseline", default="reports/baseline.json",
                   help="results JSON the new results are compared with")
    p.add_argument("--results", default="reports/results.json",
                   help="results JSON of bench report or bench suite run")
    add_outputs(p)
    p.add_argument("--allow-skipped", action="store_true",
                   help="let tasks of the baseline that were skipped (corpus missing) pass; "
                        "by default a skipped task fails the gate")
    p.set_defaults(func=run)
    return p


def emit(result, formats: list[tuple[str, str | None]] | None, trend: str | None) -> None:
    """Write the verdict in every format asked for (each to its file, or printed)."""
    from bench.gate import formats as out
    from bench.io.atomic import write_text

    if not formats:
        formats = [("text", None)] + ([("github", None)]
                                      if os.environ.get("GITHUB_ACTIONS") == "true" else [])
    for name, path in formats:
        body = out.WRITERS[name](result)
        if path:
            write_text(Path(path), body if body.endswith("\n") else body + "\n")
        elif body:
            print(body.rstrip("\n"))
        if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as fh:
                fh.write(out.step_summary(result))
    if trend:
        write_text(Path(trend), out.trend(result))


def run(args: argparse.Namespace) -> int:
    from bench.gate import gate

    result = gate(Path(args.baseline), Path(args.results), args.tolerance,
                  use_ci=not args.no_ci, allow_skipped=args.allow_skipped)
    emit(result, args.format, args.trend)
    return 0 if result.passed else 1
