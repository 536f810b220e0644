"""Sharding: documents/s of ``bench run`` with 1 and 2 local workers and on Ray (2 CPUs).

    python perf/sharding.py [--docs 20000] [--shard-documents 2000]

Writes a synthetic corpus (the seed article's lines, as separate documents with their
own ids, repeated to ``--docs``), then runs ``bench run --backend rules-time
--no-cache`` as its own process with ``--jobs 1``, ``--jobs 2`` and, with the ray
extra, ``--engine ray --jobs 2`` (a local Ray started by the command), in one run, and
prints the wall time, documents/s and the ratios; the prediction folders are compared
byte for byte. Then the same corpus as shard files (``shards:DIR``, ``--shard-documents``
each; the larger-than-memory path) with the same engines and worker counts: their
``predictions.jsonl`` compared byte for byte, and with the first runs' files document by
document. Printed, never asserted.
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("--shard-documents", type=int, default=2000)
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
        runs = [("local, --jobs 1", "j1", ["--jobs", "1"]), ("local, --jobs 2", "j2",
                                                               ["--jobs", "2"])]
        try:
            import ray  # noqa: F401
            runs.append(("ray, 2 CPUs (--engine ray --jobs 2)", "ray",
                         ["--engine", "ray", "--jobs", "2"]))
        except ImportError:
            print("ray: skipped (pip install -e '.[ray]')")
        for label, folder, extra in runs:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "bench", "run", "--backend", args.backend,
                            "--corpus", str(corpus), "--out", f"{tmp}/{folder}", "--no-cache",
                            *extra], check=True, capture_output=True)
            walls[folder] = time.perf_counter() - t
            print(f"{label}: {walls[folder]:.1f} s, {args.docs / walls[folder]:,.0f} "
                  "documents/s (whole command)")
        name = args.backend
        for folder in walls:
            if folder != "j1":
                print(f"{folder}: {walls['j1'] / walls[folder]:.2f}x the documents/s of one "
                      f"local worker; predictions identical to it: "
                      f"{same_files(Path(tmp, 'j1', name), Path(tmp, folder, name))}")
        shard_runs(args, Path(tmp), docs, runs)
    return 0


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names)


def shard_runs(args, tmp: Path, docs, runs) -> None:
    import json

    from bench.io.shards import write_shards

    write_shards(docs, tmp / "shards", [], args.shard_documents)
    n_files = len(list((tmp / "shards").iterdir()))
    print(f"\nshard files: {n_files} of {args.shard_documents} documents (shards:DIR)")
    walls = {}
    for label, folder, extra in runs:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bench", "run", "--backend", args.backend,
                        "--corpus", f"shards:{tmp / 'shards'}", "--out", f"{tmp}/s-{folder}",
                        *extra], check=True, capture_output=True)
        walls[folder] = time.perf_counter() - t
        print(f"{label}: {walls[folder]:.1f} s, {args.docs / walls[folder]:,.0f} "
              "documents/s (whole command)")
    name = args.backend
    first = (tmp / "s-j1" / name / "predictions.jsonl").read_bytes()
    for folder in walls:
        if folder != "j1":
            same = (tmp / f"s-{folder}" / name / "predictions.jsonl").read_bytes() == first
            print(f"{folder}: {walls['j1'] / walls[folder]:.2f}x one worker; "
                  f"predictions.jsonl identical: {same}")
    runner = {p.stem: json.loads(p.read_text("utf-8"))["annotations"]
              for p in (tmp / "j1" / name).glob("*.json")}
    shards = {d["doc_id"]: d["annotations"] for d in map(json.loads, first.splitlines())}
    print(f"shard-file predictions equal the runner's document by document: {runner == shards}")


    return 0


if __name__ == "__main__":
    sys.exit(main())
