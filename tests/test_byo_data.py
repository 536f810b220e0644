"""The field's own data: gold and system output as CoNLL files with their own labels,
scored in one command the way seqeval (conlleval-compatible) scores them; Wojood with its
own types; the one-line hints for the usual first mistakes."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from conftest import needs_corpora
from test_cli_errors import bench

TYPES = ("PERS", "LOC", "ORG", "MISC")
WORDS = "قال الرئيس محمد في بغداد ان شركة النفط وصلت الى دمشق امس".split()
BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def tag_files(tmp_path: Path, seed: int, blank_lines: bool) -> tuple[Path, Path]:
    """A gold and a system CoNLL file over the same tokens, system tags perturbed (invalid
    I- continuations included; the full stops' tags too, so a file without blank lines is
    cut into sentences differently: the scorer aligns the system's tokens to the gold's)."""
    rng = random.Random(seed)
    tags = ["O", "O", "O"] + [f"{p}-{t}" for p in "BI" for t in TYPES]
    gold, system = [], []
    for _ in range(rng.randint(20, 40)):
        for token in [rng.choice(WORDS) for _ in range(rng.randint(4, 14))] + ["."]:
            tag = rng.choice(tags)
            gold.append(f"{token} {tag}")
            system.append(f"{token} {tag if rng.random() < 0.75 else rng.choice(tags)}")
        if blank_lines:
            gold.append("")
            system.append("")
    (tmp_path / "gold.conll").write_text("\n".join(gold) + "\n", "utf-8")
    (tmp_path / "sys.conll").write_text("\n".join(system) + "\n", "utf-8")
    return tmp_path / "gold.conll", tmp_path / "sys.conll"


def seqeval_tags(path: Path, blank_lines: bool) -> list[list[str]]:
    """The tag sequences seqeval reads from a CoNLL file: one per sentence (blank lines),
    or the whole file as one; tokens that are only bidi marks are not tokens (as bench
    reads them)."""
    sequences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split()
        if len(fields) < 2:
            if blank_lines and current:
                sequences.append(current)
                current = []
            continue
        if BIDI.sub("", fields[0]):
            current.append(fields[-1])
    return sequences + ([current] if current else [])


def assert_as_seqeval(gold: Path, system: Path, blank_lines: bool, tmp_path: Path) -> None:
    from seqeval.metrics import classification_report

    out = tmp_path / "results.json"
    bench("score", f"conll:{gold}", f"conll:{system}", "--labels", "native", "--resamples",
          "0", "--trials", "0", "--json", str(out), expect=0)
    strict = json.loads(out.read_text("utf-8"))["systems"][0]["scores"]["strict"]
    report = classification_report(seqeval_tags(gold, blank_lines),
                                   seqeval_tags(system, blank_lines), output_dict=True,
                                   zero_division=0)
    for label in TYPES:
        if label not in report:
            continue
        ours, theirs = strict["per_label"][label], report[label]
        assert [round(ours[k], 4) for k in ("precision", "recall", "f1")] == [
            round(theirs[k], 4) for k in ("precision", "recall", "f1-score")], label
        assert ours["support"] == theirs["support"], label
    micro = report["micro avg"]
    assert [round(strict["overall"][k], 4) for k in ("precision", "recall", "f1")] == [
        round(micro[k], 4) for k in ("precision", "recall", "f1-score")]


@pytest.mark.parametrize("seed", [0, *(pytest.param(s, marks=pytest.mark.slow)
                                      for s in range(1, 4))])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_two_conll_files_score_as_seqeval(tmp_path, seed, blank_lines):
    gold, system = tag_files(tmp_path, seed, blank_lines)
    assert_as_seqeval(gold, system, blank_lines, tmp_path)


@pytest.mark.slow
def test_anercorp_with_perturbed_tags_scores_as_seqeval(tmp_path):
    gold = needs_corpora("anercorp", "ANERCorp.train")
    rng = random.Random(7)
    tags = ["O"] + [f"{p}-{t}" for p in "BI" for t in TYPES]
    lines = []
    for line in gold.read_text("utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and rng.random() < 0.05:
            line = " ".join([*fields[:-1], rng.choice(tags)])
        lines.append(line)
    system = tmp_path / "sys.conll"
    system.write_text("\n".join(lines) + "\n", "utf-8")
    assert_as_seqeval(gold, system, False, tmp_path)


@pytest.mark.slow
def test_wojood_with_its_own_types_scores_one_against_itself_at_every_depth(tmp_path):
    val = needs_corpora("wojood-sample", "val.txt")
    out = tmp_path / "results.json"
    bench("score", f"conll:{val}", f"conll:{val}", "--labels", "native", "--resamples", "0",
          "--trials", "0", "--json", str(out), expect=0)
    system = json.loads(out.read_text("utf-8"))["systems"][0]
    present = {line.split()[i][2:] for line in val.read_text("utf-8").splitlines()
               if len(line.split()) > 1 for i in range(1, len(line.split()))
               if line.split()[i][:2] in ("B-", "I-")}
    assert set(system["scores"]["strict"]["per_label"]) == present and len(present) > 8
    assert {v["overall"]["f1"] for v in system["by_depth"].values()} == {1.0}
    assert set(system["by_depth"]) >= {"flat", "nested", "level 2"}


def test_tokens_that_differ_from_the_gold_are_named(tmp_path):
    gold, system = tag_files(tmp_path, 0, True)
    text = system.read_text("utf-8")
    first = text.split()[0]
    system.write_text(text.replace(first, "كلمة", 1), "utf-8")
    done = bench("score", f"conll:{gold}", f"conll:{system}", "--labels", "native", expect=2)
    assert f"token 1 is 'كلمة' where the gold has {first!r}" in done.stderr


@pytest.mark.slow
def test_the_first_mistakes_get_a_hint(tmp_path):
    gold, system = tag_files(tmp_path, 1, True)
    done = bench("score", f"conll:{gold}", str(system), expect=2)  # no conll: on PRED
    assert done.stderr.strip().splitlines()[-1] == (
        f"{system}: not a corpus directory (with seeds/) or a .jsonl file (a conll file? give "
        f"it as conll:{system})")
    bench("convert", f"conll:{gold}", str(tmp_path / "gold.jsonl"), "--labels", "native",
          expect=0)
    done = bench("validate", str(tmp_path / "gold.jsonl"), expect=1)
    assert ("the built-in label mapping anercorp maps it (--labels anercorp), and --labels "
            "native keeps every label as it is") in done.stdout
    bench("validate", str(tmp_path / "gold.jsonl"), "--labels", "native", expect=0)
    bench("convert", f"conll:{system}", str(tmp_path / "sys.jsonl"), "--labels", "native",
          expect=0)
    done = bench("score", str(tmp_path / "gold.jsonl"), str(tmp_path / "sys.jsonl"), "--labels",
                 "native", expect=2)
    assert done.stderr.splitlines()[0] == (
        f"{tmp_path / 'sys.jsonl'}: no document id in common with the gold (ids of CoNLL and "
        "TimeML files come from their file names; predictions given as FMT:PATH are matched "
        "by position when no id is shared)")
    done = bench("score", f"conll:{gold}", f"conll:{system}", "--labels", "native",
                 "--resamples", "0", "--trials", "0", expect=0)
    assert "matched to the gold's by position" in done.stderr


def test_native_files_keep_their_own_labels_with_labels_native(tmp_path):
    gold, _ = tag_files(tmp_path, 2, True)
    native = tmp_path / "gold.jsonl"
    bench("convert", f"conll:{gold}", str(native), "--labels", "native", expect=0)
    done = bench("score", str(native), str(native), "--labels", "native", "--resamples", "0",
                 "--trials", "0", expect=0)
    assert re.search(r"\| MISC +\| \d+ +\| \d+ +\| 0 +\| 0 +\| 1\.000 \| 1\.000 \| 1\.000 \|",
                     done.stdout)


def test_a_corpus_with_its_own_labels_is_tabled_in_its_schema(tmp_path):
    """ANERcorp's types in the published order (PERS, LOC, ORG, MISC), all four entities;
    Wojood's DATE and TIME (no TIMEX3 values) make the temporal group, its numbers none."""
    gold, system = tag_files(tmp_path, 3, True)
    out = tmp_path / "results.json"
    bench("score", f"conll:{gold}", f"conll:{system}", "--labels", "native", "--resamples",
          "0", "--trials", "0", "--json", str(out), expect=0)
    strict = json.loads(out.read_text("utf-8"))["systems"][0]["scores"]["strict"]
    assert list(strict["per_label"]) == ["PERS", "LOC", "ORG", "MISC"]
    assert strict["per_group"]["entities"]["support"] == strict["overall"]["support"] > 0
    assert strict["per_group"]["entities"]["f1"] == strict["overall"]["f1"]


