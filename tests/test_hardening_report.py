"""Reports written as one set and surviving every failure, through the real command:
concurrent writers of one folder, temporaries of dead processes, a kill or a full disk
part-way through a report, every backend failed, hostile names and text in reports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_errors import TESTS, bench

from bench.io.native import write_jsonl
from bench.model import Annotation, Document

pytest.importorskip("matplotlib")

STATS = ("--resamples", "20", "--trials", "20")


def corpus(tmp_path: Path, texts: list[str] | None = None, ids: list[str] | None = None
           ) -> Path:
    """A native JSONL corpus; every document mentions بغداد (gold LOC)."""
    texts = texts or [f"قال مراسلنا في الخبر رقم {i} ان الوفد وصل الى بغداد امس"
                      for i in range(6)]
    docs = []
    for i, text in enumerate(texts):
        start = text.index("بغداد")
        docs.append(Document(ids[i] if ids else f"news{i:02d}", text, "2021-07-26",
                             (Annotation("T1", start, start + 5, "LOC", "بغداد"),)))
    path = tmp_path / "news.jsonl"
    write_jsonl(docs, path)
    return path


def run(tmp_path: Path, out: str, *backends: str, expect: int = 0) -> Path:
    bench("run", "--corpus", str(tmp_path / "news.jsonl"), "--out", str(tmp_path / out),
          *[a for b in backends for a in ("--backend", b)], cwd=tmp_path, expect=expect)
    return tmp_path / out


def patched(patch: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``bench ARGS`` in a process where ``patch`` (Python) ran first."""
    code = f"import sys\n{patch}\nfrom bench.cli import main\nsys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    env.pop("BENCH_DEBUG", None)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def files(folder: Path, skip: str = "runs") -> dict[str, bytes]:
    """Every file under ``folder`` (hidden temporaries too), but the run outputs."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and skip not in p.relative_to(folder).parts}


def hidden(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*"))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# 6a. six writers of one folder at once, 40 rounds: each renames in one step, the last
# one wins, none fails
@pytest.mark.slow
def test_six_processes_converting_into_one_folder_all_succeed(tmp_path):
    src = corpus(tmp_path)
    code = ("import os, sys, time\nfrom bench.cli import main\n"
            "while not os.path.exists(sys.argv[1]): time.sleep(0.001)\n"
            "for _ in range(40):\n"  # the old rename dance failed in 6 runs of 6
            "    assert main(['convert', sys.argv[2], sys.argv[3]]) == 0\n")
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(go), str(src),
                               str(tmp_path / "nat")], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    go.touch()
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    assert not any(errors), errors
    bench("validate", str(tmp_path / "nat"), expect=0)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# 6b. temporaries of dead processes go at the next write there; a live one's stay
@pytest.mark.slow
def test_temporaries_of_dead_processes_are_removed_and_live_ones_kept(tmp_path):
    src = corpus(tmp_path)
    dead, live = dead_pid(), os.getpid()
    stale = [f".nat.tmp-{dead}", f".nat.tmp-{dead}-0a1b2c3d", f".nat.old-{dead}-00ff00ff"]
    for name in stale + [f".nat.tmp-{live}-0a1b2c3d"]:
        (tmp_path / name / "seeds").mkdir(parents=True)
    bench("convert", str(src), str(tmp_path / "nat"), expect=0)
    assert hidden(tmp_path) == [f".nat.tmp-{live}-0a1b2c3d"]

    runs = run(tmp_path, "runs", "toy_backends:Toy")
    out = tmp_path / "out"
    out.mkdir()
    for name in (f".report.tmp-{dead}-12345678", f".errors.tmp-{dead}", f".errors.old-{dead}",
                 f".report.tmp-{live}-12345678"):
        (out / name).mkdir()
    (out / f".results.tmp-{dead}.json").write_text("{", "utf-8")
    bench("report", "--corpus", str(src), "--runs", str(runs), "--out", str(out), *STATS,
          expect=0)
    assert hidden(out) == [f".report.tmp-{live}-12345678"]
    assert json.loads((out / "results.json").read_text("utf-8"))["systems"]


# 6c. a report killed part-way leaves the previous set whole; the next run cleans up
@pytest.mark.slow
@pytest.mark.parametrize("module, function", [("bench.report.html", "render_html"),
                                              ("bench.report.markdown", "render_errors")])
def test_a_report_killed_part_way_leaves_the_previous_set_whole(tmp_path, module, function):
    src = corpus(tmp_path)
    one = run(tmp_path, "one", "toy_backends:Toy")
    two = run(tmp_path, "two", "toy_backends:Toy", "toy_backends:DeclaresTime")
    out = tmp_path / "out"
    report = ("report", "--corpus", str(src), "--out", str(out), *STATS)
    bench(*report, "--runs", str(one), expect=0)
    before = files(out)
    kill = f"import os, {module}\n{module}.{function} = lambda *a, **k: os._exit(9)"
    assert patched(kill, *report, "--runs", str(two), cwd=tmp_path).returncode == 9
    after = files(out)
    assert {k: v for k, v in after.items() if not k.startswith(".report.")} == before
    bench(*report, "--runs", str(two), expect=0)
    assert hidden(out) == []
    assert (out / "errors" / "declares-time.md").exists()


def suite(tmp_path: Path, backends: list[str], description: str = "") -> Path:
    corpus(tmp_path)
    path = tmp_path / "toy.toml"
    path.write_text(f"name = \"toy\"\ndescription = {json.dumps(description)}\n"
                    f"backends = {json.dumps(backends)}\n" + "".join(
                        f'[[tasks]]\nname = "{name}"\ncorpus = "news.jsonl"\n'
                        'kind = "entities"\n' for name in ("a", "b")), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_suite_killed_in_its_report_stage_leaves_every_report_whole(tmp_path):
    path = suite(tmp_path, ["toy_backends:Toy"])
    args = ("suite", "run", str(path), "--out", str(tmp_path / "out"), "--no-cache", *STATS)
    bench(*args, cwd=tmp_path, expect=0)
    before = files(tmp_path / "out")
    kill = ("import os, bench.report.overview\n"
            "bench.report.overview.render_suite_html = lambda *a, **k: os._exit(9)")
    done = patched(kill, *args, "--backend", "toy_backends:Toy", "--backend",
                   "toy_backends:DeclaresTime", cwd=tmp_path)
    assert done.returncode == 9, done.stderr
    after = files(tmp_path / "out")
    assert {k: v for k, v in after.items() if ".report." not in k} == before
    bench(*args, "--backend", "toy_backends:DeclaresTime", cwd=tmp_path, expect=0)
    assert hidden(tmp_path / "out") == []
    assert "declares-time" in (tmp_path / "out" / "tasks" / "b" / "summary.md").read_text()


FULL_DISK = ("import errno, os, pathlib\nopen_ = pathlib.Path.open\n"
             "def full(self, mode='r', *a, **k):\n"
             "    if 'w' in mode and self.suffix == '.html':\n"
             "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))\n"
             "    return open_(self, mode, *a, **k)\n"
             "pathlib.Path.open = full")
"""The disk fills up when an HTML file is written."""


# 6d. a full disk: the old set stays, one line names the output, exit 2
@pytest.mark.slow
def test_a_full_disk_leaves_the_previous_set_and_names_the_output(tmp_path):
    src = corpus(tmp_path)
    one = run(tmp_path, "one", "toy_backends:Toy")
    two = run(tmp_path, "two", "toy_backends:Toy", "toy_backends:DeclaresTime")
    out = tmp_path / "out"
    report = ("report", "--corpus", str(src), "--out", str(out), *STATS)
    bench(*report, "--runs", str(one), expect=0)
    before = files(out)
    done = patched(FULL_DISK, *report, "--runs", str(two), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"{out / 'index.html'}: cannot write: "
                                        f"{os.strerror(28)}"]
    assert files(out) == before


# 6c. a set whose writer died while moving it in is finished by the next writer of the
# folder, even one that then fails
@pytest.mark.slow
def test_a_set_half_moved_in_by_a_dead_writer_is_finished_by_the_next(tmp_path):
    src = corpus(tmp_path)
    runs = run(tmp_path, "runs", "toy_backends:Toy")
    out = tmp_path / "out"
    ready = out / f".report.ready-{dead_pid()}-0a1b2c3d"
    (ready / "errors").mkdir(parents=True)
    (ready / "errors" / "toy.md").write_text("new", "utf-8")
    (ready / "summary.md").write_text("new", "utf-8")
    (out / "results.json").write_text("new", "utf-8")  # moved in before the kill
    (out / "summary.md").write_text("old", "utf-8")
    (out / "errors").mkdir()
    (out / "errors" / "gone.md").write_text("old", "utf-8")
    done = patched(FULL_DISK, "report", "--corpus", str(src), "--runs", str(runs), "--out",
                   str(out), *STATS, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert files(out) == {"results.json": b"new", "summary.md": b"new",
                          "errors/toy.md": b"new"}


# 7. every backend failed: the reports say nothing was scored, and why; exit 1
@pytest.mark.slow
def test_reports_are_written_when_every_backend_failed(tmp_path):
    src = corpus(tmp_path)
    runs = run(tmp_path, "runs", "toy_backends:Raises", expect=1)
    out = tmp_path / "out"
    done = bench("report", "--corpus", str(src), "--runs", str(runs), "--out", str(out),
                 *STATS, expect=1)
    why = "raises failed: RuntimeError: model exploded"
    assert done.stderr.strip() == f"bench report: Nothing was scored: no backend ran " \
                                  f"successfully ({why})."
    summary = (out / "summary.md").read_text("utf-8")
    assert "## Nothing was scored" in summary and why in summary
    assert "Leaderboard" not in summary
    assert "<h2>Nothing was scored</h2>" in (out / "index.html").read_text("utf-8")
    assert json.loads((out / "results.json").read_text("utf-8"))["systems"] == []


@pytest.mark.slow
def test_a_suite_whose_backends_all_failed_still_writes_its_reports(tmp_path):
    path = suite(tmp_path, ["toy_backends:Raises"], "a | <b>bold</b> suite")
    done = bench("suite", "run", str(path), "--out", str(tmp_path / "out"), "--no-cache",
                 *STATS, cwd=tmp_path, expect=1)
    assert "a: raises failed: RuntimeError: model exploded" in done.stderr
    overview = (tmp_path / "out" / "summary.md").read_text("utf-8")
    assert "Nothing was scored on any task" in overview
    assert "a \\| &lt;b&gt;bold&lt;/b&gt; suite" in overview and "<b>" not in overview
    task = (tmp_path / "out" / "tasks" / "a" / "summary.md").read_text("utf-8")
    assert "Nothing was scored: no backend ran successfully (raises failed" in task
    assert "Nothing was scored" in (tmp_path / "out" / "index.html").read_text("utf-8")


# 8c and markdown: hostile backend names, ids and text are shown as they are
EVIL = '''from bench.extractors.base import span
from toy_backends import Toy


class Evil(Toy):
    name = "ev$\\\\frac$il|`x` <b>y</b>"

    def extract(self, document):
        i, j = document.text.find("بغداد"), document.text.find("<script>")
        return [span(document, i, i + 5, "LOC")] + \\
            ([span(document, j, j + 8, "LOC")] if j >= 0 else [])


class Under(Toy):
    name = "_under $x$"
'''


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


@pytest.mark.slow
def test_hostile_names_and_text_are_shown_as_they_are(tmp_path):
    src = corpus(tmp_path, ["نص | فيه `علامات` <script>alert(1)</script> و*نجوم* في بغداد",
                            "قال مراسلنا ان الوفد وصل الى بغداد امس"],
                 ["d|`1`<i>", "d2"])
    (tmp_path / "evil_backend.py").write_text(EVIL, "utf-8")
    runs = run(tmp_path, "runs", "evil_backend:Evil", "evil_backend:Under")
    out = tmp_path / "out"
    bench("report", "--corpus", str(src), "--runs", str(runs), "--out", str(out), *STATS,
          cwd=tmp_path, expect=0)
    name = "ev$\\\\frac$il\\|\\`x\\` &lt;b&gt;y&lt;/b&gt;"  # as markdown shows it
    summary = (out / "summary.md").read_text("utf-8")
    assert f"## {name}" in summary
    assert re.search(r"\|\s*\d+\s*\|\s*" + re.escape(name), summary)  # its leaderboard row
    assert "## \\_under $x$" in summary
    errors = [p.read_text("utf-8") for p in sorted((out / "errors").iterdir())]
    assert len(errors) == 2 and f"# Errors of {name}" in "".join(errors)
    assert "d\\|\\`1\\`&lt;i&gt;" in errors[1]  # the document id
    assert "LOC «&lt;script&gt;»" in errors[1]  # the false alarm
    assert "**&lt;script&gt;**alert(1)&lt;/script&gt; و\\*نجوم\\*" in errors[1]  # its context
    for text in [summary, *errors]:
        assert not re.search(r"<(script|b|i)\b", text)
        table: list[str] = []
        for line in text.splitlines() + [""]:
            if line.startswith("|"):
                table.append(line)
            elif table:
                assert len({unescaped_pipes(row) for row in table}) == 1, table
                table = []
    page = (out / "index.html").read_text("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    svg = page[page.index("<svg"):]
    assert "ev$\\frac$il|`x` &lt;b&gt;y&lt;/b&gt;" in svg  # a name, not a formula
    assert "_under $x$" in svg  # a name starting with _ is shown too
