"""Running backends over a corpus, each isolated in its own process with a time limit.

An exception, a hang (time limit), a crash (the process dies) or invalid output
(offsets out of range, text mismatch, unknown label, overlaps, a malformed
annotation) marks that backend ``failed`` with the reason; the others go on.
Backends run in parallel, as many at a time as ``jobs``. A worker process ends with the
process that started it, even one killed outright (:func:`die_with_parent`).

Output, ready for ``bench score``: ``OUT/<backend>/<doc_id>.json`` annotation files
(ids renumbered P1, P2 ... in text order) and ``OUT/run.json``, the manifest with
each backend's status and, in their own section, its timings.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bench.extractors.base import extract_all, merge_notes
from bench.extractors.cache import PredictionCache, identity
from bench.extractors.record import (  # noqa: F401  (read_manifest, declared_labels: until the CLI imports them from record)
    RunRecord,
    RunStatus,
    declared_labels,
    read_manifest,
    safe_name,
)
from bench.extractors.registry import load, target
from bench.io.atomic import atomic_path, write_text
from bench.io.names import create, file_stem
from bench.io.native import dumps_document
from bench.model import LABELS, Annotation, Corpus, Document
from bench.problems import errors
from bench.validate import check_document

DEFAULT_TIMEOUT = 300.0
MAX_REASONS = 5


def _child(spec: str, docs: list[tuple[str, str, str | None]], conn, done,
           cache_root: str | None = None, ident: dict | None = None,
           keys: list[str] | None = None) -> None:
    """Runs in the backend's own process; sends one dict back, counts documents in ``done``
    and stores each finished document in the prediction cache when one is given (a fault
    of the cache is sent back as ``cache_fault``, the backend goes on)."""
    die_with_parent()
    out: dict = {"status": "failed"}
    cache = None
    try:
        t0 = time.perf_counter()
        ext = load(spec)
        out.update(name=str(ext.name), version=str(ext.version), labels=list(ext.labels),
                   label_map=dict(ext.label_map or {}))
        ok, reason = ext.available()
        if not ok:
            out.update(status="unavailable", reason=reason)
        else:
            prepare = getattr(ext, "prepare", None)
            if prepare is not None:
                prepare()
            t1 = time.perf_counter()
            documents = [Document(i, text, dct) for i, text, dct in docs]
            cache = PredictionCache(Path(cache_root)) if cache_root else None

            def one_done(k: int, anns: list) -> None:
                if cache is not None:
                    cache.put(ident, keys[k], [as_dict(a) for a in anns])
                with done.get_lock():
                    done.value += 1

            found = extract_all(ext, documents, one_done)
            t2 = time.perf_counter()
            note = getattr(ext, "note", None)  # optional: what the backend dropped, counted
            out.update(status="ok", load_seconds=t1 - t0, seconds=t2 - t1,
                       annotations=[[as_dict(a) for a in doc] for doc in found],
                       reason=note() if note else "")
    except BaseException as exc:  # isolate everything the backend may throw
        out.update(status="failed", reason=f"{type(exc).__name__}: {exc}",
                   traceback=traceback.format_exc(limit=8))
    if cache is not None and cache.fault:
        out["cache_fault"] = cache.fault
    conn.send(out)
    conn.close()


def die_with_parent() -> None:
    """End this worker process when the process that started it ends, however that ends:
    a ``bench run`` killed with SIGKILL has no time to stop its workers, and a hung backend
    would run for ever. Linux: a parent-death signal (prctl PR_SET_PDEATHSIG); elsewhere,
    or if that cannot be set, a thread that watches the parent's pid. A parent that died
    before this ran ends the worker at once. A no-op outside a multiprocessing child."""
    parent = mp.parent_process()
    if parent is None:
        return
    armed = False
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent.pid:  # orphaned already (the parent died before the signal)
        os._exit(1)
    if not armed:
        import threading

        def watch() -> None:
            while os.getppid() == parent.pid:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def as_dict(a) -> object:
    return a.to_dict() if isinstance(a, Annotation) else a


def _from_cache(name: str, corpus: Corpus, cache: PredictionCache | None
                ) -> tuple[dict | None, list[str], dict[int, list]]:
    """The cache identity of a backend, the key of each document, and the documents found
    in the cache (index -> annotations). Nothing when there is no cache or the backend
    cannot be loaded here (the child then reports why)."""
    if cache is None:
        return None, [], {}
    try:
        ext = load(name)
        if not ext.available()[0]:  # the isolated run says why
            return None, [], {}
    except Exception:  # the isolated run names the problem
        return None, [], {}
    ident = identity(ext, target(name))
    keys = [cache.key(ident, d.text_sha256, d.dct) for d in corpus]
    found = {}
    for i, key in enumerate(keys):
        anns = cache.get(ident, key)
        if anns is not None:
            found[i] = anns
    if cache.fault:  # the run goes on without the cache (cache module docstring)
        return None, [], {}
    if len(found) == len(keys):  # nothing to extract: the backend's details from here
        found[-1] = {"name": str(ext.name), "version": str(ext.version),
                     "labels": list(ext.labels), "label_map": dict(ext.label_map or {})}
    return ident, keys, found


def _check_output(result: dict, corpus: Corpus) -> tuple[list[Document], str]:
    """Documents with the backend's annotations, or the reason they are invalid."""
    found = result.get("annotations")
    if not isinstance(found, list) or len(found) != len(corpus):
        return [], (f"returned {len(found) if isinstance(found, list) else type(found).__name__}"
                    f" annotation lists for {len(corpus)} documents")
    return checked_predictions(corpus, found, result.get("label_map") or {})


