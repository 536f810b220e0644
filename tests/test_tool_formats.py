"""The annotation tools' formats: INCEpTION/WebAnno TSV, Label Studio, Doccano, Prodigy,
spaCy DocBin. Files built by hand with offsets counted as each tool counts them (UTF-16
code units for INCEpTION and Label Studio, code points for the others), characters
outside the BMP before and inside entities, Arabic with U+200F marks; write then read
gives the same corpus; every format through the CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli_errors import bench

from bench.io.formats import write_corpus
from bench.io.utf16 import Utf16, to_code_point, to_utf16
from bench.loader import load_corpus
from bench.model import Annotation, Document
from bench.problems import InputError

BOLD_A = "\U0001D400"  # MATHEMATICAL BOLD CAPITAL A: two UTF-16 units
RLM = "\u200f"
TEXT = f"{RLM}قال 😀 {BOLD_A}محمد في {RLM}القاهرة 😀."
PERSON = f"{BOLD_A}محمد"  # begins with a non-BMP character, after an emoji
PLACE = f"{RLM}القاهرة"


def u16(text: str) -> int:
    """Length in UTF-16 code units, as Java and JavaScript count (not bench.io.utf16)."""
    return len(text.encode("utf-16-le")) // 2


def cp_span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def u16_span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return u16(TEXT[:start]), u16(TEXT[:start + len(part)])


def spans(doc) -> list[tuple]:
    return sorted((a.start, a.end, a.label, a.text) for a in doc.annotations)


EXPECTED = sorted([(*cp_span(PERSON), "PER", PERSON), (*cp_span(PLACE), "LOC", PLACE)])


def test_utf16_offsets_both_ways():
    conv = Utf16(TEXT)
    for k in range(len(TEXT) + 1):
        assert conv.to_utf16(k) == u16(TEXT[:k])
        assert conv.to_code_point(u16(TEXT[:k])) == k
    assert conv.length == u16(TEXT)
    inside = u16(TEXT[:TEXT.index(BOLD_A)]) + 1
    with pytest.raises(ValueError, match="inside a surrogate pair"):
        to_code_point(TEXT, inside)
    assert to_utf16("abc", 2) == 2 and to_code_point("😀x", 3) == 2


# --- Label Studio --------------------------------------------------------------------------
def ls_task(start_end=None, **extra) -> dict:
    per, loc = start_end or u16_span(PERSON), u16_span(PLACE)
    return {"id": 7, "data": {"text": TEXT}, "annotations": [
        {"was_cancelled": True, "result": []},
        {"result": [
            {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": per[0], "end": per[1], "labels": ["PER"]}},
            {"id": "r2", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": loc[0], "end": loc[1], "text": PLACE, "labels": ["LOC"]}},
            {"type": "relation", "from_id": "r1", "to_id": "r2"}]}], **extra}


def test_labelstudio_reads_utf16_offsets(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([ls_task()], ensure_ascii=False), "utf-8")
    c = load_corpus(f"labelstudio:{path}")
    assert [d.doc_id for d in c] == ["7"] and c.documents[0].text == TEXT
    assert spans(c.documents[0]) == EXPECTED
    assert any("relation" in n.message for n in c.notes)


def test_labelstudio_offset_inside_a_surrogate_pair(tmp_path):
    start, end = u16_span(PERSON)
    path = tmp_path / "export.json"
    path.write_text(json.dumps([ls_task((start + 1, end))], ensure_ascii=False), "utf-8")
    with pytest.raises(InputError, match=r"export.json: task 7: result 1: .*surrogate pair"):
        load_corpus(f"labelstudio:{path}")


# --- INCEpTION / WebAnno TSV ---------------------------------------------------------------
def tsv_file(tmp_path: Path, name: str = "وثيقة 1.tsv") -> Path:
    """Two sentences, the second of two #Text lines; offsets in UTF-16 units."""
    second = f"{BOLD_A}محمد في\n{RLM}القاهرة"
    text = f"{RLM}قال 😀\n{second}"
    rows, pos = [], 0
    for word in text.replace("\n", " ").split(" "):
        start = text.index(word, pos)
        pos = start + len(word)
        rows.append((u16(text[:start]), u16(text[:pos]), word))
    tags = ["_", "_", "PER[3]|X[4]", "X[4]", "LOC"]
    body = [f"1-{k + 1}\t{b}-{e}\t{w}\t*\t{t}" for k, ((b, e, w), t)
            in enumerate(zip(rows[:2], tags[:2], strict=True))]
    body2 = [f"2-{k + 1}\t{b}-{e}\t{w}\t*\t{t}" for k, ((b, e, w), t)
             in enumerate(zip(rows[2:], tags[2:], strict=True))]
    path = tmp_path / name
    path.write_text("\n".join([
        "#FORMAT=WebAnno TSV 3.3",
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value",
        "#T_RL=de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency|"
        "DependencyType|flavor|BT_de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS",
        "", "", f"#Text={RLM}قال 😀", *[r + "\t_\t_\t_" for r in body], "",
        *[f"#Text={line}" for line in second.split("\n")],
        *[r + "\t_\t_\t_" for r in body2], ""]), "utf-8")
    return path


