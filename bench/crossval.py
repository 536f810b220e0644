"""K-fold cross-validation of the trainable baseline (:mod:`bench.learn`), scored with
the project's scorer: above both, so that training never imports scoring."""

from __future__ import annotations

import time
from dataclasses import replace

from bench.learn.model import ModelKind, require
from bench.learn.train import entity_labels, sentence_documents, tag_document, train
from bench.model import Corpus
from bench.problems import InputError
from bench.scoring import Results, score


def cross_validate(corpus: Corpus, kind: ModelKind, k: int, seed: int = 0,
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
                       kind, seed)
        predicted += [replace(d, annotations=tuple(tag_document(tagger, d))) for d in test]
        seconds.append(time.perf_counter() - t0)
    gold = Corpus(sents, name=f"{corpus.name} ({k}-fold, by sentence)")
    return score(gold, {f"sklearn-{kind}": Corpus(predicted, name="cv")}, **score_options), \
        seconds
