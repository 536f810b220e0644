"""The ``bench`` command: a thin layer over the library API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tabulate import tabulate

from bench import __version__
from bench.io.formats import FORMATS, split_spec
from bench.loader import iter_corpus, load_corpus, load_predictions
from bench.model import Corpus
from bench.problems import InputError, errors
from bench.stats import corpus_stats
from bench.validate import validate_paths


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.paths or ["."]
    native = [Path(p) for p in paths if split_spec(p)[0] == "native"]
    problems = validate_paths(native, corpus=args.corpus, predictions=args.predictions)
    for spec in (p for p in paths if split_spec(p)[0] != "native"):
        notes: list = []
        try:
            for _ in iter_corpus(spec, args.labels, notes, problems):
                pass
        except InputError as exc:  # unreadable (not just invalid) input
            problems += exc.problems
        problems += notes
    for problem in problems:
        print(problem)
    n_err = len(errors(problems))
    print(f"{n_err} error(s), {len(problems) - n_err} warning(s) in "
          f"{', '.join(map(str, paths))}", file=sys.stderr)
    return 1 if n_err else 0


def _notes(corpus) -> None:
    """Readers' warnings: a count and the first few, on stderr."""
    if corpus.notes:
        print(f"{len(corpus.notes)} reader warning(s) in {corpus.name}, first ones:",
              file=sys.stderr)
        for note in corpus.notes[:5]:
            print(f"  {note}", file=sys.stderr)


def cmd_stats(args: argparse.Namespace) -> int:
    notes: list = []
    stats = corpus_stats(iter_corpus(args.corpus, args.labels, notes),
                         str(split_spec(args.corpus)[1]))
    _notes(Corpus([], stats["corpus"], notes))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['corpus']}: {stats['documents']} document(s), {stats['characters']} "
          f"characters, {stats['annotations']} annotation(s) + {stats['optional']} optional")
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
    writer = FORMATS[fmt].write
    if writer is None:
        raise SystemExit(f"bench convert: {fmt} can be read, not written")
    notes: list = []
    writer(iter_corpus(src, args.labels, notes), out, notes)
    _notes(Corpus([], str(out), notes))
    print(f"wrote {fmt}:{out}")
    return 0


def _system_names(paths: list[str], given: list[str] | None) -> list[str]:
    names = given or [Path(p).stem if Path(p).is_file() else Path(p).resolve().name
                      for p in paths]
    if len(names) != len(paths):
        raise SystemExit("bench score: give one --name per prediction set")
    if len(set(names)) != len(names):
        raise SystemExit(f"bench score: prediction sets need distinct names, got {names} "
                         "(use --name)")
    return names


def cmd_score(args: argparse.Namespace) -> int:
    from bench.report.console import render
    from bench.scoring import CLITICS, score

    gold = load_corpus(args.gold, args.labels)
    _notes(gold)
    names = _system_names(args.predictions, args.name)
    systems = {name: load_predictions(path, gold)
               for name, path in zip(names, args.predictions, strict=True)}
    clitics = CLITICS if args.clitics == "both" else (args.clitics,)
    results = score(gold, systems, schemes=args.scheme or ("strict", "exact", "partial", "type"),
                    clitics=clitics, resamples=args.resamples, trials=args.trials,
                    seed=args.seed, unit=args.unit, label_mapping=args.labels or "canonical")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(results.to_json(), encoding="utf-8")
    keys = ("strict", "strict+lenient") if args.clitics == "both" else \
        ((args.scheme or ["strict"])[0] + ("" if args.clitics == "strict" else "+lenient"),)
    print(render(results, keys))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from bench.extractors.registry import describe, known

    infos = [describe(name) for name in known()]
    if args.json:
        from dataclasses import asdict
        print(json.dumps([asdict(i) for i in infos], ensure_ascii=False, indent=2))
        return 0
    rows = [(i.name, i.version, ",".join(i.labels), "yes" if i.available else "no",
             i.reason or i.target) for i in infos]
    print(tabulate(rows, headers=["backend", "version", "labels", "available",
                                  "reason / target"], tablefmt="github"))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bench.extractors.registry import describe, known
    from bench.extractors.runner import run

    corpus = load_corpus(args.corpus, args.labels)
    _notes(corpus)
    names = args.backend or [n for n in known() if describe(n).available]
    records = run(names, corpus, Path(args.out), timeout=args.timeout, jobs=args.jobs)
    rows = [(r.backend, r.status, r.annotations if r.status == "ok" else "",
             f"{r.timings['load_seconds']:.2f}" if r.timings else "",
             f"{r.timings['characters_per_second']:,.0f}" if r.timings.get(
                 "characters_per_second") else "", r.reason) for r in records]
    print(tabulate(rows, headers=["backend", "status", "annotations", "load s", "chars/s",
                                  "reason"], tablefmt="github"))
    print(f"predictions in {args.out}/<backend>/, manifest {args.out}/run.json")
    failed = [r for r in records if r.status == "failed"]
    return 1 if failed and args.strict else 0


