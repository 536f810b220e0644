"""The fast paths of reading and checking agree with the careful ones on every input:
same documents when the input is good, the same problems (by the careful path) when not."""

from __future__ import annotations

import json

import pytest
from helpers import make_text
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.columns import ColumnsBuilder
from bench.io import native
from bench.model import Annotation, Corpus, Document
from bench.problems import InputError, errors
from bench.validate import check_document, flag_documents

TEXT = "قال الرئيس في بغداد يوم الاثنين 26 تموز 2021 ان القمة ستعقد في واشنطن."
LABELS = ("PERSON", "ORG", "LOC", "NORP", "DATE", "TIME", "DURATION", "SET")
VALUES = ("2021-07-26", "2021-13-45", "PT3H", "XXXX-WXX-1", "yesterday", "2021-W30", None)

def quick_ok(doc: Document, require_values: bool) -> bool:
    """The loaders' vectorised pass: True when it does not flag the document."""
    builder = ColumnsBuilder()
    return not flag_documents([doc], builder.encode([doc]), builder.vocab, LABELS,
                              require_values)


field_values = st.one_of(st.integers(-2, len(TEXT) + 2), st.booleans(), st.text(max_size=3),
                         st.none(), st.lists(st.integers(), max_size=1))


@st.composite
def annotation_dicts(draw):
    start = draw(st.integers(-1, len(TEXT)))
    end = draw(st.integers(start - 1, min(len(TEXT) + 1, start + 6)))
    item = {"id": draw(st.sampled_from(["T1", "T2", "T3", "T4", "T5", "T6", ""])),
            "start": start, "end": end, "label": draw(st.sampled_from(LABELS + ("GPE",))),
            "text": TEXT[max(start, 0):max(end, 0)] if draw(st.integers(0, 5)) else "x"}
    if item["label"] in LABELS[4:] or draw(st.integers(0, 9)) == 0:
        value = draw(st.sampled_from(VALUES))
        if value is not None:
            item["value"] = value
        item["form"] = draw(st.sampled_from(["absolute", "relative", "other"]))
    if draw(st.integers(0, 5)) == 0:  # a broken field
        key = draw(st.sampled_from(["id", "start", "end", "label", "text", "optional", "mood"]))
        if draw(st.booleans()):
            item.pop(key, None)
        else:
            item[key] = draw(field_values)
    return item


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=300, deadline=None)
@given(st.lists(annotation_dicts(), max_size=3))
def test_fast_parse_and_check_agree_with_the_careful_ones(items):
    fast, problems = native.parse_annotations(items, "f")
    fast = None if problems else fast
    try:  # the careful path, item by item (what parse_annotations did before)
        careful = [Annotation(**i) for i in items]
        shape_ok = all(type(i) is dict and set(i) <= set(native.ANNOTATION_FIELDS)
                       and all(k in i for k in native.REQUIRED_ANNOTATION_FIELDS)
                       and all(native._type_ok(v, native.ANNOTATION_FIELDS[k])
                               for k, v in i.items()) for i in items)
    except TypeError:
        careful, shape_ok = None, False
    if not shape_ok:
        assert fast is None
        return
    assert fast == careful
    doc = Document("d", TEXT, "2021-07-26", tuple(fast))
    for require_values in (True, False):
        found = errors(check_document(doc, labels=LABELS, require_values=require_values))
        assert quick_ok(doc, require_values) == (not found), found


def test_duplicate_keys_are_refused_on_the_fast_path_too(tmp_path):
    line = json.dumps({"doc_id": "d", "text_sha256": "0" * 64, "dct": None, "text": "ab",
                       "annotations": [{"id": "T1", "start": 0, "end": 1, "label": "LOC",
                                        "text": "a"}]})
    for dup in (line.replace('"start": 0', '"start": 0, "start": 0'),
                line.replace('"dct": null', '"dct": null, "dct": null')):
        path = tmp_path / "x.jsonl"
        path.write_text(dup + "\n", "utf-8")
        try:
            list(native.iter_jsonl(path))
        except InputError as exc:
            assert "duplicate key" in str(exc)
        else:
            raise AssertionError("a duplicated key was accepted")


WORDS = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", TEXT)]
MUTATIONS = [
    lambda a: a.update(start=a["start"] - 1, text=TEXT[a["start"] - 1:a["end"]]),  # space edge
    lambda a: a.update(text="x"), lambda a: a.update(label="GPE"), lambda a: a.update(id=""),
    lambda a: a.update(end=len(TEXT) + 5), lambda a: a.update(value="2021-02-30", form="absolute"),
    lambda a: a.update(label="DATE", value="2021", form="sometimes"),
    lambda a: a.update(label="DATE", form="absolute"),  # no value
    lambda a: a.update(label="LOC", value="2021"), lambda a: a.update(mod="LATE"),
]


