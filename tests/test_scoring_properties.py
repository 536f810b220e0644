"""Property tests of the scorer (hypothesis)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT
from helpers import make_corpus, make_text, score_fast
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.model import Corpus
from bench.scoring import score

LABELS = ["PERSON", "ORG", "LOC", "DATE"]
TEXT_LEN = 120
STRICT_KEYS = ("strict", "exact", "partial", "type")
KEYS = STRICT_KEYS + ("strict+lenient", "exact+lenient", "partial+lenient")


@st.composite
def flat_spans(draw):
    """Non-overlapping spans (a flat document: the validator forbids overlaps)."""
    cuts = sorted(draw(st.sets(st.integers(0, TEXT_LEN), max_size=16)))
    spans = []
    for s, e in zip(cuts[::2], cuts[1::2], strict=False):
        if e > s:
            spans.append((s, e, draw(st.sampled_from(LABELS))))
    return spans


@st.composite
def nested_spans(draw):
    """Spans that nest (each inside another or apart, never crossing), up to three
    levels deep; now and then one extent carries two labels."""
    spans: list[tuple[int, int, str]] = []

    def fill(lo: int, hi: int, depth: int, parent: tuple | None) -> None:
        cuts = sorted(draw(st.sets(st.integers(lo, hi), max_size=6)))
        for s, e in zip(cuts[::2], cuts[1::2], strict=False):
            label = draw(st.sampled_from(LABELS))
            if e <= s or (parent is not None and (s, e, label) == parent):
                continue  # an exact duplicate is not allowed
            spans.append((s, e, label))
            if depth < 2 and e - s > 2 and draw(st.booleans()):
                fill(s, e, depth + 1, (s, e, label))

    fill(0, TEXT_LEN, 0, None)
    return spans


@st.composite
def case(draw, nested: bool | None = None):
    """Texts with gold and predicted spans: flat, nested, or (None) either."""
    nested = draw(st.booleans()) if nested is None else nested
    spans = nested_spans if nested else flat_spans
    n = draw(st.integers(1, 3))
    texts = [make_text(TEXT_LEN, lines=3) for _ in range(n)]
    return texts, [draw(spans()) for _ in range(n)], [draw(spans()) for _ in range(n)]


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def both(texts, g, p):
    return make_corpus(texts, g, "gold"), make_corpus(texts, p, "pred")


@SETTINGS
@given(case())
def test_perfect_prediction_scores_one(c):
    texts, g, _ = c
    gold, _ = both(texts, g, g)
    if not any(g):
        return
    result = score_fast(gold, gold)
    for key in KEYS:
        o = result.scores[key].overall
        assert (o.precision, o.recall, o.f1, o.fp, o.fn) == (1.0, 1.0, 1.0, 0, 0)
    # nested gold against itself: 1.0 at every depth; flat gold has no depth tables (two
    # labels on one extent are one level, not two)
    nests = any(b[0] < a[1] and b[:2] != a[:2] for spans in g
                for a, b in zip(sorted(spans), sorted(spans)[1:], strict=False))
    assert (result.by_depth is not None) == nests
    for view, sc in (result.by_depth or {}).items():
        o = sc.overall
        assert (o.precision, o.recall, o.f1, o.fp, o.fn) == (1.0, 1.0, 1.0, 0, 0), view


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@SETTINGS
@given(case())
def test_swapping_gold_and_prediction_swaps_p_and_r(c):
    """Symmetric for strict boundaries only: clitic leniency is one-way by design (a
    prediction may carry extra proclitics, the gold's letters are never given away),
    see test_clitic_leniency_is_one_way."""
    texts, g, p = c
    gold, pred = both(texts, g, p)
    ab, ba = score_fast(gold, pred), score_fast(pred, gold)
    for key in STRICT_KEYS:
        x, y = ab.scores[key].overall, ba.scores[key].overall
        assert (x.precision, x.recall, x.tp) == pytest.approx((y.recall, y.precision, y.tp))


def test_clitic_leniency_is_one_way():
    text = "قال الرئيس في وبغداد امس"
    start = text.index("وبغداد")
    with_clitic = make_corpus([text], [[(start, start + 6, "LOC")]])
    bare = make_corpus([text], [[(start + 1, start + 6, "LOC")]])
    forward = score_fast(bare, with_clitic).scores  # prediction has the extra و
    backward = score_fast(with_clitic, bare).scores  # prediction drops a gold letter
    assert forward["strict+lenient"].overall.tp == 1 and forward["strict"].overall.tp == 0
    assert backward["strict+lenient"].overall.tp == 0


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@SETTINGS
@given(case())
def test_scheme_ordering(c):
    gold, pred = both(*c)
    s = score_fast(gold, pred).scores
    for suffix in ("", "+lenient"):
        for metric in ("precision", "recall", "f1"):
            strict, exact, partial = (getattr(s[k + suffix].overall, metric)
                                      for k in ("strict", "exact", "partial"))
            assert strict <= exact + 1e-12 <= partial + 2e-12
            assert strict <= getattr(s["type"].overall, metric) + 1e-12
        assert s["strict"].overall.tp <= s["strict+lenient"].overall.tp


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@SETTINGS
@given(case(), st.randoms(use_true_random=False))
def test_input_order_never_changes_a_number(c, rnd):
    gold, pred = both(*c)

    def shuffled(corpus: Corpus) -> Corpus:
        docs = [d.with_annotations(rnd.sample(d.annotations, len(d.annotations)))
                for d in corpus]
        return Corpus(rnd.sample(docs, len(docs)), corpus.name)

    kw = {"resamples": 30, "trials": 30}
    a = score(gold, {"x": pred}, **kw).to_json()
    b = score(shuffled(gold), {"x": shuffled(pred)}, **kw).to_json()
    assert a == b


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@SETTINGS
@given(case())
def test_rows_add_up_to_the_total(c):
    gold, pred = both(*c)
    for key, sc in score_fast(gold, pred).scores.items():
        for field in ("tp", "fp", "fn", "support", "predicted"):
            total = sum(getattr(r, field) for r in sc.per_label.values())
            assert total == pytest.approx(getattr(sc.overall, field)), (key, field)
            temporal = sum(getattr(r, field) for lab, r in sc.per_label.items()
                           if lab == "DATE")
            by_date = sum(getattr(r, field) for r in sc.per_date_type.values())
            assert by_date == pytest.approx(temporal), (key, field)
            assert getattr(sc.per_group["temporal"], field) == pytest.approx(temporal)
            groups = sum(getattr(r, field) for r in sc.per_group.values())
            assert groups == pytest.approx(getattr(sc.overall, field)), (key, field)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@SETTINGS
@given(case(nested=True))
def test_depth_tables_add_up_and_bound_the_nested_one(c):
    """flat + inner levels count every span once on each side (support and predicted
    add up to the nested table's), and each view's rows add up to its total."""
    gold, pred = both(*c)
    result = score_fast(gold, pred)
    if result.by_depth is None:
        return
    views = result.by_depth
    assert views["nested"] == result.scores["strict"]
    levels = [sc for view, sc in views.items() if view != "nested"]
    for field in ("support", "predicted"):
        assert sum(getattr(sc.overall, field) for sc in levels) == \
            getattr(views["nested"].overall, field)
    for sc in levels:
        for field in ("tp", "fp", "fn"):
            total = sum(getattr(r, field) for r in sc.per_label.values())
            assert total == pytest.approx(getattr(sc.overall, field))


def test_empty_sides_follow_the_zero_division_rule():
    texts = [make_text(50)]
    some = make_corpus(texts, [[(0, 3, "LOC")]])
    none = make_corpus(texts, [[]])
    o = score_fast(some, none).scores["strict"].overall
    assert (o.precision, o.recall, o.f1, o.fn) == (0.0, 0.0, 0.0, 1)
    o = score_fast(none, some).scores["strict"].overall
    assert (o.precision, o.recall, o.f1, o.fp) == (0.0, 0.0, 0.0, 1)
    o = score_fast(none, none).scores["strict"].overall
    assert (o.precision, o.recall, o.f1) == (0.0, 0.0, 0.0)
    o = score_fast(none, none, zero_division=1.0).scores["strict"].overall
    assert (o.precision, o.recall, o.f1) == (1.0, 1.0, 1.0)


def greedy_partial_tp(gold: list[tuple], pred: list[tuple]) -> float:
    """What a greedy matcher scores under ``partial``: each prediction, in text order,
    takes the free gold span it overlaps most."""
    free, tp = list(gold), 0.0
    for ps, pe, _label in sorted(pred):  # partial credit ignores the type
        overlaps = [(min(ge, pe) - max(gs, ps), (gs, ge, glab)) for gs, ge, glab in free
                    if min(ge, pe) > max(gs, ps)]
        if overlaps:
            _, best = max(overlaps)
            free.remove(best)
            tp += 1.0 if best[:2] == (ps, pe) else 0.5
    return tp


def test_optimal_not_greedy(monkeypatch):
    # gold A=[0,4) B=[5,12); predictions X=[2,9) overlaps A (2 chars) and B (4 chars),
    # Y=[10,12) overlaps B only. Greedy pairs X with B (larger overlap) and leaves A and Y
    # alone: partial TP 0.5. Optimal pairs X-A and Y-B: partial TP 1.0.
    from bench.scoring import matching

    texts = [make_text(30)]
    g = [(0, 4, "LOC"), (5, 12, "LOC")]
    p = [(2, 9, "LOC"), (10, 12, "LOC")]
    gold, pred = make_corpus(texts, [g]), make_corpus(texts, [p])
    shapes = []
    real = matching._enumerate
    monkeypatch.setattr(matching, "_enumerate", lambda *a: shapes.append(a[4:]) or real(*a))
    assert greedy_partial_tp(g, p) == 0.5
    for order in (pred, Corpus([d.with_annotations(d.annotations[::-1]) for d in pred])):
        s = score_fast(gold, order).scores
        assert s["partial"].overall.tp == 1.0 > greedy_partial_tp(g, p)
        assert (s["partial"].overall.fp, s["partial"].overall.fn) == (1.0, 1.0)
    assert (2, 2) in shapes  # one overlap group of two gold and two predicted spans


def dense_case():
    rng = random.Random(7)
    texts = [make_text(200)]
    g = [[(i, i + rng.randint(2, 6), rng.choice(LABELS)) for i in range(0, 190, 8)]]
    p = [[(i + 3, i + 3 + rng.randint(2, 7), rng.choice(LABELS)) for i in range(0, 185, 9)]]
    return g[0], p[0], both(texts, g, p)


def dense_case_json() -> str:
    _, _, (gold, pred) = dense_case()
    return score(gold, {"x": pred}, resamples=50, trials=50).to_json()


def max_matching(g, p, ok) -> int:
    """Size of a largest one-to-one pairing of gold and predicted spans with ``ok(g, p)``
    (augmenting paths: independent of the scorer's matching)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, q in enumerate(p):
            if ok(g[i], q) and j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(g)))


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_random_dense_cases_are_stable():
    """The counts a plain matching gives, and the same bytes in processes with other hash
    seeds (set and dict orders differ)."""
    g, p, _ = dense_case()
    first = dense_case_json()
    scores = json.loads(first)["systems"][0]["scores"]

    def overlap(a, b):
        return min(a[1], b[1]) > max(a[0], b[0])

    exact = len({s[:2] for s in g} & {s[:2] for s in p})
    strict = len(set(g) & set(p))
    assert exact == 0  # no exact spans: partial credit is half of a largest overlap pairing
    partial = 0.5 * max_matching(g, p, overlap)
    typed = max_matching(g, p, lambda a, b: overlap(a, b) and a[2] == b[2])
    for key, tp in (("strict", strict), ("exact", exact), ("partial", partial),
                    ("type", typed)):
        o = scores[key]["overall"]
        assert (o["support"], o["predicted"]) == (len(g), len(p)), key
        assert (o["tp"], o["fp"], o["fn"]) == (tp, len(p) - tp, len(g) - tp), key
    assert partial > 0 and typed > 0  # a dense case: the matchings had work to do
    code = ("import sys; from test_scoring_properties import dense_case_json; "
            "sys.stdout.buffer.write(dense_case_json().encode('utf-8'))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    for seed in ("0", "4242"):
        done = subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONHASHSEED": seed},
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout == first.encode("utf-8"), f"PYTHONHASHSEED={seed}"


def test_enumeration_and_hungarian_agree(monkeypatch):
    from bench.scoring import matching

    rng = random.Random(3)
    texts = [make_text(300) for _ in range(3)]
    g = [[(i, i + rng.randint(2, 7), rng.choice(LABELS)) for i in range(0, 290, 10)]
         for _ in texts]
    p = [[(i, i + rng.randint(2, 6), rng.choice(LABELS)) for i in range(rng.randint(0, 5), 280, 7)]
         for _ in texts]
    gold, pred = both(texts, g, p)
    shapes = []
    real = matching._enumerate
    monkeypatch.setattr(matching, "_enumerate", lambda *a: shapes.append(a[4:]) or real(*a))
    enumerated = score_fast(gold, pred).scores
    assert any(min(shape) >= 2 for shape in shapes)  # real groups were enumerated
    monkeypatch.setattr(matching, "MAX_ENUMERATED", 0)
    hungarian = score_fast(gold, pred).scores
    for key, sc in enumerated.items():
        a, b = sc.overall, hungarian[key].overall
        assert (a.tp, a.fp, a.fn) == (b.tp, b.fp, b.fn), key


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 300), st.sampled_from([0, 1, 7, 250]))
def test_bootstrap_totals_equal_the_plain_product(seed, n_units, resamples):
    """Distinct rows weighted by their units' summed weights give, to the last bit, the
    product of every unit's weights by its counts (repeated rows, rows of zeros, halves)."""
    from bench.scoring import stats

    rng = np.random.default_rng(seed)
    patterns = rng.integers(0, 3, (max(1, n_units // 4), 6)) / rng.choice([1, 2], 6)
    counts = patterns[rng.integers(0, len(patterns), n_units)]
    counts[rng.random(n_units) < 0.3] = 0
    keys = rng.integers(0, 2**63, n_units, dtype=np.uint64)
    plain = np.concatenate([np.zeros((0, 6))] + [
        w.astype(float) @ counts for w in stats._bootstrap_weights(keys, resamples, seed)])
    assert np.array_equal(stats.bootstrap_totals(counts, keys, resamples, seed), plain)
