"""Small corpora built from span lists, for scoring tests."""

from __future__ import annotations

from bench.model import TEMPORAL_LABELS, Annotation, Corpus, Document

WORDS = "قال الرئيس في بغداد وواشنطن ان العراق سيستضيف القمة يوم الاثنين المقبل "


def make_text(length: int, lines: int = 1) -> str:
    body = (WORDS * (length // len(WORDS) + 1))[:length]
    if lines > 1:
        step = length // lines
        body = "".join(c if i == 0 or i % step else "\n" for i, c in enumerate(body))
    return body


def make_doc(doc_id: str, text: str, spans, prefix: str = "T") -> Document:
    anns = []
    for i, span in enumerate(spans, 1):
        start, end, label, *rest = span
        extra = {}
        if label in TEMPORAL_LABELS:
            extra = {"value": rest[0] if rest else "2021", "form": "absolute"}
        anns.append(Annotation(f"{prefix}{i}", start, end, label, text[start:end], **extra))
    return Document(doc_id, text, "2021-07-26", tuple(anns))


def make_corpus(texts: list[str], spans_per_doc, name: str = "c") -> Corpus:
    return Corpus([make_doc(f"d{i:03d}", t, s) for i, (t, s) in
                   enumerate(zip(texts, spans_per_doc, strict=True))], name=name)


def score_fast(gold: Corpus, pred: Corpus, **kw):
    from bench.scoring import score
    kw.setdefault("resamples", 20)
    kw.setdefault("trials", 20)
    kw.setdefault("alignment", True)
    return score(gold, {"sys": pred}, **kw).systems[0]
