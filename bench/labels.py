"""Label mappings: small JSON files that turn a corpus's labels into the canonical ones.

A mapping file is ``{"description": "...", "map": {"NATIVE": "CANONICAL" | "OWN" | null}}``:
a native label maps to a canonical label, to a name of its own (kept as is), or to
``null`` (dropped, and the count reported). A label the map does not list is an
error naming the file, so nothing is dropped by accident. Built-in mappings:
``anercorp`` and ``wojood`` (``bench/data/labels/``); any other value is a path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.data.mappings import BUILTIN, builtin_text
from bench.model import Document
from bench.problems import InputError, Problem
from bench.schema import parse_schema

NATIVE = "native"
"""``--labels native``: no mapping, every label kept as the corpus has it."""
NAMES = (NATIVE, *BUILTIN)
"""The names ``--labels`` takes besides a mapping file."""


@dataclass(frozen=True)
class LabelMapping:
    name: str
    table: dict[str, str | None]


def load_mapping(name_or_path: str) -> LabelMapping:
    """A built-in mapping by name or a mapping file; UTF-8 JSON, duplicate keys refused
    (a label listed twice would silently take its last target). A schema file
    (:mod:`bench.schema`) is the mapping that keeps its labels and refuses the others."""
    from bench.io.native import parse_json, read_json

    if name_or_path in BUILTIN:
        where, obj = name_or_path, parse_json(builtin_text(name_or_path), name_or_path)
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise InputError([Problem(name_or_path, None, "no such label mapping (built-in: "
                                                         f"{', '.join(BUILTIN)}; or a file)")])
        where, obj = str(path), read_json(path)
    if isinstance(obj, dict) and "labels" in obj and "map" not in obj:  # a schema file
        try:
            schema = parse_schema(obj, Path(where).stem)
        except ValueError as exc:
            raise InputError([Problem(where, "labels", str(exc))]) from None
        return LabelMapping(where, {label: label for label in schema.labels()})
    table = obj.get("map") if isinstance(obj, dict) else None
    if not isinstance(table, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in table.items()):
        raise InputError([Problem(where, "map", "not a label mapping: needs an object "
                                                '{"map": {"LABEL": "CANONICAL" | null, ...}}')])
    return LabelMapping(name_or_path if name_or_path in BUILTIN else Path(where).stem, table)


def mapping_for(name: str | None) -> LabelMapping | None:
    """The mapping ``--labels name`` applies (None: none, for no name or ``native``)."""
    return None if name in (None, NATIVE) else load_mapping(name)


def map_document(doc: Document, mapping: LabelMapping, dropped: Counter) -> Document:
    """A document with labels mapped (dropped ones counted in ``dropped``).

    A label the mapping does not list is an error naming the mapping and the label.
    """
    anns = []
    for a in doc.annotations:
        if a.label not in mapping.table:
            raise InputError([Problem(mapping.name, a.label, f"label of {doc.doc_id} not in "
                                                             "the mapping")])
        new = mapping.table[a.label]
        if new is None:
            dropped[a.label] += 1
            continue
        anns.append(a.replace(label=new))
    return doc.with_annotations(anns)


def dropped_notes(where: str, mapping: LabelMapping, dropped: Counter) -> list[Problem]:
    return [Problem(where, label, f"{n} annotations dropped by label mapping {mapping.name}",
                    "warning") for label, n in sorted(dropped.items())]