@st.composite
def mostly_valid(draw):
    picked = sorted(draw(st.sets(st.integers(0, len(WORDS) - 1), min_size=1, max_size=4)))
    items = []
    for n, w in enumerate(picked, 1):
        start, end = WORDS[w]
        label = draw(st.sampled_from(LABELS))
        item = {"id": f"T{n}", "start": start, "end": end, "label": label,
                "text": TEXT[start:end]}
        if label in LABELS[4:]:
            item.update(value=draw(st.sampled_from(["2021-07-26", "PT3H", "2021-W30"])),
                        form="absolute")
            if label == "DURATION":
                item["value"] = "PT3H"
            elif label != "DATE":
                item["value"] = "2021-07-26T10:00" if label == "TIME" else "XXXX-WXX-1"
        items.append(item)
    if draw(st.booleans()):
        draw(st.sampled_from(MUTATIONS))(items[draw(st.integers(0, len(items) - 1))])
    if len(items) > 1 and draw(st.integers(0, 5)) == 0:
        items[1]["id"] = items[0]["id"]  # duplicate id
    if draw(st.integers(0, 5)) == 0:  # overlap: the first span again, one letter longer
        a = items[0]
        items.append({**a, "id": "T9", "end": a["end"] + 1, "text": TEXT[a["start"]:a["end"] + 1]})
    return items


@settings(max_examples=300, deadline=None)
@given(mostly_valid())
def test_quick_check_agrees_on_mostly_valid_documents(items):
    fast, problems = native.parse_annotations(items, "f")
    assert not problems and fast == [Annotation(**i) for i in items]
    doc = Document("d", TEXT, "2021-07-26", tuple(fast))
    for require_values in (True, False):
        found = errors(check_document(doc, labels=LABELS, require_values=require_values))
        assert quick_ok(doc, require_values) == (not found), found


@st.composite
def jsonl_lines(draw):
    """A JSONL line, often well-formed, sometimes with a duplicated key, a null, an extra
    key, a wrong type or odd spacing."""
    anns = draw(st.lists(annotation_dicts(), max_size=3))
    obj = {"doc_id": draw(st.sampled_from(["d1", ""])), "text_sha256": "ab" * 32,
           "dct": draw(st.sampled_from([None, "2021-07-26", "26/07/2021"])), "text": TEXT,
           "annotations": anns}
    if draw(st.booleans()):
        del obj["dct"]
    line = json.dumps(obj, ensure_ascii=False)
    edit = draw(st.integers(0, 9))
    if edit == 0 and anns:
        line = line.replace('"start": ', '"start": 1, "start": ', 1)
    elif edit == 1:
        line = line.replace('"doc_id": ', '"dct": null, "doc_id": ', 1)
    elif edit == 2 and anns:
        line = line.replace('"label": ', '"value": null, "label": ', 1)
    elif edit == 3:
        line = line.replace('"text": ', '"text" : ', 1)
    elif edit == 4 and anns:
        line = line.replace('"id": ', '"optional": false, "id": ', 1)
    elif edit == 5:
        line = line.replace('"text_sha256": ', '"extra": 1, "text_sha256": ', 1)
    elif edit == 6:
        line = line.replace('"text_sha256": ', '"nested": true, "text_sha256": ', 1)
    elif edit == 7:
        line = line.replace('"text_sha256": ', '"nested": "yes", "text_sha256": ', 1)
    elif edit == 8:
        line = line.replace('"text_sha256": ', '"nested": true, "nested": true, '
                                               '"text_sha256": ', 1)
    return line


@settings(max_examples=300, deadline=None)
@given(jsonl_lines())
def test_fast_decoding_agrees_with_the_careful_reader(line):
    fast = native._decode_document(line.encode(), "f:1", jsonl=True)
    try:
        careful = native.parse_annotation_object(native.parse_json(line, "f", 1), "f:1")
    except InputError:
        careful = None
    if fast is not None:  # the fast path may only accept what the careful one accepts
        assert careful is not None
        assert (fast.doc_id, fast.text, fast.dct, fast.annotations, fast.meta) == \
            (careful.doc_id, careful.text, careful.dct, careful.annotations, careful.meta)