@pytest.mark.slow
def test_wojood_groups_follow_its_schema(tmp_path):
    from bench.schema import Kind, builtin_schema

    val = needs_corpora("wojood-sample", "val.txt")
    out = tmp_path / "results.json"
    bench("score", f"conll:{val}", f"conll:{val}", "--labels", "native", "--resamples", "0",
          "--trials", "0", "--json", str(out), expect=0)
    strict = json.loads(out.read_text("utf-8"))["systems"][0]["scores"]["strict"]
    schema = builtin_schema("wojood")
    assert list(strict["per_label"]) == [lab for lab in schema.labels()
                                         if lab in strict["per_label"]]
    for group, kinds in (("entities", {Kind.ENTITY}), ("temporal", {Kind.TIME})):
        assert strict["per_group"][group]["support"] == sum(
            row["support"] for lab, row in strict["per_label"].items()
            if schema.kind(lab) in kinds)


@pytest.mark.slow
def test_a_suite_task_keeps_its_corpus_labels(tmp_path):
    gold, _ = tag_files(tmp_path, 4, True)
    (tmp_path / "s.toml").write_text(f'''name = "own"
backends = ["gazetteer-ner"]
[[tasks]]
name = "ner"
corpus = "conll:{gold.name}"
kind = "entities"
labels = "native"
''', "utf-8")
    bench("suite", "run", str(tmp_path / "s.toml"), "--out", str(tmp_path / "out"), "--cache",
          str(tmp_path / "cache"), "--resamples", "0", "--trials", "0", cwd=tmp_path, expect=0)
    results = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))
    strict = results["systems"][0]["scores"]["strict"]
    assert "|labels:native|" in strict["signature"]
    # the backend declares canonical labels: scored on the gold's LOC and ORG, its own
    # PERSON and NORP are false positives against PERS
    assert {"LOC", "ORG"} <= set(strict["per_label"]) and strict["per_label"]["LOC"]["support"]


