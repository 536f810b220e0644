"""``bench list``: every backend, its version, labels and availability."""

from __future__ import annotations

import argparse
import json

from tabulate import tabulate

NAME = "list"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="every backend: version, labels, availability and why")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--check", metavar="SPEC",
                   help="is this backend (a name, module:Class or KIND:ARG) available here? "
                        "exit 1 when not, with the reason (default: list every backend)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.extractors.registry import MODEL_KINDS, check_names, describe, describe_all

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
    for _, (_, help_text) in MODEL_KINDS.items():
        print(f"  {help_text}")
    return 0
