"""Running backends over a corpus, each isolated in its own workers with a time limit.

An exception, a hang (time limit), a crash (the worker dies) or invalid output
(offsets out of range, text mismatch, unknown label, overlaps, a malformed
annotation) marks that backend ``failed`` with the reason; the others go on.
Backends run in parallel, as many workers at a time as ``jobs``, on an engine
(:mod:`bench.extractors.engines`: local processes or Ray actors), which also holds the
one meaning of ``timeout``.

Output, ready for ``bench score``: ``OUT/<backend>/<doc_id>.json`` annotation files
(ids renumbered P1, P2 ... in text order) and ``OUT/run.json``, the manifest with
each backend's status and, in their own section, its timings.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.extractors.base import extract_all, merge_notes, note_since
from bench.extractors.cache import PredictionCache, identity
from bench.extractors.choose import make_engine
from bench.extractors.engines import DEFAULT_TIMEOUT, Engine, Task, failed
from bench.extractors.record import RunRecord, RunStatus, safe_name
from bench.extractors.registry import load, target
from bench.io.atomic import atomic_path, write_text
from bench.io.names import create, file_stem
from bench.io.native import dumps_document
from bench.model import LABELS, Annotation, Corpus, Document
from bench.problems import errors
from bench.validate import check_document

MAX_REASONS = 5


@dataclass(frozen=True)
class DocumentUnit:
    """A task of the runner: some documents of one backend, and where to cache them."""

    docs: list[tuple[str, str, str | None]]
    """(doc_id, text, dct) of each document."""
    cache_root: str | None = None
    ident: dict | None = None
    keys: list[str] | None = None
    """The cache key of each document (with ``cache_root`` and ``ident``)."""


class DocumentTagger:
    """A worker of the runner: one backend, loaded once in the worker's process or actor
    (timed as its load time), tagging one :class:`DocumentUnit` after another. Each
    document is stored in the prediction cache as soon as it is tagged (a fault of the
    cache is sent back as ``cache_fault``, the backend goes on). Never raises: a result
    says why the backend failed or is unavailable."""

    def __init__(self, spec: str) -> None:
        self.details: dict = {}
        self.error: dict | None = None
        self.noted = ""  # the backend's note after the last unit (its counts so far)
        self.caches: dict[str, PredictionCache] = {}
        try:
            t0 = time.perf_counter()
            self.ext = load(spec)
            self.details = {"name": str(self.ext.name), "version": str(self.ext.version),
                            "labels": list(self.ext.labels),
                            "label_map": dict(self.ext.label_map or {})}
            ok, reason = self.ext.available()
            if not ok:
                self.error = {"status": RunStatus.UNAVAILABLE, "reason": reason}
                return
            prepare = getattr(self.ext, "prepare", None)
            if prepare is not None:
                prepare()
            self.load_seconds = time.perf_counter() - t0
        except BaseException as exc:  # isolate everything the backend may throw
            self.error = failed(exc)

    def __call__(self, unit: DocumentUnit, tick: Callable[[int], None]) -> dict:
        if self.error is not None:
            return {**self.details, **self.error}
        out = {**self.details, "status": RunStatus.FAILED}
        cache = None
        if unit.cache_root:
            cache = self.caches.setdefault(unit.cache_root,
                                           PredictionCache(Path(unit.cache_root)))
        try:
            t1 = time.perf_counter()
            documents = [Document(i, text, dct) for i, text, dct in unit.docs]

            def one_done(k: int, anns: list) -> None:
                if cache is not None:
                    cache.put(unit.ident, unit.keys[k], [as_dict(a) for a in anns])
                tick(1)

            found = extract_all(self.ext, documents, one_done)
            out.update(status=RunStatus.OK, load_seconds=self.load_seconds,
                       seconds=time.perf_counter() - t1,
                       annotations=[[as_dict(a) for a in doc] for doc in found],
                       reason=self.note())
        except BaseException as exc:  # isolate everything the backend may throw
            out.update(failed(exc))
        if cache is not None and cache.fault:
            out["cache_fault"] = cache.fault
        return out

    def note(self) -> str:
        """The backend's optional note (what it dropped, counted) for the documents tagged
        since the last call: the notes of every unit add up (:func:`merge_notes`)."""
        note = getattr(self.ext, "note", None)
        now = note() if note else ""
        delta, self.noted = note_since(now, self.noted), now
        return delta


@dataclass
class BackendRun:
    """One backend's run over a corpus: what the cache had, what its workers extract."""

    spec: str
    documents: int
    ident: dict | None = None
    """Its identity in the prediction cache (None: no cache for it)."""
    keys: list[str] = field(default_factory=list)
    """The cache key of each document."""
    cached: dict[int, list] = field(default_factory=dict)
    """Annotations found in the cache, by document index."""
    details: dict = field(default_factory=dict)
    """Its name, version, labels and label map, read here (with a cache)."""
    parts: list[list[int]] = field(default_factory=list)
    """The documents of each of its tasks, in corpus order."""
    results: list[dict | None] = field(default_factory=list)
    """The result of each task (None: stopped, another one failed)."""

    @property
    def todo(self) -> list[int]:
        """The documents to extract (not in the cache)."""
        return [i for i in range(self.documents) if i not in self.cached]

    @property
    def all_cached(self) -> bool:
        """Every document came from the cache: the backend is not started at all."""
        return self.ident is not None and len(self.cached) == self.documents

    @property
    def display(self) -> str:
        """Its name in the outputs: the registry name, or a plugin's own name."""
        if ":" not in self.spec:
            return self.spec
        done = [r for r in self.results if r is not None]
        return next((r for r in done if r.get("status") != RunStatus.OK),
                    done[0] if done else self.details).get("name", self.spec)


