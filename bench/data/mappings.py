"""The built-in label mappings (``bench/data/labels/<name>.json``), as data: read by
:mod:`bench.labels` to map corpora, and by the validator to hint at the mapping that
knows a label it does not."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

BUILTIN = ("anercorp", "wojood")


@cache
def builtin_text(name: str) -> str:
    """The JSON text of built-in mapping ``name``."""
    return (files("bench") / "data" / "labels" / f"{name}.json").read_text(encoding="utf-8")


def knowing(label: str) -> list[str]:
    """The built-in mappings that map ``label`` (a corpus's own label name)."""
    import json

    return [name for name in BUILTIN if label in json.loads(builtin_text(name))["map"]]


def hint(label: str) -> str:
    """``; the built-in label mapping anercorp maps it ...`` for a label one knows."""
    names = knowing(label)
    if not names:
        return ""
    return (f"; the built-in label mapping {' or '.join(names)} maps it (--labels "
            f"{names[0]}), and --labels native keeps every label as it is")
