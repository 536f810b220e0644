"""The table of docs/compat.md: arabench's default score beside each published-scorer
mode, on two real corpora of ../shared/corpora (skipped when absent):

* ANERcorp's last tenth of sentences (the arabic-dev suite's held-out part), tagged by
  the CRF baseline trained on the other nine tenths (``bench train --model crf``);
* the Wojood sample's val portion, tagged by the gazetteer backend.

Each backend is scored on the labels it declares (``scopes``, as ``make bench`` does), so
the columns differ only in how they score. Gold tags are those of the CoNLL
file as written (ill-formed ones included); predictions are spans, encoded in IOB2.

    .venv/bin/python docs/compat_table.py            # prints the markdown table
"""

from __future__ import annotations

import sys
from pathlib import Path

from tabulate import tabulate

from bench.extractors.registry import load
from bench.learn.train import split_holdout, tag_document, train
from bench.loader import load_corpus, load_tags
from bench.model import Corpus
from bench.scoring import score
from bench.scoring.compat import score_compat

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
MODES = [("seqeval", "chunks"), ("seqeval-strict", "chunks"), ("conlleval", "chunks"),
         ("wojood", None), ("nervaluate", "strict"), ("nervaluate", "ent_type"),
         ("nervaluate", "partial"), ("llmebench-token", "tokens")]


def anercorp() -> tuple[Corpus, Corpus, dict, list[str]]:
    spec = f"conll:{CORPORA / 'anercorp' / 'ANERCorp.train'}"
    corpus = load_corpus(spec, "anercorp")
    rest, held = split_holdout(corpus, 0.1)
    tagger = train(rest, "crf", seed=0)
    labels = sorted({a.label for d in rest for a in d.annotations})
    pred = Corpus([d.with_annotations(tag_document(tagger, d)) for d in held], name="crf")
    raw = load_tags(spec, "anercorp", [d.doc_id for d in corpus])
    sentences = {f"{doc_id}:{n + 1:06d}": [s] for doc_id, sents in raw.items()
                 for n, s in enumerate(sents)}
    held_raw = {d.doc_id: sentences[d.doc_id] for d in held}
    return held, pred, held_raw, labels


def wojood() -> tuple[Corpus, Corpus, dict, list[str]]:
    spec = f"conll:{CORPORA / 'wojood-sample' / 'val.txt'}"
    gold = load_corpus(spec, "wojood")
    backend = load("gazetteer-ner")
    labels = list(backend.labels)
    pred = Corpus([d.with_annotations(backend.extract(d)) for d in gold], name="gazetteer")
    raw = load_tags(spec, "wojood", [d.doc_id for d in gold])
    return gold, pred, raw, labels


def row(name: str, gold: Corpus, pred: Corpus, raw: dict, labels: list[str]) -> list[str]:
    scopes = {"sys": labels}
    default = score(gold, {"sys": pred}, resamples=0, trials=0,
                    scopes=scopes).systems[0].scores["strict"]
    cells = [name, f"{default.overall.f1:.4f}"]
    for mode, table in MODES:
        result = score_compat(mode, gold, {"sys": pred}, gold_tags=raw, scopes=scopes)
        tables = result.systems[0].tables
        cells.append(f"{(tables[table] if table else next(iter(tables.values()))).f1:.4f}")
    return cells


def main() -> int:
    if not CORPORA.is_dir():
        print(f"{CORPORA} is absent: nothing to compute", file=sys.stderr)
        return 0
    headers = ["corpus (backend)", "arabench strict"] + [
        f"{mode}" + (f" {table}" if table and table not in ("chunks", "tokens") else "")
        for mode, table in MODES]
    rows = [row("ANERcorp last 10% (CRF)", *anercorp()),
            row("Wojood val (gazetteer)", *wojood())]
    print(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
