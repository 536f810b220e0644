"""bench agree: symmetric, 1.0 on identical sets, the expected counts on a hand-made
disagreement, kappa equal to scikit-learn's, Fleiss' kappa on the textbook example, and
its mistakes answered in one line."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from helpers import make_corpus, make_text

from bench.io.native import write_jsonl
from bench.problems import InputError
from bench.scoring.agreement import agree, cohen_kappa, fleiss_kappa, token_labels

TEXT = make_text(80)


def sets():
    a = make_corpus([TEXT], [[(0, 3, "PERSON"), (14, 19, "DATE", "2021"), (31, 37, "LOC")]])
    b = make_corpus([TEXT], [[(0, 3, "PERSON"), (14, 19, "DATE", "2020"), (38, 45, "ORG")]])
    return a, b


def test_identical_sets_agree_fully():
    a, _ = sets()
    result = agree([a, a], ["x", "y"])
    (pair,) = result.pairs
    assert all(v == 1.0 for rows in pair.f1.values() for v in rows.values())
    assert pair.kappa == 1.0 and pair.value == 1.0 and not pair.disagreements


def test_a_hand_made_disagreement_gives_the_expected_counts():
    a, b = sets()
    (pair,) = agree([a, b], ["a", "b"]).pairs
    assert pair.support["overall"] == (3, 3)
    assert pair.f1["strict"]["overall"] == pytest.approx(2 / 3)  # two of three alike
    assert pair.f1["strict"]["PERSON"] == 1.0 and pair.f1["strict"]["LOC"] == 0.0
    assert pair.timex_matched == 1 and pair.value == 0.0  # 2021 against 2020
    kinds = sorted(i.kind for i in pair.disagreements)
    assert kinds == ["false_alarm", "missed"]


def test_agreement_is_symmetric():
    a, b = sets()
    (ab,) = agree([a, b], ["a", "b"]).pairs
    (ba,) = agree([b, a], ["b", "a"]).pairs
    assert ab.f1 == ba.f1 and ab.kappa == ba.kappa and ab.value == ba.value
    assert ab.support["overall"] == ba.support["overall"][::-1]
    assert sorted(i.kind for i in ab.disagreements) == sorted(
        {"missed": "false_alarm", "false_alarm": "missed"}.get(i.kind, i.kind)
        for i in ba.disagreements)


@pytest.mark.parametrize("seed", range(20))
def test_kappa_equals_scikit_learn_on_the_same_tokens(seed):
    from sklearn.metrics import cohen_kappa_score

    rng = random.Random(seed)
    text = make_text(300)
    labels = ["PERSON", "LOC", "ORG", "DATE"]

    def side():
        spans, pos = [], 0
        while pos < 280:
            start = pos + rng.randint(0, 12)
            end = start + rng.randint(1, 10)
            spans.append((start, end, rng.choice(labels)))
            pos = end + 1
        return make_corpus([text], [spans])
    a, b = side(), side()
    ta, tb = token_labels(a.documents[0]), token_labels(b.documents[0])
    (pair,) = agree([a, b], ["a", "b"]).pairs
    assert pair.kappa == pytest.approx(cohen_kappa_score(ta, tb), abs=1e-12)
    assert cohen_kappa(ta, tb) == pytest.approx(cohen_kappa_score(ta, tb), abs=1e-12)


def test_fleiss_kappa_on_the_textbook_example():
    """Fleiss (1971) as Wikipedia's article works it: 10 items, 14 raters, kappa 0.210."""
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
             [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
             [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    ratings = [[f"c{k}" for k, n in enumerate(row) for _ in range(n)] for row in table]
    assert fleiss_kappa(ratings) == pytest.approx(0.2099, abs=5e-5)
    a, _ = sets()
    assert agree([a, a, a], ["x", "y", "z"]).fleiss == 1.0


def test_sets_of_other_texts_are_refused():
    a, _ = sets()
    other = make_corpus([make_text(81)], [[]])
    with pytest.raises(InputError, match="text differs"):
        agree([a, other], ["a", "b"])


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_cli_agree_and_its_mistakes(tmp_path):
    a, b = sets()
    write_jsonl(a.documents, tmp_path / "a.jsonl")
    write_jsonl(b.documents, tmp_path / "b.jsonl")

    def bench(*args):
        return subprocess.run([sys.executable, "-m", "bench", "agree", *map(str, args)],
                              capture_output=True, text=True)
    done = bench(tmp_path / "a.jsonl", tmp_path / "b.jsonl", "--json", tmp_path / "ag.json")
    assert done.returncode == 0, done.stderr
    assert "Disagreements: 2" in done.stdout and "strict F1" in done.stdout
    data = json.loads((tmp_path / "ag.json").read_text("utf-8"))
    assert data["pairs"][0]["f1"]["strict"]["overall"] == pytest.approx(2 / 3, abs=1e-6)
    for args, needle in (([tmp_path / "a.jsonl"], "give two or more annotation sets"),
                         ([tmp_path / "a.jsonl", tmp_path / "b.jsonl", "--name", "x"],
                          "give one distinct --name per SET"),
                         ([tmp_path / "a.jsonl", tmp_path / "nope.jsonl"], "nope.jsonl")):
        done = bench(*args)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert needle in done.stderr.strip().splitlines()[-1]
