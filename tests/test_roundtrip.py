"""Write then read gives the same corpus, for every writable format of FORMATS.

Each format declares what it holds (``Format.holds``, names of
:data:`bench.io.formats.CAPABILITIES`); the property compares the corpus written and the
corpus read back projected on exactly that. A writer may instead refuse with an
InputError: the input must then need something the format does not hold.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bench.io.conll import BIDI
from bench.io.formats import CAPABILITIES, FORMATS, write_corpus
from bench.io.names import file_stem, name_of
from bench.loader import load_corpus
from bench.model import ENTITY_LABELS, TEMPORAL_LABELS, Annotation, Document
from bench.nesting import nests
from bench.problems import InputError
from bench.timex import value_problem
from bench.validate import check_document

pytestmark = pytest.mark.slow

WORDS = ["كتب", "محمد", "القاهرة", "2021", "Paris", "ab", "x", "\U0001F600", "\U0001D400",
         "\u200f", "\u200fعلي", "\u200e", "O", "B-PER", "a&b", "<t>", "]]>", "يوليو",
         "2021-07-26", "الساعة", "New", "York"]
SEPS = ["", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", " \u200f ", "\u2028", "\x0b"]
IDS = ["d1", "../x", "a/b", "d 1", "وثيقة", "x" * 200, ".hidden", "A", "a", "%41", "~x",
       "\U0001F600"]
VALUES = {"DATE": "2021-07-26", "TIME": "2021-07-26T10:30", "DURATION": "P3D",
          "SET": "P1W"}
assert all(value_problem(k, v) is None for k, v in VALUES.items())

REFUSABLE = {"long-ids", "empty-documents", "any-token", "multiline-spans", "char-spans",
             "nesting", "control-chars"}
"""What a writer may refuse rather than write (the rest it writes or leaves out)."""
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LINE_BREAK = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _strip(text: str, i: int, j: int) -> tuple[int, int]:
    while i < j and text[i].isspace():
        i += 1
    while j > i and text[j - 1].isspace():
        j -= 1
    return i, j


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and not (
        a[0] <= b[0] and b[1] <= a[1] or b[0] <= a[0] and a[1] <= b[1])


@st.composite
def documents(draw, doc_id: str) -> Document:
    # rare: an empty document, a -DOCSTART- token (CoNLL holds neither)
    word = st.sampled_from(WORDS * 3 + ["-DOCSTART-"])
    pieces = draw(st.lists(st.tuples(word, st.sampled_from(SEPS)),
                           min_size=0 if draw(st.integers(0, 5)) == 0 else 1, max_size=8))
    text = draw(st.sampled_from(["", "", "", " ", "\n"])) + "".join(w + s for w, s in pieces)
    nested = draw(st.booleans())
    anns: list[Annotation] = []
    for n in range(draw(st.integers(0, 5)) if text.strip() else 0):
        i = draw(st.integers(0, len(text) - 1))
        j = i + draw(st.integers(1, 12)) if draw(st.booleans()) else draw(
            st.integers(i + 1, len(text)))
        i, j = _strip(text, i, min(j, len(text)))
        label = draw(st.sampled_from(ENTITY_LABELS + TEMPORAL_LABELS))
        if i == j or any(((a.start, a.end) != (i, j) and _crosses((a.start, a.end), (i, j)))
                         or (a.start, a.end, a.label) == (i, j, label)
                         or (not nested and a.start < j and i < a.end) for a in anns):
            continue
        extra = {"optional": draw(st.booleans())}
        if label in TEMPORAL_LABELS:
            extra.update(value=VALUES[label], form=draw(st.sampled_from(["absolute",
                                                                         "relative"])),
                         mod=draw(st.sampled_from([None, "APPROX"])),
                         calendar=draw(st.sampled_from([None, "hijri"])))
        ident = draw(st.sampled_from([f"T{n + 1}", f"t {n}", f"x{n}"]))
        anns.append(Annotation(ident, i, j, label, text[i:j], **extra))
    dct = draw(st.sampled_from([None, "2021-07-26"]))
    return Document(doc_id, text, dct, tuple(anns), nested=nested)


@st.composite
def corpora(draw) -> list[Document]:
    ids = draw(st.lists(st.one_of(st.sampled_from(IDS), st.text("abوث-_. ", min_size=1,
                                                                 max_size=12)),
                        min_size=1, max_size=4, unique=True))
    docs = [draw(documents(i)) for i in ids]
    for doc in docs:
        assert not [p for p in check_document(doc, warnings=False)
                    if p.severity == "error"], doc
    return docs


def _tokens(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, word without bidi marks, line) of each token a CoNLL reader keeps."""
    out = []
    pos = 0
    for k, line in enumerate(text.split("\n")):
        for m in re.finditer(r"\S+", line):
            if BIDI.sub("", m.group()):
                out.append((pos + m.start(), pos + m.end(), BIDI.sub("", m.group()), k))
        pos += len(line) + 1
    return out