def as_dict(a) -> object:
    return a.to_dict() if isinstance(a, Annotation) else a


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
    record = RunRecord(name, spec, RunStatus(result.get("status", RunStatus.FAILED)),
                       result.get("reason", ""),
                       result.get("version", ""), result.get("labels", []), len(corpus))
    if record.status != RunStatus.OK:
        return record
    docs, reason = _check_output(result, corpus)
    if reason:
        record.status, record.reason = RunStatus.FAILED, reason
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
        cache: PredictionCache | None = None, title: str = "", engine: str | Engine = "local",
        address: str | None = None, source: dict | None = None) -> list[RunRecord]:
    """Run each backend isolated in its own workers; write predictions and ``run.json``
    under ``out`` (with ``source``: how to find the corpus again, see
    :func:`~bench.extractors.record.read_source`).

    The documents a backend has to extract are cut into contiguous shards (:func:`shard`;
    up to ``jobs`` locally, ``RayEngine.units_per_worker`` times more on Ray), the tasks
    of an :class:`~bench.extractors.engines.Engine` (``engine``: "local", "ray" on the
    cluster at ``address``, or an engine): at most ``jobs`` workers at a time, each
    loading its backend once. The shards' outputs are put back in corpus order, so the
    files are the same, byte for byte, whatever the engine and the number of workers. A
    shard that raises, crashes or exceeds ``timeout`` (the engines' one meaning:
    :mod:`bench.extractors.engines`) fails its backend with the reason (its other shards
    are stopped); the other backends go on.

    With a ``cache`` (:mod:`bench.extractors.cache`), documents already predicted by the
    same backend version are taken from it and only the others are extracted, each
    stored as soon as it is finished; a backend with every document cached is not
    started at all; a cache that cannot be read or written is left aside for the rest of
    the run (``cache.fault``), the backends unaffected. ``timings`` record
    ``cached_documents`` and ``workers``. ``title`` prefixes the progress bars (one per
    backend, with documents/s and ETA).
    """
    if isinstance(engine, str):
        engine = make_engine(engine, address)
    jobs = max(1, jobs or os.cpu_count() or 1)
    runs = [_plan(name, corpus, cache) for name in dict.fromkeys(names)]
    sizes = [len(d.text) for d in corpus]
    tasks = []
    for backend in runs:
        if not backend.all_cached:
            tasks += _tasks(backend, corpus, sizes, jobs * engine.units_per_worker, cache)
    bars = {b.spec: _progress(len(corpus), progress, f"{title}{b.spec}", i)
            for i, b in enumerate(runs)}
    for backend in runs:
        bars[backend.spec].update(len(backend.cached))
    results = engine.map(tasks, jobs, timeout, lambda group, n: bars[group].update(n))
    for task, result in zip(tasks, results, strict=True):
        next(b for b in runs if b.spec == task.group).results.append(result)
        if result is not None:
            _cache_fault(cache, result)
    records = [_record(backend, corpus, out, jobs) for backend in runs]
    for bar in bars.values():
        bar.update(len(corpus) - bar.n)
        bar.close()
    write_manifest(records, corpus, out, source)
    return records


