"""``bench suite run SUITE``: every backend on every task of a suite file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.cli.options import (
    add_all,
    add_cache,
    add_run,
    add_statistics,
    cache_notes,
    check_run,
    open_cache,
)
from bench.cli.output import print_notes
from bench.scoring.settings import Settings

NAME = "suite"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="bench suite run SUITE: every backend on every task",
                       description="Runs each backend on each task of a suite file (TOML, "
                                   "see the README) whose kind its labels cover, through the "
                                   "prediction cache; writes per-task reports and an overview. "
                                   "A task whose corpus is absent is skipped with the reason. "
                                   "Exit 1 when a backend failed.")
    p.add_argument("action", choices=["run"])
    p.add_argument("suite", help="suite file, e.g. suites/arabic-dev.toml")
    p.add_argument("--backend", action="append",
                   help="run only these (repeatable; default: the suite's list, else all)")
    p.add_argument("--out", help="report folder (default: reports/<suite name>)")
    add_run(p)
    p.add_argument("--allow-skipped", action="store_true",
                   help="exit 0 even when every task was skipped (their corpora missing)")
    add_cache(p)
    add_statistics(p)
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.suite import load_suite

    suite = load_suite(args.suite)  # a bad suite is answered before the heavy imports
    from bench.extractors.registry import check_names
    from bench.pipeline import run_suite, write_suite_reports
    from bench.report.overview import activity, overview

    named = check_names(args.backend or [])
    check_run(args)
    out = Path(args.out or f"reports/{suite.name}")
    cache = open_cache(args)
    settings = Settings(resamples=args.resamples, trials=args.trials, seed=args.seed)
    started = time.perf_counter()
    done = run_suite(suite, out, named or None, cache, settings, args.timeout, args.jobs,
                     engine=args.engine, address=args.address)
    written = write_suite_reports(done, out)
    cache_notes(cache)
    for task in done.tasks:
        if task.bench is not None:
            print_notes(task.bench.corpus.notes, task.task.name, args.all)
    print(activity(done).text())
    if len(suite.tasks) > 1:
        print()
        print(overview(done).text())
    print(f"\nsuite {suite.name}: {sum(r.bench is not None for r in done.tasks)} task(s) run, "
          f"{sum(r.bench is None for r in done.tasks)} skipped, in "
          f"{time.perf_counter() - started:.1f} s; reports in {out}/"
          + (f" ({', '.join(p.name for p in written)} and tasks/<task>/)" if written else ""))
    bad = [(task.task.name, r) for task in done.tasks if task.bench for r in task.bench.runs
           if r.status == "failed" or (named and r.status != "ok")]
    for name, r in bad:
        print(f"bench suite run: {name}: {r.backend} {r.status}: {r.reason}", file=sys.stderr)
    if all(task.bench is None for task in done.tasks) and not args.allow_skipped:
        print(f"bench suite run: every task of {suite.name} was skipped: nothing was scored "
              "(--allow-skipped accepts that)", file=sys.stderr)
        return 1
    return 1 if bad else 0
