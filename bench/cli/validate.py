"""``bench validate``: check gold or prediction files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.cli.options import add_all, add_labels, add_nesting
from bench.cli.output import print_problems
from bench.io.formats import split_spec
from bench.labels import NATIVE, load_mapping
from bench.model import LABELS
from bench.problems import InputError, Problem, errors
from bench.schema import schema_file

NAME = "validate"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="check gold or prediction files; non-zero exit on error",
                       description="Check corpus directories, annotation files or directories "
                                   "and JSONL files. Prints 'file: annotation id: problem'.")
    p.add_argument("paths", nargs="*", help="files, directories or FMT:PATH corpora "
                                            "(default: the current corpus, .)")
    add_labels(p, " for FMT:PATH corpora")
    add_nesting(p)
    p.add_argument("--corpus", type=Path,
                   help="corpus holding seeds/<doc_id>.txt for annotation files "
                        "(default: the file's ../seeds, then ./seeds)")
    p.add_argument("--predictions", action="store_true",
                   help="prediction files: temporal values may be absent")
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.loader import iter_corpus
    from bench.validate import validate_paths
    paths = args.paths or ["."]
    specs = [(p, *split_spec(p)) for p in paths]
    missing = [Problem(str(path), None, "no such file or directory")
               for _, fmt, path in specs if fmt != "native" and not path.exists()]
    if missing:
        raise InputError(missing)
    native = [path for _, fmt, path in specs if fmt == "native"]
    schema = None
    if args.labels not in (None, NATIVE):
        load_mapping(args.labels)  # a mapping or schema that exists and reads
        schema = schema_file(args.labels)
        if schema is None and len(native) == len(specs):
            raise InputError.one("--labels", "applies to FMT:PATH corpora only: native files "
                                             "use the canonical labels (or any, with --labels "
                                             "native, or a schema file's)")
    labels = None if args.labels == NATIVE else schema.labels() if schema else LABELS
    problems = validate_paths(native, corpus=args.corpus,
                              predictions=args.predictions or schema is not None, labels=labels)
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
