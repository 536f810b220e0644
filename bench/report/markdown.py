"""``summary.md`` and ``errors/<backend>.md``, from the rows of :mod:`bench.report.tables`."""

from __future__ import annotations

import re

from bench.extractors.record import RunRecord, RunStatus, safe_name
from bench.report import tables as t
from bench.report.tables import Markdown, Table, md_code, md_escape
from bench.runs import Benchmark
from bench.scoring import GATED, GROUPS
from bench.scoring.results import Results, SystemResults

KEYS = tuple(map(str, GATED))


def run_record(bench: Benchmark, name: str) -> RunRecord | None:
    return next((r for r in bench.runs if r.backend == name), None)


def not_scored(bench: Benchmark) -> Table | None:
    rows = [[r.backend, r.status, r.reason] for r in bench.runs if r.status != RunStatus.OK]
    return Table(["backend", "status", "reason"], rows) if rows else None


def nothing_scored(bench: Benchmark) -> str:
    """The plain statement of a report in which no backend was scored: which backends
    did not run, and why."""
    why = "; ".join(f"{r.backend} {r.status}: {r.reason}" for r in bench.runs)
    return ("Nothing was scored: no backend ran successfully ("
            + (why or "the run manifest records no backend") + ").")


def timings(bench: Benchmark) -> Table:
    """Load and extraction time per backend; ``cached`` where every document came from
    the prediction cache (nothing was loaded or extracted)."""
    rows = []
    for r in bench.runs:
        if not r.timings:
            continue
        cached = r.timings.get("cached_documents", 0)
        if r.documents and cached >= r.documents:
            rows.append([r.backend, "cached", "cached", "cached"])
            continue
        rate = r.timings.get("characters_per_second")
        rows.append([r.backend, f"{r.timings['load_seconds']:.2f}",
                     f"{r.timings['seconds']:.3f}" + (f" ({cached} cached)" if cached else ""),
                     f"{rate:,.0f}" if rate else "n/a"])
    return Table(["backend", "load s", "extract s", "characters/s"], rows)


def md_anchor(title: str) -> str:
    """The anchor GitHub gives a markdown heading (lower case, punctuation dropped,
    spaces as hyphens)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def backend_sections(bench: Benchmark, system: SystemResults) -> list[tuple[str, Table | str]]:
    """(title, table or text) of one backend's section: what it is scored on, its labels,
    and, for a backend of temporal labels only, date types and values."""
    run = run_record(bench, system.name)
    scope = "every label" if system.scope is None else ", ".join(system.scope)
    depth = [("By nesting depth (strict): flat = outermost spans of both sides, nested = "
              "every span, level N = the spans at that depth", t.depth_table(system))] \
        if system.by_depth else []
    temporal = [("Date types (strict)", t.date_type_table(system, "strict")),
                ("Date values", t.values_table(system)), ("", t.values_prf(system) + ".")] \
        if t.ranked(system, "temporal") else []
    unjudged = bench.unjudged.get(system.name, {})
    note = ("; not judged (the corpus annotates no such label): " + ", ".join(
        f"{n} {label}" for label, n in unjudged.items()) + " prediction(s)") if unjudged else ""
    return [("", f"Scored on: {scope}" + (f"; version {run.version}" if run and run.version
                                          else "") + note + "."),
            ("Labels (strict)", t.label_table(system, "strict")), *depth, *temporal]


def kinds(results: Results) -> list[str]:
    """The kinds (schema groups) some backend is ranked on, in the schema's order."""
    return [g for g in GROUPS if any(t.ranked(s, g) for s in results.systems)]


def errors_file(name: str) -> str:
    return f"errors/{safe_name(name)}.md"


