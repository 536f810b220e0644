"""Tables of a published-scorer mode (:class:`~bench.scoring.compat.CompatResults`):
one overview row per system and table, then per system the label rows of each table,
each under its signature, and the mode's legend."""

from __future__ import annotations

from bench.report.tables import Table, _prf_headers, _type_rows, fmt
from bench.scoring.compat.results import CompatResults, CompatTable


def overview(results: CompatResults) -> Table:
    """System, table, the headline F1 (micro or macro, as the mode's scorer leads with),
    micro P/R/F1 and macro F1."""
    rows = [[s.name, name, fmt(t.f1), t.headline, fmt(t.overall.precision),
             fmt(t.overall.recall), fmt(t.overall.f1), fmt(t.macro["f1"])]
            for s in results.systems for name, t in s.tables.items()]
    return Table(["system", f"compat:{results.mode}", "F1", "headline", "micro P", "micro R",
                  "micro F1", "macro F1"], rows)


def label_table(table: CompatTable) -> Table:
    return Table(_prf_headers("label", False),
                 _type_rows(table.per_label) + _type_rows({"micro": table.overall}))


def legend(results: CompatResults) -> str:
    return f"compat:{results.mode}: {results.legend} Source: {results.source}."


def render(results: CompatResults) -> str:
    """What ``bench score --compat`` prints."""
    parts = [overview(results).text(), legend(results)]
    for system in results.systems:
        for name, table in system.tables.items():
            block = f"## {system.name}: compat:{results.mode} {name}\n{table.signature}"
            if table.per_label:
                block += "\n\n" + label_table(table).text()
            if "report" in table.extra:
                block += "\n\n" + table.extra["report"].rstrip("\n")
            parts.append(block)
    return "\n\n".join(parts)
