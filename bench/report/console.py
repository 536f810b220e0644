"""What ``bench score`` prints: the tables of :mod:`bench.report.tables` as text."""

from __future__ import annotations

from bench.report import tables as t
from bench.scoring.results import Results


def render(results: Results, keys: list[str]) -> str:
    """The overall table of ``keys``, then per system and key the label and date-type
    tables, the date values, then the paired tests."""
    parts = [t.overall_table(results, keys).text()]
    for system in results.systems:
        scope = "every label" if system.scope is None else ", ".join(system.scope)
        for key in keys:
            if key in system.scores:
                dates = t.date_type_table(system, key)  # none for a schema without TIMEX3
                parts.append(f"## {system.name}: {key} (scored on {scope})\n"
                             f"{system.scores[key].signature}\n\n"
                             + t.label_table(system, key).text()
                             + ("\n\n" + dates.text() if dates.rows else ""))
        parts.append(f"## {system.name}: temporal values\n" + t.values_table(system).text()
                     + "\n" + t.values_prf(system))
    for key in keys:
        if any(c.key == key for c in results.comparisons):
            parts.append(f"## paired significance: {key}\n"
                         + t.comparison_table(results, key).text())
    parts.insert(1, t.statistics_note(results, "\n\n".join(parts)))
    return "\n\n".join(parts)
