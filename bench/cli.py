"""The ``bench`` command: a thin layer over the library API."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tabulate import tabulate

from bench import __version__
from bench.io.atomic import write_text
from bench.io.formats import FORMATS, split_spec, write_corpus
from bench.loader import iter_corpus, load_columns, load_corpus, load_prediction_columns
from bench.problems import BAD_VALUE, InputError, Problem, errors
from bench.scoring.settings import UNITS, Settings
from bench.stats import corpus_stats
from bench.validate import validate_paths

DEFAULTS = Settings()

MAX_SHOWN = 50
"""Lines of problems printed per file unless ``--all`` is given."""

GROUPED = 3
"""Problems of one kind in one file printed one by one up to this many; more are one line."""

_VARIABLE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+(?:\.\d+)?")
"""The parts of a message that vary between problems of one kind: quoted text, numbers."""


def print_problems(problems: list[Problem], show_all: bool = False, file=None) -> None:
    """One line per problem; without ``show_all``, warnings of one kind in one file (their
    messages equal but for quoted text and numbers) become one line with their count and
    first places when there are more than ``GROUPED`` (errors are each listed), and at most
    ``MAX_SHOWN`` lines are printed per file, then the count of the rest."""
    file = file or sys.stdout
    if show_all:
        for problem in problems:
            print(problem, file=file)
        return
    def kind(p: Problem) -> tuple[str, str, str]:
        return p.file, p.severity, _VARIABLE.sub("…", p.message)

    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault(kind(problem), []).append(problem)
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for problem in problems:  # in order; a collapsed kind where it first appears
        members = groups[kind(problem)]
        if len(members) <= GROUPED or problem.severity == "error":
            line = str(problem)
        elif problem is members[0]:
            line = str(Problem(problem.file, None, f"{kind(problem)[2]} ({len(members)} times: "
                               f"{', '.join(_place(p) for p in members[:GROUPED])}, ...; "
                               "--all lists each)", problem.severity))
        else:
            continue
        if shown[problem.file] < MAX_SHOWN:
            shown[problem.file] += 1
            print(line, file=file)
        else:
            hidden[problem.file] += 1
    for key, n in hidden.items():
        print(f"{key}: ... and {n} more line(s) of problems (--all shows them)", file=file)


def _place(problem: Problem) -> str:
    """Where a problem is within its file: ``line 12``, its item, or both."""
    line = problem.where[len(problem.file) + 1:]
    parts = ([f"line {line}"] if line else []) + ([problem.item] if problem.item else [])
    return " ".join(parts) or problem.message


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.paths or ["."]
    specs = [(p, *split_spec(p)) for p in paths]
    missing = [Problem(str(path), None, "no such file or directory")
               for _, fmt, path in specs if fmt != "native" and not path.exists()]
    if missing:
        raise InputError(missing)
    native = [path for _, fmt, path in specs if fmt == "native"]
    if args.labels and len(native) == len(specs):
        raise InputError.one("--labels", "applies to FMT:PATH corpora only: native files "
                                         "use the canonical labels")
    problems = validate_paths(native, corpus=args.corpus, predictions=args.predictions)
    for spec in (p for p, fmt, _ in specs if fmt != "native"):
        notes: list = []
        try:
            for _ in iter_corpus(spec, args.labels, notes, problems, nesting=args.nesting):
                pass
        except InputError as exc:  # unreadable (not just invalid) input
            problems += exc.problems
        problems += notes
    print_problems(problems, args.all)
    n_err = len(errors(problems))
    print(f"{n_err} error(s), {len(problems) - n_err} warning(s) in "
          f"{', '.join(map(str, paths))}", file=sys.stderr)
    return 1 if n_err else 0


def _notes(notes: list[Problem], name: str, show_all: bool) -> None:
    """Readers' warnings on stderr: each one (capped per file), then their count."""
    if not notes:
        return
    print_problems(notes, show_all, sys.stderr)
    absent = sum(n.code == BAD_VALUE for n in notes)
    print(f"{len(notes)} reader warning(s) in {name}"
          + (f", of which {absent} invalid TIMEX3 value(s) read as absent" if absent else ""),
          file=sys.stderr)


