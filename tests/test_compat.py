"""Published-scorer modes (bench.scoring.compat) against the reference implementations:
seqeval (default and strict), the conlleval package, nervaluate 1.2.1, scikit-learn, the
WojoodNER procedure written out with seqeval, and TempEval-3's definitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_corpus, make_text
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bench.model import Annotation, Corpus, Document
from bench.problems import InputError
from bench.scoring.compat import chunking, greedy, score_compat, te3, token_counts
from bench.scoring.compat.results import row
from bench.scoring.settings import Signature

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # seqeval on U-, L- tags
seqeval_metrics = pytest.importorskip("seqeval.metrics")
seqeval_scheme = pytest.importorskip("seqeval.scheme")

TYPES = ["PER", "LOC", "ORG"]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def tag_sentences(prefixes: str, min_size: int = 0):
    tag = st.one_of(st.just("O"), st.builds(lambda p, t: f"{p}-{t}", st.sampled_from(prefixes),
                                            st.sampled_from(TYPES)))
    return st.lists(st.lists(tag, min_size=min_size, max_size=8), min_size=1, max_size=5)


def pair(prefixes: str, min_size: int = 0):
    """Gold and predicted sentences of equal lengths."""
    def predicted(gold):
        tag = st.one_of(st.just("O"), st.builds(lambda p, t: f"{p}-{t}",
                                                st.sampled_from(prefixes),
                                                st.sampled_from(TYPES)))
        return st.tuples(st.just(gold), st.tuples(*[
            st.lists(tag, min_size=len(s), max_size=len(s)) for s in gold]).map(list))
    return tag_sentences(prefixes, min_size).flatmap(predicted)


def rows_of(counts: chunking.Counts):
    per = {k: row(counts.tp[k], counts.pred[k], counts.gold[k]) for k in counts.types()}
    total = row(sum(counts.tp.values()), sum(counts.pred.values()), sum(counts.gold.values()))
    return total, per


def assert_like_seqeval(counts, gold, pred, **mode):
    m = seqeval_metrics
    total, per = rows_of(counts)
    if not per:  # no entity on either side: seqeval has nothing to report
        return
    for name, metric in (("precision", m.precision_score), ("recall", m.recall_score),
                         ("f1", m.f1_score)):
        theirs = metric(gold, pred, average=None, zero_division=0, **mode)
        assert [getattr(r, name) for r in per.values()] == pytest.approx(list(theirs),
                                                                          abs=1e-9), name
        assert getattr(total, name) == pytest.approx(
            metric(gold, pred, average="micro", zero_division=0, **mode), abs=1e-9), name
        macro = sum(getattr(r, name) for r in per.values()) / len(per)
        assert macro == pytest.approx(
            metric(gold, pred, average="macro", zero_division=0, **mode), abs=1e-9), name


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=300, deadline=None)
@given(pair("BIESLU"))
def test_seqeval_default_mode(data):
    gold, pred = data
    assert_like_seqeval(chunking.conll_counts(gold, pred), gold, pred)


SCHEMES = {"IOB2": "BI", "IOE2": "IE", "IOBES": "BIES", "BILOU": "BILU"}


@pytest.mark.slow  # many generated cases: make test-slow and CI
@pytest.mark.parametrize("scheme", SCHEMES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_seqeval_strict_mode(scheme, data):
    gold, pred = data.draw(pair(SCHEMES[scheme]))
    counts = chunking.strict_counts(gold, pred, scheme)
    assert_like_seqeval(counts, gold, pred, mode="strict",
                        scheme=getattr(seqeval_scheme, scheme))


def test_strict_mode_refuses_a_tag_outside_its_scheme():
    with pytest.raises(InputError, match=r"sentence 1, token 2: 'E-PER' is not a IOB2 tag"):
        chunking.strict_counts([["B-PER", "E-PER"]], [["O", "O"]], "IOB2", "sys")


def test_strict_and_default_differ_on_ill_formed_chunks():
    gold, pred = [["O", "I-PER", "I-PER", "O"]], [["O", "I-PER", "I-PER", "O"]]
    assert sum(chunking.conll_counts(gold, pred).tp.values()) == 1
    assert sum(chunking.strict_counts(gold, pred, "IOB2").gold.values()) == 0


conlleval_package = pytest.importorskip("conlleval")


@pytest.mark.slow  # many generated cases: make test-slow and CI
@settings(max_examples=300, deadline=None)
@given(pair("BIESLU", min_size=1))  # a file has no empty sentence
def test_conlleval_counts_accuracy_and_report(data):
    gold, pred = data
    lines = [f"w {g} {p}" for gs, ps in zip(gold, pred, strict=True)
             for g, p in (*zip(gs, ps, strict=True), ("", ""))]
    lines = [line if line.strip() != "w" else "" for line in lines]
    theirs = conlleval_package.evaluate(lines)
    ours = chunking.conlleval(gold, pred)
    chunks = theirs["overall"]["chunks"]["stats"]
    assert (sum(ours.gold.values()), sum(ours.pred.values()), sum(ours.tp.values())) == (
        chunks["gold"], chunks["pred"], chunks["correct"])
    tags = theirs["overall"]["tags"]["stats"]
    assert (ours.tokens, ours.correct_tags) == (tags["gold"], tags["correct"])
    for kind, got in theirs["slots"]["chunks"].items():
        assert (ours.gold[kind], ours.pred[kind], ours.tp[kind]) == (
            got["stats"]["gold"], got["stats"]["pred"], got["stats"]["correct"])
    # the package gives precision 1 where nothing was found; the perl script 0 (its
    # default): compare the printed report wherever the two agree on that
    if ours.tokens and all(ours.pred[k] for k in ours.types()) and sum(ours.pred.values()):
        assert chunking.conlleval_report(ours) == conlleval_package.report(theirs)


def test_conlleval_report_when_nothing_was_found_follows_the_script():
    counts = chunking.conlleval([["B-PER", "O"]], [["O", "O"]])
    assert chunking.conlleval_report(counts) == (
        "processed 2 tokens with 1 phrases; found: 0 phrases; correct: 0.\n"
        "accuracy:  50.00%; precision:   0.00%; recall:   0.00%; FB1:   0.00\n"
        "              PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  0\n")


nervaluate = pytest.importorskip("nervaluate")


def spans(max_end: int = 30):
    span = st.tuples(st.integers(0, max_end), st.integers(0, 6), st.sampled_from(TYPES)).map(
        lambda t: (t[0], t[0] + t[1], t[2]))
    return st.lists(span, max_size=6).map(lambda xs: sorted(set(xs)))


@pytest.mark.slow  # many generated cases: make test-slow and CI
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(spans(), spans()), min_size=1, max_size=4))
def test_nervaluate_counts(docs):
    def dicts(side):
        return [[{"label": lab, "start": s, "end": e} for s, e, lab in doc] for doc in side]
    gold = [g for g, _ in docs]
    pred = [p for _, p in docs]
    theirs = nervaluate.Evaluator(dicts(gold), dicts(pred), tags=TYPES,
                                  loader="dict").evaluate()
    for scheme in greedy.SCHEMES:
        total = greedy.Outcome()
        for g, p in zip(gold, pred, strict=True):
            total += greedy.evaluate(g, p, scheme)
        want = theirs["overall"][scheme]
        assert vars(total) == {k: getattr(want, k) for k in vars(total)}, scheme
        for label, by_scheme in theirs["entities"].items():
            mine = greedy.Outcome()
            for g, p in zip(gold, pred, strict=True):
                mine += greedy.evaluate([s for s in g if s[2] == label],
                                        [s for s in p if s[2] == label], scheme)
            assert vars(mine) == {k: getattr(by_scheme[scheme], k) for k in vars(mine)}
            r = row(mine.credit(scheme), mine.actual, mine.possible)
            assert (r.precision, r.recall, r.f1) == pytest.approx(
                (by_scheme[scheme].precision, by_scheme[scheme].recall, by_scheme[scheme].f1))


@pytest.mark.slow  # many generated cases: make test-slow and CI
@settings(max_examples=100, deadline=None)  # scikit-learn is slow to call
@given(tag_sentences("BI", min_size=1).flatmap(lambda gold: st.tuples(
    st.just(gold), st.tuples(*[tag_sentences("BI").map(lambda s: s[0]) for _ in gold]))))
def test_llmebench_token_macro_f1(data):
    from sklearn.metrics import f1_score, precision_score, recall_score

    gold, pred = data
    pred = [list(p) for p in pred]  # shorter and longer than the gold's sentences
    y_true = [t for s in gold for t in s]
    y_pred = [t for g, p in zip(gold, pred, strict=True) for t in (p + ["O"] * len(g))[:len(g)]]
    _, per = token_counts(gold, pred)
    rows = [row(*c) for c in per.values()]
    for metric, name in ((f1_score, "f1"), (precision_score, "precision"),
                         (recall_score, "recall")):
        want = metric(y_true, y_pred, average="macro", zero_division=0)
        assert sum(getattr(r, name) for r in rows) / len(rows) == pytest.approx(want, abs=1e-9)


def wojood_reference(gold_columns, pred_columns, kinds):
    """The shared task's procedure: one copy per type, each token's first tag of that
    type (else O), every copy scored together by seqeval's default mode."""
    y, y_hat = [], []
    for kind in kinds:
        for side, out in ((gold_columns, y), (pred_columns, y_hat)):
            out += [[next((t for t in tags if t[2:] == kind), "O") for tags in sentence]
                    for sentence in side]
    return seqeval_metrics.f1_score(y, y_hat, average="micro")


