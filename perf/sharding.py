"""Local sharding: documents/s of ``bench run`` with 1 and 2 worker processes.

    python perf/sharding.py [--docs 20000]

Writes a synthetic corpus (the seed article's lines, as separate documents with their
own ids, repeated to ``--docs``), then runs ``bench run --backend rules-time
--no-cache`` as its own process with ``--jobs 1`` and ``--jobs 2``, in one run, and
prints the wall time, documents/s and the ratio; the two prediction folders are
compared byte for byte. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--backend", default="rules-time")
    args = ap.parse_args()
    from bench.io.native import write_jsonl
    from bench.loader import load_corpus
    from bench.model import Document

    seed = load_corpus(HERE.parent).documents[0]
    lines = [ln for ln in seed.text.split("\n") if ln.strip()]
    docs = [Document(f"doc{i:06d}", lines[i % len(lines)], seed.dct) for i in range(args.docs)]
    load = os.getloadavg()
    print(f"\nsharding: {args.docs} documents ({sum(len(d.text) for d in docs):,} characters), "
          f"{args.backend}, {os.cpu_count()} cores, load {load[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "c.jsonl"
        write_jsonl(docs, corpus)
        walls = {}
        for jobs in (1, 2):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "bench", "run", "--backend", args.backend,
                            "--corpus", str(corpus), "--out", f"{tmp}/j{jobs}", "--jobs",
                            str(jobs), "--no-cache"], check=True, capture_output=True)
            walls[jobs] = time.perf_counter() - t
            print(f"--jobs {jobs}: {walls[jobs]:.1f} s, {args.docs / walls[jobs]:,.0f} "
                  "documents/s (whole command)")
        name = args.backend
        same = not filecmp.dircmp(f"{tmp}/j1/{name}", f"{tmp}/j2/{name}").diff_files
        print(f"2 workers: {walls[1] / walls[2]:.2f}x the documents/s of 1; identical "
              f"predictions: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
