"""The benchmark as a library call: run every backend, score, write the reports.

``make bench`` is ``bench run`` + ``bench report`` + ``bench check``; this module is
what ``bench report`` calls: it scores the predictions of every backend that ran
successfully and writes ``results.json``, ``summary.md``, ``index.html`` and
``errors/<backend>.md``. Scoring knows nothing of backends and backends nothing of
reports: the run manifest (``run.json``) is the only thing passed between them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import __version__
from bench.extractors.runner import RunRecord, read_manifest
from bench.loader import load_corpus, load_predictions
from bench.model import Corpus
from bench.scoring import Results, score


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


def benchmark(corpus_spec: str, runs_dir: Path, labels: str | None = None, **score_options
              ) -> Benchmark:
    """Score the predictions of every backend recorded ``ok`` in ``runs_dir/run.json``."""
    corpus = load_corpus(corpus_spec, labels)
    runs = read_manifest(runs_dir)
    systems = {r.backend: load_predictions(runs_dir / r.backend, corpus)
               for r in runs if r.status == "ok"}
    return Benchmark(corpus, score(corpus, systems, **score_options), runs)


def write_reports(bench: Benchmark, out: Path) -> list[Path]:
    from bench.report.html import render_html
    from bench.report.markdown import render_errors, render_summary

    out.mkdir(parents=True, exist_ok=True)
    written = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write(out / "results.json", json.dumps(bench.to_dict(), ensure_ascii=False, indent=1) + "\n")
    write(out / "summary.md", render_summary(bench))
    write(out / "index.html", render_html(bench))
    errors_dir = out / "errors"
    for stale in errors_dir.glob("*.md") if errors_dir.is_dir() else []:
        stale.unlink()
    for system in bench.results.systems:
        write(errors_dir / f"{system.name}.md", render_errors(bench, system))
    return written
