"""``bench run``: backends over a corpus, each in its own processes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tabulate import tabulate

from bench.cli.options import (
    CORPUS_HELP,
    add_all,
    add_cache,
    add_labels,
    add_nesting,
    add_run,
    cache_notes,
    check_run,
    open_cache,
)
from bench.cli.output import print_notes
from bench.io.formats import split_spec
from bench.problems import InputError

NAME = "run"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="run backends over a corpus, each in its own process",
                       description="Writes OUT/<backend>/<doc_id>.json (gold format) and "
                                   "OUT/run.json; for a shards:DIR corpus (larger than "
                                   "memory), OUT/<backend>/predictions.jsonl from one part "
                                   "per shard file (resumed when killed). A failing backend "
                                   "does not stop the others; "
                                   "the exit status is 1 when a backend failed, or when one "
                                   "named with --backend was unavailable.")
    p.add_argument("--backend", action="append",
                   help="registry name or module:Class, the module found from the current "
                        "folder first (repeatable; default: all available)")
    p.add_argument("--corpus", default=".", help=CORPUS_HELP)
    add_labels(p)
    add_nesting(p)
    p.add_argument("--out", default="runs", help="output directory")
    add_run(p)
    p.add_argument("--device", help="torch device of model backends: cpu, cuda, cuda:1 "
                                    "(default: cpu)")
    p.add_argument("--gpus-per-actor", type=float, default=0.0, metavar="N",
                   help="--engine ray with a shards: corpus: GPUs each backend actor "
                        "reserves (GPU model backends)")
    add_cache(p)
    add_all(p)
    p.set_defaults(func=run)
    return p


def _source(args: argparse.Namespace, corpus) -> dict:
    """What ``bench report --runs OUT`` needs to find this corpus again from anywhere."""
    from bench.fingerprint import texts_fingerprint

    fmt, path = split_spec(args.corpus)
    prefix = "" if str(args.corpus) == str(path) else f"{fmt}:"
    spec = f"{prefix}{path.resolve()}" if path.exists() else str(args.corpus)
    return {"corpus": spec, "labels": args.labels, "nesting": args.nesting,
            "texts_sha256": texts_fingerprint(corpus)}


def run(args: argparse.Namespace) -> int:
    from bench.extractors.record import safe_name
    from bench.extractors.registry import check_names, describe, known
    from bench.extractors.runner import run as run_backends
    from bench.loader import load_corpus

    named = check_names(args.backend or [])
    check_run(args)
    names = named or [n for n in known() if describe(n).available]
    if args.device:  # model backends read it in their own processes
        os.environ["BENCH_DEVICE"] = args.device
    fmt, folder = split_spec(args.corpus)
    if fmt == "shards":  # larger than memory: shard file by shard file, never loaded here
        from bench.extractors.shard_run import run_shards

        if args.labels or args.nesting:
            raise InputError.one("--labels/--nesting", "a shards: corpus is native JSONL or "
                                 "Parquet: convert it with the mapping first")
        records = run_shards(names, folder, Path(args.out), jobs=args.jobs, engine=args.engine,
                             address=args.address, gpus=args.gpus_per_actor,
                             timeout=args.timeout)
    else:
        if args.gpus_per_actor:
            raise InputError.one("--gpus-per-actor", "applies to shards: corpora with "
                                                     "--engine ray")
        corpus = load_corpus(args.corpus, args.labels, bad_values="absent",
                             nesting=args.nesting)
        print_notes(corpus.notes, corpus.name, args.all)
        cache = open_cache(args)
        records = run_backends(names, corpus, Path(args.out), timeout=args.timeout,
                               jobs=args.jobs, cache=cache, engine=args.engine,
                               address=args.address, source=_source(args, corpus))
        cache_notes(cache)
    rows = [(r.backend, r.status, r.annotations if r.status == "ok" else "",
             f"{r.timings['load_seconds']:.2f}" if r.timings else "",
             f"{r.timings['characters_per_second']:,.0f}" if r.timings.get(
                 "characters_per_second") else "", r.reason) for r in records]
    print(tabulate(rows, headers=["backend", "status", "annotations", "load s", "chars/s",
                                  "reason"], tablefmt="github"))
    for r in records:
        if r.status == "ok":
            print(f"{r.backend}: predictions in {Path(args.out) / safe_name(r.backend)}/")
    print(f"manifest {Path(args.out) / 'run.json'}; score them all with "
          f"`bench report --runs {args.out}`")
    # a named backend must run; in the default run an unavailable one is only reported
    bad = [r for r in records if r.status == "failed" or (named and r.status != "ok")]
    for r in bad:
        print(f"bench run: {r.backend} {r.status}: {r.reason}", file=sys.stderr)
    return 1 if bad else 0
