"""Suites: the file format and its errors, bench suite run, the prediction cache
(hits, misses, damage), resuming a killed run, per-task gate and provenance."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli_errors import TESTS, bench

from bench.io.native import write_jsonl
from bench.model import Annotation, Document

N_DOCS = 20


def news(tmp_path: Path, changed: int | None = None) -> Path:
    """A small native JSONL corpus: every document mentions بغداد (gold LOC)."""
    docs = []
    for i in range(N_DOCS):
        text = f"قال مراسلنا في الخبر رقم {i} ان الوفد وصل الى بغداد امس"
        if i == changed:
            text += " مساء"
        start = text.index("بغداد")
        docs.append(Document(f"news{i:02d}", text, "2021-07-26",
                             (Annotation("T1", start, start + 5, "LOC", "بغداد"),)))
    path = tmp_path / "news.jsonl"
    write_jsonl(docs, path)
    return path


def suite_file(tmp_path: Path, body: str = "") -> Path:
    news(tmp_path)
    path = tmp_path / "toy.toml"
    path.write_text(body or '''
name = "toy"
backends = ["toy_backends:Slow"]

[[tasks]]
name = "news"
corpus = "news.jsonl"
kind = "entities"

[[tasks]]
name = "absent"
corpus = "conll:nowhere/corpus.conll"
kind = "entities"
''', encoding="utf-8")
    return path


def run_suite(tmp_path: Path, *extra: str, expect: int | None = 0, **env: str):
    os.environ.update(env)
    try:
        return bench("suite", "run", str(tmp_path / "toy.toml"), "--out", str(tmp_path / "out"),
                     "--cache", str(tmp_path / "cache"), "--resamples", "50", "--trials", "50",
                     *extra, cwd=tmp_path, expect=expect)
    finally:
        for key in env:
            os.environ.pop(key)


def extracted(log: Path) -> list[str]:
    return log.read_text("utf-8").split() if log.exists() else []


def scores(tmp_path: Path) -> dict:
    data = json.loads((tmp_path / "out" / "tasks" / "news" / "results.json").read_text("utf-8"))
    return data["systems"]


@pytest.mark.slow
def test_second_run_is_served_from_the_cache_and_a_changed_document_alone_is_redone(tmp_path):
    suite_file(tmp_path)
    log = tmp_path / "log"
    first = run_suite(tmp_path, TOY_LOG=str(log))
    assert sorted(extracted(log)) == [f"news{i:02d}" for i in range(N_DOCS)]
    assert "absent" in first.stdout and "skipped" in first.stdout
    assert "corpus nowhere/corpus.conll not found" in \
        (tmp_path / "out" / "summary.md").read_text("utf-8").replace(str(tmp_path) + "/", "")
    before = scores(tmp_path)
    run_suite(tmp_path, TOY_LOG=str(log))
    assert len(extracted(log)) == N_DOCS  # nothing extracted again
    assert scores(tmp_path) == before
    timings = (tmp_path / "out" / "tasks" / "news" / "summary.md").read_text("utf-8")
    assert "| slow      | cached   | cached      | cached" in timings.split("## Timings")[1]
    news(tmp_path, changed=7)  # one document's text changes
    run_suite(tmp_path, TOY_LOG=str(log))
    assert extracted(log)[N_DOCS:] == ["news07"]
    run_suite(tmp_path, TOY_LOG=str(log), TOY_VERSION="2")  # a new version misses
    assert len(extracted(log)) == 2 * N_DOCS + 1
    run_suite(tmp_path, "--no-cache", TOY_LOG=str(log))
    assert len(extracted(log)) == 3 * N_DOCS + 1


@pytest.mark.slow  # three suite runs
def test_a_damaged_cache_entry_is_reported_and_recomputed(tmp_path):
    suite_file(tmp_path)
    log = tmp_path / "log"
    run_suite(tmp_path)
    before = scores(tmp_path)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == N_DOCS
    entry = json.loads(entries[3].read_text("utf-8"))
    entry["annotations"][0]["start"] += 1  # a flipped value: the checksum no longer agrees
    entries[3].write_text(json.dumps(entry), "utf-8")
    entries[5].write_bytes(entries[5].read_bytes()[:40])  # a truncated entry
    done = run_suite(tmp_path, TOY_LOG=str(log))
    assert done.stderr.count("damaged (checksum or shape): recomputed") == 2, done.stderr
    assert len(extracted(log)) == 2
    assert scores(tmp_path) == before
    assert "Damaged cache entries" in (tmp_path / "out" / "summary.md").read_text("utf-8")


@pytest.mark.slow
def test_a_killed_run_resumes_without_losing_or_repeating_documents(tmp_path):
    suite_file(tmp_path)
    log = tmp_path / "log"
    env = {**os.environ, "PYTHONPATH": str(TESTS), "TOY_LOG": str(log), "TOY_DELAY": "0.3"}
    cmd = [sys.executable, "-m", "bench", "suite", "run", str(tmp_path / "toy.toml"), "--out",
           str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), "--resamples", "50",
           "--trials", "50"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def entries() -> int:  # a write in flight is a .tmp-* file, never an entry
        return sum(not p.name.startswith(".tmp-") for p in (tmp_path / "cache").rglob("*.json"))

    deadline = time.monotonic() + 60
    while entries() < 5:
        assert proc.poll() is None and time.monotonic() < deadline, "run ended too early"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run, backend process included
    proc.wait()
    assert not (tmp_path / "out" / "tasks" / "news" / "runs" / "slow").exists()
    kept = entries()
    assert 5 <= kept < N_DOCS  # a kill mid-write may leave a .tmp-* file: never read
    first = extracted(log)
    run_suite(tmp_path, TOY_LOG=str(log))
    again = extracted(log)[len(first):]
    assert len(again) == N_DOCS - kept  # documents already predicted are not redone
    assert sorted(set(first) | set(again)) == [f"news{i:02d}" for i in range(N_DOCS)]
    preds = sorted((tmp_path / "out" / "tasks" / "news" / "runs" / "slow").glob("*.json"))
    assert len(preds) == N_DOCS
    for path in preds:  # each document once, with its one prediction
        assert len(json.loads(path.read_text("utf-8"))["annotations"]) == 1
    resumed = scores(tmp_path)
    run_suite(tmp_path, "--no-cache")
    assert scores(tmp_path) == resumed


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_suite_reports_gate_per_task_and_record_provenance(tmp_path):
    suite_file(tmp_path)
    run_suite(tmp_path)
    out = tmp_path / "out"
    summary = json.loads((out / "results.json").read_text("utf-8"))
    assert summary["schema"] == 2 and summary["suite"]["name"] == "toy"
    assert len(summary["suite"]["sha256"]) == 64
    news_task, absent = summary["tasks"]
    assert absent["status"] == "skipped" and news_task["main"] == {"slow": 1.0}
    task = json.loads((out / "tasks" / "news" / "results.json").read_text("utf-8"))
    assert task["task"]["corpus_sha256"] == task["gold"]["sha256"]
    assert "|task:news|" in task["systems"][0]["scores"]["strict"]["signature"]
    text = (out / "summary.md").read_text("utf-8")
    assert text.index("## Overview") < text.index("## Task news")
    assert "<h2>Overview</h2>" in (out / "index.html").read_text("utf-8")
    baseline = tmp_path / "baseline.json"
    bench("baseline", "update", "--baseline", str(baseline), "--results",
          str(out / "results.json"), expect=0)
    passed = bench("check", "--baseline", str(baseline), "--results", str(out / "results.json"),
                   expect=0)
    assert "task news: gate passed" in passed.stdout
    data = json.loads(baseline.read_text("utf-8"))
    data["tasks"]["news"]["statuses"]["ghost"] = "ok"  # a backend that ran then, not now
    baseline.write_text(json.dumps(data), "utf-8")
    failed = bench("check", "--baseline", str(baseline), "--results", str(out / "results.json"),
                   expect=1)
    assert "task news: gate FAILED" in failed.stdout and "was ok, now missing" in failed.stdout


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_a_task_in_a_published_scorer_mode_is_reported_and_gated_in_it(tmp_path):
    suite_file(tmp_path, '''
name = "toy"
backends = ["toy_backends:Slow"]

[[tasks]]
name = "news"
corpus = "news.jsonl"
kind = "entities"
compat = "nervaluate"
''')
    run_suite(tmp_path)
    results = tmp_path / "out" / "results.json"
    data = json.loads(results.read_text("utf-8"))
    tables = data["compat"]["systems"][0]["tables"]
    assert set(tables) == {"strict", "exact", "partial", "ent_type"}
    assert "|compat:nervaluate|task:news|" in tables["strict"]["signature"]
    assert "compat:nervaluate" in (tmp_path / "out" / "summary.md").read_text("utf-8")
    baseline = tmp_path / "baseline.json"
    bench("baseline", "update", "--baseline", str(baseline), "--results", str(results),
          expect=0)
    assert "compat:nervaluate:strict" in json.loads(baseline.read_text("utf-8"))["systems"][
        "slow"]
    bench("check", "--baseline", str(baseline), "--results", str(results), expect=0)
    tables["strict"]["f1"] = 0.5  # the mode's number fell; arabench's own did not
    results.write_text(json.dumps(data), "utf-8")
    failed = bench("check", "--baseline", str(baseline), "--results", str(results), expect=1)
    assert "compat:nervaluate:strict" in failed.stdout and "dropped" in failed.stdout


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_the_suite_ranks_per_kind_over_shared_unflagged_tasks(tmp_path):
    suite_file(tmp_path, '''
name = "toy"
backends = ["toy_backends:Slow", "toy_backends:Half", "toy_backends:AlsoNorp"]

[[tasks]]
name = "news"
corpus = "news.jsonl"
kind = "entities"

[[tasks]]
name = "again"
corpus = "news.jsonl"
kind = "entities"
in_domain = ["half"]
''')
    run_suite(tmp_path)
    text = (tmp_path / "out" / "summary.md").read_text("utf-8")
    board = text.split("### Entities")[1].split("\n\n")[1]
    rows = {r[1]: r for r in ([c.strip() for c in line.strip("|").split("|")]
                              for line in board.splitlines()[2:])}
    assert list(rows) == ["also-norp", "slow", "half"]  # wins first, then the mean, name
    assert rows["half"][6].endswith("‡") and rows["half"][5] == "0.667"
    assert rows["slow"][3] == "1–0–1" and rows["half"][3] == "0–2–0"  # over the shared task
    assert rows["half"][4] == "1" and rows["slow"][4] == "2"  # ranked tasks
    assert rows["half"][2].startswith("0.667")  # its mean: the one task it is ranked on
    assert "again: half (in-domain)" in text
    # NORP is no label of this corpus: also-norp's NORP spans are not judged, not charged
    task = json.loads((tmp_path / "out" / "tasks" / "news" / "results.json").read_text("utf-8"))
    assert task["unjudged"] == {"also-norp": {"NORP": N_DOCS}}
    norp = next(s for s in task["systems"] if s["name"] == "also-norp")
    assert norp["scores"]["strict"]["overall"]["f1"] == 1.0
    assert f"{N_DOCS} NORP prediction(s)" in (tmp_path / "out" / "tasks" / "news" /
                                              "summary.md").read_text("utf-8")


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_an_optional_task_whose_corpus_went_away_does_not_fail_the_gate(tmp_path):
    suite_file(tmp_path, '''
name = "toy"
backends = ["toy_backends:Slow"]

[[tasks]]
name = "news"
corpus = "news.jsonl"
kind = "entities"

[[tasks]]
name = "extra"
corpus = "extra.jsonl"
kind = "entities"
optional = true
''')
    (tmp_path / "extra.jsonl").write_bytes((tmp_path / "news.jsonl").read_bytes())
    run_suite(tmp_path)
    results, baseline = tmp_path / "out" / "results.json", tmp_path / "baseline.json"
    bench("baseline", "update", "--baseline", str(baseline), "--results", str(results),
          expect=0)
    (tmp_path / "extra.jsonl").unlink()  # its texts are not here any more
    run_suite(tmp_path)
    done = bench("check", "--baseline", str(baseline), "--results", str(results), expect=0)
    assert "task extra: skipped" in done.stdout and "(an optional task)" in done.stdout


def test_results_of_a_newer_schema_are_refused(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"schema": 99, "systems": []}), "utf-8")
    done = bench("check", "--baseline", str(ROOT / "reports" / "baseline.json"), "--results",
                 str(results), expect=2)
    assert "results schema 99 is newer than this arabench reads (up to 2)" in done.stderr


TASK = '[[tasks]]\nname = "news"\ncorpus = "news.jsonl"\nkind = "entities"\n'
MISTAKES = [  # (a suite's lines, the one line naming the file and key)
    ('colour = "red"\n', "toy.toml: colour: unknown key"),
    ('backends = ["no-such-backend"]\n', "toy.toml: backends: no-such-backend: unknown backend"),
    (TASK.replace("kind", "weight = 2\nkind"), "toy.toml: tasks[0].weight: unknown key"),
    (TASK, "toy.toml: tasks[1].name: 'news' is also the name of tasks[0]"),
    (TASK.replace('"news"', '"b"').replace('"news.jsonl"', '"xml:news.xml"'),
     "toy.toml: tasks[2].corpus: unknown format 'xml'"),
    (TASK.replace('"news"', '"c"').replace("kind", 'labels = "ontonotes"\nkind'),
     "toy.toml: tasks[3].labels: no such label mapping 'ontonotes'"),
    (TASK.replace('"news"', '"d"').replace('"entities"', '"dates"'),
     "toy.toml: tasks[4].kind: required"),
    (TASK.replace('"news"', '"e"').replace("kind", 'schemes = ["type"]\nkind'),
     "toy.toml: tasks[5].schemes: a list of"),
    (TASK.replace('"news"', '"f"').replace("kind", 'revision = "abc"\nkind'),
     "toy.toml: tasks[6].corpus: a Hugging Face dataset is hf:ID with both revision and split"),
    (TASK.replace('"news"', '"g"').replace("kind", 'compat = "conlleval.pl"\nkind'),
     "toy.toml: tasks[7].compat: one of seqeval, seqeval-strict, conlleval"),
]


def test_every_mistake_of_a_suite_file_is_one_line_naming_the_key(tmp_path):
    top = "".join(m for m, _ in MISTAKES[:2])
    suite_file(tmp_path, 'name = "s"\n' + top + "".join(m for m, _ in MISTAKES[2:]))
    lines = run_suite(tmp_path, expect=2).stderr.strip().splitlines()
    assert len(lines) == len(MISTAKES), lines
    for (_, message), line in zip(MISTAKES, lines, strict=True):
        assert message in line, (message, line)


@pytest.mark.parametrize("body, message", [
    ('name = "s"\n', "toy.toml: tasks: required"),
    ('name = "s"\n[[tasks]\n', "toy.toml: invalid TOML"),
])
def test_a_suite_without_tasks_or_with_bad_toml_is_one_line(tmp_path, body, message):
    suite_file(tmp_path, body)
    done = run_suite(tmp_path, expect=2)
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_task_whose_corpus_has_problems_is_an_input_error(tmp_path):
    suite_file(tmp_path)
    (tmp_path / "news.jsonl").write_text('{"doc_id": "x"\n', "utf-8")
    done = run_suite(tmp_path, expect=2)
    assert "news.jsonl:1: invalid JSON" in done.stderr


def test_shipped_suites_are_valid():
    from bench.suite import load_suite

    seed = load_suite(ROOT / "suites" / "seed.toml")
    assert [t.name for t in seed.tasks] == ["news", "seed"] and seed.tasks[1].missing() is None
    assert seed.tasks[0].optional and not seed.tasks[1].optional
    dev = load_suite(ROOT / "suites" / "arabic-dev.toml")
    assert {t.main_row() for t in dev.tasks} == {"entities", "overall", "values", "temporal"}
    assert next(t for t in dev.tasks if t.name == "timeml-silver").silver


@pytest.mark.slow  # datasets: a second to import
def test_a_hugging_face_dataset_task_is_read_with_its_pinned_revision_and_split(tmp_path):
    """``hf:ID`` + revision + split goes through ``datasets.load_dataset`` (here a local
    folder of JSON lines in the span shape, so nothing is downloaded)."""
    data = tmp_path / "dataset"
    data.mkdir()
    text = "وصل الوفد الى بغداد"
    row = {"doc_id": "d1", "text": text, "dct": "2021-07-26", "annotations": [
        {"id": "T1", "start": 14, "end": 19, "label": "LOC", "text": "بغداد", "value": None,
         "mod": None, "form": None, "calendar": None, "optional": False}]}
    (data / "train.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    suite_file(tmp_path, f'''name = "hub"
backends = ["toy_backends:Slow"]
[[tasks]]
name = "from-hub"
corpus = "hf:{data}"
revision = "main"
split = "train"
kind = "entities"
''')
    run_suite(tmp_path)
    task = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))
    assert task["task"]["revision"] == "main" and task["task"]["split"] == "train"
    assert task["systems"][0]["scores"]["strict"]["overall"]["f1"] == 1.0
