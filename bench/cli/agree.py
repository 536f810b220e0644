"""``bench agree``: inter-annotator agreement of annotation sets of the same texts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.cli.options import CORPUS_HELP, add_labels
from bench.problems import InputError

NAME = "agree"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="inter-annotator agreement of annotation sets",
                       description="A, B and any further SET: annotations of the same texts "
                                   "(same document ids and texts). Prints, per pair, strict "
                                   "and partial span F1 per label and group, TIMEX3 value "
                                   "and mod agreement, token-level Cohen's kappa (Fleiss' "
                                   "over three or more sets) and every disagreement.")
    p.add_argument("sets", nargs="+", metavar="SET", help=CORPUS_HELP)
    p.add_argument("--name", action="append",
                   help="name of each SET, in order (default: its path)")
    add_labels(p, " applied to every SET")
    p.add_argument("--common", action="store_true",
                   help="compare the documents every SET has, leaving the others out (a "
                        "second annotation of a sample); without it every SET must have the "
                        "same documents")
    p.add_argument("--json", metavar="OUT", help="write the agreement as JSON here "
                                                 "(default: none)")
    p.add_argument("--out", metavar="FILE", help="write the markdown report here "
                                                 "(default: print it)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.io.atomic import write_text
    from bench.loader import load_corpus
    from bench.report.agreement import render
    from bench.scoring.agreement import agree

    if len(args.sets) < 2:
        raise InputError.one("agree", "give two or more annotation sets of the same texts")
    names = args.name or [str(s) for s in args.sets]
    if len(names) != len(args.sets) or len(set(names)) != len(names):
        raise InputError.one("--name", f"give one distinct --name per SET ({len(args.sets)} "
                                       f"SET, names {names})")
    sets = [load_corpus(spec, args.labels) for spec in args.sets]
    result = agree(sets, names, common=args.common)
    if args.json:
        write_text(Path(args.json), json.dumps(result.to_dict(), ensure_ascii=False,
                                                indent=1) + "\n")
    text = render(result)
    if args.out:
        write_text(Path(args.out), text)
    else:
        print(text.rstrip("\n"))
    return 0
