"""Conformance suite: every built-in backend, on the seed and on unseen sentences.

A backend whose optional dependency is missing is skipped with its own reason (a failure
when BENCH_REQUIRE_BACKENDS lists it, see conftest.unavailable).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REQUIRE, ROOT, available_backend

from bench.extractors.base import Extractor, extract_all
from bench.extractors.registry import BUILTINS
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


@pytest.fixture(scope="module", params=[  # heideltime starts a JVM: slow
    pytest.param(name, marks=pytest.mark.slow) if name == "heideltime" else name
    for name in sorted(BUILTINS)])
def backend(request) -> Extractor:
    return available_backend(request.param)


@pytest.fixture(scope="module")
def outputs(backend):
    """The documents, then the backend's annotations of them, twice: ONE call tags the
    documents, then them again in reverse order (a document's annotations must not depend
    on its neighbours in a batch). One call: one JVM start for heideltime, not two."""
    docs = list(load_corpus(ROOT)) + UNSEEN
    both = extract_all(backend, docs + docs[::-1])
    return docs, both[:len(docs)], both[len(docs):][::-1]


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


# Mentions of the seed article (all in its gold) that each backend's rules or lexicon
# clearly cover: (start, text, label, TIMEX3 value or None); the document date is 2021-07-26.
ON_THE_SEED = {
    "rules-time": [(2385, "عام 2008", "DATE", "2008"),
                   (2766, "الجمعة الماضي", "DATE", "2021-07-23"),
                   (2908, "31 كانون الأول (ديسمبر) 2021", "DATE", "2021-12-31"),
                   (3037, "الثامن من أيار مايو عام 2020", "DATE", "2020-05-08"),
                   (1274, "امس", "DATE", "2021-07-25")],
    "gazetteer-ner": [(9, "لندن", "LOC", None), (310, "جو بايدن", "PERSON", None),
                      (827, "أسوشييتد برس", "ORG", None),
                      (1341, "الولايات المتحدة الاميركية", "LOC", None),
                      (21, "العراقيون", "NORP", None), (3145, "دونالد ترمب", "PERSON", None)],
    "dateparser": [(2385, "عام 2008", "DATE", "2008"), (1274, "امس", "DATE", "2021-07-25"),
                   (31, "الاثنين", "DATE", "2021-07-26"), (1014, "اليوم", "DATE", "2021-07-26")],
    "duckling": [(2385, "عام 2008", "DATE", "2008"), (1274, "امس", "DATE", "2021-07-25"),
                 (3037, "الثامن من أيار مايو عام 2020", "DATE", "2020-05-08"),
                 (3087, "18 آب أغسطس عام 2020", "DATE", "2020-08-18")],
    "heideltime": [(2385, "عام 2008", "DATE", "2008"),
                   (2766, "الجمعة الماضي", "DATE", "2021-07-23"),
                   (3037, "الثامن من أيار مايو عام 2020", "DATE", "2020-05-08"),
                   (1739, "نهاية العام الحالي", "DATE", "2021")],
}


def test_finds_something_on_the_seed(backend, outputs):
    docs, first, _ = outputs
    seed, found = docs[0], first[0]
    for a in found:
        assert 0 <= a.start < a.end <= len(seed.text) and seed.text[a.start:a.end] == a.text, a
    got = {(a.start, a.text, a.label, a.value) for a in found}
    expected = ON_THE_SEED[backend.name]
    gold = {(a.start, a.end, a.label) for a in seed.annotations}
    for start, text, label, _ in expected:  # the table itself is right
        assert seed.text[start:start + len(text)] == text
        assert (start, start + len(text), label) in gold
    missing = [m for m in expected if m not in got]
    assert not missing, f"{backend.name} missed {missing} on the seed"


PROBE = '''
from conftest import available_backend, backend_module

def test_toy_backend():
    available_backend("toy_backends:Unavailable")

def test_gazetteer_package():
    backend_module("gazetteer-ner", "no_such_package_for_the_probe", "pip install it")

def test_dateparser_package():
    backend_module("dateparser", "no_such_package_for_the_probe")
'''


def probe(tmp_path: Path, required: str | None) -> subprocess.CompletedProcess:
    """pytest on a generated test file, in a subprocess, with BENCH_REQUIRE_BACKENDS set
    to ``required`` (or unset): tests that skip for missing backends."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != REQUIRE}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT)])
    if required is not None:
        env[REQUIRE] = required
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfEs", "-p", "no:xdist",
                           "-p", "no:cacheprovider", "-p", "conftest", "--rootdir",
                           str(tmp_path), str(tmp_path / "test_probe.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # pytest in a subprocess, three times
def test_required_backends_fail_instead_of_skipping(tmp_path):
    # not required: each skips, and -rs shows why
    done = probe(tmp_path, None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 skipped" in done.stdout
    assert "toy_backends:Unavailable: needs the model files: pip install toy-models" \
        in done.stdout
    assert "gazetteer-ner: cannot import no_such_package_for_the_probe" in done.stdout
    # required: each fails, naming the backend and the reason; one not listed still skips
    done = probe(tmp_path, "toy_backends:Unavailable gazetteer-ner hf")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 failed, 1 skipped" in done.stdout
    assert (f"toy_backends:Unavailable is unavailable but {REQUIRE} requires it: needs the "
            "model files: pip install toy-models") in done.stdout
    assert (f"gazetteer-ner is unavailable but {REQUIRE} requires it: cannot import "
            "no_such_package_for_the_probe (No module named 'no_such_package_for_the_probe'"
            "): pip install it") in done.stdout
    assert "dateparser: cannot import no_such_package_for_the_probe" in done.stdout
    # a name no backend has would never fail: refused before any test runs
    done = probe(tmp_path, "heidel-time duckling")
    assert done.returncode == 4 and "unknown backend(s) heidel-time (known: " in done.stderr
