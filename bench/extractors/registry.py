"""Backends by name: built-ins, then plugins from the ``bench.extractors`` entry points.

A plugin package needs only an entry point, e.g. in its ``pyproject.toml``::

    [project.entry-points."bench.extractors"]
    my-ner = "my_package.module:MyExtractor"

``module:Class`` works anywhere a name does, for a class that is not packaged.
Built-ins take precedence over a plugin of the same name.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points

from bench.extractors.base import Extractor

GROUP = "bench.extractors"
BUILTINS = {
    "rules-time": "bench.extractors.rules_time:RulesTime",
    "gazetteer-ner": "bench.extractors.gazetteer:GazetteerNER",
    "dateparser": "bench.extractors.dateparser_backend:DateparserExtractor",
    "duckling": "bench.extractors.duckling_backend:DucklingExtractor",
    "heideltime": "bench.extractors.heideltime:HeidelTimeExtractor",
}


def known() -> dict[str, str]:
    """Every registered backend name -> ``module:Class`` (built-ins first, then plugins)."""
    out = dict(BUILTINS)
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        out.setdefault(ep.name, ep.value)
    return out


def target(name: str) -> str:
    """``module:Class`` of a backend name (or of a ``module:Class`` given directly)."""
    if ":" in name:
        return name
    table = known()
    if name not in table:
        raise KeyError(f"unknown backend {name!r} (known: {', '.join(table)}; "
                       "or give module:Class)")
    return table[name]


def load(name: str) -> Extractor:
    """An instance of the backend; import errors name the backend."""
    spec = target(name)
    module_name, _, attr = spec.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ImportError(f"backend {name!r}: cannot import {spec}: {exc}") from exc
    instance = cls()
    missing = [m for m in ("name", "version", "labels", "label_map", "available", "extract")
               if not hasattr(instance, m)]
    if missing:
        raise TypeError(f"backend {name!r} ({spec}) lacks {', '.join(missing)}")
    return instance


@dataclass
class BackendInfo:
    name: str
    target: str
    version: str
    labels: tuple[str, ...]
    available: bool
    reason: str


def describe(name: str) -> BackendInfo:
    """Name, version, labels and availability (with the reason) of one backend."""
    spec = target(name)
    try:
        ext = load(name)
        ok, reason = ext.available()
        return BackendInfo(ext.name if ":" in name else name, spec, str(ext.version),
                           tuple(ext.labels), bool(ok), reason)
    except Exception as exc:  # a broken plugin is listed with its error, never fatal
        return BackendInfo(name, spec, "?", (), False, f"{type(exc).__name__}: {exc}")
