"""The regression gate: compare ``results.json`` with a committed baseline (the
verdicts; :mod:`bench.gate.formats` writes them for people and for CI).

The baseline keeps the signature of each scheme key (:class:`bench.scoring.Signature`:
numbers compare only under the same settings), and per backend its run status and,
per scheme key and per label, date type and group, the F1 and its 95% CI. A backend
has regressed when, for any
row, its F1 is below the baseline's CI lower bound, or more than ``tolerance``
(:data:`DEFAULT_TOLERANCE`) below the baseline F1; or when a backend the baseline ran now fails. A
backend that is now unavailable (a missing optional dependency) is reported but
does not fail the gate. ``bench baseline update`` rewrites the baseline on purpose.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

from bench.gate.tolerance import DEFAULT_TOLERANCE
from bench.io.atomic import write_text
from bench.io.native import read_json
from bench.problems import InputError, Problem
from bench.scoring.keys import GATED, CompatKey, ScoreKey, parse_key
from bench.scoring.results import SCHEMA, check_schema
from bench.scoring.settings import Signature

BLOCKS = ("per_label", "per_date_type", "per_group")


def _read(path: Path) -> dict:
    data = read_json(path)
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), None, "top level must be a JSON object")])
    check_schema(data, str(path))
    return data


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


class _Json:
    """A value of a JSON file, at ``at`` (``systems[0].scores``): typed getters that raise
    an :class:`InputError` naming the file and the key of what is missing or malformed."""

    def __init__(self, value: object, file: str, at: str = "") -> None:
        self.value, self.file, self.at = value, file, at

    def _bad(self, message: str) -> InputError:
        return InputError.one(self.file, message, self.at or None)

    def _child(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.at}[{key}]"
        return f"{self.at}.{key}" if self.at else key

    def __getitem__(self, key: str) -> _Json:
        if key not in self.object():
            raise InputError.one(self.file, "missing (not a results.json or baseline of "
                                            "arabench?)", self._child(key))
        return _Json(self.value[key], self.file, self._child(key))

    def get(self, key: str) -> _Json | None:
        return self[key] if key in self.object() else None

    def object(self) -> dict:
        if not isinstance(self.value, dict):
            raise self._bad(f"must be a JSON object, got {self.value!r}")
        return self.value

    def items(self) -> list[tuple[str, _Json]]:
        return [(key, _Json(v, self.file, self._child(key))) for key, v in self.object().items()]

    def list(self) -> list[_Json]:
        if not isinstance(self.value, list):
            raise self._bad(f"must be a list, got {self.value!r}")
        return [_Json(v, self.file, self._child(i)) for i, v in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self._bad(f"must be a string, got {self.value!r}")
        return self.value

    def number(self) -> float:
        """A number (NaN and infinities included: the gate reports them as findings)."""
        if not isinstance(self.value, (int, float)) or isinstance(self.value, bool):
            raise self._bad(f"must be a number, got {self.value!r}")
        return self.value

    def interval(self) -> tuple[float, float] | None:
        if self.value is None:
            return None
        if not isinstance(self.value, list) or len(self.value) != 2:
            raise self._bad(f"must be [low, high] or null, got {self.value!r}")
        low, high = (x.number() for x in self.list())
        return low, high

    def signature(self) -> Signature:
        try:
            return Signature.parse(self.text())
        except ValueError as exc:
            raise self._bad(str(exc)) from None

    def score_key(self, key: str) -> ScoreKey | CompatKey:
        try:
            return parse_key(key)
        except ValueError as exc:
            raise InputError.one(self.file, str(exc), self._child(key)) from None


@dataclass(frozen=True)
class F1:
    """A gated row: its F1 and 95% CI (None: no interval)."""

    f1: float
    ci: tuple[float, float] | None

    @classmethod
    def read(cls, row: _Json) -> F1:
        return cls(row["f1"].number(), row["f1_ci"].interval())

    def to_dict(self) -> dict:
        return {"f1": self.f1, "f1_ci": None if self.ci is None else list(self.ci)}


@dataclass(frozen=True)
class Snapshot:
    """What the gate compares of the results of one corpus; a baseline is one written out
    (:meth:`to_dict`), read back by :meth:`from_baseline`."""

    version: str
    gold_sha256: str | None
    signatures: dict[ScoreKey | CompatKey, Signature]
    """Of the first system's gated keys (every system is scored under the same settings)."""
    statuses: dict[str, str]
    """Run status of each backend: ok, failed, unavailable ..."""
    systems: dict[str, dict[ScoreKey | CompatKey, dict[str, F1]]]
    """Backend -> gated key -> row (``overall``, a label, date type or group) -> F1."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Why a backend did not run (results only)."""

    @classmethod
    def from_results(cls, data: dict, where: str) -> Snapshot:
        """The part of a ``results.json`` (of one corpus) the gate compares: the
        overall row and every label, date type and group row with a gold or predicted
        span, under each key of :data:`~bench.scoring.keys.GATED`; for a task scored in a
        published-scorer mode, that mode's tables instead (:func:`_compat_rows`)."""
        doc = _Json(data, where)
        compat = doc.get("compat")
        systems, signatures = (_compat_rows(compat) if compat is not None
                               else _gated_rows(doc))
        statuses: dict[str, str] = {}
        reasons: dict[str, str] = {}
        run = doc.get("run")
        backends = run.get("backends") if run is not None else None
        for backend in backends.list() if backends is not None else []:
            name = backend["backend"].text()
            statuses[name] = backend["status"].text()
            reason = backend.get("reason")
            reasons.setdefault(name, reason.text() if reason is not None else "")
        return cls(doc["version"].text(), doc["gold"]["sha256"].text(), signatures, statuses,
                   systems, reasons)

    @classmethod
    def from_baseline(cls, data: dict, where: str) -> Snapshot:
        """A baseline of one corpus, checked by :func:`check_baseline`."""
        check_baseline(data, where)
        doc = _Json(data, where)
        gold = doc.get("gold_sha256")
        version = doc.get("version")
        signatures = doc.get("signatures")
        return cls(
            version.text() if version else "", gold.text() if gold else None,
            {signatures.score_key(key): sig.signature() for key, sig in signatures.items()}
            if signatures else {},
            {name: status.text() for name, status in doc["statuses"].items()},
            {backend: {keys.score_key(key): {name: F1.read(row) for name, row in rows.items()}
                       for key, rows in keys.items()}
             for backend, keys in doc["systems"].items()})

    def to_dict(self) -> dict:
        """The baseline file's content."""
        return {"schema": SCHEMA, "version": self.version, "gold_sha256": self.gold_sha256,
                "signatures": {str(k): str(sig) for k, sig in self.signatures.items()},
                "statuses": self.statuses,
                "systems": {backend: {str(k): {name: f1.to_dict() for name, f1 in rows.items()}
                                      for k, rows in keys.items()}
                            for backend, keys in self.systems.items()}}


