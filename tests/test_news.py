"""The news gold (news/): texts read from outside the repository and checked by sha256,
the task skipped with the reason when they are absent, and, with ../shared present, 40
documents that validate with no error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from bench.suite import load_suite

TEXTS = ROOT.parent / "shared" / "corpora" / "wikinews-ar"


def external_corpus(tmp_path: Path, text: str | None) -> Path:
    """A corpus directory of one document whose meta names its text elsewhere."""
    root = tmp_path / "c"
    (root / "seeds").mkdir(parents=True)
    (root / "gold").mkdir()
    texts = tmp_path / "texts"
    texts.mkdir()
    body = "قال الرئيس في بغداد امس"
    if text is not None:
        (texts / "d1.txt").write_text(text, "utf-8")
    import hashlib

    sha = hashlib.sha256(body.encode()).hexdigest()
    (root / "seeds" / "d1.meta.json").write_text(json.dumps(
        {"doc_id": "d1", "dct": "2021-07-26", "text": "../../texts/d1.txt",
         "text_sha256": sha}), "utf-8")
    (root / "gold" / "d1.json").write_text(json.dumps(
        {"doc_id": "d1", "text_sha256": sha, "dct": "2021-07-26", "annotations": [
            {"id": "T1", "start": 14, "end": 19, "label": "LOC", "text": "بغداد"}]}), "utf-8")
    return root


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench", "validate", str(root)],
                          capture_output=True, text=True)


def test_a_text_kept_elsewhere_is_read_and_checked(tmp_path):
    root = external_corpus(tmp_path, "قال الرئيس في بغداد امس")
    assert validate(root).returncode == 0
    changed = external_corpus(tmp_path / "x", "قال الرئيس في بغداد اليوم")
    done = validate(changed)
    assert done.returncode == 1  # a finding of validate
    assert "d1.meta.json: text_sha256: does not match" in done.stdout + done.stderr


def test_a_missing_text_skips_the_task_and_is_named(tmp_path):
    root = external_corpus(tmp_path, None)
    done = validate(root)
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "d1.meta.json: text: " in out
    assert "README.md says how to get it" in out
    suite = tmp_path / "s.toml"
    suite.write_text('name = "s"\n[[tasks]]\nname = "t"\ncorpus = "c"\nkind = "entities"\n'
                     'optional = true\n', "utf-8")
    task = load_suite(suite).tasks[0]
    assert task.optional and "1 text(s) of" in task.missing()


@pytest.mark.skipif(not TEXTS.is_dir(), reason="needs ../shared/corpora/wikinews-ar")
def test_the_news_gold_validates_with_no_error():
    from bench.loader import load_corpus

    corpus = load_corpus(ROOT / "news")
    assert len(corpus.documents) == 40
    assert all(d.dct for d in corpus.documents)
    labels = {a.label for d in corpus.documents for a in d.annotations}
    assert {"PERSON", "ORG", "LOC", "NORP", "DATE", "DURATION"} <= labels
    done = validate(ROOT / "news")
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not TEXTS.is_dir(), reason="needs ../shared/corpora/wikinews-ar")
def test_the_second_annotation_agrees_as_the_guidelines_report():
    from bench.loader import load_corpus
    from bench.scoring.agreement import agree

    (pair,) = agree([load_corpus(ROOT / "news"), load_corpus(ROOT / "news" / "agreement")],
                    ["gold", "second"], common=True).pairs
    assert pair.f1["strict"]["entities"] >= 0.9 and pair.f1["strict"]["temporal"] >= 0.9
    assert pair.value is not None and pair.value >= 0.9