def render_summary(bench: Benchmark) -> str:
    res: Results = bench.results
    gold = res.gold
    names = t.display_names(res)
    toc = [f"[Leaderboard: {g}](#{md_anchor('Leaderboard: ' + g)})" for g in kinds(res)]
    toc += [f"[{md_escape(s.name)}](#{md_anchor(s.name)})" for s in res.systems]
    parts = [
        "# Benchmark summary",
        f"Corpus {md_code(gold['name'])}: {gold['documents']} document(s), {gold['annotations']} "
        f"gold annotations (+{gold['optional']} optional), resampling unit "
        f"{gold['unit']} ({gold['units']} units). arabench {res.version}.",
    ]
    if toc:
        parts.append("Contents: " + " · ".join(toc))
    if not res.systems:
        parts += ["## Nothing was scored", md_escape(nothing_scored(bench))]
    else:
        parts.append(md_escape(t.statistics_note(res) + " Strict matching; each backend is "
                               "scored on the labels it declares."))
    for group in kinds(res):
        parts += [f"## Leaderboard: {group}", t.leaderboard(res, "strict", group).markdown()]
        lenient = t.lenient_table(res, group)
        if lenient.rows:
            parts += ["Clitic-lenient matching (a span that differs from the gold only by "
                      "proclitics و ف ب ك ل or surrounding punctuation counts as the same "
                      "boundary):", lenient.markdown()]
    short = [(n, s) for n, s in names.items() if n != s]
    if short:
        parts.append("Backend names in full: " + "; ".join(
            f"{md_escape(s)} = {md_code(n)}" for n, s in short) + ".")
    if bench.compat is not None:  # the task's published-scorer mode, which the gate uses
        from bench.report.compat import legend, overview

        parts += [f"## Published scorer: {md_code('compat:' + bench.compat.mode)}",
                  md_escape(legend(bench.compat)) + " The regression gate compares these "
                  "tables for this task.", overview(bench.compat).markdown()]
    for s in res.systems:
        parts += [f"## {md_escape(s.name)}",
                  f"[Errors](<{errors_file(s.name)}>) · [contents](#benchmark-summary)"]
        for title, body in backend_sections(bench, s):
            parts += ([f"### {title}"] if title else []) + \
                [body.markdown() if isinstance(body, Table) else md_escape(body)]
    parts.append("## Backends not scored")
    missing = not_scored(bench)
    parts.append(missing.markdown() if missing else "None: every registered backend ran.")
    parts.append("## Signatures")
    parts.append("\n".join([f"- {md_code(res.systems[0].scores[k].signature)}" for k in KEYS
                            if res.systems and k in res.systems[0].scores]
                           + [f"- {md_code(t.signature)}" for t in (
                               bench.compat.systems[0].tables.values()
                               if bench.compat and bench.compat.systems else ())])
                 or "(no system)")
    parts.append("## Timings (vary from run to run)")
    parts.append(timings(bench).markdown())
    return "\n\n".join(parts) + "\n"


ERROR_KINDS = [("missed", "Misses (gold spans no prediction overlaps)"),
         ("false_alarm", "False alarms (predictions that overlap no gold span)"),
         ("boundary", "Boundary errors (same type, different span)"),
         ("type", "Type confusions (same span, different type)"),
         ("boundary+type", "Boundary and type errors")]


def _context(item) -> Markdown:
    return Markdown(f"{md_escape(item.left)}**{md_escape(item.span)}**{md_escape(item.right)}")


def _ann(a: dict | None) -> str:
    if not a:
        return ""
    value = f" = {a['value']}" if a.get("value") else ""
    mod = f" (mod {a['mod']})" if a.get("mod") else ""
    return f"{a['label']} «{a['text']}»{value}{mod}"


def _grouped(items: list, nested: bool) -> Table:
    """Errors of one kind grouped by what was annotated and predicted: the count, the
    documents (the first three), one example in context; most frequent first."""
    groups: dict[tuple, list] = {}
    for i in items:
        key = (_ann(i.gold), _ann(i.pred)) + ((str(i.level),) if nested else ())
        groups.setdefault(key, []).append(i)
    clitics = any(i.clitic_only for i in items)
    rows = []
    for key, found in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        docs = sorted({i.doc_id for i in found})
        rows.append([str(len(found)), *key[2:], key[0], key[1]]
                    + (["yes" if all(i.clitic_only for i in found) else ""] if clitics else [])
                    + [", ".join(docs[:3]) + (f" (+{len(docs) - 3})" if len(docs) > 3 else ""),
                       _context(found[0])])
    return Table(["count"] + ["level"] * nested + ["gold", "predicted"]
                 + ["clitics only"] * clitics + ["documents", "example"], rows)


def render_errors(bench: Benchmark, system: SystemResults) -> str:
    parts = [f"# Errors of {md_escape(system.name)}",
             "Matching: the `partial` scheme's optimal one-to-one assignment. Errors of one "
             "kind are grouped by what the gold and the backend have there, most frequent "
             "first, with one example: 40 characters either side, the mention in bold."]
    listed = list(system.alignment)  # a listing makes its items each time it is read
    for kind, title in ERROR_KINDS:
        items = [i for i in listed if i.kind == kind]
        parts.append(f"## {title}: {len(items)}")
        if items:
            parts.append(_grouped(items, any(i.level is not None for i in items)).markdown())
    wrong = [i for i in listed if i.value_ok is False]
    parts.append(f"## Wrong date values: {len(wrong)}")
    if wrong:
        parts.append(Table(["document", "gold", "predicted", "context"], [
            [i.doc_id, _ann(i.gold), _ann(i.pred), _context(i)] for i in wrong]).markdown())
    outside = sum(i.kind == "out_of_scope" for i in listed)
    if outside:
        parts.append(md_escape(f"Not counted: {outside} gold span(s) of types {system.name} "
                               f"does not declare (it declares "
                               f"{', '.join(system.scope or [])})."))
    return "\n\n".join(parts) + "\n"
