"""The gate in CI's own terms: GitHub workflow commands and job summary, JUnit XML
(validated against tests/fixtures/junit.xsd), the JSON verdict, trend data, bench diff,
suite tolerances, the pytest plugin, and the workflows of docs/ci.md, each run through
the CLI in a subprocess on a planted regression and on none."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_pipeline import reports  # noqa: F401  (the shared fixture)

TESTS = Path(__file__).resolve().parent
XSD = TESTS / "fixtures" / "junit.xsd"


def bench(*args, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    return subprocess.run([sys.executable, "-m", "bench", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**clean, "PYTHONPATH": str(TESTS),
                                                   **(env or {})})


@pytest.fixture
def planted(reports, tmp_path):  # noqa: F811
    """The reports folder with its baseline, and a copy whose gazetteer-ner PERSON strict
    F1 fell to 0.412."""
    folder = tmp_path / "reports"
    shutil.copytree(reports, folder, ignore=shutil.ignore_patterns("runs"))
    assert bench("baseline", "update", "--baseline", folder / "baseline.json", "--results",
                 folder / "results.json").returncode == 0
    data = json.loads((folder / "results.json").read_text("utf-8"))
    system = next(s for s in data["systems"] if s["name"] == "gazetteer-ner")
    system["scores"]["strict"]["per_label"]["PERSON"]["f1"] = 0.412
    (folder / "planted.json").write_text(json.dumps(data), "utf-8")
    return folder


def junit_cases(path: Path) -> list[tuple[str, str, bool]]:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(path))
    schema.assertValid(doc)
    return [(c.get("classname"), c.get("name"), c.find("failure") is not None)
            for c in doc.iter("testcase")]


@pytest.mark.parametrize("results,fails", [("planted.json", True), ("results.json", False)])
def test_check_speaks_github_junit_json_and_trend(planted, results, fails):
    out = planted / "out"
    out.mkdir()
    summary = out / "summary.md"
    done = bench("check", "--baseline", planted / "baseline.json", "--results",
                 planted / results, "--format", f"junit:{out / 'gate.xml'}", "--format",
                 f"json:{out / 'gate.json'}", "--format", "text", "--trend", out / "trend.json",
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == (1 if fails else 0), done.stderr
    errors = [ln for ln in done.stdout.splitlines() if ln.startswith("::error")]
    assert not errors  # explicit formats: no github commands unless asked for
    cases = junit_cases(out / "gate.xml")
    assert len(cases) > 20 and all(name for _, name, _ in cases)
    failing = [(c, n) for c, n, failed in cases if failed]
    assert failing == ([("results.gazetteer-ner", "PERSON strict")] if fails else [])
    verdict = json.loads((out / "gate.json").read_text("utf-8"))
    assert verdict["passed"] is not fails
    bad = [f for f in verdict["findings"] if f["fails"]]
    assert [(f["backend"], f["row"], f["scheme"], f["baseline"], f["now"]) for f in bad] == (
        [("gazetteer-ner", "PERSON", "strict", pytest.approx(0.588235), 0.412)] if fails
        else [])
    trend = json.loads((out / "trend.json").read_text("utf-8"))
    assert {"gazetteer-ner/strict/overall", "rules-time/strict/temporal"} <= {
        t["name"] for t in trend}
    assert all(set(t) == {"name", "unit", "value", "extra"} and t["unit"] == "F1"
               for t in trend)
    assert not summary.exists()  # written by the github format only
    text = done.stdout
    assert ("| gazetteer-ner | PERSON  | strict   | 0.588      | 0.412 | -0.176" in text) is fails


@pytest.mark.parametrize("results,fails", [("planted.json", True), ("results.json", False)])
def test_under_github_actions_errors_point_at_the_baseline(planted, results, fails):
    summary = planted / "step-summary.md"
    done = bench("check", "--baseline", planted / "baseline.json", "--results",
                 planted / results, env={"GITHUB_ACTIONS": "true",
                                         "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == (1 if fails else 0)
    errors = [ln for ln in done.stdout.splitlines() if ln.startswith("::error")]
    if not fails:
        assert not errors and "## arabench gate: passed" in summary.read_text("utf-8")
        return
    assert len(errors) == 1
    line = int(re.search(r"line=(\d+)", errors[0]).group(1))
    baseline = (planted / "baseline.json").read_text("utf-8").splitlines()
    assert baseline[line - 1].strip().startswith('"PERSON": {')
    assert errors[0].startswith("::error file=")
    assert re.search(r"::PERSON strict F1 0\.588 -> 0\.412 \(gazetteer-ner, baseline CI "
                     r"\[[0-9.]+, [0-9.]+\]\): dropped more than 0\.02$", errors[0])
    text = summary.read_text("utf-8")
    assert text.startswith("## arabench gate: FAILED, 1 regression(s)")
    assert "### Leaderboard: entities" in text and "★ best" in text


def test_diff_lists_every_change_and_fails_on_a_drop(planted):
    done = bench("diff", planted / "results.json", planted / "planted.json")
    assert done.returncode == 1 and "PERSON" in done.stdout and "-0.176" in done.stdout
    same = bench("diff", planted / "results.json", planted / "results.json", "--format",
                 "json")
    assert same.returncode == 0 and json.loads(same.stdout)["passed"] is True
    assert bench("diff", planted / "nothing.json", planted / "results.json").returncode == 2


SUITE = """
name = "toy"
backends = ["toy_backends:Slow", "toy_backends:Half"]

