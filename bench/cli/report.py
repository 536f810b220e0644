"""``bench report``: score every backend of a run and write the reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.cli.options import CORPUS_HELP, add_all, add_labels, add_nesting, add_statistics
from bench.cli.output import print_notes
from bench.scoring.settings import Settings

NAME = "report"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="score every backend of a run and write the reports",
                       description="Writes OUT/results.json, summary.md, index.html and "
                                   "errors/<backend>.md from the predictions of RUNS.")
    p.add_argument("--corpus", default=".", help=CORPUS_HELP)
    add_labels(p)
    add_nesting(p)
    p.add_argument("--runs", default="reports/runs", help="output of bench run")
    p.add_argument("--out", default="reports", help="report folder")
    add_statistics(p)
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.loader import load_corpus
    from bench.pipeline import benchmark, write_reports

    settings = Settings(resamples=args.resamples, trials=args.trials, seed=args.seed,
                        label_mapping=args.labels or "canonical")
    corpus = load_corpus(args.corpus, args.labels, nesting=args.nesting)
    bench = benchmark(corpus, Path(args.runs), args.labels, settings)
    print_notes(bench.corpus.notes, bench.corpus.name, args.all)
    for path in write_reports(bench, Path(args.out)):
        print(f"wrote {path}")
    if not bench.results.systems:  # the reports say so; so does the exit status
        from bench.report.markdown import nothing_scored

        print(f"bench report: {nothing_scored(bench)}", file=sys.stderr)
        return 1
    return 0
