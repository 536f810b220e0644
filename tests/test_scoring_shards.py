"""Scoring shard by shard (``score_shards``) gives the Results of scoring the corpus whole."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import make_corpus, make_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scoring_properties import TEXT_LEN, flat_spans, nested_spans

from bench.fingerprint import gold_fingerprint
from bench.io import native
from bench.model import Corpus
from bench.problems import InputError
from bench.scoring import score
from bench.scoring.api import score_shards


@st.composite
def corpus_and_shards(draw):
    """Documents (each flat or nested), two prediction sets, and a partition of the
    documents into shards in a random order."""
    n = draw(st.integers(1, 8))
    texts = [make_text(TEXT_LEN, lines=draw(st.integers(1, 3))) for _ in range(n)]

    def side():
        return [draw(nested_spans() if draw(st.booleans()) else flat_spans()) for _ in range(n)]

    gold, a, b = (make_corpus(texts, side(), name) for name in ("gold", "a", "b"))
    order = draw(st.permutations(range(n)))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, n - 1)), max_size=3)) | {0, n})
    shards = [order[x:y] for x, y in zip(cuts, cuts[1:], strict=False) if y > x]
    unit = draw(st.sampled_from(["auto", "paragraph", "document"]))
    return gold, a, b, shards, unit


def pick(c: Corpus, rows) -> Corpus:
    return Corpus([c.documents[i] for i in rows], name=c.name)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_and_shards())
def test_shards_add_up_to_the_whole_corpus_byte_for_byte(case):
    gold, a, b, shards, unit = case
    options = {"resamples": 30, "trials": 30, "unit": unit}
    whole = score(gold, {"a": a, "b": b}, **options)
    parts = score_shards(((pick(gold, s), {"a": pick(a, s), "b": pick(b, s)}) for s in shards),
                         **options)
    assert parts.to_json() == whole.to_json()
    assert gold_fingerprint(pick(gold, [i for s in shards for i in s])) == \
        whole.gold["sha256"]


def test_auto_unit_switches_to_documents_when_the_shards_reach_the_threshold():
    """30 documents in shards of 7: the first shards are counted both ways."""
    texts = [make_text(TEXT_LEN, lines=2) for _ in range(30)]
    gold = make_corpus(texts, [[(0, 5, "LOC")]] * 30, "gold")
    pred = make_corpus(texts, [[(0, 5, "LOC")] if i % 3 else [] for i in range(30)], "p")
    whole = score(gold, {"p": pred}, resamples=50, trials=0)
    shards = [range(x, min(x + 7, 30)) for x in range(0, 30, 7)]
    parts = score_shards((pick(gold, s), {"p": pick(pred, s)}) for s in shards)
    assert whole.gold["unit"] == "document"
    assert parts.to_json() == score(gold, {"p": pred}).to_json()
    assert whole.systems[0].scores["strict"].overall.f1_ci is not None


def test_fingerprint_changes_with_any_field_and_not_with_order():
    texts = [make_text(TEXT_LEN) for _ in range(3)]
    spans = [[(0, 5, "LOC"), (10, 20, "DATE", "2021")], [], [(3, 9, "ORG")]]
    base = gold_fingerprint(make_corpus(texts, spans))
    reordered = make_corpus(texts, spans)
    reordered.documents.reverse()
    assert gold_fingerprint(reordered) == base
    for changed in ([[(0, 6, "LOC"), (10, 20, "DATE", "2021")], [], [(3, 9, "ORG")]],
                    [[(0, 5, "PERSON"), (10, 20, "DATE", "2021")], [], [(3, 9, "ORG")]],
                    [[(0, 5, "LOC"), (10, 20, "DATE", "2022")], [], [(3, 9, "ORG")]],
                    [[(0, 5, "LOC")], [(10, 20, "DATE", "2021")], [(3, 9, "ORG")]]):
        assert gold_fingerprint(make_corpus(texts, changed)) != base


def test_shard_mistakes_are_named():
    texts = [make_text(TEXT_LEN) for _ in range(2)]
    gold = make_corpus(texts, [[(0, 5, "LOC")], []])
    with pytest.raises(InputError, match="document given in two shards"):
        score_shards([(gold, {"p": gold}), (pick(gold, [1]), {"p": pick(gold, [1])})])
    with pytest.raises(InputError, match="differ from the first shard"):
        score_shards([(pick(gold, [0]), {"p": pick(gold, [0])}),
                      (pick(gold, [1]), {"q": pick(gold, [1])})])
    with pytest.raises(InputError, match="no shards"):
        score_shards([])


@pytest.mark.slow
def test_cli_scores_in_shards_with_the_same_bytes(tmp_path: Path):
    texts = [make_text(TEXT_LEN, lines=2) for _ in range(40)]
    gold = make_corpus(texts, [[(0, 5, "LOC"), (20, 30, "PERSON")]] * 40, "gold")
    pred = make_corpus(texts, [[(0, 5, "LOC")] if i % 4 else [(0, 6, "ORG")]
                               for i in range(40)], "p")
    native.write_jsonl(gold, tmp_path / "gold.jsonl")
    native.write_jsonl(pred, tmp_path / "p.jsonl")

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bench", "score", str(tmp_path / "gold.jsonl"),
                               str(tmp_path / "p.jsonl"), "--trials", "50", *extra],
                              capture_output=True, text=True)

    whole = run("--json", str(tmp_path / "whole.json"), "--alignment", str(tmp_path / "w.jsonl"))
    sharded = run("--json", str(tmp_path / "sharded.json"), "--shard-documents", "7",
                  "--alignment", str(tmp_path / "s.jsonl"))
    assert whole.returncode == 0 and sharded.returncode == 0, sharded.stderr
    assert (tmp_path / "whole.json").read_bytes() == (tmp_path / "sharded.json").read_bytes()
    # documents in id order in the file: the shard-by-shard listing is the same too
    assert (tmp_path / "w.jsonl").read_bytes() == (tmp_path / "s.jsonl").read_bytes()
    assert json.loads((tmp_path / "whole.json").read_text())["gold"]["documents"] == 40
    bad = run("--shard-documents", "0")
    assert bad.returncode == 2 and "--shard-documents" in bad.stderr
    assert "Traceback" not in bad.stderr
    # a prediction file with a document the gold lacks: named, exit 2, nothing written
    extra = make_corpus(texts + [make_text(TEXT_LEN)], [[]] * 41, "p")
    native.write_jsonl(extra, tmp_path / "p.jsonl")
    bad = run("--shard-documents", "7", "--json", str(tmp_path / "none.json"))
    assert bad.returncode == 2 and "d040" in bad.stderr and "not in the gold" in bad.stderr
    assert not (tmp_path / "none.json").exists() and "Traceback" not in bad.stderr


@pytest.mark.parametrize("block", [7, 64, 5000])
def test_resampling_blocks_never_change_a_number(monkeypatch, block):
    """The bootstrap and the randomisation test draw in blocks of bounded size (memory
    independent of resamples x units): any block size gives the same totals."""
    import numpy as np

    from bench.scoring import stats

    rng = np.random.default_rng(block)
    keys = stats.mix(rng.integers(0, 2**63, 300, dtype=np.uint64))
    counts = rng.integers(0, 4, (300, 6)).astype(float)
    whole = stats.bootstrap_totals(counts, keys, 150, 11), stats.randomisation_moves(
        counts - 1, keys, 90, 5)
    monkeypatch.setattr(stats, "CHUNK", block)
    blocked = stats.bootstrap_totals(counts, keys, 150, 11), stats.randomisation_moves(
        counts - 1, keys, 90, 5)
    assert all(np.array_equal(a, b) for a, b in zip(whole, blocked, strict=True))
    assert whole[0].shape == (150, 6) and whole[0].sum() > 0


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_and_shards(), st.integers(1, 12))
def test_a_corpus_scored_in_blocks_is_scored_as_one(case, block):
    """score() matches a large corpus in blocks of BLOCK_SPANS spans (bounded memory):
    any block size gives the same Results; with the listing, it scores at once."""
    from bench.scoring import api

    gold, a, b, _, unit = case
    options = {"resamples": 20, "trials": 20, "unit": unit}
    whole = score(gold, {"a": a, "b": b}, alignment=True, **options)
    old = api.BLOCK_SPANS
    api.BLOCK_SPANS = block
    try:
        blocked = score(gold, {"a": a, "b": b}, **options)
        listed = score(gold, {"a": a, "b": b}, alignment=True, **options)
    finally:
        api.BLOCK_SPANS = old
    assert blocked.to_json() == whole.to_json() == listed.to_json()
    for x, y in zip(whole.systems, listed.systems, strict=True):
        assert list(x.alignment) == list(y.alignment)


def test_blocks_still_name_documents_the_gold_lacks(monkeypatch):
    from bench.scoring import api

    texts = [make_text(TEXT_LEN) for _ in range(4)]
    gold = make_corpus(texts[:3], [[(0, 5, "LOC")]] * 3, "gold")
    pred = make_corpus(texts, [[(0, 5, "LOC")]] * 4, "p")
    pred.documents[3] = replace(pred.documents[3], doc_id="extra")
    monkeypatch.setattr(api, "BLOCK_SPANS", 1)
    with pytest.raises(InputError, match=r"1 document \(extra\) not in the gold corpus"):
        score(gold, {"p": pred})
