"""The hf backend's windowing cost: one document ten windows long, cut in windows versus
one pass, with the tiny model the tests build (``tests/tiny_models.py``).

    python perf/models.py          # needs the models extra (torch, transformers)

Printed, never asserted: the time of each (best of 5) and the ratio. The windows
overlap by an eighth of their length (the default stride), so about a seventh more
tokens go through the model; the rest is the merge.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def spans(anns) -> list[tuple[int, int, str]]:
    return [(a.start, a.end, a.label) for a in anns]


def main() -> int:
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        print("\nmodels: skipped (pip install torch==2.13.0 && pip install -e '.[models]')")
        return 0
    from tiny_models import build_hf_model

    from bench.extractors.models.hf import HFTokenClassifier
    from bench.loader import load_corpus
    from bench.model import Document

    seed = load_corpus(HERE.parent).documents[0]
    spans = [(a.start, a.end, a.label) for a in seed.annotations if not a.is_temporal]
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_hf_model(Path(tmp), seed.text, spans)
        window = 48
        one = HFTokenClassifier(str(folder))
        one.prepare()
        cut = HFTokenClassifier(str(folder))
        cut.max_length = window  # the default stride: an eighth of the window
        cut.prepare()
        words = seed.text.split()
        n = len(words)
        while len(one._tokenizer(" ".join(words[:n]))["input_ids"]) > 10 * window:
            n -= 5  # ten windows of tokens: still one pass for the model (512 at most)
        text = " ".join(words[:n])
        n_tokens = len(one._tokenizer(text)["input_ids"])
        doc = Document("long", text, "2021-07-26")
        times = {}
        for name, backend in (("one pass", one), (f"windows of {window}", cut)):
            best = float("inf")
            for _ in range(5):
                t = time.perf_counter()
                found = backend.extract(doc)
                best = min(best, time.perf_counter() - t)
            times[name] = (best, found)
    (t1, a), (t2, b) = times.values()
    print(f"\nhf windowing: a document of {n_tokens} tokens; one pass {t1 * 1000:.1f} ms, "
          f"windows of {window} (stride {window // 8}) {t2 * 1000:.1f} ms: "
          f"{(t2 / t1 - 1) * 100:+.0f}% time; same spans: {spans(a) == spans(b)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
