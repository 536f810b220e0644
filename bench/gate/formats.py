"""The gate's verdict for people and for CI, from one :class:`~bench.gate.core.GateResult`:

* :func:`text`: what ``bench check`` prints (named columns: task, backend, label, scheme,
  baseline, now, delta, baseline CI, verdict; regressions first);
* :func:`github`: a GitHub Actions ``::error`` workflow command per failing line, naming
  the baseline file and, where it can be found, the line of the row in it; and
  :func:`step_summary`, the markdown appended to ``$GITHUB_STEP_SUMMARY``: the verdict,
  its table, and the report's leaderboards (``summary.md`` beside the results);
* :func:`junit`: JUnit XML, one test case per task x backend x row x scheme, a failure
  per regression carrying baseline, now and CI;
* :func:`json_verdict`: every line with its numbers and verdict;
* :func:`trend`: the ``customBiggerIsBetter`` list benchmark-tracking actions chart
  (name, unit, value, extra): each backend's overall and group F1 per task and scheme.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from tabulate import tabulate

from bench.gate.core import TABLE_HEADERS, Finding, GateResult, ordered, table_rows

FORMATS = ("text", "github", "junit", "json")
GROUP_ROWS = ("overall", "entities", "temporal")
"""The rows a trend series is kept for (labels would make dozens of charts)."""


def text(result: GateResult) -> str:
    return result.text


def _name(f: Finding) -> str:
    where = f" (task {f.task})" if f.task else ""
    who = f"{f.backend}, " if f.backend else ""
    return f"{who}{f.key or ''}".strip(", ") + where


def _message(f: Finding) -> str:
    if f.row:
        now = "n/a" if f.current is None else f"{f.current:.3f}"
        ci = f", baseline CI [{f.ci[0]:.3f}, {f.ci[1]:.3f}]" if f.ci else ""
        return (f"{f.row} {f.key} F1 {f.baseline:.3f} -> {now} ({f.backend}"
                + (f", task {f.task}" if f.task else "") + f"{ci}): {f.reason}")
    return f"{_name(f) or 'gate'}: {f.verdict}: {f.reason}"


def _escape(value: str, property_: bool = False) -> str:
    """GitHub's escaping of a workflow command's message (and, more, of a property)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def baseline_line(baseline: Path, f: Finding) -> int | None:
    """The line of ``f``'s row in the baseline file as ``bench baseline update`` writes it
    (sorted keys, one per line): the first line naming the row after the lines naming its
    task, backend and key; None when not found."""
    try:
        lines = baseline.read_text("utf-8").splitlines()
    except OSError:
        return None
    wanted = [x for x in (f.task, f.backend, str(f.key) if f.key else "", f.row) if x]
    at = 0
    for name in wanted:
        needle = json.dumps(name, ensure_ascii=False) + ": {"
        at = next((i for i in range(at, len(lines)) if lines[i].strip().startswith(needle)),
                  None)
        if at is None:
            return None
    return at + 1 if wanted else None


def github(result: GateResult) -> str:
    """One ``::error`` command per failing line, ``::notice`` for the others shown."""
    out = []
    baseline = Path(result.baseline)
    for f in ordered(result.findings):
        if f.verdict in ("unchanged", "improved"):
            continue
        level = "error" if f.fails else "notice"
        props = [f"file={_escape(str(baseline), True)}"]
        line = baseline_line(baseline, f)
        if line is not None:
            props.append(f"line={line}")
        title = "arabench gate: " + (f"{f.verdict} " if not f.row else "regression ") + \
            _name(f)
        props.append(f"title={_escape(title, True)}")
        out.append(f"::{level} {','.join(props)}::{_escape(_message(f))}")
    return "\n".join(out)


