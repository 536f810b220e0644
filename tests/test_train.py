"""bench train and the sklearn-ner backend: a small model trained in seconds on text
written here, exact offsets, the clitic convention, determinism, refusals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import backend_module
from test_cli_errors import bench

from bench.io.native import write_jsonl
from bench.loader import load_corpus, load_predictions
from bench.model import Annotation, Document

PEOPLE = ["محمد علي", "احمد حسن", "خالد سعيد", "سمير عادل", "ليلى فؤاد", "نور كريم"]
PLACES = ["بغداد", "دمشق", "القاهرة", "بيروت", "عمان", "الرياض"]
ORGS = ["وزارة الخارجية", "الامم المتحدة", "جامعة الدول العربية", "البنك الدولي"]


def corpus(tmp_path: Path, labels=("PERSON", "LOC", "ORG"), name: str = "train.jsonl"
           ) -> Path:
    """Sentences of a few patterns over the names above; places also after و (their
    spans start after it, as the guidelines want)."""
    docs = []
    for i in range(60):
        person, place, org = PEOPLE[i % 6], PLACES[(i * 5) % 6], ORGS[i % 4]
        text = f"زار {person} مدينة {place} امس ثم وصل وفد {org} الى و{place} مساء"
        spans = [(text.index(person), person, "PERSON"), (text.index(place), place, "LOC"),
                 (text.index(org), org, "ORG"), (text.rindex(place), place, "LOC")]
        anns = tuple(Annotation(f"T{k}", s, s + len(p), lab, p) for k, (s, p, lab)
                     in enumerate(sorted(spans), 1) if lab in labels)
        docs.append(Document(f"d{i:03d}", text, "2021-07-26", anns))
    path = tmp_path / name
    write_jsonl(docs, path)
    return path


@pytest.mark.slow  # two trainings and a run per model
@pytest.mark.parametrize("model", ["linear", "crf"])
def test_train_then_tag_exact_offsets_clitics_outside_and_deterministic(tmp_path, model):
    if model == "crf":
        backend_module("sklearn-ner", "sklearn_crfsuite",
                       "the train extra: pip install -e '.[train]'")
    data = corpus(tmp_path)
    outs = []
    for run in ("a", "b"):
        done = bench("train", "--corpus", str(data), "--model", model, "--out",
                     str(tmp_path / f"m{run}"), "--seed", "3", expect=0)
        assert "clitics outside the spans" in done.stdout
        outs.append(tmp_path / f"m{run}")
    weights = "crf.npz" if model == "crf" else "linear.npz"
    a, b = ((o / weights).read_bytes() for o in outs)
    assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()  # same seed, same model
    meta = json.loads((outs[0] / "model.json").read_text("utf-8"))
    assert meta["labels"] == ["PERSON", "ORG", "LOC"] and meta["seed"] == 3
    assert {"scikit-learn", "numpy"} <= set(meta["libraries"])
    spec = f"sklearn-ner:{outs[0]}"
    bench("run", "--backend", spec, "--corpus", str(data), "--out", str(tmp_path / "run"),
          "--no-cache", expect=0)
    from bench.extractors.record import safe_name

    gold = load_corpus(data)
    pred = load_predictions(tmp_path / "run" / safe_name(spec), gold)
    doc = pred.documents[0]
    assert all(doc.text[x.start:x.end] == x.text for x in doc.annotations)
    second = [x for x in doc.annotations if x.label == "LOC"][-1]
    assert doc.text[second.start - 1] == "و"  # the proclitic stays outside the span
    got = {(x.start, x.end, x.label) for d in pred for x in d.annotations}
    want = {(x.start, x.end, x.label) for d in gold for x in d.annotations}
    assert len(got & want) / len(want) > 0.9  # it learned its training data


@pytest.mark.slow  # a 3-fold training
def test_cross_validation_prints_per_type_scores(tmp_path):
    done = bench("train", "--corpus", str(corpus(tmp_path)), "--model", "linear", "--cv", "3",
                 "--out", str(tmp_path / "m"), "--resamples", "20", expect=0)
    assert "3-fold cross-validation of linear" in done.stdout
    assert "strict+lenient: micro P" in done.stdout and "| PERSON" in done.stdout


@pytest.mark.slow
def test_refusals_are_one_line(tmp_path):
    dates = tmp_path / "dates.jsonl"
    text = "وصل الوفد يوم الاثنين"
    write_jsonl([Document("d", text, "2021-07-26", (Annotation(
        "T1", 10, 21, "DATE", "يوم الاثنين", value="2021-07-26", form="relative"),))], dates)
    done = bench("train", "--corpus", str(dates), "--model", "linear", "--out",
                 str(tmp_path / "x"), expect=2)
    assert "needs at least two entity labels" in done.stderr and "it has DATE" in done.stderr
    one = corpus(tmp_path, labels=("LOC",), name="one.jsonl")
    done = bench("train", "--corpus", str(one), "--model", "linear", "--out",
                 str(tmp_path / "y"), expect=2)
    assert "it has LOC" in done.stderr
    model = tmp_path / "m"
    bench("train", "--corpus", str(corpus(tmp_path)), "--model", "linear", "--out", str(model),
          expect=0)
    meta = json.loads((model / "model.json").read_text("utf-8"))
    (model / "model.json").write_text(json.dumps({**meta, "features": "features-0"}), "utf-8")
    done = bench("run", "--backend", f"sklearn-ner:{model}", "--out", str(tmp_path / "r"),
                 expect=2)
    assert "trained with features 'features-0'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    (model / "model.json").write_text(json.dumps(meta), "utf-8")
    weights = model / "linear.npz"
    weights.write_bytes(weights.read_bytes()[:100])
    done = bench("run", "--backend", f"sklearn-ner:{model}", "--out", str(tmp_path / "r"),
                 expect=2)
    assert "corrupt model file" in done.stderr


@pytest.mark.slow  # a suite run with a training
def test_a_suite_task_with_a_holdout_trains_and_scores_on_the_held_out_sentences(tmp_path):
    data = corpus(tmp_path)
    (tmp_path / "s.toml").write_text(f'''name = "learn"
backends = ["gazetteer-ner"]
[[tasks]]
name = "toy"
corpus = "{data.name}"
kind = "entities"
holdout = 0.2
''', "utf-8")
    bench("suite", "run", str(tmp_path / "s.toml"), "--out", str(tmp_path / "out"), "--cache",
          str(tmp_path / "cache"), "--resamples", "20", "--trials", "20", cwd=tmp_path,
          expect=0)
    results = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))
    assert results["gold"]["documents"] == 12  # the last fifth of 60 sentences
    names = [s["name"] for s in results["systems"]]
    assert names == ["gazetteer-ner", f"sklearn-ner:{tmp_path / 'out' / 'model'}"]
    assert results["task"]["holdout"] == 0.2
    assert len(list((tmp_path / "cache" / "_models").glob("*/model.json"))) == 1  # by key


@pytest.mark.parametrize("seed", range(10))
def test_sentence_documents_take_each_lines_own_spans_in_document_order(seed):
    """The bisection over sorted spans gives what the definition says: each non-blank
    line with the spans of the labels that lie inside it, in the document's order."""
    import random

    from bench.learn.train import sentence_documents
    from bench.model import Annotation, Corpus, Document

    rng = random.Random(seed)
    text = "\n".join("".join(rng.choice("ab ") for _ in range(rng.randint(0, 12)))
                     for _ in range(8))
    anns = []
    for k in range(25):
        s = rng.randrange(len(text))
        e = min(len(text), s + rng.randint(1, 6))
        anns.append(Annotation(f"T{k}", s, e, rng.choice(["LOC", "ORG", "DATE"]), text[s:e]))
    doc = Document("d", text, None, tuple(anns))
    labels = ("LOC", "ORG")
    want, pos = [], 0
    for n, line in enumerate(text.split("\n")):
        end = pos + len(line)
        inside = tuple(a.replace(start=a.start - pos, end=a.end - pos) for a in anns
                       if a.label in labels and pos <= a.start and a.end <= end)
        if line.strip():
            want.append((f"d:{n + 1:06d}", line, inside))
        pos = end + 1
    got = [(d.doc_id, d.text, d.annotations) for d in sentence_documents(Corpus([doc]), labels)]
    assert got == want