def _extent(a: Annotation, tokens) -> tuple[int, int] | None:
    covered = [i for i, t in enumerate(tokens) if t[1] > a.start and t[0] < a.end]
    return (covered[0], covered[-1] + 1) if covered else None


def needs(docs: list[Document]) -> set[str]:
    """The capabilities a corpus needs of a format that is to hold it whole (those a
    writer may refuse)."""
    out = set()
    for doc in docs:
        tokens = _tokens(doc.text)
        if name_of(file_stem(doc.doc_id)) != doc.doc_id:
            out.add("long-ids")
        if not tokens:
            out.add("empty-documents")
        if re.search(r"(?:^|\s)-DOCSTART-(?:\s|$)", doc.text):
            out.add("any-token")
        if any(LINE_BREAK.search(a.text) for a in doc.annotations):
            out.add("multiline-spans")
        starts, ends = {t[0] for t in tokens}, {t[1] for t in tokens}
        if any(a.start not in starts or a.end not in ends for a in doc.annotations):
            out.add("char-spans")
        if nests([(a.start, a.end) for a in doc.annotations]):
            out.add("nesting")
        if CONTROL.search(doc.text):
            out.add("control-chars")
    return out


def project(docs: list[Document], holds: frozenset[str]) -> list[tuple]:
    """The documents as far as a format holding ``holds`` keeps them."""
    out = []
    for doc in docs:
        kinds = (ENTITY_LABELS if "entities" in holds else ()) + (
            TEMPORAL_LABELS if "temporal" in holds else ())
        tokens = _tokens(doc.text)
        if "text-exact" in holds:
            text = doc.text
        else:
            lines: dict[int, list[str]] = {}
            for t in tokens:
                lines.setdefault(t[3], []).append(t[2])
            text = "\n".join(" ".join(words) for words in lines.values())
        spans = []
        for a in doc.annotations:
            if a.label not in kinds:
                continue
            extent = (a.start, a.end) if "char-spans" in holds else _extent(a, tokens)
            item: tuple = (extent, a.label)
            if "values" in holds:
                item += (a.value, a.mod, a.form, a.calendar, a.optional)
            if "annotation-ids" in holds:
                item += (a.id,)
            spans.append(item)
        nested = doc.nested if "nested-flag" in holds else nests([s[0] for s in spans])
        out.append((doc.doc_id if "ids" in holds else None,
                    doc.dct if "dct" in holds else None, text, nested, sorted(spans)))
    return out if "order" in holds or "ids" not in holds else sorted(out)


TARGETS = [(name, "out.jsonl" if name == "native" and suffix else "out")
           for name, spec in FORMATS.items() if spec.write
           for suffix in ((False, True) if name == "native" else (False,))]


def test_every_writable_format_declares_what_it_holds():
    for name, spec in FORMATS.items():
        if spec.write:
            assert spec.holds, f"{name}: declare Format.holds"
            assert spec.holds <= set(CAPABILITIES), (name, spec.holds - set(CAPABILITIES))


def round_trip(docs: list[Document], fmt: str, out: Path) -> None:
    """Written and read back, the projection is the same; or the writer refuses and the
    corpus needs something the format does not hold."""
    holds = FORMATS[fmt].holds
    try:
        write_corpus(docs, fmt, out, [])
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message.strip(), message
        missing = needs(docs) & REFUSABLE - holds
        assert missing, f"{fmt} refused what it holds: {message}"
        event(f"refused ({', '.join(sorted(missing))})")
        return
    back = load_corpus(f"{fmt}:{out}").documents
    event("written and read back, with spans" if any(d.annotations for d in docs)
          else "written and read back")
    assert project(back, holds) == project(docs, holds)