@st.composite
def scoring_cases(draw):
    """Gold and predictions over a few documents: optional gold spans, temporal values
    and mods, predictions with an invalid value now and then (read as absent)."""
    texts = [make_text(90, lines=2) for _ in range(draw(st.integers(1, 4)))]
    kinds = st.sampled_from(["PERSON", "LOC", "DATE", "TIME"])
    values = {"DATE": ["2021-07-26", "2021-07", "2021-W30"], "TIME": ["2021-07-26T10:00"]}

    def side(gold: bool) -> list[list[Annotation]]:
        out = []
        for text in texts:
            cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=10)))
            anns = []
            for n, (s, e) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s:
                    continue
                label = draw(kinds)
                extra = {}
                if label in values:
                    value = draw(st.sampled_from(values[label] + ([] if gold else ["2021-13-45"])))
                    extra = {"value": value, "form": "absolute",
                             "mod": draw(st.sampled_from([None, "APPROX"]))}
                anns.append(Annotation(f"T{n}", s, e, label, text[s:e],
                                       optional=gold and draw(st.integers(0, 6)) == 0, **extra))
            out.append(anns)
        return out

    return texts, side(True), side(False)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=40, deadline=None)
@given(scoring_cases(), st.randoms(use_true_random=False))
def test_columns_read_from_files_score_as_the_objects_do(tmp_path_factory, case, rnd):
    """The columnar path (JSONL -> load_columns / load_prediction_columns, small batches)
    and the object path (Corpus objects handed to score) give identical JSON, alignment
    included, under every scheme and clitic mode."""
    from bench import loader
    from bench.scoring import score

    texts, gold_anns, pred_anns = case
    ids = [f"doc{i}" for i in range(len(texts))]
    gold = Corpus([Document(i, t, "2021-07-26", tuple(a))
                   for i, t, a in zip(ids, texts, gold_anns, strict=True)], name="g")
    pred = Corpus([Document(i, t, "2021-07-26", tuple(a))
                   for i, t, a in zip(ids, texts, pred_anns, strict=True)], name="p")
    folder = tmp_path_factory.mktemp("cols")
    shuffled = list(pred)
    rnd.shuffle(shuffled)  # reading order must not matter
    native.write_jsonl(gold, folder / "g.jsonl")
    native.write_jsonl(shuffled, folder / "p.jsonl")
    # the object path reads an invalid value as absent too
    pred_objects = Corpus([d.with_annotations([a.replace(value=None) if a.value == "2021-13-45"
                                               else a for a in d.annotations]) for d in pred],
                          name="p")
    options = {"clitics": ("strict", "lenient"), "resamples": 30, "trials": 30,
               "alignment": True}
    batch, loader.BATCH = loader.BATCH, 7
    try:
        gold_cols = loader.load_columns(folder / "g.jsonl")
        pred_cols = loader.load_prediction_columns(folder / "p.jsonl", gold_cols)
    finally:
        loader.BATCH = batch
    from_files = score(gold_cols, {"p": pred_cols}, **options)
    from_objects = score(gold, {"p": pred_objects}, **options)
    assert from_files.gold["sha256"] == from_objects.gold["sha256"]
    from_files.gold["name"] = from_objects.gold["name"]
    assert from_files.to_json() == from_objects.to_json()
    assert from_files.systems[0].alignment == from_objects.systems[0].alignment
    assert pred_cols.to_corpus().by_id().keys() == pred.by_id().keys()


# -- native JSONL read as arrays (bench.io.jsonl_columns) against the careful reader ------

SPACED = "قال\u00a0الرئيس في\u3000بغداد يوم\u2009الاثنين 26 تموز 2021 ان 'القمة' ستعقد."
"""A text whose words are separated by spaces str.strip() removes, ASCII or not."""
SPACED_WORDS = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", SPACED)]
LINE_EDITS = [
    (r'"start": \d+', '"start": null'), (r'"end": \d+', '"end": "3"'),
    (r'"id": "T\d"', '"id": 5'), (r'"label": ', '"label": "LOC", "label": '),
    (r'"label": ', '"value": null, "label": '), (r'"label": ', '"optional": false, "label": '),
    (r'"label": ', '"optional": 1, "label": '), (r'"id": "T\d", ', ""),
    (r'"dct": "[^"]*"', '"dct": null'), (r'"dct": "[^"]*"', '"dct": "2021-02-30"'),
    (r'"dct": "[^"]*", ', ""), (r'"text_sha256": "', '"text_sha256": "A'),
    (r'"doc_id": "[^"]*"', '"doc_id": ""'), (r'"doc_id": "[^"]*"', '"doc_id": null'),
    (r'"doc_id": "[^"]*"', '"doc_id": "a\\\\u0007b"'),
    (r'"annotations": \[', '"annotations": [null, '),
    (r'"annotations": \[', '"nested": true, "annotations": ['),
    (r'"annotations": \[', '"nested": null, "annotations": ['),
    (r'"text": "', '"text" : "'), (r'"annotations": .*\}$', '"annotations": null}'),
    (r'"start": (\d+)', r'"start": \1.0'), (r'"end": \d+', '"end": 99999999999999999999'),
    (r'"end": \d+', '"end": -0'), (r'\}$', ', "extra": 1}'), (r'\}$', '} {}'),
    (r'"text": "', '"text": "\\\\ud800'), (r'^\{', ' {'), (r'\}$', '}\r'),
]


