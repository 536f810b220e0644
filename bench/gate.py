"""The regression gate: compare ``results.json`` with a committed baseline.

The baseline keeps the signature of each scheme key (:class:`bench.scoring.Signature`:
numbers compare only under the same settings), and per backend its run status and,
per scheme key and per label, date type and group, the F1 and its 95% CI. A backend
has regressed when, for any
row, its F1 is below the baseline's CI lower bound, or more than ``tolerance``
(0.02) below the baseline F1; or when a backend the baseline ran now fails. A
backend that is now unavailable (a missing optional dependency) is reported but
does not fail the gate. ``bench baseline update`` rewrites the baseline on purpose.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from bench.io.atomic import write_text
from bench.io.native import read_json
from bench.problems import InputError, Problem
from bench.scoring.results import SCHEMA, check_schema

KEYS = ("strict", "strict+lenient")
BLOCKS = ("per_label", "per_date_type", "per_group")


def _read(path: Path) -> dict:
    data = read_json(path)
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), None, "top level must be a JSON object")])
    check_schema(data, str(path))
    return data


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_baseline(baseline: dict, where: str) -> None:
    """Refuse a baseline that would let the gate pass by accident: one that compares
    nothing, or whose F1s or CIs are not finite numbers in [0, 1]."""
    if "tasks" in baseline:
        tasks = baseline["tasks"]
        if not isinstance(tasks, dict) or not tasks:
            raise InputError.one(where, "a suite baseline without tasks gates nothing: write "
                                        "one with bench baseline update")
        for name, task in tasks.items():
            if not isinstance(task, dict):
                raise InputError.one(f"{where}[{name}]", "a task's baseline must be an object")
            check_baseline(task, f"{where}[{name}]")
        return
    systems = baseline.get("systems")
    if not isinstance(systems, dict) or not systems or not isinstance(
            baseline.get("statuses"), dict):
        raise InputError.one(where, "a baseline without systems gates nothing: write one with "
                                    "bench baseline update")
    for backend, keys in systems.items():
        rows = [(f"{backend}/{key}/{name}", row) for key, block in (
            keys.items() if isinstance(keys, dict) else [("?", None)])
            for name, row in (block.items() if isinstance(block, dict) else [("?", None)])]
        if not rows:
            raise InputError.one(where, "no rows: this backend gates nothing", backend)
        for name, row in rows:
            ci = row.get("f1_ci") if isinstance(row, dict) else None
            if not isinstance(row, dict) or not _number(row.get("f1")) \
                    or not 0 <= row["f1"] <= 1 or not (ci is None or (
                        isinstance(ci, list) and len(ci) == 2 and all(map(_number, ci)))):
                raise InputError.one(where, "needs an F1 in [0, 1] and a CI of two finite "
                                            f"numbers (or null), got {row!r}", name)


def check_tolerance(tolerance: float) -> float:
    """The gate's tolerance: a finite F1 difference in [0, 1]."""
    if not _number(tolerance) or not 0 <= tolerance <= 1:
        raise InputError.one("--tolerance", f"must be a number from 0 to 1, got {tolerance}")
    return tolerance


def baseline_from_results(results: dict) -> dict:
    """The part of ``results.json`` the gate compares: deterministic, no timings."""
    systems = {}
    for s in results["systems"]:
        rows = {}
        for key in KEYS:
            sc = s["scores"].get(key)
            if sc is None:
                continue
            rows[key] = {"overall": _f1(sc["overall"])}
            for block in BLOCKS:
                for name, row in sc[block].items():
                    if row["support"] or row["predicted"]:
                        rows[key][name] = _f1(row)
        systems[s["name"]] = rows
    statuses = {b["backend"]: b["status"] for b in results.get("run", {}).get("backends", [])}
    signatures = {key: sc["signature"] for s in results["systems"][:1]
                  for key, sc in s["scores"].items() if key in KEYS}
    return {"schema": SCHEMA, "version": results["version"],
            "gold_sha256": results["gold"]["sha256"],
            "signatures": signatures, "statuses": statuses, "systems": systems}


