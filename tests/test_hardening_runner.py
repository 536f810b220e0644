"""The extraction runner against a hostile user: workers die with a killed parent, time
limits are finite, counts of dropped mentions add up across workers, and a broken
prediction cache is the cache's problem, never the backend's."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli_errors import bench

from bench.extractors.cache import PredictionCache, identity
from bench.extractors.registry import load, target
from bench.io.native import write_jsonl
from bench.io.shards import write_shards
from bench.model import Document

TESTS = Path(__file__).resolve().parent
DROPS = "toy_backends:Drops"


def documents(n: int = 6) -> list[Document]:
    """Document ``i`` names قمة i+1 times, مؤتمر when i is odd, الاثنين when i % 3 == 0."""
    return [Document(f"d{i}", "قمة " * (i + 1) + "مؤتمر " * (i % 2)
                     + "الاثنين " * (i % 3 == 0) + "في بغداد.", "2021-07-26")
            for i in range(n)]


# 9. --timeout nan / inf / 0 / negative: refused with exit 2 wherever the option exists
@pytest.mark.slow
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1"])
def test_a_timeout_that_never_ends_is_refused(tmp_path, value):
    suite = tmp_path / "s.toml"
    suite.write_text('name = "s"\nbackends = ["toy_backends:Toy"]\n\n[[tasks]]\nname = "t"\n'
                     'corpus = "c.jsonl"\nkind = "entities"\n', "utf-8")
    for command in (["run", "--backend", "toy_backends:Toy", "--out", str(tmp_path / "o")],
                    ["suite", "run", str(suite), "--out", str(tmp_path / "o")]):
        done = bench(*command, f"--timeout={value}", expect=2)
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("--timeout: "), \
            done.stderr
        assert "finite" in done.stderr
        assert not (tmp_path / "o").exists()


# 10. dropped counts: the same total whatever the number of workers
TRUE_NOTE = ("dropped (no canonical label): 3 EVENT, 21 MISC; "
             "4 mention(s) not in the text: dropped")


def _note(out: Path) -> tuple[str, dict]:
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    return manifest["backends"][0]["reason"], manifest["timings"]["drops"]


@pytest.mark.slow  # four runs with worker processes
def test_dropped_counts_add_up_whatever_the_number_of_workers(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(documents(), corpus)
    shard_folder = tmp_path / "shards"
    write_shards(documents(), shard_folder, [], 2)
    for jobs in ("1", "3"):
        out = tmp_path / f"run{jobs}"
        bench("run", "--corpus", str(corpus), "--backend", DROPS, "--no-cache",
              "--jobs", jobs, "--out", str(out), expect=0)
        note, timings = _note(out)
        assert note == TRUE_NOTE, jobs
        assert timings["workers"] == int(jobs)
    for jobs in ("1", "3"):  # the shard-file path records them too
        out = tmp_path / f"shards{jobs}"
        bench("run", "--corpus", f"shards:{shard_folder}", "--backend", DROPS,
              "--jobs", jobs, "--out", str(out), expect=0)
        assert _note(out)[0] == TRUE_NOTE, f"shards, jobs {jobs}"
    # a resumed shard run counts the shards it did not redo
    (out / "drops" / "parts" / f"{sorted(shard_folder.iterdir())[1].stem}.jsonl").unlink()
    bench("run", "--corpus", f"shards:{shard_folder}", "--backend", DROPS, "--out", str(out),
          expect=0)
    note, timings = _note(out)
    assert note == TRUE_NOTE and timings["shards_resumed"] == 2


def test_notes_of_several_processes_add_up():
    from bench.extractors.base import merge_notes, note_since

    a = "dropped (no canonical label): 2 MISC, 1 EVENT; 3 mention(s) not in the text: dropped"
    b = "dropped (no canonical label): 4 MISC"
    assert merge_notes([a, b]) == merge_notes([b, a]) == merge_notes([a + "; " + b]) == (
        "dropped (no canonical label): 1 EVENT, 6 MISC; 3 mention(s) not in the text: dropped")
    assert merge_notes(["uses the CPU", "uses the CPU", ""]) == "uses the CPU"
    assert note_since(merge_notes([a, b]), b) == merge_notes([a])
    assert note_since(b, b) == ""


def test_a_worker_reports_each_unit_once():
    """A worker (process or Ray actor) tags several units; its backend's note counts them
    all so far: each unit carries only its own counts, so the units add up to the true
    total."""
    from bench.extractors.base import merge_notes
    from bench.extractors.runner import DocumentTagger, DocumentUnit

    docs = documents()
    worker = DocumentTagger(DROPS)  # a local process or a Ray actor: the same worker
    notes = []
    for part in (docs[:2], docs[2:5], docs[5:]):
        got = worker(DocumentUnit([(d.doc_id, d.text, d.dct) for d in part]), lambda n: None)
        assert got["status"] == "ok" and len(got["annotations"]) == len(part)
        notes.append(got["reason"])
    assert merge_notes(notes) == TRUE_NOTE


# 5. a killed parent leaves no worker behind
def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and b"spawn_main" in cmdline:
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie nobody reaps has ended


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.slow  # worker processes start
@pytest.mark.parametrize("corpus, jobs", [("jsonl", 1), ("jsonl", 2), ("shards", 2)])
def test_workers_die_with_a_killed_parent(tmp_path, corpus, jobs):
    docs = [Document(f"d{i}", "في بغداد.", "2021-07-26") for i in range(2)]  # 2 shards
    if corpus == "jsonl":
        spec = str(tmp_path / "c.jsonl")
        write_jsonl(docs, Path(spec))
    else:
        spec = f"shards:{tmp_path / 'shards'}"
        write_shards(docs, tmp_path / "shards", [], 1)
    log = tmp_path / "log"  # a line per document a worker is tagging (for an hour)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(TESTS)] + [p for p in [os.environ.get("PYTHONPATH")] if p]),
           "TOY_LOG": str(log), "TOY_DELAY": "3600"}
    parent = subprocess.Popen(
        [sys.executable, "-m", "bench", "run", "--corpus", spec, "--backend",
         "toy_backends:Slow", "--no-cache", "--jobs", str(jobs), "--timeout", "600",
         "--out", str(tmp_path / "out")], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
                log.exists() and len(log.read_text("utf-8").split()) == jobs):
            assert parent.poll() is None, "bench run ended before its workers hung"
            time.sleep(0.1)
        workers = _children(parent.pid)
        assert len(workers) == jobs, workers
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 20  # they end at once; 20 s is for a loaded machine
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # on failure: the orphans this test made, by their pid
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# 13. cache faults are the cache's, never the backend's
def _one_warning(done: subprocess.CompletedProcess, cache: Path) -> None:
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"warning: prediction cache {cache}: cannot ")
    assert lines[0].endswith("this run goes on without the cache")


@pytest.mark.slow
@pytest.mark.parametrize("where", ["file", "under-file"])
def test_a_cache_root_that_is_a_file_is_not_the_backends_fault(tmp_path, where):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(documents(3), corpus)
    (tmp_path / "file").write_text("not a folder")
    cache = tmp_path / "file" if where == "file" else tmp_path / "file" / "sub"
    out = tmp_path / "out"
    done = bench("run", "--corpus", str(corpus), "--backend", "toy_backends:Toy", "--cache",
                 str(cache), "--jobs", "2", "--out", str(out), expect=0)
    _one_warning(done, cache)
    assert ": Not a directory;" in done.stderr
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    assert manifest["backends"][0]["status"] == "ok"
    assert manifest["backends"][0]["annotations"] == 3
    assert (tmp_path / "file").read_text() == "not a folder"


def test_a_cache_that_cannot_be_written_is_not_the_backends_fault(tmp_path):
    """Entries that cannot be created (the backend's folder a dangling link: reads find
    nothing, the workers' writes fail): the fault is met in the worker processes."""
    corpus = tmp_path / "c.jsonl"
    write_jsonl(documents(3), corpus)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "toy").symlink_to(tmp_path / "nowhere" / "toy")
    out = tmp_path / "out"
    done = bench("run", "--corpus", str(corpus), "--backend", "toy_backends:Toy", "--cache",
                 str(cache), "--jobs", "2", "--out", str(out), expect=0)
    _one_warning(done, cache)
    assert "cannot write" in done.stderr
    assert json.loads((out / "run.json").read_text("utf-8"))["backends"][0]["status"] == "ok"


