"""A newcomer's first commands, through the real command (a subprocess): every message
points to the next right command."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli_errors import bench

from bench.io.native import write_jsonl
from bench.model import Annotation, Document


def corpus(path: Path, n: int, prefix: str = "d") -> Path:
    docs = [Document(f"{prefix}{i:02d}", f"زار الوفد بغداد يوم {i}", "2021-07-26",
                     (Annotation("T1", 10, 15, "LOC", "بغداد"),)) for i in range(n)]
    write_jsonl(docs, path)
    return path


def test_report_takes_the_corpus_its_run_recorded(tmp_path):
    """bench report --runs DIR from another folder scores against the corpus bench run
    recorded in DIR/run.json (checked by its texts' hash); --corpus still decides."""
    gold = corpus(tmp_path / "gold.jsonl", 3)
    bench("run", "--corpus", str(gold), "--backend", "toy_backends:Toy", "--out",
          str(tmp_path / "runs"), expect=0)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = bench("report", "--runs", str(tmp_path / "runs"), "--out", "rep", "--resamples",
                 "5", "--trials", "5", cwd=elsewhere, expect=0)
    assert f"corpus: {gold} (recorded in {tmp_path / 'runs' / 'run.json'})" in done.stdout
    assert json.loads((elsewhere / "rep" / "results.json").read_text("utf-8"))["systems"]
    done = bench("report", "--runs", str(tmp_path / "nowhere"), cwd=elsewhere, expect=2)
    assert done.stderr.strip() == (f"{tmp_path / 'nowhere' / 'run.json'}: no run manifest: run "
                                   f"`bench run --out {tmp_path / 'nowhere'}` first")
    corpus(gold, 3, prefix="e")  # the corpus changed since the run
    done = bench("report", "--runs", str(tmp_path / "runs"), "--out", "rep", cwd=elsewhere,
                 expect=2)
    assert done.stderr.strip() == (
        f"{tmp_path / 'runs' / 'run.json'}: the corpus it records ({gold}) has changed since "
        "the run (its texts differ): give the corpus with --corpus, or run again")


def test_documents_of_another_corpus_are_one_line(tmp_path):
    corpus(tmp_path / "a.jsonl", 12)
    bench("run", "--corpus", "a.jsonl", "--backend", "toy_backends:Toy", "--out", "runs",
          cwd=tmp_path, expect=0)
    corpus(tmp_path / "b.jsonl", 1, prefix="zz")
    done = bench("report", "--runs", "runs", "--corpus", "b.jsonl", "--out", "rep",
                 cwd=tmp_path, expect=2)
    lines = done.stderr.strip().splitlines()
    assert sum("not in the gold corpus" in line for line in lines) == 1, lines
    assert ("12 documents (d00, d01, d02 and 9 more) not in the gold corpus (made on another "
            "corpus? give that corpus as the gold; bench report without --corpus takes the "
            "one its run.json records)") in done.stderr
    assert len(lines) <= 4, lines


def test_bench_run_prints_each_backends_own_folder(tmp_path):
    corpus(tmp_path / "a.jsonl", 2)
    done = bench("run", "--corpus", "a.jsonl", "--backend", "toy_backends:Spec", "--out",
                 "runs", cwd=tmp_path, expect=0)
    folder = next(p for p in (tmp_path / "runs").iterdir() if p.is_dir())
    assert folder.name not in ("toy:models", "toy:models/v1")  # a spec's folder: not its name
    assert f"toy:models/v1: predictions in {Path('runs') / folder.name}/" in done.stdout
    assert "<backend>" not in done.stdout


@pytest.mark.parametrize("args,expected", [
    (["run", "--bogus"], "bench run: unrecognized arguments: --bogus (see bench run --help)"),
    (["score", "--out"], "(see bench score --help)"),
    (["list", "--check", "nope"], "or KIND:ARG with KIND one of hf, spacy, llm, stanza, camel, "
                                  "gliner, sklearn-ner, e.g. sklearn-ner:models/anercorp)"),
])
def test_a_mistake_points_to_the_help_that_answers_it(args, expected):
    done = bench(*args, expect=2)
    assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_conll_file_given_bare_gets_the_conll_hint(tmp_path):
    for name, body in (("gold.conll", "زار B-PER\nبغداد O\n"),
                       ("sys.conll", "زار NN B-PER\nبغداد NN O\n")):  # a POS column too
        (tmp_path / name).write_text(body, "utf-8")
        done = bench("score", name, name, cwd=tmp_path, expect=2)
        assert done.stderr.strip() == (f"{name}: not a corpus directory (with seeds/) or a "
                                       f".jsonl file (a conll file? give it as conll:{name})")


def test_the_legend_explains_only_what_the_tables_show(tmp_path):
    gold = corpus(tmp_path / "gold.jsonl", 2)
    done = bench("score", str(gold), str(gold), "--resamples", "5", "--trials", "5",
                 expect=0)
    legend = done.stdout.split("\n\n")[1]
    assert legend.startswith("F1 with its 95% bootstrap CI (5 resamples).")
    for mark, said in (("—", "—: the backend does not declare"), ("0.000", "0.000: it declares"),
                       ("n/a", "n/a: no gold or predicted span"), ("vs the best", "tied:")):
        shown = mark in done.stdout.replace(legend, "")
        assert (said in legend) == shown, (mark, legend)


def _hint(code: str, cwd: Path, pythonpath: Path | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(pythonpath) if pythonpath else ""}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def test_install_hints_fit_how_arabench_is_installed(tmp_path):
    """From a source checkout: pip install -e with the checkout's path, and make bench for
    the extras it installs; installed from an index: pip install 'arabench[X]'."""
    code = ("import sys; sys.modules['dateparser'] = None; from bench.cli import main; "
            "sys.exit(main(['list', '--check', '{}']))")
    out = _hint(code.format("dateparser"), tmp_path)
    assert f"pip install -e '{ROOT}[dateparser]' (or make bench, which installs it)" in out
    out = _hint(code.format("hf:some/model").replace("'dateparser'", "'transformers'"),
                tmp_path)
    assert f"pip install -e '{ROOT}[models]'" in out and "make bench" not in out
    site = tmp_path / "site"
    shutil.copytree(ROOT / "bench", site / "bench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = _hint(code.format("dateparser"), tmp_path, site)
    assert "pip install 'arabench[dateparser]'" in out
    assert "pip install -e" not in out and "make bench" not in out


def test_make_bench_installs_what_the_hints_say_it_does():
    from bench.install import MAKE_BENCH_EXTRAS

    makefile = (ROOT / "Makefile").read_text("utf-8")
    extras = set(re.search(r"^EXTRAS \?= (\S+)", makefile, re.M).group(1).split(","))
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    offline = re.search(r'^offline = \["arabench\[([^]]+)\]"\]', pyproject, re.M).group(1)
    assert MAKE_BENCH_EXTRAS == extras | set(offline.split(","))


def test_an_offline_hub_task_is_skipped_in_one_line(tmp_path):
    corpus(tmp_path / "news.jsonl", 2)
    (tmp_path / "s.toml").write_text('''
name = "s"
backends = ["toy_backends:Toy"]

[[tasks]]
name = "hub"
corpus = "hf:nobody/no-such-dataset"
revision = "0123456789abcdef0123456789abcdef01234567"
split = "test"
kind = "entities"

[[tasks]]
name = "local"
corpus = "news.jsonl"
kind = "entities"
''', "utf-8")
    os.environ["HF_HUB_OFFLINE"] = "1"  # no network here either way; this makes it certain
    try:
        done = bench("suite", "run", "s.toml", "--out", "out", "--resamples", "5", "--trials",
                     "5", cwd=tmp_path, expect=0, timeout=60)
    finally:
        del os.environ["HF_HUB_OFFLINE"]
    said = [line for line in (done.stdout + done.stderr).splitlines() if "no-such-dataset" in line]
    assert len(said) == 1 and "(offline)" in said[0], done.stdout + done.stderr
    tasks = {t["name"]: t["status"] for t in
             json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))["tasks"]}
    assert tasks["local"] == "ok" and tasks["hub"] != "ok"