def _settings_part(signature: str) -> str:
    """A signature without the package version: what must match for numbers to compare."""
    return signature.partition("|")[2]


def _f1(row: dict) -> dict:
    return {"f1": row["f1"], "f1_ci": row["f1_ci"]}


@dataclass
class Finding:
    backend: str
    key: str
    row: str
    baseline: float | None
    current: float | None
    reason: str
    fails: bool = True


def compare(baseline: dict, current: dict, tolerance: float = 0.02,
            use_ci: bool = True) -> list[Finding]:
    findings: list[Finding] = []
    now = baseline_from_results(current)
    for backend, status in baseline["statuses"].items():
        new = now["statuses"].get(backend, "missing")
        if status == "ok" and new != "ok":
            fails = new != "unavailable"
            reason = next((b.get("reason", "") for b in current.get("run", {}).get(
                "backends", []) if b["backend"] == backend), "")
            findings.append(Finding(backend, "", "", None, None,
                                    f"was ok, now {new}: {reason}".rstrip(": "), fails))
    for backend in sorted(set(now["systems"]) - set(baseline["systems"])):
        findings.append(Finding(backend, "", "", None, None, "new: not in the baseline "
                                "(bench baseline update adds it)", fails=False))
    for key, sig in baseline.get("signatures", {}).items():
        cur = now["signatures"].get(key)
        if cur is not None and _settings_part(cur) != _settings_part(sig):
            old, new = (dict(p.split(":", 1) for p in x.split("|")) for x in (sig, cur))
            diff = ", ".join(f"{k} {old.get(k)} -> {new.get(k)}" for k in new
                             if k != "arabench" and old.get(k) != new.get(k))
            findings.append(Finding("", key, "", None, None, f"scored with other settings "
                                    f"({diff}): compare like with like, or bench baseline "
                                    "update"))
    if baseline.get("gold_sha256") != now["gold_sha256"]:
        findings.append(Finding("", "", "", None, None,
                                "the gold changed since the baseline: update it on purpose "
                                "(bench baseline update)"))
        return findings
    for backend, keys in baseline["systems"].items():
        if backend not in now["systems"]:
            continue
        for key, rows in keys.items():
            for name, base in rows.items():
                cur = now["systems"][backend].get(key, {}).get(name, {"f1": 0.0})["f1"]
                low = base["f1_ci"][0] if use_ci and base.get("f1_ci") else None
                if not _number(cur):
                    findings.append(Finding(backend, key, name, base["f1"], None,
                                            f"F1 is not a number ({cur!r})"))
                elif cur < base["f1"] - tolerance - 1e-9:
                    findings.append(Finding(backend, key, name, base["f1"], cur,
                                            f"dropped more than {tolerance:g}"))
                elif low is not None and cur < low - 1e-9:
                    findings.append(Finding(backend, key, name, base["f1"], cur,
                                            f"below the baseline's 95% CI ({low:.3f})"))
    return findings


def check(baseline_path: Path, results_path: Path, tolerance: float = 0.02,
          use_ci: bool = True, allow_skipped: bool = False) -> tuple[bool, str]:
    """(passed, readable report). A suite's ``results.json`` (several tasks) is gated task
    by task against a suite baseline (``{"tasks": {task: baseline}}``); a task of the
    baseline that was skipped fails the gate unless ``allow_skipped``."""
    check_tolerance(tolerance)
    baseline, results = _read(baseline_path), _read(results_path)
    check_baseline(baseline, str(baseline_path))
    if "tasks" in results:
        return _check_suite(baseline, baseline_path, results, results_path, tolerance, use_ci,
                            allow_skipped)
    if "tasks" in baseline:
        raise InputError.one(str(baseline_path), f"a suite baseline, but {results_path} is the "
                                                 "results of one corpus")
    findings = _compare(baseline, baseline_path, results, results_path, tolerance, use_ci)
    return _verdict(findings, str(baseline_path))