def _gated_rows(doc: _Json) -> tuple[dict, dict]:
    """Per system, the rows of each key of :data:`GATED`; the first system's signatures."""
    systems: dict[str, dict[ScoreKey | CompatKey, dict[str, F1]]] = {}
    signatures: dict[ScoreKey | CompatKey, Signature] = {}
    for number, system in enumerate(doc["systems"].list()):
        rows: dict[ScoreKey | CompatKey, dict[str, F1]] = {}
        for key in GATED:
            scores = system["scores"].get(str(key))
            if scores is None:
                continue
            if number == 0:
                signatures[key] = scores["signature"].signature()
            rows[key] = {"overall": F1.read(scores["overall"])}
            for block in BLOCKS:
                for name, row in scores[block].items():
                    if row["support"].number() or row["predicted"].number():
                        rows[key][name] = F1.read(row)
        systems[system["name"].text()] = rows
    return systems, signatures


def _compat_rows(compat: _Json) -> tuple[dict, dict]:
    """A task scored in a published-scorer mode is gated on that mode's tables: the
    headline F1 as ``overall`` and each label's F1 (no intervals: the mode has none)."""
    systems: dict[str, dict[ScoreKey | CompatKey, dict[str, F1]]] = {}
    signatures: dict[ScoreKey | CompatKey, Signature] = {}
    mode = compat["compat"].text()
    for number, system in enumerate(compat["systems"].list()):
        rows: dict[ScoreKey | CompatKey, dict[str, F1]] = {}
        for name, table in system["tables"].items():
            key = CompatKey(mode, name)
            if number == 0:
                signatures[key] = table["signature"].signature()
            rows[key] = {"overall": F1(table["f1"].number(), None)}
            for label, row in table["per_label"].items():
                if row["support"].number() or row["predicted"].number():
                    rows[key][label] = F1(row["f1"].number(), None)
        systems[system["name"].text()] = rows
    return systems, signatures