def cmd_stats(args: argparse.Namespace) -> int:
    notes: list = []
    stats = corpus_stats(iter_corpus(args.corpus, args.labels, notes, bad_values="absent",
                                     nesting=args.nesting),
                         str(split_spec(args.corpus)[1]))
    stats["values_read_as_absent"] = sum(n.code == BAD_VALUE for n in notes)
    _notes(notes, stats["corpus"], args.all)
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


def cmd_convert(args: argparse.Namespace) -> int:
    src = f"{args.from_format}:{args.src}" if args.from_format else args.src
    fmt, out = split_spec(args.dst, default=args.to or "native")
    if args.to:
        fmt = args.to
    notes: list = []
    write_corpus(iter_corpus(src, args.labels, notes, bad_values="absent",
                             nesting=args.nesting), fmt, out, notes)
    _notes(notes, str(src), args.all)
    print(f"wrote {fmt}:{out}")
    return 0


def _system_names(paths: list[str], given: list[str] | None) -> list[str]:
    names = given or [Path(p).stem if Path(p).is_file() else Path(p).resolve().name
                      for p in paths]
    if len(names) != len(paths):
        raise InputError.one("--name", f"give one --name per prediction set ({len(paths)} "
                                       f"PRED, {len(names)} --name)")
    if len(set(names)) != len(names):
        raise InputError.one("--name", f"prediction sets need distinct names, got {names}")
    return names


def _scopes(names: list[str], paths: list[str], given: list[str] | None
            ) -> dict[str, tuple[str, ...] | None]:
    """Labels each prediction set is scored on: ``--labels-of``, else its run manifest."""
    from bench.extractors.runner import declared_labels

    scopes: dict[str, tuple[str, ...] | None] = {}
    for i, (name, path) in enumerate(zip(names, paths, strict=True)):
        if given:
            labels = tuple(x for x in given[i].split(",") if x)
            scopes[name] = None if given[i] == "all" else labels
            if not labels:
                raise InputError.one("--labels-of", "give labels separated by commas, or all",
                                     given[i])
        else:
            scopes[name] = declared_labels(Path(path))
            if scopes[name] is None:
                print(f"{name}: no run manifest beside {path} and no --labels-of: scored on "
                      "every gold label", file=sys.stderr)
    return scopes


def _known_scopes(scopes: dict[str, tuple[str, ...] | None], given: list[str] | None,
                  gold_labels) -> None:
    """``--labels-of`` names labels of the gold or canonical ones: a typo (``LCO``) would
    silently score a system on nothing."""
    from bench.model import LABELS

    known = set(LABELS) | {label for label in gold_labels if label is not None}
    unknown = sorted({label for scope in (scopes.values() if given else ()) if scope
                      for label in scope} - known)
    if unknown:
        raise InputError.one("--labels-of", f"unknown label(s) {', '.join(unknown)} (known: "
                                            f"{', '.join(sorted(known))})")


