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
                                   "prints K-fold cross-validation scores, --holdout F the "
                                   "scores of the last fraction F of the sentences.")
    p.add_argument("--corpus", required=True, help=CORPUS_HELP)
    add_labels(p)
    add_nesting(p)
    p.add_argument("--model", choices=("crf", "linear"), default="crf",
                   help="crf (the train extra) or a linear classifier")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--seed", type=int, default=0,
                   help="random seed of the training, the clusters and the cross-validation")
    p.add_argument("--features", metavar="GROUPS",
                   help="feature groups beside the base features, comma-separated: ngrams, "
                        "names, clusters, or none (default: ngrams,names, and clusters when "
                        "--clusters-from is given)")
    p.add_argument("--clusters-from", action="append", default=[], metavar="SRC",
                   help="unlabelled text to learn word clusters from (repeatable): a corpus "
                        "FMT:PATH (its labels are never read) or a text file or folder of "
                        "*.txt files; saved with the model (default: none, no clusters)")
    p.add_argument("--cv", type=count(2), metavar="K",
                   help="K-fold cross-validation first (default: none)")
    p.add_argument("--holdout", type=float, metavar="F",
                   help="first score a model trained on all but the last fraction F of the "
                        "sentences on that fraction (a suite's holdout; default: none)")
    p.add_argument("--resamples", type=count(0), default=200,
                   help="bootstrap resamples of the cross-validation CIs")
    add_all(p)
    p.set_defaults(func=run)
    return p


def _groups(text: str | None, clusters: bool) -> tuple[str, ...]:
    """The groups ``--features`` names (``none``: none); unless it is given, the default
    groups and, with unlabelled text, clusters."""
    from bench.learn.features import DEFAULT_GROUPS, check_groups

    if text is None:
        return check_groups(DEFAULT_GROUPS + (("clusters",) if clusters else ()), "--features")
    if text == "none":
        return ()
    return check_groups([g.strip() for g in text.split(",") if g.strip()], "--features")


def run(args: argparse.Namespace) -> int:
    from bench.crossval import cross_validate, holdout_score
    from bench.io.atomic import atomic_path
    from bench.learn.clusters import learn_clusters
    from bench.learn.train import train
    from bench.loader import load_corpus

    if args.model == "crf":
        from bench.extractors.base import missing_module

        ok, why = missing_module("sklearn_crfsuite", "train")
        if not ok:
            raise InputError.one("--model crf", why)
    groups = _groups(args.features, bool(args.clusters_from))
    if "clusters" in groups and not args.clusters_from:
        raise InputError.one("--features", "clusters need unlabelled text: --clusters-from SRC")
    if args.clusters_from and "clusters" not in groups:
        raise InputError.one("--clusters-from", "given without the clusters feature group "
                                                "in --features")
    corpus = load_corpus(args.corpus, args.labels, bad_values="absent", nesting=args.nesting)
    print_notes(corpus.notes, corpus.name, args.all)
    clusters = None
    if args.clusters_from:
        started = time.perf_counter()
        clusters = learn_clusters(args.clusters_from, args.seed)
        print(f"clusters of {len(clusters.table)} words from {len(args.clusters_from)} "
              f"source(s) in {time.perf_counter() - started:.1f} s")
    what = f"{args.model} (features: {', '.join(groups) or 'base only'})"
    if args.cv:
        results, seconds = cross_validate(corpus, args.model, args.cv, args.seed, groups,
                                          clusters, resamples=args.resamples, trials=0)
        _print_scores(results, f"{args.cv}-fold cross-validation of {what} on {corpus.name} "
                               f"(folds of contiguous sentences; {sum(seconds):.1f} s):")
    if args.holdout is not None:
        results, took = holdout_score(corpus, args.model, args.holdout, args.seed, groups,
                                      clusters, resamples=args.resamples, trials=0)
        _print_scores(results, f"{what} trained on the first {1 - args.holdout:.0%} of the "
                               f"sentences of {corpus.name}, scored on the last "
                               f"{args.holdout:.0%} ({took:.1f} s):")
    started = time.perf_counter()
    tagger = train(corpus, args.model, args.seed, groups, clusters)
    out = Path(args.out)
    with atomic_path(out) as tmp:  # whole or not at all
        tagger.save(tmp)
    size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    print(f"trained {what} on {tagger.meta['sentences']} sentences of {corpus.name} in "
          f"{time.perf_counter() - started:.1f} s: labels {', '.join(tagger.meta['labels'])}; "
          f"clitics {tagger.meta['clitics']} the spans; {out}/ ({size:.1f} MB). "
          f"Use it as the backend sklearn-ner:{out}")
    return 0


def _print_scores(results, title: str) -> None:
    from bench.report.tables import label_table

    system = results.systems[0]
    print(title)
    for key in map(str, GATED):
        o = system.scores[key].overall
        print(f"\n{key}: micro P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f}")
        print(label_table(system, key).text())
