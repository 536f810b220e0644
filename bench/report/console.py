"""Plain-text tables of :class:`~bench.scoring.results.Results` (tabulate)."""

from __future__ import annotations

from tabulate import tabulate

from bench.scoring.results import Results, Row, SystemResults, ValueRow


def fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def fmt_ci(row: Row) -> str:
    return f"{row.f1:.3f}" + (f" [{row.f1_ci[0]:.3f}, {row.f1_ci[1]:.3f}]" if row.f1_ci else "")


def overall_table(results: Results, tablefmt: str = "github") -> str:
    rows = []
    for system in results.systems:
        for key, sc in system.scores.items():
            o = sc.overall
            rows.append((system.name, key, fmt(o.precision), fmt(o.recall), fmt_ci(o),
                         f"{o.tp:g}", f"{o.fp:g}", f"{o.fn:g}", fmt(sc.macro["f1"])))
    return tabulate(rows, headers=["system", "scheme", "P", "R", "F1 [95% CI]", "TP", "FP", "FN",
                                   "macro F1"], tablefmt=tablefmt, disable_numparse=True)


def type_table(system: SystemResults, key: str, block: str = "per_label",
               tablefmt: str = "github") -> str:
    """Rows of ``per_label`` or ``per_date_type`` of one scheme key."""
    rows = [(name, r.support, f"{r.tp:g}", f"{r.fp:g}", f"{r.fn:g}", fmt(r.precision),
             fmt(r.recall), fmt_ci(r))
            for name, r in getattr(system.scores[key], block).items()]
    head = "label" if block == "per_label" else "date type"
    return tabulate(rows, headers=[head, "support", "TP", "FP", "FN", "P", "R", "F1 [95% CI]"],
                    tablefmt=tablefmt, disable_numparse=True)


def values_table(system: SystemResults, tablefmt: str = "github") -> str:
    v = system.values

    def cells(name: str, r: ValueRow) -> tuple:
        return (name, r.matched, fmt(r.accuracy), fmt(r.lenient_accuracy))

    rows = [cells(k, r) for k, r in v.per_date_type.items()] + [cells("all temporal", v.overall)]
    return tabulate(rows, headers=["date type", "matched", "value acc.", "lenient acc."],
                    tablefmt=tablefmt, disable_numparse=True) + \
        f"\nvalue P/R/F1: {fmt(v.precision)} / {fmt(v.recall)} / {fmt(v.f1)}"


def comparison_table(results: Results, key: str, tablefmt: str = "github") -> str:
    rows = [(c.a, c.b, f"{c.delta:+.3f}", f"{c.p_bootstrap_holm:.4f}",
             f"{c.p_randomisation_holm:.4f}") for c in results.comparisons
            if c.key == key and c.group == "overall"]
    return tabulate(rows, headers=["A", "B", "F1(A)-F1(B)", "p boot (Holm)", "p AR (Holm)"],
                    tablefmt=tablefmt, disable_numparse=True)


def render(results: Results, keys: tuple[str, ...] = ("strict", "strict+lenient")) -> str:
    parts = [overall_table(results)]
    for system in results.systems:
        for key in keys:
            if key in system.scores:
                parts.append(f"## {system.name}: {key}\n{system.scores[key].signature}\n"
                             + type_table(system, key) + "\n\n"
                             + type_table(system, key, "per_date_type"))
        parts.append(f"## {system.name}: temporal values\n" + values_table(system))
    for key in keys:
        if any(c.key == key for c in results.comparisons):
            parts.append(f"## paired significance: {key}\n" + comparison_table(results, key))
    return "\n\n".join(parts)