@st.composite
def jsonl_documents(draw, doc_id: str):
    """One document's JSONL line over TEXT or SPACED, often valid, now and then edited."""
    text = draw(st.sampled_from([TEXT, SPACED]))
    words = WORDS if text == TEXT else SPACED_WORDS
    picked = sorted(draw(st.sets(st.integers(0, len(words) - 1), max_size=4)))
    items = []
    for n, w in enumerate(picked, 1):
        start, end = words[w]
        if draw(st.integers(0, 7)) == 0:  # one character more or less, a space perhaps
            end = min(len(text), max(start + 1, end + draw(st.sampled_from([-1, 1]))))
        label = draw(st.sampled_from(LABELS + ("GPE",)))
        item = {"id": f"T{n}", "start": start, "end": end, "label": label,
                "text": text[start:end]}
        if label in LABELS[4:]:
            item.update(value={"DATE": "2021-07-26", "DURATION": "PT3H", "SET": "XXXX-WXX-1",
                               "TIME": "2021-07-26T10:00"}[label], form="absolute")
        if draw(st.integers(0, 5)) == 0:
            item["optional"] = True
        items.append(item)
    if items and draw(st.booleans()):
        draw(st.sampled_from(MUTATIONS + [lambda a: None] * 4))(items[0])
    obj = {"doc_id": doc_id, "text_sha256": __import__("bench.model").model.sha256_text(text),
           "dct": draw(st.sampled_from(["2021-07-26", None])), "text": text, "annotations": items}
    line = json.dumps(obj, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:
        pattern, repl = draw(st.sampled_from(LINE_EDITS))
        line = __import__("re").sub(pattern, repl, line, count=1)
    return line


@st.composite
def jsonl_files(draw) -> bytes:
    """A JSONL file of a few documents: ids sometimes repeated, CRLF or LF, with or
    without a last newline, now and then a BOM, a blank line, a byte that is not UTF-8,
    or nothing at all."""
    ids = draw(st.lists(st.sampled_from(["d1", "d2", "d3", "d4", "d5"]), max_size=5))
    lines = [draw(jsonl_documents(i)) for i in ids]
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    body = newline.join(lines) + (newline if lines and draw(st.booleans()) else "")
    kind = draw(st.integers(0, 12))
    if kind == 0:
        body = "\ufeff" + body
    elif kind == 1 and lines:
        body = body.replace(newline, newline * 2, 1)
    raw = body.encode("utf-8")
    if kind == 2 and lines:
        raw = raw.replace("ال".encode(), b"\xff", 1)
    return raw


def _outcome(read):
    """The Columns a reader gives (as plain values), or the problems it raises (or the
    error: a lone surrogate in a text fails both readers alike, a known gap)."""
    import numpy as np

    try:
        columns = read()
    except InputError as exc:
        return [str(p) for p in exc.problems]
    except UnicodeEncodeError as exc:
        return repr(exc)
    return {k: (v.tolist() if isinstance(v, np.ndarray) else
                {f: a.tolist() for f, a in v.items()} if k == "codes" else v)
            for k, v in vars(columns).items()}


def _careful(monkeypatch):
    """The careful reader only: no chunk decoded as arrays."""
    from bench import loader

    monkeypatch.setattr(loader, "decode_chunk", lambda chunk: None)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=300, deadline=None)
@given(jsonl_files(), st.sampled_from([None, 1, 300]))
def test_jsonl_read_as_arrays_agrees_with_the_careful_reader(tmp_path_factory, raw, chunk):
    """load_columns of native JSONL gives the same Columns, or the same problems, with
    chunks decoded as arrays as with the careful reader alone (chunks of one line, of a
    few, of the whole file)."""
    import pytest

    from bench import loader
    from bench.io import native as native_io

    path = tmp_path_factory.mktemp("jsonl") / "g.jsonl"
    path.write_bytes(raw)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(native_io, "CHUNK_BYTES", chunk or native_io.CHUNK_BYTES)
        fast = _outcome(lambda: loader.load_columns(path))
        _careful(mp)
        careful = _outcome(lambda: loader.load_columns(path))
    assert fast == careful


