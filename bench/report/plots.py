"""Plots as inline SVG (matplotlib, deterministic: fixed hash salt, no date metadata)."""

from __future__ import annotations

import io
import re

from bench.report.tables import BEST, Standing


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


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "arabench"
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["font.size"] = 10
    matplotlib.rcParams["text.parse_math"] = False  # names are text: $\\frac$ is no formula
    import matplotlib.pyplot as plt
    return plt


def forest(standings: list[Standing], names: dict[str, str], title: str) -> str:
    """A kind's forest plot: each backend's F1 (a dot) with its 95% CI (a line), best at
    the top, the backend's name on the left and its F1 on the right, so no two labels
    share a place whatever the scores."""
    plt = _setup()
    n = max(len(standings), 1)
    fig, ax = plt.subplots(figsize=(4.8, 0.42 * n + 0.9))
    for i, st in enumerate(standings):
        y = n - 1 - i
        low, high = st.row.f1_ci or (st.row.f1, st.row.f1)
        ax.plot([low, high], [y, y], color="#555", linewidth=2, solid_capstyle="butt")
        best = st.verdict == BEST
        ax.plot([st.row.f1], [y], "o", color="#1a7f37" if best else "#0b5cad", markersize=7)
    ax.set_yticks([n - 1 - i for i in range(len(standings))],
                  [names[st.system.name] for st in standings], fontsize=11)
    right = ax.secondary_yaxis("right")
    right.set_yticks([n - 1 - i for i in range(len(standings))],
                     [f"{st.row.f1:.3f}" for st in standings], fontsize=11)
    right.tick_params(length=0)
    ax.set_xlim(0, 1.03)  # a dot at 1 is drawn whole
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel(title, fontsize=11)
    ax.grid(axis="x", color="#ddd")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig)