def _compare(baseline: dict, baseline_path, results: dict, results_path, tolerance: float,
             use_ci: bool) -> list[Finding]:
    try:
        return compare(baseline, results, tolerance, use_ci)
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise InputError([Problem(f"{baseline_path} / {results_path}", None,
                                  "not a baseline and a results.json of bench report "
                                  f"(missing or malformed {exc})")]) from None


def _check_suite(baseline: dict, baseline_path: Path, results: dict, results_path: Path,
                 tolerance: float, use_ci: bool, allow_skipped: bool) -> tuple[bool, str]:
    if "tasks" not in baseline:
        raise InputError.one(str(baseline_path), f"the baseline of one corpus, but "
                                                 f"{results_path} is a suite's results")
    base_tasks = baseline["tasks"]
    suite = results.get("suite", {}).get("name")
    if baseline.get("suite") not in (None, suite):
        raise InputError.one(str(baseline_path), f"the baseline of suite "
                                                 f"{baseline['suite']!r}, but {results_path} "
                                                 f"is of suite {suite!r}")
    names = [t["name"] for t in results["tasks"]]
    if not set(names) & set(base_tasks):
        raise InputError.one(str(baseline_path), f"no task in common with {results_path} "
                                                 f"(baseline: {', '.join(sorted(base_tasks))};"
                                                 f" results: {', '.join(names) or 'none'})")
    reports, passed = [], True
    for task in results["tasks"]:
        name = task["name"]
        if task["status"] != "ok":
            if name in base_tasks:
                passed &= allow_skipped
                reports.append(f"task {name}: skipped ({task.get('reason', '')}): not gated"
                               + ("" if allow_skipped else " (FAIL; --allow-skipped lets "
                                                           "a skipped task pass)"))
            continue
        if name not in base_tasks:
            reports.append(f"task {name}: new, not in the baseline (bench baseline update "
                           "adds it)")
            continue
        task_path = results_path.parent / task["results"]
        ok, report = _verdict(_compare(base_tasks[name], baseline_path, _read(task_path),
                                       task_path, tolerance, use_ci), f"{baseline_path}[{name}]")
        passed &= ok
        reports.append(f"task {name}: {report}")
    gone = sorted(set(base_tasks) - set(names))
    reports += [f"task {name}: in the baseline, not in the suite any more" for name in gone]
    if not any(t["status"] == "ok" for t in results["tasks"]):
        passed &= allow_skipped
        reports.insert(0, "no task ran: nothing was gated")
    head = "gate passed" if passed else "gate FAILED"
    return passed, head + " (per task)\n" + "\n".join(reports)


def _verdict(findings: list[Finding], baseline_name: str) -> tuple[bool, str]:
    failing = [f for f in findings if f.fails]
    if not findings:
        return True, f"gate passed: no backend got worse than {baseline_name}"
    table = tabulate([[f.backend, f.key, f.row, "—" if f.baseline is None else f"{f.baseline:.3f}",
                       "—" if f.current is None else f"{f.current:.3f}", f.reason,
                       "FAIL" if f.fails else "note"] for f in findings],
                     headers=["backend", "scheme", "row", "baseline F1", "now F1", "why", ""],
                     tablefmt="github", disable_numparse=True)
    head = "gate FAILED: " if failing else "gate passed with notes: "
    return not failing, f"{head}{len(failing)} regression(s)\n{table}"


def update(baseline_path: Path, results_path: Path) -> None:
    results = _read(results_path)
    try:
        if "tasks" in results:  # a suite: one baseline per task that ran
            data = {"schema": SCHEMA, "suite": results["suite"]["name"], "tasks": {
                t["name"]: baseline_from_results(_read(results_path.parent / t["results"]))
                for t in results["tasks"] if t["status"] == "ok"}}
        else:
            data = baseline_from_results(results)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError([Problem(str(results_path), None, "not a results.json of bench "
                                  f"report (missing or malformed {exc})")]) from None
    check_baseline(data, f"the baseline from {results_path}")  # nothing ran: nothing to keep
    write_text(baseline_path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
               + "\n")
