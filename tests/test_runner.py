"""Backends are isolated: failures are reported, the others finish."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

from bench.cli import main
from bench.extractors.record import read_manifest
from bench.extractors.registry import describe, known
from bench.extractors.runner import run
from bench.loader import load_corpus, load_predictions
from bench.problems import InputError


@pytest.mark.slow
def test_misbehaving_backends_are_isolated(tmp_path):
    corpus = load_corpus(ROOT)
    names = [f"toy_backends:{c}" for c in
             ("Toy", "Raises", "Crashes", "OutOfRange", "WrongLabel", "Unavailable",
              "NativeLabels")]
    # the hang on its own with a short limit; the others with a limit no loaded machine hits
    records = {r.target.split(":")[1]: r for r in run(names, corpus, tmp_path, timeout=60,
                                                      jobs=2, progress=False)}
    hung = run(["toy_backends:Hangs"], corpus, tmp_path / "hang", timeout=2, progress=False)
    records["Hangs"] = hung[0]
    assert records["Toy"].status == "ok" and records["Toy"].annotations == 1
    assert records["Raises"].status == "failed"
    assert "RuntimeError: model exploded" in records["Raises"].reason
    assert records["Hangs"].reason == "timed out after 2 s"
    assert "exited with code 3" in records["Crashes"].reason
    assert "out of range" in records["OutOfRange"].reason
    assert "unknown label 'FAC'" in records["WrongLabel"].reason
    assert records["NativeLabels"].status == "ok"  # GPE mapped to LOC by its label_map
    mapped = load_predictions(tmp_path / "native-labels", corpus).documents[0].annotations
    assert [(a.label, a.text) for a in mapped] == [("LOC", "بغداد")]
    assert records["Unavailable"].status == "unavailable"
    assert "pip install toy-models" in records["Unavailable"].reason
    preds = load_predictions(tmp_path / "toy", corpus)
    assert [a.text for a in preds.documents[0].annotations] == ["بغداد"]
    assert [a.id for a in preds.documents[0].annotations] == ["P1"]
    manifest = json.loads((tmp_path / "run.json").read_text("utf-8"))
    assert "timings" in manifest and "load_seconds" in manifest["timings"]["toy"]
    assert not any("timings" in b for b in manifest["backends"])
    assert read_manifest(tmp_path)[0].backend == "toy"


def test_list_shows_every_builtin(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in ("rules-time", "gazetteer-ner", "dateparser", "duckling", "heideltime"):
        assert name in out
    info = describe("toy_backends:Unavailable")
    assert not info.available and "pip install" in info.reason


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(InputError, match="nope: unknown backend .known: rules-time"):
        describe("nope")


@pytest.mark.slow
def test_plugin_package_is_discovered_through_its_entry_point(tmp_path):
    pkg = tmp_path / "plugin"
    (pkg / "bench_toy_plugin").mkdir(parents=True)
    (pkg / "bench_toy_plugin" / "__init__.py").write_text(textwrap.dedent('''
        from bench.extractors.base import span

        class CapitalFinder:
            name = "toy-plugin"
            version = "0.0.1"
            labels = ("LOC",)
            label_map = {}

            def available(self):
                return True, ""

            def extract(self, document):
                i = document.text.find("واشنطن")
                return [span(document, i, i + 6, "LOC")] if i >= 0 else []
    '''))
    (pkg / "pyproject.toml").write_text(textwrap.dedent('''
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "bench-toy-plugin"
        version = "0.0.1"
        [project.entry-points."bench.extractors"]
        toy-plugin = "bench_toy_plugin:CapitalFinder"
        rules-time = "bench_toy_plugin:CapitalFinder"
    '''))
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run(pip + ["install", "--no-deps", "--no-build-isolation", "--no-index",
                          str(pkg)], check=True)
    try:
        code = subprocess.run([sys.executable, "-m", "bench", "run", "--backend", "toy-plugin",
                               "--corpus", str(ROOT), "--out", str(tmp_path / "out")],
                              capture_output=True, text=True)
        assert code.returncode == 0, code.stderr
        listing = subprocess.run([sys.executable, "-m", "bench", "list"], capture_output=True,
                                 text=True, check=True).stdout
        assert "toy-plugin" in listing and "0.0.1" in listing
        # a plugin with a built-in's name is refused, and bench list says so
        refused = [ln for ln in listing.splitlines() if "refused" in ln]
        assert len(refused) == 1 and refused[0].startswith("| rules-time")
        assert "plugin bench_toy_plugin:CapitalFinder has the name of backend " \
               "bench.extractors.rules_time:RulesTime" in refused[0]
        assert known()["rules-time"] == "bench.extractors.rules_time:RulesTime"
        pred = load_predictions(tmp_path / "out" / "toy-plugin", load_corpus(ROOT))
        assert pred.documents[0].annotations[0].text == "واشنطن"
    finally:
        subprocess.run(pip + ["uninstall", "-y", "bench-toy-plugin"], check=True)
    assert "toy-plugin" not in known()


def test_long_documents_are_cut_at_sentence_ends_and_mapped_back():
    from bench.extractors.base import extract_all, pieces, span
    from bench.model import Document

    sentence = "زار الرئيس بغداد امس. "
    text = sentence * 500  # 11,000 characters
    cuts = pieces(text, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(e - s <= 1000 for s, e in cuts)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    assert all(text[e - 2:e] == ". " or e == len(text) for _, e in cuts)  # after a full stop
    assert pieces("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no sentence end, no space

    class Finder:
        max_chars = 1000
        seen: list[int] = []

        def extract(self, document):
            self.seen.append(len(document.text))
            out, i = [], document.text.find("بغداد")
            while i >= 0:
                out.append(span(document, i, i + 5, "LOC"))
                i = document.text.find("بغداد", i + 1)
            return out

    finder = Finder()
    done = []
    found = extract_all(finder, [Document("d", text, "2021-07-26")],
                        lambda k, anns: done.append(1))[0]
    assert len(found) == 500 and done == [1] and max(finder.seen) <= 1000
    assert all(text[a.start:a.end] == "بغداد" for a in found)


@pytest.mark.slow  # eight worker processes
def test_sharded_runs_write_the_same_bytes_as_one_worker(tmp_path):
    """Documents of one backend cut into shards over worker processes: the predictions
    and the manifest's statuses are the same, byte for byte, at 1 and 3 workers."""
    from bench.extractors.runner import shard
    from bench.io.native import write_jsonl
    from bench.model import Document

    seed = load_corpus(ROOT).documents[0]
    lines = [ln for ln in seed.text.split("\n") if ln.strip()]
    docs = [Document(f"l{i:02d}", ln, seed.dct) for i, ln in enumerate(lines)]
    write_jsonl(docs, tmp_path / "lines.jsonl")
    corpus = load_corpus(tmp_path / "lines.jsonl")
    outs = {}
    for jobs in (1, 3):
        out = tmp_path / f"j{jobs}"
        records = run(["rules-time", "gazetteer-ner"], corpus, out, jobs=jobs, progress=False)
        assert [r.status for r in records] == ["ok", "ok"]
        assert {r.timings["workers"] for r in records} == {jobs}
        outs[jobs] = out
    for backend in ("rules-time", "gazetteer-ner"):
        one = sorted((outs[1] / backend).iterdir())
        three = sorted((outs[3] / backend).iterdir())
        assert [p.name for p in one] == [p.name for p in three] and len(one) == len(docs)
        assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, three, strict=True))
    manifests = [json.loads((outs[j] / "run.json").read_text("utf-8"))["backends"]
                 for j in (1, 3)]
    assert manifests[0] == manifests[1]
    crashed = run(["toy_backends:Crashes"], corpus, tmp_path / "crash", jobs=3,
                  progress=False)[0]  # one shard's crash fails the backend, nothing written
    assert crashed.status == "failed" and "exited with code 3" in crashed.reason
    assert not (tmp_path / "crash" / "crashes").exists()
    parts = shard(list(range(10)), [5, 1, 1, 1, 1, 1, 1, 1, 1, 1], 3)
    assert [i for p in parts for i in p] == list(range(10)) and len(parts) == 3 and parts[0]