def checked_predictions(docs: Sequence[Document], found: Sequence[list], label_map: dict
                        ) -> tuple[list[Document], str]:
    """Prediction documents from a backend's annotation dicts for ``docs`` (labels mapped
    by ``label_map``, ids renumbered P1, P2 ... in text order, validated), or the reason
    they are invalid."""
    out, problems = [], []
    for doc, anns in zip(docs, found, strict=True):
        try:  # the backend's native labels -> canonical (protocol: label_map)
            parsed = [Annotation(**{**a, "label": label_map.get(a["label"], a["label"])})
                      for a in anns]
        except (TypeError, KeyError) as exc:
            problems.append(f"{doc.doc_id}: malformed annotation: {exc}")
            continue
        parsed.sort(key=lambda a: (a.start, a.end, a.label, a.value or ""))
        parsed = [Annotation(f"P{i}", a.start, a.end, a.label, a.text, a.value, a.mod, a.form,
                             a.calendar) for i, a in enumerate(parsed, 1)]
        pred = Document(doc.doc_id, doc.text, doc.dct, tuple(parsed),
                        nested=doc.nested)  # nests if its gold may
        problems += [f"{p.item}: {p.message}" if p.item else p.message for p in errors(
            check_document(pred, doc.doc_id, LABELS, require_values=False, warnings=False))]
        out.append(pred)
    if problems:
        more = f" (and {len(problems) - MAX_REASONS} more)" if len(problems) > MAX_REASONS else ""
        return [], "invalid output: " + "; ".join(problems[:MAX_REASONS]) + more
    return out, ""


def _finish(name: str, spec: str, result: dict, corpus: Corpus, out: Path,
            extracted: list[int] | None = None) -> RunRecord:
    """The record of one backend's run (``extracted``: the documents it extracted, the
    others came from the cache; None: all of them)."""
    record = RunRecord(name, spec, result.get("status", "failed"), result.get("reason", ""),
                       result.get("version", ""), result.get("labels", []), len(corpus))
    if record.status != "ok":
        return record
    docs, reason = _check_output(result, corpus)
    if reason:
        record.status, record.reason = "failed", reason
        return record
    with atomic_path(out / safe_name(name)) as folder:  # no stale or partial predictions
        folder.mkdir()
        for doc in docs:
            create(folder / f"{file_stem(doc.doc_id)}.json", dumps_document(doc), doc.doc_id)
    if extracted is None:
        extracted = list(range(len(corpus)))
    chars = sum(len(corpus.documents[i].text) for i in extracted)
    seconds = result["seconds"]
    record.annotations = sum(len(d.annotations) for d in docs)
    record.timings = {"load_seconds": result["load_seconds"], "seconds": seconds,
                      "seconds_per_document": seconds / len(extracted) if extracted else None,
                      "characters_per_second": chars / seconds if chars and seconds > 0
                      else None, "cached_documents": len(corpus) - len(extracted)}
    return record


