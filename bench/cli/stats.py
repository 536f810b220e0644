"""``bench stats``: per-label counts of a corpus."""

from __future__ import annotations

import argparse
import json

from tabulate import tabulate

from bench.cli.options import CORPUS_HELP, add_all, add_labels, add_nesting
from bench.cli.output import print_notes
from bench.io.formats import split_spec
from bench.problems import BAD_VALUE

NAME = "stats"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="per-label counts of a corpus")
    p.add_argument("corpus", nargs="?", default=".", help=CORPUS_HELP)
    add_labels(p)
    add_nesting(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.corpus_stats import corpus_stats
    from bench.loader import iter_corpus

    notes: list = []
    stats = corpus_stats(iter_corpus(args.corpus, args.labels, notes, bad_values="absent",
                                     nesting=args.nesting),
                         str(split_spec(args.corpus)[1]))
    stats["values_read_as_absent"] = sum(n.code == BAD_VALUE for n in notes)
    print_notes(notes, stats["corpus"], args.all)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['corpus']}: {stats['documents']} document(s), {stats['characters']} "
          f"characters, {stats['annotations']} annotation(s) + {stats['optional']} optional"
          + (f"; {stats['values_read_as_absent']} invalid TIMEX3 value(s) read as absent"
             if stats["values_read_as_absent"] else ""))
    rows = [(label, n, stats["optional_per_label"].get(label, 0))
            for label, n in stats["per_label"].items()]
    print(tabulate(rows, headers=["label", "count", "optional"], tablefmt="github"))
    if stats["per_date_type"]:
        print()
        print(tabulate(stats["per_date_type"].items(), headers=["date type", "count"],
                       tablefmt="github"))
    return 0