def cmd_score(args: argparse.Namespace) -> int:
    from bench.report.console import render
    from bench.scoring import CLITICS, SCHEMES, Settings, score, score_keys

    names = _system_names(args.predictions, args.name)
    if args.labels_of and len(args.labels_of) != len(names):
        raise InputError.one("--labels-of", f"give one --labels-of per prediction set "
                                            f"({len(names)} PRED, {len(args.labels_of)} given)")
    clitics = CLITICS if args.clitics == "both" else (args.clitics,)
    settings = Settings(schemes=tuple(args.scheme or SCHEMES), clitics=clitics,
                        resamples=args.resamples, trials=args.trials, seed=args.seed,
                        unit=args.unit, label_mapping=args.labels or "canonical")
    if args.shard_documents:
        results = _score_in_shards(args, names, settings)
    else:
        gold = load_columns(args.gold, args.labels, nesting=args.nesting)
        _notes(gold.notes, gold.name, args.all)
        systems = {}
        for name, path in zip(names, args.predictions, strict=True):
            systems[name] = load_prediction_columns(path, gold)
            _notes(systems[name].notes, str(path), args.all)
        scopes = _scopes(names, args.predictions, args.labels_of)
        _known_scopes(scopes, args.labels_of, gold.vocab["label"])
        results = score(gold, systems, settings, scopes=scopes,
                        alignment=bool(args.alignment))
        if args.alignment:
            results.write_alignment(Path(args.alignment))
    if args.json:
        write_text(Path(args.json), results.to_json())
    keys = [key for key, _, _ in score_keys(args.scheme or ("strict",), clitics)]
    print(render(results, keys))
    return 0


def _score_in_shards(args: argparse.Namespace, names: list[str], settings):
    """``bench score --shard-documents N``: gold and predictions read and scored N gold
    documents at a time (:func:`bench.loader.iter_shards`, :func:`bench.scoring.score_shards`);
    the listing is written shard by shard, one temporary file per system."""
    import shutil
    import tempfile

    from bench.io.atomic import atomic_path
    from bench.loader import iter_shards
    from bench.scoring.api import score_shards
    from bench.scoring.results import write_listing

    notes: dict[str, list] = {}
    scopes = _scopes(names, args.predictions, args.labels_of)
    gold_labels: set[str] = set()

    def shards():  # the gold's labels seen on the way, for _known_scopes
        for gold, systems in iter_shards(args.gold, dict(zip(names, args.predictions,
                                                             strict=True)),
                                         args.shard_documents, args.labels, args.nesting,
                                         notes):
            gold_labels.update(gold.vocab["label"])
            yield gold, systems

    if not args.alignment:
        results = score_shards(shards(), settings, scopes=scopes)
        _known_scopes(scopes, args.labels_of, gold_labels)
    else:
        target = Path(args.alignment)
        with tempfile.TemporaryDirectory(dir=target.parent if target.parent.is_dir() else None
                                         ) as tmp:
            parts = {name: open(Path(tmp) / f"{i}.jsonl", "wb") for i, name in enumerate(names)}
            try:
                results = score_shards(shards(), settings, scopes=scopes,
                                       listing=lambda name, items: write_listing(parts[name],
                                                                                 items))
            finally:
                for fh in parts.values():
                    fh.close()
            _known_scopes(scopes, args.labels_of, gold_labels)
            with atomic_path(target) as out, open(out, "wb") as fh:
                for i in range(len(names)):
                    with open(Path(tmp) / f"{i}.jsonl", "rb") as part:
                        shutil.copyfileobj(part, fh)
    _notes(notes.get("", []), str(args.gold), args.all)
    for name, path in zip(names, args.predictions, strict=True):
        _notes(notes.get(name, []), str(path), args.all)
    return results


