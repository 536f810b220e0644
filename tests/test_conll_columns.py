"""CoNLL read straight into columns (:mod:`bench.io.conll_columns`) gives what the careful
reader gives, on every file: the same columns and warnings, or it leaves the file to the
careful reader; and arabench's per-type counts on CoNLL equal seqeval's default mode."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import loader
from bench.columns import Columns, columns_of
from bench.io.conll import iter_conll
from bench.io.conll_columns import read_conll_columns
from bench.problems import InputError

WORDS = ["قال", "الرئيس", "بغداد", "2021", ".", ".", "؟", "!", ",", "-DOCSTART-", "\u200f",
         "\u200f,\u200f", "أمس\u200f", "\xa0", "𝔸لف", "x\x85y", "B-PER", "O"]
TAGS = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "E-LOC", "S-ORG", "L-PER", "U-PER",
        "X-PER", "PER", "B_PER", "I-", "B-", "\u200f", "Oقال"]


@st.composite
def conll_pair(draw) -> tuple[bytes, bytes]:
    """A CoNLL file and another with the same lines but other tags on some token lines."""
    lines, retagged = [], []
    marked = draw(st.booleans())  # blank or -DOCSTART- lines, or sentences cut after "."
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0 if marked else 1, 9))
        sep = draw(st.sampled_from([" ", " ", "\t", "  ", " \t"]))
        if kind == 0:
            line = draw(st.sampled_from(["", " ", "\t", "-DOCSTART- O", "-DOCSTART-",
                                         " -DOCSTART- O", "-DOCSTART-X O"]))
            other = line
        elif kind == 1:  # one field, three fields, a leading space, a glued line
            line = other = draw(st.sampled_from(
                [w for w in WORDS] + [f"{w}{sep}\u200f{sep}B-LOC" for w in WORDS[:3]]
                + [f" {WORDS[1]}{sep}B-PER", f".{sep}Oالإصابة{sep}O", f"قال{sep}O{sep}B-PER",
                   f"قال{sep}B-PER{sep}I-PER"]))
        else:
            word, trail = draw(st.sampled_from(WORDS)), draw(st.sampled_from(["", "", " ", "\t"]))
            line = f"{word}{sep}{draw(st.sampled_from(TAGS))}{trail}"
            other = f"{word}{sep}{draw(st.sampled_from(TAGS))}{trail}" if draw(st.booleans()) \
                else line
        lines.append(line)
        retagged.append(other)
    end = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    last = draw(st.sampled_from([end, ""]))
    bom = "\ufeff" if draw(st.integers(0, 9)) == 0 else ""
    cut = draw(st.integers(0, 19)) == 0  # a CR or form feed alone
    at, char = draw(st.integers(0, 10_000)), draw(st.sampled_from(["\r", "\x0c"]))
    files = []
    for chosen in (lines, retagged):
        text = bom + end.join(chosen) + last
        if cut:
            text = text[:at % (len(text) + 1)] + char + text[at % (len(text) + 1):]
        files.append(text.encode("utf-8"))
    return files[0], files[1]


def conll_files():
    return conll_pair().map(lambda pair: pair[0])


def careful_columns(path: Path, scheme: str, notes: list) -> Columns:
    return columns_of(iter_conll(path, scheme, None, notes), str(path), notes)


def assert_same_columns(a: Columns, b: Columns) -> None:
    for name in ("name", "doc_ids", "texts", "dcts", "meta", "nested", "vocab", "notes"):
        assert getattr(a, name) == getattr(b, name), name
    for name in ("doc", "start", "end", "optional"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert getattr(a, name).dtype == getattr(b, name).dtype, name
    assert a.codes.keys() == b.codes.keys()
    for name in a.codes:
        assert np.array_equal(a.codes[name], b.codes[name]), name


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(conll_files(), st.sampled_from(["iob2", "iob1", "bioes"]))
def test_columns_equal_the_careful_readers(tmp_path, data, scheme):
    path = tmp_path / "corpus.conll"
    path.write_bytes(data)
    notes: list = []
    fast = read_conll_columns(path, scheme, None, notes)
    careful_notes: list = []
    try:
        careful = careful_columns(path, scheme, careful_notes)
    except InputError:
        assert fast is None
        return
    if fast is None:  # left to the careful reader: only for what the docstring lists
        assert (b"\r" in data.replace(b"\r\n", b"\n") or b"\x0c" in data
                or not careful.doc_ids or any(
                    len(line.split()) > 2 and len([f for f in line.split()
                                                   if f.strip("\u200f")]) > 2
                    for line in data.decode("utf-8").splitlines()))
        assert notes == []
        return
    fast.notes = notes
    assert_same_columns(fast, careful)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_anercorp_train_reads_the_same_both_ways():
    path = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "anercorp" / \
        "ANERCorp.train"
    if not path.is_file():
        pytest.skip("ANERcorp train not in ../shared/corpora")
    notes: list = []
    fast = read_conll_columns(path, "iob2", None, notes)
    fast.notes = notes
    assert_same_columns(fast, careful_columns(path, "iob2", []))


def load_both_ways(monkeypatch, load, *args):
    """``load(*args)`` by the fast path and by the careful one: (result or problems)."""
    def outcome():
        try:
            return load(*args)
        except InputError as exc:
            return exc.problems
    fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(loader, "_conll_side", lambda *a: None)
        careful = outcome()
    return fast, careful


def assert_same_outcome(fast, careful) -> None:
    if isinstance(careful, list) or isinstance(fast, list):
        assert fast == careful
    else:
        assert_same_columns(fast, careful)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(conll_pair(), st.sampled_from([None, "anercorp", "mapping"]))
def test_loading_gold_and_predictions_agrees_with_the_careful_path(tmp_path, monkeypatch, pair,
                                                                 labels):
    g, p = tmp_path / "gold.conll", tmp_path / "pred.conll"
    g.write_bytes(pair[0])
    p.write_bytes(pair[1])
    if labels == "mapping":  # types mapped, one onto a temporal label, one dropped
        labels = str(tmp_path / "mapping.json")
        Path(labels).write_text(json.dumps({"map": {"PER": "PERSON", "LOC": "DATE",
                                                    "ORG": None}}), "utf-8")
    fast, careful = load_both_ways(monkeypatch, loader.load_columns, f"conll:{g}", labels)
    assert_same_outcome(fast, careful)
    if isinstance(careful, list):
        return
    fast, careful = load_both_ways(monkeypatch, loader.load_prediction_columns, f"conll:{p}",
                                   careful, labels)
    assert_same_outcome(fast, careful)


ANER_TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


@st.composite
def tagged_sentences(draw) -> tuple[list[list[str]], list[list[str]]]:
    """ANERcorp-like sentences: gold tags, and predicted ones with any B-/I- sequence
    (an I- after O or after another type, types switching inside an entity)."""
    every = ["B-PERS", "B-LOC", "B-ORG", "B-MISC"]  # predicted labels must be the gold's
    gold, pred = [every], [list(every)]
    for _ in range(draw(st.integers(1, 12))):
        n = draw(st.integers(1, 15))
        gold.append(draw(st.lists(st.sampled_from(ANER_TAGS), min_size=n, max_size=n)))
        pred.append([draw(st.sampled_from(ANER_TAGS)) if draw(st.integers(0, 3)) == 0 else tag
                     for tag in gold[-1]])
    return gold, pred


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tagged_sentences())
def test_per_type_counts_equal_seqevals_default_mode(tmp_path, sentences):
    """Arabench's default (strict) counts of CoNLL files, per type, are seqeval's default
    mode (conlleval's chunking) on the same tags: the same entities, TP, FP and FN."""
    from seqeval.metrics.sequence_labeling import get_entities

    from bench.scoring import Settings, score

    gold_tags, pred_tags = sentences
    files = []
    for name, tags in (("gold", gold_tags), ("pred", pred_tags)):
        path = tmp_path / f"{name}.conll"
        path.write_text("\n\n".join("\n".join(f"w{i} {t}" for i, t in enumerate(s))
                                    for s in tags) + "\n", "utf-8")
        files.append(f"conll:{path}")
    gold = loader.load_columns(files[0], "anercorp")
    pred = loader.load_prediction_columns(files[1], gold, "anercorp")
    results = score(gold, {"p": pred}, Settings(resamples=0, trials=0))
    rows = results.systems[0].scores["strict"].per_label
    ours = {t: (rows[t].tp, rows[t].predicted, rows[t].support) for t in rows
            if rows[t].predicted or rows[t].support}
    true, found = set(get_entities(gold_tags)), set(get_entities(pred_tags))
    named = {"PERS": "PERSON"}  # the anercorp label mapping
    theirs = {named.get(t, t): (sum(e[0] == t for e in true & found),
                                sum(e[0] == t for e in found), sum(e[0] == t for e in true))
              for t in {e[0] for e in true | found}}
    assert ours == theirs
