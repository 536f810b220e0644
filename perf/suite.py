"""A suite run cold (empty prediction cache) and warm (everything cached), as users run it.

    python perf/suite.py                          # suites/arabic-dev.toml
    python perf/suite.py --suite suites/seed.toml

Runs ``bench suite run SUITE`` twice as its own process with a fresh cache folder:
cold, then warm. Printed: the wall time and peak RSS of each run and the ratio;
never asserted (these machines are noisy). Tasks whose corpus is absent (without
``../shared/corpora``) are skipped by the suite itself, and the figures say so.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from process import measure_rss  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", default=str(HERE.parent / "suites" / "arabic-dev.toml"))
    args = ap.parse_args()
    load = os.getloadavg()
    print(f"\nmachine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} at the start; suite {args.suite}")
    with tempfile.TemporaryDirectory(prefix="bench-suite-perf-") as tmp:
        cmd = [sys.executable, "-m", "bench", "suite", "run", args.suite, "--out",
               f"{tmp}/out", "--cache", f"{tmp}/cache"]
        cold = measure_rss(cmd, ok=(0, 1))
        warm = measure_rss(cmd, ok=(0, 1))
        summary = json.loads(Path(f"{tmp}/out/results.json").read_text("utf-8"))
    tasks = summary.get("tasks")
    ran = [t["name"] for t in tasks if t["status"] == "ok"] if tasks else ["(one task)"]
    skipped = [t["name"] for t in tasks if t["status"] != "ok"] if tasks else []
    print(f"tasks run: {', '.join(ran)}" + (f"; skipped: {', '.join(skipped)}" if skipped
                                            else ""))
    print("| run | wall s | peak RSS MB |\n|---|---|---|")
    print(f"| cold (empty cache) | {cold[0]:.1f} | {cold[1]:.0f} |")
    print(f"| warm (all cached) | {warm[0]:.1f} | {warm[1]:.0f} |")
    print(f"warm is {cold[0] / warm[0]:.1f}x faster than cold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
