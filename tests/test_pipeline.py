"""make bench in miniature: run, report, gate; determinism of the reports."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from bench.cli import main
from bench.extractors.registry import describe
from bench.extractors.runner import run
from bench.gate import check, update
from bench.loader import load_corpus
from bench.pipeline import benchmark, write_reports

BACKENDS = ["rules-time", "gazetteer-ner", "toy_backends:Raises"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    pytest.importorskip("matplotlib")
    for name in BACKENDS[:2]:
        info = describe(name)
        if not info.available:
            pytest.skip(f"{name}: {info.reason}")
    run(BACKENDS, load_corpus(ROOT), out / "runs", timeout=60, progress=False)
    bench = benchmark(str(ROOT), out / "runs", resamples=200, trials=200)
    write_reports(bench, out)
    return out


def test_reports_are_written(reports):
    for name in ("results.json", "summary.md", "index.html", "errors/rules-time.md",
                 "errors/gazetteer-ner.md"):
        assert (reports / name).exists(), name
    summary = (reports / "summary.md").read_text("utf-8")
    assert "## Leaderboard: strict matching" in summary and "(a) rules-time" in summary
    assert "RuntimeError: model exploded" in summary  # the failed backend and its reason
    assert "## Timings" in summary
    results = json.loads((reports / "results.json").read_text("utf-8"))
    assert {"systems", "comparisons", "run", "timings", "gold"} <= set(results)
    errors = (reports / "errors" / "gazetteer-ner.md").read_text("utf-8")
    assert "## Misses" in errors and "واشنطن" in errors
    page = (reports / "index.html").read_text("utf-8")
    assert "<svg" in page and "dir" not in page.split("<style>")[0]
    assert "class='doc'" in page and "data-view='gazetteer-ner'" in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)  # self-contained


def test_reports_are_deterministic(reports, tmp_path):
    bench = benchmark(str(ROOT), reports / "runs", resamples=200, trials=200)
    write_reports(bench, tmp_path)
    for name in ("index.html", "errors/rules-time.md"):
        assert (tmp_path / name).read_bytes() == (reports / name).read_bytes(), name
    a = json.loads((tmp_path / "results.json").read_text("utf-8"))
    b = json.loads((reports / "results.json").read_text("utf-8"))
    a.pop("timings"), b.pop("timings")
    assert a == b


def test_gate_passes_then_fails_on_regression(reports, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    update(baseline, reports / "results.json")
    assert check(baseline, reports / "results.json")[0]
    worse = json.loads((reports / "results.json").read_text("utf-8"))
    system = next(s for s in worse["systems"] if s["name"] == "gazetteer-ner")
    system["scores"]["strict"]["per_label"]["LOC"]["f1"] -= 0.05
    (tmp_path / "worse.json").write_text(json.dumps(worse), "utf-8")
    passed, report = check(baseline, tmp_path / "worse.json")
    assert not passed and "gazetteer-ner" in report and "LOC" in report
    assert main(["check", "--baseline", str(baseline), "--results",
                 str(tmp_path / "worse.json")]) == 1
    # a drop within tolerance and inside the CI passes
    system["scores"]["strict"]["per_label"]["LOC"]["f1"] += 0.04
    (tmp_path / "ok.json").write_text(json.dumps(worse), "utf-8")
    assert check(baseline, tmp_path / "ok.json")[0]


def test_gate_fails_when_a_backend_fails(reports, tmp_path):
    baseline = tmp_path / "baseline.json"
    update(baseline, reports / "results.json")
    broken = json.loads((reports / "results.json").read_text("utf-8"))
    for b in broken["run"]["backends"]:
        if b["backend"] == "rules-time":
            b["status"], b["reason"] = "failed", "timed out after 300 s"
    (tmp_path / "broken.json").write_text(json.dumps(broken), "utf-8")
    passed, report = check(baseline, tmp_path / "broken.json")
    assert not passed and "timed out" in report


def test_committed_baseline_matches_the_gold():
    baseline = json.loads((ROOT / "reports" / "baseline.json").read_text("utf-8"))
    from bench.scoring.api import gold_fingerprint
    assert baseline["gold_sha256"] == gold_fingerprint(list(load_corpus(ROOT)))


def test_cli_report_and_missing_runs(tmp_path, capsys):
    assert main(["report", "--runs", str(tmp_path / "nothing"), "--out", str(tmp_path)]) == 2
    assert "no run manifest" in capsys.readouterr().err