def test_what_the_readme_trains_is_ignored_by_git(tmp_path):
    done = subprocess.run(["git", "check-ignore", "-q", "models/anercorp/model.json"],
                          cwd=ROOT, timeout=30)
    assert done.returncode == 0, ".gitignore: models/ (bench train's output in the docs)"
    for doc in ("docs/guide.md", "docs/backends.md"):
        text = (ROOT / doc).read_text("utf-8")
        names = dict(re.findall(r"^([A-Z]+)=(\S+)$", text, re.M))  # S=../shared/corpora
        for spec in re.findall(r"bench train --corpus conll:(\S+)", text):
            spec = re.sub(r"\$([A-Z]+)", lambda m, v=names: v.get(m.group(1), m.group(0)), spec)
            assert (ROOT / spec).exists() or not (ROOT.parent / "shared").exists(), (doc, spec)


def readme_commands() -> list[tuple[str, list[str]]]:
    """(command, the output lines the README shows for it) of the README's console tour."""
    readme = (ROOT / "README.md").read_text("utf-8")
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:].split("  #")[0].strip(), []))
            elif out:
                out[-1][1].append(line)
    return out


@pytest.mark.slow  # the README's tour: five backends on the seed, a suite, the gate
def test_the_readmes_commands_work_as_written(tmp_path):
    """Each command of the README's tour, run as written (bench as python -m bench) in a
    copy of the repository's corpus; what the README shows of its output that does not
    vary (no timings) is what it prints."""
    for part in ("seeds", "gold", "suites", "news", "reports/baseline.json"):
        src, dst = ROOT / part, tmp_path / part
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dst)
    commands = readme_commands()
    assert len(commands) >= 5, "README.md: the console tour has no $ commands"
    for command, shown in commands:
        argv = shlex.split(command)
        assert argv[0] == "bench", command
        done = bench(*argv[1:], cwd=tmp_path, timeout=600)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        for line in shown:
            steady = line.strip() and not line.startswith(("|", "...")) \
                and not re.search(r"\d\.\d+ s\b", line) and "#" not in line
            if steady:
                assert line in done.stdout + done.stderr, (command, line, done.stdout)



def test_the_readmes_figures_are_generated():
    """The README's figures of make bench and make test are what make perf printed
    (perf/summary.py --readme), never typed."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"<!-- figures: begin -->\n(.*?)<!-- figures: end -->", readme, re.S)
    assert block, "README.md: no figures block (<!-- figures: begin --> ... end)"
    lines = block.group(1).splitlines()
    assert re.fullmatch(r"- `make bench`: [\d.]+ s with an empty prediction cache .*, [\d.]+ s "
                        r"when every prediction is cached \(warm `.venv`\)\.", lines[0]), lines
    assert re.fullmatch(r"- `make test`: \d+ s on two cores for \d+ tests \(the \d+ tests "
                        r"marked slow run in `make test-slow` and CI\)\.", lines[1]), lines
    assert re.search(r"Measured by `make perf` \(\d+ \w+ \d{4}, commit \w+, load", block.group(1))