def check_baseline(baseline: dict, where: str) -> None:
    """Refuse a baseline that would let the gate pass by accident: one that compares
    nothing, or whose F1s or CIs are not finite numbers in [0, 1] (problems name the file
    and the key, as every reading of the gate does)."""
    doc = _Json(baseline, where)
    if "tasks" in baseline:
        tasks = doc["tasks"].items()
        if not tasks:
            raise InputError.one(where, "a suite baseline without tasks gates nothing: write "
                                        "one with bench baseline update")
        for name, task in tasks:
            check_baseline(task.object(), f"{where}[{name}]")
        return
    systems = doc.get("systems")
    if systems is None or not systems.object() or doc.get("statuses") is None:
        raise InputError.one(where, "a baseline without systems gates nothing: write one with "
                                    "bench baseline update")
    doc["statuses"].object()
    for backend, keys in systems.items():
        rows = [row for _, block in keys.items() for _, row in block.items()]
        if not rows:
            raise InputError.one(where, "no rows: this backend gates nothing", backend)
        for row in rows:
            f1 = F1.read(row)
            if not (_number(f1.f1) and 0 <= f1.f1 <= 1) or (
                    f1.ci is not None and not all(map(_number, f1.ci))):
                raise row._bad("needs an F1 in [0, 1] and a CI of two finite numbers (or "
                               f"null), got {row.value!r}")


def check_tolerance(tolerance: float) -> float:
    """The gate's tolerance: a finite F1 difference in [0, 1]."""
    if not _number(tolerance) or not 0 <= tolerance <= 1:
        raise InputError.one("--tolerance", f"must be a number from 0 to 1, got {tolerance}")
    return tolerance


def baseline_from_results(results: dict, where: str = "results.json") -> dict:
    """The part of ``results.json`` the gate compares: deterministic, no timings."""
    return Snapshot.from_results(results, where).to_dict()


def _settings_changes(old: Signature, new: Signature) -> list[str] | None:
    """None when ``old`` and ``new`` name the same settings (the package version aside);
    else each part of ``new`` that changed, ``tag old -> new``."""
    before, after = old.parts(), new.parts()
    del before["arabench"], after["arabench"]
    if before == after:
        return None
    tags = list(after) + [tag for tag in before if tag not in after]
    return [f"{tag} {before.get(tag, 'absent')} -> {after.get(tag, 'absent')}" for tag in tags
            if before.get(tag) != after.get(tag)]


VERDICTS = ("regression", "failed", "settings", "gold", "skipped", "improved", "new",
            "unavailable", "new task", "missing task", "unchanged")
"""Every verdict of a gate line, in the order reports list them: what fails first, then
improvements, then backends and tasks that came or went, then the rows that held."""


@dataclass
class Finding:
    """One line of the gate's verdict: a gated row compared (``key`` and ``row`` set), or
    a backend, task or settings change (``row`` empty)."""

    backend: str
    key: ScoreKey | CompatKey | None
    row: str
    baseline: float | None
    current: float | None
    reason: str
    fails: bool = True
    verdict: str = "regression"
    """One of :data:`VERDICTS`."""
    ci: tuple[float, float] | None = None
    """The baseline's 95% CI of the row."""
    tolerance: float | None = None
    task: str = ""

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None or not _number(self.current):
            return None
        return self.current - self.baseline


