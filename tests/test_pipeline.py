"""make bench in miniature: run, report, gate; determinism of the reports."""

from __future__ import annotations

import json
import os
import re

import pytest
from conftest import ROOT, available_backend

from bench.cli import main
from bench.extractors.runner import run
from bench.gate import check, update
from bench.loader import load_corpus
from bench.pipeline import benchmark, write_reports

BACKENDS = ["rules-time", "gazetteer-ner", "toy_backends:Raises", "toy_backends:DeclaresTime"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    pytest.importorskip("matplotlib")
    for name in BACKENDS[:2]:
        available_backend(name)
    run(BACKENDS, load_corpus(ROOT), out / "runs", timeout=60, progress=False)
    bench = benchmark(str(ROOT), out / "runs", resamples=200, trials=200)
    write_reports(bench, out)
    return out


def test_reports_are_written(reports):
    for name in ("results.json", "summary.md", "index.html", "errors/rules-time.md",
                 "errors/gazetteer-ner.md"):
        assert (reports / name).exists(), name
    summary = (reports / "summary.md").read_text("utf-8")
    assert "## Leaderboard: entities" in summary and "## Leaderboard: temporal" in summary
    assert "| 1   | rules-time" in summary and "★ best" in summary
    assert "RuntimeError: model exploded" in summary  # the failed backend and its reason
    assert "## Timings" in summary
    results = json.loads((reports / "results.json").read_text("utf-8"))
    assert {"systems", "comparisons", "run", "timings", "gold"} <= set(results)
    errors = (reports / "errors" / "gazetteer-ner.md").read_text("utf-8")
    misses = errors.split("## Misses")[1].split("##")[0]
    first = _row(misses, "LOC «واشنطن»")  # grouped by mention, most frequent first
    assert int(first[0]) > 1 and misses.index("واشنطن") < misses.index("الموصل")
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
    from bench.fingerprint import gold_fingerprint
    assert baseline["tasks"]["seed"]["gold_sha256"] == gold_fingerprint(list(load_corpus(ROOT)))
    news = ROOT.parent / "shared" / "corpora" / "wikinews-ar"
    if news.is_dir():  # the news task's texts are read from ../shared
        assert baseline["tasks"]["news"]["gold_sha256"] == gold_fingerprint(
            list(load_corpus(ROOT / "news")))


def test_cli_report_and_missing_runs(tmp_path, capsys):
    assert main(["report", "--runs", str(tmp_path / "nothing"), "--out", str(tmp_path)]) == 2
    assert "no run manifest" in capsys.readouterr().err


def _row(table: str, name: str) -> list[str]:
    line = next(ln for ln in table.splitlines() if ln.startswith("|") and f" {name} " in ln)
    return [c.strip() for c in line.strip("|").split("|")]


def test_not_declared_is_a_dash_zero_is_zero(reports):
    summary = (reports / "summary.md").read_text("utf-8")
    temporal = summary.split("## Leaderboard: temporal")[1].split("##")[0]
    entities = summary.split("## Leaderboard: entities")[1].split("##")[0]
    head = _row(temporal, "backend")
    toy = dict(zip(head, _row(temporal, "declares-time"), strict=True))
    assert toy["DATE/relative"] == "—"  # not declared
    assert toy["TIME"].startswith("0.000")  # declared, nothing found
    assert toy["temporal F1 [95% CI]"].startswith("0.000")
    toy = dict(zip(_row(entities, "backend"), _row(entities, "declares-time"), strict=True))
    assert toy["PERSON"] == "—" and toy["LOC"] != "—"
    rules = dict(zip(head, _row(temporal, "rules-time"), strict=True))
    assert rules["SET"] == "n/a" and " rules-time " not in entities  # ranked on what it declares


def test_backends_are_scored_on_declared_labels_only(reports, capsys):
    results = json.loads((reports / "results.json").read_text("utf-8"))
    rules = next(s for s in results["systems"] if s["name"] == "rules-time")
    assert rules["scope"] == ["DATE", "DURATION", "SET", "TIME"]
    assert set(rules["scores"]["strict"]["per_label"]) <= set(rules["scope"])
    assert "alignment" not in rules  # the per-span listing has its own file
    items = [json.loads(line) for line in (reports / "alignment.jsonl").open(encoding="utf-8")]
    items = [i for i in items if i["system"] == "rules-time"]
    assert "out_of_scope" in {i["kind"] for i in items}
    assert not any(i["kind"] == "missed" and i["gold"]["label"] == "PERSON" for i in items)
    errors = (reports / "errors" / "rules-time.md").read_text("utf-8")
    entities = sum(not a.is_temporal for a in load_corpus(ROOT).documents[0].annotations)
    assert "PERSON «" not in errors and f"Not counted: {entities} gold span(s)" in errors
    page = (reports / "index.html").read_text("utf-8")
    view = page.split("data-view='rules-time'")[1].split("data-view=")[0]
    assert 'class="out_of_scope" title="out_of_scope: gold: PERSON"' in view
    assert 'class="missed" title="missed: gold: PERSON' not in view
    # bench score on a run folder reads the same declared labels from the manifest
    assert main(["score", str(ROOT), str(reports / "runs" / "rules-time"), "--resamples",
                 "200", "--trials", "200"]) == 0
    out = capsys.readouterr().out
    assert "(scored on DATE, DURATION, SET, TIME)" in out
    overall = _row(out, "rules-time")
    strict = rules["scores"]["strict"]["overall"]
    assert overall[4].startswith(f"{strict['f1']:.3f}")
    assert main(["score", str(ROOT), str(reports / "runs" / "rules-time"), "--labels-of", "all",
                 "--resamples", "0", "--trials", "0"]) == 0
    assert "(scored on every label)" in capsys.readouterr().out


def test_backend_tables_keep_labels_and_date_types_apart(reports):
    summary = (reports / "summary.md").read_text("utf-8")
    section = summary.split("## rules-time")[1].split("\n## ")[0]
    labels = section.split("### Labels (strict)")[1].split("###")[0]
    dates = section.split("### Date types (strict)")[1].split("###")[0]
    head = "| support   | TP   | FP   | FN   | P [95% CI]"
    assert head in labels and head in dates
    assert "| DATE " in labels and "DATE/relative" not in labels
    assert "DATE/relative" in dates and "| DATE " not in dates
    assert _row(labels, "TIME")[7].count("[") == 1  # F1 with its interval


def test_score_prints_the_chosen_scheme_tables(reports, capsys):
    assert main(["score", str(ROOT), str(reports / "runs" / "gazetteer-ner"), "--scheme", "type",
                 "--resamples", "0", "--trials", "0"]) == 0
    out = capsys.readouterr().out
    assert "## gazetteer-ner: type (scored on LOC, NORP, ORG, PERSON)" in out
    assert "## gazetteer-ner: strict" not in out and "strict+lenient" not in out
    assert _row(out, "LOC")[0] == "LOC" and _row(out, "NORP")[0] == "NORP"


def test_html_fits_narrow_screens(reports):
    page = (reports / "index.html").read_text("utf-8")
    assert "name='viewport'" in page and ".scroll{overflow-x:auto" in page
    assert page.count("<div class='scroll'><table") == page.count("<table")
    for svg in re.findall(r"<svg[^>]*>", page):
        assert " width=" not in svg and " height=" not in svg and "viewBox" in svg
    temporal = page.split("<h2 id='kind-temporal'>")[1].split("<h2")[0]
    forest = temporal.split("<svg")[1].split("</svg>")[0]
    assert "rules-time" in forest and "declares-time" in forest  # names as text
    heat = temporal.split("class='heatmap'")[1].split("</table>")[0]
    toy = heat.split("declares-time</a></th>")[1].split("</tr>")[0]
    assert "hsl(0,70%,80%)'>0.00<" in toy and ">—<" in toy  # zero in red; not declared


def test_gate_reports_a_new_backend(reports, tmp_path):
    baseline = tmp_path / "baseline.json"
    update(baseline, reports / "results.json")
    data = json.loads(baseline.read_text("utf-8"))
    del data["systems"]["gazetteer-ner"], data["statuses"]["gazetteer-ner"]
    baseline.write_text(json.dumps(data), "utf-8")
    passed, report = check(baseline, reports / "results.json")
    assert passed and "gate passed with notes" in report
    line = next(ln for ln in report.splitlines() if "gazetteer-ner" in ln)
    assert "new: not in the baseline (bench baseline update adds it)" in line
    assert "FAIL" not in line


def test_gate_compares_like_with_like(reports, tmp_path):
    baseline = tmp_path / "baseline.json"
    update(baseline, reports / "results.json")
    other = json.loads((reports / "results.json").read_text("utf-8"))
    for system in other["systems"]:
        for sc in system["scores"].values():
            sc["signature"] = sc["signature"].replace("|boot:200|", "|boot:50|")
    (tmp_path / "other.json").write_text(json.dumps(other), "utf-8")
    passed, report = check(baseline, tmp_path / "other.json")
    assert not passed and "scored with other settings (boot 200 -> 50)" in report


def test_settings_are_checked_and_signed():
    from bench.problems import InputError
    from bench.scoring import Settings

    for bad in ({"unit": "sentence"}, {"resamples": -1}, {"trials": 1.5},
                {"schemes": ("strict", "fuzzy")}):
        with pytest.raises(InputError):
            Settings(**bad)
    sig = Settings(resamples=0).signature("strict", "lenient", "ab" * 32, "paragraph")
    assert str(sig).endswith("|scheme:strict|clitics:lenient|labels:canonical|gold:abababababab"
                             "|unit:paragraph|boot:0|seed:12345|zd:0")


SNAPSHOT = ROOT / "tests" / "fixtures" / "seed-summary.md"


def test_a_value_that_differs_by_mod_shows_the_mod():
    from bench.report.markdown import _ann

    gold = {"label": "DATE", "text": "نهاية العام", "value": "2021", "mod": "END"}
    assert _ann(gold) == "DATE «نهاية العام» = 2021 (mod END)"
    assert _ann({**gold, "mod": None}) == "DATE «نهاية العام» = 2021"


def test_seed_summary_matches_its_snapshot(reports):
    """summary.md of the seed (the backends of this module, 200 resamples and trials) up
    to its Timings, byte for byte. After a deliberate change to the report, rewrite the
    snapshot with ARABENCH_UPDATE_SNAPSHOTS=1 and review its diff."""
    text = (reports / "summary.md").read_text("utf-8").split("## Timings")[0]
    text = text.replace(str(ROOT), "<ROOT>")
    if os.environ.get("ARABENCH_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(text, "utf-8")
    assert text == SNAPSHOT.read_text("utf-8")


def test_a_plot_is_drawn_once_per_content(tmp_path, monkeypatch):
    """The forest plot's SVG is cached by what it shows: the same content gives the same
    bytes without drawing; other content is drawn; a cache that cannot be written costs
    only the drawing."""
    from bench.report import plots

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    drawn = []
    real = plots._forest
    monkeypatch.setattr(plots, "_forest", lambda *a: drawn.append(a) or real(*a))
    rows = [("a", 0.5, [0.4, 0.6], True), ("b", 0.25, [0.1, 0.3], False)]
    first = plots._cached(["forest", rows, "t"], lambda: plots._forest(rows, "t"))
    again = plots._cached(["forest", rows, "t"], lambda: plots._forest(rows, "t"))
    assert first == again and first.startswith("<svg") and len(drawn) == 1
    assert len(list((tmp_path / "cache" / "arabench" / "plots").glob("*.svg"))) == 1
    other = plots._cached(["forest", rows[:1], "t"], lambda: plots._forest(rows[:1], "t"))
    assert other != first and len(drawn) == 2
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    assert plots._cached(["forest", rows, "t"], lambda: plots._forest(rows, "t")) == first
    assert len(drawn) == 3
