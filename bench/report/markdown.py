"""``summary.md`` and ``errors/<backend>.md`` (tables with tabulate)."""

from __future__ import annotations

from tabulate import tabulate

from bench.model import ENTITY_LABELS
from bench.report.console import fmt
from bench.scoring import DATE_TYPES
from bench.scoring.results import Results, Row, SystemResults

COLUMNS = list(ENTITY_LABELS) + list(DATE_TYPES)
GROUPS = ("entities", "temporal")
KEYS = ("strict", "strict+lenient")
SUPERSCRIPT = dict(zip("abcdefghijklmnopqrstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖqʳˢᵗᵘᵛʷˣʸᶻ", strict=True))
ALPHA = 0.05


def letters(results: Results) -> dict[str, str]:
    return {s.name: chr(ord("a") + i) for i, s in enumerate(results.systems)}


def cell(row: Row | None) -> str:
    if row is None:
        return "—"
    ci = f" [{row.f1_ci[0]:.2f}–{row.f1_ci[1]:.2f}]" if row.f1_ci else ""
    return f"{row.f1:.3f}{ci}"


def type_row(scores, name: str) -> Row | None:
    """The row of a label or date type, if the backend predicts that type at all."""
    row = scores.per_label.get(name) or scores.per_date_type.get(name)
    return row if row is not None and row.predicted else None


def emits(system: SystemResults, group: str) -> bool:
    """Whether a system predicted anything of a group (else it is not ranked on it)."""
    return system.scores["strict"].per_group[group].predicted > 0


def better_than(results: Results, key: str, group: str, name: str) -> str:
    """Superscript letters of the systems ``name`` beats (Holm-corrected AR, p < 0.05)."""
    tags = letters(results)
    ranked = {s.name for s in results.systems if emits(s, group)}
    beaten = []
    for c in results.comparisons:
        if c.key != key or c.group != group or c.p_randomisation_holm >= ALPHA:
            continue
        if {c.a, c.b} <= ranked and name in (c.a, c.b):
            winner, loser = (c.a, c.b) if c.delta > 0 else (c.b, c.a)
            if winner == name:
                beaten.append(tags[loser])
    return "".join(SUPERSCRIPT[t] for t in sorted(beaten))


def leaderboard(results: Results, key: str) -> str:
    tags = letters(results)
    rows = []
    for s in results.systems:
        sc = s.scores[key]
        cells = [cell(type_row(sc, c)) for c in COLUMNS]
        groups = [cell(sc.per_group[g]) + better_than(results, key, g, s.name)
                  if emits(s, g) else "—" for g in GROUPS]
        rows.append([f"({tags[s.name]}) {s.name}"] + cells + groups)
    return tabulate(rows, headers=["backend"] + COLUMNS + list(GROUPS), tablefmt="github",
                    disable_numparse=True)


def backend_table(system: SystemResults, labels: list[str] | None = None) -> str:
    """P/R/F1 per label and date type; only the types the backend can emit, if known."""
    strict, lenient = system.scores["strict"], system.scores.get("strict+lenient")
    rows = []
    for block in ("per_label", "per_date_type"):
        for name, r in getattr(strict, block).items():
            if labels and name.split("/")[0] not in labels and not r.predicted:
                continue
            other = getattr(lenient, block).get(name) if lenient else None
            rows.append([name, r.support, r.predicted, fmt(r.precision), fmt(r.recall),
                         cell(r), fmt(other.f1) if other else "—"])
    return tabulate(rows, headers=["type", "support", "predicted", "P", "R",
                                   "F1 strict [95% CI]", "F1 clitic-lenient"],
                    tablefmt="github", disable_numparse=True)


def values_table(system: SystemResults) -> str:
    v = system.values
    rows = [[k, r.matched, fmt(r.accuracy), fmt(r.lenient_accuracy)]
            for k, r in v.per_date_type.items()]
    rows.append(["all temporal", v.overall.matched, fmt(v.overall.accuracy),
                 fmt(v.overall.lenient_accuracy)])
    return tabulate(rows, headers=["date type", "matched spans", "value accuracy",
                                   "granularity-lenient"], tablefmt="github",
                    disable_numparse=True) + \
        f"\n\nValue P / R / F1 (exact value over all temporal spans): {fmt(v.precision)} / " \
        f"{fmt(v.recall)} / {fmt(v.f1)}"


