"""Nested entities end to end: the format's rules, CoNLL levels, scoring by depth,
reports. Flat corpora are covered by every other test (their figures do not move)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import needs_corpora
from test_cli_errors import bench

from bench.io.native import write_jsonl
from bench.loader import load_corpus
from bench.model import Annotation, Corpus, Document
from bench.scoring import score

TEXT = "قال وزير خارجية مصر ان وفد جامعة الدول العربية وصل الى بغداد"


def ann(ident: str, phrase: str, label: str, nth: int = 0) -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return Annotation(ident, start, start + len(phrase), label, phrase)


GOLD = (ann("T1", "وزير خارجية مصر", "PERSON"), ann("T2", "مصر", "LOC"),
        ann("T3", "جامعة الدول العربية", "ORG"), ann("T4", "الدول العربية", "ORG"),
        ann("T5", "العربية", "NORP"), ann("T6", "بغداد", "LOC"))
OUTER = ("T1", "T3", "T6")


def corpus(anns, nested: bool = True, name: str = "g") -> Corpus:
    return Corpus([Document("d1", TEXT, "2021-07-26", tuple(anns), nested=nested)], name=name)


def test_nested_gold_scores_one_at_every_depth_and_a_flat_tagger_is_judged_fairly():
    gold = corpus(GOLD)
    result = score(gold, {"self": gold, "outer": corpus([a for a in GOLD if a.id in OUTER])},
                   resamples=20, trials=20, alignment=True)
    self_, outer = result.systems
    assert list(self_.by_depth) == ["flat", "nested", "level 2", "level 3"]
    assert all(sc.overall.f1 == 1.0 for sc in self_.by_depth.values())
    flat, nested = outer.by_depth["flat"].overall, outer.by_depth["nested"].overall
    assert (flat.recall, flat.precision) == (1.0, 1.0)
    assert nested.recall == pytest.approx(len(OUTER) / len(GOLD)) and nested.precision == 1.0
    assert outer.by_depth["level 2"].overall.support == 2  # مصر, الدول العربية
    misses = {i.gold["text"]: i.level for i in outer.alignment if i.kind == "missed"}
    assert misses == {"مصر": 2, "الدول العربية": 2, "العربية": 3}


def test_a_prediction_matches_the_inner_or_the_outer_gold_span_never_both():
    gold = corpus([ann("T1", "جامعة الدول العربية", "ORG"), ann("T2", "الدول العربية", "ORG")])
    pred = corpus([ann("P1", "الدول العربية", "ORG")], nested=False)
    o = score(gold, {"p": pred}, resamples=0, trials=0).systems[0].scores["partial"].overall
    assert (o.tp, o.fn, o.fp) == (1.0, 1.0, 0.0)  # the exact inner match, the outer missed


def test_flat_corpora_have_no_depth_tables():
    flat = corpus([a for a in GOLD if a.id in OUTER], nested=False)
    result = score(flat, {"x": flat}, resamples=0, trials=0, alignment=True)
    assert result.systems[0].by_depth is None
    assert "by_depth" not in json.loads(result.to_json())["systems"][0]
    assert all(i.level is None for i in result.systems[0].alignment)


def jsonl(tmp_path: Path, anns, nested=True) -> Path:
    path = tmp_path / "g.jsonl"
    write_jsonl(corpus(anns, nested=bool(nested)), path)
    if nested not in (True, False):  # a wrong value of the flag
        path.write_text(path.read_text("utf-8").replace('"nested": true', f'"nested": {nested}'),
                        "utf-8")
    return path


@pytest.mark.parametrize("anns, nested, message", [
    ((ann("T1", "جامعة الدول", "ORG"), ann("T2", "الدول العربية", "ORG")), True,
     "T2: crosses T1 ["),
    ((ann("T1", "الدول العربية", "ORG"), ann("T2", "الدول العربية", "ORG")), True,
     "T2: duplicates T1 (same start, end and label)"),
    ((ann("T1", "جامعة الدول العربية", "ORG"), ann("T2", "العربية", "NORP")), False,
     '(no nesting allowed; a nested corpus declares "nested": true)'),
    ((ann("T1", "بغداد", "LOC"),), '"yes"', "nested: must be true or false, got 'yes'"),
])
def test_every_nesting_error_is_named(tmp_path, anns, nested, message):
    done = bench("validate", str(jsonl(tmp_path, anns, nested)), expect=1)
    assert message in done.stdout, done.stdout


def test_nesting_and_one_extent_with_two_labels_are_valid_when_declared(tmp_path):
    anns = GOLD + (ann("T7", "بغداد", "ORG"),)  # the same extent as T6, another label
    path = jsonl(tmp_path, anns)
    bench("validate", str(path), expect=0)
    assert load_corpus(path).documents[0].nested is True


def test_conll_columns_round_trip_and_nesting_options(tmp_path):
    src = tmp_path / "n.conll"
    src.write_text("قال O O\nوزير B-OCC O\nخارجية I-OCC B-ORG\nمصر I-OCC I-ORG\n"
                   "الى O O\nبغداد B-GPE B-LOC\n", "utf-8")  # one extent, two labels
    every = load_corpus(f"conll:{src}")
    assert [(a.text, a.label) for a in every.documents[0].annotations] == [
        ("وزير خارجية مصر", "OCC"), ("خارجية مصر", "ORG"), ("بغداد", "GPE"), ("بغداد", "LOC")]
    spans = sorted((a.start, a.end, a.label) for a in every.documents[0].annotations)
    assert every.documents[0].nested is True
    out = tmp_path / "out.conll"
    bench("convert", f"conll:{src}", f"conll:{out}", expect=0)
    back = load_corpus(f"conll:{out}")
    assert sorted((a.start, a.end, a.label) for a in back.documents[0].annotations) == spans
    outer = load_corpus(f"conll:{src}", nesting="outer").documents[0]
    inner = load_corpus(f"conll:{src}", nesting="inner").documents[0]
    assert [a.text for a in outer.annotations] == ["وزير خارجية مصر", "بغداد", "بغداد"]
    assert [a.text for a in inner.annotations] == ["خارجية مصر", "بغداد", "بغداد"]
    second = load_corpus(f"conll:{src}", nesting="2").documents[0]
    assert [a.text for a in second.annotations] == ["خارجية مصر", "بغداد"]
    done = bench("stats", "--nesting", "deep", f"conll:{src}", expect=2)
    assert "--nesting: 'deep': give all, outer, inner or a column number" in done.stderr


def test_wojood_every_tag_of_every_column_is_read():
    path = needs_corpora("wojood-sample", "val.txt")
    tags = sum(t.startswith("B-") for line in path.read_text("utf-8").splitlines()
               for t in line.split()[1:])
    done = bench("stats", "--nesting", "all", "--labels", "wojood", f"conll:{path}", "--json",
                 expect=0)
    assert json.loads(done.stdout)["annotations"] == tags


def test_reports_draw_nested_spans_and_name_the_level():
    from bench.report.html import _render_doc
    from bench.report.markdown import render_errors

    doc = _render_doc("abcdef", [(0, 6, "gold", "ORG"), (2, 4, "gold", "LOC")])
    assert doc == ('<span class="gold" title="ORG">ab</span><span class="gold" title="ORG">'
                   '<span class="gold" title="LOC">cd</span></span>'
                   '<span class="gold" title="ORG">ef</span>')
    gold = corpus(GOLD)
    outer = corpus([a for a in GOLD if a.id in OUTER])
    system = score(gold, {"outer": outer}, resamples=0, trials=0, alignment=True).systems[0]
    text = render_errors(None, system)
    assert re.search(r"\| count\s+\| level\s+\| gold", text)
    assert re.search(r"\| 1\s+\| 3\s+\| NORP «العربية»\s+\|\s+\| d1 ", text)
