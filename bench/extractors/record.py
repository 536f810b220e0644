"""What a run of backends leaves behind: each backend's :class:`RunRecord` with its
:class:`RunStatus`, kept in the run manifest ``run.json`` beside the predictions.

The records are all that passes from extraction to scoring and reports: those layers
import this module, never the runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from bench.io.names import file_stem
from bench.io.native import read_json
from bench.problems import InputError, Problem


class RunStatus(StrEnum):
    """How a backend's run ended (a ``str``: written to JSON as its value)."""

    OK = "ok"
    FAILED = "failed"
    """It raised, crashed, hung past its timeout or wrote invalid output."""
    UNAVAILABLE = "unavailable"
    """A dependency or model is missing: said with the command that fetches it."""
    SKIPPED = "skipped"
    """Not run: its labels do not cover the task."""


@dataclass
class RunRecord:
    backend: str
    target: str
    status: RunStatus
    reason: str = ""
    version: str = ""
    labels: list[str] = field(default_factory=list)
    documents: int = 0
    annotations: int = 0
    timings: dict = field(default_factory=dict)
    """load_seconds, seconds, seconds_per_document, characters_per_second (status ok)."""


def safe_name(name: str) -> str:
    """The folder name of a backend's outputs (:func:`bench.io.names.file_stem`)."""
    return file_stem(name)


def read_manifest(out: Path) -> list[RunRecord]:
    path = out / "run.json"
    if not path.is_file():
        raise InputError([Problem(str(path), None, "no run manifest: run "
                                                   f"`bench run --out {out}` first")])
    data = read_json(path)
    try:
        timings = data.get("timings", {})
        return [RunRecord(**{**b, "status": RunStatus(b["status"])},
                          timings=timings.get(b["backend"], {})) for b in data["backends"]]
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise InputError([Problem(str(path), None, "not a run manifest of bench run: "
                                  f"{type(exc).__name__}: {exc}")]) from None


def read_source(out: Path) -> dict | None:
    """What ``bench run`` recorded of its corpus in ``out/run.json`` (``corpus``: the spec
    with an absolute path, ``labels``, ``nesting``, ``texts_sha256``:
    :func:`bench.fingerprint.texts_fingerprint`), or None (another writer, an older run)."""
    path = out / "run.json"
    data = read_json(path) if path.is_file() else None
    source = data.get("source") if isinstance(data, dict) else None
    if source is None:
        return None
    if not isinstance(source, dict) or not isinstance(source.get("corpus"), str):
        raise InputError.one(str(path), "source: not what bench run writes (corpus, labels, "
                                        "nesting, texts_sha256)")
    return source


def declared_labels(predictions: Path) -> tuple[str, ...] | None:
    """Labels a backend declared, from the manifest of the run that wrote ``predictions``
    (``RUNS/<backend>``, or ``RUNS/<backend>/predictions.jsonl`` of a shards run), or None
    when it was not written by ``bench run``."""
    if predictions.name == "predictions.jsonl":
        predictions = predictions.parent
    if not (predictions.parent / "run.json").is_file():
        return None
    for record in read_manifest(predictions.parent):
        if safe_name(record.backend) == predictions.name:
            return tuple(record.labels)
    return None
