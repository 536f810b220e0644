"""Conformance suite: every built-in backend, on the seed and on unseen sentences.

A backend whose optional dependency is missing is skipped with its own reason.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from bench.extractors.base import Extractor, extract_all
from bench.extractors.registry import BUILTINS, load
from bench.loader import load_corpus
from bench.model import LABELS, TEMPORAL_LABELS, Document
from bench.validate import check_document

UNSEEN = [
    Document("u1", "أعلنت وزارة الخارجية المصرية يوم الثلاثاء 12 مارس 2019 أن الوزير "
                   "سامح شكري سيزور الرياض خلال الأسبوع المقبل.", "2019-03-12"),
    Document("u2", "وقال مصدر أردني لوكالة الأنباء إن المحادثات استمرت ثلاث ساعات أمس في "
                   "عمّان، وستستأنف مطلع الشهر المقبل.", "2020-02-03"),
    Document("u3", "", "2020-01-01"),
    # markup characters in plain text (ANERcorp has "&#0 ;"): HeidelTime's output stayed XML
    Document("u4", "قال المتحدث & <المصدر> إن الاجتماع عقد يوم 5 أيار 2019 في بيروت.",
             "2019-05-06"),
]


@pytest.fixture(scope="module", params=sorted(BUILTINS))
def backend(request) -> Extractor:
    ext = load(request.param)
    ok, reason = ext.available()
    if not ok:
        pytest.skip(f"{request.param}: {reason}")
    return ext


@pytest.fixture(scope="module")
def outputs(backend):
    docs = list(load_corpus(ROOT)) + UNSEEN
    return docs, extract_all(backend, docs), extract_all(backend, docs)


def test_protocol(backend):
    assert isinstance(backend, Extractor)
    assert set(backend.labels) <= set(LABELS) and backend.version
    assert set(backend.label_map.values()) <= set(LABELS)


def test_spans_are_valid_and_canonical(backend, outputs):
    docs, first, _ = outputs
    for doc, anns in zip(docs, first, strict=True):
        for a in anns:
            assert 0 <= a.start < a.end <= len(doc.text)
            assert doc.text[a.start:a.end] == a.text
            assert a.label in backend.labels
            if a.label in TEMPORAL_LABELS:
                assert a.form in ("absolute", "relative")
        problems = [p for p in check_document(doc.with_annotations(anns), doc.doc_id,
                                              require_values=False) if p.severity == "error"]
        assert not problems, problems


def test_deterministic(outputs):
    _, first, second = outputs
    assert [[a.to_dict() for a in d] for d in first] == [[a.to_dict() for a in d] for d in second]


def test_finds_something_on_the_seed(backend, outputs):
    docs, first, _ = outputs
    assert len(first[0]) >= 5, f"{backend.name} found {len(first[0])} mentions in the seed"
