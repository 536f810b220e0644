"""Readers and writers of every format: fixtures (dirty ones included), round trips and
count checks on the shared corpora (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, needs_corpora

from bench.cli import main
from bench.io.formats import FORMATS
from bench.loader import iter_corpus, load_corpus
from bench.problems import InputError

FIX = Path(__file__).parent / "fixtures" / "formats"


def spans(corpus) -> list[tuple]:
    return [(d.doc_id, a.start, a.end, a.label, a.text, a.value, a.mod, a.form, a.optional)
            for d in corpus for a in d.annotations]


def labelled(corpus) -> list[tuple[str, str]]:
    return [(a.text, a.label) for d in corpus for a in d.annotations]


def test_conll_iob2_documents_sentences_and_offsets():
    c = load_corpus(f"conll:{FIX / 'iob2.conll'}")
    assert [d.doc_id for d in c] == ["iob2-0001", "iob2-0002"]
    assert c.documents[0].text == "زار جو بايدن بغداد .\nوصل إلى القاهرة"
    assert labelled(c) == [("جو بايدن", "PER"), ("بغداد", "LOC"), ("القاهرة", "LOC"),
                           ("رويترز", "ORG")]
    assert not c.notes


def test_conll_iob1_and_bioes():
    assert labelled(load_corpus(f"conll-iob1:{FIX / 'iob1.conll'}")) == [
        ("جو بايدن", "PER"), ("بغداد", "LOC"), ("دمشق", "LOC")]
    assert labelled(load_corpus(f"conll-bioes:{FIX / 'bioes.conll'}")) == [
        ("جو بايدن", "PER"), ("بغداد", "LOC"), ("الأمم المتحدة اليوم", "ORG")]


def test_conll_nested_levels_and_mapping():
    from bench.io.conll import read_conll
    outer = read_conll(FIX / "nested.conll", nesting="outer")
    inner = read_conll(FIX / "nested.conll", nesting="2")
    assert labelled(outer) == [("وزير خارجية مصر", "OCC")]
    assert labelled(inner) == [("خارجية مصر", "GPE")]
    assert labelled(read_conll(FIX / "nested.conll", nesting="inner")) == labelled(inner)
    assert not outer.documents[0].nested
    # every level by default: the document is declared nested
    mapped = load_corpus(f"conll:{FIX / 'nested.conll'}", "wojood")
    assert labelled(mapped) == [("وزير خارجية مصر", "OCC"), ("خارجية مصر", "LOC")]
    assert mapped.documents[0].nested is True
    assert labelled(load_corpus(f"conll:{FIX / 'nested.conll'}", "wojood", nesting="outer")) \
        == [("وزير خارجية مصر", "OCC")]


def test_dirty_conll_every_case_reported_never_lost():
    c = load_corpus(f"conll:{FIX / 'dirty.conll'}")
    (doc,) = c
    assert doc.text == "زار بغداد العراق . الإصابة مدينة X وصل"
    assert labelled(c) == [("بغداد", "LOC"), ("العراق", "LOC"), ("مدينة", "LOC")]
    messages = [f"{Path(n.where).name}: {n.message}" for n in c.notes]
    expected = ["dirty.conll:1: BOM removed", "CRLF line ends",
                "dirty.conll:2: token of bidi marks only", "dirty.conll:3: no token before tag",
                "dirty.conll:4: leading spaces removed",
                "dirty.conll:5: bidi marks removed from token",
                "dirty.conll:6: glued line split into '.' O and 'الإصابة' O",
                "dirty.conll:7: I-LOC does not continue a LOC entity: starts one",
                "dirty.conll:8: unknown tag 'X-PER' for scheme iob2: read as O"]
    for fragment in expected:
        assert any(fragment in m for m in messages), (fragment, messages)


def test_brat_reads_notes_and_reports_what_it_cannot_hold():
    c = load_corpus(f"brat:{FIX / 'brat'}")
    (doc,) = c
    assert doc.dct == "2021-07-26"
    got = {(a.text, a.label, a.value) for a in doc.annotations}
    assert got == {("بايدن", "PERSON", None), ("بغداد", "LOC", None),
                   ("الاثنين 26 تموز 2021", "DATE", "2021-07-26"), ("أمس", "DATE", "2021-07-25")}
    messages = " | ".join(n.message for n in c.notes)
    assert "discontinuous span skipped" in messages and "R1" in messages and "A1" in messages


def test_timeml_reader():
    c = load_corpus(f"timeml:{FIX / 'timeml'}")
    (doc,) = c
    assert doc.dct == "2021-07-26" and doc.text.startswith("قال الوزير & مساعده أمس")
    assert [(a.text, a.value, a.form) for a in doc.annotations] == [
        ("أمس", "2021-07-25", "relative"), ("في كانون الأول", "2021-12", "relative"),
        ("ثلاثة أيام", "P3D", "absolute")]


def test_bad_timeml_names_the_line(tmp_path):
    bad = tmp_path / "x.tml"
    bad.write_text("<TimeML>\nنص <TIMEX3 type='DATE'>أمس</TIMEX3\n</TimeML>", "utf-8")
    with pytest.raises(InputError, match=r"x.tml:3: invalid XML"):
        load_corpus(f"timeml:{bad}")


@pytest.mark.parametrize("fmt", [pytest.param(f, marks=pytest.mark.slow) if f == "spacy" else f
                                 for f, spec in FORMATS.items() if spec.write])  # spaCy: slow
def test_round_trip_of_the_seed(fmt, tmp_path):
    original = load_corpus(ROOT)
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out.conll" if "conll" in fmt
                      else "out")
    assert main(["convert", str(ROOT), f"{fmt}:{out}"]) == 0
    back = load_corpus(f"{fmt}:{out}")
    if fmt in ("native", "jsonl", "brat", "hf"):
        assert spans(back) == spans(original) and back.documents[0].dct == "2021-07-26"
    elif fmt == "timeml":  # temporal annotations only
        assert spans(back) == [s for s in spans(original) if s[3] in
                               ("DATE", "TIME", "DURATION", "SET")]
    else:  # token formats: spans widen to whole tokens (reported), a second trip is exact
        again = tmp_path / "again.conll"
        assert main(["convert", f"{fmt}:{out}", f"{fmt}:{again}"]) == 0
        assert labelled(load_corpus(f"{fmt}:{again}")) == labelled(back)
        assert len(labelled(back)) == len(original.documents[0].annotations)


@pytest.mark.parametrize("name", ["iob2.conll", "bioes.conll"])
def test_conll_round_trip_is_exact(name, tmp_path):
    fmt = "conll-bioes" if "bioes" in name else "conll"
    first = load_corpus(f"{fmt}:{FIX / name}")
    assert main(["convert", f"{fmt}:{FIX / name}", f"{fmt}:{tmp_path / 'x.conll'}"]) == 0
    assert labelled(load_corpus(f"{fmt}:{tmp_path / 'x.conll'}")) == labelled(first)


def test_hf_token_dataset(tmp_path):
    datasets = pytest.importorskip("datasets")
    tags = datasets.ClassLabel(names=["O", "B-PER", "I-PER", "B-LOC"])
    features = datasets.Features({"tokens": datasets.Sequence(datasets.Value("string")),
                                  "ner_tags": datasets.Sequence(tags)})
    train = datasets.Dataset.from_dict({"tokens": [["زار", "جو", "بايدن", "بغداد"],
                                                   ["وصل", "دمشق"]],
                                        "ner_tags": [[0, 1, 2, 3], [0, 3]]}, features=features)
    datasets.DatasetDict({"train": train, "test": train.select([1])}).save_to_disk(
        str(tmp_path / "ds"))
    c = load_corpus(f"hf:{tmp_path / 'ds'}")
    assert [d.doc_id for d in c] == ["train", "test"]
    assert c.documents[0].text == "زار جو بايدن بغداد\nوصل دمشق"
    assert labelled(c) == [("جو بايدن", "PER"), ("بغداد", "LOC"), ("دمشق", "LOC"),
                           ("دمشق", "LOC")]


def test_streaming_reads_one_document_at_a_time():
    docs = iter_corpus(f"conll:{FIX / 'iob2.conll'}")
    assert next(docs).doc_id == "iob2-0001"  # the second is not read yet


def test_unknown_label_in_mapping_is_an_error(tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_text('{"map": {"PER": "PERSON"}}', "utf-8")
    with pytest.raises(InputError, match="LOC: label of iob2-0001 not in the mapping"):
        load_corpus(f"conll:{FIX / 'iob2.conll'}", str(mapping))


def test_stats_json_on_a_conll_file(capsys):
    assert main(["stats", f"conll:{FIX / 'iob2.conll'}", "--json"]) == 0
    assert '"LOC": 2' in capsys.readouterr().out


# --- the shared corpora ------------------------------------------------------------------
def test_anercorp_counts():
    path = needs_corpora("anercorp", "ANERCorp.train")
    c = load_corpus(f"conll:{path}", "anercorp")
    counts = {}
    for _, lab in labelled(c):
        counts[lab] = counts.get(lab, 0) + 1
    # one entity per B- tag (grep -c B-LOC ... on the file)
    assert counts == {"LOC": 3779, "PERSON": 2724, "ORG": 1578, "MISC": 888}
    tokens = sum(len(d.text.split()) for d in c)
    skipped = [n for n in c.notes if "line skipped" in n.message]
    assert len(skipped) == 191 and tokens + len(skipped) == 125278 + 1  # + the glued token
    assert any("glued line" in n.message and n.where.endswith(":123386") for n in c.notes)


def test_timeml_silver_counts():
    path = needs_corpora("arabic-timeml-silver")
    from bench.io.formats import FORMATS
    docs = list(FORMATS["timeml"].read(path, []))  # read, not validated: silver has UNDEF
    assert len(docs) == 50 and sum(len(d.annotations) for d in docs) == 283


def test_wojood_reads_with_mapping():
    path = needs_corpora("wojood-sample", "train.txt")
    c = load_corpus(f"conll:{path}", "wojood")
    assert c.documents[0].text.count("\n") + 1 == 1114
    assert {"PERSON", "LOC", "ORG", "NORP", "DATE"} <= {lab for _, lab in labelled(c)}


def test_validate_formats(tmp_path, capsys):
    assert main(["validate", f"conll:{FIX / 'dirty.conll'}"]) == 0
    assert "glued line split" in capsys.readouterr().out
    bad = tmp_path / "t"
    bad.mkdir()
    for k in (1, 2):
        (bad / f"d{k}.tml").write_text(f'<TimeML>\nنص <TIMEX3 tid="t1" type="DATE" '
                                       f'value="UNDEF-{k}">أمس</TIMEX3>\n</TimeML>', "utf-8")
    assert main(["validate", f"timeml:{bad}"]) == 1
    out = capsys.readouterr().out
    assert "d1.tml: t1: value 'UNDEF-1'" in out and "d2.tml: t1: value 'UNDEF-2'" in out


def test_duckling_values_follow_the_guidelines_conventions(tmp_path):
    """Where Duckling's convention differs from the guidelines', its value is converted
    (a zone kept as said, a month's part as a mod, "now" as PRESENT_REF, an approximator
    as APPROX); a day that only looks like one (the first Tuesday) is kept."""
    import json

    from bench.io.duckling import conventions_changed, read_duckling

    ref = "2013-02-12T04:30:00-02:00"
    rows = [("الخميس الساعة 8 بتوقيت GMT", {"type": "value", "grain": "minute",
                                             "value": "2013-02-14T06:00:00-02:00"}),
            ("نص شهر 3", {"type": "value", "value": "2013-03-15T00:00:00-02:00",
                          "grain": "day"}),
            ("بداية شهر 3", {"type": "value", "value": "2013-03-01T00:00:00-02:00",
                             "grain": "day"}),
            ("هلق", {"type": "value", "value": ref, "grain": "second"}),
            ("قرابة الثلاثاء القادم", {"type": "value", "grain": "day",
                                        "value": "2013-02-19T00:00:00-02:00"}),
            ("اول ثلاثاء من شهر عشرة", {"type": "value", "grain": "day",
                                         "value": "2013-10-01T00:00:00-02:00"}),
            ("15:23:24", {"type": "value", "value": "2013-02-12T15:23:24-02:00",
                          "grain": "second"})]
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "reference_time": ref,
                                          "expected_parsed": p}, ensure_ascii=False)
                              for t, p in rows), "utf-8")
    got = [(a.label, a.value, a.mod) for d in read_duckling(path) for a in d.annotations]
    assert got == [("TIME", "2013-02-14T08:00", None), ("DATE", "2013-03", "MID"),
                   ("DATE", "2013-03", "START"), ("DATE", "PRESENT_REF", None),
                   ("DATE", "2013-02-19", "APPROX"), ("DATE", "2013-10-01", None),
                   ("TIME", "2013-02-12T15:23:24", None)]
    assert conventions_changed(path) == {"zone": 1, "period mod": 2, "now": 1,
                                         "approximately": 1, "unchanged": 2}


def test_duckling_spans_follow_the_guidelines(tmp_path):
    """Duckling's whole-example spans lose a governing preposition and a "يوم" before a
    weekday or day number; an approximator stays (and gives mod APPROX, rule 8)."""
    import json

    from bench.io.duckling import read_duckling

    rows = [("في يوم الجمعة 15 شباط", {"type": "value", "value": "2013-02-15T00:00:00-02:00",
                                         "grain": "day"}),
            ("حوالي الساعة 3", {"type": "value", "value": "2013-02-12T15:00:00-02:00",
                                "grain": "hour"}),
            ("يوم بعد غد", {"type": "value", "value": "2013-02-14T00:00:00-02:00",
                            "grain": "day"}),
            ("اليوم", {"type": "value", "value": "2013-02-12T00:00:00-02:00", "grain": "day"})]
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "reference_time": "2013-02-12T04:30:00",
                                          "expected_parsed": p}, ensure_ascii=False)
                              for t, p in rows), "utf-8")
    got = [(a.text, a.value, a.mod) for d in read_duckling(path) for a in d.annotations]
    assert got == [("الجمعة 15 شباط", "2013-02-15", None),
                   ("حوالي الساعة 3", "2013-02-12T15:00", "APPROX"),
                   ("يوم بعد غد", "2013-02-14", None), ("اليوم", "2013-02-12", None)]
