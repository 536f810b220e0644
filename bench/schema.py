"""Label schemas: which labels a corpus uses and what kind each is.

A kind decides how a label is checked and scored:

* ``entity``: a named entity; counted in the ``entities`` group;
* ``timex``: a temporal expression with a TIMEX3 value (graded), ``temporal`` group;
* ``time``: a temporal expression marked without a value (Wojood's DATE and TIME):
  scored on spans, ``temporal`` group, value rows n/a;
* ``other``: anything else (numbers, money ...): scored per label, in no group.

The canonical schema (PERSON ORG LOC NORP + DATE TIME DURATION SET) is the default and
the seed gold's. ``--labels native`` keeps a corpus's own labels: their schema is the
built-in one that names them all (``anercorp``, ``wojood``: ``bench/data/schemas/``), else
one whose kinds are the canonical ones for canonical names and ``other`` for the rest.
A schema file (``{"labels": [{"name": "PERS", "kind": "entity"}, ...]}``) given as
``--labels FILE`` keeps the labels it names and refuses the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files

from bench.model import ENTITY_LABELS, TEMPORAL_LABELS


class Kind(StrEnum):
    ENTITY = "entity"
    TIMEX = "timex"
    TIME = "time"
    OTHER = "other"


GROUP_OF = {Kind.ENTITY: "entities", Kind.TIMEX: "temporal", Kind.TIME: "temporal"}
"""The group of a kind's labels (``other`` labels are in none)."""


@dataclass(frozen=True)
class Schema:
    name: str
    kinds: tuple[tuple[str, Kind], ...]
    """(label, kind) in the schema's order: tables list labels in it."""

    def kind(self, label: str) -> Kind:
        return dict(self.kinds).get(label, Kind.OTHER)

    def group(self, label: str) -> str | None:
        return GROUP_OF.get(self.kind(label))

    def labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.kinds)

    def order(self, labels: Iterable[str]) -> tuple[str, ...]:
        """``labels`` in table order: the schema's, then others by name. The canonical
        schema keeps the order by name that results have always had."""
        if self is CANONICAL:
            return tuple(sorted(labels))
        position = {label: i for i, (label, _) in enumerate(self.kinds)}
        return tuple(sorted(labels, key=lambda lab: (position.get(lab, len(position)), lab)))


CANONICAL = Schema("canonical", tuple((lab, Kind.ENTITY) for lab in ENTITY_LABELS)
                   + tuple((lab, Kind.TIMEX) for lab in TEMPORAL_LABELS))
BUILTIN = ("anercorp", "wojood")


def parse_schema(obj: object, name: str) -> Schema:
    """A schema from its JSON object; ValueError says what is wrong."""
    items = obj.get("labels") if isinstance(obj, dict) else None
    if not isinstance(items, list) or not items:
        raise ValueError('a schema is {"labels": [{"name": LABEL, "kind": KIND}, ...]}')
    kinds = []
    for i, item in enumerate(items):
        label = item.get("name") if isinstance(item, dict) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        if not isinstance(label, str) or not label or kind not in tuple(Kind):
            raise ValueError(f"labels[{i}]: needs a name and a kind ({', '.join(Kind)}), "
                             f"got {item!r}")
        kinds.append((label, Kind(kind)))
    if len({label for label, _ in kinds}) != len(kinds):
        raise ValueError("a label is named twice")
    return Schema(name, tuple(kinds))


def builtin_schema(name: str) -> Schema:
    text = (files("bench") / "data" / "schemas" / f"{name}.json").read_text(encoding="utf-8")
    return parse_schema(json.loads(text), name)


def native_schema(labels: Iterable[str]) -> Schema:
    """The schema of labels kept as a corpus has them (``--labels native``)."""
    labels = set(labels)
    for name in BUILTIN:
        schema = builtin_schema(name)
        if labels <= set(schema.labels()):
            return schema
    inferred = [(lab, CANONICAL.kind(lab) if lab in CANONICAL.labels() else Kind.OTHER)
                for lab in sorted(labels)]
    return Schema("native", tuple(inferred))


@cache
def schema_file(path: str) -> Schema | None:
    """The schema of the file ``path`` (``--labels FILE``), or None when ``path`` names no
    schema file (a built-in name, a mapping file). The file was checked when the corpus was
    read (:func:`bench.labels.load_mapping`)."""
    from pathlib import Path

    file = Path(path)
    if path in BUILTIN or not file.is_file():
        return None
    try:
        obj = json.loads(file.read_text(encoding="utf-8"))
        return parse_schema(obj, file.stem) if "map" not in obj else None
    except (ValueError, TypeError, AttributeError):
        return None
