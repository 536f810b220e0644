"""Extraction of a shards:DIR corpus, shard file by shard file: the same predictions as the
runner whatever the engine and the number of workers, resumed after a kill, failures
named; and its output scored shard by shard."""

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

from bench.extractors.runner import run
from bench.extractors.shard_run import run_shards
from bench.io.native import iter_jsonl, write_jsonl
from bench.io.shards import read_shards, write_shards
from bench.loader import load_corpus
from bench.model import Corpus, Document

pytestmark = pytest.mark.slow  # worker processes start: seconds
TESTS = Path(__file__).parent


def synthetic(n: int) -> list[Document]:
    seed = load_corpus(ROOT).documents[0]
    lines = [ln for ln in seed.text.split("\n") if ln.strip()]
    return [Document(f"doc{i:05d}", lines[i % len(lines)] + f" رقم {i}", seed.dct)
            for i in range(n)]


def shards(folder: Path, docs: list[Document], size: int, parquet: bool = True) -> Path:
    """JSONL shards of ``size`` documents, the last one as Parquet."""
    write_shards(docs, folder, [], size)
    if parquet:
        import pyarrow as pa
        import pyarrow.parquet as pq

        last = sorted(folder.glob("*.jsonl"))[-1]
        rows = list(iter_jsonl(last))
        pq.write_table(pa.table({"doc_id": [d.doc_id for d in rows],
                                 "text": [d.text for d in rows],
                                 "dct": [d.dct for d in rows]}), last.with_suffix(".parquet"))
        last.unlink()
    return folder


def predictions(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in
            (out / name / "predictions.jsonl").read_text("utf-8").splitlines()]


def test_shard_runs_match_the_runner_for_any_number_of_workers(tmp_path):
    docs = synthetic(600)
    folder = shards(tmp_path / "corpus", docs, 70)
    assert [d.doc_id for d in read_shards(folder, [])] == [d.doc_id for d in docs]
    names = ["rules-time", "gazetteer-ner"]
    one = run_shards(names, folder, tmp_path / "one", jobs=1)
    two = run_shards(names, folder, tmp_path / "two", jobs=2)
    whole = run(names, Corpus(docs), tmp_path / "runner", jobs=2, progress=False)
    assert [r.status for r in one + two + whole] == ["ok"] * 6, [r.reason for r in one + two]
    for name in names:
        a = (tmp_path / "one" / name / "predictions.jsonl").read_bytes()
        assert a == (tmp_path / "two" / name / "predictions.jsonl").read_bytes()
        runner = {p.stem: json.loads(p.read_text("utf-8"))["annotations"]
                  for p in (tmp_path / "runner" / name).glob("*.json")}
        got = {d["doc_id"]: d["annotations"] for d in predictions(tmp_path / "one", name)}
        assert got == runner and len(got) == 600
        assert sum(map(len, got.values())) > 100  # the backends found something
    record = one[0]
    assert record.documents == 600 and record.timings["shards"] == 9


def test_a_killed_shard_run_resumes_and_redoes_only_what_is_missing(tmp_path):
    folder = shards(tmp_path / "corpus", synthetic(400), 40, parquet=False)
    log = tmp_path / "log"
    env = {**os.environ, "TOY_LOG": str(log), "TOY_DELAY": "0.01",
           "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-m", "bench", "run", "--backend", "toy_backends:Slow",
           "--corpus", f"shards:{folder}", "--out", str(tmp_path / "out"), "--jobs", "2"]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = tmp_path / "out" / "slow" / "parts"
    deadline = time.monotonic() + 120
    while len(list(parts.glob("*.done.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = len(list(parts.glob("*.done.json")))
    assert 3 <= kept < 10
    before = len(log.read_text("utf-8").split())
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    again = log.read_text("utf-8").split()[before:]
    assert len(again) <= 400 - 40 * kept  # finished shards were not redone
    got = predictions(tmp_path / "out", "slow")
    assert [d["doc_id"] for d in got] == [f"doc{i:05d}" for i in range(400)]
    manifest = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert manifest["timings"]["slow"]["shards_resumed"] == kept
    # scored in shards straight from the shard files and the merged predictions
    score = subprocess.run([sys.executable, "-m", "bench", "score", f"shards:{folder}",
                            str(tmp_path / "out" / "slow" / "predictions.jsonl"),
                            "--shard-documents", "100", "--labels-of", "LOC"],
                           capture_output=True, text=True)
    assert score.returncode == 0, score.stderr


@pytest.mark.parametrize("backend, reason", [
    ("toy_backends:Raises", "RuntimeError: model exploded"),
    ("toy_backends:Crashes", "crashed"),
    ("toy_backends:WrongLabel", "invalid output"),
])
def test_failing_backends_are_named_and_leave_no_predictions(tmp_path, monkeypatch, backend,
                                                            reason):
    monkeypatch.syspath_prepend(str(TESTS))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(TESTS),
                                                      os.environ.get("PYTHONPATH", "")]))
    folder = shards(tmp_path / "corpus", synthetic(30), 10, parquet=False)
    record = run_shards([backend], folder, tmp_path / "out", jobs=2)[0]
    assert record.status == "failed" and reason in record.reason
    assert not list((tmp_path / "out").glob("*/predictions.jsonl"))


def test_shard_mistakes_through_the_cli(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()

    def bench(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bench", *args], capture_output=True,
                              text=True)

    empty = bench("run", "--backend", "rules-time", "--corpus", f"shards:{folder}")
    assert empty.returncode == 2 and "no shard files" in empty.stderr
    (folder / "a.jsonl").write_text('{"doc_id": "x", "text": "t"}\nnot json\n', "utf-8")
    broken = bench("run", "--backend", "rules-time", "--corpus", f"shards:{folder}",
                   "--out", str(tmp_path / "out"))
    assert broken.returncode == 2 and "a.jsonl:1" in broken.stderr
    gpus = bench("run", "--backend", "rules-time", "--corpus", f"shards:{folder}",
                 "--gpus-per-actor", "1")
    assert gpus.returncode == 2 and "--engine ray" in gpus.stderr
    for r in (empty, broken, gpus):
        assert "Traceback" not in r.stderr
    write_jsonl([Document("x", "t")], tmp_path / "one.jsonl")