@pytest.mark.slow  # worker processes, a 2 s limit
@pytest.mark.parametrize("kind", ["jsonl", "shards"])
def test_a_hanging_backend_times_out_with_one_reason_on_every_local_path(tmp_path, kind):
    """``--timeout`` has one meaning (seconds for one worker on one task) and one reason,
    for the runner's documents and for shard files alike; the other backend goes on."""
    import os
    import time
    from pathlib import Path

    from bench.io.native import write_jsonl
    from bench.io.shards import write_shards
    from bench.model import Document

    docs = [Document(f"d{i}", "زار الرئيس بغداد.", "2021-07-26") for i in range(4)]
    if kind == "jsonl":
        spec = str(tmp_path / "c.jsonl")
        write_jsonl(docs, Path(spec))
    else:
        spec = f"shards:{tmp_path / 'shards'}"
        write_shards(docs, tmp_path / "shards", [], 2)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "tests")] + [p for p in [os.environ.get("PYTHONPATH")] if p])}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bench", "run", "--corpus", spec,
                           "--backend", "toy_backends:Hangs", "--backend", "toy_backends:Toy",
                           "--no-cache", "--jobs", "2", "--timeout", "2",
                           "--out", str(tmp_path / "out")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60  # not the backend's hour
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    manifest = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    status = {b["target"]: (b["status"], b["reason"]) for b in manifest["backends"]}
    assert status["toy_backends:Hangs"] == ("failed", "timed out after 2 s")
    assert status["toy_backends:Toy"][0] == "ok"
