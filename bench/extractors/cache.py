"""The prediction cache: a backend's raw output per document, kept between runs.

An entry is keyed by what decides a backend's output: its name, ``module:Class``,
version, label map, ``max_chars``, ``settings`` (a JSON-able attribute a backend
may declare) and a hash of its source files, and the document's text (sha256) and
date. So a second run of an unchanged corpus extracts nothing, a changed document is
extracted again alone, and a new backend version (or edited code) misses. Entries are
written one document at a time, as each is finished, through a temporary file and a
rename: a run killed at any moment leaves whole entries only, and the next run goes on
from there (resume).

Each entry carries the sha256 of its annotations; an entry whose checksum or shape
is wrong is reported as damaged, never used, and recomputed.

A cache that cannot be read or written (its root a file or read-only, a full disk: any
``OSError`` of the cache's own files) is the cache's problem, never the backend's: from
the first such fault the run goes on without the cache (documents are extracted, nothing
more is read from or stored in it), its outcome and exit status unchanged, and one
warning line names the cache root and the error (:attr:`PredictionCache.fault`). The
cache only saves time, so a run is never stopped or failed for it.

Layout: ``ROOT/<backend>/<key[:2]>/<key>.json``. Default root:
``$XDG_CACHE_HOME/arabench/predictions`` (``~/.cache/...``); ``--cache DIR`` and
``--no-cache`` choose.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.userdirs import cache_home

SCHEMA = 1


def default_root() -> Path:
    return cache_home() / "predictions"


def identity(ext, spec: str) -> dict:
    """What decides an extractor's output, apart from the document: name, target,
    version, label map, ``max_chars``, ``settings``, and a hash of its source files (so an
    edited backend whose version was not bumped misses the cache rather than serving
    stale predictions)."""
    settings = getattr(ext, "settings", None)
    return {"name": str(ext.name), "target": spec, "version": str(ext.version),
            "label_map": dict(sorted((ext.label_map or {}).items())),
            "max_chars": getattr(ext, "max_chars", None),
            "settings": json.loads(json.dumps(settings, sort_keys=True, default=str))
            if settings is not None else None,
            "code": source_hash(type(ext))}


def files_hash(root: Path, files: list[Path]) -> str:
    """sha256 of ``files`` (under ``root``): their relative names and bytes, in name order.
    What decides a model folder's or a backend's output, for versions and cache keys."""
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def folder_hash(folder: Path) -> str:
    """``files:`` and the start of :func:`files_hash` of every file in ``folder``."""
    return "files:" + files_hash(folder, [p for p in folder.rglob("*") if p.is_file()])[:16]


def source_hash(cls: type) -> str | None:
    """sha256 of the Python sources of ``cls``'s module: every ``*.py`` of its package
    folder when the module is a package, else the module's file."""
    module = sys.modules.get(cls.__module__)
    path = getattr(module, "__file__", None)
    if path is None:
        return None
    path = Path(path)
    files = list(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    return files_hash(path.parent, files)


def _digest(obj: object) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PredictionCache:
    root: Path
    damaged: list[str] = field(default_factory=list)
    """Entries found damaged (and so recomputed) since this object was made."""
    fault: str = ""
    """The first read or write fault, in one line naming the root (the module's rule): from
    then on nothing is read or stored."""

    def failed(self, doing: str, path: Path, exc: OSError) -> None:
        """Record a fault of the cache's own files (the first one is kept)."""
        if not self.fault:
            self.fault = (f"prediction cache {self.root}: cannot {doing} {path}: "
                          f"{exc.strerror or exc}; this run goes on without the cache")

    def key(self, ident: dict, text_sha256: str, dct: str | None) -> str:
        return _digest({"backend": ident, "text_sha256": text_sha256, "dct": dct})

    def _path(self, ident: dict, key: str) -> Path:
        folder = re.sub(r"[^A-Za-z0-9._-]+", "_", ident["name"]) or "_"
        return self.root / folder / key[:2] / f"{key}.json"

    def get(self, ident: dict, key: str) -> list[dict] | None:
        """The cached annotations (dicts as the backend gave them), or None."""
        if self.fault:
            return None
        path = self._path(ident, key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.failed("read", path, exc)
            return None
        try:
            entry = json.loads(raw)
            anns = entry["annotations"]
            ok = entry.get("schema") == SCHEMA and entry["key"] == key \
                and isinstance(anns, list) and entry["sha256"] == _digest(anns)
        except (ValueError, KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            self.damaged.append(f"{path}: damaged (checksum or shape): recomputed")
            return None
        return anns

    def put(self, ident: dict, key: str, annotations: list[dict]) -> None:
        """Store one document's annotations atomically (temporary file, then rename); a
        fault is recorded in :attr:`fault`, not raised."""
        if self.fault:
            return
        path = self._path(ident, key)
        entry = {"schema": SCHEMA, "key": key, "backend": ident,
                 "sha256": _digest(annotations), "annotations": annotations}
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            self.failed("write", path, exc)
        finally:  # no temporary file left behind, whatever stopped the write
            if tmp is not None:
                with suppress(OSError):
                    Path(tmp).unlink(missing_ok=True)
