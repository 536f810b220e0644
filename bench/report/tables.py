"""Every report table as data (headers and rows of cells), formatted from the same rows
for the terminal, ``summary.md`` and ``index.html``.

Cell conventions, the same in every table:

* ``—``: the backend does not declare this type (it is not scored on it);
* ``0.000``: it declares the type and got nothing right;
* ``n/a``: undefined (no gold and no predicted span of the type, no values, or the
  statistic was turned off with ``--resamples 0`` / ``--trials 0``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tabulate import tabulate

from bench.model import ENTITY_LABELS
from bench.scoring import DATE_TYPES, GROUPS
from bench.scoring.results import Results, Row, SchemeScores, SystemResults

ALPHA = 0.05
NOT_DECLARED = "—"
UNDEFINED = "n/a"


class Markdown(str):
    """Text that is markdown already: :func:`md_escape` leaves it as it is."""


_MD_SPECIAL = re.compile(r"(?P<word>(?<=[^\W_])_+(?=[^\W_]))|[\\`*_|~]|\](?=[(\[])")
"""Marks to escape; ``_`` inside a word (``file_name``) and ``]`` that closes no link
are no marks and stay as they are."""


def md_escape(text: str) -> str:
    """``text`` (a document's text, an id, a backend name ...) as markdown that shows it
    as it is, in a table cell or inline: on one line, ``|`` and the marks of emphasis,
    code and links backslash-escaped, HTML inert (``<`` as ``&lt;``)."""
    if isinstance(text, Markdown):
        return text
    text = " ".join(str(text).splitlines())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(lambda m: m["word"] or "\\" + m[0], text)


def md_code(text: str) -> Markdown:
    """``text`` as a markdown code span, verbatim whatever backticks it holds."""
    text = " ".join(str(text).splitlines())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]

    def text(self) -> str:
        """GitHub-style table (terminal and markdown)."""
        return tabulate(self.rows, headers=self.headers, tablefmt="github",
                        disable_numparse=True)

    def markdown(self) -> str:
        """The same in a markdown file: every cell escaped (:func:`md_escape`)."""
        return Table([md_escape(h) for h in self.headers],
                     [[md_escape(c) for c in row] for row in self.rows]).text()

    def html(self) -> str:
        """An HTML table in a box that scrolls sideways on narrow screens."""
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.headers)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in self.rows)
        return (f"<div class='scroll'><table><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></div>")


def fmt(x: float | None) -> str:
    return UNDEFINED if x is None else f"{x:.3f}"


def with_ci(value: float, ci: tuple[float, float] | None) -> str:
    return f"{value:.3f}" + (f" [{ci[0]:.2f}–{ci[1]:.2f}]" if ci else "")


def declares(system: SystemResults, label: str) -> bool:
    """Whether the system is scored on a label (``DATE/relative`` counts as ``DATE``)."""
    return system.scope is None or label.split("/")[0] in system.scope


def type_f1(system: SystemResults, scores: SchemeScores, column: str) -> Row | None:
    """The row behind a leaderboard cell, or None for ``—`` / ``n/a``."""
    if not declares(system, column):
        return None
    return scores.per_label.get(column) or scores.per_date_type.get(column)


def ranked(system: SystemResults, group: str) -> bool:
    """Whether a system is ranked on a group: it declares (or, without a scope,
    predicts) a label of it."""
    if system.scope is None:
        return system.scores["strict"].per_group[group].predicted > 0
    return any(lab in system.scope for lab in GROUPS[group])


KIND_COLUMNS = {"entities": list(ENTITY_LABELS), "temporal": list(DATE_TYPES)}
"""The per-type columns of each kind's leaderboard."""
BEST = "★ best"


def display_name(name: str) -> str:
    """A backend's short name: a spec whose argument is a path shows its kind and the
    path's telling part (``sklearn-ner:reports/dev/tasks/anercorp/model`` ->
    ``sklearn-ner (anercorp)``); other names as they are."""
    kind, colon, arg = name.partition(":")
    parts = [p for p in re.split(r"[\\/]", arg) if p not in ("", ".", "..")]
    if not colon or len(parts) < 2:
        return name
    tail = parts[-2] if parts[-1].lower() in ("model", "models", "weights", "checkpoint") \
        else parts[-1]
    return f"{kind} ({tail})"


def display_names(results: Results) -> dict[str, str]:
    """:func:`display_name` of every system, the full names kept where two would meet."""
    short = {s.name: display_name(s.name) for s in results.systems}
    seen = [v for v in short.values()]
    return {k: v if seen.count(v) == 1 else k for k, v in short.items()}


@dataclass
class Standing:
    """One backend's place on a kind's leaderboard."""

    system: SystemResults
    row: Row
    verdict: str
    """``★ best``, ``tied (p = ..)`` (not significantly worse than the best), ``worse
    (p = ..)``, or why it was not compared."""


def _comparison(results: Results, key: str, group: str, a: str, b: str):
    return next((c for c in results.comparisons if c.key == key and c.group == group
                 and {c.a, c.b} == {a, b}), None)


def standings(results: Results, key: str, group: str) -> list[Standing]:
    """The backends ranked on ``group`` (they declare a label of it), best first (by
    the group's F1, then name), each with its verdict against the best: the paired test
    (approximate randomisation, Holm-corrected) when both are scored on the same labels
    of the group, else none: their F1s measure different things."""
    ranked_ = sorted((s for s in results.systems if ranked(s, group)),
                     key=lambda s: (-s.scores[key].per_group[group].f1, s.name))
    out = []
    for s in ranked_:
        row = s.scores[key].per_group[group]
        if s is ranked_[0]:
            verdict = BEST
        elif (c := _comparison(results, key, group, ranked_[0].name, s.name)) is None:
            verdict = "not compared (other labels)"
        elif c.p_randomisation_holm is None:
            verdict = "not tested (--trials 0)"
        elif c.p_randomisation_holm >= ALPHA:
            verdict = f"tied (p = {c.p_randomisation_holm:.2f})"
        else:
            verdict = f"worse (p = {c.p_randomisation_holm:.3f})"
        out.append(Standing(s, row, verdict))
    return out


def kind_columns(results: Results, group: str) -> list[str]:
    """The per-type columns of ``group`` some ranked backend declares."""
    systems = [s for s in results.systems if ranked(s, group)]
    return [c for c in KIND_COLUMNS.get(group, []) if any(declares(s, c) for s in systems)]


def leaderboard(results: Results, key: str, group: str) -> Table:
    """One kind's leaderboard: place, backend, the group's F1 with its CI, the verdict
    against the best, then the F1 of each type (no CIs: those are in each backend's
    section)."""
    names = display_names(results)
    columns = kind_columns(results, group)
    rows = []
    for place, st in enumerate(standings(results, key, group), 1):
        sc = st.system.scores[key]
        cells = []
        for c in columns:
            row = type_f1(st.system, sc, c)
            cells.append(NOT_DECLARED if not declares(st.system, c)
                         else UNDEFINED if row is None else f"{row.f1:.3f}")
        rows.append([str(place), names[st.system.name], with_ci(st.row.f1, st.row.f1_ci),
                     st.verdict] + cells)
    return Table(["#", "backend", f"{group} F1 [95% CI]", "vs the best"] + columns, rows)


def lenient_table(results: Results, group: str) -> Table:
    """Strict and clitic-lenient F1 of one kind, side by side, in the strict order."""
    names = display_names(results)
    rows = []
    for st in standings(results, "strict", group):
        sc = st.system.scores.get("strict+lenient")
        if sc is None:
            continue
        le = sc.per_group[group]
        rows.append([names[st.system.name], f"{st.row.f1:.3f}", with_ci(le.f1, le.f1_ci),
                     f"{le.f1 - st.row.f1:+.3f}"])
    return Table(["backend", "strict F1", "lenient F1 [95% CI]", "lenient - strict"], rows)


def _type_rows(block: dict[str, Row]) -> list[list[str]]:
    return [[name, str(r.support), f"{r.tp:g}", f"{r.fp:g}", f"{r.fn:g}",
             with_ci(r.precision, r.precision_ci), with_ci(r.recall, r.recall_ci),
             with_ci(r.f1, r.f1_ci)] for name, r in block.items()]


def _prf_headers(first: str, has_ci: bool) -> list[str]:
    ci = " [95% CI]" if has_ci else ""
    return [first, "support", "TP", "FP", "FN", f"P{ci}", f"R{ci}", f"F1{ci}"]


def label_table(system: SystemResults, key: str) -> Table:
    """Support, TP, FP, FN, P, R, F1 (with CIs) per label the system is scored on."""
    sc = system.scores[key]
    rows = _type_rows({k: r for k, r in sc.per_label.items() if declares(system, k)})
    return Table(_prf_headers("label", _has_ci(sc)), rows)


def date_type_table(system: SystemResults, key: str) -> Table:
    """The same per date type (``DATE/absolute``, ``DATE/relative``, ``TIME`` ...)."""
    sc = system.scores[key]
    rows = _type_rows({k: r for k, r in sc.per_date_type.items() if declares(system, k)})
    return Table(_prf_headers("date type", _has_ci(sc)), rows)


def depth_table(system: SystemResults) -> Table:
    """Nested corpora: the overall row of each depth view (``flat``, ``nested``,
    ``level 2`` ...), strict matching."""
    views = system.by_depth or {}
    rows = _type_rows({view: sc.overall for view, sc in views.items()})
    return Table(_prf_headers("spans", any(_has_ci(sc) for sc in views.values())), rows)


def _has_ci(sc: SchemeScores) -> bool:
    return sc.overall.f1_ci is not None or any(
        r.f1_ci is not None for r in (*sc.per_label.values(), *sc.per_group.values()))


def overall_table(results: Results, keys: list[str] | None = None) -> Table:
    rows = []
    for system in results.systems:
        for key, sc in system.scores.items():
            if keys is not None and key not in keys:
                continue
            o = sc.overall
            rows.append([system.name, key, with_ci(o.precision, o.precision_ci),
                         with_ci(o.recall, o.recall_ci), with_ci(o.f1, o.f1_ci), f"{o.tp:g}",
                         f"{o.fp:g}", f"{o.fn:g}", fmt(sc.macro["f1"])])
    return Table(["system", "scheme", "P", "R", "F1", "TP", "FP", "FN", "macro F1"], rows)


def values_table(system: SystemResults) -> Table:
    v = system.values
    rows = [[k, str(r.matched), fmt(r.accuracy), fmt(r.lenient_accuracy)]
            for k, r in v.per_date_type.items() if declares(system, k)]
    rows.append(["all temporal", str(v.overall.matched), fmt(v.overall.accuracy),
                 fmt(v.overall.lenient_accuracy)])
    return Table(["date type", "matched spans", "value accuracy", "granularity-lenient"], rows)


def values_prf(system: SystemResults) -> str:
    v = system.values
    return (f"Value P / R / F1 (exact value over all temporal spans): {fmt(v.precision)} / "
            f"{fmt(v.recall)} / {fmt(v.f1)}")


def comparison_table(results: Results, key: str, group: str = "overall") -> Table:
    rows = [[c.a, c.b, f"{c.delta:+.3f}", fmt(c.p_bootstrap_holm), fmt(c.p_randomisation_holm)]
            for c in results.comparisons if c.key == key and c.group == group]
    return Table(["A", "B", "F1(A)-F1(B)", "p bootstrap (Holm)", "p AR (Holm)"], rows)


def statistics_note(results: Results, shown: str | None = None) -> str:
    """What the intervals, the verdicts and the marks are, or that they were turned off;
    with ``shown`` (the text the note goes with), only what that text has."""
    settings = results.settings
    ci = (f"F1 with its 95% bootstrap CI ({settings['resamples']} resamples)"
          if settings["resamples"] else "no confidence intervals (--resamples 0)")
    tests = ("vs the best: approximate randomisation against the best backend, "
             "Holm-corrected; tied: not significantly worse (p ≥ 0.05); only backends "
             "scored on the same labels of the kind are compared" if settings["trials"]
             else "no significance tests (--trials 0)")
    marks = [(NOT_DECLARED, f"{NOT_DECLARED}: the backend does not declare this type (not "
                            "scored on it)"),
             ("0.000", "0.000: it declares the type and got none right"),
             (UNDEFINED, f"{UNDEFINED}: no gold or predicted span of the type")]
    if shown is None:
        return f"{ci}; {tests}. " + "; ".join(text for _, text in marks) + "."
    head = ci + (f"; {tests}" if "vs the best" in shown or not settings["trials"] else "") + "."
    said = [text for mark, text in marks if mark in shown]
    return head + (" " + "; ".join(said) + "." if said else "")
