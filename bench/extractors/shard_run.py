"""Extraction of a corpus stored as shard files (``shards:DIR``, :mod:`bench.io.shards`),
for corpora larger than memory: one shard file is one unit of work.

A worker (a local process, or a Ray actor with ``engine="ray"``) loads the backend once,
then for each shard file it is given reads it, tags its documents, checks the output as
the runner does (:func:`bench.extractors.runner.checked_predictions`), and writes
``OUT/<backend>/parts/<shard>.jsonl`` atomically, then its record ``<shard>.done.json``
(the shard's sha256, the backend's identity, counts, the backend's ``note()`` for the
shard's documents, seconds). A part whose record
matches the shard file and the backend is not redone, so a killed run resumes where it
stopped. When every shard is done the parts are concatenated in shard order into
``OUT/<backend>/predictions.jsonl``: the same bytes whatever the engine and the number of
workers, and as ``bench score --shard-documents`` reads them, in the gold's order. A
worker holds one shard; the driver holds none.

Isolation as in the runner, on the same engines (:mod:`bench.extractors.engines`): a
backend that raises or writes invalid output fails with the reason (a shard file that
cannot be read stops the run: an input error); a worker that dies is a crash (locally)
or retried (Ray); a worker that spends more than ``timeout`` seconds on one shard file is
stopped and the backend fails (``timed out after N s``). The run's note adds up the
counts of every shard's (:func:`bench.extractors.base.merge_notes`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.extractors.base import extract_all, merge_notes, note_since
from bench.extractors.cache import identity
from bench.extractors.choose import make_engine
from bench.extractors.engines import DEFAULT_TIMEOUT, Engine, Task
from bench.extractors.record import RunRecord, RunStatus, safe_name
from bench.extractors.registry import load, target
from bench.extractors.runner import as_dict, checked_predictions, write_manifest
from bench.io.atomic import atomic_path, write_text
from bench.io.native import write_jsonl
from bench.io.shards import read_shard, shard_files
from bench.problems import InputError, Problem

INPUT_PROBLEM = "input"
"""The status of a shard's result when the shard file itself is bad: the run stops."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ShardTagger:
    """One backend, loaded once, tagging whole shard files (a worker's state)."""

    def __init__(self, name: str) -> None:
        t0 = time.perf_counter()
        self.ext = load(name)
        ok, reason = self.ext.available()
        if not ok:
            raise RuntimeError(f"unavailable: {reason}")
        prepare = getattr(self.ext, "prepare", None)
        if prepare is not None:
            prepare()
        self.label_map = dict(self.ext.label_map or {})
        self.load_seconds = time.perf_counter() - t0
        self.noted = ""  # the backend's note after the last shard (its counts so far)

    def note(self) -> str:
        """The backend's note for the documents tagged since the last call."""
        note = getattr(self.ext, "note", None)
        now = note() if note else ""
        delta, self.noted = note_since(now, self.noted), now
        return delta

    def __call__(self, unit: tuple[str, str, str], tick: Callable[[int], None]) -> dict:
        """Tag one shard file into its part file (``unit``: the shard, the part, the
        backend's identity); a dict with ``status`` and the record."""
        return self.tag(*unit)

    def tag(self, shard: str, part: str, ident: str) -> dict:
        """Tag one shard file into its part file; a dict with ``status`` and the record."""
        try:
            t0 = time.perf_counter()
            docs = list(read_shard(Path(shard)))
            found = extract_all(self.ext, docs)
            note = self.note()
            preds, reason = checked_predictions(docs, [[as_dict(a) for a in anns]
                                                       for anns in found], self.label_map)
            if reason:
                return {"shard": shard, "status": RunStatus.FAILED,
                        "reason": f"{shard}: {reason}"}
            seconds = time.perf_counter() - t0
            write_jsonl(preds, Path(part))
            record = {"shard": Path(shard).name, "sha256": file_sha256(Path(shard)),
                      "identity": ident, "documents": len(docs),
                      "annotations": sum(len(p.annotations) for p in preds),
                      "characters": sum(len(d.text) for d in docs), "seconds": seconds,
                      "note": note}
            write_text(_record_path(Path(part)), json.dumps(record) + "\n")
            return {**record, "shard": shard, "status": RunStatus.OK,
                    "load_seconds": self.load_seconds}
        except InputError as exc:  # the shard file's problem: the run stops (exit 2)
            return {"shard": shard, "status": INPUT_PROBLEM, "reason": str(exc),
                    "problems": [[p.where, p.item, p.message] for p in exc.problems]}
        except Exception as exc:  # the backend's problem: named, not raised
            return {"shard": shard, "status": RunStatus.FAILED,
                    "reason": f"{Path(shard).name}: {type(exc).__name__}: {exc}"}