def shard(todo: list[int], sizes: list[int], n: int) -> list[list[int]]:
    """``todo`` (document indices) cut into at most ``n`` contiguous shards of about the
    same number of characters (``sizes``), none empty."""
    n = max(1, min(n, len(todo)))
    total = sum(sizes[i] for i in todo) or 1
    out, part, acc = [], [], 0
    for i in todo:
        part.append(i)
        acc += sizes[i]
        if len(out) < n - 1 and acc >= total * (len(out) + 1) / n:
            out.append(part)
            part = []
    if part:
        out.append(part)
    return out


def run(names: Sequence[str], corpus: Corpus, out: Path, timeout: float = DEFAULT_TIMEOUT,
        jobs: int | None = None, progress: bool | None = None,
        cache: PredictionCache | None = None, title: str = "", engine: str = "local",
        address: str | None = None) -> list[RunRecord]:
    """Run each backend in its own processes; write predictions and ``run.json`` under
    ``out``.

    The documents a backend has to extract are cut into up to ``jobs`` contiguous shards
    (:func:`shard`), each in its own process that loads the backend once; at most ``jobs``
    processes run at a time. The shards' outputs are put back in corpus order, so the
    files are the same, byte for byte, whatever the number of workers. A shard that
    raises, hangs (``timeout`` per shard) or crashes fails its backend with the reason
    (its other shards are stopped); the other backends go on.

    With a ``cache`` (:mod:`bench.extractors.cache`), documents already predicted by the
    same backend version are taken from it and only the others are extracted, each
    stored as soon as it is finished; a backend with every document cached is not
    started at all; a cache that cannot be read or written is left aside for the rest of
    the run (``cache.fault``), the backends unaffected. ``timings`` record
    ``cached_documents`` and ``workers``. ``title`` prefixes the progress bars (one per
    backend, with documents/s and ETA).

    ``engine="ray"`` does the extraction on a Ray cluster instead (``address``; a local
    one when None): :mod:`bench.extractors.ray_engine`, the same files.
    """
    ctx = mp.get_context("spawn")
    payload = [(d.doc_id, d.text, d.dct) for d in corpus]
    sizes = [len(d.text) for d in corpus]
    jobs = max(1, jobs or os.cpu_count() or 1)
    names = list(dict.fromkeys(names))
    records: dict[str, RunRecord] = {}
    bars = {name: _progress(len(payload), progress, f"{title}{name}", i)
            for i, name in enumerate(names)}
    cached: dict[str, dict] = {}
    counters: dict[str, list] = {name: [] for name in names}
    shown = dict.fromkeys(names, 0)
    units: list[tuple[str, int, list[int]]] = []  # (backend, shard number, documents)
    state: dict[str, dict] = {}  # per backend: its shards' results, keys, todo
    for name in names:
        ident, keys, found = _from_cache(name, corpus, cache)
        cached[name] = found
        if -1 in found:  # all cached
            result = {**found[-1], "status": "ok", "load_seconds": 0.0, "seconds": 0.0,
                      "annotations": [found[i] for i in range(len(payload))]}
            display = result["name"] if ":" in name else name
            records[name] = _finish(display, target(name), result, corpus, out, [])
            continue
        todo = [i for i in range(len(payload)) if i not in found]
        if engine == "ray":
            from bench.extractors import ray_engine

            result = ray_engine.extract(name, [payload[i] for i in todo],
                                        [keys[i] for i in todo] if ident else None, ident,
                                        str(cache.root) if ident else None, jobs, address)
            _cache_fault(cache, result)
            st = {"todo": todo, "results": {0: (todo, result)}, "shards": 1}
            records[name] = _merged(name, st, found, corpus, out)
            continue
        parts = shard(todo, sizes, jobs)
        state[name] = {"ident": ident, "keys": keys, "todo": todo, "results": {},
                       "shards": len(parts)}
        units += [(name, k, part) for k, part in enumerate(parts)]
    running: dict[tuple[str, int], tuple] = {}
    while units or running:
        while units and len(running) < jobs:
            name, k, part = units.pop(0)
            st = state[name]
            counter = ctx.Value("i", 0)
            counters[name].append(counter)
            recv, send = ctx.Pipe(duplex=False)
            args = (name, [payload[i] for i in part], send, counter)
            if st["ident"] is not None and not cache.fault:
                args += (str(cache.root), st["ident"], [st["keys"][i] for i in part])
            proc = ctx.Process(target=_child, args=args, daemon=True)
            proc.start()
            send.close()
            running[name, k] = (proc, recv, time.monotonic(), part)
        for (name, k), (proc, recv, started, part) in list(running.items()):
            if (name, k) not in running:  # stopped above: another shard of it failed
                continue
            result = None
            if recv.poll():
                try:
                    result = recv.recv()
                except (EOFError, OSError):
                    result = {"status": "failed", "reason": _died(proc)}
            elif not proc.is_alive():
                result = {"status": "failed", "reason": _died(proc)}
            elif time.monotonic() - started > timeout:
                proc.kill()
                result = {"status": "failed", "reason": f"timed out after {timeout:g} s"}
            if result is None:
                continue
            _stop(proc, recv)
            del running[name, k]
            _cache_fault(cache, result)
            st = state[name]
            st["results"][k] = (part, result)
            if result.get("status") != "ok":  # the backend fails: its other shards stop
                for key in [key for key in running if key[0] == name]:
                    _stop(*running.pop(key)[:2], kill=True)
                units = [u for u in units if u[0] != name]
                st["shards"] = len(st["results"])
            if len(st["results"]) == st["shards"]:
                records[name] = _merged(name, st, cached[name], corpus, out)
        for name in names:
            now = len(payload) if name in records else min(
                len(payload), sum(c.value for c in counters[name]) + len(cached[name]))
            bars[name].update(now - shown[name])
            shown[name] = now
        time.sleep(0.02)
    for bar in bars.values():
        bar.close()
    ordered = [records[n] for n in names]
    write_manifest(ordered, corpus, out)
    return ordered


