"""The benchmark as a library call: run every backend, score, write the reports.

``make bench`` is ``bench run`` + ``bench report`` + ``bench check``; this module is
what ``bench report`` calls: it scores the predictions of every backend that ran
successfully and writes ``results.json``, ``alignment.jsonl`` (every match and
error), ``summary.md``, ``index.html`` and ``errors/<backend>.md``. Scoring knows
nothing of backends and backends nothing of reports: the run manifest (``run.json``)
is the only thing passed between them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import __version__
from bench.extractors.runner import RunRecord, read_manifest, safe_name
from bench.io.atomic import atomic_path, write_text
from bench.loader import load_corpus, load_prediction_columns
from bench.model import Corpus
from bench.scoring import Results, Settings, score


@dataclass
class Benchmark:
    corpus: Corpus
    results: Results
    runs: list[RunRecord]

    def to_dict(self) -> dict:
        """``results.json``: the scoring Results, then run metadata, then the timings."""
        data = self.results.to_dict()
        data["run"] = {"package": f"arabench {__version__}", "corpus": self.corpus.name,
                       "backends": [{k: v for k, v in asdict(r).items() if k != "timings"}
                                    for r in self.runs]}
        data["timings"] = {r.backend: r.timings for r in self.runs if r.timings}
        return data


def benchmark(corpus_spec: str, runs_dir: Path, labels: str | None = None,
              settings: Settings | None = None, **score_options) -> Benchmark:
    """Score the predictions of every backend recorded ``ok`` in ``runs_dir/run.json``."""
    corpus = load_corpus(corpus_spec, labels)
    runs = read_manifest(runs_dir)
    ok = [r for r in runs if r.status == "ok"]
    systems = {r.backend: load_prediction_columns(runs_dir / safe_name(r.backend), corpus)
               for r in ok}
    for system in systems.values():
        corpus.notes += system.notes
    scopes = {r.backend: r.labels for r in ok}  # each backend scored on what it declares
    return Benchmark(corpus, score(corpus, systems, settings, scopes=scopes, alignment=True,
                                   **score_options), runs)


def write_reports(bench: Benchmark, out: Path) -> list[Path]:
    from bench.report.html import render_html
    from bench.report.markdown import render_errors, render_summary

    written = []

    def write(path: Path, text: str) -> None:
        write_text(path, text)
        written.append(path)

    write(out / "results.json", json.dumps(bench.to_dict(), ensure_ascii=False, indent=1) + "\n")
    bench.results.write_alignment(out / "alignment.jsonl")
    written.append(out / "alignment.jsonl")
    write(out / "summary.md", render_summary(bench))
    write(out / "index.html", render_html(bench))
    with atomic_path(out / "errors") as errors_dir:  # replaced whole: no stale files
        errors_dir.mkdir()
        for system in bench.results.systems:
            name = f"{safe_name(system.name)}.md"
            (errors_dir / name).write_text(render_errors(bench, system), encoding="utf-8")
            written.append(out / "errors" / name)
    return written