CORPUS_HELP = ("corpus: a native directory or .jsonl, or FMT:PATH with FMT one of "
               f"{', '.join(FORMATS)} (default: .)")
LABELS_HELP = "label mapping: anercorp, wojood, or a mapping file (see bench/labels.py)"


def cmd_report(args: argparse.Namespace) -> int:
    from bench.pipeline import benchmark, write_reports

    bench = benchmark(args.corpus, Path(args.runs), args.labels, resamples=args.resamples,
                      trials=args.trials, seed=args.seed,
                      label_mapping=args.labels or "canonical")
    _notes(bench.corpus)
    for path in write_reports(bench, Path(args.out)):
        print(f"wrote {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from bench.gate import check

    passed, report = check(Path(args.baseline), Path(args.results), args.tolerance,
                           use_ci=not args.no_ci)
    print(report)
    return 0 if passed else 1


def cmd_baseline(args: argparse.Namespace) -> int:
    from bench.gate import update

    update(Path(args.baseline), Path(args.results))
    print(f"baseline {args.baseline} rewritten from {args.results}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench", description="Benchmark and evaluation suite for Arabic entities and dates.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check gold or prediction files; non-zero exit on error",
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

    p = sub.add_parser("stats", help="per-label counts of a corpus")
    p.add_argument("corpus", nargs="?", default=".", help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("convert", help="convert a corpus between formats",
                       description="SRC and DST are PATH or FMT:PATH. Formats: " + "; ".join(
                           f"{f.name}: {f.help}" for f in FORMATS.values()))
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--from", dest="from_format", choices=list(FORMATS))
    p.add_argument("--to", choices=[n for n, f in FORMATS.items() if f.write])
    p.add_argument("--labels", help=LABELS_HELP)
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("list", help="every backend: version, labels, availability and why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("run", help="run backends over a corpus, each in its own process",
                       description="Writes OUT/<backend>/<doc_id>.json (gold format) and "
                                   "OUT/run.json. A failing backend is reported, not fatal.")
    p.add_argument("--backend", action="append",
                   help="registry name or module:Class (repeatable; default: all available)")
    p.add_argument("--corpus", default=".", help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--out", default="runs", help="output directory (default: runs)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per backend (300)")
    p.add_argument("--jobs", type=int, default=None, help="backends at a time (default: cores)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any backend failed")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("score", help="score prediction sets against gold",
                       description="GOLD and each PRED: a corpus directory, a directory of "
                                   "annotation files (PRED only) or a .jsonl file. Predictions "
                                   "are matched to gold documents by id; texts must agree.")
    p.add_argument("gold", help=CORPUS_HELP)
    p.add_argument("predictions", nargs="+", metavar="PRED")
    p.add_argument("--labels", help=LABELS_HELP + " (applied to GOLD)")
    p.add_argument("--name", action="append", help="name of each PRED, in order")
    p.add_argument("--json", metavar="OUT", help="write the full Results JSON here")
    p.add_argument("--clitics", choices=("strict", "lenient", "both"), default="both",
                   help="boundary matching; default: both, lenient reported beside strict")
    p.add_argument("--scheme", action="append", choices=("strict", "exact", "partial", "type"),
                   help="matching scheme (repeatable; default: all four)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (1000)")
    p.add_argument("--trials", type=int, default=1000,
                   help="approximate randomisation trials (1000)")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--unit", choices=("auto", "document", "paragraph"), default="auto",
                   help="resampling unit; auto: documents if >= 30, else paragraphs")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("report", help="score every backend of a run and write the reports",
                       description="Writes OUT/results.json, summary.md, index.html and "
                                   "errors/<backend>.md from the predictions of RUNS.")
    p.add_argument("--corpus", default=".", help=CORPUS_HELP)
    p.add_argument("--labels", help=LABELS_HELP)
    p.add_argument("--runs", default="reports/runs", help="output of bench run")
    p.add_argument("--out", default="reports")
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--trials", type=int, default=1000)
    p.add_argument("--seed", type=int, default=12345)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("check", help="regression gate: exit 1 when a backend got worse")
    p.add_argument("--baseline", default="reports/baseline.json")
    p.add_argument("--results", default="reports/results.json")
    p.add_argument("--tolerance", type=float, default=0.02,
                   help="largest allowed absolute F1 drop (0.02)")
    p.add_argument("--no-ci", action="store_true",
                   help="do not fail on drops below the baseline's CI lower bound")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("baseline", help="bench baseline update: rewrite the baseline")
    p.add_argument("action", choices=["update"])
    p.add_argument("--baseline", default="reports/baseline.json")
    p.add_argument("--results", default="reports/results.json")
    p.set_defaults(func=cmd_baseline)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
