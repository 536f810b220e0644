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
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from bench.columns import columns_of
from bench.extractors.cache import PredictionCache
from bench.extractors.record import RunStatus, read_manifest, safe_name
from bench.io.atomic import atomic_path, atomic_set, atomic_sets
from bench.io.formats import split_spec
from bench.loader import load_corpus, load_prediction_columns, load_tags
from bench.model import Corpus
from bench.problems import InputError
from bench.runs import Benchmark, SuiteRun, TaskRun, suite_provenance, task_provenance
from bench.scoring import Settings, score
from bench.suite import Suite, Task


def benchmark(corpus_spec: str | Corpus, runs_dir: Path, labels: str | None = None,
              settings: Settings | None = None, compat: str = "",
              gold_tags: dict | None = None, judged: Collection[str] | None = None,
              **score_options) -> Benchmark:
    """Score the predictions of every backend recorded ``ok`` in ``runs_dir/run.json``
    (``corpus_spec``: a corpus spec, or the corpus already read); ``compat``: also in
    that published-scorer mode (:func:`bench.scoring.compat.score_compat`, the gold's
    tags as written given as ``gold_tags``, else its spans encoded). ``judged``: the
    labels the corpus annotates; predictions of other labels cannot be judged on it and
    are left out (counted in ``Benchmark.unjudged``, shown in the reports)."""
    corpus = corpus_spec if isinstance(corpus_spec, Corpus) else load_corpus(corpus_spec, labels)
    runs = read_manifest(runs_dir)
    ok = [r for r in runs if r.status == RunStatus.OK]
    systems = {r.backend: load_prediction_columns(runs_dir / safe_name(r.backend), corpus)
               for r in ok}
    for system in systems.values():
        corpus.notes += system.notes
    unjudged: dict[str, dict[str, int]] = {}
    if judged is not None:
        for name, side in systems.items():
            vocab = side.vocab["label"]
            outside = Counter(vocab[c] for c in side.codes["label"].tolist()
                              if vocab[c] not in judged)
            if outside:
                unjudged[name] = dict(sorted(outside.items()))
                kept = side.to_corpus()
                systems[name] = columns_of(
                    [d.with_annotations([a for a in d.annotations if a.label in judged])
                     for d in kept], name=kept.name, notes=side.notes)
    scopes = {r.backend: [lab for lab in r.labels if judged is None or lab in judged]
              for r in ok}  # each backend scored on what it declares
    bench = Benchmark(corpus, score(corpus, systems, settings, scopes=scopes, alignment=True,
                                    **score_options), runs, unjudged=unjudged)
    if compat:
        from bench.scoring.compat import score_compat

        settings = settings or Settings()
        bench.compat = score_compat(compat, corpus, {n: s.to_corpus() for n, s in
                                                     systems.items()}, gold_tags=gold_tags,
                                    labels=settings.label_mapping, task=settings.task,
                                    scopes=scopes)
    return bench


def write_reports(bench: Benchmark, out: Path) -> list[Path]:
    """Write the report set of ``bench`` into ``out`` as one (:func:`atomic_set`): a kill
    or a full disk part-way leaves the previous set whole, never part of each."""
    with atomic_set(out) as tmp:
        names = _write_report_set(bench, tmp)
    return [out / name for name in names]