@pytest.mark.parametrize(("fmt", "name"), TARGETS)
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=corpora())
def test_write_then_read_gives_the_same_corpus(fmt, name, docs, tmp_path_factory):
    round_trip(docs, fmt, tmp_path_factory.mktemp(fmt) / name)


# Each finding of the property, as a command: bench convert of a JSONL corpus.

def _convert(tmp_path: Path, docs: list[Document], fmt: str, expect: int):
    from test_cli_errors import bench

    from bench.io.native import document_jsonl_line

    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(document_jsonl_line(d) + "\n" for d in docs), "utf-8")
    out = tmp_path / "out"
    done = bench("convert", str(src), f"{fmt}:{out}", expect=expect)
    if expect:
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not out.exists()
    return done, out


def _doc(text: str, *spans: tuple[int, int, str], nested: bool = False, **extra) -> Document:
    anns = [Annotation(f"T{k}", s, e, label, text[s:e],
                       **(extra if label in TEMPORAL_LABELS else {}))
            for k, (s, e, label) in enumerate(spans, 1)]
    return Document("d1", text, None, tuple(anns), nested=nested)


def test_conll_refuses_a_docstart_token_inside_a_line(tmp_path):
    """Was written one token a line, so the reader started a document there and lost
    the rest of the text."""
    done, _ = _convert(tmp_path, [_doc("كتب -DOCSTART- محمد")], "conll", 2)
    assert "-DOCSTART-" in done.stderr


def test_conll_refuses_a_span_across_a_line_break(tmp_path):
    """Was written as B- on one sentence, I- on the next: read back as two spans."""
    done, _ = _convert(tmp_path, [_doc("New\nYork", (0, 8, "LOC"))], "conll", 2)
    assert "crosses a line break" in done.stderr and "T1" in done.stderr


@pytest.mark.parametrize(("text", "spans", "why"), [
    ("ab cd ef", [(0, 4, "LOC"), (4, 8, "ORG")], "crosses T1"),  # "ab c" and "d ef"
    ("abc", [(0, 1, "LOC"), (1, 3, "LOC")], "covers the tokens of T1"),
])
def test_conll_refuses_spans_that_cross_or_coincide_once_widened(tmp_path, text, spans, why):
    """Were written (widened to whole tokens), then the reader refused its own file:
    crossing spans, or two spans of one label on one extent."""
    done, _ = _convert(tmp_path, [_doc(text, *spans)], "conll", 2)
    assert why in done.stderr


def test_conll_leaves_out_tokens_of_bidi_marks_only(tmp_path):
    """A token of bidi marks only was written, and a reader skips it, except in a file
    of two tag columns, where it read the tag ``O`` as the token: a word that was never
    in the text."""
    doc = _doc("محمد \u200f علي", (0, 10, "PERSON"), (7, 10, "PERSON"), nested=True)
    _, out = _convert(tmp_path, [doc], "conll", 0)
    back = load_corpus(f"conll:{out}").documents
    assert back[0].text == "محمد علي"
    assert {a.text for a in back[0].annotations} == {"محمد علي", "علي"}
    done, _ = _convert(tmp_path / "only", [_doc("\u200f")], "conll", 2)
    assert "no token" in done.stderr


def test_timeml_keeps_carriage_returns_and_calendars(tmp_path):
    """A carriage return came back as a line feed (XML reads it so), and ``calendar``
    was not written."""
    doc = _doc("في\r\n3 رمضان", (4, 11, "DATE"), value="2021-04-15", form="absolute",
               calendar="hijri")
    _, out = _convert(tmp_path, [doc], "timeml", 0)
    back = load_corpus(f"timeml:{out}").documents[0]
    assert back.text == doc.text
    assert back.annotations[0].calendar == "hijri"


def test_timeml_refuses_overlapping_spans_and_control_characters(tmp_path):
    """Overlapping TIMEX3 were written one after the other, repeating the text; a control
    character was written into XML that no reader can parse."""
    values = {"value": "2021-07-26", "form": "absolute"}
    done, _ = _convert(tmp_path, [_doc("26 يوليو", (0, 8, "DATE"), (3, 8, "DATE"),
                                       nested=True, **values)], "timeml", 2)
    assert "overlaps another temporal span" in done.stderr
    done, _ = _convert(tmp_path / "ctl", [_doc("يوم\x0bأمس")], "timeml", 2)
    assert "U+000B" in done.stderr
