"""The Ray engine on a local Ray (2 CPUs): the same files as the local engine, a worker
that dies is retried, and a run resumes from the prediction cache. Skipped without the
ray extra (CI installs it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from bench.extractors.cache import PredictionCache
from bench.extractors.runner import run
from bench.io.native import write_jsonl
from bench.loader import load_corpus
from bench.model import Corpus, Document

ray = pytest.importorskip("ray", reason="the ray extra: pip install -e '.[ray]'")
pytestmark = pytest.mark.slow  # a Ray cluster starts: seconds


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory):
    """A local Ray; its workers get, from the start, the toy backends' settings: a log of
    the documents they extract and the document on which one of them dies once."""
    folder = tmp_path_factory.mktemp("ray")
    env = {"TOY_LOG": str(folder / "log"), "TOY_DIE_ON": "doc00150",
           "TOY_DIE_FLAG": str(folder / "died"),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent),
                                          os.environ.get("PYTHONPATH", "")])}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
             configure_logging=False)
    yield folder
    ray.shutdown()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def synthetic(tmp_path: Path, n: int) -> Path:
    seed = load_corpus(ROOT).documents[0]
    lines = [ln for ln in seed.text.split("\n") if ln.strip()]
    docs = [Document(f"doc{i:05d}", lines[i % len(lines)] + f" رقم {i}", seed.dct)
            for i in range(n)]
    path = tmp_path / "synthetic.jsonl"
    write_jsonl(docs, path)
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_ray_writes_the_same_bytes_as_the_local_engine(tmp_path, local_ray):
    corpus = load_corpus(synthetic(tmp_path, 2000))
    names = ["rules-time", "gazetteer-ner"]
    local = run(names, corpus, tmp_path / "local", jobs=2, progress=False)
    remote = run(names, corpus, tmp_path / "ray", jobs=2, progress=False, engine="ray")
    assert [r.status for r in local] == [r.status for r in remote] == ["ok", "ok"]
    for name in names:
        assert files(tmp_path / "local" / name) == files(tmp_path / "ray" / name)


def test_a_dead_worker_is_retried_and_a_run_resumes_from_the_cache(tmp_path, local_ray):
    path = synthetic(tmp_path, 200)
    corpus = load_corpus(path)
    log, flag = local_ray / "log", local_ray / "died"
    cache = PredictionCache(tmp_path / "cache")
    half = Corpus(corpus.documents[:100], name=corpus.name)  # a first run that got half way
    run(["toy_backends:DiesOnce"], half, tmp_path / "first", engine="ray", jobs=2,
        progress=False, cache=cache)
    assert len(log.read_text("utf-8").split()) == 100
    record = run(["toy_backends:DiesOnce"], corpus, tmp_path / "out", engine="ray", jobs=2,
                 progress=False, cache=cache)[0]
    assert record.status == "ok", record.reason
    assert flag.exists()  # a worker died on doc00150 and its batch ran again
    done = log.read_text("utf-8").split()
    assert set(done[100:]) >= {f"doc{i:05d}" for i in range(100, 200)}
    assert not set(done[100:]) & {f"doc{i:05d}" for i in range(100)}  # resumed
    assert len(list((tmp_path / "out" / "dies-once").iterdir())) == 200


def test_shard_files_on_ray_give_the_local_bytes_and_survive_a_dead_actor(tmp_path, local_ray):
    from test_shard_run import shards
    from test_shard_run import synthetic as documents

    from bench.extractors.shard_run import run_shards

    folder = shards(tmp_path / "corpus", documents(300), 40)
    names = ["rules-time", "gazetteer-ner"]
    local = run_shards(names, folder, tmp_path / "local", jobs=2)
    remote = run_shards(names, folder, tmp_path / "ray", jobs=2, engine="ray")
    assert [r.status for r in local + remote] == ["ok"] * 4, [r.reason for r in remote]
    for name in names:
        assert (tmp_path / "local" / name / "predictions.jsonl").read_bytes() == \
            (tmp_path / "ray" / name / "predictions.jsonl").read_bytes()
    flag = local_ray / "died"
    flag.unlink(missing_ok=True)
    record = run_shards(["toy_backends:DiesOnce"], folder, tmp_path / "dies", jobs=2,
                        engine="ray")[0]
    assert record.status == "ok", record.reason
    assert flag.exists()  # the actor died on doc00150; its shard ran again elsewhere
    lines = (tmp_path / "dies" / "dies-once" / "predictions.jsonl").read_text().splitlines()
    assert len(lines) == 300


def test_a_hanging_backend_times_out_on_ray_with_the_local_reason(tmp_path, local_ray):
    """The engines' one timeout, enforced on Ray: the actor is killed, the backend fails
    with the reason of the local engine, the other backend goes on; documents and shard
    files alike."""
    import time

    from test_shard_run import shards
    from test_shard_run import synthetic as documents

    from bench.extractors.shard_run import run_shards

    corpus = load_corpus(synthetic(tmp_path, 20))
    names = ["toy_backends:Hangs", "toy_backends:Toy"]
    started = time.monotonic()
    records = run(names, corpus, tmp_path / "docs", engine="ray", jobs=2, timeout=3,
                  progress=False)
    assert time.monotonic() - started < 90  # not the backend's hour
    assert [(r.status, r.reason) for r in records][0] == ("failed", "timed out after 3 s")
    assert records[1].status == "ok", records[1].reason
    folder = shards(tmp_path / "corpus", documents(20), 10, parquet=False)
    started = time.monotonic()
    record = run_shards(["toy_backends:Hangs"], folder, tmp_path / "files", jobs=2,
                        engine="ray", timeout=3)[0]
    assert time.monotonic() - started < 90
    assert (record.status, record.reason) == ("failed", "timed out after 3 s")
    assert not list((tmp_path / "files").glob("*/predictions.jsonl"))
