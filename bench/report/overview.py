"""The reports of a suite run: an overview first, then one section per task.

The overview ranks backends once per kind (entities, temporal, values), never across
kinds: a task counts for each of its kinds (Wojood for entities and for temporal), and a
cell is the backend's strict F1 of that kind's labels on the task (value F1 for a
``values`` task), for the backends that declare a label of the kind. A cell on a silver
task or a task the backend is in-domain for (:meth:`bench.suite.Task.flag`) is shown
with ``‡`` and left out of the ranking. Two
backends are compared on the mean of the tasks both were scored on (unflagged), so a
backend run on one task is never ranked against another's four by a mean over different
sets; the ranking is by wins minus losses of these pairwise comparisons, then by mean.
Each task's own reports (``summary.md``, ``index.html``, ``errors/``, ``results.json``)
are in ``tasks/<task>/``.
"""

from __future__ import annotations

import html

import numpy as np

from bench.extractors.record import RunStatus
from bench.report import tables as t
from bench.report.html import CSS
from bench.report.markdown import kinds, nothing_scored
from bench.report.tables import Table, md_code, md_escape
from bench.runs import SuiteRun, TaskRun, suite_provenance, task_provenance
from bench.scoring.results import SCHEMA, Row
from bench.suite import Task
from bench.version import __version__

FLAG = "‡"


def main_row(run: TaskRun, name: str):
    """The task's main score (:meth:`bench.suite.Task.main_row`, ``main`` in the suite's
    results.json) of backend ``name`` as a Row (None: not scored)."""
    kind = run.task.main_row()
    if kind != "overall":
        return cell(run, name, kind)
    try:
        return run.bench.results.system(name).scores[run.task.schemes[0]].overall
    except KeyError:
        return None


def main_value(run: TaskRun, name: str) -> float | None:
    """The task's main score of backend ``name`` (None: not scored, or no values)."""
    row = main_row(run, name)
    return None if row is None else row.f1


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


KIND_TITLES = {"entities": "Entities: strict F1 of the entity labels",
               "temporal": "Temporal: strict F1 of the temporal labels",
               "values": "Values: value F1 (exact TIMEX3 values)"}


def cell(run: TaskRun, name: str, kind: str):
    """Backend ``name``'s score of one kind on one task, as a
    :class:`~bench.scoring.results.Row` (None: the backend is not ranked on that kind
    there); value F1 stands in a Row of its own (no interval)."""
    try:
        system = run.bench.results.system(name)
    except KeyError:
        return None
    if kind == "values":
        v = system.values
        return None if v.f1 is None else Row(0, 0, 0, 0, 0, v.precision or 0.0,
                                             v.recall or 0.0, v.f1)
    if not t.ranked(system, kind):
        return None
    return system.scores[run.task.schemes[0]].per_group[kind]


def suite_kinds(suite_run: SuiteRun) -> list[str]:
    """The kinds of the tasks that ran, in :data:`KIND_TITLES` order."""
    ran = {k for run in suite_run.tasks if run.bench is not None for k in run.task.kinds}
    return [k for k in KIND_TITLES if k in ran]


def _mean_ci(rows: list) -> tuple[float, tuple[float, float] | None]:
    """The mean F1 of tasks and its 95% CI, the tasks taken as independent (the CI's half
    width from each task's, as normal ones): None when a task has no interval."""
    if len(rows) == 1:  # one task: its own (percentile) interval
        return rows[0].f1, rows[0].f1_ci
    mean = float(np.mean([r.f1 for r in rows]))
    if any(r.f1_ci is None for r in rows):
        return mean, None
    half = np.sqrt(sum(((r.f1_ci[1] - r.f1_ci[0]) / 2) ** 2 for r in rows)) / len(rows)
    return mean, (max(0.0, mean - half), min(1.0, mean + half))


def ranking(suite_run: SuiteRun, kind: str) -> Table:
    """The ranking of one kind (see the module docstring)."""
    runs = [r for r in suite_run.tasks if r.bench is not None and kind in r.task.kinds]
    names: dict[str, str] = {}
    cells: dict[str, dict[str, tuple]] = {}  # backend -> task -> (row, flag)
    for run in runs:
        names.update(t.display_names(run.bench.results))
        for s in run.bench.results.systems:
            row = cell(run, s.name, kind)
            if row is not None:
                cells.setdefault(s.name, {})[run.task.name] = (row, run.task.flag(s.name))
    runs = [r for r in runs if any(r.task.name in got for got in cells.values())]
    ranked = {b: {task: row for task, (row, flag) in got.items() if not flag}
              for b, got in cells.items()}
    record = {b: [0, 0, 0] for b in cells}  # wins, losses, ties
    compared = {b: 0 for b in cells}
    backends = sorted(cells)
    for i, a in enumerate(backends):
        for b in backends[i + 1:]:
            shared = sorted(set(ranked[a]) & set(ranked[b]))
            if not shared:
                continue
            compared[a] += 1
            compared[b] += 1
            fa = np.mean([ranked[a][task].f1 for task in shared])
            fb = np.mean([ranked[b][task].f1 for task in shared])
            k = 2 if abs(fa - fb) < 1e-12 else 0 if fa > fb else 1
            record[a][k] += 1
            record[b][{0: 1, 1: 0, 2: 2}[k]] += 1

    def mean_of(b: str) -> tuple[float, tuple | None] | None:
        return _mean_ci(list(ranked[b].values())) if ranked[b] else None

    order = sorted(backends, key=lambda b: (not compared[b], -(record[b][0] - record[b][1]),
                                            -(mean_of(b) or (-1.0,))[0], b))
    rows = []
    for place, b in enumerate(order, 1):
        mean = mean_of(b)
        row = [str(place) if compared[b] else "–", names.get(b, b),
               t.UNDEFINED if mean is None else t.with_ci(*mean),
               f"{record[b][0]}–{record[b][1]}–{record[b][2]}" if compared[b]
               else "not compared: no task shared", str(len(ranked[b]))]
        for run in runs:
            got = cells[b].get(run.task.name)
            row.append("—" if got is None else f"{got[0].f1:.3f}" + (FLAG if got[1] else ""))
        rows.append(row)
    return Table(["#", "backend", "mean [95% CI] (ranked tasks)", "pairwise W–L–T",
                  "ranked tasks"] + [run.task.name for run in runs], rows)


