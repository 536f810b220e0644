"""Benchmark suites: TOML files naming tasks, each a corpus to run every fitting backend on.

A suite (documented in the README, shipped: ``suites/seed.toml``, ``suites/arabic-dev.toml``)::

    name = "arabic-dev"                  # required
    description = "..."                  # optional
    backends = ["rules-time", "..."]     # optional: default every available backend

    [[tasks]]
    name = "anercorp"                    # required, unique, [A-Za-z0-9._-]
    corpus = "conll:../shared/corpora/anercorp/ANERCorp.train"   # FMT:PATH, or hf:ID
    kind = "entities"                    # entities, temporal, values, or a list of them
    labels = "anercorp"                  # optional label mapping (built-in name or file)
    nesting = "outer"                    # optional, CoNLL: all (default), outer, inner, N
    revision = "..."; split = "test"     # hf:ID only: a pinned dataset revision and split
    schemes = ["strict", "type"]         # optional (default: all four)
    unit = "auto"                        # optional resampling unit
    compat = "seqeval"                   # optional: also score as a published scorer does,
                                         # and gate on that (docs/compat.md)
    in_domain = ["duckling"]             # optional: backends made from or tuned on this
                                         # corpus: flagged, left out of the suite ranking
    optional = true                      # optional: texts kept outside the repository; when
                                         # absent the task is skipped and the gate passes
    tolerance = 0.05                     # optional: the gate's F1 tolerance for this task
    tolerances = {PERSON = 0.1}          # optional: per label, group or "overall"
    dct = "2021-07-26"                   # optional date for documents without one
    silver = true                        # optional: the reference was not hand-checked
    train = "conll:..."                  # optional: a training corpus for sklearn-ner
    holdout = 0.1                        # optional: score on the last tenth of the corpus's
                                         # sentences; train sklearn-ner on the rest

Relative paths are relative to the suite file. Every problem is reported at once as
``suite.toml: tasks[2].kind: problem`` (an :class:`~bench.problems.InputError`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bench.io.conll import check_nesting
from bench.io.formats import split_spec
from bench.labels import NAMES as LABEL_NAMES
from bench.model import ENTITY_LABELS, TEMPORAL_LABELS, dct_problem
from bench.problems import InputError, Problem
from bench.scoring.keys import COMPAT_MODES
from bench.scoring.settings import SCHEMES, UNITS

TASK_KINDS = {"entities": ENTITY_LABELS, "temporal": TEMPORAL_LABELS, "values": TEMPORAL_LABELS}
"""A task's kinds, and the labels a backend must declare one of to be run on it."""
SUITE_KEYS = ("name", "description", "backends", "tasks")
TASK_KEYS = ("name", "description", "corpus", "kind", "labels", "nesting", "revision", "split",
             "schemes", "unit", "dct", "silver", "train", "holdout", "compat",
             "in_domain", "tolerance", "tolerances", "optional")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Task:
    name: str
    corpus: str
    """``FMT:PATH`` with the path resolved against the suite file, or ``hf:ID``."""
    kinds: tuple[str, ...]
    labels: str | None = None
    revision: str | None = None
    split: str | None = None
    schemes: tuple[str, ...] = SCHEMES
    unit: str = "auto"
    dct: str | None = None
    silver: bool = False
    train: str | None = None
    """A corpus to train ``sklearn-ner`` on (scored on the task's corpus only)."""
    holdout: float | None = None
    """Score every backend on the last ``holdout`` of the corpus's sentences only; train
    ``sklearn-ner`` on the rest (when no ``train`` is given)."""
    description: str = ""
    nesting: str | None = None
    """CoNLL corpora with several tag columns: all (default), outer, inner or N."""
    compat: str = ""
    """A published-scorer mode (:data:`bench.scoring.keys.COMPAT_MODES`) the task is also
    scored in; the gate then compares that mode's tables."""
    in_domain: tuple[str, ...] = ()
    """Backends made from or tuned on this corpus (Duckling on its own examples): their
    scores are flagged and left out of the suite's ranking, as every score on a silver
    task is, and the learned baseline's on a task it was trained for (``holdout``)."""

    tolerance: float | None = None
    """The gate's F1 tolerance for this task (None: ``bench check --tolerance``)."""
    optional: bool = False
    """A task whose corpus may be absent (texts kept outside the repository): skipped, it
    does not fail the gate."""
    tolerances: tuple[tuple[str, float], ...] = ()
    """Per row (a label, group or ``overall``), a tolerance of its own."""

    def flag(self, backend: str) -> str:
        """Why ``backend``'s score on this task is left out of the suite ranking ("": it
        is not)."""
        if self.silver:
            return "silver reference"
        if backend in self.in_domain or (
                (self.holdout or self.train) and backend.startswith("sklearn-ner:")):
            return "in-domain"
        return ""

    @property
    def hub(self) -> bool:
        """A Hugging Face dataset id (with a pinned revision), not a local path."""
        return self.revision is not None

    def missing(self) -> str | None:
        """Why the task cannot run here (its corpus is absent), or None."""
        if self.hub:
            return None
        fmt, path = split_spec(self.corpus)
        if not path.exists():
            return f"corpus {path} not found"
        if fmt == "native" and path.is_dir():
            from bench.io.native import missing_texts

            return missing_texts(path)
        return None

    def main_row(self) -> str:
        """The name of the row whose F1 is the task's main score in the overview (its value,
        :func:`bench.report.overview.main_value`): ``values`` (value F1) for values
        tasks, the ``entities`` or ``temporal`` group (strict F1) for single-kind tasks,
        else ``overall`` (strict F1). Recorded as ``main_score`` in results.json."""
        if self.kinds == ("values",):
            return "values"
        if len(self.kinds) == 1:
            return self.kinds[0]
        return "overall"

    def runs_on(self, labels: tuple[str, ...]) -> bool:
        """Whether a backend declaring ``labels`` can do this task."""
        return any(set(labels) & set(TASK_KINDS[k]) for k in self.kinds)


