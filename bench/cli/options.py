"""The parser and the options several commands share, each defined once here and added
only to the commands that use it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.cli.output import MAX_SHOWN
from bench.io.formats import FORMATS
from bench.problems import InputError
from bench.scoring.settings import Settings

DEFAULTS = Settings()

CORPUS_HELP = ("corpus: a native directory or .jsonl, or FMT:PATH with FMT one of "
               f"{', '.join(FORMATS)}")
LABELS_HELP = ("label mapping: anercorp, wojood, a mapping file (see bench/labels.py), or "
               "native: every label kept as the corpus has it")


def count(minimum: int):
    """argparse type: a whole number >= ``minimum``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, got {value}")
        return value
    return parse


def add_all(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true",
                   help=f"print every problem and reader warning (without it: {MAX_SHOWN} "
                        "lines per file at most, warnings of one kind grouped)")


def add_nesting(p: argparse.ArgumentParser) -> None:
    p.add_argument("--nesting", metavar="all|outer|inner|N",
                   help="CoNLL files with several tag columns: every level (the document "
                        "is nested), the outermost, the innermost spans, or column N "
                        "(1 = outermost) (default: all)")


def add_labels(p: argparse.ArgumentParser, note: str = "") -> None:
    p.add_argument("--labels", help=f"{LABELS_HELP}{note} (default: the canonical labels)")


def add_statistics(p: argparse.ArgumentParser) -> None:
    """--resamples, --trials, --seed, with the defaults of :class:`Settings`."""
    p.add_argument("--resamples", type=count(0), default=DEFAULTS.resamples,
                   help="bootstrap resamples; 0: no confidence intervals")
    p.add_argument("--trials", type=count(0), default=DEFAULTS.trials,
                   help="approximate randomisation trials; 0: no significance tests")
    p.add_argument("--seed", type=int, default=DEFAULTS.seed,
                   help="seed of the resampling and of the randomisation trials")


def add_run(p: argparse.ArgumentParser) -> None:
    """--timeout, --jobs, --engine and --address of the commands that run backends
    (checked by :func:`check_run`)."""
    p.add_argument("--timeout", type=float, default=300.0,
                   help="seconds per worker process, i.e. per shard of a backend")
    p.add_argument("--jobs", type=int, default=None,
                   help="worker processes at a time; a backend's documents are cut into up "
                        "to this many shards (default: cores)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes, or a Ray cluster (the ray extra)")
    p.add_argument("--address", help="--engine ray: the cluster's address (default: start "
                                     "Ray on this machine)")


def check_run(args: argparse.Namespace) -> None:
    """The options of :func:`add_run` (and ``--gpus-per-actor``), before anything runs."""
    if getattr(args, "gpus_per_actor", 0) and args.engine != "ray":
        raise InputError.one("--gpus-per-actor", "applies to --engine ray only")
    if getattr(args, "gpus_per_actor", 0) < 0:
        raise InputError.one("--gpus-per-actor", f"must be 0 or more, got {args.gpus_per_actor:g}")
    if args.jobs is not None and args.jobs < 1:
        raise InputError.one("--jobs", f"must be at least 1, got {args.jobs}")
    if not 0 < args.timeout < float("inf"):  # nan and inf would never time out
        raise InputError.one("--timeout", "must be a positive, finite number of seconds, "
                                          f"got {args.timeout:g}")
    if args.engine == "ray":
        from bench.extractors.base import missing_module

        ok, why = missing_module("ray", "ray")
        if not ok:
            raise InputError.one("--engine ray", why)


def add_cache(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", metavar="DIR",
                   help="prediction cache (default: $XDG_CACHE_HOME/arabench/predictions)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again; store nothing")


def open_cache(args: argparse.Namespace):
    """The prediction cache of ``--cache``/``--no-cache`` (None: no cache)."""
    from bench.extractors.cache import PredictionCache, default_root

    if args.no_cache:
        return None
    return PredictionCache(Path(args.cache) if args.cache else default_root())


def cache_notes(cache) -> None:
    if cache is not None and cache.fault:  # the run went on without it: one line
        print(f"warning: {cache.fault}", file=sys.stderr)
    for entry in cache.damaged if cache else []:
        print(f"cache: {entry}", file=sys.stderr)
