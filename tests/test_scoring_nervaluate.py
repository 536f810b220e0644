"""Differential tests: where greedy and optimal matching agree, we agree with nervaluate."""

from __future__ import annotations

import random

import pytest
from helpers import make_corpus, make_text, score_fast

nervaluate = pytest.importorskip("nervaluate")

LABELS = ["PERSON", "ORG", "LOC"]
NV_SCHEME = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def random_case(rng: random.Random, n_docs: int = 4):
    """Gold spans with gaps; each prediction overlaps at most one gold span and vice versa."""
    gold_docs, pred_docs, texts = [], [], []
    for _ in range(n_docs):
        gold, pred, pos = [], [], rng.randint(0, 3)
        for _ in range(rng.randint(0, 8)):
            gap_before = rng.randint(4, 8)
            start = pos + gap_before
            end = start + rng.randint(2, 9)
            label = rng.choice(LABELS)
            gold.append((start, end, label))
            roll = rng.random()
            if roll < 0.5:
                pred.append((start, end, label))
            elif roll < 0.65:
                pred.append((start, end, rng.choice(LABELS)))
            elif roll < 0.85:  # boundary noise, staying clear of the neighbours
                s = max(start - rng.randint(0, 2), pos + 1)
                e = end + rng.randint(0, 2)
                if (s, e) == (start, end):
                    e += 1
                pred.append((s, e, rng.choice([label, label, rng.choice(LABELS)])))
            # else: deleted
            pos = end + 3
            if rng.random() < 0.15:  # spurious prediction in the gap after this gold span
                pred.append((end + 3, end + 4, rng.choice(LABELS)))
                pos = end + 5
        texts.append(make_text(pos + 10))
        gold_docs.append(gold)
        pred_docs.append(pred)
    return texts, gold_docs, pred_docs


def nv_dicts(docs):
    return [[{"label": lab, "start": s, "end": e - 1} for s, e, lab in doc] for doc in docs]


@pytest.mark.parametrize("seed", range(40))
def test_counts_and_prf_equal_nervaluate(seed):
    rng = random.Random(seed)
    texts, gold_spans, pred_spans = random_case(rng)
    gold = make_corpus(texts, gold_spans)
    pred = make_corpus(texts, pred_spans)
    ours = score_fast(gold, pred, clitics=("strict",))
    nv = nervaluate.Evaluator(nv_dicts(gold_spans), nv_dicts(pred_spans), tags=LABELS,
                              loader="dict").evaluate()
    for scheme, nv_name in NV_SCHEME.items():
        theirs = nv["overall"][nv_name]
        tp = theirs.correct + (0.5 * theirs.partial if scheme == "partial" else 0)
        o = ours.scores[scheme].overall
        assert (o.tp, o.fp, o.fn) == (tp, theirs.actual - tp, theirs.possible - tp), scheme
        assert o.precision == pytest.approx(theirs.precision)
        assert o.recall == pytest.approx(theirs.recall)
        assert o.f1 == pytest.approx(theirs.f1)
    # per label: nervaluate filters both sides by label, which equals our accounting for the
    # two schemes that require the type to match
    for scheme in ("strict", "type"):
        for label, row in ours.scores[scheme].per_label.items():
            theirs = nv["entities"][label][NV_SCHEME[scheme]]
            assert (row.tp, row.tp + row.fp, row.tp + row.fn) == \
                (theirs.correct, theirs.actual, theirs.possible), (scheme, label)
