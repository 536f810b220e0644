"""The baseline's feature groups on tiny data built here: deterministic features, name
lists from training sentences only (cross-validation folds and the parts of a training
set), clusters saved and read back identically, and models of other feature settings
refused with the reason."""

from __future__ import annotations

import json

import pytest
from test_cli_errors import bench

from bench.learn import features as ft
from bench.learn.clusters import Clusters, train_clusters
from bench.learn.model import ModelKind, Tagger
from bench.model import Annotation, Corpus, Document
from bench.problems import InputError

PEOPLE = ["محمد علي", "احمد حسن", "خالد سعيد", "سمير عادل", "ليلى فؤاد", "نور كريم",
          "هشام جواد", "رنا فارس", "زياد منير", "سلمى راشد"]
PLACES = ["بغداد", "دمشق", "القاهرة", "بيروت", "عمان", "الرياض", "تونس", "صنعاء"]
ORGS = ["وزارة الخارجية", "الامم المتحدة", "البنك الدولي"]


def toy_corpus(n: int = 40) -> Corpus:
    """One sentence a document; person i is named in sentence i only when i >= 20, so
    each of those names lives in one sentence (one fold of any split)."""
    docs = []
    for i in range(n):
        person = PEOPLE[i % 10] if i < 20 else f"{PEOPLE[i % 10].split()[0]} ب{i:02d}ن"
        place, org = PLACES[(i * 3) % 8], ORGS[i % 3]
        text = f"زار {person} مدينة {place} امس ثم وصل وفد {org} الى {place} مساء"
        spans = [(text.index(person), person, "PERSON"), (text.index(place), place, "LOC"),
                 (text.index(org), org, "ORG"), (text.rindex(place), place, "LOC")]
        anns = tuple(Annotation(f"T{k}", s, s + len(p), lab, p)
                     for k, (s, p, lab) in enumerate(sorted(spans), 1))
        docs.append(Document(f"d{i:03d}", text, None, anns))
    return Corpus(docs, name="toy")


TEXT = "\n".join(f"زار {p} مدينة {c} امس" for p in PEOPLE for c in PLACES[:4]) + "\n"


def test_features_are_deterministic_and_groups_add_their_own():
    words = "وزار محمد علي مدينة والقاهرة ، امس".split()
    clusters = train_clusters([TEXT], levels=(4, 2))
    names = ft.harvest_names([["محمد", "القاهرة"]], [["B-PERSON", "B-LOC"]])
    full = ft.Featurizer(ft.GROUPS, clusters, names)
    again = ft.Featurizer(list(reversed(ft.GROUPS)), dict(clusters), dict(names))
    assert full.sentence(words) == again.sentence(words) == full.sentence(words)
    base = ft.Featurizer(()).sentence(words)
    feats = full.sentence(words)
    for mine, more in zip(base, feats, strict=True):
        assert set(mine) < set(more)  # every group only adds
    assert "n=PERSON" in feats[1] and "n-1=PERSON" in feats[2] and "nb=LOC" in feats[4]
    assert any(f.startswith("g=") for f in feats[1]) and "p4=مدين" in feats[3]
    assert [f for f in feats[1] if f.startswith("k0=")] == [f"k0={clusters['محمد'][0]}"]
    assert "w-2=<s>" in feats[0] and "w+1=ا" not in feats[-1] and "w+2=</s>" in feats[-1]
    assert "n=PERSON" not in ft.Featurizer(("ngrams",), clusters, names).sentence(words)[1]


def test_harvested_names_come_from_the_sentences_given_only():
    sents = [["زار", "محمد", "بغداد"], ["زار", "خالد", "والقاهرة"]]
    tags = [["O", "B-PERSON", "B-LOC"], ["O", "B-PERSON", "B-LOC"]]
    assert ft.harvest_names(sents[:1], tags[:1]) == {"محمد": "PERSON", "بغداد": "LOC"}
    both = ft.harvest_names(sents, tags)
    assert both["والقاهرة"] == both[ft.name_key("والقاهرة")] == "LOC" and "زار" not in both


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_no_name_of_a_test_fold_reaches_its_model(monkeypatch):
    """Cross-validation: each fold's name list holds no name seen only in its test part;
    in training, each part's name features come from the other parts."""
    from bench import crossval
    from bench.learn import model as model_module

    trained, features_seen = [], []
    real_train, real_fit = crossval.train, model_module.Tagger.train

    def spy_train(corpus, *args, **kwargs):
        tagger = real_train(corpus, *args, **kwargs)
        trained.append(({d.text for d in corpus}, tagger))
        return tagger

    def spy_fit(kind, feats, *args, **kwargs):
        features_seen.append(feats)
        return real_fit(kind, feats, *args, **kwargs)

    monkeypatch.setattr(crossval, "train", spy_train)
    monkeypatch.setattr(model_module.Tagger, "train", spy_fit)
    corpus = toy_corpus()
    crossval.cross_validate(corpus, ModelKind.LINEAR, 4, groups=("names",), resamples=0,
                            trials=0)
    assert len(trained) == 4
    for (texts, tagger), feats in zip(trained, features_seen, strict=True):
        for doc in corpus:
            surname = doc.text.split()[2]  # the second word of the person's name
            if surname.startswith("ب"):  # a name of one sentence only
                assert (surname in tagger.features.names) == (doc.text in texts)
        # every training sentence's unique surname has no name feature of its own
        for sent in feats:
            surname = sent[2][1]  # "w=..." of the third token
            if surname.startswith("w=ب"):
                assert not any(f.startswith("n=") for f in sent[2])


