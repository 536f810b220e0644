"""``bench train``: the baseline tagger (scikit-learn) on an entity corpus."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.cli.options import CORPUS_HELP, add_all, add_labels, add_nesting, count
from bench.cli.output import print_notes
from bench.problems import InputError
from bench.scoring import GATED

NAME = "train"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="train the baseline tagger (scikit-learn) on an entity corpus",
                       description="Trains a token-level tagger on the entity labels of "
                                   "CORPUS and writes OUT (model.json + weights, no pickle); "
                                   "use it as the backend sklearn-ner:OUT. --cv K first "
                                   "prints K-fold cross-validation scores.")
    p.add_argument("--corpus", required=True, help=CORPUS_HELP)
    add_labels(p)
    add_nesting(p)
    p.add_argument("--model", choices=("crf", "linear"), default="crf",
                   help="crf (the train extra) or a linear classifier")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--seed", type=int, default=0,
                   help="random seed of the training and the cross-validation")
    p.add_argument("--cv", type=count(2), metavar="K",
                   help="K-fold cross-validation first (default: none)")
    p.add_argument("--resamples", type=count(0), default=200,
                   help="bootstrap resamples of the cross-validation CIs")
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.crossval import cross_validate
    from bench.io.atomic import atomic_path
    from bench.learn.train import train
    from bench.loader import load_corpus
    from bench.report.tables import label_table

    if args.model == "crf":
        from bench.extractors.base import missing_module

        ok, why = missing_module("sklearn_crfsuite", "train")
        if not ok:
            raise InputError.one("--model crf", why)
    corpus = load_corpus(args.corpus, args.labels, bad_values="absent", nesting=args.nesting)
    print_notes(corpus.notes, corpus.name, args.all)
    if args.cv:
        results, seconds = cross_validate(corpus, args.model, args.cv, args.seed,
                                          resamples=args.resamples, trials=0)
        system = results.systems[0]
        print(f"{args.cv}-fold cross-validation of {args.model} on {corpus.name} (folds of "
              f"contiguous sentences; {sum(seconds):.1f} s):")
        for key in map(str, GATED):
            o = system.scores[key].overall
            print(f"\n{key}: micro P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f}")
            print(label_table(system, key).text())
    started = time.perf_counter()
    tagger = train(corpus, args.model, args.seed)
    out = Path(args.out)
    with atomic_path(out) as tmp:  # whole or not at all
        tagger.save(tmp)
    size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    print(f"trained {args.model} on {tagger.meta['sentences']} sentences of {corpus.name} in "
          f"{time.perf_counter() - started:.1f} s: labels {', '.join(tagger.meta['labels'])}; "
          f"clitics {tagger.meta['clitics']} the spans; {out}/ ({size:.1f} MB). "
          f"Use it as the backend sklearn-ner:{out}")
    return 0