def test_inception_reads_utf16_offsets_and_stacked_spans(tmp_path):
    c = load_corpus(f"inception:{tsv_file(tmp_path)}")
    doc = c.documents[0]
    assert doc.doc_id == "وثيقة 1"  # the stem (it is no file_stem: that would be وثيقة%201)
    assert doc.text == f"{RLM}قال 😀\n{BOLD_A}محمد في\n{RLM}القاهرة"
    stacked = f"{BOLD_A}محمد في"
    assert spans(doc) == sorted([(doc.text.index(PERSON), doc.text.index(PERSON) + 5, "PER",
                                  PERSON),
                                 (doc.text.index(PERSON), doc.text.index(PERSON) + 8, "X",
                                  stacked),
                                 (doc.text.index(PLACE), len(doc.text), "LOC", PLACE)])
    assert doc.nested and doc.dct is None
    assert any("Dependency" in n.message for n in c.notes)


def test_inception_token_not_matching_the_text_names_the_line(tmp_path):
    path = tsv_file(tmp_path, "bad.tsv")
    lines = path.read_text("utf-8").split("\n")
    lines[6] = lines[6].replace(f"\t{RLM}قال\t", f"\t{RLM}قل\t")
    path.write_text("\n".join(lines), "utf-8")
    with pytest.raises(InputError, match=r"bad.tsv:7: token '\\u200fقل' is not the text at 0-4"):
        load_corpus(f"inception:{path}")


# --- Doccano, Prodigy ----------------------------------------------------------------------
def test_doccano_both_shapes(tmp_path):
    (p0, p1), (l0, l1) = cp_span(PERSON), cp_span(PLACE)
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in [
        {"id": 12, "text": TEXT, "label": [[p0, p1, "PER"], [l0, l1, "LOC"]]},
        {"text": TEXT, "meta": {"id": "x"}, "relations": [{"from_id": 1, "to_id": 2}],
         "entities": [{"id": 1, "start_offset": p0, "end_offset": p1, "label": "PER"},
                      {"id": 2, "start_offset": l0, "end_offset": l1, "label": "LOC"}]},
        {"text": "بلا كيانات"}]) + "\n", "utf-8")
    c = load_corpus(f"doccano:{path}")
    assert [d.doc_id for d in c] == ["12", "x", "d-3"]
    assert spans(c.documents[0]) == spans(c.documents[1]) == EXPECTED
    assert [n.where for n in c.notes] == [f"{path}:2"]


def test_prodigy_spans_rejected_examples_and_span_text(tmp_path):
    (p0, p1), (l0, l1) = cp_span(PERSON), cp_span(PLACE)
    good = {"text": TEXT, "meta": {"id": "a"}, "answer": "accept",
            "spans": [{"start": p0, "end": p1, "label": "PER", "text": PERSON},
                      {"start": l0, "end": l1, "label": "LOC"}]}
    path = tmp_path / "p.jsonl"
    lines = [good, {**good, "meta": {"id": "b"}, "answer": "reject"}]
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines), "utf-8")
    c = load_corpus(f"prodigy:{path}")
    assert [d.doc_id for d in c] == ["a"] and spans(c.documents[0]) == EXPECTED
    assert "reject" in c.notes[0].message and c.notes[0].where == f"{path}:2"
    good["spans"][0]["text"] = "محمد"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"p.jsonl:1: a: span 1: its text 'محمد' is not"):
        load_corpus(f"prodigy:{path}")


# --- spaCy ---------------------------------------------------------------------------------
def spacy_file(tmp_path: Path) -> Path:
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (the models extra)")
    from spacy.tokens import DocBin

    nlp = spacy.blank("xx")
    doc = nlp.make_doc(TEXT)
    doc.ents = [doc.char_span(*cp_span(PERSON), label="PER", alignment_mode="expand"),
                doc.char_span(*cp_span(PLACE), label="LOC", alignment_mode="expand")]
    assert spans(doc_like(doc)) == EXPECTED  # the tokenizer cut where the test needs
    path = tmp_path / "train.spacy"
    DocBin(docs=[doc]).to_disk(path)
    return path