def raw_side(doc_id: str, columns):
    return {doc_id: [[(f"w{i}", tags) for i, tags in enumerate(s)] for s in columns]}


def corpus_of(doc_id: str, columns) -> Corpus:
    text = "\n".join(" ".join(f"w{i}" for i in range(len(s))) for s in columns)
    return Corpus([Document(doc_id, text)], name="g")


@pytest.mark.slow  # many generated cases: make test-slow and CI
@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda depth: st.lists(st.lists(
    st.tuples(*[st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG"])] * 2)
    .map(lambda t: t[:depth] if depth > 1 else t[:1]), min_size=1, max_size=6),
    min_size=1, max_size=4)), st.randoms(use_true_random=False))
def test_wojood_nested_equals_the_procedure(gold, rnd):
    pred = [[tuple(rnd.choice([t, "O"]) for t in tags) for tags in s] for s in gold]
    corpus = corpus_of("d", gold)
    result = score_compat("wojood", corpus, {"sys": corpus}, gold_tags=raw_side("d", gold),
                          system_tags={"sys": raw_side("d", pred)})
    table = next(iter(result.systems[0].tables.values()))
    if max(len(t) for s in gold for t in s) <= 1:
        want = seqeval_metrics.f1_score([[t[0] for t in s] for s in gold],
                                        [[t[0] for t in s] for s in pred])
    else:
        kinds = sorted({t[2:] for s in gold + pred for tags in s for t in tags if t != "O"})
        assume(kinds)  # no type: no copy to score (seqeval refuses an empty corpus)
        want = wojood_reference(gold, pred, kinds)
    assert table.overall.f1 == pytest.approx(want, abs=1e-9)