def _leaderboards(results: Path) -> str:
    """The leaderboard sections of the report beside ``results`` (a suite's overview, or
    one corpus's per-kind leaderboards), as markdown; "" when there is no report."""
    summary = results.parent / "summary.md"
    if not summary.is_file():
        return ""
    md = summary.read_text("utf-8")
    sections = re.split(r"(?m)^(?=## )", md)
    keep = [s for s in sections if s.startswith(("## Leaderboard", "## Overview"))]
    return "\n".join(s.replace("## ", "### ", 1) for s in keep)


def step_summary(result: GateResult) -> str:
    """The markdown of a GitHub Actions job summary."""
    failing = result.failing()
    head = (f"## arabench gate: FAILED, {len(failing)} regression(s)" if failing
            else "## arabench gate: passed")
    shown = [f for f in result.findings if f.verdict != "unchanged"]
    table = tabulate(table_rows(shown), headers=TABLE_HEADERS, tablefmt="github",
                     disable_numparse=True) if shown else "No row changed."
    return "\n\n".join(p for p in (head, f"Baseline `{result.baseline}`, results "
                                         f"`{result.results}`.", table,
                                   _leaderboards(Path(result.results))) if p) + "\n"


def junit(result: GateResult) -> str:
    """JUnit XML: a test suite per task, a test case per gated row (failing ones carry a
    failure with the numbers), and one per backend-level line that fails or notes."""
    suites: dict[str, list[Finding]] = {}
    for f in result.findings:
        suites.setdefault(f.task or "results", []).append(f)
    root = ET.Element("testsuites", name="arabench gate", tests=str(len(result.findings)),
                      failures=str(len(result.failing())))
    for task, findings in suites.items():
        suite = ET.SubElement(root, "testsuite", name=task, tests=str(len(findings)),
                              failures=str(sum(f.fails for f in findings)), errors="0",
                              skipped=str(sum(f.verdict in ("unavailable", "skipped")
                                              and not f.fails for f in findings)))
        for f in ordered(findings):
            name = f"{f.row} {f.key}" if f.row else (f"{f.key or ''} {f.verdict}").strip()
            case = ET.SubElement(suite, "testcase", classname=f"{task}.{f.backend or 'gate'}",
                                 name=name)
            if f.fails:
                ET.SubElement(case, "failure", message=_message(f),
                              type=f.verdict).text = _message(f)
            elif f.verdict in ("unavailable", "skipped"):
                ET.SubElement(case, "skipped", message=f.reason)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def json_verdict(result: GateResult) -> str:
    """Every line of the verdict with its numbers: ``{"passed", "baseline", "results",
    "findings": [{"task", "backend", "scheme", "row", "baseline", "now", "delta",
    "baseline_ci", "tolerance", "verdict", "fails", "reason"}]}``."""
    return json.dumps({
        "passed": result.passed, "baseline": result.baseline, "results": result.results,
        "findings": [{"task": f.task, "backend": f.backend, "scheme": str(f.key or ""),
                      "row": f.row, "baseline": f.baseline, "now": f.current,
                      "delta": None if f.delta is None else round(f.delta, 6),
                      "baseline_ci": list(f.ci) if f.ci else None,
                      "tolerance": f.tolerance, "verdict": f.verdict, "fails": f.fails,
                      "reason": f.reason} for f in ordered(result.findings)]},
        ensure_ascii=False, indent=1) + "\n"


def trend(result: GateResult) -> str:
    """``customBiggerIsBetter`` data: ``[{"name", "unit", "value", "extra"}]``."""
    return json.dumps([
        {"name": "/".join(x for x in (f.task, f.backend, str(f.key), f.row) if x),
         "unit": "F1", "value": round(f.current, 6),
         "extra": f"baseline {f.baseline:.3f}" + (f", CI [{f.ci[0]:.3f}, {f.ci[1]:.3f}]"
                                                  if f.ci else "") + f", {f.verdict}"}
        for f in ordered(result.findings)
        if f.row in GROUP_ROWS and f.current is not None], ensure_ascii=False, indent=1) + "\n"


WRITERS = {"text": text, "github": github, "junit": junit, "json": json_verdict}
