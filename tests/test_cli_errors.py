"""Every bad input through the real command (a subprocess): one clear line per problem,
the documented exit status (2 usage/input, 1 findings), never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, needs_corpora

TESTS = Path(__file__).resolve().parent
BUILTINS = "rules-time, gazetteer-ner, dateparser, duckling, heideltime"


def bench(*args: str, cwd: Path | None = None, expect: int | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m bench ARGS`` (the tests folder on the path, for toy backends); asserts
    no traceback and, if given, the exit status."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(TESTS)] + [p for p in [os.environ.get("PYTHONPATH")] if p])}
    env.pop("BENCH_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "bench", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=timeout)
    for stream in (done.stdout, done.stderr):
        assert "Traceback" not in stream and "internal error" not in stream, stream
    if expect is not None:
        assert done.returncode == expect, (done.returncode, done.stdout, done.stderr)
    return done


def seed_jsonl(tmp_path: Path) -> Path:
    out = tmp_path / "seed.jsonl"
    bench("convert", str(ROOT), str(out), expect=0)
    return out


def seed_line(tmp_path: Path) -> dict:
    return json.loads(seed_jsonl(tmp_path).read_text("utf-8"))


def write_jsonl(path: Path, objs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


# 1. unknown backends: every one named with the known ones, before anything runs
def test_unknown_backend_is_named_before_anything_runs(tmp_path):
    out = tmp_path / "runs"
    done = bench("run", "--backend", "nonexistent", "--backend", "rules-time",
                 "--out", str(out), expect=2)
    assert done.stderr.strip() == ("--backend: nonexistent: unknown backend (known: "
                                   f"{BUILTINS}; or module:Class; or KIND:ARG with KIND one "
                                   "of hf, spacy, llm, stanza, camel, gliner, sklearn-ner, "
                                   "e.g. sklearn-ner:models/anercorp)")
    assert not out.exists()
    done = bench("run", "--backend", "no_such_module:Cls", "--out", str(out), expect=2)
    assert "no_such_module:Cls: no module 'no_such_module'" in done.stderr
    assert not out.exists()


# 2. missing paths, everywhere the same words
@pytest.mark.parametrize("args", [
    ["validate", "/nope/x.json"], ["validate", "/nope"], ["validate", "/nope.jsonl"],
    ["validate", "conll:/nope.conll"], ["stats", "/nope"], ["score", "/nope", "/nope2"],
    ["run", "--corpus", "/nope", "--backend", "rules-time"], ["convert", "/nope", "/tmp/x"],
    ["report", "--corpus", "/nope"], ["check", "--baseline", "/nope.json"],
])
def test_missing_paths(args):
    done = bench(*args, expect=2)
    assert "/nope" in done.stderr and ("no such file or directory" in done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1


# 3. an empty corpus is an error for validate and score alike
def test_empty_jsonl(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    done = bench("validate", str(empty), expect=1)
    assert f"{empty}: empty file: a corpus needs at least one document" in done.stdout
    done = bench("score", str(empty), str(empty), expect=2)
    assert "empty file: a corpus needs at least one document" in done.stderr


# 4. validate reports what score rejects: duplicated doc_id
def test_duplicate_doc_id(tmp_path):
    obj = seed_line(tmp_path)
    dup = write_jsonl(tmp_path / "dup.jsonl", [obj, obj])
    message = f"{dup}:2: {SEED}: duplicate document id (first in {dup}:1)"
    assert message in bench("validate", str(dup), expect=1).stdout
    assert message in bench("score", str(dup), str(dup), expect=2).stderr


# 5. --resamples 0 / --trials 0: no intervals, no tests, said so in tables and JSON
def test_zero_resamples_and_trials(tmp_path):
    pred = seed_jsonl(tmp_path)
    out = tmp_path / "r.json"
    done = bench("score", str(ROOT), str(pred), str(pred), "--name", "a", "--name", "b",
                 "--resamples", "0", "--trials", "0", "--json", str(out), expect=0)
    assert "no confidence intervals (--resamples 0)" in done.stdout
    assert "no significance tests (--trials 0)" in done.stdout
    assert "[95% CI]" not in done.stdout and "n/a" in done.stdout  # p-values: n/a
    results = json.loads(out.read_text("utf-8"))
    row = results["systems"][0]["scores"]["strict"]["overall"]
    assert row["f1"] == 1.0 and row["f1_ci"] is None and row["precision_ci"] is None
    assert results["comparisons"] and all(
        c["p_bootstrap"] is None and c["p_randomisation"] is None and c["delta"] == 0
        for c in results["comparisons"])
    for flag in ("--resamples", "--trials"):
        done = bench("score", str(ROOT), str(pred), flag, "-1", expect=2)
        assert done.stderr.startswith(f"bench score: argument {flag}: must be 0 or more")


# 6. a closed stdout is not an error
@pytest.mark.parametrize("args", [["list", "--json"], ["stats", "--json"],
                                  ["score", ".", "reports/runs/rules-time", "--resamples", "5",
                                   "--trials", "5"]])
def test_closed_stdout_is_quiet(args):
    if "score" in args and not (ROOT / "reports" / "runs" / "rules-time").is_dir():
        args = ["list"]
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    proc = subprocess.Popen([sys.executable, "-m", "bench", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(1)
    proc.stdout.close()  # like `| head -c 1`
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


# 7. usage mistakes are one line, exit 2
@pytest.mark.parametrize("args, fragment", [
    (["score"], "the following arguments are required"),
    (["frobnicate"], "invalid choice"),
    (["run", "--jobs", "0", "--backend", "rules-time"], "--jobs: must be at least 1"),
    (["score", ".", ".", "--name", "a", "--name", "b"], "give one --name per prediction set"),
    (["score", ".", ".", ".", "--name", "a", "--name", "a"], "need distinct names"),
    (["score", ".", ".", "--labels-of", "DATE", "--labels-of", "LOC"], "one --labels-of"),
    (["convert", ".", "duckling:/tmp/x"], "can be read, not written"),
    (["stats", ".", "--labels", "nosuchmap"], "no such label mapping"),
    (["validate", ".", "--labels", "anercorp"], "--labels: applies to FMT:PATH corpora only"),
])
def test_usage_errors_are_one_line(args, fragment):
    done = bench(*args, expect=2)
    assert fragment in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# 9. module:Class is imported from the current folder, as python -m does
def test_module_class_from_the_current_folder(tmp_path):
    (tmp_path / "my_tagger.py").write_text(
        "from bench.extractors.base import span\n"
        "class Finder:\n"
        "    name = 'finder'\n    version = '1'\n    labels = ('LOC',)\n"
        "    label_map = {'GPE': 'LOC'}\n"
        "    def available(self):\n        return True, ''\n"
        "    def extract(self, doc):\n"
        "        i = doc.text.find('بغداد')\n"
        "        return [span(doc, i, i + 5, 'GPE')] if i >= 0 else []\n", "utf-8")
    env_free = {**os.environ}
    env_free.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "bench", "run", "--backend", "my_tagger:Finder",
                           "--corpus", str(ROOT), "--out", "runs"], cwd=tmp_path,
                          capture_output=True, text=True, env=env_free, timeout=120)
    assert done.returncode == 0, done.stderr
    pred = json.loads((tmp_path / "runs" / "finder" / f"{SEED}.json").read_text("utf-8"))
    assert [(a["label"], a["text"]) for a in pred["annotations"]] == [("LOC", "بغداد")]


# 10. a named backend that fails or is unavailable makes the exit non-zero
@pytest.mark.parametrize("backend, status", [("toy_backends:Raises", "failed"),
                                             ("toy_backends:Unavailable", "unavailable")])
def test_named_backend_failing_is_a_finding(tmp_path, backend, status):
    done = bench("run", "--backend", "toy_backends:Toy", "--backend", backend,
                 "--out", str(tmp_path), expect=1)
    assert f"bench run: {backend.split(':')[1].lower()} {status}: " in done.stderr
    assert (tmp_path / "toy").is_dir()  # the other backend finished


# 11. a failed conversion leaves the old output (or none), never a partial one
def test_failed_convert_leaves_the_old_file(tmp_path):
    obj = seed_line(tmp_path)
    bad = json.loads(json.dumps(obj))
    bad["doc_id"] = "second"
    bad["annotations"][0]["end"] = 10 ** 6
    src = write_jsonl(tmp_path / "src.jsonl", [obj, bad])
    out = tmp_path / "out.jsonl"
    out.write_text("OLD\n", "utf-8")
    done = bench("convert", str(src), str(out), expect=2)
    assert "second.jsonl" not in done.stderr and "out of range" in done.stderr
    assert out.read_text("utf-8") == "OLD\n"
    fresh = tmp_path / "fresh"
    bench("convert", str(src), f"brat:{fresh}", expect=2)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "seed.jsonl", "src.jsonl"]


def test_unwritable_output_names_the_target(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    done = bench("convert", str(ROOT), str(blocker / "out.jsonl"), expect=2)
    assert done.stderr.strip().startswith(f"{blocker / 'out.jsonl'}: ")
    assert ".tmp-" not in done.stderr


# 12. reading commands carry on over invalid values; validate still fails on them
def test_bad_values_are_read_as_absent_by_reading_commands(tmp_path):
    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "a.tml").write_text(
        '<?xml version="1.0"?>\n<TimeML>\nفي <TIMEX3 tid="t1" type="DATE" value="UNDEF-month">'
        'الشهر الماضي</TIMEX3> و<TIMEX3 tid="t2" type="DATE" value="2021">2021</TIMEX3>\n'
        "</TimeML>\n", "utf-8")
    done = bench("stats", f"timeml:{folder}", expect=0)
    assert "2 annotation(s)" in done.stdout and "1 invalid TIMEX3 value(s)" in done.stdout
    assert f"{folder / 'a.tml'}: t1: value 'UNDEF-month' is not a valid TIMEX3 DATE value: " \
           "read as absent" in done.stderr
    bench("convert", f"timeml:{folder}", str(tmp_path / "x.jsonl"), expect=0)
    done = bench("validate", f"timeml:{folder}", expect=1)
    assert "t1: value 'UNDEF-month'" in done.stdout


def test_silver_timeml_is_readable():
    folder = needs_corpora("arabic-timeml-silver")
    done = bench("stats", f"timeml:{folder}", "--json", expect=0)
    stats = json.loads(done.stdout)
    assert stats["annotations"] == 283 and stats["values_read_as_absent"] == 4
    assert done.stderr.count("read as absent [warning]") == 4


# 13. TIMEX3 dates must exist in the calendar
@pytest.mark.parametrize("value, fragment", [
    ("2021-13-45", "month 13 is not 01-12"), ("2021-02-29", "day 29 is not in 2021-02"),
    ("2021-W54", "week 54 is not 01-53")])
def test_calendar_validity(corpus_copy, value, fragment):
    gold = corpus_copy / "gold" / f"{SEED}.json"
    obj = json.loads(gold.read_text("utf-8"))
    next(a for a in obj["annotations"] if a["id"] == "T4")["value"] = value
    gold.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    done = bench("validate", str(corpus_copy), expect=1)
    assert f"T4: value {value!r} is not a calendar DATE: {fragment}" in done.stdout


# 14. error lines are capped per file; --all prints them all
@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_error_lines_are_capped(tmp_path):
    obj = seed_line(tmp_path)
    text = obj["text"]
    obj["annotations"] = [{"id": f"P{i}", "start": 0, "end": 5 + i, "label": "LOC",
                           "text": text[:5 + i]} for i in range(200)]
    pred = write_jsonl(tmp_path / "pred.jsonl", [obj])
    every = bench("validate", "--predictions", "--all", str(pred), expect=1).stdout
    total = len(every.strip().splitlines())
    assert every.count("overlaps") == 199 and total > 199
    lines = bench("validate", "--predictions", str(pred), expect=1).stdout.strip().splitlines()
    # errors each in order; warnings of one kind (more than 3) one line, where they start
    errors_all = [line for line in every.splitlines() if not line.endswith("[warning]")]
    shown_errors = [line for line in lines[:50] if not line.endswith("[warning]")]
    assert shown_errors == errors_all[:len(shown_errors)] and len(shown_errors) >= 45
    grouped = [line for line in lines[:50] if " times: line 1 P" in line]
    assert grouped and all(line.endswith("--all lists each) [warning]") for line in grouped)
    assert len(lines) == 51 and re.fullmatch(
        rf"{re.escape(str(pred))}: \.\.\. and \d+ more line\(s\) of problems \(--all shows "
        r"them\)", lines[50])
    done = bench("score", str(ROOT), str(pred), expect=2)
    assert len(done.stderr.strip().splitlines()) == 51


# 15. precise messages
def test_truncated_json_keeps_its_position(tmp_path):
    trunc = tmp_path / "gold" / f"{SEED}.json"
    trunc.parent.mkdir()
    trunc.write_bytes((ROOT / "gold" / f"{SEED}.json").read_bytes()[:2000])
    done = bench("validate", str(trunc), "--corpus", str(ROOT), expect=1)
    assert f"{trunc}:24: invalid JSON at column 53: Expecting value: the text ends early " \
           "(truncated file?)" in done.stdout
    trunc.write_text('{"doc_id": "x", "text_sha256": "ab', "utf-8")
    done = bench("validate", str(trunc), "--corpus", str(ROOT), expect=1)
    assert "invalid JSON at column 32: Unterminated string starting here: the text ends " \
        "early (truncated file?)" in done.stdout


def test_bad_jsonl_line_names_line_and_column(tmp_path):
    line = (seed_jsonl(tmp_path)).read_text("utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line + line.replace('"dct":', '"dct"', 1), "utf-8")
    column = line.index('"dct":') + 7  # 1-based, at the value after the missing colon
    done = bench("validate", str(bad), expect=1)
    assert f"{bad}:2: invalid JSON at column {column}: Expecting ':' delimiter" in done.stdout


def test_unknown_format_prefix_names_the_formats():
    from bench.io.formats import FORMATS

    done = bench("stats", "conl:/some/where", expect=2)
    assert done.stderr.strip() == ("conl:/some/where: unknown format 'conl' (known: "
                                   f"{', '.join(FORMATS)})")
    assert {"conll", "brat", "labelstudio", "inception"} <= set(FORMATS)


@pytest.mark.parametrize("edit, hint", [
    (lambda b: b"\xef\xbb\xbf" + b, "starts with a byte-order mark (BOM)"),
    (lambda b: b.replace(b"\n", b"\r\n"), "has CRLF line ends")])
def test_hash_mismatch_hints_at_bom_and_crlf(corpus_copy, edit, hint):
    text = corpus_copy / "seeds" / f"{SEED}.txt"
    text.write_bytes(edit(text.read_bytes()))
    done = bench("validate", str(corpus_copy), expect=1)
    assert "text_sha256: does not match" in done.stdout and hint in done.stdout


def test_an_internal_error_is_one_line_with_status_3(monkeypatch, capsys):
    import bench.cli
    import bench.corpus_stats

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(bench.corpus_stats, "corpus_stats", broken)
    monkeypatch.delenv("BENCH_DEBUG", raising=False)
    assert bench.cli.main(["stats", str(ROOT)]) == 3
    err = capsys.readouterr().err.strip()
    assert err == ("bench stats: internal error: ZeroDivisionError: division by zero (a bug: "
                   "please report it; BENCH_DEBUG=1 shows the traceback)")


def test_atomic_path_keeps_the_old_folder_on_failure(tmp_path):
    from bench.io.atomic import atomic_path

    target = tmp_path / "preds"
    target.mkdir()
    (target / "old.json").write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.mkdir()
        (tmp / "new.json").write_text("half", "utf-8")
        raise RuntimeError("backend died half-way")
    assert [p.name for p in tmp_path.iterdir()] == ["preds"]
    assert [p.name for p in target.iterdir()] == ["old.json"]
    with atomic_path(target) as tmp:  # success replaces the folder whole: no stale file
        tmp.mkdir()
        (tmp / "new.json").write_text("new", "utf-8")
    assert [p.name for p in target.iterdir()] == ["new.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["preds"]


def test_a_lone_surrogate_is_an_input_error(tmp_path):
    """JSON may escape half of a UTF-16 pair (\\ud800); no Unicode text holds one: named
    with its line and column (was an internal error while hashing the text). A whole pair
    and an escaped backslash before 'u' are text."""
    def line(text: str) -> str:
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return json.dumps({"doc_id": "a", "text": text, "dct": None, "text_sha256": sha,
                           "annotations": []}) + "\n"

    bad = tmp_path / "bad.jsonl"
    bad.write_text(line("ab\ud800c"), "utf-8")
    done = bench("score", str(bad), str(bad), expect=2)
    assert done.stderr.strip() == (f"{bad}:1: invalid JSON at column 28: \\ud800 is half of "
                                   "a UTF-16 pair (a lone surrogate): not Unicode text")
    good = tmp_path / "good.jsonl"
    good.write_text(line("ab \U0001F600 c\\ud800"), "utf-8")  # a pair; backslash-u as text
    assert "\\ud83d\\ude00" in good.read_text("utf-8")
    bench("validate", str(good), expect=0)