@pytest.mark.skipif(not (SHARED / "wojood-sample" / "val.txt").exists(),
                    reason="needs ../shared/corpora")
def test_wojood_on_the_val_sample_equals_the_procedure():
    from bench.loader import load_corpus, load_tags

    spec = f"conll:{SHARED / 'wojood-sample' / 'val.txt'}"
    gold = load_corpus(spec, "native")
    ids = [d.doc_id for d in gold.documents]
    tags = load_tags(spec, "native", ids)
    outer = {d: [[(tok, t[:1]) for tok, t in s] for s in sents] for d, sents in tags.items()}
    result = score_compat("wojood", gold, {"outer": gold}, gold_tags=tags,
                          system_tags={"outer": outer})
    table = result.systems[0].tables["nested"]
    gold_cols = [[t for _, t in s] for d in ids for s in tags[d]]
    pred_cols = [[t for _, t in s] for d in ids for s in outer[d]]
    kinds = table.extra["types"]
    assert table.overall.f1 == pytest.approx(wojood_reference(gold_cols, pred_cols, kinds),
                                             abs=1e-9)
    assert 0 < table.overall.f1 < 1


def timex(start, end, label="DATE", value="2021"):
    return Annotation(f"T{start}", start, end, label, "x" * (end - start), value=value)