def doc_like(doc):
    return Document("x", doc.text, None, tuple(Annotation(str(k), s.start_char, s.end_char,
                                                          s.label_, s.text)
                                              for k, s in enumerate(doc.ents)))


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_spacy_docbin_reads_code_points(tmp_path):
    c = load_corpus(f"spacy:{spacy_file(tmp_path)}")
    assert [d.doc_id for d in c] == ["train-1"] and c.documents[0].text == TEXT
    assert spans(c.documents[0]) == EXPECTED


def test_spacy_missing_is_one_line_naming_the_extra(tmp_path):
    code = ("import sys; sys.modules['spacy'] = None; from bench.cli import main; "
            f"sys.exit(main(['stats', 'spacy:{tmp_path}']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (f"{tmp_path}: spaCy files need spaCy: "
                                   f"pip install -e '{ROOT}[models]'")


# --- every format: write then read back; the CLI -------------------------------------------
CORPUS = [
    Document("d1", TEXT, "2021-07-26", (
        Annotation("T1", *cp_span(PERSON), "PER", PERSON),
        Annotation("T2", *cp_span(f"{PERSON} في {PLACE}"), "ORG", f"{PERSON} في {PLACE}"),
        Annotation("T3", *cp_span(PLACE), "LOC", PLACE)), nested=True),
    Document("d 2", f"  {RLM}أمس\r\nفي 2021\n", None, (
        Annotation("t1", 3, 6, "DATE", "أمس", value="2021-07-25", form="relative"),)),
]
FORMATS = ["inception", "labelstudio", "doccano", "prodigy", "spacy"]


def needs_spacy(fmt: str) -> None:
    if fmt == "spacy":
        pytest.importorskip("spacy", reason="spaCy is not installed (the models extra)")


@pytest.mark.parametrize("fmt", [pytest.param(f, marks=pytest.mark.slow) if f == "spacy" else f
                                 for f in FORMATS])  # spaCy: slow
def test_write_then_read_gives_the_same_corpus(fmt, tmp_path):
    needs_spacy(fmt)
    notes: list = []
    write_corpus(CORPUS, fmt, tmp_path / "out", notes)
    back = load_corpus(f"{fmt}:{tmp_path / 'out'}")
    order = sorted if fmt == "inception" else list  # one file per document, by name
    assert order(d.doc_id for d in back) == order(d.doc_id for d in CORPUS)
    for doc in CORPUS:
        again = back.get(doc.doc_id)
        assert again.text == doc.text and spans(again) == spans(doc)
        assert again.nested == doc.nested
        assert again.dct == (None if fmt == "inception" else doc.dct)
    lost = [n for n in notes if "TIMEX3" in n.message]
    assert [n.item for n in lost] == ["d 2"] and all(n.severity == "warning" for n in lost)


def test_writers_refuse_what_the_format_cannot_hold(tmp_path):
    with pytest.raises(InputError, match="empty text"):
        write_corpus([Document("e", "")], "inception", tmp_path / "e", [])
    label = Document("l", "ab", None, (Annotation("T1", 0, 1, "A\rB", "a"),))
    with pytest.raises(InputError, match="carriage return"):
        write_corpus([label], "inception", tmp_path / "l", [])
    with pytest.raises(InputError, match="too long for a file name"):
        write_corpus([Document("x" * 300, "ab")], "inception", tmp_path / "x", [])


def malformed(fmt: str, tmp_path: Path) -> Path:
    if fmt == "inception":
        path = tsv_file(tmp_path, "m.tsv")
        path.write_text(path.read_text("utf-8").replace("\t0-", "\t0+", 1), "utf-8")
    elif fmt == "labelstudio":
        path = tmp_path / "m.json"
        path.write_text('[{"data": {"text": "abc"}', "utf-8")
    elif fmt == "spacy":
        path = tmp_path / "m.spacy"
        path.write_bytes(b"not a docbin")
    else:
        path = tmp_path / "m.jsonl"
        path.write_text('{"text": "abc", "id": 1}\n{"text": "abc", "label": [[0, 9, "X"]], '
                        '"spans": [{"start": 0, "end": 9, "label": "X"}]}\n', "utf-8")
    return path


@pytest.mark.slow  # three commands per format
@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_stats_convert_and_a_malformed_file(fmt, tmp_path):
    needs_spacy(fmt)
    src = tmp_path / "src"
    write_corpus(CORPUS, fmt, src, [])
    done = bench("stats", f"{fmt}:{src}", "--json", expect=0)
    assert json.loads(done.stdout)["documents"] == 2
    bench("convert", f"{fmt}:{src}", str(tmp_path / "out.jsonl"), expect=0)
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert sorted(o["doc_id"] for o in lines) == ["d 2", "d1"]
    bad = malformed(fmt, tmp_path)
    done = bench("stats", f"{fmt}:{bad}", expect=2)
    assert len(done.stderr.strip().splitlines()) == 1 and str(bad) in done.stderr, done.stderr
