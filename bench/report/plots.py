"""Plots as inline SVG (matplotlib, deterministic: fixed hash salt, no date metadata)."""

from __future__ import annotations

import io
import re

from bench.report.tables import COLUMNS, type_f1
from bench.scoring.results import Results


def _svg(fig) -> str:
    """The figure as an inline SVG that scales to its container (no fixed width/height)."""
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None},
                bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    svg = text[text.index("<svg"):]
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    return f'{head} preserveAspectRatio="xMidYMid meet">{rest}'


def _legend(name: str) -> str:
    """A backend's name as its legend entry: matplotlib hides an entry starting with _."""
    return "\u200b" + name if name.startswith("_") else name


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "arabench"
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["font.size"] = 10
    matplotlib.rcParams["text.parse_math"] = False  # names are text: $\\frac$ is no formula
    import matplotlib.pyplot as plt
    return plt


ZERO_STUB = 0.015  # height of the bar drawn for a declared type with F1 0


def f1_by_type(results: Results, key: str = "strict") -> str:
    """Grouped bars: F1 per label / date type per backend, 95% CI as error bars.

    A type the backend does not declare has no bar; a declared type with F1 0 has a
    hatched stub marked "0", so the two never look alike.
    """
    plt = _setup()
    fig, ax = plt.subplots(figsize=(10, 4))
    n = max(len(results.systems), 1)
    width = 0.8 / n
    for k, system in enumerate(results.systems):
        xs, ys, lo, hi, zeros = [], [], [], [], []
        for i, col in enumerate(COLUMNS):
            row = type_f1(system, system.scores[key], col)
            if row is None:
                continue
            x = i + (k - (n - 1) / 2) * width
            if row.f1 == 0:
                zeros.append(x)
                continue
            xs.append(x)
            ys.append(row.f1)
            low, high = row.f1_ci or (row.f1, row.f1)
            lo.append(max(row.f1 - low, 0))
            hi.append(max(high - row.f1, 0))
        bars = ax.bar(xs, ys, width, yerr=[lo, hi], capsize=2, label=_legend(system.name))
        colour = bars.patches[0].get_facecolor() if bars.patches else f"C{k}"
        if zeros:
            ax.bar(zeros, [ZERO_STUB] * len(zeros), width, color="white", edgecolor=colour,
                   hatch="////", linewidth=1, label=None if xs else _legend(system.name))
            for x in zeros:
                ax.text(x, ZERO_STUB + 0.01, "0", ha="center", va="bottom", fontsize=8,
                        color=colour)
    ax.set_xticks(range(len(COLUMNS)), COLUMNS, rotation=20, fontsize=10)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"F1 ({key})")
    ax.legend(fontsize=10, ncol=min(n, 4), loc="upper center", bbox_to_anchor=(0.5, 1.22))
    return _svg(fig)


def precision_recall(results: Results, key: str = "strict") -> str:
    """Scatter: precision against recall of every backend on every type it declares,
    each point named by its type."""
    plt = _setup()
    fig, ax = plt.subplots(figsize=(6.4, 5.6))
    markers = "osD^vP*X"
    for k, system in enumerate(results.systems):
        pts = [(row.recall, row.precision, col) for col in COLUMNS
               if (row := type_f1(system, system.scores[key], col)) is not None]
        if not pts:
            continue
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=markers[k % len(markers)],
                   label=_legend(system.name), alpha=0.8, color=f"C{k}")
        for r, p, col in pts:
            ax.annotate(col, (r, p), textcoords="offset points", xytext=(4, 3 + 9 * (k % 3)),
                        fontsize=8, color=f"C{k}")
    ax.set_xlim(0, 1.1)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(f"each point: one type ({key})", fontsize=10)
    ax.legend(fontsize=10, loc="lower left")
    return _svg(fig)
