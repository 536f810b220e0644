"""Label mappings: small JSON files that turn a corpus's labels into the canonical ones.

A mapping file is ``{"description": "...", "map": {"NATIVE": "CANONICAL" | "OWN" | null}}``:
a native label maps to a canonical label, to a name of its own (kept as is), or to
``null`` (dropped, and the count reported). A label the map does not list is an
error naming the file, so nothing is dropped by accident. Built-in mappings:
``anercorp`` and ``wojood`` (``bench/data/labels/``); any other value is a path.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

from bench.model import Corpus
from bench.problems import InputError, Problem
from bench.timex import guess_form

BUILTIN = ("anercorp", "wojood")


@dataclass(frozen=True)
class LabelMapping:
    name: str
    table: dict[str, str | None]


def load_mapping(name_or_path: str) -> LabelMapping:
    if name_or_path in BUILTIN:
        source = files("bench") / "data" / "labels" / f"{name_or_path}.json"
        where, raw = name_or_path, source.read_text(encoding="utf-8")
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise InputError([Problem(name_or_path, None, "no such label mapping (built-in: "
                                                         f"{', '.join(BUILTIN)}; or a file)")])
        where, raw = str(path), path.read_text(encoding="utf-8")
    try:
        table = json.loads(raw)["map"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError([Problem(where, None, f"not a label mapping: {exc}")]) from None
    if not isinstance(table, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in table.items()):
        raise InputError([Problem(where, "map", "must map labels to strings or null")])
    return LabelMapping(name_or_path if name_or_path in BUILTIN else Path(where).stem, table)


def apply_mapping(corpus: Corpus, mapping: LabelMapping) -> Corpus:
    """The corpus with labels mapped; temporal labels get a guessed ``form`` if missing."""
    unknown = Counter(a.label for d in corpus for a in d.annotations
                      if a.label not in mapping.table)
    if unknown:
        raise InputError([Problem(mapping.name, label, f"label of {corpus.name} not in the "
                                                       f"mapping ({n} annotations)")
                          for label, n in sorted(unknown.items())])
    dropped: Counter[str] = Counter()
    docs = []
    for doc in corpus:
        anns = []
        for a in doc.annotations:
            new = mapping.table[a.label]
            if new is None:
                dropped[a.label] += 1
                continue
            a = replace(a, label=new)
            if a.is_temporal and a.form is None:
                a = replace(a, form=guess_form(a.text, a.label, a.value))
            anns.append(a)
        docs.append(doc.with_annotations(anns))
    notes = list(corpus.notes) + [
        Problem(corpus.name, label, f"{n} annotations dropped by label mapping {mapping.name}",
                "warning") for label, n in sorted(dropped.items())]
    return Corpus(docs, corpus.name, notes)
