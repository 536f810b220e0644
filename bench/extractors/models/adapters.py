"""Thin adapters: ``stanza:<lang or model folder>``, ``camel:<model name>``,
``gliner:<model folder or id>``.

Each turns its library's output into character spans (Stanza and GLiNER give offsets;
CAMeL Tools tags tokens, whose offsets come from :func:`tokens`) and canonical labels
(:mod:`.common`: unknown types dropped and counted); surrounding whitespace is trimmed
from a span. The model is loaded once (``prepare``). ``available`` names what is
missing: the package (with the install command) or the model (with the command that
fetches it). These libraries and their models are not installed by any extra: install
them yourself.
"""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

from bench.extractors.base import package_version
from bench.extractors.models.common import Dropped, decode_bio
from bench.model import ENTITY_LABELS, Annotation, Document

TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of words and punctuation marks: what CAMeL Tools' taggers expect."""
    return [m.span() for m in TOKEN.finditer(text)]


class _Adapter:
    kind = ""
    package = ""  # the distribution to install
    module = ""  # its import name
    label_map: dict = {}
    labels = ENTITY_LABELS

    def __init__(self, arg: str) -> None:
        self.arg = arg
        self.name = f"{self.kind}:{arg}"
        self.dropped = Dropped()
        self._model = None

    @property
    def version(self) -> str:
        return f"{self.package} {package_version(self.package)}; {self.arg}"

    def available(self) -> tuple[bool, str]:
        if find_spec(self.module) is None:
            return False, (f"Python package {self.package!r} is not installed: "
                           f"pip install {self.package}")
        missing = self.model_missing()
        return (False, missing) if missing else (True, "")

    def model_missing(self) -> str:
        return ""

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        raise NotImplementedError

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        if self._model is None:
            self.prepare()
        return [self.extract(d) for d in documents]

    def extract(self, document: Document) -> list[Annotation]:
        if self._model is None:
            self.prepare()
        text, out = document.text, []
        for s, e, kind in self.spans(text):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            label = self.dropped.canonical(kind)
            if e > s and label is not None:
                out.append(Annotation(f"E{len(out) + 1}", s, e, label, text[s:e]))
        return out

    def note(self) -> str:
        return self.dropped.note()

    def prepare(self) -> None:
        raise NotImplementedError


class StanzaNER(_Adapter):
    kind, package, module = "stanza", "stanza", "stanza"

    def model_missing(self) -> str:
        if Path(self.arg).is_dir():
            return ""
        home = Path.home() / "stanza_resources" / self.arg / "ner"
        if not home.is_dir():
            return (f"no Stanza NER model for {self.arg!r}: fetch it with python -c "
                    f"\"import stanza; stanza.download('{self.arg}')\"")
        return ""

    def prepare(self) -> None:
        import stanza

        folder = Path(self.arg)
        self._model = (stanza.Pipeline(dir=str(folder.parent), lang=folder.name,
                                       processors="tokenize,ner", download_method=None)
                       if folder.is_dir() else
                       stanza.Pipeline(lang=self.arg, processors="tokenize,ner",
                                       download_method=None))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.type) for e in self._model(text).ents]


class CamelNER(_Adapter):
    kind, package, module = "camel", "camel-tools", "camel_tools"

    def model_missing(self) -> str:
        try:
            from camel_tools.data import CATALOGUE

            CATALOGUE.get_dataset(self.arg if self.arg != "default" else "ner-arabert")
        except Exception:
            return (f"no CAMeL Tools NER model {self.arg!r}: fetch it with camel_data -i "
                    f"{'ner-arabert' if self.arg == 'default' else self.arg}")
        return ""

    def prepare(self) -> None:
        from camel_tools.ner import NERecognizer

        self._model = NERecognizer.pretrained() if self.arg == "default" else \
            NERecognizer(self.arg)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for line_start, line in _lines(text):
            offsets = tokens(line)
            if not offsets:
                continue
            tags = self._model.predict_sentence([line[s:e] for s, e in offsets])
            words = [(line_start + s, line_start + e, tag)
                     for (s, e), tag in zip(offsets, tags, strict=True)]
            found += decode_bio(words)  # the model's types, mapped in extract
        return found


class GLiNERBackend(_Adapter):
    kind, package, module = "gliner", "gliner", "gliner"
    threshold = 0.5
    PROMPTS = {"person": "PERSON", "organization": "ORG", "location": "LOC",
               "nationality, religious or political group": "NORP"}

    def model_missing(self) -> str:
        if Path(self.arg).is_dir():
            return ""
        try:
            from huggingface_hub import try_to_load_from_cache

            cached = try_to_load_from_cache(self.arg, "gliner_config.json")
        except Exception:
            cached = None
        if not isinstance(cached, str):
            return (f"GLiNER model {self.arg} is not in the Hugging Face cache: fetch it with "
                    f"huggingface-cli download {self.arg}")
        return ""

    def prepare(self) -> None:
        from gliner import GLiNER

        self._model = GLiNER.from_pretrained(self.arg)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        found = self._model.predict_entities(text, list(self.PROMPTS), threshold=self.threshold)
        return [(f["start"], f["end"], self.PROMPTS.get(f["label"], f["label"])) for f in found]


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
