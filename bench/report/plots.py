"""Plots as inline SVG (matplotlib, deterministic: fixed hash salt, no date metadata).

A plot is drawn once per content: its SVG is kept in the cache folder
(:func:`bench.userdirs.cache_home`), keyed by what it shows, this module's source and
matplotlib's version, so a report whose scores did not change neither imports
matplotlib nor draws (half a second of every warm ``make bench``)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from bench.io.atomic import write_text
from bench.report.tables import BEST, Standing
from bench.userdirs import cache_home


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


def _cached(content: object, draw: Callable[[], str]) -> str:
    """``draw()``, or the SVG it gave for the same ``content`` before. A cache folder that
    cannot be read or written only costs the drawing."""
    key = json.dumps([content, version("matplotlib"),
                      hashlib.sha256(Path(__file__).read_bytes()).hexdigest()])
    path = cache_home() / "plots" / f"{hashlib.sha256(key.encode()).hexdigest()}.svg"
    try:
        return path.read_text("utf-8")
    except OSError:
        pass
    svg = draw()
    try:
        write_text(path, svg)
    except OSError:
        pass
    return svg


def forest(standings: list[Standing], names: dict[str, str], title: str) -> str:
    """A kind's forest plot: each backend's F1 (a dot) with its 95% CI (a line), best at
    the top, the backend's name on the left and its F1 on the right, so no two labels
    share a place whatever the scores."""
    rows = [(names[st.system.name], st.row.f1, list(st.row.f1_ci or (st.row.f1, st.row.f1)),
             st.verdict == BEST) for st in standings]
    return _cached(["forest", rows, title], lambda: _forest(rows, title))


def _forest(rows: list[tuple[str, float, list[float], bool]], title: str) -> str:
    plt = _setup()
    n = max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(4.8, 0.42 * n + 0.9))
    for i, (_, f1, (low, high), best) in enumerate(rows):
        y = n - 1 - i
        ax.plot([low, high], [y, y], color="#555", linewidth=2, solid_capstyle="butt")
        ax.plot([f1], [y], "o", color="#1a7f37" if best else "#0b5cad", markersize=7)
    ax.set_yticks([n - 1 - i for i in range(len(rows))], [row[0] for row in rows],
                  fontsize=11)
    right = ax.secondary_yaxis("right")
    right.set_yticks([n - 1 - i for i in range(len(rows))], [f"{row[1]:.3f}" for row in rows],
                     fontsize=11)
    right.tick_params(length=0)
    ax.set_xlim(0, 1.03)  # a dot at 1 is drawn whole
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel(title, fontsize=11)
    ax.grid(axis="x", color="#ddd")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig)