def render_summary(bench) -> str:
    res: Results = bench.results
    gold = res.gold
    parts = [
        "# Benchmark summary",
        f"Corpus `{gold['name']}`: {gold['documents']} document(s), {gold['annotations']} "
        f"gold annotations (+{gold['optional']} optional), resampling unit "
        f"{gold['unit']} ({gold['units']} units). arabench {res.version}.",
        "## Leaderboard: strict matching",
        "F1 with its 95% bootstrap CI. Superscript letters: significantly better "
        "(approximate randomisation, Holm-corrected, p < 0.05) than the backends with those "
        "letters, among backends that predict that group. — : the backend does not predict "
        "this type.",
        leaderboard(res, "strict"),
        "## Leaderboard: clitic-lenient matching",
        "As above, a span that differs from the gold only by proclitics (و ف ب ك ل) or "
        "surrounding punctuation counts as the same boundary.",
        leaderboard(res, "strict+lenient"),
    ]
    for s in res.systems:
        run = next((r for r in bench.runs if r.backend == s.name), None)
        version = run.version if run else ""
        parts += [f"## {s.name} {version}".rstrip(), backend_table(s, run.labels if run else None),
                  "### Date values", values_table(s)]
    problems = [r for r in bench.runs if r.status != "ok"]
    parts.append("## Backends not scored")
    parts.append(tabulate([[r.backend, r.status, r.reason] for r in problems],
                          headers=["backend", "status", "reason"], tablefmt="github")
                 if problems else "None: every registered backend ran.")
    parts.append("## Signatures")
    parts.append("\n".join(f"- `{res.systems[0].scores[k].signature}`" for k in KEYS
                           if res.systems and k in res.systems[0].scores) or "(no system)")
    parts.append("## Timings (vary from run to run)")
    parts.append(tabulate(
        [[r.backend, f"{r.timings['load_seconds']:.2f}", f"{r.timings['seconds']:.3f}",
          f"{r.timings['characters_per_second']:,.0f}" if r.timings.get(
              "characters_per_second") else "—"] for r in bench.runs if r.timings],
        headers=["backend", "load s", "extract s", "characters/s"], tablefmt="github"))
    return "\n\n".join(parts) + "\n"


KINDS = [("missed", "Misses (gold spans no prediction overlaps)"),
         ("false_alarm", "False alarms (predictions that overlap no gold span)"),
         ("boundary", "Boundary errors (same type, different span)"),
         ("type", "Type confusions (same span, different type)"),
         ("boundary+type", "Boundary and type errors")]


def _context(item) -> str:
    return f"{item.left}**{item.span}**{item.right}".replace("\n", " ").replace("|", "\\|")


def _ann(a: dict | None) -> str:
    if not a:
        return ""
    value = f" = {a['value']}" if a.get("value") else ""
    return f"{a['label']} «{a['text']}»{value}"


def render_errors(bench, system: SystemResults) -> str:
    parts = [f"# Errors of {system.name}",
             "Matching: the `partial` scheme's optimal one-to-one assignment. "
             "Context: 40 characters either side, the mention in bold."]
    for kind, title in KINDS:
        items = [i for i in system.alignment if i.kind == kind]
        parts.append(f"## {title}: {len(items)}")
        if items:
            rows = [[i.doc_id, _ann(i.gold), _ann(i.pred),
                     "yes" if i.clitic_only else "", _context(i)] for i in items]
            parts.append(tabulate(rows, headers=["document", "gold", "predicted",
                                                 "clitics only", "context"],
                                  tablefmt="github"))
    wrong = [i for i in system.alignment if i.value_ok is False]
    parts.append(f"## Wrong date values: {len(wrong)}")
    if wrong:
        parts.append(tabulate([[i.doc_id, _ann(i.gold), _ann(i.pred), _context(i)]
                               for i in wrong], headers=["document", "gold", "predicted",
                                                         "context"], tablefmt="github"))
    return "\n\n".join(parts) + "\n"
