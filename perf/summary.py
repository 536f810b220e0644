"""``make perf``: every speed and memory target of the project, in one run, beside its peer.

    python perf/summary.py                 # start-up, 200k and 1M spans, suites, make test
    python perf/summary.py --quick         # start-up, 200k spans and make bench only
    python perf/summary.py --large         # also 10M spans unsharded (minutes, ~8 GB)
    python perf/summary.py --write docs/performance.md --readme README.md
                                           # also rewrite their generated parts

Each figure is a whole command as users type it, run as its own process (wall time from
start to exit, peak RSS and CPU from ``os.wait4``), the best of a few runs where it is
short; a peer runs in the same run on the same input: nervaluate 1.2.1 on the JSONL
files of ``perf/scoring.py``'s workload, seqeval on CoNLL (``perf/conll.py``), Python's
own start-up. Printed as one table with the date, the commit and the machine's load at
the start and the end; compare the ratios (these machines are noisy). Never asserted.
``--write FILE`` replaces the part of FILE between ``<!-- make perf: begin -->`` and
``<!-- make perf: end -->`` with the table, and ``--readme FILE`` the part between
``<!-- figures: begin -->`` and ``<!-- figures: end -->`` with the figures of the two
commands, so the figures in the docs are the ones a command printed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent
BEGIN, END = "<!-- make perf: begin -->", "<!-- make perf: end -->"
FIGURES_BEGIN, FIGURES_END = "<!-- figures: begin -->", "<!-- figures: end -->"
FIGURES: dict[str, str] = {}
"""The README's figures of ``make bench`` and ``make test``, as measured in this run."""


@dataclass
class Run:
    wall: float
    rss_mb: float
    cpu: float
    out: str