def flags_note(suite_run: SuiteRun) -> str:
    """What each ‡ of the rankings stands for."""
    found = sorted({f"{run.task.name}: {t.display_name(b)} ({run.task.flag(b)})"
                    for run in suite_run.tasks if run.bench
                    for b in (s.name for s in run.bench.results.systems) if run.task.flag(b)})
    return (f"{FLAG}: left out of the ranking: " + "; ".join(found) + ".") if found else ""


def overview(suite_run: SuiteRun) -> Table:
    """Every kind's ranking in one table (the terminal's summary of a suite run)."""
    rows = []
    for kind in suite_kinds(suite_run):
        table = ranking(suite_run, kind)
        rows += [[kind] + r[:4] for r in table.rows]
    return Table(["kind", "#", "backend", "mean [95% CI] (ranked tasks)", "pairwise W–L–T"],
                 rows)


def main_table(run: TaskRun) -> Table:
    """A task's scores per kind and backend: the cells of the overview's rankings."""
    names = t.display_names(run.bench.results)
    kinds_ = [k for k in KIND_TITLES if k in run.task.kinds]
    rows = []
    for s in run.bench.results.systems:
        got = [cell(run, s.name, k) for k in kinds_]
        if any(g is not None for g in got):
            rows.append([names[s.name]] + ["—" if g is None else t.with_ci(g.f1, g.f1_ci)
                                           for g in got]
                        + [run.task.flag(s.name) or "ranked"])
    return Table(["backend"] + ["value F1" if k == "values" else f"{k} F1" for k in kinds_]
                 + ["in the suite ranking"], rows)


def task_rows(suite_run: SuiteRun) -> Table:
    rows = []
    for run in suite_run.tasks:
        task = run.task
        if run.bench is None:
            rows.append([task.name, "/".join(task.kinds), RunStatus.SKIPPED, run.reason, "", ""])
            continue
        gold = run.bench.results.gold
        rows.append([task.name, "/".join(task.kinds) + (" (silver)" if task.silver else ""),
                     _main_label(task), task.corpus, f"{gold['documents']} "
                     + ("sentence(s)" if task.holdout else "document(s)"),
                     str(gold["annotations"])])
    return Table(["task", "kind", "main score", "corpus", "scored on", "gold spans"], rows)


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
             "One ranking per kind: a task counts for each of its kinds. Each cell: the "
             "backend's F1 of that kind on the task; —: not scored on it. Backends are "
             "compared pairwise on the mean of the tasks both were scored on and ranked by "
             "wins minus losses, then by mean; a mean's CI takes the tasks as independent.",
             *([p for kind in suite_kinds(suite_run) for p in (
                 f"### {KIND_TITLES[kind]}", ranking(suite_run, kind).markdown())]
               if scored(suite_run) else [NOTHING]),
             md_escape(flags_note(suite_run)),
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
                  main_table(run).markdown() + "\n\n" + "\n\n".join(
                      f"Strict F1, {group}:\n\n" + t.leaderboard(res, "strict", group).markdown()
                      for group in kinds(res)) if res.systems
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
    toc = " ".join(f"<a href='#task-{esc(run.task.name)}'>{esc(run.task.name)}</a>"
                   for run in suite_run.tasks if run.bench is not None)
    parts = [f"<h1>Suite {esc(suite.name)}</h1>", f"<p>{esc(suite.description)}</p>",
             f"<nav class='toc'>Tasks: {toc}</nav>", "<h2>Overview</h2>",
             *([p for kind in suite_kinds(suite_run) for p in (
                 f"<h3>{esc(KIND_TITLES[kind])}</h3>",
                 ranking(suite_run, kind).html())]
               if scored(suite_run) else [f"<p>{esc(NOTHING)}</p>"]),
             f"<p>{esc(flags_note(suite_run))}</p>",
             "<h2>Tasks</h2>", task_rows(suite_run).html()]
    missing = not_run(suite_run)
    if missing:
        parts += ["<h2>Not run or not scored</h2>", missing.html()]
    for run in suite_run.tasks:
        if run.bench is None:
            continue
        link = f"tasks/{run.task.name}/index.html"
        parts += [f"<h2 id='task-{esc(run.task.name)}'>Task {esc(run.task.name)}</h2>",
                  f"<p>{esc(run.task.description)} <a href='{esc(link)}'>Full report with "
                  "documents</a></p>", main_table(run).html() + "".join(
                      f"<h3>{esc(group)}</h3>" + t.leaderboard(run.bench.results, "strict",
                                                               group).html()
                      for group in kinds(run.bench.results))
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
            if run.task.optional:
                entry["optional"] = True
        else:
            entry.update(task_provenance(run.task, run.bench.results.gold["sha256"]),
                         results=f"tasks/{run.task.name}/results.json",
                         main={b: round(v, 6) for b, v in per_task[run.task.name].items()})
        tasks.append(entry)
    return {"schema": SCHEMA, "arabench": __version__, "suite": suite_provenance(suite_run.suite),
            "tasks": tasks, "ranks": ranks(per_task)}
