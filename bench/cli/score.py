"""``bench score``: prediction sets against gold."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.cli.options import (
    CORPUS_HELP,
    DEFAULTS,
    add_all,
    add_labels,
    add_nesting,
    add_statistics,
    count,
)
from bench.cli.output import print_notes
from bench.cli.scopes import known_scopes, label_scopes, system_names
from bench.cli.score_shards import score_in_shards
from bench.io.atomic import write_text
from bench.problems import InputError
from bench.scoring import CLITICS, SCHEMES, UNITS
from bench.scoring.keys import COMPAT_MODES

NAME = "score"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="score prediction sets against gold",
                       description="GOLD and each PRED: a corpus directory, a directory of "
                                   "annotation files (PRED only), a .jsonl file or FMT:PATH "
                                   "in any format (conll:sys.conll ...). Predictions are "
                                   "matched to gold documents by id (in another format, by "
                                   "position when no id is shared); texts must agree. "
                                   "Each PRED is scored on the labels its backend declares "
                                   "(from the run manifest, or --labels-of).")
    p.add_argument("gold", help=CORPUS_HELP)
    p.add_argument("predictions", nargs="+", metavar="PRED", help="prediction set")
    add_labels(p, " applied to GOLD, and to each PRED given as FMT:PATH")
    add_nesting(p)
    p.add_argument("--name", action="append",
                   help="name of each PRED, in order (default: its file or folder name)")
    p.add_argument("--labels-of", action="append", metavar="LABEL,LABEL|all",
                   help="labels each PRED is scored on, in order (default: from the run "
                        "manifest beside PRED, else every gold label)")
    p.add_argument("--json", metavar="OUT", help="write the Results JSON here (aggregates, "
                                                 "confusion, comparisons) (default: none)")
    p.add_argument("--alignment", metavar="FILE",
                   help="write every match and error with its context here (JSONL) "
                        "(default: none)")
    p.add_argument("--clitics", choices=(*CLITICS, "both"), default="both",
                   help="boundary matching; both: lenient reported beside strict")
    p.add_argument("--scheme", action="append", choices=SCHEMES,
                   help="matching scheme (repeatable; default: all computed, strict printed)")
    add_statistics(p)
    p.add_argument("--unit", choices=UNITS, default=DEFAULTS.unit,
                   help="resampling unit; auto: documents if >= 30, else paragraphs")
    p.add_argument("--shard-documents", type=count(1), metavar="N",
                   help="read and score N gold documents at a time: memory bounded by a "
                        "shard, same results (the listing goes shard by shard) "
                        "(default: all at once)")
    p.add_argument("--compat", metavar="MODE",
                   help=f"score as a published scorer does instead: "
                        f"{', '.join(COMPAT_MODES)} (docs/compat.md) (default: arabench's own)")
    p.add_argument("--scheme-tags", default="IOB2", metavar="SCHEME",
                   help="tag scheme of --compat seqeval-strict and of encoded spans: IOB2, "
                        "IOE2, IOBES, BILOU (default: %(default)s)")
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.loader import load_columns, load_prediction_columns
    from bench.report.console import render
    from bench.scoring import ScoreKey, Settings, score

    names = system_names(args.predictions, args.name)
    if args.labels_of and len(args.labels_of) != len(names):
        raise InputError.one("--labels-of", f"give one --labels-of per prediction set "
                                            f"({len(names)} PRED, {len(args.labels_of)} given)")
    if args.compat is not None:
        return run_compat(args, names)
    clitics = CLITICS if args.clitics == "both" else (args.clitics,)
    settings = Settings(schemes=tuple(args.scheme or SCHEMES), clitics=clitics,
                        resamples=args.resamples, trials=args.trials, seed=args.seed,
                        unit=args.unit, label_mapping=args.labels or "canonical")
    if args.shard_documents:
        results = score_in_shards(args, names, settings)
    else:
        gold = load_columns(args.gold, args.labels, nesting=args.nesting)
        print_notes(gold.notes, gold.name, args.all)
        systems = {}
        for name, path in zip(names, args.predictions, strict=True):
            systems[name] = load_prediction_columns(path, gold, args.labels, args.nesting)
            print_notes(systems[name].notes, str(path), args.all)
        scopes = label_scopes(names, args.predictions, args.labels_of)
        known_scopes(scopes, args.labels_of, gold.vocab["label"])
        results = score(gold, systems, settings, scopes=scopes,
                        alignment=bool(args.alignment))
        if args.alignment:
            results.write_alignment(Path(args.alignment))
    if args.json:
        write_text(Path(args.json), results.to_json())
    keys = [str(key) for key in ScoreKey.of(args.scheme or ("strict",), clitics)]
    print(render(results, keys))
    return 0


def run_compat(args: argparse.Namespace, names: list[str]) -> int:
    """``--compat MODE``: the corpus scored as that published scorer does."""
    from bench.loader import load_corpus, load_predictions, load_tags
    from bench.report.compat import render
    from bench.scoring.compat import MODES, SCHEME_TAGS, score_compat

    if args.compat not in MODES:
        raise InputError.one("--compat", f"unknown mode {args.compat!r} (known: "
                                         f"{', '.join(MODES)})")
    if args.scheme_tags not in SCHEME_TAGS:
        raise InputError.one("--scheme-tags", f"unknown scheme {args.scheme_tags!r} (known: "
                                              f"{', '.join(SCHEME_TAGS)})")
    for option in ("shard_documents", "alignment"):
        if getattr(args, option):
            raise InputError.one("--" + option.replace("_", "-"), "not with --compat: the "
                                 "published scorers score the whole corpus at once")
    gold = load_corpus(args.gold, args.labels, nesting=args.nesting)
    print_notes(gold.notes, gold.name, args.all)
    ids = [d.doc_id for d in gold.documents]
    systems, tags = {}, {}
    for name, path in zip(names, args.predictions, strict=True):
        systems[name] = load_predictions(path, gold, args.labels, args.nesting)
        print_notes(systems[name].notes, str(path), args.all)
        tags[name] = load_tags(path, args.labels, ids)
    scopes = label_scopes(names, args.predictions, args.labels_of)
    known_scopes(scopes, args.labels_of, {a.label for d in gold for a in d.annotations})
    results = score_compat(args.compat, gold, systems, gold_tags=load_tags(args.gold,
                           args.labels, ids), system_tags=tags, scheme=args.scheme_tags,
                           labels=args.labels or "canonical", scopes=scopes)
    if args.json:
        write_text(Path(args.json), results.to_json())
    print(render(results))
    return 0