def _write_report_set(bench: Benchmark, folder: Path) -> list[str]:
    """``results.json``, ``alignment.jsonl``, ``summary.md``, ``index.html`` and
    ``errors/<backend>.md`` into the new folder ``folder``; their names in it."""
    from bench.report.html import render_html
    from bench.report.markdown import render_errors, render_summary

    names = []

    def write(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        names.append(name)

    write("results.json", json.dumps(bench.to_dict(), ensure_ascii=False, indent=1) + "\n")
    bench.results.write_alignment(folder / "alignment.jsonl")
    names.append("alignment.jsonl")
    write("summary.md", render_summary(bench))
    write("index.html", render_html(bench))
    (folder / "errors").mkdir()  # replaced whole: no stale files
    for system in bench.results.systems:
        write(f"errors/{safe_name(system.name)}.md", render_errors(bench, system))
    return names


def task_folder(out: Path, suite: Suite, task: Task) -> Path:
    """A one-task suite writes its reports in ``out`` itself (``make bench``'s reports/);
    larger suites in ``out/tasks/<task>/``."""
    return out if len(suite.tasks) == 1 else out / "tasks" / task.name


def run_suite(suite: Suite, out: Path, backends: list[str] | None = None,
              cache: PredictionCache | None = None, settings: Settings | None = None,
              timeout: float | None = None, jobs: int | None = None,
              progress: bool | None = None, engine: str = "local",
              address: str | None = None) -> SuiteRun:
    """Every task of ``suite``: read its corpus (a task whose corpus is absent is skipped
    with the reason), run each backend whose labels cover the task's kind (through the
    prediction cache), score with the task's settings. The reports, each task's and the
    suite's overview, are written by :func:`write_suite_reports`."""
    from bench.extractors.registry import describe, known
    from bench.extractors.runner import DEFAULT_TIMEOUT, run
    from bench.io.hf import OFFLINE

    names = backends or list(suite.backends or known())
    infos = {n: describe(n) for n in names}
    base = settings or Settings()
    done = []
    for task in suite.tasks:
        folder = task_folder(out, suite, task)
        reason = task.missing()
        if reason:
            done.append(TaskRun(task, folder, reason))
            continue
        try:
            corpus = _task_corpus(task)
        except InputError as exc:  # a Hub dataset, offline and not cached: skipped
            if not task.hub or any(p.code != OFFLINE for p in exc.problems):
                raise
            done.append(TaskRun(task, folder, str(exc.problems[0])))
            continue
        train_corpus = None
        if task.holdout:  # every backend scored on the held-out sentences only
            from bench.learn.train import split_holdout

            train_corpus, corpus = split_holdout(corpus, task.holdout)
        if task.train:
            train_corpus = load_corpus(task.train, task.labels, nesting=task.nesting)
        fitting = [n for n in names if infos[n].available and task.runs_on(infos[n].labels)]
        if train_corpus is not None and "entities" in task.kinds:  # the learned baseline
            from bench.learn.model import ModelKind
            from bench.learn.train import trained_model

            # always a crf (the train extra; an error naming it when missing): a suite's
            # scores never depend on which packages happen to be installed
            models = (cache.root / "_models") if cache else folder / "models"
            trained = trained_model(train_corpus, models, ModelKind.CRF)
            if trained.parent != folder / "models":  # a stable name in the reports
                import shutil

                with atomic_path(folder / "model") as tmp:
                    shutil.copytree(trained, tmp)
                trained = folder / "model"
            fitting.append(f"sklearn-ner:{trained}")
        not_run = {n: (infos[n].reason if not infos[n].available else
                       f"declares {', '.join(infos[n].labels) or 'no labels'}: none for "
                       f"{'/'.join(task.kinds)}") for n in names if n not in fitting}
        if backends:  # a backend named by the user that cannot run is an error (exit 1)
            fitting += [n for n in backends if not infos[n].available]
        run(fitting, corpus, folder / "runs", timeout=timeout or DEFAULT_TIMEOUT,
            jobs=jobs, progress=progress, cache=cache, title=f"{task.name}/", engine=engine,
            address=address)
        task_settings = replace(base, schemes=task.schemes, unit=task.unit, task=task.name,
                                label_mapping=task.labels and Path(task.labels).stem
                                or "canonical")
        gold_tags = None
        if task.compat and not task.holdout:  # the file's tags as written, where it has them
            gold_tags = load_tags(task.corpus, task.labels, [d.doc_id for d in corpus])
        bench = benchmark(corpus, folder / "runs", settings=task_settings, compat=task.compat,
                          gold_tags=gold_tags, judged=annotated_labels(task, corpus))
        bench.provenance = {"suite": suite_provenance(suite),
                            "task": task_provenance(task, bench.results.gold["sha256"])}
        done.append(TaskRun(task, folder, "", bench, not_run))
    return SuiteRun(suite, done, list(cache.damaged) if cache else [])


def annotated_labels(task: Task, corpus: Corpus) -> set[str]:
    """The labels a task's corpus annotates: the targets of its label mapping, else the
    labels it has (a backend's NORP cannot be judged on ANERcorp, which has no NORP)."""
    from bench.labels import mapping_for

    mapping = mapping_for(task.labels)
    if mapping is not None:
        return {v for v in mapping.table.values() if v}
    return {a.label for d in corpus for a in d.annotations}


def _task_corpus(task: Task) -> Corpus:
    """The task's corpus, validated; silver references read invalid values as absent."""
    reader = None
    if task.hub:
        from bench.io.hf import read_hub

        dataset_id = str(split_spec(task.corpus)[1])
        reader = lambda notes: read_hub(dataset_id, task.revision, task.split)  # noqa: E731
    corpus = load_corpus(task.corpus, task.labels, bad_values="absent" if task.silver
                         else "error", reader=reader, nesting=task.nesting)
    if task.dct:  # a date for the documents that have none
        corpus = Corpus([d if d.dct else replace(d, dct=task.dct) for d in corpus],
                        name=corpus.name, notes=corpus.notes)
    return corpus


def write_suite_reports(suite_run: SuiteRun, out: Path) -> list[Path]:
    """Every report of a suite run, written as one set (:func:`atomic_sets`): each task's
    report set in its folder, and for a suite of several tasks the overview
    (``summary.md``, ``index.html``, ``results.json``) in ``out``; returns the overview's
    files (a one-task suite's reports are its task's, in ``out`` itself)."""
    from bench.report.overview import render_suite_html, render_suite_summary, suite_results

    several = len(suite_run.suite.tasks) > 1
    runs = [run for run in suite_run.tasks if run.bench is not None]
    folders = [run.folder for run in runs] + ([out] if several else [])
    with atomic_sets(folders) as tmps:
        for run, tmp in zip(runs, tmps[:len(runs)], strict=True):
            _write_report_set(run.bench, tmp)
        if not several:
            return []
        for name, text in (("summary.md", render_suite_summary(suite_run)),
                           ("index.html", render_suite_html(suite_run)),
                           ("results.json", json.dumps(suite_results(suite_run),
                                                       ensure_ascii=False, indent=1) + "\n")):
            (tmps[-1] / name).write_text(text, encoding="utf-8", newline="\n")
    return [out / name for name in ("summary.md", "index.html", "results.json")]
