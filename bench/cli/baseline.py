"""``bench baseline update``: the baseline rewritten from new results."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "baseline"


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(NAME, help="bench baseline update: rewrite the baseline")
    p.add_argument("action", choices=["update"])
    p.add_argument("--baseline", default="reports/baseline.json", help="baseline to rewrite")
    p.add_argument("--results", default="reports/results.json",
                   help="results JSON it is rewritten from")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from bench.gate import update

    update(Path(args.baseline), Path(args.results))
    print(f"baseline {args.baseline} rewritten from {args.results}")
    return 0
