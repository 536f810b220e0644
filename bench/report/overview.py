"""The reports of a suite run: an overview first, then one section per task.

The overview gives, per backend, each task's main score (:meth:`bench.suite.Task.main_row`:
strict F1 of the task's group, or value F1 for ``values`` tasks), the mean over the
tasks it was scored on and its mean rank (1 = best on a task; ties share the mean of
their ranks). Each task's own reports
(``summary.md``, ``index.html``, ``errors/``, ``results.json``) are in ``tasks/<task>/``.
"""

from __future__ import annotations

import html

import numpy as np

from bench.extractors.record import RunStatus
from bench.report import tables as t
from bench.report.html import CSS
from bench.report.markdown import nothing_scored
from bench.report.tables import Table, md_code, md_escape
from bench.runs import SuiteRun, TaskRun, suite_provenance, task_provenance
from bench.scoring.results import SCHEMA
from bench.suite import Task
from bench.version import __version__


def main_value(run: TaskRun, name: str) -> float | None:
    """The task's main score of backend ``name`` (None: not scored, or no values)."""
    task, res = run.task, run.bench.results
    try:
        system = res.system(name)
    except KeyError:
        return None
    scores = system.scores[task.schemes[0]]
    kind = task.main_row()
    if kind == "values":
        return system.values.f1
    return scores.overall.f1 if kind == "overall" else scores.per_group[kind].f1


def scores(suite_run: SuiteRun) -> dict[str, dict[str, float]]:
    """task -> backend -> main score, for the tasks that ran."""
    out = {}
    for run in suite_run.tasks:
        if run.bench is None:
            continue
        row = {s.name: main_value(run, s.name) for s in run.bench.results.systems}
        out[run.task.name] = {k: v for k, v in row.items() if v is not None}
    return out