def compare(baseline: Snapshot, now: Snapshot, tolerance: float = DEFAULT_TOLERANCE,
            use_ci: bool = True, tolerances: dict[str, float] | None = None) -> list[Finding]:
    """Every row of ``baseline`` compared with ``now`` (``regression``, ``improved`` or
    ``unchanged``), and every way the run differs: a backend that failed or is missing
    now, a new one, other settings, another gold. ``tolerances``: set by a suite file, by
    row name (a label, group, ``overall``) or ``*`` for every row of the task; such a
    tolerance is the row's whole rule (its drop may reach it whatever the baseline's CI),
    other rows fail below the CI or beyond ``tolerance``."""
    tolerances = tolerances or {}
    findings: list[Finding] = []
    for backend, status in baseline.statuses.items():
        new = now.statuses.get(backend, "missing")
        if status == "ok" and new != "ok":
            reason = now.reasons.get(backend, "")
            findings.append(Finding(backend, None, "", None, None,
                                    f"was ok, now {new}: {reason}".rstrip(": "),
                                    fails=new != "unavailable",
                                    verdict="unavailable" if new == "unavailable"
                                    else "failed"))
    for backend in sorted(set(now.systems) - set(baseline.systems)):
        findings.append(Finding(backend, None, "", None, None, "not in the baseline "
                                "(bench baseline update adds it)", fails=False, verdict="new"))
    for key, sig in baseline.signatures.items():
        cur = now.signatures.get(key)
        changes = None if cur is None else _settings_changes(sig, cur)
        if changes is not None:
            findings.append(Finding("", key, "", None, None, f"scored with other settings "
                                    f"({', '.join(changes)}): compare like with like, or "
                                    "bench baseline update", verdict="settings"))
    if baseline.gold_sha256 != now.gold_sha256:
        findings.append(Finding("", None, "", None, None,
                                "the gold changed since the baseline: update it on purpose "
                                "(bench baseline update)", verdict="gold"))
        return findings
    for backend, keys in baseline.systems.items():
        if backend not in now.systems:
            continue
        for key, rows in keys.items():
            for name, base in rows.items():
                cur = now.systems[backend].get(key, {}).get(name, F1(0.0, None)).f1
                explicit = name in tolerances or "*" in tolerances
                tol = tolerances.get(name, tolerances.get("*", tolerance))
                low = base.ci[0] if use_ci and base.ci and not explicit else None
                line = Finding(backend, key, name, base.f1, cur, "", ci=base.ci, tolerance=tol)
                if not _number(cur):
                    line.current, line.reason = None, f"F1 is not a number ({cur!r})"
                elif cur < base.f1 - tol - 1e-9:
                    line.reason = f"dropped more than {tol:g}"
                elif low is not None and cur < low - 1e-9:
                    line.reason = f"below the baseline's 95% CI ({low:.3f})"
                else:
                    line.fails = False
                    line.verdict = "improved" if cur > base.f1 + 1e-9 else "unchanged"
                findings.append(line)
    return findings


@dataclass
class GateResult:
    """The gate's verdict on a results file: every :class:`Finding` (of every task), and
    the readable report ``text`` (what ``bench check`` prints)."""

    passed: bool
    findings: list[Finding]
    text: str
    baseline: str
    results: str

    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.fails]


def check(baseline_path: Path, results_path: Path, tolerance: float = DEFAULT_TOLERANCE,
          use_ci: bool = True, allow_skipped: bool = False) -> tuple[bool, str]:
    """(passed, readable report) of :func:`gate`."""
    result = gate(baseline_path, results_path, tolerance, use_ci, allow_skipped)
    return result.passed, result.text


def _task_tolerances(results: dict, tolerance: float) -> tuple[float, dict[str, float]]:
    """``tolerance`` and the tolerances a suite file sets for the task (its ``task``
    provenance): per row, and ``*`` for the task's own."""
    task = results.get("task") if isinstance(results.get("task"), dict) else {}
    per = {k: v for k, v in (task.get("tolerances") or {}).items() if _number(v)}
    if _number(task.get("tolerance")):
        per["*"] = task["tolerance"]
    return tolerance, per


