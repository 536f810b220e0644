"""The Results of :func:`bench.scoring.score`: plain dataclasses that serialise to JSON.

Layout of ``Results.to_dict()`` (stable; floats rounded to 6 decimals)::

    {"version", "gold": {"name", "sha256", "documents", "annotations", "units", "unit"},
     "settings": {...},
     "systems": [{"name",
                  "scores": {"strict": SCHEME, "strict+lenient": SCHEME, "exact": ..., ...},
                  "values": {"overall": VALUES, "per_date_type": {...}},
                  "confusion": {"labels": [...], "matrix": [[...]]},
                  "scope": [labels scored] | null}],
     "comparisons": [{"key", "group", "a", "b", "f1_a", "f1_b", "delta", "p_bootstrap",
                      "p_randomisation", "p_bootstrap_holm", "p_randomisation_holm"}]}

    SCHEME = {"scheme", "clitics", "signature", "overall": ROW,
              "per_label": {label: ROW}, "per_date_type": {date type: ROW},
              "per_group": {"entities": ROW, "temporal": ROW},
              "macro": {"precision", "recall", "f1"}}
    ROW    = {"support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1",
              "precision_ci", "recall_ci", "f1_ci"}        # CIs: [low, high]

The per-span listing (``SystemResults.alignment``, when ``score(alignment=True)``) is
not part of it: :meth:`Results.write_alignment` streams it to a JSONL file, one
``{"system", "doc_id", "kind", "gold", "pred", "clitic_only", "value_ok", "left",
"span", "right"}`` object per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from itertools import islice

SCHEMA = 2
"""Version of the ``results.json`` layout. 1: no ``schema`` key (before suites); 2: the
``schema`` key, signatures that may name a task, suite provenance."""


def check_schema(data: dict, where: str) -> int:
    """The schema of a results or baseline file this version can read (1 or 2); a newer
    one is refused with a clear message rather than misread."""
    schema = data.get("schema", 1)
    if not isinstance(schema, int) or schema < 1 or schema > SCHEMA:
        from bench.problems import InputError

        raise InputError.one(where, f"results schema {schema!r} is newer than this arabench "
                                    f"reads (up to {SCHEMA}): upgrade arabench to read it")
    return schema


@dataclass
class Row:
    support: int
    predicted: int
    tp: float
    fp: float
    fn: float
    precision: float
    recall: float
    f1: float
    precision_ci: tuple[float, float] | None = None
    recall_ci: tuple[float, float] | None = None
    f1_ci: tuple[float, float] | None = None


@dataclass
class SchemeScores:
    scheme: str
    clitics: str
    signature: str
    overall: Row
    per_label: dict[str, Row]
    per_date_type: dict[str, Row]
    per_group: dict[str, Row]
    """``entities`` (PERSON, ORG, LOC, NORP) and ``temporal`` (DATE, TIME, DURATION, SET)."""
    macro: dict[str, float]


@dataclass
class ValueRow:
    """Value grading of matched temporal pairs; accuracies are None ("n/a") without values."""

    matched: int
    correct: int
    lenient: float
    accuracy: float | None
    lenient_accuracy: float | None


@dataclass
class ValueScores:
    overall: ValueRow
    per_date_type: dict[str, ValueRow]
    precision: float | None
    recall: float | None
    f1: float | None
    """Value P/R/F1: exact-value matches over all temporal predictions / gold (TempEval-3 style)."""


@dataclass
class AlignmentItem:
    """One gold or predicted mention and what became of it (matching: ``partial`` scheme)."""

    system: str
    doc_id: str
    kind: str  # match, boundary, type, boundary+type, missed, false_alarm, out_of_scope
    gold: dict | None
    pred: dict | None
    clitic_only: bool
    value_ok: bool | None
    left: str
    span: str
    right: str
    level: int | None = None
    """Nesting level of the gold span (else the predicted one), 1 = outermost; None
    when neither side nests."""


@dataclass
class SystemResults:
    name: str
    scores: dict[str, SchemeScores]
    """By the string form of each :class:`~bench.scoring.keys.ScoreKey`."""
    values: ValueScores
    confusion: dict
    alignment: Sequence[AlignmentItem] = field(default_factory=list)
    """Every match and error (``score(alignment=True)``): a list, or the
    :class:`~bench.scoring.listing.Listing` that makes them as it is read."""
    scope: list[str] | None = None
    """Labels the system was scored on (declared + predicted); None: every label."""
    by_depth: dict[str, SchemeScores] | None = None
    """Nested gold or predictions only (strict matching), by the string form of each
    :class:`~bench.scoring.keys.View`: ``flat``, ``nested`` (the ``strict`` scores),
    ``level 2`` ..."""

    @property
    def errors(self) -> list[AlignmentItem]:
        return [item for item in self.alignment if item.kind not in ("match", "out_of_scope")]


@dataclass
class Comparison:
    key: str
    group: str  # overall, entities or temporal
    a: str
    b: str
    f1_a: float
    f1_b: float
    delta: float
    p_bootstrap: float | None  # None: the test was off (0 resamples / 0 trials)
    p_randomisation: float | None
    p_bootstrap_holm: float | None
    p_randomisation_holm: float | None


@dataclass
class Results:
    version: str
    gold: dict
    settings: dict
    systems: list[SystemResults]
    comparisons: list[Comparison]

    def system(self, name: str) -> SystemResults:
        for system in self.systems:
            if system.name == name:
                return system
        raise KeyError(name)

    def to_dict(self) -> dict:
        """Everything but the per-span alignment, floats rounded to 6 decimals; the first
        key is the layout's ``schema`` (:data:`SCHEMA`)."""
        out = _rounded(asdict(replace(self, systems=[replace(s, alignment=[])
                                                     for s in self.systems])))
        for system in out["systems"]:
            del system["alignment"]
            if system["by_depth"] is None:  # flat corpora: the layout they always had
                del system["by_depth"]
        return {"schema": SCHEMA, **out}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def write_alignment(self, path) -> int:
        """Every system's alignment items as JSONL (atomically); returns the line count."""
        from bench.io.atomic import atomic_path

        n = 0
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            for system in self.systems:
                n += write_listing(fh, system.alignment)
        return n


def write_listing(fh, items: Iterable[AlignmentItem]) -> int:
    """Alignment items as JSONL lines on a binary file, 50,000 at a time (a listing makes
    its items as it is read); returns the line count."""
    import msgspec

    encode_lines = msgspec.json.Encoder().encode_lines
    items = iter(items)
    n = 0
    while chunk := list(islice(items, 50_000)):
        fh.write(encode_lines(chunk))
        n += len(chunk)
    return n


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_rounded(v) for v in obj]
    return obj