def _cache_fault(cache: PredictionCache | None, result: dict) -> None:
    """A worker's cache fault becomes the run's: no later worker is given the cache."""
    if cache is not None and result.get("cache_fault") and not cache.fault:
        cache.fault = result["cache_fault"]


def _stop(proc, recv, kill: bool = False) -> None:
    if kill:
        proc.kill()
    proc.join(5)
    if proc.is_alive():
        proc.kill()
    recv.close()


def _merged(name: str, st: dict, cached: dict, corpus: Corpus, out: Path) -> RunRecord:
    """One backend's record from its shards' results: the first failure, else every
    document's annotations in corpus order (cached ones included)."""
    results = [st["results"][k] for k in sorted(st["results"])]
    failed = next((r for _, r in results if r.get("status") != "ok"), None)
    first = results[0][1]
    if failed is not None:
        result = failed
    else:
        new = {i: anns for part, r in results for i, anns in zip(part, r["annotations"],
                                                                 strict=True)}
        result = {**first, "reason": merge_notes(r.get("reason", "") for _, r in results),
                  "load_seconds": max(r["load_seconds"] for _, r in results),
                  "seconds": sum(r["seconds"] for _, r in results),
                  "annotations": [new[i] if i in new else cached[i]
                                  for i in range(len(corpus))]}
    display = result.get("name", name) if ":" in name else name
    record = _finish(display, target(name), result, corpus, out, st["todo"])
    if record.timings:
        record.timings["workers"] = len(results)
    return record


def _died(proc) -> str:
    proc.join(1)
    code = proc.exitcode
    if code is not None and code < 0:
        import signal
        return f"crashed: killed by signal {signal.Signals(-code).name}"
    return f"crashed: process exited with code {code} without a result"


def _progress(total: int, enabled: bool | None, desc: str, position: int):
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit="doc", position=position, leave=True,
                disable=not enabled)


def write_manifest(records: list[RunRecord], corpus: Corpus | tuple[str, int], out: Path
                   ) -> None:
    """``run.json``: statuses first, timings in their own section (they vary run to run).
    ``corpus``: the corpus, or its (name, number of documents)."""
    name, n = (corpus.name, len(corpus)) if isinstance(corpus, Corpus) else corpus
    data = {"corpus": name, "documents": n,
            "backends": [{k: v for k, v in asdict(r).items() if k != "timings"}
                         for r in records],
            "timings": {r.backend: r.timings for r in records if r.timings}}
    write_text(out / "run.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


