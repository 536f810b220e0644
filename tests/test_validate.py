"""Every kind of bad gold input is rejected, naming file and annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED

from bench.cli import main
from bench.loader import load_corpus
from bench.problems import InputError, errors
from bench.validate import validate_paths


def gold_path(root: Path) -> Path:
    return root / "gold" / f"{SEED}.json"


def edit_gold(root: Path, change) -> None:
    path = gold_path(root)
    obj = json.loads(path.read_text("utf-8"))
    change(obj)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def ann(obj: dict, ident: str) -> dict:
    return next(a for a in obj["annotations"] if a["id"] == ident)


# (name, mutation of the gold object, annotation id named, message fragment)
BAD_CASES = [
    ("offset beyond text", lambda o: ann(o, "T88").update(end=99999), "T88", "out of range"),
    ("empty span", lambda o: ann(o, "T3").update(end=ann(o, "T3")["start"]), "T3", "out of range"),
    ("text differs from slice", lambda o: ann(o, "T2").update(text="باريس"), "T2",
     "does not equal the slice"),
    ("unknown label", lambda o: ann(o, "T5").update(label="PER"), "T5", "unknown label 'PER'"),
    ("bad TIMEX3 value", lambda o: ann(o, "T4").update(value="26/07/2021"), "T4",
     "not a valid TIMEX3 DATE value"),
    ("DATE value on DURATION", lambda o: ann(o, "T20").update(value="2021"), "T20",
     "not a valid TIMEX3 DURATION value"),
    ("temporal without value", lambda o: ann(o, "T4").pop("value"), "T4", "needs a TIMEX3 value"),
    ("temporal without form", lambda o: ann(o, "T4").pop("form"), "T4", "needs form"),
    ("unknown mod", lambda o: ann(o, "T18").update(mod="LATE"), "T18", "unknown TIMEX3 mod"),
    ("unknown calendar", lambda o: ann(o, "T4").update(calendar="julian"), "T4",
     "unknown calendar"),
    ("value on an entity", lambda o: ann(o, "T2").update(value="2021"), "T2",
     "only for temporal labels"),
    ("duplicate id", lambda o: ann(o, "T6").update(id="T5"), "T5", "duplicate annotation id"),
    ("overlap", lambda o: ann(o, "T14").update(start=ann(o, "T13")["start"],
                                               text="الاميركي جو بايدن"), "T14", "overlaps T13"),
    ("leading whitespace", lambda o: ann(o, "T2").update(start=ann(o, "T2")["start"] - 1,
                                                         text=" لندن"), "T2", "whitespace"),
    ("wrong text hash", lambda o: o.update(text_sha256="0" * 64), "text_sha256",
     "does not match"),
    ("malformed hash", lambda o: o.update(text_sha256="abc"), "text_sha256", "64 lowercase hex"),
    ("malformed dct", lambda o: o.update(dct="26/07/2021"), "dct", "ISO date"),
    ("missing field", lambda o: ann(o, "T7").pop("label"), "T7", "missing field 'label'"),
    ("unknown field", lambda o: ann(o, "T7").update(lable="LOC"), "T7", "unknown field 'lable'"),
    ("string offset", lambda o: ann(o, "T7").update(start="3"), "T7", "'start' must be int"),
    ("boolean offset", lambda o: ann(o, "T7").update(end=True), "T7", "'end' must be int"),
    ("annotations not a list", lambda o: o.update(annotations={}), "annotations", "must be a list"),
    ("unknown top-level field", lambda o: o.update(extra=1), None, "unknown field 'extra'"),
]


@pytest.mark.parametrize("name,change,item,fragment", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_gold_is_rejected(corpus_copy, name, change, item, fragment):
    edit_gold(corpus_copy, change)
    problems = errors(validate_paths([corpus_copy]))
    assert any(fragment in p.message and (item is None or p.item == item)
               and p.where == str(gold_path(corpus_copy)) for p in problems), problems
    with pytest.raises(InputError):
        load_corpus(corpus_copy)


def test_every_single_corrupted_offset_is_caught(corpus_copy):
    obj = json.loads(gold_path(corpus_copy).read_text("utf-8"))
    for index, item in enumerate(obj["annotations"]):
        for key, delta in (("start", 1), ("end", -1), ("start", -1), ("end", 1)):
            bad = json.loads(json.dumps(obj))
            bad["annotations"][index][key] += delta
            gold_path(corpus_copy).write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
            problems = errors(validate_paths([corpus_copy]))
            assert any(p.item == item["id"] for p in problems), (item, key, delta)


def test_invalid_json_names_the_line(corpus_copy):
    path = gold_path(corpus_copy)
    path.write_text(path.read_text("utf-8").replace('"T3"', '"T3",,', 1), "utf-8")
    (problem,) = validate_paths([corpus_copy])
    assert problem.where == f"{path}:8" and "invalid JSON" in problem.message


def test_duplicate_json_key_is_an_error(corpus_copy):
    path = gold_path(corpus_copy)
    path.write_text(path.read_text("utf-8").replace('"id": "T3"', '"id": "T3", "id": "T9"'),
                    "utf-8")
    (problem,) = validate_paths([corpus_copy])
    assert "duplicate key 'id'" in problem.message


def test_missing_gold_and_orphan_gold(corpus_copy):
    gold_path(corpus_copy).rename(corpus_copy / "gold" / "other.json")
    messages = [str(p) for p in validate_paths([corpus_copy])]
    assert any("no gold file" in m for m in messages)
    assert any("other.json: no text seeds/other.txt" in m for m in messages)


def test_meta_hash_mismatch(corpus_copy):
    meta = corpus_copy / "seeds" / f"{SEED}.meta.json"
    meta.write_text(meta.read_text("utf-8").replace('"2e26', '"3e26'), "utf-8")
    (problem,) = validate_paths([corpus_copy])
    assert problem.item == "text_sha256" and problem.where == str(meta)


def test_text_not_utf8(corpus_copy):
    (corpus_copy / "seeds" / f"{SEED}.txt").write_bytes(b"\xff\xfe bad")
    (problem,) = validate_paths([corpus_copy])
    assert "not UTF-8 at byte 0" in problem.message


def test_boundary_warnings_but_proclitics_accepted(corpus_copy):
    def change(o):
        ann(o, "T34").update(start=ann(o, "T34")["start"] - 1, text="وبغداد")  # includes و
        ann(o, "T7").update(end=ann(o, "T7")["end"] - 1, text="واشنط")  # ends inside word
        ann(o, "T3").update(start=ann(o, "T3")["start"] + 2, text="عراقيون")  # after "ال"
    edit_gold(corpus_copy, change)
    problems = validate_paths([corpus_copy])
    assert not errors(problems)
    warned = {p.item: p.message for p in problems}
    assert "ends inside a word" in warned["T7"]
    assert "starts inside the word (after 'ال')" in warned["T3"]
    assert "T34" not in warned  # و + بغداد starts a word; "لعراق" (T59) after ل is fine too


def test_cli_validate_exit_status_and_message(corpus_copy, capsys):
    assert main(["validate", str(corpus_copy)]) == 0
    edit_gold(corpus_copy, lambda o: ann(o, "T40").update(start=ann(o, "T40")["start"] + 1))
    assert main(["validate", str(corpus_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{gold_path(corpus_copy)}: T40: text 'امس' does not equal the slice" in out


def test_cli_validate_annotation_file_finds_its_text(corpus_copy, capsys, monkeypatch):
    assert main(["validate", str(gold_path(corpus_copy))]) == 0
    lonely = corpus_copy / "elsewhere" / "x.json"
    lonely.parent.mkdir()
    lonely.write_bytes(gold_path(corpus_copy).read_bytes())
    assert main(["validate", str(lonely), "--corpus", str(corpus_copy / "nowhere")]) == 2
    assert "nowhere: no such directory" in capsys.readouterr().err
    assert main(["validate", str(lonely), "--corpus", str(corpus_copy / "gold")]) == 2
    assert "not a corpus: no seeds/" in capsys.readouterr().err
    deeper = corpus_copy / "a" / "b" / "x.json"
    deeper.parent.mkdir(parents=True)
    deeper.write_bytes(lonely.read_bytes())
    monkeypatch.chdir(deeper.parent)
    assert main(["validate", str(deeper)]) == 1
    out = capsys.readouterr().out
    assert "no text seeds/" in out and "(give the corpus with --corpus)" in out
    assert main(["validate", str(lonely), "--corpus", str(corpus_copy)]) == 0