[[tasks]]
name = "news"
corpus = "news.jsonl"
kind = "entities"
"""


def toy_suite(tmp_path: Path, extra: str = "") -> Path:
    from test_suite import news

    news(tmp_path)
    (tmp_path / "toy.toml").write_text(SUITE + extra, "utf-8")
    done = bench("suite", "run", "toy.toml", "--out", "out", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert bench("baseline", "update", "--baseline", "base.json", "--results",
                 "out/results.json", cwd=tmp_path).returncode == 0
    return tmp_path / "base.json"


def raise_baseline(path: Path, backend: str, f1: float, ci: list[float]) -> None:
    """Plant a regression: the baseline says ``backend`` did better than it does."""
    data = json.loads(path.read_text("utf-8"))  # a one-task suite: one corpus's baseline
    for keys in data["systems"][backend].values():
        for row in keys.values():
            row.update(f1=f1, f1_ci=ci)
    path.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")


@pytest.mark.slow  # a suite run and four gates in subprocesses
def test_a_suite_sets_its_own_tolerances(tmp_path):
    base = toy_suite(tmp_path, 'tolerance = 0.4\ntolerances = {LOC = 0.3}\n')
    raise_baseline(base, "half", 0.9, [0.85, 0.95])  # now 0.667: within 0.4, below the CI
    done = bench("check", "--baseline", base, "--results", "out/results.json", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    strict = bench("check", "--baseline", base, "--results", "out/results.json",
                   "--format", "json", cwd=tmp_path)
    found = {(f["row"], f["scheme"]): f["tolerance"]
             for f in json.loads(strict.stdout)["findings"] if f["backend"] == "half"}
    assert found[("LOC", "strict")] == 0.3 and found[("entities", "strict")] == 0.4
    (tmp_path / "toy.toml").write_text(SUITE + "tolerances = {LOC = 2}\n", "utf-8")
    bad = bench("suite", "run", "toy.toml", "--out", "out", cwd=tmp_path)
    assert bad.returncode == 2 and "toy.toml: tasks[0].tolerances: a table of row names" \
        in bad.stderr


def pytest_gate(tmp_path: Path, base: Path) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text("", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "-rfs", "--arabench-suite", "toy.toml", "--arabench-baseline",
                           str(base), "--arabench-out", "gated", "-p", "no:xdist"],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(TESTS)})


@pytest.mark.slow  # pytest in pytest, three suite runs
def test_the_pytest_plugin_fails_exactly_the_rows_that_regressed(tmp_path):
    base = toy_suite(tmp_path)
    done = pytest_gate(tmp_path, base)
    assert done.returncode == 0, done.stdout[-3000:]
    passed = int(re.search(r"(\d+) passed", done.stdout).group(1))
    assert passed >= 8  # every gated score of both backends, and the task
    raise_baseline(base, "half", 0.9, [0.85, 0.95])
    data = json.loads(base.read_text("utf-8"))
    data["statuses"]["gone"] = "ok"  # ran then, not now
    data["systems"]["gone"] = {"strict": {"overall": {"f1": 1.0, "f1_ci": None}}}
    base.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
    done = pytest_gate(tmp_path, base)
    assert done.returncode == 1
    failed = sorted(re.findall(r"^FAILED ::(\S+)", done.stdout, re.M))
    rows = {f"arabench[half/{key}/{row}]" for key in ("strict", "strict+lenient")
            for row in ("overall", "LOC", "entities")}
    assert set(failed) - {"arabench[gone/strict/overall]"} <= rows
    assert {"arabench[half/strict/LOC]", "arabench[half/strict/overall]"} <= set(failed)
    assert "LOC strict F1 0.900 -> 0.667 (half, baseline CI [0.850, 0.950])" in done.stdout
    # a backend of the baseline that is missing now fails its items, naming why
    assert "arabench[gone/strict/overall]" in failed and "gone: failed: was ok, now missing" \
        in done.stdout
    assert not any("slow" in f for f in failed)


def workflow_commands(title: str) -> list[list[str]]:
    """The ``bench check`` command lines of one workflow of docs/ci.md."""
    text = (ROOT / "docs" / "ci.md").read_text("utf-8").split(f"## {title}")[1]
    block = text.split("```yaml")[1].split("```")[0]
    lines = [ln.strip().removeprefix("- ").removeprefix("run: ") for ln in block.splitlines()]
    return [ln.split()[1:] for ln in lines if ln.startswith(".venv/bin/bench check")]


@pytest.mark.slow  # four gates in subprocesses, like the tests above
@pytest.mark.parametrize("title,env", [
    ("GitHub Actions", {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "summary.md"}),
    ("GitLab CI", {"GITLAB_CI": "true"})])
@pytest.mark.parametrize("fails", [True, False])
def test_the_documented_workflows_run(planted, title, env, fails):
    """The workflows' gate step, in a checkout whose reports/ the suite step wrote."""
    (commands,) = workflow_commands(title)
    if fails:
        shutil.copy(planted / "planted.json", planted / "results.json")
    env = {k: str(planted.parent / v) if k == "GITHUB_STEP_SUMMARY" else v
           for k, v in env.items()}
    done = bench(*commands, env=env, cwd=planted.parent)
    assert done.returncode == (1 if fails else 0), done.stdout + done.stderr
    failing = [f for _, _, f in junit_cases(planted / "gate.xml") if f]
    assert len(failing) == (1 if fails else 0)
    assert ("::error " in done.stdout) is (fails and title == "GitHub Actions")
    if title == "GitHub Actions":
        assert json.loads((planted / "trend.json").read_text("utf-8"))
        assert "## arabench gate" in (planted.parent / "summary.md").read_text("utf-8")
    else:
        assert json.loads((planted / "gate.json").read_text("utf-8"))["passed"] is not fails


@pytest.mark.parametrize("option", ["xml", "junit:", "json:"])
def test_a_bad_format_is_one_line(tmp_path, option):
    done = bench("check", "--format", option, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "give one of text, github, junit, json" in done.stderr.strip().splitlines()[-1]
