"""``hf:<local model folder or hub id>[@revision]``: a transformers token-classification model.

* Spans are exact: character offsets come from the fast tokenizer's offset mapping,
  never from finding strings again. A word's tag is its first sub-word piece's;
  words are the tokenizer's own (``word_ids``); tags are decoded by
  :func:`~bench.extractors.models.common.decode_bio` (its repair rule) and mapped to
  canonical labels (:data:`~bench.extractors.models.common.CANONICAL`).
* A document longer than ``max_length`` tokens (the model's, at most 512) is cut into
  windows overlapping by ``stride`` tokens (an eighth of a window by default); each
  token keeps the prediction of the window where it lies furthest from an edge, so a
  span on a border is found once.
* Windows go through the model ``batch_size`` at a time, on the CPU unless
  ``BENCH_DEVICE`` (``bench run --device``) names another torch device.
* ``version``: the revision when one is pinned, else a hash of the model's files;
  the model is loaded once, in :meth:`prepare`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from bench.extractors.cache import folder_hash
from bench.extractors.models.common import Dropped, declared, decode_bio
from bench.model import ENTITY_LABELS, Annotation, Document


class HFTokenClassifier:
    label_map: dict = {}  # labels are made canonical here (common.CANONICAL)
    batch_size = 8

    def __init__(self, arg: str) -> None:
        self.source, _, revision = arg.partition("@")
        self.revision = revision or None
        self.name = f"hf:{arg}"
        self.max_length: int | None = None  # None: the model's own (at most 512)
        self.stride: int | None = None  # None: an eighth of max_length
        self.dropped = Dropped()
        self._model = self._tokenizer = None

    # --- what it is -------------------------------------------------------------------
    @property
    def local(self) -> Path | None:
        path = Path(self.source)
        return path if path.is_dir() else None

    def _config(self) -> dict | None:
        path = self._file("config.json")
        try:
            return json.loads(Path(path).read_text("utf-8")) if path else None
        except (OSError, ValueError):
            return None

    def _file(self, name: str) -> str | None:
        if self.local is not None:
            path = self.local / name
            return str(path) if path.is_file() else None
        if not self.hub_id:
            return None
        try:
            from huggingface_hub import try_to_load_from_cache

            found = try_to_load_from_cache(self.source, name, revision=self.revision)
        except Exception:  # no huggingface_hub, or an id it refuses
            return None
        return found if isinstance(found, str) else None

    @property
    def hub_id(self) -> bool:
        """Whether the source reads as a hub id (``org/name``), not a folder path."""
        return self.local is None and re.fullmatch(r"[\w.-]+(/[\w.-]+)?", self.source) is not None \
            and not self.source.startswith(".")

    @property
    def labels(self) -> tuple[str, ...]:
        config = self._config()
        if not config or "id2label" not in config:
            return ENTITY_LABELS
        return declared(config["id2label"].values()) or ENTITY_LABELS

    @property
    def version(self) -> str:
        if self.revision:
            return self.revision
        config = self._file("config.json")
        if config is None:
            return "?"
        return folder_hash(Path(config).parent)

    @property
    def settings(self) -> dict:
        return {"max_length": self.max_length, "stride": self.stride}

    def available(self) -> tuple[bool, str]:
        from bench.extractors.base import missing_module

        for module in ("torch", "transformers"):
            ok, why = missing_module(module, "models")
            if not ok:
                return ok, why
        if self._file("config.json") is None:
            if self.hub_id:
                rev = f" --revision {self.revision}" if self.revision else ""
                return False, (f"model {self.source} is not in the Hugging Face cache: fetch it "
                               f"once with `huggingface-cli download {self.source}{rev}`")
            return False, f"no model folder {self.source} (with config.json)"
        return True, ""

    # --- running ----------------------------------------------------------------------
    def prepare(self) -> None:
        import torch
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        where = str(self.local) if self.local is not None else self.source
        self._tokenizer = AutoTokenizer.from_pretrained(where, revision=self.revision)
        if not self._tokenizer.is_fast:
            raise RuntimeError(f"{self.name}: needs a fast tokenizer (offset mapping)")
        self._model = AutoModelForTokenClassification.from_pretrained(
            where, revision=self.revision).eval()
        self._device = torch.device(os.environ.get("BENCH_DEVICE") or "cpu")
        self._model.to(self._device)
        self._id2label = {int(k): v for k, v in self._model.config.id2label.items()}

    def _window(self) -> tuple[int, int]:
        limit = min(int(getattr(self._tokenizer, "model_max_length", 512) or 512), 512)
        length = min(self.max_length or limit, limit)
        return length, self.stride if self.stride is not None else max(1, length // 8)

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        if self._model is None:
            self.prepare()
        return [self._document(doc) for doc in documents]

    def extract(self, document: Document) -> list[Annotation]:
        return self.extract_batch([document])[0]

    def _document(self, doc: Document) -> list[Annotation]:
        import torch

        if not doc.text.strip():
            return []
        length, stride = self._window()
        enc = self._tokenizer(doc.text, return_offsets_mapping=True, truncation=True,
                              max_length=length, stride=stride,
                              return_overflowing_tokens=True, padding=True,
                              return_tensors="pt")
        inputs = {k: v for k, v in enc.items() if k in ("input_ids", "attention_mask",
                                                        "token_type_ids")}
        seen: dict[tuple[int, int, int], tuple[int, int]] = {}  # (word, s, e) -> (edge, tag)
        for first in range(0, len(enc["input_ids"]), self.batch_size):
            part = {k: v[first:first + self.batch_size].to(self._device)
                    for k, v in inputs.items()}
            with torch.no_grad():
                tags = self._model(**part).logits.argmax(-1).cpu().tolist()
            for w, row in enumerate(tags, first):
                offsets = enc["offset_mapping"][w].tolist()
                word_ids = enc.word_ids(w)
                real = [j for j, (s, e) in enumerate(offsets) if e > s and word_ids[j] is not None]
                for rank, j in enumerate(real):
                    key = (word_ids[j], *offsets[j])
                    edge = min(rank, len(real) - 1 - rank)  # furthest from a window edge wins
                    if key not in seen or edge > seen[key][0]:
                        seen[key] = (edge, row[j])
        by_word: dict[int, list[tuple[int, int, int]]] = {}
        for (word, s, e), (_, tag) in seen.items():
            by_word.setdefault(word, []).append((s, e, tag))
        words = []
        for toks in by_word.values():
            toks.sort()
            words.append((toks[0][0], toks[-1][1], self._id2label[toks[0][2]]))  # first piece
        words.sort()
        return [Annotation(f"E{i}", s, e, label, doc.text[s:e])
                for i, (s, e, label) in enumerate(decode_bio(words, self.dropped), 1)]

    def note(self) -> str:
        return self.dropped.note()
