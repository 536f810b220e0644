"""nervaluate as its own process on the project's JSONL files: the peer in ``make perf``.

    python perf/nervaluate_jsonl.py GOLD.jsonl PRED.jsonl

Reads both files with the standard json module, converts spans to nervaluate's
dict format (inclusive end offsets), runs ``Evaluator(...).evaluate()`` over the
labels found and prints the overall strict counts.
"""

from __future__ import annotations

import json
import sys


def spans(path: str) -> list[list[dict]]:
    with open(path, encoding="utf-8") as fh:
        return [[{"label": a["label"], "start": a["start"], "end": a["end"] - 1}
                 for a in json.loads(line)["annotations"]] for line in fh]


def main() -> int:
    from nervaluate import Evaluator

    gold, pred = spans(sys.argv[1]), spans(sys.argv[2])
    labels = sorted({a["label"] for doc in gold + pred for a in doc})
    results = Evaluator(gold, pred, tags=labels, loader="dict").evaluate()
    strict = results["overall"]["strict"]
    print(f"strict TP {strict.correct} FP {strict.actual - strict.correct} "
          f"FN {strict.possible - strict.correct}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