def measure(cmd: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None,
            env: dict | None = None) -> Run:
    """One process: wall seconds, peak RSS (MB) and CPU seconds (user + system) of it
    and its children that it waited for; an exit status outside ``ok`` stops here."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in ok:
            raise SystemExit(f"{' '.join(map(str, cmd))} failed ({code}): {err.read()[-2000:]}")
        return Run(wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, out.read())


def best(cmd: list[str], times: int, **kw) -> Run:
    return min((measure(cmd, **kw) for _ in range(times)), key=lambda r: r.wall)


@dataclass
class Row:
    measure: str
    ours: str
    peer: str
    ratio: str
    target: str
    met: bool | None


ROWS: list[Row] = []


def row(measure: str, ours: str, peer: str, ratio: str, target: str, met: bool | None) -> None:
    ROWS.append(Row(measure, ours, peer, ratio, target, met))
    print(f"  {measure}: {ours} | {peer} | {ratio} | target {target}", flush=True)


def startup() -> None:
    ours = best([str(BIN / "bench"), "--version"], 7)
    floor = best([sys.executable, "-c", "pass"], 7)
    row("start-up: `bench --version`", f"{ours.wall:.3f} s", f"python -c pass {floor.wall:.3f} s",
        f"{ours.wall / floor.wall:.1f}x Python's own", "<= 0.12 s", ours.wall <= 0.12)


def scoring(n_docs: int, per_doc: int, tmp: Path, peer: bool = True) -> tuple[Run, Run | None]:
    """``bench score G P --json`` and nervaluate on the same workload files."""
    g, p = tmp / "gold.jsonl", tmp / "pred.jsonl"
    made = subprocess.run([sys.executable, str(HERE / "process.py"), "--write", str(n_docs),
                           str(per_doc), str(g), str(p)], check=True, capture_output=True,
                          text=True)
    n_gold = int(made.stdout.split()[0])
    size = f"{n_gold / 1e6:.1f}M" if n_gold >= 1e6 else f"{n_gold / 1e3:.0f}k"
    out = tmp / "out.json"
    ours = measure([str(BIN / "bench"), "score", str(g), str(p), "--labels-of", "all",
                    "--json", str(out)])
    strict = json.loads(out.read_text("utf-8"))["systems"][0]["scores"]["strict"]["overall"]
    counts = f"TP {strict['tp']:.0f} FP {strict['fp']:.0f} FN {strict['fn']:.0f}"
    nerv = measure([sys.executable, str(HERE / "nervaluate_jsonl.py"), str(g), str(p)]) \
        if peer else None
    for path in (g, p, out):
        path.unlink(missing_ok=True)
    what = f"`bench score G P --json`, {size} gold spans"
    if nerv is None:
        row(what, f"{ours.wall:.2f} s, {ours.rss_mb:.0f} MB", "(nervaluate not run)", "",
            "", None)
        return ours, None
    same = "same counts" if nerv.out.strip() == f"strict {counts}" else \
        f"COUNTS DIFFER: ours {counts}, nervaluate {nerv.out.strip()}"
    row(what, f"{ours.wall:.2f} s", f"nervaluate {nerv.wall:.2f} s ({same})",
        f"{nerv.wall / ours.wall:.1f}x faster", ">= 8x", nerv.wall / ours.wall >= 8)
    row(f"peak RSS, {size} gold spans", f"{ours.rss_mb:.0f} MB", f"nervaluate {nerv.rss_mb:.0f} MB",
        f"{ours.rss_mb / nerv.rss_mb:.2f}x", "<= 0.5x", ours.rss_mb <= 0.5 * nerv.rss_mb)
    return ours, nerv


def conll() -> None:
    """``bench score conll:G conll:P`` beside seqeval (``perf/conll.py``), ANERcorp train
    and its 10x, when ../shared has it and seqeval is installed."""
    import importlib.util

    from conll import CORPUS, run

    if not CORPUS.exists() or importlib.util.find_spec("seqeval") is None:
        row("CoNLL vs seqeval", "(skipped: no ANERcorp train or no seqeval)", "", "", "", None)
        return
    with tempfile.TemporaryDirectory(prefix="bench-perf-conll-") as tmp:
        for copies in (1, 10):
            ours, theirs, same = run(CORPUS, copies, Path(tmp), 3 if copies == 1 else 1)
            what = "ANERcorp train" + (f" x{copies}" if copies > 1 else "")
            row(f"`bench score conll:G conll:P --json`, {what}", f"{ours[0]:.2f} s, "
                f"{ours[1]:.0f} MB", f"seqeval {theirs[0]:.2f} s, {theirs[1]:.0f} MB "
                f"({'same' if same else 'OTHER'} per-type counts)",
                f"{theirs[0] / ours[0]:.1f}x faster, {ours[1] / theirs[1]:.2f}x memory",
                ">= 2x, <= 1x memory", theirs[0] >= 2 * ours[0] and ours[1] <= theirs[1])


def suites(quick: bool) -> None:
    """Warm runs as users have them: the default prediction cache, after a first run."""
    make = ["make", "-s", "bench"]
    measure(make, ok=(0, 1), cwd=ROOT)  # sets up the venv if needed
    with tempfile.TemporaryDirectory(prefix="bench-perf-cache-") as cache:
        cold = measure(make, ok=(0, 1), cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": cache})
    row("`make bench` cold (an empty prediction cache)", f"{cold.wall:.1f} s", "", "", "", None)
    warm = best(make, 3, ok=(0, 1), cwd=ROOT)
    row("`make bench` warm (40 news articles + the seed; 5 backends; gate)", f"{warm.wall:.2f} s",
        "", "", "<= 1.0 s", warm.wall <= 1.0)
    FIGURES["bench"] = (f"`make bench`: {cold.wall:.1f} s with an empty prediction cache (the 40 "
                        "news articles and the seed; HeidelTime takes most of it), "
                        f"{warm.wall:.1f} s when every prediction is cached (warm `.venv`)")
    if quick:
        return
    with tempfile.TemporaryDirectory(prefix="bench-perf-suite-") as tmp:
        cmd = [str(BIN / "bench"), "suite", "run", str(ROOT / "suites" / "arabic-dev.toml"),
               "--out", tmp]
        measure(cmd, ok=(0, 1))
        warm = best(cmd, 3, ok=(0, 1))
    row("`bench suite run suites/arabic-dev.toml` warm", f"{warm.wall:.2f} s", "", "",
        "<= 2.5 s", warm.wall <= 2.5)


def make_test() -> None:
    done = measure(["make", "test"], cwd=ROOT)
    tail = re.search(r"(\d+) passed.* in ([\d.]+)s", done.out)
    tests = f"{tail.group(1)} tests, pytest {float(tail.group(2)):.1f} s" if tail else ""
    row("`make test` (not slow, 2 workers)", f"{done.wall:.1f} s", tests, "", "<= 45 s",
        done.wall <= 45)
    slow = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "slow",
                           "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True)
    n_slow = re.search(r"(\d+)/\d+ tests collected", slow.stdout)
    FIGURES["test"] = (f"`make test`: {done.wall:.0f} s on two cores for "
                       f"{tail.group(1) if tail else '?'} tests (the "
                       f"{n_slow.group(1) if n_slow else '?'} tests marked slow run in "
                       "`make test-slow` and CI)")


def table(header: str) -> str:
    lines = [header, "", "| measure | ours | peer | ratio | target | met |",
             "|---|---|---|---|---|---|"]
    for r in ROWS:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.measure} | {r.ours} | {r.peer} | {r.ratio} | {r.target} | {met} |")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str, begin: str = BEGIN, end: str = END) -> None:
    old = path.read_text("utf-8")
    if begin not in old or end not in old:
        raise SystemExit(f"{path}: no {begin} ... {end} part to rewrite")
    head, rest = old.split(begin, 1)
    path.write_text(f"{head}{begin}\n{text}{end}{rest.split(end, 1)[1]}", "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="start-up, 200k spans, make bench")
    ap.add_argument("--large", action="store_true", help="also 10M spans (minutes, ~8 GB)")
    ap.add_argument("--write", type=Path, metavar="FILE",
                    help="rewrite FILE's part between the make perf markers")
    ap.add_argument("--readme", type=Path, metavar="FILE",
                    help="rewrite FILE's figures of make bench and make test (not --quick)")
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "?"
    start_load = os.getloadavg()
    started = datetime.datetime.now(datetime.UTC)
    print(f"make perf: {started:%Y-%m-%d %H:%M} UTC, commit {commit}, {os.cpu_count()} cores, "
          f"load {start_load[0]:.2f}", flush=True)
    startup()
    with tempfile.TemporaryDirectory(prefix="bench-perf-") as tmp:
        scoring(4000, 50, Path(tmp))
        if not args.quick:
            one, _ = scoring(20000, 50, Path(tmp))
            if args.large:
                ten, _ = scoring(200000, 50, Path(tmp), peer=False)
                row("growth 1M -> 10M spans, CPU (user + system)", f"{ten.cpu / one.cpu:.1f}x",
                    f"{one.cpu:.1f} s -> {ten.cpu:.1f} s", "", "<= 11x",
                    ten.cpu / one.cpu <= 11)
    if not args.quick:
        conll()
    suites(args.quick)
    if not args.quick:
        make_test()
    end_load = os.getloadavg()
    header = (f"`make perf` ({'python perf/summary.py ' + ' '.join(sys.argv[1:])}), "
              f"{started:%Y-%m-%d %H:%M} UTC, commit {commit}, {os.cpu_count()} cores, load "
              f"average {start_load[0]:.2f} at the start, {end_load[0]:.2f} at the end.")
    text = table(header.replace("perf/summary.py  ", "perf/summary.py "))
    print("\n" + text)
    if args.write:
        write(args.write, text)
        print(f"{args.write}: the make perf part rewritten")
    if args.readme and not args.quick:
        when = f"{started:%-d %B %Y}, commit {commit}, load {start_load[0]:.1f}-{end_load[0]:.1f}"
        write(args.readme, f"- {FIGURES['bench']}.\n- {FIGURES['test']}.\n\nMeasured by "
              f"`make perf` ({when}) on the {os.cpu_count()}-core development machine; "
              "every figure beside its peer in [docs/performance.md](docs/performance.md).\n",
              FIGURES_BEGIN, FIGURES_END)
        print(f"{args.readme}: the figures rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