GOLD_LINES = [json.dumps({"doc_id": f"d{k}", "text_sha256": __import__(
    "bench.model").model.sha256_text(text), "dct": None, "text": text, "annotations": [
        {"id": "T1", "start": 0, "end": 3, "label": "PERSON", "text": text[:3]}]},
    ensure_ascii=False) for k, text in enumerate([TEXT, SPACED, TEXT, SPACED, TEXT], 1)]


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
@settings(max_examples=200, deadline=None)
@given(jsonl_files(), st.sampled_from([None, 1, 300]))
def test_jsonl_predictions_as_arrays_agree_with_the_careful_reader(tmp_path_factory, raw,
                                                                  chunk):
    """load_prediction_columns of native JSONL predictions: the same Columns, or the
    same problems (in any order), with chunks decoded as arrays and without."""
    import pytest

    from bench import loader
    from bench.io import native as native_io

    folder = tmp_path_factory.mktemp("preds")
    (folder / "g.jsonl").write_text("\n".join(GOLD_LINES) + "\n", "utf-8")
    (folder / "p.jsonl").write_bytes(raw)
    gold = loader.load_columns(folder / "g.jsonl")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(native_io, "CHUNK_BYTES", chunk or native_io.CHUNK_BYTES)
        fast = _outcome(lambda: loader.load_prediction_columns(folder / "p.jsonl", gold))
        _careful(mp)
        careful = _outcome(lambda: loader.load_prediction_columns(folder / "p.jsonl", gold))
    if isinstance(fast, list) and isinstance(careful, list):
        fast, careful = sorted(fast), sorted(careful)
    assert fast == careful


@settings(max_examples=300, deadline=None)
@given(jsonl_documents("d1"))
def test_a_decoded_line_is_what_the_careful_reader_reads(line):
    """decode_chunk accepts only lines the careful reader accepts, with the same values."""
    from pathlib import Path

    from bench.io.jsonl_columns import decode_chunk

    raw = (line + "\n").encode("utf-8")
    decoded = decode_chunk(native.JsonlChunk(Path("f"), 1, raw))
    try:
        doc = native._jsonl_document(raw, Path("f"), 1)
    except InputError:
        doc = None
    if decoded is None:
        return
    assert doc is not None
    arrays = decoded.arrays()
    rows = range(len(arrays.start))
    strings = {f: [s[i] if i >= 0 else None for i in idx.tolist()]
               for f, (s, idx) in arrays.strings.items()}
    got = tuple(Annotation(strings["id"][r], int(arrays.start[r]), int(arrays.end[r]),
                           strings["label"][r], doc.text[arrays.start[r]:arrays.end[r]],
                           strings["value"][r], strings["mod"][r], strings["form"][r],
                           strings["calendar"][r], bool(arrays.optional[r])) for r in rows)
    span_texts = [bytes(arrays.span_bytes[a:b]).decode()
                  for a, b in zip(arrays.span_offsets[:-1], arrays.span_offsets[1:],
                                  strict=True)]
    assert (arrays.doc_ids, arrays.texts, arrays.dcts, arrays.shas, arrays.nested) == \
        ([doc.doc_id], [doc.text], [doc.dct], [doc.meta["text_sha256"]], [doc.nested])
    assert [a.replace(text="") for a in got] == [a.replace(text="") for a in doc.annotations]
    assert span_texts == [a.text for a in doc.annotations]


def test_duplicate_ids_name_their_first_place_without_a_map_of_places(tmp_path):
    """Duplicated document ids are named with the line that first gave the id, found by
    reading the file again (the loader keeps a set of ids only), whether the loader
    raises at the first problem or collects them all."""
    from bench import loader

    path = tmp_path / "d.jsonl"
    lines = [GOLD_LINES[k] for k in (0, 1, 2, 0, 1, 0)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    problems: list = []
    list(loader.iter_corpus(f"jsonl:{path}", problems=problems))
    assert [str(p) for p in problems] == [
        f"{path}:{n}: {i}: duplicate document id (first in {path}:{first})"
        for n, i, first in ((4, "d1", 1), (5, "d2", 2), (6, "d1", 1))]
    for read in (loader.load_columns, loader.load_corpus):
        try:
            read(path)
        except InputError as exc:
            assert [str(p) for p in exc.problems] == [str(problems[0])]
        else:
            raise AssertionError("a duplicated id was accepted")
