"""The seed corpus and its gold: integrity, conventions, byte-stable round trip."""

from __future__ import annotations

import datetime
import json

from conftest import ROOT, SEED, SHARED

from bench.io.native import dumps_document
from bench.loader import load_corpus
from bench.model import ENTITY_LABELS, TEMPORAL_LABELS, sha256_text
from bench.validate import validate_paths


def test_seed_is_byte_identical_to_shared():
    ours = (ROOT / "seeds" / f"{SEED}.txt").read_bytes()
    assert not ours.endswith(b"\n")
    shared = SHARED / "seeds" / f"{SEED}.txt"
    if shared.exists():
        assert ours == shared.read_bytes()


def test_meta_describes_the_text():
    meta = json.loads((ROOT / "seeds" / f"{SEED}.meta.json").read_text("utf-8"))
    text = (ROOT / "seeds" / f"{SEED}.txt").read_bytes().decode("utf-8")
    assert meta["doc_id"] == SEED and meta["language"] == "ar"
    assert meta["source"] == "Elaph" and meta["dateline"] == "London"
    assert meta["text_sha256"] == sha256_text(text)
    assert datetime.date.fromisoformat(meta["dct"]).strftime("%A") == "Monday"


def test_real_gold_validates_without_problems():
    assert validate_paths([ROOT]) == []
    assert validate_paths([ROOT / "gold"]) == []


def test_gold_content():
    (doc,) = load_corpus(ROOT)
    anns = doc.annotations
    assert 80 <= len(anns) <= 100
    labels = {a.label for a in anns}
    assert set(ENTITY_LABELS) <= labels
    for ann in anns:
        assert doc.text[ann.start:ann.end] == ann.text
        if ann.label in TEMPORAL_LABELS:
            assert ann.value and ann.form
    # spot checks of the conventions (GUIDELINES.md)
    spans = {(a.text, a.label) for a in anns}
    assert ("جو بايدن", "PERSON") in spans and ("نيويورك تايمز", "ORG") in spans
    assert ("لعراق", "LOC") in spans and ("داعش", "ORG") in spans
    assert ("31 كانون الأول (ديسمبر) 2021", "DATE") in spans
    assert not any(a.text.startswith(("صحيفة", "مدينة", "الرئيس", "في ")) for a in anns)


def test_load_save_round_trip_is_byte_stable():
    (doc,) = load_corpus(ROOT)
    path = ROOT / "gold" / f"{SEED}.json"
    assert dumps_document(doc) == path.read_text("utf-8")