def cmd_list(args: argparse.Namespace) -> int:
    from bench.extractors.registry import KINDS, check_names, describe, describe_all

    if args.check:
        info = describe(check_names([args.check])[0])
        state = "available" if info.available else f"not available: {info.reason}"
        print(f"{args.check}: {state} (version {info.version}; labels "
              f"{', '.join(info.labels) or 'none'})")
        return 0 if info.available else 1
    infos = describe_all()
    if args.json:
        from dataclasses import asdict
        print(json.dumps([asdict(i) for i in infos], ensure_ascii=False, indent=2))
        return 0
    rows = [(i.name, i.version, ",".join(i.labels), "yes" if i.available else "no",
             i.reason or i.target) for i in infos]
    print(tabulate(rows, headers=["backend", "version", "labels", "available",
                                  "reason / target"], tablefmt="github"))
    print("\nModels, named KIND:ARG wherever a backend name is accepted (bench list --check "
          "SPEC says whether one is available here, and why not):")
    for _, (_, help_text) in KINDS.items():
        print(f"  {help_text}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bench.extractors.registry import check_names, describe, known
    from bench.extractors.runner import run

    named = check_names(args.backend or [])
    _check_run(args)
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
        _notes(corpus.notes, corpus.name, args.all)
        cache = _cache(args)
        records = run(names, corpus, Path(args.out), timeout=args.timeout, jobs=args.jobs,
                      cache=cache, engine=args.engine, address=args.address)
        _cache_notes(cache)
    rows = [(r.backend, r.status, r.annotations if r.status == "ok" else "",
             f"{r.timings['load_seconds']:.2f}" if r.timings else "",
             f"{r.timings['characters_per_second']:,.0f}" if r.timings.get(
                 "characters_per_second") else "", r.reason) for r in records]
    print(tabulate(rows, headers=["backend", "status", "annotations", "load s", "chars/s",
                                  "reason"], tablefmt="github"))
    print(f"predictions in {args.out}/<backend>/, manifest {args.out}/run.json")
    # a named backend must run; in the default run an unavailable one is only reported
    bad = [r for r in records if r.status == "failed" or (named and r.status != "ok")]
    for r in bad:
        print(f"bench run: {r.backend} {r.status}: {r.reason}", file=sys.stderr)
    return 1 if bad else 0


def _cache(args: argparse.Namespace):
    from bench.extractors.cache import PredictionCache, default_root

    if args.no_cache:
        return None
    return PredictionCache(Path(args.cache) if args.cache else default_root())


def _cache_notes(cache) -> None:
    if cache is not None and cache.fault:  # the run went on without it: one line
        print(f"warning: {cache.fault}", file=sys.stderr)
    for entry in cache.damaged if cache else []:
        print(f"cache: {entry}", file=sys.stderr)


def cmd_suite(args: argparse.Namespace) -> int:
    from bench.suite import load_suite

    suite = load_suite(args.suite)  # a bad suite is answered before the heavy imports
    from bench.extractors.registry import check_names
    from bench.pipeline import run_suite, write_suite_reports
    from bench.report.suite import activity, overview

    named = check_names(args.backend or [])
    _check_run(args)
    out = Path(args.out or f"reports/{suite.name}")
    cache = _cache(args)
    settings = Settings(resamples=args.resamples, trials=args.trials, seed=args.seed)
    started = time.perf_counter()
    done = run_suite(suite, out, named or None, cache, settings, args.timeout, args.jobs,
                     engine=args.engine, address=args.address)
    written = write_suite_reports(done, out)
    _cache_notes(cache)
    for run in done.tasks:
        if run.bench is not None:
            _notes(run.bench.corpus.notes, run.task.name, args.all)
    print(activity(done).text())
    if len(suite.tasks) > 1:
        print()
        print(overview(done).text())
    print(f"\nsuite {suite.name}: {sum(r.bench is not None for r in done.tasks)} task(s) run, "
          f"{sum(r.bench is None for r in done.tasks)} skipped, in "
          f"{time.perf_counter() - started:.1f} s; reports in {out}/"
          + (f" ({', '.join(p.name for p in written)} and tasks/<task>/)" if written else ""))
    bad = [(run.task.name, r) for run in done.tasks if run.bench for r in run.bench.runs
           if r.status == "failed" or (named and r.status != "ok")]
    for task, r in bad:
        print(f"bench suite run: {task}: {r.backend} {r.status}: {r.reason}", file=sys.stderr)
    if all(run.bench is None for run in done.tasks) and not args.allow_skipped:
        print(f"bench suite run: every task of {suite.name} was skipped: nothing was scored "
              "(--allow-skipped accepts that)", file=sys.stderr)
        return 1
    return 1 if bad else 0


def cmd_train(args: argparse.Namespace) -> int:
    from bench.io.atomic import atomic_path
    from bench.learn.train import cross_validate, train
    from bench.report.tables import label_table

    if args.model == "crf":
        from bench.extractors.base import missing_module

        ok, why = missing_module("sklearn_crfsuite", "train")
        if not ok:
            raise InputError.one("--model crf", why)
    corpus = load_corpus(args.corpus, args.labels, bad_values="absent", nesting=args.nesting)
    _notes(corpus.notes, corpus.name, args.all)
    if args.cv:
        results, seconds = cross_validate(corpus, args.model, args.cv, args.seed,
                                          resamples=args.resamples, trials=0)
        system = results.systems[0]
        print(f"{args.cv}-fold cross-validation of {args.model} on {corpus.name} (folds of "
              f"contiguous sentences; {sum(seconds):.1f} s):")
        for key in ("strict", "strict+lenient"):
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


CORPUS_HELP = ("corpus: a native directory or .jsonl, or FMT:PATH with FMT one of "
               f"{', '.join(FORMATS)} (default: .)")
LABELS_HELP = "label mapping: anercorp, wojood, or a mapping file (see bench/labels.py)"


def cmd_report(args: argparse.Namespace) -> int:
    from bench.pipeline import benchmark, write_reports

    settings = Settings(resamples=args.resamples, trials=args.trials, seed=args.seed,
                        label_mapping=args.labels or "canonical")
    corpus = load_corpus(args.corpus, args.labels, nesting=args.nesting)
    bench = benchmark(corpus, Path(args.runs), args.labels, settings)
    _notes(bench.corpus.notes, bench.corpus.name, args.all)
    for path in write_reports(bench, Path(args.out)):
        print(f"wrote {path}")
    if not bench.results.systems:  # the reports say so; so does the exit status
        from bench.report.markdown import nothing_scored

        print(f"bench report: {nothing_scored(bench)}", file=sys.stderr)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from bench.gate import check

    passed, report = check(Path(args.baseline), Path(args.results), args.tolerance,
                           use_ci=not args.no_ci, allow_skipped=args.allow_skipped)
    print(report)
    return 0 if passed else 1


def cmd_baseline(args: argparse.Namespace) -> int:
    from bench.gate import update

    update(Path(args.baseline), Path(args.results))
    print(f"baseline {args.baseline} rewritten from {args.results}")
    return 0


class Parser(argparse.ArgumentParser):
    """argparse with usage mistakes answered in one line (exit 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


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


def fraction(text: str) -> float:
    """argparse type: a finite number from 0 to 1 (nan, inf and negatives refused)."""
    from bench.gate import check_tolerance

    try:
        return check_tolerance(float(text))
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, got {text!r}"
                                         ) from None


def _statistics_options(p: argparse.ArgumentParser) -> None:
    """--resamples, --trials, --seed, with the defaults of :class:`Settings`."""
    p.add_argument("--resamples", type=count(0), default=DEFAULTS.resamples,
                   help=f"bootstrap resamples ({DEFAULTS.resamples}; 0: no confidence intervals)")
    p.add_argument("--trials", type=count(0), default=DEFAULTS.trials,
                   help=f"approximate randomisation trials ({DEFAULTS.trials}; 0: no "
                        "significance tests)")
    p.add_argument("--seed", type=int, default=DEFAULTS.seed)


def _run_options(p: argparse.ArgumentParser) -> None:
    """--timeout and --jobs of bench run and bench suite run (checked by _check_run)."""
    p.add_argument("--timeout", type=float, default=300.0,
                   help="seconds per worker process, i.e. per shard of a backend (300)")
    p.add_argument("--jobs", type=int, default=None,
                   help="worker processes at a time; a backend's documents are cut into up "
                        "to this many shards (default: cores)")


def _check_run(args: argparse.Namespace) -> None:
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


def _engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes (default), or a Ray cluster (the ray extra)")
    p.add_argument("--address", help="--engine ray: the cluster's address (default: start "
                                     "Ray on this machine)")


def _cache_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", metavar="DIR",
                   help="prediction cache (default: $XDG_CACHE_HOME/arabench/predictions)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again; store nothing")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="bench", description="Benchmark and evaluation suite for Arabic entities and dates. "
                                  "Exit status: 0 ok, 1 findings (invalid files, a failed "
                                  "backend, a regression), 2 usage or input errors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = Parser(add_help=False)
    common.add_argument("--all", action="store_true",
                        help=f"print every problem (default: the first {MAX_SHOWN} per file)")
    common.add_argument("--nesting", metavar="all|outer|inner|N",
                        help="CoNLL files with several tag columns: every level (all, the "
                             "default: the document is nested), the outermost, the innermost "
                             "spans, or column N (1 = outermost)")

    p = sub.add_parser("validate", parents=[common],
                       help="check gold or prediction files; non-zero exit on error",
                       description="Check corpus directories, annotation files or directories "
                                   "and JSONL files. Prints 'file: annotation id: problem'.")
    p.add_argument("paths", nargs="*", help="files, directories or FMT:PATH corpora "
                                            "(default: the current corpus, .)")
    p.add_argument("--labels", help=LABELS_HELP + " (for FMT:PATH corpora)")
    p.add_argument("--corpus", type=Path,
                   help="corpus holding seeds/<doc_id>.txt for annotation files "
                        "(default: the file's ../seeds, then ./seeds)")
    p.add_argument("--predictions", action="store_true",
                   help="prediction files: temporal values may be absent")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", parents=[common], help="per-label counts of a corpus")
    p.add_argument("corpus", nargs="?", default=".", help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("convert", parents=[common], help="convert a corpus between formats",
                       description="SRC and DST are PATH or FMT:PATH. The output is written "
                                   "whole or not at all. Formats: " + "; ".join(
                                       f"{f.name}: {f.help}" for f in FORMATS.values()))
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--from", dest="from_format", choices=list(FORMATS))
    p.add_argument("--to", choices=[n for n, f in FORMATS.items() if f.write])
    p.add_argument("--labels", help=LABELS_HELP)
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("list", help="every backend: version, labels, availability and why")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", metavar="SPEC",
                   help="is this backend (a name, module:Class or KIND:ARG) available here? "
                        "exit 1 when not, with the reason")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("run", parents=[common],
                       help="run backends over a corpus, each in its own process",
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
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--out", default="runs", help="output directory (default: runs)")
    _run_options(p)
    p.add_argument("--device", help="torch device of model backends (cpu, cuda, cuda:1; "
                                    "default cpu)")
    _engine_options(p)
    p.add_argument("--gpus-per-actor", type=float, default=0.0, metavar="N",
                   help="--engine ray with a shards: corpus: GPUs each backend actor "
                        "reserves (GPU model backends; default 0)")
    _cache_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("suite", help="bench suite run SUITE: every backend on every task",
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
    _run_options(p)
    p.add_argument("--all", action="store_true", help="print every reader note")
    p.add_argument("--allow-skipped", action="store_true",
                   help="exit 0 even when every task was skipped (their corpora missing)")
    _engine_options(p)
    _cache_options(p)
    _statistics_options(p)
    p.set_defaults(func=cmd_suite)

    p = sub.add_parser("train", parents=[common],
                       help="train the baseline tagger (scikit-learn) on an entity corpus",
                       description="Trains a token-level tagger on the entity labels of "
                                   "CORPUS and writes OUT (model.json + weights, no pickle); "
                                   "use it as the backend sklearn-ner:OUT. --cv K first "
                                   "prints K-fold cross-validation scores.")
    p.add_argument("--corpus", required=True, help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--model", choices=("crf", "linear"), default="crf")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--cv", type=count(2), metavar="K", help="K-fold cross-validation first")
    p.add_argument("--resamples", type=count(0), default=200,
                   help="bootstrap resamples of the cross-validation CIs (200)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("score", parents=[common], help="score prediction sets against gold",
                       description="GOLD and each PRED: a corpus directory, a directory of "
                                   "annotation files (PRED only) or a .jsonl file. Predictions "
                                   "are matched to gold documents by id; texts must agree. "
                                   "Each PRED is scored on the labels its backend declares "
                                   "(from the run manifest, or --labels-of).")
    p.add_argument("gold", help=CORPUS_HELP)
    p.add_argument("predictions", nargs="+", metavar="PRED")
    p.add_argument("--labels", help=LABELS_HELP + " (applied to GOLD)")
    p.add_argument("--name", action="append", help="name of each PRED, in order")
    p.add_argument("--labels-of", action="append", metavar="LABEL,LABEL|all",
                   help="labels each PRED is scored on, in order (default: from the run "
                        "manifest beside PRED, else every gold label)")
    p.add_argument("--json", metavar="OUT", help="write the Results JSON here (aggregates, "
                                                 "confusion, comparisons)")
    p.add_argument("--alignment", metavar="FILE",
                   help="write every match and error with its context here (JSONL)")
    p.add_argument("--clitics", choices=("strict", "lenient", "both"), default="both",
                   help="boundary matching; default: both, lenient reported beside strict")
    p.add_argument("--scheme", action="append", choices=("strict", "exact", "partial", "type"),
                   help="matching scheme (repeatable; default: all four computed, strict "
                        "printed)")
    _statistics_options(p)
    p.add_argument("--unit", choices=UNITS, default=DEFAULTS.unit,
                   help="resampling unit; auto: documents if >= 30, else paragraphs")
    p.add_argument("--shard-documents", type=count(1), metavar="N",
                   help="read and score N gold documents at a time: memory bounded by a "
                        "shard, same results (the listing goes shard by shard)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("report", parents=[common],
                       help="score every backend of a run and write the reports",
                       description="Writes OUT/results.json, summary.md, index.html and "
                                   "errors/<backend>.md from the predictions of RUNS.")
    p.add_argument("--corpus", default=".", help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--runs", default="reports/runs", help="output of bench run")
    p.add_argument("--out", default="reports")
    _statistics_options(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("check", help="regression gate: exit 1 when a backend got worse")
    p.add_argument("--baseline", default="reports/baseline.json")
    p.add_argument("--results", default="reports/results.json")
    p.add_argument("--tolerance", type=fraction, default=0.02,
                   help="largest allowed absolute F1 drop, from 0 to 1 (0.02)")
    p.add_argument("--no-ci", action="store_true",
                   help="do not fail on drops below the baseline's CI lower bound")
    p.add_argument("--allow-skipped", action="store_true",
                   help="let tasks of the baseline that were skipped (corpus missing) pass; "
                        "by default a skipped task fails the gate")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("baseline", help="bench baseline update: rewrite the baseline")
    p.add_argument("action", choices=["update"])
    p.add_argument("--baseline", default="reports/baseline.json")
    p.add_argument("--results", default="reports/results.json")
    p.set_defaults(func=cmd_baseline)
    return parser


def _quiet_stdout() -> None:
    """stdout was closed by its reader (``bench list | head``): stop writing quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """The ``bench`` command. Exit status: 0 ok; 1 findings (invalid files found by
    ``validate``, a failed backend, a gate regression); 2 usage and input errors, each
    answered in one line per problem; 3 an internal error (a bug: please report it)."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    prog = f"bench {args.command}"
    try:
        status = func(args)
        sys.stdout.flush()
        return status
    except InputError as exc:
        print_problems(exc.problems, getattr(args, "all", False), sys.stderr)
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a path that cannot be read or written
        where = exc.filename if exc.filename is not None else prog
        print(f"{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("BENCH_DEBUG"):
            raise
        print(f"{prog}: internal error: {type(exc).__name__}: {exc} (a bug: please report "
              "it; BENCH_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