def gate(baseline_path: Path, results_path: Path, tolerance: float = DEFAULT_TOLERANCE,
         use_ci: bool = True, allow_skipped: bool = False, baseline: dict | None = None
         ) -> GateResult:
    """The verdict on ``results_path`` against the baseline. A suite's ``results.json``
    (several tasks) is gated task by task against a suite baseline (``{"tasks": {task:
    baseline}}``), each task with the tolerances its suite file sets; a task of the
    baseline that was skipped fails the gate unless ``allow_skipped``. Malformed files
    raise an :class:`InputError` naming the file and the key. ``baseline``: its content
    already read (:func:`bench.gate.diff` passes one made from results)."""
    check_tolerance(tolerance)
    baseline = _read(baseline_path) if baseline is None else baseline
    results = _read(results_path)
    check_baseline(baseline, str(baseline_path))
    if "tasks" in results:
        return _check_suite(baseline, baseline_path, results, results_path, tolerance, use_ci,
                            allow_skipped)
    if "tasks" in baseline:
        raise InputError.one(str(baseline_path), f"a suite baseline, but {results_path} is the "
                                                 "results of one corpus")
    own, per = _task_tolerances(results, tolerance)
    findings = compare(Snapshot.from_baseline(baseline, str(baseline_path)),
                       Snapshot.from_results(results, str(results_path)), own, use_ci, per)
    passed, text = _verdict(findings, str(baseline_path))
    return GateResult(passed, findings, text, str(baseline_path), str(results_path))


@dataclass(frozen=True)
class _Task:
    """A task of a suite's ``results.json``: its results file when it ran."""

    name: str
    status: str
    reason: str
    results: str | None
    optional: bool = False
    """Skipped, it does not fail the gate (a suite task of texts kept elsewhere)."""

    @classmethod
    def read(cls, task: _Json) -> _Task:
        reason, results = task.get("reason"), task.get("results")
        status = task["status"].text()
        return cls(task["name"].text(), status, reason.text() if reason is not None else "",
                   task["results"].text() if status == "ok" else
                   results.text() if results is not None else None,
                   task.get("optional") is not None and task["optional"].value is True)


def _suite_tasks(results: dict, where: str) -> tuple[str | None, list[_Task]]:
    """The suite name (None if not given) and the tasks of a suite's ``results.json``."""
    doc = _Json(results, where)
    suite = doc.get("suite")
    name = suite.get("name") if suite is not None else None
    return (name.text() if name is not None else None,
            [_Task.read(task) for task in doc["tasks"].list()])


def _check_suite(baseline: dict, baseline_path: Path, results: dict, results_path: Path,
                 tolerance: float, use_ci: bool, allow_skipped: bool) -> GateResult:
    if "tasks" not in baseline:
        raise InputError.one(str(baseline_path), f"the baseline of one corpus, but "
                                                 f"{results_path} is a suite's results")
    base_tasks = baseline["tasks"]
    suite, tasks = _suite_tasks(results, str(results_path))
    if baseline.get("suite") not in (None, suite):
        raise InputError.one(str(baseline_path), f"the baseline of suite "
                                                 f"{baseline['suite']!r}, but {results_path} "
                                                 f"is of suite {suite!r}")
    names = [t.name for t in tasks]
    if not set(names) & set(base_tasks):
        raise InputError.one(str(baseline_path), f"no task in common with {results_path} "
                                                 f"(baseline: {', '.join(sorted(base_tasks))};"
                                                 f" results: {', '.join(names) or 'none'})")
    reports, passed, every = [], True, []
    for task in tasks:
        if task.status != "ok":
            if task.name in base_tasks:
                lets = allow_skipped or task.optional
                passed &= lets
                every.append(Finding("", None, "", None, None, f"skipped: {task.reason}",
                                     fails=not lets, verdict="skipped", task=task.name))
                reports.append(f"task {task.name}: skipped ({task.reason}): not gated"
                               + (" (an optional task)" if task.optional and not allow_skipped
                                  else "" if lets else " (FAIL; --allow-skipped lets a "
                                                       "skipped task pass)"))
            continue
        if task.name not in base_tasks:
            every.append(Finding("", None, "", None, None, "not in the baseline",
                                 fails=False, verdict="new task", task=task.name))
            reports.append(f"task {task.name}: new, not in the baseline (bench baseline update "
                           "adds it)")
            continue
        task_path = results_path.parent / task.results
        where = f"{baseline_path}[{task.name}]"
        task_results = _read(task_path)
        own, per = _task_tolerances(task_results, tolerance)
        findings = compare(Snapshot.from_baseline(base_tasks[task.name], where),
                           Snapshot.from_results(task_results, str(task_path)),
                           own, use_ci, per)
        for f in findings:
            f.task = task.name
        every += findings
        ok, report = _verdict(findings, where)
        passed &= ok
        reports.append(f"task {task.name}: {report}")
    gone = sorted(set(base_tasks) - set(names))
    reports += [f"task {name}: in the baseline, not in the suite any more" for name in gone]
    every += [Finding("", None, "", None, None, "in the baseline, not in the suite any more",
                      fails=False, verdict="missing task", task=name) for name in gone]
    if not any(t.status == "ok" for t in tasks):
        passed &= allow_skipped or all(t.optional for t in tasks)
        reports.insert(0, "no task ran: nothing was gated")
    head = "gate passed" if passed else "gate FAILED"
    return GateResult(passed, every, head + " (per task)\n" + "\n".join(reports),
                      str(baseline_path), str(results_path))