@pytest.mark.slow
def test_a_schema_file_keeps_its_labels_in_its_order_and_kinds(tmp_path):
    gold, system = tag_files(tmp_path, 5, True)
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"labels": [
        {"name": "ORG", "kind": "entity"}, {"name": "PERS", "kind": "entity"},
        {"name": "LOC", "kind": "entity"}, {"name": "MISC", "kind": "other"}]}), "utf-8")
    out = tmp_path / "results.json"
    bench("score", f"conll:{gold}", f"conll:{system}", "--labels", str(schema),
          "--resamples", "0", "--trials", "0", "--json", str(out), expect=0)
    strict = json.loads(out.read_text("utf-8"))["systems"][0]["scores"]["strict"]
    assert list(strict["per_label"]) == ["ORG", "PERS", "LOC", "MISC"]
    assert strict["per_group"]["entities"]["support"] == sum(
        strict["per_label"][lab]["support"] for lab in ("ORG", "PERS", "LOC"))
    native = tmp_path / "gold.jsonl"
    bench("convert", f"conll:{gold}", str(native), "--labels", "native", expect=0)
    bench("validate", str(native), "--labels", str(schema), expect=0)
    done = bench("validate", str(native), "--labels", str(tmp_path / "nope.json"), expect=2)
    assert "no such label mapping" in done.stderr
    schema.write_text(json.dumps({"labels": [{"name": "PERS", "kind": "entity"}]}), "utf-8")
    done = bench("validate", str(native), "--labels", str(schema), expect=1)
    assert "unknown label 'MISC' (known: PERS)" in done.stdout
    done = bench("stats", f"conll:{gold}", "--labels", str(schema), expect=2)
    assert f"{schema}: " in done.stderr and "not in the mapping" in done.stderr
    schema.write_text(json.dumps({"labels": [{"name": "PERS", "kind": "person"}]}), "utf-8")
    done = bench("stats", f"conll:{gold}", "--labels", str(schema), expect=2)
    assert done.stderr.strip() == (f"{schema}: labels: labels[0]: needs a name and a kind "
                                   "(entity, timex, time, other), got {'name': 'PERS', "
                                   "'kind': 'person'}")