def _plan(spec: str, corpus: Corpus, cache: PredictionCache | None) -> BackendRun:
    """A backend's run, with the documents the cache has. Nothing from the cache when
    there is none or the backend cannot be loaded here (its workers then say why)."""
    backend = BackendRun(spec, len(corpus))
    if cache is None:
        return backend
    try:
        ext = load(spec)
        if not ext.available()[0]:  # its workers say why
            return backend
    except Exception:  # its workers name the problem
        return backend
    ident = identity(ext, target(spec))
    keys = [cache.key(ident, d.text_sha256, d.dct) for d in corpus]
    found = {i: anns for i, key in enumerate(keys)
             if (anns := cache.get(ident, key)) is not None}
    if cache.fault:  # the run goes on without the cache (cache module docstring)
        return backend
    backend.ident, backend.keys, backend.cached = ident, keys, found
    backend.details = {"name": str(ext.name), "version": str(ext.version),
                       "labels": list(ext.labels), "label_map": dict(ext.label_map or {})}
    return backend


def _tasks(backend: BackendRun, corpus: Corpus, sizes: list[int], n: int,
           cache: PredictionCache | None) -> list[Task]:
    """The backend's documents to extract, cut into at most ``n`` tasks."""
    backend.parts = shard(backend.todo, sizes, n)
    cached = backend.ident is not None and cache is not None and not cache.fault
    tasks = []
    for part in backend.parts:
        docs = [(corpus.documents[i].doc_id, corpus.documents[i].text,
                 corpus.documents[i].dct) for i in part]
        unit = DocumentUnit(docs, str(cache.root), backend.ident,
                            [backend.keys[i] for i in part]) if cached else DocumentUnit(docs)
        tasks.append(Task(backend.spec, (DocumentTagger, (backend.spec,)), unit, len(part)))
    return tasks


def _record(backend: BackendRun, corpus: Corpus, out: Path, jobs: int) -> RunRecord:
    """The record of a backend's run, its predictions written: the first failure of its
    tasks, else every document's annotations in corpus order (cached ones included)."""
    if backend.all_cached:
        result = {**backend.details, "status": RunStatus.OK, "load_seconds": 0.0,
                  "seconds": 0.0, "annotations": [backend.cached[i]
                                                  for i in range(len(corpus))]}
        return _finish(backend.display, target(backend.spec), result, corpus, out, [])
    done = [r for r in backend.results if r is not None]
    failure = next((r for r in done if r.get("status") != RunStatus.OK), None)
    if failure is not None:
        result = failure
    else:
        new = {i: anns for part, r in zip(backend.parts, done, strict=True)
               for i, anns in zip(part, r["annotations"], strict=True)}
        result = {**done[0], "reason": merge_notes(r.get("reason", "") for r in done),
                  "load_seconds": max(r["load_seconds"] for r in done),
                  "seconds": sum(r["seconds"] for r in done),
                  "annotations": [new[i] if i in new else backend.cached[i]
                                  for i in range(len(corpus))]}
    record = _finish(backend.display, target(backend.spec), result, corpus, out,
                     backend.todo)
    if record.timings:
        record.timings["workers"] = min(jobs, len(done))
    return record


def _cache_fault(cache: PredictionCache | None, result: dict) -> None:
    """A worker's cache fault becomes the run's (the first one)."""
    if cache is not None and result.get("cache_fault") and not cache.fault:
        cache.fault = result["cache_fault"]


def _progress(total: int, enabled: bool | None, desc: str, position: int):
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit="doc", position=position, leave=True,
                disable=not enabled)


def write_manifest(records: list[RunRecord], corpus: Corpus | tuple[str, int], out: Path,
                   source: dict | None = None) -> None:
    """``run.json``: statuses first, timings in their own section (they vary run to run).
    ``corpus``: the corpus, or its (name, number of documents)."""
    name, n = (corpus.name, len(corpus)) if isinstance(corpus, Corpus) else corpus
    data = {"corpus": name, "documents": n, **({"source": source} if source else {}),
            "backends": [{k: v for k, v in asdict(r).items() if k != "timings"}
                         for r in records],
            "timings": {r.backend: r.timings for r in records if r.timings}}
    write_text(out / "run.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