@dataclass(frozen=True)
class Suite:
    name: str
    path: Path
    sha256: str
    tasks: tuple[Task, ...]
    backends: tuple[str, ...] | None = None
    description: str = ""
    problems: list[Problem] = field(default_factory=list, compare=False)


def load_suite(path: str | Path) -> Suite:
    """A validated suite; every problem named by file and key (``InputError``)."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputError.one(where, "no such suite file")
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError.one(where, f"not UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError.one(where, f"invalid TOML: {exc}") from None
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(where, key, message))

    for key in data:
        if key not in SUITE_KEYS:
            bad(key, f"unknown key (known: {', '.join(SUITE_KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        bad("name", "required: a name of letters, digits, '.', '_' or '-'")
    backends = data.get("backends")
    if backends is not None:
        if not (isinstance(backends, list) and backends and
                all(isinstance(b, str) for b in backends)):
            bad("backends", "must be a list of backend names")
            backends = None
        else:
            from bench.extractors.registry import check_names

            try:
                check_names(backends)
            except InputError as exc:
                problems += [Problem(where, f"backends: {p.item}", p.message)
                             for p in exc.problems]
    raw_tasks = data.get("tasks")
    tasks: list[Task] = []
    if not isinstance(raw_tasks, list) or not raw_tasks:
        bad("tasks", "required: at least one [[tasks]] table")
        raw_tasks = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw_tasks):
        task_name = item.get("name") if isinstance(item, dict) else None
        if isinstance(task_name, str) and task_name in seen:
            bad(f"tasks[{i}].name", f"{task_name!r} is also the name of tasks[{seen[task_name]}]")
            continue
        if isinstance(task_name, str):
            seen[task_name] = i
        task = _task(item, f"tasks[{i}]", path.parent, where, problems)
        if task is not None:
            tasks.append(task)
    if problems:
        raise InputError(problems)
    return Suite(name, path, hashlib.sha256(raw).hexdigest(), tuple(tasks),
                 tuple(backends) if backends else None, data.get("description", ""))


def _task(item: object, at: str, root: Path, where: str, problems: list[Problem]
          ) -> Task | None:
    """One task, or None when it has problems (added to ``problems``)."""
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(Problem(where, key, message))

    if not isinstance(item, dict):
        bad(at, "must be a table ([[tasks]])")
        return None
    for key in item:
        if key not in TASK_KEYS:
            bad(f"{at}.{key}", f"unknown key (known: {', '.join(TASK_KEYS)})")

    def text(key: str, required: bool = False) -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                bad(f"{at}.{key}", "required")
            return None
        if not isinstance(value, str) or not value:
            bad(f"{at}.{key}", f"must be a non-empty string, got {value!r}")
            return None
        return value

    name = text("name", required=True)
    if name is not None and not _NAME.fullmatch(name):
        bad(f"{at}.name", f"{name!r}: use letters, digits, '.', '_' or '-'")
    kinds = item.get("kind")
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds) if isinstance(kinds, list) \
        else None
    if not kinds or any(not isinstance(k, str) or k not in TASK_KINDS for k in kinds):
        bad(f"{at}.kind", f"required: one of {', '.join(TASK_KINDS)}, or a list of them; got "
                          f"{item.get('kind')!r}")
    revision, split = text("revision"), text("split")
    corpus = _corpus(text("corpus", required=True), revision, split, root, f"{at}.corpus", bad)
    train = _corpus(text("train"), None, None, root, f"{at}.train", bad)
    holdout = item.get("holdout")
    if holdout is not None and not (isinstance(holdout, float) and 0 < holdout < 1):
        bad(f"{at}.holdout", f"a fraction between 0 and 1 (0.1: the last tenth); got "
                             f"{holdout!r}")
    labels = text("labels")
    if labels is not None and labels not in LABEL_NAMES:
        mapping = root / labels
        if not mapping.is_file():
            bad(f"{at}.labels", f"no such label mapping {labels!r} (built-in: "
                                f"{', '.join(LABEL_NAMES)}; or a file beside the suite)")
        labels = str(mapping)
    schemes = item.get("schemes", list(SCHEMES))
    if not (isinstance(schemes, list) and "strict" in schemes
            and all(s in SCHEMES for s in schemes)):
        bad(f"{at}.schemes", f"a list of {', '.join(SCHEMES)} with strict in it (leaderboards "
                             f"and the gate use it); got {schemes!r}")
    unit = item.get("unit", "auto")
    if unit not in UNITS:
        bad(f"{at}.unit", f"one of {', '.join(UNITS)}; got {unit!r}")
    dct = text("dct")
    if (why := dct_problem(dct)) is not None:
        bad(f"{at}.dct", why)
    silver = item.get("silver", False)
    if not isinstance(silver, bool):
        bad(f"{at}.silver", f"true or false; got {silver!r}")
    description = item.get("description", "")
    nesting = text("nesting")
    try:
        check_nesting(nesting)  # the rule of --nesting
    except InputError as exc:
        bad(f"{at}.nesting", exc.problems[0].message)
    in_domain = item.get("in_domain", [])
    if not (isinstance(in_domain, list) and all(isinstance(b, str) for b in in_domain)):
        bad(f"{at}.in_domain", f"a list of backend names; got {in_domain!r}")
        in_domain = []
    tolerance = item.get("tolerance")
    if tolerance is not None and not _fraction(tolerance):
        bad(f"{at}.tolerance", f"a number from 0 to 1; got {tolerance!r}")
    tolerances = item.get("tolerances", {})
    if not (isinstance(tolerances, dict) and all(
            isinstance(k, str) and _fraction(v) for k, v in tolerances.items())):
        bad(f"{at}.tolerances", f"a table of row names (labels, groups, overall) to numbers "
                                f"from 0 to 1; got {tolerances!r}")
        tolerances = {}
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        bad(f"{at}.optional", f"true or false; got {optional!r}")
    compat = item.get("compat", "")
    if not isinstance(compat, str) or (compat and compat not in COMPAT_MODES):
        bad(f"{at}.compat", f"one of {', '.join(COMPAT_MODES)}; got {compat!r}")
    if len(problems) != before or name is None or corpus is None or not kinds:
        return None
    return Task(name, corpus, kinds, labels, revision, split, tuple(schemes), unit, dct,
                silver, train, holdout, str(description), nesting, compat, tuple(in_domain),
                tolerance=tolerance, tolerances=tuple(sorted(tolerances.items())),
                optional=optional is True)


def _fraction(x: object) -> bool:
    """A finite number from 0 to 1 (not a bool)."""
    return isinstance(x, int | float) and not isinstance(x, bool) and 0 <= x <= 1


def _corpus(spec: str | None, revision: str | None, split: str | None, root: Path, at: str,
            bad) -> str | None:
    """``FMT:PATH`` with the path resolved against the suite's folder; ``hf:ID`` with a
    ``revision`` stays an id (a Hugging Face dataset)."""
    if spec is None:
        return None
    try:
        fmt, path = split_spec(spec)  # the one FMT:PATH rule
    except InputError as exc:
        bad(at, exc.problems[0].message)
        return None
    if revision is not None or split is not None:
        if fmt != "hf" or revision is None or split is None:
            bad(at, "a Hugging Face dataset is hf:ID with both revision and split "
                    "(pinned); other corpora take neither")
            return None
        return spec
    return f"{fmt}:{path if path.is_absolute() else os.path.normpath(root / path)}"