def ordered(findings: list[Finding]) -> list[Finding]:
    """Regressions first, then improvements, then backends and tasks that came or went
    (:data:`VERDICTS` order), then by task, backend, key and row."""
    return sorted(findings, key=lambda f: (VERDICTS.index(f.verdict), f.task, f.backend,
                                           str(f.key or ""), f.row))


def _cell(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def table_rows(findings: list[Finding]) -> list[list[str]]:
    """The named columns of the text table (and the step summary)."""
    return [[f.task, f.backend or "—", f.row or "—", str(f.key) if f.key else "—",
             _cell(f.baseline), _cell(f.current),
             "—" if f.delta is None else f"{f.delta:+.3f}",
             f"[{f.ci[0]:.2f}–{f.ci[1]:.2f}]" if f.ci else "—",
             ("FAIL: " if f.fails else "") + f.verdict + (f": {f.reason}" if f.reason else "")]
            for f in ordered(findings)]


TABLE_HEADERS = ["task", "backend", "label", "scheme", "baseline", "now", "delta",
                 "baseline CI", "verdict"]


def _verdict(findings: list[Finding], baseline_name: str) -> tuple[bool, str]:
    failing = [f for f in findings if f.fails]
    shown = [f for f in findings if f.verdict != "unchanged"]
    notes = [f for f in shown if not f.fails and f.verdict != "improved"]
    rows = [r[1:] for r in table_rows(shown)]  # one task: no task column
    table = tabulate(rows, headers=TABLE_HEADERS[1:], tablefmt="github",
                     disable_numparse=True) if rows else ""
    if not failing and not notes:
        head = f"gate passed: no backend got worse than {baseline_name}"
        return True, head + (f"\n{table}" if table else "")
    head = "gate FAILED: " if failing else "gate passed with notes: "
    return not failing, f"{head}{len(failing)} regression(s)\n{table}"


def baseline_of(results_path: Path) -> dict:
    """The baseline ``bench baseline update`` would write from ``results_path``."""
    results = _read(results_path)
    if "tasks" in results:  # a suite: one baseline per task that ran
        suite, tasks = _suite_tasks(results, str(results_path))
        if suite is None:
            raise InputError.one(str(results_path), "missing (not a results.json of bench "
                                                    "suite run?)", "suite.name")
        data = {"schema": SCHEMA, "suite": suite, "tasks": {
            t.name: baseline_from_results(_read(path := results_path.parent / t.results),
                                          str(path))
            for t in tasks if t.status == "ok"}}
    else:
        data = baseline_from_results(results, str(results_path))
    check_baseline(data, f"the baseline from {results_path}")  # nothing ran: nothing to keep
    return data


def update(baseline_path: Path, results_path: Path) -> None:
    data = baseline_of(results_path)
    write_text(baseline_path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
               + "\n")


def diff(old: Path, new: Path, tolerance: float = DEFAULT_TOLERANCE, use_ci: bool = True
         ) -> GateResult:
    """Two results files compared as the gate compares results with a baseline made from
    ``old``: every row's change, a drop beyond ``tolerance`` or below ``old``'s CI failing."""
    return gate(old, new, tolerance, use_ci, allow_skipped=True, baseline=baseline_of(old))
