"""``bench report``: score every backend of a run and write the reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.cli.options import CORPUS_HELP, add_all, add_labels, add_nesting, add_statistics
from bench.cli.output import print_notes
from bench.problems import InputError
from bench.scoring.settings import Settings

NAME = "report"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="score every backend of a run and write the reports",
                       description="Writes OUT/results.json, summary.md, index.html and "
                                   "errors/<backend>.md from the predictions of RUNS.")
    p.add_argument("--corpus", help=CORPUS_HELP + " (default: the corpus RUNS/run.json "
                                                  "records, checked by its texts' hash; else .)")
    add_labels(p)
    add_nesting(p)
    p.add_argument("--runs", default="reports/runs", help="output of bench run")
    p.add_argument("--out", default="reports", help="report folder")
    add_statistics(p)
    add_all(p)
    p.set_defaults(func=run)
    return p


def _corpus(args: argparse.Namespace):
    """(corpus, labels): ``--corpus``, else the one ``bench run`` recorded in RUNS/run.json
    (with its labels and nesting unless given) if its texts are still those, else ``.``."""
    from bench.extractors.record import read_manifest, read_source
    from bench.fingerprint import texts_fingerprint
    from bench.loader import load_corpus

    if not args.corpus:
        read_manifest(Path(args.runs))  # no run there: say so, not that . is no corpus
    source = None if args.corpus else read_source(Path(args.runs))
    if source is None:
        return load_corpus(args.corpus or ".", args.labels, nesting=args.nesting), args.labels
    labels = args.labels or source.get("labels")
    where = str(Path(args.runs) / "run.json")
    try:
        corpus = load_corpus(source["corpus"], labels, nesting=args.nesting or source.get(
            "nesting"))
    except InputError as exc:
        raise InputError.one(where, f"the corpus it records ({source['corpus']}) cannot be "
                                    f"read ({exc.problems[0]}): give it with --corpus") from None
    if texts_fingerprint(corpus) != source.get("texts_sha256"):
        raise InputError.one(where, f"the corpus it records ({source['corpus']}) has changed "
                                    "since the run (its texts differ): give the corpus with "
                                    "--corpus, or run again")
    print(f"corpus: {source['corpus']} (recorded in {where})")
    return corpus, labels


def run(args: argparse.Namespace) -> int:
    from bench.pipeline import benchmark, write_reports

    corpus, labels = _corpus(args)
    settings = Settings(resamples=args.resamples, trials=args.trials, seed=args.seed,
                        label_mapping=labels or "canonical")
    bench = benchmark(corpus, Path(args.runs), labels, settings)
    print_notes(bench.corpus.notes, bench.corpus.name, args.all)
    for path in write_reports(bench, Path(args.out)):
        print(f"wrote {path}")
    if not bench.results.systems:  # the reports say so; so does the exit status
        from bench.report.markdown import nothing_scored

        print(f"bench report: {nothing_scored(bench)}", file=sys.stderr)
        return 1
    return 0