def test_te3_strict_relaxed_and_attributes():
    gold = [timex(0, 10, "DATE", "2021-07-26"), timex(20, 25, "TIME", "T10:00"),
            timex(40, 48, "DURATION", "P3D")]
    pred = [timex(0, 10, "DATE", "2021-07-26"),       # exact, right value and type
            timex(18, 25, "DATE", "T10:00"),          # overlaps: relaxed only, wrong type
            timex(60, 62, "DATE", "2021")]            # spurious
    counts = te3.te3(gold, pred)
    assert (counts.gold, counts.pred, counts.strict, counts.relaxed, counts.value,
            counts.type) == (3, 3, 1, 2, 2, 1)
    assert row(counts.value, counts.pred, counts.gold).f1 == pytest.approx(2 / 3)


def test_te3_matches_each_timex3_once():
    gold = [timex(0, 10), timex(12, 20)]
    pred = [timex(5, 15)]  # overlaps both: one relaxed match
    assert te3.te3(gold, pred).relaxed == 1


@settings(max_examples=200, deadline=None)
@given(spans(40), st.randoms(use_true_random=False))
def test_te3_strict_equals_relaxed_on_exact_extents(gold_spans, rnd):
    gold = [timex(s, e + 1, "DATE", str(2000 + s)) for s, e, _ in gold_spans]
    pred = [timex(a.start, a.end, rnd.choice(["DATE", "TIME"]), rnd.choice([a.value, "X"]))
            for a in gold if rnd.random() < 0.7]
    counts = te3.te3(gold, pred)
    assert counts.strict == counts.relaxed


def test_every_table_and_json_names_the_mode(tmp_path):
    texts = [make_text(60)]
    gold = make_corpus(texts, [[(0, 3, "PERSON"), (10, 15, "DATE")]])
    pred = make_corpus(texts, [[(0, 3, "PERSON"), (10, 14, "DATE")]])
    for mode in ("seqeval", "seqeval-strict", "conlleval", "nervaluate", "wojood",
                 "llmebench-token", "te3"):
        result = score_compat(mode, gold, {"sys": pred})
        data = json.loads(result.to_json())
        assert data["compat"].startswith(mode)
        for table in data["systems"][0]["tables"].values():
            assert f"|compat:{data['compat']}|" in table["signature"]
            assert str(Signature.parse(table["signature"])) == table["signature"]
            assert Signature.parse(table["signature"]).compat == data["compat"]


def bench(*args, cwd=None):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "bench", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_cli_compat_and_its_mistakes(tmp_path):
    gold, pred = tmp_path / "g.conll", tmp_path / "s.conll"
    gold.write_text("a B-PER\nb I-PER\nc O\nd I-LOC\n", encoding="utf-8")
    pred.write_text("a B-PER\nb I-PER\nc O\nd E-LOC\n", encoding="utf-8")
    out = tmp_path / "r.json"
    done = bench("score", f"conll:{gold}", f"conll:{gold}", "--labels", "native",
                 "--compat", "seqeval-strict", "--json", out)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    chunks = data["systems"][0]["tables"]["chunks"]
    assert chunks["overall"]["support"] == 1  # the I-LOC after O is no entity in strict mode
    assert "compat:seqeval-strict/IOB2" in done.stdout
    default = bench("score", f"conll:{gold}", f"conll:{gold}", "--labels", "native",
                    "--compat", "seqeval", "--json", out)
    assert json.loads(out.read_text())["systems"][0]["tables"]["chunks"]["overall"][
        "support"] == 2, default.stderr
    for args, needle in (
            (["--compat", "seqevil"], "unknown mode 'seqevil'"),
            (["--compat", "seqeval-strict", "--scheme-tags", "IOB9"], "unknown scheme"),
            (["--compat", "seqeval", "--shard-documents", "5"], "not with --compat"),
            (["--compat", "seqeval-strict"], "'E-LOC' is not a IOB2 tag")):
        done = bench("score", f"conll:{gold}", f"conll:{pred}", "--labels", "native", *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert needle in done.stderr.strip().splitlines()[-1], (args, done.stderr)
        assert "Traceback" not in done.stderr
