"""Model backends on models and servers the tests build (no network): hf, spacy, llm,
and the stanza, camel and gliner adapters on fakes of their libraries' output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, backend_module
from test_cli_errors import bench

from bench.loader import load_corpus, load_predictions
from bench.model import Document

MODELS_EXTRA = "the models extra: pip install torch==2.13.0 && pip install -e '.[models]'"


@pytest.fixture(scope="session")
def seed():
    return load_corpus(ROOT)


@pytest.fixture(scope="session")
def hf_model(tmp_path_factory, seed):
    backend_module("hf", "torch", MODELS_EXTRA)
    backend_module("hf", "transformers", MODELS_EXTRA)
    from tiny_models import build_hf_model

    doc = seed.documents[0]
    spans = [(a.start, a.end, a.label) for a in doc.annotations if not a.is_temporal]
    return build_hf_model(tmp_path_factory.mktemp("tinyhf"), doc.text, spans)


@pytest.mark.slow  # torch or spaCy: seconds to import and train
def test_hf_backend_through_bench_run_is_valid_mapped_and_deterministic(tmp_path, hf_model,
                                                                        seed):
    spec = f"hf:{hf_model}"
    for out in ("a", "b"):
        bench("run", "--backend", spec, "--out", str(tmp_path / out), "--no-cache", expect=0)
    from bench.extractors.record import safe_name

    folder = safe_name(spec)
    a = load_predictions(tmp_path / "a" / folder, seed).documents[0].annotations
    b = load_predictions(tmp_path / "b" / folder, seed).documents[0].annotations
    assert a == b and len(a) > 10  # valid (the runner checked every span), deterministic
    assert {x.label for x in a} <= {"PERSON", "LOC", "ORG"}  # PERS mapped, MISC dropped
    text = seed.documents[0].text
    assert all(text[x.start:x.end] == x.text for x in a)
    manifest = json.loads((tmp_path / "a" / "run.json").read_text("utf-8"))
    record = manifest["backends"][0]
    assert record["labels"] == ["PERSON", "ORG", "LOC"]  # MISC has no canonical label
    assert record["version"].startswith("files:")


@pytest.mark.slow  # torch or spaCy: seconds to import and train
def test_hf_windows_give_the_spans_of_one_pass(hf_model, seed):
    from bench.extractors.models.hf import HFTokenClassifier

    text = "\n".join([seed.documents[0].text] * 3)
    doc = Document("long", text, "2021-07-26")
    whole = HFTokenClassifier(str(hf_model))
    whole.prepare()
    windowed = HFTokenClassifier(str(hf_model))
    windowed.max_length, windowed.stride = 32, 8
    windowed.prepare()
    one = [(a.start, a.end, a.label) for a in whole.extract(doc)]
    cut = [(a.start, a.end, a.label) for a in windowed.extract(doc)]
    enc = windowed._tokenizer(text, truncation=True, max_length=32, stride=8,
                              return_overflowing_tokens=True)
    assert len(enc["input_ids"]) > 50  # many windows
    assert cut == one and len(one) > 30
    assert all(text[s:e] == text[s:e].strip() for s, e, _ in one)


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_hf_available_says_what_is_missing(tmp_path):
    backend_module("hf", "transformers", MODELS_EXTRA)
    from bench.extractors.models.hf import HFTokenClassifier

    ok, why = HFTokenClassifier(str(tmp_path / "none")).available()
    assert not ok and "no model folder" in why
    ok, why = HFTokenClassifier("CAMeL-Lab/bert-base-arabic-camelbert-msa-ner").available()
    assert not ok and "huggingface-cli download CAMeL-Lab/bert-base-arabic-camelbert-msa-ner" \
        in why
    done = bench("list", "--check", "hf:CAMeL-Lab/bert-base-arabic-camelbert-msa-ner", expect=1)
    assert "not in the Hugging Face cache" in done.stdout


def sentences_corpus(tmp_path: Path) -> Path:
    from tiny_models import SENTENCES

    from bench.io.native import write_jsonl
    from bench.model import Annotation

    canonical = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG", "MISC": "NORP"}
    docs = []
    for i, (text, ents) in enumerate(SENTENCES):
        anns = tuple(Annotation(f"T{k}", text.index(p), text.index(p) + len(p), canonical[lab],
                                p) for k, (p, lab) in enumerate(ents, 1))
        docs.append(Document(f"s{i}", text, "2021-07-26", anns))
    path = tmp_path / "sentences.jsonl"
    write_jsonl(docs, path)
    return path


@pytest.mark.slow  # torch or spaCy: seconds to import and train
def test_spacy_backend_through_bench_run(tmp_path):
    backend_module("spacy", "spacy", MODELS_EXTRA)
    from tiny_models import build_spacy_model

    from bench.extractors.record import safe_name

    model = build_spacy_model(tmp_path / "pipeline")
    corpus = sentences_corpus(tmp_path)
    spec = f"spacy:{model}"
    runs = []
    for out in ("a", "b"):
        bench("run", "--backend", spec, "--corpus", str(corpus), "--out", str(tmp_path / out),
              "--no-cache", expect=0)
        runs.append(load_predictions(tmp_path / out / safe_name(spec), load_corpus(corpus)))
    a, b = ([x for d in r for x in d.annotations] for r in runs)
    assert a == b and a  # deterministic, and it learned something
    assert {x.label for x in a} <= {"PERSON", "LOC", "ORG"}  # MISC dropped, others mapped
    record = json.loads((tmp_path / "a" / "run.json").read_text("utf-8"))["backends"][0]
    assert record["status"] == "ok" and set(record["labels"]) == {"PERSON", "LOC", "ORG"}
    ok, why = __import__("bench.extractors.models.spacy_backend", fromlist=["x"]).SpacyNER(
        "ar_core_news_none").available()
    assert not ok and "python -m spacy download ar_core_news_none" in why


LLM_TEXT = "قال الكاظمي يوم الاثنين في بغداد ان بغداد ستستضيف وفدا وللولايات المتحدة دور"
LLM_REPLIES = {
    LLM_TEXT: [{"mentions": [
        {"text": "الكاظمي", "label": "PERSON"},
        {"text": "يوم الاثنين", "label": "DATE", "value": "2021-07-26"},
        {"text": "بغداد", "label": "LOC"}, {"text": "بغداد", "label": "LOC"},  # repeated
        {"text": "الولايات المتحدة", "label": "LOC"},  # fused: للولايات
        {"text": "باريس", "label": "LOC"},  # not in the text
        {"text": "وفدا", "label": "EVENT"}]}],  # no canonical label
    "وصل الوفد الى دمشق": ["{mentions: oops", {"mentions": [{"text": "دمشق", "label": "LOC"}]}],
}


@pytest.fixture
def llm_server():
    """An OpenAI-compatible chat server on 127.0.0.1 (a free port) with canned replies per
    document text; a text starting with "بطيء" gets its reply after 3 s."""
    import http.server
    import threading
    import time

    seen: list[str] = []
    replies: dict[str, list] = {}  # per text, the replies still to give (the last repeats)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, obj, raw: str | None = None):
            body = (raw if raw is not None else json.dumps(obj, ensure_ascii=False)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self._send({"data": [{"id": "tiny"}]})

        def do_POST(self):
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            assert request["temperature"] == 0 and request["seed"] == 0
            text = request["messages"][-1]["content"]
            seen.append(text)
            if text.startswith("بطيء"):
                time.sleep(3)
            queue = replies.setdefault(text, list(LLM_REPLIES.get(text, [{"mentions": []}])))
            reply = queue.pop(0) if len(queue) > 1 else queue[0]
            content = reply if isinstance(reply, str) else json.dumps(reply, ensure_ascii=False)
            self._send({"choices": [{"message": {"role": "assistant", "content": content}}]})

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", seen
    server.shutdown()


def test_llm_backend_locates_every_mention_in_the_text(tmp_path, llm_server):
    from bench.extractors.record import safe_name
    from bench.io.native import write_jsonl

    url, seen = llm_server
    docs = [Document("d1", LLM_TEXT, "2021-07-26"), Document("d2", "وصل الوفد الى دمشق",
                                                             "2021-07-26")]
    corpus = tmp_path / "c.jsonl"
    write_jsonl(docs, corpus)
    spec = f"llm:tiny@{url}"
    bench("run", "--backend", spec, "--corpus", str(corpus), "--out", str(tmp_path / "out"),
          "--no-cache", expect=0)
    preds = load_predictions(tmp_path / "out" / safe_name(spec), load_corpus(corpus))
    d1, d2 = preds.documents
    got = [(LLM_TEXT[a.start:a.end], a.label, a.value) for a in d1.annotations]
    first = LLM_TEXT.index("بغداد")
    assert got == [("الكاظمي", "PERSON", None), ("يوم الاثنين", "DATE", "2021-07-26"),
                   ("بغداد", "LOC", None), ("بغداد", "LOC", None),
                   ("لولايات المتحدة", "LOC", None)]
    assert [a.start for a in d1.annotations if a.text == "بغداد"] == \
        [first, LLM_TEXT.index("بغداد", first + 1)]  # repeated: left to right
    assert [(a.text, a.label) for a in d2.annotations] == [("دمشق", "LOC")]
    assert seen.count("وصل الوفد الى دمشق") == 2  # malformed once, asked again
    record = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))["backends"][0]
    assert "1 mention(s) not in the text: dropped" in record["reason"]
    assert "1 EVENT" in record["reason"]


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_llm_failures_name_the_document_and_the_reason(llm_server, tmp_path):
    from bench.extractors.models.llm import ChatLLM

    url, _ = llm_server
    slow = ChatLLM(f"tiny@{url}")
    slow.timeout, slow.retries = 0.5, 1
    with pytest.raises(RuntimeError, match=r"document s1: no reply within 0.5 s "
                                           r"\(after 2 attempts\)"):
        slow.extract(Document("s1", "بطيء جدا", "2021-07-26"))
    broken = ChatLLM(f"tiny@{url}")
    broken.retries = 0
    LLM_REPLIES["خبر"] = ["not json at all"]
    try:
        with pytest.raises(RuntimeError, match=r"document s2: malformed JSON reply"):
            broken.extract(Document("s2", "خبر", "2021-07-26"))
    finally:
        del LLM_REPLIES["خبر"]
    done = bench("list", "--check", "llm:tiny@http://127.0.0.1:9/v1", expect=1)
    assert "server http://127.0.0.1:9/v1 unreachable" in done.stdout


ADAPTER_TEXT = "التقى محمد علي في بغداد\nوفد الامم المتحدة الأمريكي"


def fake_module(monkeypatch, name: str, **attrs):
    """A stand-in for a library this machine does not have, with ``attrs``."""
    import sys
    import types

    module = types.ModuleType(name)
    module.__spec__ = __import__("importlib.machinery").machinery.ModuleSpec(name, None)
    for key, value in attrs.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


def test_stanza_adapter_on_a_fake_pipeline(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from bench.extractors.models.adapters import StanzaNER

    text = ADAPTER_TEXT
    found = [("محمد علي", "PER"), ("بغداد", "LOC"), ("الامم المتحدة", "ORG"),
             ("الأمريكي", "MISC")]

    class Pipeline:
        def __init__(self, **kw):
            self.kw = kw

        def __call__(self, t):
            return SimpleNamespace(ents=[SimpleNamespace(start_char=t.index(p),
                                                         end_char=t.index(p) + len(p), type=k)
                                         for p, k in found])

    fake_module(monkeypatch, "stanza", Pipeline=Pipeline)
    model = tmp_path / "ar"
    model.mkdir()
    backend = StanzaNER(str(model))
    assert backend.available() == (True, "")
    anns = backend.extract(Document("d", text, None))
    assert [(a.text, a.label) for a in anns] == [("محمد علي", "PERSON"), ("بغداد", "LOC"),
                                                 ("الامم المتحدة", "ORG")]
    assert backend.note() == "dropped (no canonical label): 1 MISC"
    ok, why = StanzaNER("xx").available()
    assert not ok and "stanza.download('xx')" in why


def test_camel_adapter_tags_tokens_at_their_offsets(monkeypatch):
    from bench.extractors.models.adapters import CamelNER, tokens

    tags = {"محمد": "B-PERS", "علي": "I-PERS", "بغداد": "B-LOC", "الامم": "B-ORG",
            "المتحدة": "I-ORG", "الأمريكي": "I-MISC"}

    class NERecognizer:
        def __init__(self, path=None):
            self.path = path

        @classmethod
        def pretrained(cls):
            return cls("ner-arabert")

        def predict_sentence(self, words):
            return [tags.get(w, "O") for w in words]

    fake_module(monkeypatch, "camel_tools")
    fake_module(monkeypatch, "camel_tools.ner", NERecognizer=NERecognizer)
    backend = CamelNER("default")
    anns = backend.extract(Document("d", ADAPTER_TEXT, None))
    assert [(a.text, a.label, ADAPTER_TEXT[a.start:a.end] == a.text) for a in anns] == [
        ("محمد علي", "PERSON", True), ("بغداد", "LOC", True), ("الامم المتحدة", "ORG", True)]
    assert backend.note() == "dropped (no canonical label): 1 MISC"  # I- starts: repaired
    assert tokens("في بغداد، امس") == [(0, 2), (3, 8), (8, 9), (10, 13)]
    ok, why = CamelNER("ner-other").available()
    assert not ok and ("pip install camel-tools" in why or "camel_data -i ner-other" in why)


def test_gliner_adapter_maps_its_prompts_back(monkeypatch):
    from bench.extractors.models.adapters import GLiNERBackend

    class Model:
        def predict_entities(self, text, labels, threshold):
            assert "person" in labels and threshold == 0.5
            out = []
            for phrase, label in (("محمد علي ", "person"), ("بغداد", "location"),
                                  ("الأمريكي", "nationality, religious or political group"),
                                  ("الامم", "event")):
                s = text.index(phrase)
                out.append({"start": s, "end": s + len(phrase), "label": label, "score": 0.9})
            return out

    class GLiNER:
        @staticmethod
        def from_pretrained(name):
            return Model()

    fake_module(monkeypatch, "gliner", GLiNER=GLiNER)
    backend = GLiNERBackend("urchade/gliner_multi-v2.1")
    anns = backend.extract(Document("d", ADAPTER_TEXT, None))
    assert [(a.text, a.label) for a in anns] == [("محمد علي", "PERSON"), ("بغداد", "LOC"),
                                                 ("الأمريكي", "NORP")]  # space trimmed
    assert backend.note() == "dropped (no canonical label): 1 event"
    ok, why = backend.available()
    assert not ok and "huggingface-cli download urchade/gliner_multi-v2.1" in why
