"""The records of a benchmark run: one corpus scored (:class:`Benchmark`), a suite's
tasks (:class:`TaskRun`, :class:`SuiteRun`) and their provenance.

:mod:`bench.pipeline` makes them; :mod:`bench.report` renders them. Both import them
from here, so reports never import the pipeline.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.extractors.record import RunRecord, RunStatus
from bench.model import Corpus
from bench.scoring import Results
from bench.scoring.compat.results import CompatResults
from bench.suite import Suite, Task
from bench.version import __version__


@dataclass
class Benchmark:
    corpus: Corpus
    results: Results
    runs: list[RunRecord]
    provenance: dict | None = None
    """Suite runs: ``{"suite": {...}, "task": {...}}`` (see :func:`bench.pipeline.run_suite`)."""
    compat: CompatResults | None = None
    """A task scored in a published-scorer mode too (its ``compat`` key)."""
    unjudged: dict[str, dict[str, int]] = field(default_factory=dict)
    """Backend -> label -> predictions left out: labels the corpus does not annotate."""

    def to_dict(self) -> dict:
        """``results.json``: the scoring Results, then run metadata, then the timings."""
        data = self.results.to_dict()
        if self.provenance:
            data.update(self.provenance)
        if self.compat is not None:
            data["compat"] = self.compat.to_dict()
        if self.unjudged:
            data["unjudged"] = self.unjudged
        data["run"] = {"package": f"arabench {__version__}", "corpus": self.corpus.name,
                       "backends": [{k: v for k, v in asdict(r).items() if k != "timings"}
                                    for r in self.runs]}
        data["timings"] = {r.backend: r.timings for r in self.runs if r.timings}
        return data


@dataclass
class TaskRun:
    """One task of a suite run: skipped (with the reason) or scored."""

    task: Task
    folder: Path
    reason: str = ""
    bench: Benchmark | None = None
    not_run: dict[str, str] | None = None  # backend -> why it was not run on this task


@dataclass
class SuiteRun:
    suite: Suite
    tasks: list[TaskRun]
    damaged: list[str]

    @property
    def failed(self) -> bool:
        return any(r.status == RunStatus.FAILED for t in self.tasks if t.bench
                   for r in t.bench.runs)


def suite_provenance(suite: Suite) -> dict:
    return {"name": suite.name, "file": str(suite.path), "sha256": suite.sha256}


def task_provenance(task: Task, corpus_sha256: str) -> dict:
    return {"name": task.name, "kind": list(task.kinds), "corpus": task.corpus,
            "corpus_sha256": corpus_sha256, "revision": task.revision, "split": task.split,
            "labels": task.labels, "nesting": task.nesting, "silver": task.silver,
            "train": task.train, "holdout": task.holdout, "main_score": task.main_row(),
            **({"tolerance": task.tolerance} if task.tolerance is not None else {}),
            **({"tolerances": dict(task.tolerances)} if task.tolerances else {})}
