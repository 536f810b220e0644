"""The ``bench`` command: a thin layer over the library API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tabulate import tabulate

from bench import __version__
from bench.loader import load_corpus
from bench.problems import InputError, errors
from bench.stats import corpus_stats
from bench.validate import validate_paths


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [Path(".")]
    problems = validate_paths(paths, corpus=args.corpus)
    for problem in problems:
        print(problem)
    n_err = len(errors(problems))
    print(f"{n_err} error(s), {len(problems) - n_err} warning(s) in "
          f"{', '.join(map(str, paths))}", file=sys.stderr)
    return 1 if n_err else 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = corpus_stats(load_corpus(args.corpus))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['corpus']}: {stats['documents']} document(s), {stats['characters']} "
          f"characters, {stats['annotations']} annotation(s) + {stats['optional']} optional")
    rows = [(label, n, stats["optional_per_label"].get(label, 0))
            for label, n in stats["per_label"].items()]
    print(tabulate(rows, headers=["label", "count", "optional"], tablefmt="github"))
    if stats["per_date_type"]:
        print()
        print(tabulate(stats["per_date_type"].items(), headers=["date type", "count"],
                       tablefmt="github"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench", description="Benchmark and evaluation suite for Arabic entities and dates.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check gold or prediction files; non-zero exit on error",
                       description="Check corpus directories, annotation files or directories "
                                   "and JSONL files. Prints 'file: annotation id: problem'.")
    p.add_argument("paths", nargs="*", type=Path, help="default: the current corpus (.)")
    p.add_argument("--corpus", type=Path,
                   help="corpus holding seeds/<doc_id>.txt for annotation files "
                        "(default: the file's ../seeds, then ./seeds)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="per-label counts of a corpus")
    p.add_argument("corpus", nargs="?", default=".", help="corpus directory or .jsonl file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