@pytest.mark.parametrize("kind", list(ModelKind))
def test_clusters_and_names_are_saved_and_read_back_identically(tmp_path, kind):
    from bench.learn.train import tag_document, train

    if kind is ModelKind.CRF:
        from conftest import backend_module

        backend_module("sklearn-ner", "sklearn_crfsuite", "the train extra")
    table = train_clusters([TEXT], levels=(4, 2))
    assert table == train_clusters([TEXT], levels=(4, 2))  # the same text, the same ids
    assert len(set(table.values())) > 1
    corpus = toy_corpus()
    tagger = train(corpus, kind, 0, ft.GROUPS, Clusters(table, ("toy",)))
    tagger.save(tmp_path / "m")
    loaded = Tagger.load(tmp_path / "m")
    assert loaded.features.clusters == table and loaded.features.names == tagger.features.names
    assert loaded.features.groups == ft.GROUPS
    assert [tag_document(loaded, d) for d in corpus] == [tag_document(tagger, d) for d in corpus]
    meta = json.loads((tmp_path / "m" / "model.json").read_text("utf-8"))
    assert meta["feature_groups"] == list(ft.GROUPS) and meta["clusters"]["sources"] == ["toy"]


def test_a_model_of_other_feature_settings_is_refused_with_the_reason(tmp_path):
    from bench.learn.train import train

    folder = tmp_path / "m"
    train(toy_corpus(), ModelKind.LINEAR, 0, ("names",)).save(folder)
    meta = json.loads((folder / "model.json").read_text("utf-8"))
    for change, says in [({"features": "features-1"}, "trained with features 'features-1'"),
                         ({"feature_groups": ["names", "pos"]}, "feature groups ['names', "
                                                                 "'pos']"),
                         ({"feature_groups": ["names", "clusters"]}, "clusters.tsv: missing")]:
        (folder / "model.json").write_text(json.dumps({**meta, **change}), "utf-8")
        with pytest.raises(InputError) as err:
            Tagger.load(folder)
        assert says in str(err.value)
    (folder / "model.json").write_text(json.dumps(meta), "utf-8")
    (folder / "names.tsv").write_text("محمد\tLOC\n", "utf-8")
    with pytest.raises(InputError, match="names.tsv: corrupt model file"):
        Tagger.load(folder)


def test_train_refuses_clusters_without_text_in_one_line(tmp_path):
    data = tmp_path / "toy.jsonl"
    from bench.io.native import write_jsonl

    write_jsonl(list(toy_corpus(6)), data)
    for args, says in [(("--features", "clusters"), "--clusters-from SRC"),
                       (("--features", "ngrams,pos"), "unknown feature group(s) pos"),
                       (("--clusters-from", str(tmp_path / "nowhere")), "no such file")]:
        done = bench("train", "--corpus", str(data), "--model", "linear", "--out",
                     str(tmp_path / "m"), *args, expect=2)
        assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_numpy_decoder_finds_crfsuites_path():
    """The CRF tags through :class:`~bench.learn.model.Decoder` (its weights, Viterbi in
    numpy): the same tags as crfsuite's own tagger, on sentences it was and was not
    trained on, in one batch or sentence by sentence."""
    from conftest import backend_module

    sklearn_crfsuite = backend_module("sklearn-ner", "sklearn_crfsuite",
                                      "the train extra: pip install -e '.[train]'")
    from bench.learn.model import Decoder
    from bench.learn.train import examples

    corpus = toy_corpus()
    sents, tags, *_ = examples(corpus, ("PERSON", "LOC", "ORG"))
    features = ft.Featurizer(ft.GROUPS, train_clusters([TEXT], levels=(4, 2)),
                             ft.harvest_names(sents[:20], tags[:20]))
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.05, c2=0.05, max_iterations=30,
                               all_possible_transitions=True)
    crf.fit([features.sentence(s) for s in sents[:20]], tags[:20])
    decoder = Decoder.of(crf, list(crf.classes_), features)
    unseen = sents + [["محمد"], [], "وصل وفد الى دمشق وبغداد".split()]
    want = [list(t) for t in crf.predict([features.sentence(s) for s in unseen])]
    assert decoder.tag(unseen) == want
    assert [decoder.tag([s])[0] for s in unseen] == want
    assert any(t != "O" for row in want for t in row)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_train_learns_clusters_from_text_and_scores_a_held_out_part(tmp_path):
    from bench.io.native import write_jsonl

    data, text = tmp_path / "toy.jsonl", tmp_path / "texts"
    write_jsonl(list(toy_corpus()), data)
    text.mkdir()
    (text / "a.txt").write_text(TEXT, "utf-8")
    done = bench("train", "--corpus", str(data), "--model", "linear", "--out",
                 str(tmp_path / "m"), "--holdout", "0.25", "--clusters-from", str(text),
                 "--clusters-from", f"jsonl:{data}", "--resamples", "0", expect=0)
    assert "features: ngrams, clusters, names) trained on the first 75%" in done.stdout
    assert "strict: micro P" in done.stdout
    meta = json.loads((tmp_path / "m" / "model.json").read_text("utf-8"))
    assert meta["feature_groups"] == ["ngrams", "clusters", "names"]
    assert meta["clusters"]["sources"] == [str(text), f"jsonl:{data}"]
    assert (tmp_path / "m" / "clusters.tsv").is_file()