def _record_path(part: Path) -> Path:
    return part.with_suffix(".done.json")


def _done(part: Path, shard: Path, ident: str) -> dict | None:
    """The record of a part written for this shard file and backend, else None."""
    record_path = _record_path(part)
    if not part.is_file() or not record_path.is_file():
        return None
    try:
        record = json.loads(record_path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("identity") != ident or record.get("sha256") != file_sha256(shard):
        return None
    return record


def run_shards(names: Sequence[str], folder: Path, out: Path, jobs: int | None = None,
               engine: str | Engine = "local", address: str | None = None,
               gpus: float = 0.0, timeout: float = DEFAULT_TIMEOUT) -> list[RunRecord]:
    """Run each backend over the shard files of ``folder``; write
    ``OUT/<backend>/predictions.jsonl`` (and its ``parts/``) and ``OUT/run.json``.
    ``engine``: "local", "ray" (the cluster at ``address``; ``gpus``: GPUs per actor, for
    GPU backends) or an engine; ``timeout``: the engines' one meaning, here seconds for
    one shard file (:mod:`bench.extractors.engines`)."""
    files = shard_files(folder)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if isinstance(engine, str):
        engine = make_engine(engine, address, gpus)
    records = [_run_one(name, files, out, jobs, engine, timeout)
               for name in dict.fromkeys(names)]
    write_manifest(records, (f"shards:{folder}", max([r.documents for r in records],
                                                      default=0)), out)
    return records


def _run_one(name: str, files: list[Path], out: Path, jobs: int, engine: Engine,
             timeout: float) -> RunRecord:
    ext = load(name)
    display = str(ext.name) if ":" in name else name
    record = RunRecord(display, target(name), RunStatus.FAILED, version=str(ext.version),
                       labels=list(ext.labels))
    ok, reason = ext.available()
    if not ok:
        record.status, record.reason = RunStatus.UNAVAILABLE, reason
        return record
    ident = hashlib.sha256(json.dumps(identity(ext, target(name)), sort_keys=True)
                           .encode()).hexdigest()
    parts = out / safe_name(display) / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    plan = [(shard, parts / f"{shard.stem}.jsonl") for shard in files]
    done = {shard: r for shard, part in plan if (r := _done(part, shard, ident)) is not None}
    todo = [(s, p) for s, p in plan if s not in done]
    t0 = time.perf_counter()
    tasks = [Task(name, (ShardTagger, (name,)), (str(s), str(p), ident)) for s, p in todo]
    results = [r for r in engine.map(tasks, jobs, timeout) if r is not None] if todo else []
    seconds = time.perf_counter() - t0
    failed = next((r for r in results if r["status"] != RunStatus.OK), None)
    if failed is not None and failed["status"] == INPUT_PROBLEM:
        raise InputError([Problem(*p) for p in failed["problems"]])
    if failed is not None:
        record.reason = failed["reason"]
        return record
    new = {Path(r["shard"]): r for r in results}
    records = [done[s] if s in done else new[s] for s, _ in plan]
    with atomic_path(out / safe_name(display) / "predictions.jsonl") as tmp, \
            open(tmp, "wb") as fh:
        for _, part in plan:
            with part.open("rb") as src:
                shutil.copyfileobj(src, fh)
    new = list(new.values())
    chars = sum(r["characters"] for r in new)
    record.status = RunStatus.OK
    record.reason = merge_notes(r.get("note", "") for r in records)
    record.documents = sum(r["documents"] for r in records)
    record.annotations = sum(r["annotations"] for r in records)
    record.timings = {"load_seconds": max((r["load_seconds"] for r in new), default=0.0),
                      "seconds": seconds,
                      "seconds_per_document": seconds / sum(r["documents"] for r in new)
                      if new else None,
                      "characters_per_second": chars / seconds if chars and seconds > 0
                      else None, "cached_documents": record.documents - sum(
                          r["documents"] for r in new), "shards": len(plan),
                      "shards_resumed": len(done), "workers": min(jobs, len(todo) or 1)}
    return record
