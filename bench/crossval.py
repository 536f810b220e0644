"""Cross-validation and held-out scores of the trainable baseline (:mod:`bench.learn`),
scored with the project's scorer: above both, so that training never imports scoring.

Folds stay honest: each fold's model (its name lists included) is trained on the other
folds' sentences only; word clusters, learned once from unlabelled text the caller names,
may include the test sentences' text (never their labels), as is usual for Brown
clusters."""

from __future__ import annotations

import time
from dataclasses import replace

from bench.learn.clusters import Clusters
from bench.learn.features import DEFAULT_GROUPS
from bench.learn.model import ModelKind, require
from bench.learn.train import entity_labels, sentence_documents, split_holdout, tag_document, train
from bench.model import Corpus
from bench.problems import InputError
from bench.scoring import Results, score


def cross_validate(corpus: Corpus, kind: ModelKind, k: int, seed: int = 0,
                   groups: tuple[str, ...] = DEFAULT_GROUPS, clusters: Clusters | None = None,
                   **score_options) -> tuple[Results, list[float]]:
    """K folds of contiguous sentences (each sentence a document, so a fold never splits
    one); every fold tagged by a model of ``kind`` trained on the others; all test folds
    scored at once with the project's scorer. Returns (Results, seconds per fold)."""
    kind = require(kind)
    labels = entity_labels(corpus)
    sents = sentence_documents(corpus, labels)
    if k < 2 or k > len(sents):
        raise InputError.one("--cv", f"needs 2 <= K <= {len(sents)} (sentences), got {k}")
    predicted, seconds = [], []
    bounds = [round(i * len(sents) / k) for i in range(k + 1)]
    for f in range(k):
        test = sents[bounds[f]:bounds[f + 1]]
        t0 = time.perf_counter()
        tagger = train(Corpus(sents[:bounds[f]] + sents[bounds[f + 1]:], name=corpus.name),
                       kind, seed, groups, clusters)
        predicted += [replace(d, annotations=tuple(tag_document(tagger, d))) for d in test]
        seconds.append(time.perf_counter() - t0)
    gold = Corpus(sents, name=f"{corpus.name} ({k}-fold, by sentence)")
    return score(gold, {f"sklearn-{kind}": Corpus(predicted, name="cv")}, **score_options), \
        seconds


def holdout_score(corpus: Corpus, kind: ModelKind, fraction: float, seed: int = 0,
                  groups: tuple[str, ...] = DEFAULT_GROUPS, clusters: Clusters | None = None,
                  **score_options) -> tuple[Results, float]:
    """The last ``fraction`` of the sentences tagged by a model trained on the rest (the
    split of a suite task's ``holdout``), scored on the entity labels it learns, as
    :func:`cross_validate` is. Returns (Results, seconds)."""
    kind = require(kind)
    if not 0 < fraction < 1:
        raise InputError.one("--holdout", f"a fraction between 0 and 1, got {fraction}")
    labels = entity_labels(corpus)
    train_part, test = split_holdout(corpus, fraction)
    t0 = time.perf_counter()
    tagger = train(train_part, kind, seed, groups, clusters)
    gold = Corpus([replace(d, annotations=tuple(a for a in d.annotations if a.label in labels))
                   for d in test], name=test.name)
    predicted = [replace(d, annotations=tuple(tag_document(tagger, d))) for d in gold]
    return score(gold, {f"sklearn-{kind}": Corpus(predicted, name="holdout")},
                 **score_options), time.perf_counter() - t0
