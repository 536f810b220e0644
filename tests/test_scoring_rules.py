"""The documented scoring rules, one by one."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ROOT
from helpers import make_corpus, make_doc, make_text, score_fast
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.cli import main
from bench.loader import load_corpus
from bench.model import Annotation, Corpus
from bench.scoring import score
from bench.scoring.stats import approximate_randomisation_p, holm, paired_bootstrap_p
from bench.scoring.values import granularity_credit, value_credit


def test_type_confusion_accounting():
    texts = [make_text(40)]
    gold = make_corpus(texts, [[(4, 10, "LOC")]])
    pred = make_corpus(texts, [[(4, 10, "ORG")]])
    s = score_fast(gold, pred).scores
    strict = s["strict"].per_label
    assert (strict["LOC"].tp, strict["LOC"].fn, strict["LOC"].fp) == (0, 1, 0)
    assert (strict["ORG"].tp, strict["ORG"].fn, strict["ORG"].fp) == (0, 0, 1)
    assert strict["ORG"].predicted == 1 and strict["ORG"].support == 0
    exact = s["exact"].per_label
    assert exact["LOC"].tp == 1 and exact["ORG"].fp == 0
    assert s["partial"].overall.tp == 1 and s["type"].overall.tp == 0


def test_optional_gold_is_neither_rewarded_nor_penalised():
    text = make_text(60)
    gold = Corpus([make_doc("d000", text, [(0, 3, "PERSON"), (11, 14, "LOC")]).with_annotations(
        [Annotation("T1", 0, 3, "PERSON", text[0:3]),
         Annotation("T2", 11, 14, "LOC", text[11:14], optional=True)])])
    hit = make_corpus([text], [[(0, 3, "PERSON"), (11, 14, "LOC")]])
    miss = make_corpus([text], [[(0, 3, "PERSON")]])
    wrong = make_corpus([text], [[(0, 3, "PERSON"), (10, 13, "ORG")]])
    for pred in (hit, miss, wrong):
        o = score_fast(gold, pred).scores["strict"].overall
        assert (o.tp, o.fp, o.fn, o.support) == (1, 0, 0, 1)


def test_clitic_leniency_on_real_words():
    text = "زار وبغداد ثم بغداد وقال للعراق و\"داعش\" في واشنطن"

    def at(word, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return start, start + len(word)

    gold_spans = [(*at("بغداد"), "LOC"), (*at("بغداد", 1), "LOC"), (*at("لعراق"), "LOC"),
                  (*at("داعش"), "ORG"), (*at("واشنطن"), "LOC")]
    pred_spans = [(*at("وبغداد"), "LOC"),               # extra proclitic: lenient ok
                  (at("بغداد", 1)[0] + 1, at("بغداد", 1)[1], "LOC"),  # dropped the ب: no
                  (*at("للعراق"), "LOC"),               # fused لل: ok
                  (*at("و\"داعش\""), "ORG"),            # proclitic + quotes: ok
                  (at("واشنطن")[0] + 1, at("واشنطن")[1], "LOC")]  # stripped و of the name: no
    gold = make_corpus([text], [gold_spans])
    pred = make_corpus([text], [pred_spans])
    s = score_fast(gold, pred).scores
    assert s["strict"].overall.tp == 0
    assert s["strict+lenient"].overall.tp == 3
    items = score_fast(gold, pred).alignment
    assert sorted(i.clitic_only for i in items) == [False, False, True, True, True]


@pytest.mark.parametrize("gold,pred,credit", [
    ("2021-07-26", "2021-07-26", 1.0), ("2021-07-26", "2021-07", 2 / 3),
    ("2021-07-26", "2021", 1 / 3), ("2021-07", "2021-07-26", 2 / 3),
    ("2021-07-26", "2021-07-25", 0.0), ("2021-07-26TEV", "2021-07-26", 0.75),
    ("PTXH", "PT3H", 0.5), ("P3D", "P2D", 0.0), ("P3D", "PT3H", 0.0),
    ("PRESENT_REF", "2021-07-26", 0.0), ("2021-Q3", "2021-07", 0.0),
])
def test_granularity_credit(gold, pred, credit):
    assert granularity_credit(gold, pred) == pytest.approx(credit)


def test_value_credit_needs_mod():
    assert value_credit("2021", "END", "2021", "END") == (True, 1.0)
    assert value_credit("2021", "END", "2021", None) == (False, 0.5)
    assert value_credit("2021", None, None, None) == (False, 0.0)


def test_values_per_date_type_and_na():
    text = make_text(80)
    gold = make_corpus([text], [[(0, 3, "DATE", "2021-07-26"), (20, 25, "DATE", "2021")]])
    good = make_corpus([text], [[(0, 3, "DATE", "2021-07"), (20, 25, "DATE", "2021")]])
    v = score_fast(gold, good).values
    assert (v.overall.matched, v.overall.correct) == (2, 1)
    assert v.overall.accuracy == 0.5 and v.overall.lenient_accuracy == pytest.approx(5 / 6)
    assert v.f1 == 0.5
    valueless = Corpus([d.with_annotations([a.replace(value=None) for a in d.annotations])
                        for d in good])
    v = score_fast(gold, valueless).values
    assert v.overall.matched == 2 and v.overall.accuracy is None and v.f1 is None


def test_holm_adjustment():
    assert holm(np.array([0.01, 0.04, 0.03])).tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert holm(np.array([0.5, 0.9])).tolist() == pytest.approx([1.0, 1.0])


def test_significance_tests_separate_and_confuse_correctly():
    rng = np.random.default_rng(0)
    units = 200
    good = np.stack([rng.integers(8, 10, units), rng.integers(0, 2, units),
                     rng.integers(0, 2, units)], axis=1).astype(float)
    bad = np.stack([rng.integers(3, 6, units), rng.integers(3, 6, units),
                    rng.integers(3, 6, units)], axis=1).astype(float)
    p = approximate_randomisation_p(np.stack([good, good]), np.stack([bad, good]), 500, 1)
    assert p[0] < 0.01 and p[1] == 1.0
    same = rng.normal(0.7, 0.01, 1000)
    assert paired_bootstrap_p(same, same, 0.0) == 1.0
    assert paired_bootstrap_p(same + 0.3, same, 0.3) < 0.01


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    (doc,) = load_corpus(ROOT)
    pred = Corpus([doc.with_annotations(doc.annotations[::2])])
    gold = Corpus([doc])
    a = score(gold, {"x": pred}, resamples=200, trials=200, seed=1)
    b = score(gold, {"x": pred}, resamples=200, trials=200, seed=1)
    c = score(gold, {"x": pred}, resamples=200, trials=200, seed=2)
    assert a.to_json() == b.to_json()
    row = a.systems[0].scores["strict"].overall
    assert row.f1_ci[0] <= row.f1 <= row.f1_ci[1] and row.f1_ci[0] < row.f1_ci[1]
    assert row.f1_ci != c.systems[0].scores["strict"].overall.f1_ci
    assert a.gold["unit"] == "paragraph" and a.gold["units"] == doc.text.count("\n") + 1


def test_results_json_layout_and_signature():
    (doc,) = load_corpus(ROOT)
    res = score(Corpus([doc]), {"x": Corpus([doc])}, resamples=10, trials=10).to_dict()
    system = res["systems"][0]
    assert set(system["scores"]) == {"strict", "exact", "partial", "type", "strict+lenient",
                                     "exact+lenient", "partial+lenient"}
    block = system["scores"]["strict+lenient"]
    for part in (block["overall"], *block["per_label"].values(),
                 *block["per_date_type"].values()):
        assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= set(part)
    assert set(block["per_date_type"]) == {"DATE/absolute", "DATE/relative", "TIME", "DURATION"}
    sig = block["signature"]
    for piece in ("scheme:strict", "clitics:lenient", "labels:canonical",
                  f"gold:{res['gold']['sha256'][:12]}", "arabench:0.1.0"):
        assert piece in sig
    json.dumps(res)  # serialisable


def test_cli_score_writes_json(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["score", str(ROOT), str(ROOT / "gold"), "--json", str(out),
                 "--resamples", "20", "--trials", "20"]) == 0
    res = json.loads(out.read_text("utf-8"))
    assert res["systems"][0]["scores"]["strict"]["overall"]["f1"] == 1.0
    assert "strict+lenient" in capsys.readouterr().out


def _write_pred(tmp_path, change) -> str:
    obj = json.loads((ROOT / "gold" / "000_8ba17c093c48657a.json").read_text("utf-8"))
    change(obj)
    pred = tmp_path / "pred"
    pred.mkdir(exist_ok=True)
    (pred / "000_8ba17c093c48657a.json").write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    return str(pred)


@pytest.mark.parametrize("change,fragment", [
    (lambda o: o["annotations"][2].update(end=10 ** 6), "T3: offsets [21, 1000000)"),
    (lambda o: o["annotations"][2].update(text="x"), "T3: text 'x' does not equal"),
    (lambda o: o["annotations"][2].update(label="GPE"), "T3: unknown label 'GPE'"),
    (lambda o: o.update(text_sha256="1" * 64), "text_sha256 differs from the gold's"),
    (lambda o: o.update(doc_id="other"),
     "1 document (other (000_8ba17c093c48657a.json)) not in the gold"),
    (lambda o: o.pop("annotations"), "missing field 'annotations'"),
])
def test_cli_score_rejects_bad_predictions(tmp_path, capsys, change, fragment):
    pred = _write_pred(tmp_path, change)
    assert main(["score", str(ROOT), pred, "--resamples", "5", "--trials", "5"]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "000_8ba17c093c48657a.json" in err


def test_cli_score_rejects_malformed_json(tmp_path, capsys):
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.json").write_text("{not json", "utf-8")
    assert main(["score", str(ROOT), str(pred)]) == 2
    assert "a.json:1: invalid JSON" in capsys.readouterr().err


def test_prediction_values_are_optional_but_checked_when_present(tmp_path, capsys):
    pred = _write_pred(tmp_path, lambda o: [a.pop("value") for a in o["annotations"]
                                            if "value" in a])
    assert main(["score", str(ROOT), pred, "--resamples", "5", "--trials", "5"]) == 0
    assert "n/a" in capsys.readouterr().out
    pred = _write_pred(tmp_path, lambda o: o["annotations"][3].update(value="yesterday"))
    assert main(["score", str(ROOT), pred, "--resamples", "5", "--trials", "5"]) == 0
    err = capsys.readouterr().err  # the prediction side reads a bad value as absent, and says so
    assert "T4: value 'yesterday' is not a valid TIMEX3 DATE value: read as absent" in err
    assert "1 invalid TIMEX3 value(s) read as absent" in err
    assert main(["validate", "--predictions", "--corpus", str(ROOT), pred]) == 1


def test_gold_without_values_is_not_graded():
    text = make_text(60)
    gold = Corpus([make_doc("d000", text, [(0, 3, "DATE", "2021"), (20, 25, "DATE")])
                   .with_annotations([Annotation("T1", 0, 3, "DATE", text[0:3], "2021",
                                                 form="absolute"),
                                      Annotation("T2", 20, 25, "DATE", text[20:25],
                                                 form="relative")])])
    pred = make_corpus([text], [[(0, 3, "DATE", "2021"), (20, 25, "DATE", "2020")]])
    v = score_fast(gold, pred).values
    assert (v.overall.matched, v.overall.correct, v.overall.accuracy) == (1, 1, 1.0)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))))
def test_components_rank_as_scipys(case):
    """The overlap groups' connected components (numpy) number the components as
    scipy.sparse.csgraph does."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from bench.scoring.matching import components

    n, edges = case
    a = np.array([e[0] for e in edges], dtype=np.int64)
    b = np.array([e[1] for e in edges], dtype=np.int64)
    ours = components(n, a, b)
    _, theirs = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)),
                                     directed=False)
    assert np.array_equal(np.unique(ours, return_inverse=True)[1], theirs)
    assert all(ours[i] <= i for i in range(n))