def ranks(per_task: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """task -> backend -> rank (1 = best; ties share their mean rank, as
    ``scipy.stats.rankdata`` gives, whose import would cost a third of a second)."""
    out = {}
    for task, row in per_task.items():
        names = sorted(row)
        _, inverse, counts = np.unique([-row[n] for n in names], return_inverse=True,
                                       return_counts=True)
        mean_rank = np.cumsum(counts) - (counts - 1) / 2
        out[task] = dict(zip(names, mean_rank[inverse.ravel()].tolist(), strict=True))
    return out


def overview(suite_run: SuiteRun) -> Table:
    per_task = scores(suite_run)
    rank = ranks(per_task)
    tasks = list(per_task)
    backends = sorted({b for row in per_task.values() for b in row})
    rows = []
    for b in backends:
        got = [per_task[task][b] for task in tasks if b in per_task[task]]
        places = [rank[task][b] for task in tasks if b in rank[task]]
        rows.append([b] + [t.fmt(per_task[task].get(b)) if b in per_task[task] else "—"
                           for task in tasks]
                    + [t.fmt(float(np.mean(got))), f"{np.mean(places):.2f}", str(len(got))])
    rows.sort(key=lambda r: (float(r[-2]), r[0]))
    return Table(["backend"] + tasks + ["mean", "mean rank", "tasks"], rows)


def task_rows(suite_run: SuiteRun) -> Table:
    rows = []
    for run in suite_run.tasks:
        task = run.task
        if run.bench is None:
            rows.append([task.name, "/".join(task.kinds), RunStatus.SKIPPED, run.reason, "", ""])
            continue
        gold = run.bench.results.gold
        rows.append([task.name, "/".join(task.kinds) + (" (silver)" if task.silver else ""),
                     _main_label(task), task.corpus, str(gold["documents"]),
                     str(gold["annotations"])])
    return Table(["task", "kind", "main score", "corpus", "documents", "gold spans"], rows)


def _main_label(task: Task) -> str:
    kind = task.main_row()
    scheme = task.schemes[0]
    if kind == "values":
        return "value F1"
    return f"{scheme} F1" + ("" if kind == "overall" else f" ({kind})")


def not_run(suite_run: SuiteRun) -> Table | None:
    rows = [[run.task.name, b, why] for run in suite_run.tasks for b, why in
            sorted((run.not_run or {}).items())]
    rows += [[run.task.name, r.backend, f"{r.status}: {r.reason}"] for run in suite_run.tasks
             if run.bench for r in run.bench.runs if r.status != RunStatus.OK]
    return Table(["task", "backend", "why"], rows) if rows else None


def activity(suite_run: SuiteRun) -> Table:
    """What ran, what came from the cache, what was skipped (varies run to run)."""
    rows = []
    for run in suite_run.tasks:
        if run.bench is None:
            rows.append([run.task.name, "", RunStatus.SKIPPED, "", "", run.reason])
            continue
        for r in run.bench.runs:
            cached = r.timings.get("cached_documents", 0) if r.timings else 0
            ok = r.status == RunStatus.OK
            rows.append([run.task.name, r.backend, r.status,
                         str(r.documents - cached) if ok else "", str(cached) if ok else "",
                         f"{r.timings['seconds']:.2f} s" if r.timings else r.reason])
    return Table(["task", "backend", "status", "extracted", "cached", "time / reason"], rows)


def render_suite_summary(suite_run: SuiteRun) -> str:
    suite = suite_run.suite
    parts = [f"# Suite {md_escape(suite.name)}", md_escape(suite.description or ""),
             f"Suite file {md_code(suite.path)} (sha256 {suite.sha256[:12]}), arabench "
             f"{__version__}, results schema {SCHEMA}. Each task's full report: "
             "`tasks/<task>/summary.md` and `index.html`.",
             "## Overview",
             "Main score of each task (see the task list), the mean over the tasks a backend "
             "was scored on, and its mean rank (1 = best). —: not run on that task.",
             overview(suite_run).markdown() if scored(suite_run) else NOTHING,
             "## Tasks", task_rows(suite_run).markdown()]
    missing = not_run(suite_run)
    if missing:
        parts += ["## Not run or not scored", missing.markdown()]
    for run in suite_run.tasks:
        if run.bench is None:
            continue
        res = run.bench.results
        parts += [f"## Task {md_escape(run.task.name)}",
                  md_escape((run.task.description + " " if run.task.description else "")
                            + ("Silver reference: not hand-checked. " if run.task.silver
                               else ""))
                  + f"Corpus {md_code(run.task.corpus)} (gold sha256 {res.gold['sha256'][:12]}).",
                  t.leaderboard(res, "strict").markdown() if res.systems
                  else md_escape(nothing_scored(run.bench)),
                  "Signature: " + (md_code(res.systems[0].scores["strict"].signature)
                                   if res.systems else "(no system)")]
    parts += ["## Runs and cache (vary from run to run)", activity(suite_run).markdown()]
    if suite_run.damaged:
        parts += ["Damaged cache entries (recomputed):",
                  "\n".join(f"- {md_escape(d)}" for d in suite_run.damaged)]
    return "\n\n".join(p for p in parts if p) + "\n"


NOTHING = ("Nothing was scored on any task: every backend failed, could not run or fits "
           "no task (see «Not run or not scored»).")


def scored(suite_run: SuiteRun) -> bool:
    """Whether any backend was scored on any task."""
    return any(run.bench.results.systems for run in suite_run.tasks if run.bench)


def render_suite_html(suite_run: SuiteRun) -> str:
    suite = suite_run.suite
    esc = html.escape
    parts = [f"<h1>Suite {esc(suite.name)}</h1>", f"<p>{esc(suite.description)}</p>",
             "<h2>Overview</h2>", overview(suite_run).html() if scored(suite_run)
             else f"<p>{esc(NOTHING)}</p>", "<h2>Tasks</h2>", task_rows(suite_run).html()]
    missing = not_run(suite_run)
    if missing:
        parts += ["<h2>Not run or not scored</h2>", missing.html()]
    for run in suite_run.tasks:
        if run.bench is None:
            continue
        link = f"tasks/{run.task.name}/index.html"
        parts += [f"<h2>Task {esc(run.task.name)}</h2>",
                  f"<p>{esc(run.task.description)} <a href='{esc(link)}'>Full report with "
                  "documents</a></p>", t.leaderboard(run.bench.results, "strict").html()
                  if run.bench.results.systems else f"<p>{esc(nothing_scored(run.bench))}</p>"]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>arabench suite {esc(suite.name)}</title><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>\n")


def suite_results(suite_run: SuiteRun) -> dict:
    """The suite's ``results.json``: provenance, each task (its results file, corpus hash
    or the reason it was skipped) and the overview; no timings."""
    per_task = scores(suite_run)
    tasks = []
    for run in suite_run.tasks:
        entry = {"name": run.task.name,
                 "status": RunStatus.SKIPPED if run.bench is None else RunStatus.OK}
        if run.bench is None:
            entry["reason"] = run.reason
        else:
            entry.update(task_provenance(run.task, run.bench.results.gold["sha256"]),
                         results=f"tasks/{run.task.name}/results.json",
                         main={b: round(v, 6) for b, v in per_task[run.task.name].items()})
        tasks.append(entry)
    return {"schema": SCHEMA, "arabench": __version__, "suite": suite_provenance(suite_run.suite),
            "tasks": tasks, "ranks": ranks(per_task)}
