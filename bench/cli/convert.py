"""``bench convert``: a corpus from one format to another."""

from __future__ import annotations

import argparse

from bench.cli.options import add_all, add_labels, add_nesting
from bench.cli.output import print_notes
from bench.io.formats import FORMATS, split_spec, write_corpus

NAME = "convert"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="convert a corpus between formats",
                       description="SRC and DST are PATH or FMT:PATH. The output is written "
                                   "whole or not at all. Formats: " + "; ".join(
                                       f"{f.name}: {f.help}" for f in FORMATS.values()))
    p.add_argument("src", help="corpus to read, PATH or FMT:PATH")
    p.add_argument("dst", help="where to write it, PATH or FMT:PATH")
    p.add_argument("--from", dest="from_format", choices=list(FORMATS),
                   help="format of SRC (default: the FMT: of SRC, else native)")
    p.add_argument("--to", choices=[n for n, f in FORMATS.items() if f.write],
                   help="format of DST (default: the FMT: of DST, else native)")
    add_labels(p)
    add_nesting(p)
    add_all(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.loader import iter_corpus
    src = f"{args.from_format}:{args.src}" if args.from_format else args.src
    fmt, out = split_spec(args.dst, default=args.to or "native")
    if args.to:
        fmt = args.to
    notes: list = []
    write_corpus(iter_corpus(src, args.labels, notes, bad_values="absent",
                             nesting=args.nesting), fmt, out, notes)
    print_notes(notes, str(src), args.all)
    print(f"wrote {fmt}:{out}")
    return 0
