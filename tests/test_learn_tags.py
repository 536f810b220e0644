"""One BIO/BIOES module (bench.tags) for the CoNLL reader, the model backends and the
trainable baseline; bench.learn below scoring and the extractors; the model kind always
named, a missing extra an error naming it."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli_errors import TESTS
from test_train import corpus

from bench.extractors.models.common import Dropped, decode_bio
from bench.io.conll import read_conll
from bench.tags import decode, encode, span_tags


def test_decode_repairs_and_ends_by_the_documented_rules():
    d = decode(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "B-ORG", "I-LOC"])
    assert d.spans == [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG"),
                       (6, 7, "LOC")]
    assert d.repairs == [0, 4, 6]
    assert decode(["I-PER", "O", "I-PER"], "iob1").repairs == []  # IOB1's own encoding
    bioes = decode(["B-PER", "E-PER", "S-PER", "E-LOC", "B-ORG", "I-ORG"], "bioes")
    assert bioes.spans == [(0, 2, "PER"), (2, 3, "PER"), (3, 4, "LOC"), (4, 6, "ORG")]
    assert bioes.repairs == [3]
    assert decode(["U-PER", "B-ORG", "L-ORG", "PER", "PER"]).spans == [
        (0, 1, "PER"), (1, 3, "ORG"), (3, 4, "PER"), (4, 5, "PER")]  # BILOU, bare types


def test_encode_round_trips_through_decode():
    toks = [(0, 3), (4, 7), (8, 12), (13, 14), (15, 20)]
    spans = [(0, 7, "PER"), (9, 14, "LOC"), (15, 20, "ORG")]  # LOC starts inside a token
    for scheme in ("iob2", "iob1", "bioes"):
        tags = encode(toks, spans, scheme)
        assert decode(tags, scheme).spans == [(0, 2, "PER"), (2, 4, "LOC"), (4, 5, "ORG")]
    assert span_tags("X", 3, "bioes") == ["B-X", "I-X", "E-X"]
    assert span_tags("X", 1, "bioes") == ["S-X"] and span_tags("X", 2) == ["B-X", "I-X"]


def test_the_conll_reader_and_the_model_decoder_give_the_same_spans(tmp_path):
    rng = random.Random(7)
    tags = ["O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "I-LOC", "E-LOC", "S-LOC"]
    sentences = [[rng.choice(tags) for _ in range(rng.randint(1, 8))] for _ in range(300)]
    path = tmp_path / "x.conll"
    path.write_text("\n\n".join("\n".join(f"w{k} {t}" for k, t in enumerate(s))
                                for s in sentences) + "\n", "utf-8")
    doc = read_conll(path, "bioes").documents[0]
    from_model, pos = [], 0
    for s in sentences:
        words = []
        for k, t in enumerate(s):
            words.append((pos, pos + len(f"w{k}"), t))
            pos += len(f"w{k}") + 1
        from_model += decode_bio(words, Dropped())
    assert [(a.start, a.end, "PERSON" if a.label == "PER" else a.label)
            for a in doc.annotations] == sorted(from_model, key=lambda x: (x[0], -x[1]))


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    env.pop("BENCH_DEBUG", None)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.slow
def test_learn_trains_and_tags_without_importing_scoring_or_the_extractors(tmp_path):
    data = corpus(tmp_path)
    done = _python(f"""
import sys, json
from bench.loader import load_corpus
from bench.learn.model import ModelKind
from bench.learn.train import tag_document, train
c = load_corpus({str(data)!r})
tagger = train(c, ModelKind.LINEAR)
tag_document(tagger, c.documents[0])
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(("bench.scoring", "bench.extractors")))))
""", ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


HIDE_CRFSUITE = ("import sys, runpy; sys.modules['sklearn_crfsuite'] = None; "
                 "sys.argv = ['bench'] + sys.argv[1:]; "
                 "runpy.run_module('bench', run_name='__main__')")


def test_a_suite_trains_a_crf_and_never_falls_back_to_linear(tmp_path):
    """Without sklearn-crfsuite, a suite that trains the baseline stops with one line
    naming the extra (it used to train a linear model instead, silently)."""
    data = corpus(tmp_path)
    (tmp_path / "s.toml").write_text(f'''name = "learn"
backends = ["gazetteer-ner"]
[[tasks]]
name = "toy"
corpus = "{data.name}"
kind = "entities"
holdout = 0.2
''', "utf-8")
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    env.pop("BENCH_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", HIDE_CRFSUITE, "suite", "run",
                           str(tmp_path / "s.toml"), "--out", str(tmp_path / "out"),
                           "--no-cache", "--resamples", "0", "--trials", "0"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert "Traceback" not in done.stderr
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert done.stderr.strip().splitlines()[-1].endswith(
        "crf model: needs sklearn-crfsuite, not installed: pip install -e "
        f"'{ROOT}[train]' (or make bench, which installs it)")
    assert not list(tmp_path.glob("out/**/linear.npz"))
