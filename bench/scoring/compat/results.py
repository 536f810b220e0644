"""What a published-scorer mode gives: :class:`CompatResults`, JSON-ready.

Layout of ``CompatResults.to_dict()`` (floats rounded to 6 decimals)::

    {"compat": MODE, "legend", "source", "schema": 2, "version",
     "gold": {"name", "sha256", "documents"},
     "systems": [{"name", "tables": {TABLE: {"signature", "headline": "micro" | "macro",
                  "f1", "overall": ROW, "per_label": {label: ROW},
                  "macro": {"precision", "recall", "f1"}, "extra": {...}}}}]}

ROW is :class:`bench.scoring.results.Row` without intervals (the reference scorers
give none): ``tp`` is what the mode credits (nervaluate: correct + half of partial).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from bench.scoring.results import Row


class Summable:
    """A dataclass of counts that adds up field by field (``total += part``)."""

    def __iadd__(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def row(tp: float, predicted: int, support: int) -> Row:
    """P = tp / predicted, R = tp / support, F1 their harmonic mean; 0 where a divisor
    is 0 (as seqeval, scikit-learn, nervaluate and conlleval all give)."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Row(support, predicted, tp, predicted - tp, support - tp, precision, recall, f1)


@dataclass
class CompatTable:
    name: str
    signature: str
    overall: Row
    """Micro: every label's counts summed."""
    per_label: dict[str, Row]
    headline: str = "micro"
    """The number the mode's scorer leads with: ``micro`` (the overall F1) or ``macro``."""
    extra: dict = field(default_factory=dict)

    @property
    def macro(self) -> dict[str, float | None]:
        """The unweighted mean over labels (None: a table without label rows)."""
        rows = list(self.per_label.values())
        return {k: sum(getattr(r, k) for r in rows) / len(rows) if rows else None
                for k in ("precision", "recall", "f1")}

    @property
    def f1(self) -> float:
        return (self.macro["f1"] or 0.0) if self.headline == "macro" else self.overall.f1

    def to_dict(self) -> dict:
        def plain(r: Row) -> dict:
            return {k: v for k, v in asdict(r).items() if not k.endswith("_ci")}
        return {"signature": self.signature, "headline": self.headline, "f1": self.f1,
                "overall": plain(self.overall),
                "per_label": {k: plain(r) for k, r in self.per_label.items()},
                "macro": self.macro, "extra": self.extra}


@dataclass
class CompatSystem:
    name: str
    tables: dict[str, CompatTable]


@dataclass
class CompatResults:
    mode: str
    """The mode as the signatures name it (``seqeval``, ``seqeval-strict/IOB2`` ...)."""
    legend: str
    source: str
    gold: dict
    systems: list[CompatSystem]
    version: str

    def to_dict(self) -> dict:
        from bench.scoring.results import SCHEMA

        return _rounded({"compat": self.mode, "legend": self.legend, "source": self.source,
                         "schema": SCHEMA, "version": self.version, "gold": self.gold,
                         "systems": [{"name": s.name,
                                      "tables": {k: t.to_dict() for k, t in s.tables.items()}}
                                     for s in self.systems]})

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _rounded(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
