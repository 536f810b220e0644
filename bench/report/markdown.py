"""``summary.md`` and ``errors/<backend>.md``, from the rows of :mod:`bench.report.tables`."""

from __future__ import annotations

from bench.extractors.record import RunRecord, RunStatus
from bench.report import tables as t
from bench.report.tables import Markdown, Table, md_code, md_escape
from bench.runs import Benchmark
from bench.scoring import GATED
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
    return Table(["backend", "load s", "extract s", "characters/s"], [
        [r.backend, f"{r.timings['load_seconds']:.2f}", f"{r.timings['seconds']:.3f}",
         f"{r.timings['characters_per_second']:,.0f}" if r.timings.get("characters_per_second")
         else "n/a"] for r in bench.runs if r.timings])


def backend_sections(bench: Benchmark, system: SystemResults) -> list[tuple[str, Table | str]]:
    """(title, table or text) of one backend's section: labels, date types, values."""
    run = run_record(bench, system.name)
    scope = "every label" if system.scope is None else ", ".join(system.scope)
    depth = [("By nesting depth (strict): flat = outermost spans of both sides, nested = "
              "every span, level N = the spans at that depth", t.depth_table(system))] \
        if system.by_depth else []
    return [("Labels (strict)", t.label_table(system, "strict")), *depth,
            ("Date types (strict)", t.date_type_table(system, "strict")),
            ("Date values", t.values_table(system)),
            ("", t.values_prf(system) + f". Scored on: {scope}"
             + (f"; version {run.version}" if run and run.version else "") + ".")]


def render_summary(bench: Benchmark) -> str:
    res: Results = bench.results
    gold = res.gold
    parts = [
        "# Benchmark summary",
        f"Corpus {md_code(gold['name'])}: {gold['documents']} document(s), {gold['annotations']} "
        f"gold annotations (+{gold['optional']} optional), resampling unit "
        f"{gold['unit']} ({gold['units']} units). arabench {res.version}.",
    ]
    if not res.systems:
        parts += ["## Nothing was scored", md_escape(nothing_scored(bench))]
    else:
        parts += [
            "## Leaderboard: strict matching",
            t.statistics_note(res) + " Each backend is scored on the labels it declares.",
            t.leaderboard(res, "strict").markdown(),
            "## Leaderboard: clitic-lenient matching",
            "As above, a span that differs from the gold only by proclitics (و ف ب ك ل) or "
            "surrounding punctuation counts as the same boundary.",
            t.leaderboard(res, "strict+lenient").markdown(),
        ]
    if bench.compat is not None:  # the task's published-scorer mode, which the gate uses
        from bench.report.compat import legend, overview

        parts += [f"## Published scorer: {md_code('compat:' + bench.compat.mode)}",
                  md_escape(legend(bench.compat)) + " The regression gate compares these "
                  "tables for this task.", overview(bench.compat).markdown()]
    for s in res.systems:
        parts.append(f"## {md_escape(s.name)}")
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
    return f"{a['label']} «{a['text']}»{value}"


def render_errors(bench: Benchmark, system: SystemResults) -> str:
    parts = [f"# Errors of {md_escape(system.name)}",
             "Matching: the `partial` scheme's optimal one-to-one assignment. "
             "Context: 40 characters either side, the mention in bold."]
    for kind, title in ERROR_KINDS:
        items = [i for i in system.alignment if i.kind == kind]
        parts.append(f"## {title}: {len(items)}")
        if items:
            nested = any(i.level is not None for i in items)  # nesting level, 1 = outermost
            parts.append(Table(["document"] + ["level"] * nested +
                               ["gold", "predicted", "clitics only", "context"], [
                [i.doc_id] + [str(i.level)] * nested + [
                    _ann(i.gold), _ann(i.pred), "yes" if i.clitic_only else "", _context(i)]
                for i in items]).markdown())
    wrong = [i for i in system.alignment if i.value_ok is False]
    parts.append(f"## Wrong date values: {len(wrong)}")
    if wrong:
        parts.append(Table(["document", "gold", "predicted", "context"], [
            [i.doc_id, _ann(i.gold), _ann(i.pred), _context(i)] for i in wrong]).markdown())
    outside = sum(i.kind == "out_of_scope" for i in system.alignment)
    if outside:
        parts.append(md_escape(f"Not counted: {outside} gold span(s) of types {system.name} "
                               f"does not declare (it declares "
                               f"{', '.join(system.scope or [])})."))
    return "\n\n".join(parts) + "\n"
