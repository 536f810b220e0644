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

COLUMNS = list(ENTITY_LABELS) + list(DATE_TYPES)
"""Leaderboard and plot columns: the entity labels, then the date types."""
SUPERSCRIPT = dict(zip("abcdefghijklmnopqrstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖqʳˢᵗᵘᵛʷˣʸᶻ", strict=True))
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


def type_cell(system: SystemResults, scores: SchemeScores, column: str) -> str:
    if not declares(system, column):
        return NOT_DECLARED
    row = scores.per_label.get(column) or scores.per_date_type.get(column)
    return UNDEFINED if row is None else with_ci(row.f1, row.f1_ci)


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


def letters(results: Results) -> dict[str, str]:
    return {s.name: chr(ord("a") + i) for i, s in enumerate(results.systems)}


def better_than(results: Results, key: str, group: str, name: str) -> str:
    """Superscript letters of the systems ``name`` beats (Holm-corrected AR, p < 0.05)."""
    tags = letters(results)
    ranks = {s.name for s in results.systems if ranked(s, group)}
    beaten = []
    for c in results.comparisons:
        if c.key != key or c.group != group or c.p_randomisation_holm is None \
                or c.p_randomisation_holm >= ALPHA:
            continue
        if {c.a, c.b} <= ranks and name in (c.a, c.b):
            winner, loser = (c.a, c.b) if c.delta > 0 else (c.b, c.a)
            if winner == name:
                beaten.append(tags[loser])
    return "".join(SUPERSCRIPT[t] for t in sorted(beaten))


def leaderboard(results: Results, key: str) -> Table:
    tags = letters(results)
    rows = []
    for s in results.systems:
        sc = s.scores[key]
        cells = [type_cell(s, sc, c) for c in COLUMNS]
        groups = [with_ci(sc.per_group[g].f1, sc.per_group[g].f1_ci)
                  + better_than(results, key, g, s.name) if ranked(s, g) else NOT_DECLARED
                  for g in GROUPS]
        rows.append([f"({tags[s.name]}) {s.name}"] + cells + groups)
    return Table(["backend"] + COLUMNS + list(GROUPS), rows)


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


def statistics_note(results: Results) -> str:
    """What the intervals and letters are, or that they were turned off."""
    settings = results.settings
    ci = (f"F1 with its 95% bootstrap CI ({settings['resamples']} resamples)"
          if settings["resamples"] else "no confidence intervals (--resamples 0)")
    tests = ("superscript letters: significantly better (approximate randomisation, "
             "Holm-corrected, p < 0.05) than the backends with those letters, among "
             "backends ranked on that group" if settings["trials"]
             else "no significance tests (--trials 0)")
    return (f"{ci}; {tests}. {NOT_DECLARED}: the backend does not declare this type (not "
            f"scored on it); 0.000: it declares the type and got none right; {UNDEFINED}: "
            "no gold or predicted span of the type.")
