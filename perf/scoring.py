"""Scoring speed and memory beside nervaluate, on one synthetic workload, in one process.

    make perf                      # 20,000 documents x 50 gold entities (~1M gold spans)
    python perf/scoring.py --docs 2000 --per-doc 500   # the dense variant

Figures are printed, never asserted: these machines are noisy, so compare the
ratio measured in the same run rather than absolute seconds.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

import numpy as np

from bench.columns import columns_of
from bench.fingerprint import hash64
from bench.model import Annotation, Corpus, Document
from bench.scoring import DATE_TYPES, score
from bench.scoring.matching import SCHEMES, align, match, spans
from bench.scoring.stats import bootstrap_totals, unit_keys
from bench.scoring.tables import unit_counts

LABELS = ["PERSON", "ORG", "LOC", "NORP", "DATE"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _ann(ident: str, text: str, start: int, end: int, label: str) -> Annotation:
    extra = {"value": "2021-07-26", "form": "absolute"} if label == "DATE" else {}
    return Annotation(ident, start, end, label, text[start:end], **extra)


def workload(n_docs: int, per_doc: int, noise: float, seed: int):
    """Gold spans with gaps; valid predictions with ~noise boundary, type, deletion and
    spurious errors, and a few predictions that merge two gold spans (so some overlap
    groups need the assignment solver). Canonical labels (DATE spans carry a value), so
    both sides pass ``bench validate`` and can be written as JSONL."""
    rng = random.Random(seed)
    gold_docs, pred_docs = [], []
    for d in range(n_docs):
        gold, pos = [], 0
        for _ in range(per_doc):
            start = pos + rng.randint(3, 12)
            end = start + rng.randint(3, 15)
            gold.append((start, end, rng.choice(LABELS)))
            pos = end + 2
        pred, i = [], 0
        while i < len(gold):
            start, end, label = gold[i]
            roll = rng.random()
            if roll < noise / 6 and i + 1 < len(gold):  # one prediction over two gold spans
                pred.append((start, gold[i + 1][1], label))
                i += 2
                continue
            if roll < noise / 3:  # boundary error, within the gaps
                pred.append((start + rng.choice((-1, 1)), end + rng.choice((0, 1, 2)), label))
            elif roll < 2 * noise / 3:
                pred.append((start, end, rng.choice([x for x in LABELS if x != label])))
            elif roll < noise:
                pass  # deleted
            else:
                pred.append((start, end, label))
            if rng.random() < noise / 3:  # spurious, in the gap after the span
                pred.append((end + 3, end + 4, rng.choice(LABELS)))
            i += 1
        text = "".join(LETTERS[k % len(LETTERS)] for k in range(pos + 10))
        doc_id = f"doc{d:06d}"
        gold_docs.append(Document(doc_id, text, "2021-07-26", tuple(
            _ann(f"T{k}", text, s, e, lab) for k, (s, e, lab) in enumerate(gold, 1))))
        pred_docs.append(Document(doc_id, text, "2021-07-26", tuple(
            _ann(f"P{k}", text, s, e, lab) for k, (s, e, lab) in enumerate(pred, 1))))
    return Corpus(gold_docs, "gold"), Corpus(pred_docs, "pred")


def nervaluate_input(corpus: Corpus) -> list[list[dict]]:
    """nervaluate's dict format: inclusive end offsets."""
    return [[{"label": a.label, "start": a.start, "end": a.end - 1} for a in doc.annotations]
            for doc in corpus]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ours(gold: Corpus, pred: Corpus, resamples: int) -> dict:
    docs = gold.documents
    texts = [d.text for d in docs]
    stride = max(len(t) for t in texts) + 1
    unit_starts = np.arange(len(docs), dtype=np.int64) * stride
    labels = {name: i for i, name in enumerate(LABELS)}
    dtypes = {name: i for i, name in enumerate(DATE_TYPES)}
    t0 = time.perf_counter()
    gold_cols, pred_cols = columns_of(gold), columns_of(pred)
    same = np.arange(len(docs), dtype=np.int64)  # documents already in scoring order
    g = spans(gold_cols, same, labels, dtypes, unit_starts, stride)
    p = spans(pred_cols, same, labels, dtypes, unit_starts, stride)
    t1 = time.perf_counter()
    runs = []
    for _ in range(3):  # the first run is cold (fresh pages); report it and the best
        t = time.perf_counter()
        al = align(g, p, texts, stride, ("strict",))
        tables = {}
        for scheme in SCHEMES:
            pairs, credit = match(al, scheme)
            tables[scheme] = unit_counts(al, pairs, credit, len(docs), len(labels), len(dtypes))
        runs.append(time.perf_counter() - t)
    t2 = time.perf_counter()
    flat = np.concatenate([t.transpose(1, 0, 2).reshape(len(docs), -1) for t in tables.values()],
                          axis=1)
    keys = unit_keys(hash64([d.doc_id for d in docs]), np.ones(len(docs), dtype=np.int64))
    bootstrap_totals(flat, keys, resamples, 12345)
    t3 = time.perf_counter()
    totals = {s: t[0].sum(axis=0) for s, t in tables.items()}
    return {"setup": t1 - t0, "score": runs[0], "best": min(runs), "bootstrap": t3 - t2,
            "totals": totals,
            "components": len(al.group.shape), "pairs": len(al.gi)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--per-doc", type=int, default=50)
    ap.add_argument("--noise", type=float, default=0.15)
    ap.add_argument("--resamples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-nervaluate", action="store_true")
    ap.add_argument("--full-api", action="store_true",
                    help="also time bench.scoring.score() end to end (both clitic modes)")
    args = ap.parse_args()

    t = time.perf_counter()
    gold, pred = workload(args.docs, args.per_doc, args.noise, args.seed)
    n_gold = sum(len(d.annotations) for d in gold)
    n_pred = sum(len(d.annotations) for d in pred)
    print(f"workload: {args.docs} documents, {n_gold} gold + {n_pred} predicted spans, "
          f"{len(LABELS)} labels, noise {args.noise} (built in {time.perf_counter() - t:.1f} s)")
    before = peak_mb()
    r = ours(gold, pred, args.resamples)
    print(f"ours:       set-up {r['setup']:.2f} s | scoring, 4 schemes + per-type tables "
          f"{r['score']:.2f} s first run, {r['best']:.2f} s best of 3 | "
          f"{args.resamples} bootstrap resamples over {args.docs} units "
          f"{r['bootstrap']:.2f} s | {r['pairs']} overlap pairs, {r['components']} groups "
          f"solved by assignment")
    print(f"peak RSS:   {peak_mb():.0f} MB after our scoring ({before:.0f} MB before it, "
          "the synthetic corpus included)")
    if args.full_api:
        t = time.perf_counter()
        score(gold, {"pred": pred}, resamples=args.resamples, trials=args.resamples,
              alignment=False)
        print(f"score():    {time.perf_counter() - t:.2f} s end to end "
              f"(7 tables incl. clitic-lenient, CIs, values)")
    if args.skip_nervaluate:
        return 0
    try:
        from nervaluate import Evaluator
    except ImportError:
        print("nervaluate not installed: pip install nervaluate (the [test] extra)")
        return 0
    raw_gold, raw_pred = nervaluate_input(gold), nervaluate_input(pred)
    t = time.perf_counter()
    ev = Evaluator(raw_gold, raw_pred, tags=LABELS, loader="dict")
    t1 = time.perf_counter()
    nv = ev.evaluate()
    t2 = time.perf_counter()
    print(f"nervaluate: set-up {t1 - t:.2f} s | scoring, 4 schemes + per-type {t2 - t1:.2f} s")
    print(f"ratio:      scoring {(t2 - t1) / r['score']:.1f}x faster than nervaluate "
          f"(first run; {(t2 - t1) / r['best']:.1f}x best of 3); set-up "
          f"{(t1 - t) / r['setup']:.1f}x")
    strict = nv["overall"]["strict"]
    tp, fp, fn = r["totals"]["strict"][:3]
    print(f"agreement:  strict TP ours {tp:.0f} / nervaluate {strict.correct}; "
          f"FP {fp:.0f} / {strict.actual - strict.correct}; "
          f"FN {fn:.0f} / {strict.possible - strict.correct}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
