"""The regression gate as pytest items (entry point ``pytest11``: ``arabench``).

``pytest --arabench-suite suites/seed.toml [--arabench-baseline FILE] [--arabench-out DIR]
[--arabench-tolerance X]`` adds one test item per task x backend x gated score (scheme
and row: overall, a label, date type or group) of the baseline, plus one per task for
what concerns the whole task (other settings, another gold, a skipped task). The first
item runs ``bench suite run`` once (through the prediction cache), then each item passes
or fails as ``bench check`` judges its row, with the baseline, now and CI in the failure;
an item of a backend that is unavailable here is skipped with the reason. Without
``--arabench-suite`` the plugin does nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("arabench", "arabench regression gate")
    group.addoption("--arabench-suite", metavar="SUITE",
                    help="run this benchmark suite and gate it against its baseline, one "
                         "test item per gated score")
    group.addoption("--arabench-baseline", metavar="FILE",
                    help="baseline (default: reports/baseline.json for suites/seed.toml, "
                         "else SUITE with .baseline.json, as make bench uses)")
    group.addoption("--arabench-out", metavar="DIR",
                    help="report folder (default: reports for the seed suite, else "
                         "reports/<suite file name>)")
    group.addoption("--arabench-tolerance", type=float, default=None,
                    help="largest allowed F1 drop (default: bench check's)")


def _paths(config: pytest.Config) -> tuple[Path, Path, Path]:
    suite = Path(config.getoption("arabench_suite"))
    seed = suite.name == "seed.toml"
    baseline = config.getoption("arabench_baseline") or (
        "reports/baseline.json" if seed else str(suite.with_suffix("")) + ".baseline.json")
    out = config.getoption("arabench_out") or ("reports" if seed else f"reports/{suite.stem}")
    return suite, Path(baseline), Path(out)


def _rows(baseline: Path) -> list[tuple[str, str, str, str]]:
    """(task, backend, key, row) of every gated score of the baseline ("" task: the
    baseline of one corpus)."""
    data = json.loads(baseline.read_text("utf-8"))
    tasks = data["tasks"] if "tasks" in data else {"": data}
    return [(task, backend, key, row) for task, base in tasks.items()
            for backend, keys in base["systems"].items()
            for key, rows in keys.items() for row in rows]


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    if not config.getoption("arabench_suite"):
        return
    _, baseline, _ = _paths(config)
    if not baseline.is_file():
        raise pytest.UsageError(f"{baseline}: no such baseline (make baseline writes one)")
    rows = _rows(baseline)
    for task in dict.fromkeys(t for t, *_ in rows):
        items.append(GateItem.from_parent(session, name=f"arabench[{task or 'results'}]",
                                          row=(task, "", "", "")))
    for row in rows:
        items.append(GateItem.from_parent(session, name="arabench[" + "/".join(
            x for x in row if x) + "]", row=row))


class GateFailure(AssertionError):
    """A regression, reported with its numbers only (no traceback)."""


def _verdict(config: pytest.Config):
    """The suite run and gated once per session."""
    cached = getattr(config, "_arabench_result", None)
    if cached is not None:
        return cached
    from bench.gate import DEFAULT_TOLERANCE, gate

    suite, baseline, out = _paths(config)
    done = subprocess.run([sys.executable, "-m", "bench", "suite", "run", str(suite),
                           "--out", str(out)], capture_output=True, text=True)
    if not (out / "results.json").is_file():
        raise GateFailure(f"bench suite run {suite} wrote no results (exit "
                          f"{done.returncode}): {done.stderr.strip()[-2000:]}")
    tolerance = config.getoption("arabench_tolerance")
    result = gate(baseline, out / "results.json",
                  DEFAULT_TOLERANCE if tolerance is None else tolerance)
    config._arabench_result = result
    return result


class GateItem(pytest.Item):
    def __init__(self, *, row: tuple[str, str, str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.row = row

    def runtest(self) -> None:
        from bench.gate.formats import _message

        task, backend, key, row = self.row
        result = _verdict(self.config)
        mine = [f for f in result.findings if f.task == task or (not task and not f.task)]
        if not backend:  # the task as a whole
            failing = [f for f in mine if f.fails and not f.backend]
            if failing:
                raise GateFailure("; ".join(_message(f) for f in failing))
            return
        status = [f for f in mine if f.backend == backend and not f.row]
        if any(f.verdict == "unavailable" for f in status):
            pytest.skip(f"{backend}: {status[0].reason}")
        failing = [f for f in status if f.fails] + [
            f for f in mine if f.backend == backend and str(f.key) == key and f.row == row
            and f.fails]
        if failing:
            raise GateFailure("; ".join(_message(f) for f in failing))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, GateFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name
