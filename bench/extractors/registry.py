"""Backends by name: built-ins, then plugins from the ``bench.extractors`` and
``arabench.extractors`` entry points.

A plugin package needs only an entry point, e.g. in its ``pyproject.toml``::

    [project.entry-points."arabench.extractors"]
    my-ner = "my_package.module:MyExtractor"

Either group works (``arabench.extractors`` is the name that cannot be confused with
frappe-bench's). Built-ins come first, then ``bench.extractors``, then
``arabench.extractors``, each group's names in sorted order: the first backend with a
name wins and every later one with that name is refused (``bench list`` shows it), so a
name in both groups is the ``bench.extractors`` plugin's, unless both name the same class
(a plugin declaring itself in both groups): that is one plugin.

``module:Class`` works anywhere a name does, for a class that is not packaged; the
module is looked up in the current folder first, as ``python -m`` does. So does
``KIND:ARG`` for a model (:data:`MODEL_KINDS`: ``hf:FOLDER``, ``spacy:PIPELINE``,
``llm:MODEL@URL``, ...): the kind's class made with ``ARG``; kinds come first. A plugin
with a built-in's name is refused (``bench list`` shows it), never silently used.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

from bench.extractors.base import Extractor
from bench.problems import InputError, Problem

GROUPS = ("bench.extractors", "arabench.extractors")
"""Entry-point groups of plugins, in order of precedence."""
BUILTINS = {
    "rules-time": "bench.extractors.rules_time:RulesTime",
    "gazetteer-ner": "bench.extractors.gazetteer:GazetteerNER",
    "dateparser": "bench.extractors.dateparser_backend:DateparserExtractor",
    "duckling": "bench.extractors.duckling_backend:DucklingExtractor",
    "heideltime": "bench.extractors.heideltime:HeidelTimeExtractor",
}


MODEL_KINDS = {
    "hf": ("bench.extractors.models.hf:HFTokenClassifier",
           "hf:<local model folder or hub id>[@revision]: a transformers token-classification "
           "model"),
    "spacy": ("bench.extractors.models.spacy_backend:SpacyNER",
              "spacy:<installed package or pipeline folder>: a spaCy pipeline's doc.ents"),
    "llm": ("bench.extractors.models.llm:ChatLLM",
            "llm:<model>@<base URL>: an OpenAI-compatible chat-completions server (key, if "
            "any, in BENCH_LLM_API_KEY)"),
    "stanza": ("bench.extractors.models.adapters:StanzaNER",
               "stanza:<lang or model folder>: a Stanza NER pipeline"),
    "camel": ("bench.extractors.models.adapters:CamelNER",
              "camel:<model name>: a CAMeL Tools NER model"),
    "gliner": ("bench.extractors.models.adapters:GLiNERBackend",
               "gliner:<model folder or id>: a GLiNER zero-shot tagger"),
    "sklearn-ner": ("bench.extractors.models.sklearn_ner:SklearnNER",
                    "sklearn-ner:<model folder>: a tagger trained by bench train (crf or "
                    "linear)"),
}
"""Parametrised backends, named ``KIND:ARG`` wherever a backend name is accepted."""


def kind_of(name: str) -> tuple[str, str] | None:
    """(kind, argument) of a ``KIND:ARG`` spec, or None for other names."""
    kind, sep, arg = name.partition(":")
    return (kind, arg) if sep and kind in MODEL_KINDS else None


@cache
def _plugins() -> tuple[tuple[str, str], ...]:
    """(name, ``module:Class``) of every plugin, group by group (:data:`GROUPS`); an entry
    point a plugin declares in both groups (same name, same class) is one plugin. Read
    once per process (a scan of every installed package's metadata: 0.05 s a call)."""
    out: list[tuple[str, str]] = []
    for group in GROUPS:
        earlier = set(out)
        out += [(ep.name, ep.value) for ep in sorted(entry_points(group=group),
                                                     key=lambda e: (e.name, e.value))
                if (ep.name, ep.value) not in earlier]
    return tuple(out)


def known() -> dict[str, str]:
    """Every registered backend name -> ``module:Class`` (built-ins first, then plugins)."""
    out = dict(BUILTINS)
    for name, value in _plugins():
        out.setdefault(name, value)
    return out


def refused() -> list[tuple[str, str]]:
    """(name, ``module:Class``) of plugins refused because an earlier backend has the name."""
    out, seen = [], set(BUILTINS)
    for name, value in _plugins():
        if name in seen:
            out.append((name, value))
        seen.add(name)
    return out


def _importable_from_cwd() -> None:
    """``module:Class`` resolves from the current folder, as ``python -m`` does."""
    cwd = os.getcwd()
    if "" not in sys.path and cwd not in sys.path:
        sys.path.insert(0, cwd)


def target(name: str) -> str:
    """``module:Class`` of a backend name (or of a ``module:Class`` given directly).

    An unknown name raises :class:`InputError` naming the known ones.
    """
    spec = kind_of(name)
    if spec is not None:
        if not spec[1]:
            raise InputError.one("--backend", f"give {MODEL_KINDS[spec[0]][1]}", name)
        return MODEL_KINDS[spec[0]][0]
    if ":" in name:
        module, _, attr = name.partition(":")
        if not module or not attr:
            raise InputError.one("--backend", "give module:Class with both parts", name)
        return name
    table = known()
    if name not in table:
        raise InputError.one("--backend", f"unknown backend (known: {', '.join(table)}; or "
                                          "module:Class; or KIND:ARG with KIND one of "
                                          f"{', '.join(MODEL_KINDS)}, e.g. "
                                          "sklearn-ner:models/anercorp)", name)
    return table[name]


def check_names(names: list[str]) -> list[str]:
    """``names`` checked before anything runs: each a known backend or an importable
    ``module:Class`` (the module is found, not imported); every problem at once."""
    problems = []
    for name in names:
        try:
            spec = target(name)
        except InputError as exc:
            problems += exc.problems
            continue
        kind = kind_of(name)
        if kind is not None:  # a kind may check its argument before anything runs
            module_name, _, attr = spec.partition(":")
            try:
                check = getattr(getattr(importlib.import_module(module_name), attr),
                                "check_spec", None)
            except ImportError:
                check = None
            if check is not None:
                try:
                    check(kind[1])
                except InputError as exc:
                    problems += exc.problems
        if ":" in name and kind is None:
            _importable_from_cwd()
            module = spec.partition(":")[0]
            try:
                found = importlib.util.find_spec(module) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                problems.append(Problem("--backend", name, f"no module {module!r} here or "
                                        "installed (run from the folder that holds it)"))
    if problems:
        raise InputError(problems)
    return names


def load(name: str) -> Extractor:
    """An instance of the backend; import errors name the backend."""
    spec = target(name)
    kind = kind_of(name)
    if ":" in name and kind is None:
        _importable_from_cwd()
    module_name, _, attr = spec.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ImportError(f"backend {name!r}: cannot import {spec}: {exc}") from exc
    instance = cls(kind[1]) if kind is not None else cls()
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


def describe_all() -> list[BackendInfo]:
    """Every registered backend, then every refused plugin (with the reason)."""
    table = known()
    return [describe(name) for name in table] + [
        BackendInfo(name, value, "?", (), False,
                    f"refused: plugin {value} has the name of backend {table[name]}")
        for name, value in refused()]


def describe(name: str) -> BackendInfo:
    """Name, version, labels and availability (with the reason) of one backend."""
    spec = target(name)
    try:
        ext = load(name)
        ok, reason = ext.available()
        shown = ext.name if ":" in name and kind_of(name) is None else name
        return BackendInfo(shown, spec, str(ext.version), tuple(ext.labels), bool(ok), reason)
    except Exception as exc:  # a broken plugin is listed with its error, never fatal
        return BackendInfo(name, spec, "?", (), False, f"{type(exc).__name__}: {exc}")
