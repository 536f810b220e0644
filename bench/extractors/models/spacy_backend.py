"""``spacy:<installed package or pipeline folder>``: the entities (``doc.ents``) of a spaCy
pipeline, at their exact character offsets, labels made canonical as for every model
(:mod:`.common`), documents through ``nlp.pipe`` in batches, the pipeline loaded once."""

from __future__ import annotations

from pathlib import Path

from bench.extractors.cache import folder_hash
from bench.extractors.models.common import Dropped, declared
from bench.model import ENTITY_LABELS, Annotation, Document


class SpacyNER:
    label_map: dict = {}
    batch_size = 16

    def __init__(self, arg: str) -> None:
        self.source = arg
        self.name = f"spacy:{arg}"
        self.dropped = Dropped()
        self._nlp = None

    def _meta(self) -> dict:
        import json

        path = Path(self.source) / "meta.json"
        if path.is_file():
            return json.loads(path.read_text("utf-8"))
        try:
            from importlib.metadata import version

            return {"version": version(self.source)}
        except Exception:
            return {}

    @property
    def labels(self) -> tuple[str, ...]:
        found = self._meta().get("labels", {}).get("ner")
        return declared(found) if found else ENTITY_LABELS

    @property
    def version(self) -> str:
        folder = Path(self.source)
        if folder.is_dir():  # a folder: its files decide its output
            return folder_hash(folder)
        return str(self._meta().get("version", "?"))

    def available(self) -> tuple[bool, str]:
        from importlib.util import find_spec

        from bench.extractors.base import missing_module

        ok, why = missing_module("spacy", "models")
        if not ok:
            return ok, why
        if Path(self.source).is_dir():
            return True, ""
        if find_spec(self.source.replace("-", "_")) is None:
            return False, (f"no spaCy pipeline folder or installed package {self.source!r}: "
                           f"install it (python -m spacy download {self.source}, for a "
                           "published pipeline) or give a folder saved with nlp.to_disk")
        return True, ""

    def prepare(self) -> None:
        import spacy

        self._nlp = spacy.load(self.source)

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        if self._nlp is None:
            self.prepare()
        out = []
        for doc, parsed in zip(documents, self._nlp.pipe((d.text for d in documents),
                                                         batch_size=self.batch_size),
                               strict=True):
            anns = []
            for ent in parsed.ents:
                label = self.dropped.canonical(ent.label_)
                if label is not None:
                    s, e = ent.start_char, ent.end_char
                    anns.append(Annotation(f"E{len(anns) + 1}", s, e, label, doc.text[s:e]))
            out.append(anns)
        return out

    def extract(self, document: Document) -> list[Annotation]:
        return self.extract_batch([document])[0]

    def note(self) -> str:
        return self.dropped.note()
