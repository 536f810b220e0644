"""Whole-process speed and memory of ``bench score`` beside nervaluate, as users run them.

    python perf/process.py                      # 4,000 and 20,000 documents x 50 spans
    python perf/process.py --workload 2000x500  # the dense variant (repeatable)
    python perf/process.py --workload 20000x50 --shard-documents 2000  # scoring in shards

Each workload (the generator of ``perf/scoring.py``) is written to gold and
prediction JSONL files; then, in the same run and one after the other, each tool
runs as its own process on the same files: ``bench score G P --json out.json``,
the same with ``--alignment``, and nervaluate 1.2.1 (``perf/nervaluate_jsonl.py``:
the json module, ``Evaluator(...).evaluate()``). Printed: wall time and peak RSS
of each process, and the ratios. Figures are printed, never asserted: compare the
ratios of one run, these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scoring import workload  # noqa: E402
from summary import measure  # noqa: E402

from bench.io.native import write_jsonl  # noqa: E402


def measure_rss(cmd: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one process (:func:`summary.measure`)."""
    run = measure(cmd, ok)
    return run.wall, run.rss_mb, run.out


def run_workload(n_docs: int, per_doc: int, folder: Path, shards: list[int]) -> None:
    t = time.perf_counter()
    g, p = folder / f"gold-{n_docs}x{per_doc}.jsonl", folder / f"pred-{n_docs}x{per_doc}.jsonl"
    # written by a child: a child forked from a large parent would start its peak RSS
    # at the parent's size (ru_maxrss counts the pages of the fork before exec)
    made = subprocess.run([sys.executable, __file__, "--write", str(n_docs), str(per_doc),
                           str(g), str(p)], check=True, capture_output=True, text=True)
    n_gold, n_pred = (int(x) for x in made.stdout.split())
    size = (g.stat().st_size + p.stat().st_size) / 1e6
    print(f"\n## {n_docs} documents x {per_doc}: {n_gold} gold + {n_pred} predicted spans, "
          f"{size:.0f} MB of JSONL (written in {time.perf_counter() - t:.1f} s)")
    bench = [sys.executable, "-m", "bench", "score", str(g), str(p), "--labels-of", "all"]
    out_json = folder / "out.json"
    rows = {}
    rows["bench score --json"] = measure_rss(bench + ["--json", str(out_json)])
    ours = json.loads(out_json.read_text("utf-8"))["systems"][0]["scores"]["strict"]["overall"]
    rows["bench score --json --alignment"] = measure_rss(
        bench + ["--json", str(out_json), "--alignment", str(folder / "alignment.jsonl")])
    whole = out_json.read_bytes()
    for n in shards:
        name = f"bench score --json --shard-documents {n}"
        rows[name] = measure_rss(bench + ["--json", str(out_json), "--shard-documents", str(n)])
        same = "identical to" if out_json.read_bytes() == whole else "DIFFERS FROM"
        print(f"{name}: results.json {same} the unsharded one")
    try:
        import nervaluate  # noqa: F401
    except ImportError:
        print("nervaluate not installed: pip install nervaluate (the [test] extra)")
        nerv = None
    else:
        rows["nervaluate (own process)"] = nerv = measure_rss(
            [sys.executable, str(HERE / "nervaluate_jsonl.py"), str(g), str(p)])
    print("| command | wall s | peak RSS MB | time vs nervaluate | memory vs nervaluate |")
    print("|---|---|---|---|---|")
    for name, (wall, rss, _) in rows.items():
        ratio = f"{nerv[0] / wall:.2f}x faster" if nerv else "n/a"
        mem = f"{rss / nerv[1]:.2f}x" if nerv else "n/a"
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {ratio} | {mem} |")
    with_al = rows["bench score --json --alignment"][0] / rows["bench score --json"][0]
    print(f"--alignment costs {with_al:.2f}x the time without it")
    if nerv:
        print(f"agreement: ours strict TP {ours['tp']:.0f} FP {ours['fp']:.0f} "
              f"FN {ours['fn']:.0f}; nervaluate {nerv[2].strip()}")
    for path in (g, p, out_json, folder / "alignment.jsonl"):
        path.unlink(missing_ok=True)


def write_workload(n_docs: int, per_doc: int, g: Path, p: Path) -> None:
    gold, pred = workload(n_docs, per_doc, 0.15, 0)
    write_jsonl(gold, g)
    write_jsonl(pred, p)
    print(sum(len(d.annotations) for d in gold), sum(len(d.annotations) for d in pred))


def main() -> int:
    if sys.argv[1:2] == ["--write"]:
        _, n_docs, per_doc, g, p = sys.argv[1:]
        write_workload(int(n_docs), int(per_doc), Path(g), Path(p))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", action="append", metavar="DOCSxPERDOC",
                    help="e.g. 20000x50 (repeatable; default: 4000x50 and 20000x50)")
    ap.add_argument("--shard-documents", type=int, action="append", default=[], metavar="N",
                    help="also time bench score --shard-documents N (repeatable)")
    args = ap.parse_args()
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} at the start")
    with tempfile.TemporaryDirectory(prefix="bench-perf-") as tmp:
        for spec in args.workload or ["4000x50", "20000x50"]:
            n_docs, per_doc = (int(x) for x in spec.lower().split("x"))
            run_workload(n_docs, per_doc, Path(tmp), args.shard_documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
