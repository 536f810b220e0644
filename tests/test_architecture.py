"""The architecture as a contract: the import layers of pyproject.toml hold (lint-imports),
no module takes part in an import cycle (imports inside functions included), and the
package root is the documented library API."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

BIN = Path(sys.executable).parent


def test_the_import_layers_hold():
    done = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(
                        graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles():
    import grimp

    graph = grimp.build_graph("bench", cache_dir=None)
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    class Graph:  # a -> b -> c -> a, d alone
        modules = {"a", "b", "c", "d"}
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges.get(module, set())

    assert _cycles(Graph()) == [["a", "b", "c"]]


def test_the_package_root_is_the_library_api():
    code = ("import sys, bench; assert 'numpy' not in sys.modules; "
            "print(bench.score.__module__, bench.load_corpus.__module__, "
            "bench.Document.__module__, bench.Extractor.__name__, bench.__version__)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["bench.scoring.api", "bench.loader", "bench.model",
                                   "Extractor", "0.1.0"]
    done = subprocess.run([sys.executable, "-c", "import bench; bench.nothing"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert "module 'bench' has no attribute 'nothing'" in done.stderr


@pytest.mark.slow
def test_the_readme_library_example_runs(tmp_path):
    """The README's example, as written, scores predictions that bench run wrote."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"<!-- library-example -->\s*```python\n(.*?)```", readme, re.S)
    assert block, "README.md: no ```python block after <!-- library-example -->"
    code = block.group(1)
    assert len([line for line in code.splitlines() if line.strip()]) <= 4
    runs = tmp_path / "runs"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "bench", "run", "--backend", "rules-time", "--out",
                    str(runs), "--no-cache"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    prelude = f"PRED = {str(runs / 'rules-time')!r}\n"
    done = subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\s*[01]\.\d+\s*", done.stdout), done.stdout
