"""The names of the score tables (ScoreKey, View), signatures read back, and the gate's
typed reading of results.json: malformed files answered in one line naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from test_cli_errors import bench

from bench.scoring.keys import CLITICS, GATED, SCHEMES, ScoreKey, View
from bench.scoring.settings import Settings, Signature


def test_score_keys_have_one_string_form():
    keys = Settings().keys()
    assert [str(k) for k in keys] == ["strict", "exact", "partial", "type", "strict+lenient",
                                      "exact+lenient", "partial+lenient"]
    assert all(ScoreKey.parse(str(k)) == k for k in keys)
    assert [str(k) for k in GATED] == ["strict", "strict+lenient"]
    for bad in ("type+lenient", "strict+strict", "fuzzy", "", "strict+"):
        with pytest.raises(ValueError):
            ScoreKey.parse(bad)
    assert len(keys) == len(SCHEMES) * len(CLITICS) - 1  # type has no lenient variant


def test_views_are_named_once_in_report_order():
    assert [str(v) for v in View.reported(2)] == ["flat", "nested", "level 2", "level 3"]
    assert [v.depth for v in View.counted(2)] == [0, 1, 2]
    assert [str(v) for v in View.reported(0)] == ["flat", "nested"]


def committed_signatures() -> list[str]:
    texts = []
    for path in [ROOT / "reports" / "baseline.json", *ROOT.glob("suites/*.baseline.json")]:
        data = json.loads(path.read_text("utf-8"))
        for baseline in data.get("tasks", {"": data}).values():
            texts += baseline["signatures"].values()
    return texts


def test_signature_parse_is_the_inverse_of_str():
    texts = committed_signatures()
    assert texts and any("|task:" in t for t in texts)
    for text in texts:
        assert str(Signature.parse(text)) == text
    sig = Settings(label_mapping="maps/a|b:c.tsv", task="news", zero_division=0.5,
                   seed=-3).signature("strict", "lenient", "ab" * 32, "document")
    assert Signature.parse(str(sig)) == Signature(**{**sig.__dict__, "gold": "ab" * 6})
    no_task = Settings().signature("partial", "strict", "cd" * 32, "paragraph")
    assert "task" not in Signature.parse(str(no_task)).parts()
    for bad in ("", "arabench:0.1.0", str(sig).replace("boot:1000", "boot:01"),
                str(sig).replace("zd:0.5", "zd:.5"), str(sig).replace("seed:-3", "seed:x"),
                str(sig) + "|extra:1"):
        with pytest.raises(ValueError):
            Signature.parse(bad)


@given(st.text(min_size=1, max_size=12), st.text(max_size=12),
       st.integers(0, 10**6), st.integers(-10**9, 10**9))
def test_signature_round_trip_of_any_names(labels, task, resamples, seed):
    sig = Settings(label_mapping=labels, task=task, resamples=resamples, seed=seed
                   ).signature("exact", "strict", "ef" * 32, "paragraph")
    assert str(Signature.parse(str(sig))) == str(sig)


def test_score_with_lenient_clitics_alone(tmp_path):
    """The partial pairing (values, confusion) no longer needs the strict partial key:
    this was an internal error (KeyError) before."""
    done = bench("score", str(ROOT), str(ROOT), "--clitics", "lenient", "--resamples", "0",
                 "--trials", "0", "--labels-of", "all", expect=0)
    assert "strict+lenient" in done.stdout


@pytest.fixture(scope="module")
def gated(tmp_path_factory) -> tuple[Path, dict]:
    """A baseline of the seed corpus scored against itself, and its results (made once:
    the tests only read them)."""
    tmp_path = tmp_path_factory.mktemp("gated")
    results = tmp_path / "results.json"
    bench("score", str(ROOT), str(ROOT), "--resamples", "20", "--trials", "0",
          "--labels-of", "all", "--json", str(results), expect=0)
    baseline = tmp_path / "baseline.json"
    bench("baseline", "update", "--baseline", str(baseline), "--results", str(results),
          expect=0)
    bench("check", "--baseline", str(baseline), "--results", str(results), expect=0)
    return baseline, json.loads(results.read_text("utf-8"))


def spoil(data: dict, path: str, value: object) -> dict:
    data = json.loads(json.dumps(data))
    *parents, last = path.split("/")
    target = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(("path", "value", "named"), [
    ("systems", {}, "systems: must be a list, got {}"),
    ("gold", KeyError, "gold: missing"),
    ("systems/0/scores/strict/signature", "not-a-signature",
     "systems[0].scores.strict.signature: not a signature: 'not-a-signature'"),
    ("systems/0/scores/strict/per_label/LOC/f1", "0.5",
     "systems[0].scores.strict.per_label.LOC.f1: must be a number, got '0.5'"),
    ("systems/0/scores/strict/overall/f1_ci", [0.1],
     "systems[0].scores.strict.overall.f1_ci: must be [low, high] or null"),
])
def test_the_gate_names_the_file_and_key_of_malformed_results(tmp_path, gated, path, value,
                                                              named):
    baseline, results = gated
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spoil(results, path, value)), "utf-8")
    done = bench("check", "--baseline", str(baseline), "--results", str(bad), expect=2)
    assert f"{bad}: {named}" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = bench("baseline", "update", "--baseline", str(tmp_path / "b2.json"),
                 "--results", str(bad), expect=2)
    assert f"{bad}: {named}" in done.stderr and not (tmp_path / "b2.json").exists()


def test_the_gate_names_a_malformed_baseline_signature(tmp_path, gated):
    baseline, _ = gated
    data = json.loads(baseline.read_text("utf-8"))
    data["signatures"]["strict"] = "arabench:0.1.0|boot:x"
    bad = tmp_path / "bad-baseline.json"
    bad.write_text(json.dumps(data), "utf-8")
    done = bench("check", "--baseline", str(bad), "--results", str(baseline.parent /
                                                                     "results.json"), expect=2)
    assert f"{bad}: signatures.strict: not a signature" in done.stderr


def test_the_default_tolerance_is_defined_once():
    import inspect

    from bench.gate import DEFAULT_TOLERANCE, check, compare

    assert DEFAULT_TOLERANCE == 0.02
    for function in (check, compare):
        assert inspect.signature(function).parameters["tolerance"].default is DEFAULT_TOLERANCE