def _full_disk(monkeypatch) -> None:
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("bench.extractors.cache.os.fsync", no_space)


def test_a_full_disk_while_writing_an_entry_disables_the_cache(tmp_path, monkeypatch):
    cache = PredictionCache(tmp_path / "cache")
    ident = identity(load("toy_backends:Toy"), target("toy_backends:Toy"))
    cache.put(ident, "a" * 64, [])
    assert cache.get(ident, "a" * 64) == [] and not cache.fault
    _full_disk(monkeypatch)
    cache.put(ident, "b" * 64, [])  # not raised
    assert cache.fault.startswith(f"prediction cache {tmp_path / 'cache'}: cannot write ")
    assert "No space left on device" in cache.fault and "\n" not in cache.fault
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # no partial file left
    assert cache.get(ident, "a" * 64) is None  # nothing more is read from it


def test_a_full_disk_does_not_fail_the_backend(tmp_path, monkeypatch):
    """The worker's code, in this process: the backend's result is ok, the fault sent
    back beside it."""
    from bench.extractors.runner import DocumentTagger, DocumentUnit

    _full_disk(monkeypatch)
    spec = "toy_backends:Toy"
    ident = identity(load(spec), target(spec))
    docs = [(d.doc_id, d.text, d.dct) for d in documents(2)]
    sent = DocumentTagger(spec)(DocumentUnit(docs, str(tmp_path / "cache"), ident,
                                             ["c" * 64, "d" * 64]), lambda n: None)
    assert sent["status"] == "ok", sent
    assert len(sent["annotations"]) == 2
    assert "No space left on device" in sent["cache_fault"]
