"""Whole-process speed and memory of ``bench score`` on CoNLL files beside seqeval.

    python perf/conll.py                  # ANERcorp train and its 10x, 3 runs each
    python perf/conll.py --runs 5 --corpus PATH/ANERCorp.train

Gold: ANERcorp train (``../shared/corpora/anercorp/ANERCorp.train``; skipped with a
message when absent). Predictions: the same lines with 10% of the tags changed (seeded,
so every run scores the same files) to another tag of the corpus. The 10x workload is
each file written ten times over. Each tool runs as its own process on the same files,
alternately, ``--runs`` times: ``bench score conll:G conll:P --json out.json`` and
seqeval 1.2.2 (``perf/seqeval_conll.py``: read the tags, ``classification_report``).
Printed: the minimum wall time and peak RSS (``os.wait4``) of each, the ratios, and
whether the per-type counts (TP, predicted, gold) of arabench's strict scores equal
those of seqeval's default mode. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from process import measure_rss  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpora" / "anercorp" / "ANERCorp.train"
CHANGED = 0.10
SEED = 20261206


BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def write_pair(corpus: Path, gold: Path, pred: Path, copies: int) -> None:
    """``gold``: the corpus ``copies`` times; ``pred``: the same with a tenth of the tags
    changed (the same lines in every copy). A tag is changed only on a plain ``token TAG``
    line between two such lines: arabench skips a token of bidi marks only (reported)
    where seqeval reads an ``O`` token, so a change beside one could make the two differ
    by that reading rule, not by their chunking."""
    lines = corpus.read_bytes().decode("utf-8").splitlines(keepends=True)
    plain = [len(line.split()) == 2 and len(line.split(" ")) == 2
             and bool(line.split()[0].strip(BIDI)) for line in lines]
    tags = sorted({line.split()[-1] for line, ok in zip(lines, plain, strict=True) if ok})
    rnd = random.Random(SEED)
    changed = []
    for i, line in enumerate(lines):
        if all(plain[max(i - 1, 0):i + 2]) and rnd.random() < CHANGED:
            token, tag = line.split()
            line = f"{token} {rnd.choice([t for t in tags if t != tag])}\n"
        changed.append(line)
    for path, text in ((gold, "".join(lines)), (pred, "".join(changed))):
        with path.open("w", encoding="utf-8", newline="") as fh:
            for _ in range(copies):
                fh.write(text)


def our_counts(out_json: Path) -> dict[str, dict[str, int]]:
    """Per type TP, predicted and gold of the strict scores of ``bench score --json``."""
    scores = json.loads(out_json.read_text("utf-8"))["systems"][0]["scores"]["strict"]
    per = scores["per_label"]
    return {key: {t: int(per[t][field]) for t in sorted(per) if per[t][field]}
            for key, field in (("tp", "tp"), ("pred", "predicted"), ("gold", "support"))}


def run(corpus: Path, copies: int, folder: Path, runs: int
        ) -> tuple[tuple[float, float], tuple[float, float], bool]:
    """Prints the comparison; returns ours and seqeval's (wall, RSS) and whether the
    per-type counts are equal."""
    gold, pred = folder / f"gold-{copies}x.conll", folder / f"pred-{copies}x.conll"
    write_pair(corpus, gold, pred, copies)
    size = (gold.stat().st_size + pred.stat().st_size) / 1e6
    print(f"\n## ANERcorp train x{copies}: {size:.1f} MB of CoNLL (gold + predictions)")
    out_json = folder / "out.json"
    commands = {
        "bench score conll: conll: --json": [sys.executable, "-m", "bench", "score",
                                             f"conll:{gold}", f"conll:{pred}",
                                             "--json", str(out_json)],
        "seqeval classification_report": [sys.executable, str(HERE / "seqeval_conll.py"),
                                          str(gold), str(pred)],
    }
    best: dict[str, tuple[float, float]] = {}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, rss, _ = measure_rss(cmd)
            old = best.get(name, (wall, rss))
            best[name] = (min(wall, old[0]), min(rss, old[1]))
    ours, theirs = best["bench score conll: conll: --json"], best["seqeval classification_report"]
    print(f"| command | wall s (min of {runs}) | peak RSS MB | time vs seqeval | "
          "memory vs seqeval |")
    print("|---|---|---|---|---|")
    for name, (wall, rss) in best.items():
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {theirs[0] / wall:.2f}x faster | "
              f"{rss / theirs[1]:.2f}x |")
    counts = json.loads(measure_rss([sys.executable, str(HERE / "seqeval_conll.py"), str(gold),
                                     str(pred), "--counts"])[2])
    mine = our_counts(out_json)
    same = "EQUAL" if mine == counts else "DIFFER"
    print(f"per-type counts (TP, predicted, gold) {same} to seqeval's default mode: "
          f"ours {mine}" + ("" if mine == counts else f"; seqeval {counts}"))
    print(f"target: >= 2x seqeval's speed with <= its memory: speed "
          f"{'met' if theirs[0] >= 2 * ours[0] else 'NOT met'}, memory "
          f"{'met' if ours[1] <= theirs[1] else 'NOT met'}")
    for path in (gold, pred, out_json):
        path.unlink(missing_ok=True)
    return ours, theirs, mine == counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="ANERcorp train file "
                    "(default: %(default)s)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each tool, the minimum "
                                                        "printed (default: %(default)s)")
    ap.add_argument("--copies", type=int, action="append", metavar="N",
                    help="workloads: the corpus N times over (repeatable; default: 1 and 10)")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} not found (ANERcorp train; give it with --corpus)")
        return 0
    try:
        import seqeval  # noqa: F401
    except ImportError:
        print("skipped: seqeval not installed (pip install seqeval, the [test] extra)")
        return 0
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} at the start")
    with tempfile.TemporaryDirectory(prefix="bench-perf-conll-") as tmp:
        for copies in args.copies or [1, 10]:
            run(args.corpus, copies, Path(tmp), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
