"""The Ray engine of ``bench run --engine ray [--address ADDR]``: the same work as the
local engine on a Ray cluster (``ray.init()`` on this machine when no address is given).

The documents a backend has to extract become a Ray Data dataset; the backend is a
stateful actor class in ``map_batches`` (loaded once per actor, ``jobs`` actors), each
document stored in the prediction cache by the actor as soon as it is tagged (so a
driver killed mid-run resumes from the cache); results are gathered and put back in
corpus order by the runner, so the files are the same bytes as the local engine's.
A batch whose actor fails is retried by Ray; an error that persists fails the backend
with the reason. The per-shard time limit of the local engine does not apply.
:mod:`bench.extractors.shard_run` runs shard files of a larger-than-memory corpus on the
same actors (:func:`map_actors`), one shard file per batch.
"""

from __future__ import annotations

import json


class _Tagger:
    """The actor: one backend, loaded once."""

    def __init__(self, name: str, cache_root: str | None, ident: dict | None) -> None:
        from pathlib import Path

        from bench.extractors.cache import PredictionCache
        from bench.extractors.registry import load

        self.ext = load(name)
        prepare = getattr(self.ext, "prepare", None)
        if prepare is not None:
            prepare()
        self.cache = PredictionCache(Path(cache_root)) if cache_root else None
        self.ident = ident
        self.noted = ""  # the backend's note after the last batch (its counts so far)

    def __call__(self, batch: dict) -> dict:
        from bench.extractors.base import extract_all, note_since
        from bench.model import Annotation, Document

        docs = [Document(i, t, d or None) for i, t, d in
                zip(batch["doc_id"], batch["text"], batch["dct"], strict=True)]
        found = extract_all(self.ext, docs)
        out = []
        for key, anns in zip(batch["key"], found, strict=True):
            dicts = [a.to_dict() if isinstance(a, Annotation) else a for a in anns]
            if self.cache is not None and key:
                self.cache.put(self.ident, key, dicts)
            out.append(json.dumps(dicts, ensure_ascii=False))
        note = getattr(self.ext, "note", None)
        now = note() if note else ""
        delta, self.noted = note_since(now, self.noted), now  # this batch's counts
        notes = [delta][:len(out)] + [""] * (len(out) - 1)  # on one row: added up once
        fault = self.cache.fault if self.cache is not None else ""
        return {"k": batch["k"], "annotations": out, "note": notes,
                "cache_fault": [fault] * len(out)}


def map_actors(rows: list[dict], actor: type, args: tuple, jobs: int, batch_size: int,
               address: str | None = None, gpus: float = 0.0) -> list[dict]:
    """``rows`` through ``jobs`` actors of class ``actor`` (made with ``args``; ``gpus``
    each) in ``map_batches``; every output row. A batch whose actor dies is retried (at
    most 3 restarts of an actor and 3 retries of a batch, so a backend that always
    crashes fails instead of being retried for ever)."""
    import warnings

    import ray

    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 logging_level="ERROR", configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    per_actor = {"num_gpus": gpus} if gpus else {}
    with warnings.catch_warnings():
        # Ray 2.60 deprecates passing actor options this way and offers no named
        # parameter for the retry bounds yet; its default is to retry for ever
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = ray.data.from_items(rows).map_batches(
            actor, fn_constructor_args=args, batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=max(1, min(jobs, len(rows)))),
            max_restarts=3, max_task_retries=3, **per_actor)
    return ds.take_all()


def failure(exc: Exception) -> str:
    """The reason Ray gave up, in one line."""
    last = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {last[-1] if last else ''}"


def extract(name: str, docs: list[tuple[str, str, str | None]], keys: list[str] | None,
            ident: dict | None, cache_root: str | None, jobs: int,
            address: str | None = None) -> dict:
    """A result dict as the local engine's worker sends: status, annotations in the
    order of ``docs``, the backend's name, version, labels and label map."""
    import time

    from bench.extractors.base import merge_notes
    from bench.extractors.registry import load

    t0 = time.perf_counter()
    ext = load(name)
    out = {"name": str(ext.name), "version": str(ext.version), "labels": list(ext.labels),
           "label_map": dict(ext.label_map or {}), "status": "failed"}
    ok, reason = ext.available()
    if not ok:
        return {**out, "status": "unavailable", "reason": reason}
    rows = [{"k": k, "doc_id": d, "text": t, "dct": c or "", "key": keys[k] if keys else ""}
            for k, (d, t, c) in enumerate(docs)]
    try:
        got = sorted(map_actors(rows, _Tagger, (name, cache_root, ident), jobs,
                                max(1, len(rows) // (jobs * 4) or 1), address),
                     key=lambda r: r["k"])
    except Exception as exc:  # Ray gave up: the backend fails with the reason
        return {**out, "reason": failure(exc)}
    fault = next((r["cache_fault"] for r in got if r["cache_fault"]), "")
    return {**out, "status": "ok", "load_seconds": 0.0, "seconds": time.perf_counter() - t0,
            "annotations": [json.loads(r["annotations"]) for r in got],
            "reason": merge_notes(r["note"] for r in got),
            **({"cache_fault": fault} if fault else {})}
