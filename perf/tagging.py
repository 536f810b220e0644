"""Tagging speed of models of ``bench train`` on a corpus, through the ``sklearn-ner``
backend's path (:func:`bench.learn.train.tag_document`): tokens per second with the
model loaded afresh (its word cache empty: what one ``bench run`` sees; loading
included) and tagging the same documents again (warm), best of 3 each.

    python perf/tagging.py CORPUS MODEL [MODEL ...] [--labels MAP]

Printed, never asserted. Give two models to compare them in one run (the machine's load
moves both alike).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> int:
    from bench.learn.model import Tagger, sentences
    from bench.learn.train import tag_document
    from bench.loader import load_corpus

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus")
    p.add_argument("models", nargs="+")
    p.add_argument("--labels")
    args = p.parse_args()
    corpus = load_corpus(args.corpus, args.labels, bad_values="absent")
    tokens = sum(len(toks) for d in corpus for toks in sentences(d.text))
    for folder in args.models:
        cold, warm = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            tagger = Tagger.load(Path(folder))
            for doc in corpus:
                tag_document(tagger, doc)
            t1 = time.perf_counter()
            for doc in corpus:
                tag_document(tagger, doc)
            cold.append(t1 - t0)
            warm.append(time.perf_counter() - t1)
        print(f"{folder}: {tokens:,} tokens; cold (load + tag) {tokens / min(cold):,.0f} "
              f"tokens/s ({min(cold):.2f} s), warm {tokens / min(warm):,.0f} tokens/s "
              f"({min(warm):.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
