"""``sklearn-ner:<model folder>``: a tagger trained by ``bench train`` (:mod:`bench.learn`),
loaded once (refused with the reason when it was trained with other versions or its
files are damaged), tagging each line of a document as a sentence."""

from __future__ import annotations

import json
from pathlib import Path

from bench.model import ENTITY_LABELS, Annotation, Document


class SklearnNER:
    label_map: dict = {}

    def __init__(self, arg: str) -> None:
        self.folder = Path(arg)
        self.name = f"sklearn-ner:{arg}"
        self._tagger = None

    @staticmethod
    def check_spec(arg: str) -> None:
        """A model folder that exists but cannot be used (other versions, damaged files) is
        an input error before anything runs (:class:`~bench.problems.InputError`)."""
        from bench.learn.model import Tagger

        if (Path(arg) / "model.json").is_file():
            Tagger.load(Path(arg))

    def _meta(self) -> dict:
        try:
            return json.loads((self.folder / "model.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self._meta().get("labels") or ENTITY_LABELS)

    @property
    def version(self) -> str:
        meta = self._meta()
        return f"{meta.get('kind', '?')}:{str(meta.get('weights_sha256', '?'))[:12]}"

    def available(self) -> tuple[bool, str]:
        if not (self.folder / "model.json").is_file():
            return False, (f"no model folder {self.folder} (with model.json): train one with "
                           f"bench train --corpus CORPUS --model crf --out {self.folder}")
        if self._meta().get("kind") == "crf":
            from bench.extractors.base import missing_module

            return missing_module("sklearn_crfsuite", "train")
        return True, ""

    def prepare(self) -> None:
        from bench.learn.model import Tagger

        self._tagger = Tagger.load(self.folder)

    def extract(self, document: Document) -> list[Annotation]:
        from bench.learn.train import tag_document

        if self._tagger is None:
            self.prepare()
        return tag_document(self._tagger, document)
