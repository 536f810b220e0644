"""Prediction sets of ``bench score``: their names and the labels each is scored on."""

from __future__ import annotations

import sys

from bench.io.formats import split_spec
from bench.problems import InputError


def system_names(paths: list[str], given: list[str] | None) -> list[str]:
    """``--name`` of each prediction set, else its file or folder name; distinct."""
    names = given or [path.stem if path.is_file() else path.resolve().name
                      for path in (split_spec(p)[1] for p in paths)]
    if len(names) != len(paths):
        raise InputError.one("--name", f"give one --name per prediction set ({len(paths)} "
                                       f"PRED, {len(names)} --name)")
    if len(set(names)) != len(names):
        raise InputError.one("--name", f"prediction sets need distinct names, got {names}")
    return names


def label_scopes(names: list[str], paths: list[str], given: list[str] | None
                 ) -> dict[str, tuple[str, ...] | None]:
    """Labels each prediction set is scored on: ``--labels-of``, else its run manifest."""
    from bench.extractors.record import declared_labels

    scopes: dict[str, tuple[str, ...] | None] = {}
    for i, (name, path) in enumerate(zip(names, paths, strict=True)):
        if given:
            labels = tuple(x for x in given[i].split(",") if x)
            scopes[name] = None if given[i] == "all" else labels
            if not labels:
                raise InputError.one("--labels-of", "give labels separated by commas, or all",
                                     given[i])
        else:
            scopes[name] = declared_labels(split_spec(path)[1])
            if scopes[name] is None:
                print(f"{name}: no run manifest beside {path} and no --labels-of: scored on "
                      "every gold label", file=sys.stderr)
    return scopes


def known_scopes(scopes: dict[str, tuple[str, ...] | None], given: list[str] | None,
                 gold_labels) -> None:
    """``--labels-of`` names labels of the gold or canonical ones: a typo (``LCO``) would
    silently score a system on nothing."""
    from bench.model import LABELS

    known = set(LABELS) | {label for label in gold_labels if label is not None}
    unknown = sorted({label for scope in (scopes.values() if given else ()) if scope
                      for label in scope} - known)
    if unknown:
        raise InputError.one("--labels-of", f"unknown label(s) {', '.join(unknown)} (known: "
                                            f"{', '.join(sorted(known))})")
