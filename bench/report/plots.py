"""Plots as inline SVG (matplotlib, deterministic: fixed hash salt, no date metadata)."""

from __future__ import annotations

import io

from bench.report.markdown import COLUMNS, type_row
from bench.scoring.results import Results


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None},
                bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "arabench"
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt
    return plt


def f1_by_type(results: Results, key: str = "strict") -> str:
    """Grouped bars: F1 per label / date type per backend, 95% CI as error bars."""
    plt = _setup()
    fig, ax = plt.subplots(figsize=(10, 3.6))
    n = max(len(results.systems), 1)
    width = 0.8 / n
    for k, system in enumerate(results.systems):
        xs, ys, lo, hi = [], [], [], []
        for i, col in enumerate(COLUMNS):
            row = type_row(system.scores[key], col)
            if row is None:
                continue
            xs.append(i + (k - (n - 1) / 2) * width)
            ys.append(row.f1)
            low, high = row.f1_ci or (row.f1, row.f1)
            lo.append(max(row.f1 - low, 0))
            hi.append(max(high - row.f1, 0))
        ax.bar(xs, ys, width, yerr=[lo, hi], capsize=2, label=system.name)
    ax.set_xticks(range(len(COLUMNS)), COLUMNS, rotation=20, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"F1 ({key})")
    ax.legend(fontsize=7, ncol=min(n, 5), loc="upper center", bbox_to_anchor=(0.5, 1.18))
    return _svg(fig)


def precision_recall(results: Results, key: str = "strict") -> str:
    """Scatter: precision against recall of every backend on every type it predicts."""
    plt = _setup()
    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    markers = "osD^vP*X"
    for k, system in enumerate(results.systems):
        pts = [(row.recall, row.precision) for col in COLUMNS
               if (row := type_row(system.scores[key], col)) is not None]
        if pts:
            ax.scatter(*zip(*pts, strict=True), marker=markers[k % len(markers)],
                       label=system.name, alpha=0.8)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(f"each point: one type ({key})", fontsize=8)
    ax.legend(fontsize=7)
    return _svg(fig)
