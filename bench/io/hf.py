"""Hugging Face ``datasets``: reading a saved dataset, exporting any corpus.

Reading (``hf:PATH``: a directory written by ``save_to_disk``, a ``Dataset`` or a
``DatasetDict``), two shapes are understood:

* **token datasets**: a ``tokens`` column and a tag column (``ner_tags``, ``tags``
  or ``labels``) whose values are strings or ``ClassLabel`` indices; each split
  becomes one document of one line per row (see :mod:`bench.io.conll` for how
  tokens become text and BIO tags become spans);
* **span datasets**, as :func:`to_dataset` writes: ``doc_id``, ``text``, ``dct``,
  ``nested`` (optional) and ``annotations`` (a list of the annotation objects of the native format);
  one row per document, nothing lost.
"""

from __future__ import annotations

import datetime
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from bench.io.conll import document_from_tokens
from bench.io.native import REQUIRED_ANNOTATION_FIELDS, parse_annotations
from bench.model import Corpus, Document
from bench.problems import InputError, Problem

OFFLINE = "offline"
"""``Problem.code`` of a Hub dataset that is not cached here while the Hub cannot be
reached: a suite skips its task rather than failing."""

TAG_COLUMNS = ("ner_tags", "tags", "labels")
ANNOTATION_KEYS = ("id", "start", "end", "label", "text", "value", "mod", "form", "calendar",
                   "optional")


def to_dataset(corpus: Corpus):
    """A ``datasets.Dataset`` of a corpus, one row per document (span shape)."""
    import datasets

    features = datasets.Features({
        "doc_id": datasets.Value("string"), "text": datasets.Value("string"),
        "dct": datasets.Value("string"), "nested": datasets.Value("bool"),
        "annotations": [{"id": datasets.Value("string"), "start": datasets.Value("int64"),
                         "end": datasets.Value("int64"), "label": datasets.Value("string"),
                         "text": datasets.Value("string"), "value": datasets.Value("string"),
                         "mod": datasets.Value("string"), "form": datasets.Value("string"),
                         "calendar": datasets.Value("string"),
                         "optional": datasets.Value("bool")}]})
    rows = {"doc_id": [], "text": [], "dct": [], "nested": [], "annotations": []}
    for doc in corpus:
        rows["doc_id"].append(doc.doc_id)
        rows["text"].append(doc.text)
        rows["dct"].append(doc.dct)
        rows["nested"].append(doc.nested)
        rows["annotations"].append([{k: getattr(a, k) for k in ANNOTATION_KEYS}
                                    for a in doc.annotations])
    return datasets.Dataset.from_dict(rows, features=features)


def _quiet() -> None:
    """datasets' progress bars only on a terminal."""
    import os
    import sys

    import datasets
    if not sys.stderr.isatty() or os.environ.get("CI"):
        datasets.disable_progress_bars()


def write_hf(corpus: Corpus, out: Path) -> None:
    _quiet()
    to_dataset(corpus).save_to_disk(str(out))


def read_hf(path: Path, scheme: str = "iob2") -> Corpus:
    import datasets

    _quiet()
    try:
        loaded = datasets.load_from_disk(str(path))
    except FileNotFoundError as exc:
        raise InputError([Problem(str(path), None, f"not a saved dataset: {exc}")]) from None
    splits = loaded.items() if isinstance(loaded, datasets.DatasetDict) else [("data", loaded)]
    return _corpus(splits, str(path), scheme)


def read_hub(dataset_id: str, revision: str, split: str, scheme: str = "iob2") -> Corpus:
    """A Hugging Face dataset by id, at a pinned ``revision``, one ``split``: loaded with
    ``datasets.load_dataset``, so it is cached by ``datasets`` and read offline once
    cached (``HF_DATASETS_OFFLINE=1``)."""
    import datasets

    _quiet()
    online = _hub_reachable()
    try:
        with _offline(not online):  # from the cache at once, not 25 s of retries
            data = datasets.load_dataset(dataset_id, revision=revision, split=split)
    except Exception as exc:  # network, unknown id, revision or split: one line
        where = f"hf:{dataset_id}@{revision}"
        if not online:
            raise InputError([Problem(where, split, "not in the local cache, and the Hugging "
                                      "Face Hub cannot be reached (offline): run it once with "
                                      "network to cache it", code=OFFLINE)]) from None
        raise InputError([Problem(where, split, f"cannot load: {type(exc).__name__}: "
                                                f"{exc}")]) from None
    return _corpus([(split, data)], f"hf:{dataset_id}@{revision}", scheme)


def _hub_reachable() -> bool:
    """Offline mode is off and the Hub's host answers within 3 s."""
    import huggingface_hub.constants as hub

    if hub.HF_HUB_OFFLINE:
        return False
    host = urlparse(hub.ENDPOINT).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=3).close()
    except OSError:
        return False
    return True


@contextmanager
def _offline(on: bool) -> Iterator[None]:
    """``datasets`` and ``huggingface_hub`` in offline mode inside the block (when ``on``):
    the flags are module constants, read from the environment at import."""
    import datasets.config
    import huggingface_hub.constants as hub

    was = datasets.config.HF_HUB_OFFLINE, hub.HF_HUB_OFFLINE
    if on:
        datasets.config.HF_HUB_OFFLINE = hub.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        datasets.config.HF_HUB_OFFLINE, hub.HF_HUB_OFFLINE = was


def _corpus(splits, name: str, scheme: str) -> Corpus:
    docs: list[Document] = []
    notes: list[Problem] = []
    for split, data in splits:
        where = f"{name}[{split}]"
        if {"text", "annotations"} <= set(data.column_names):
            docs += [_span_row({**row, "_row": k}, where) for k, row in enumerate(data)]
            continue
        tag_col = next((c for c in TAG_COLUMNS if c in data.column_names), None)
        if "tokens" not in data.column_names or tag_col is None:
            raise InputError([Problem(where, None, f"columns {data.column_names}: need tokens "
                                                   f"and one of {', '.join(TAG_COLUMNS)}, or "
                                                   "text and annotations")])
        feature = data.features[tag_col]
        names = getattr(getattr(feature, "feature", None), "names", None)
        sentences = [(row["tokens"], [names[t] if names else t for t in row[tag_col]])
                     for row in data]
        docs.append(document_from_tokens(split, sentences, scheme, where, notes))
    return Corpus(docs, name=name, notes=notes)


def _span_row(row: dict, where: str) -> Document:
    """A span-shaped row; problems name the row's document id (or ``row N``)."""
    where = f"{where}:row {row['_row']}" if "_row" in row else where
    items = row["annotations"]
    if isinstance(items, list):  # datasets fills absent fields of a struct with None
        items = [{k: v for k, v in a.items() if v is not None or k in REQUIRED_ANNOTATION_FIELDS}
                 if isinstance(a, dict) else a for a in items]
    anns, problems = parse_annotations(items, where)
    text = row["text"]
    if not isinstance(text, str):
        problems.append(Problem(where, "text", f"must be a string, got {type(text).__name__}"))
    if problems:
        raise InputError(problems)
    dct = row.get("dct")
    if isinstance(dct, datetime.date):  # a dataset may read "2021-07-26" as a timestamp
        dct = dct.isoformat()[:10]
    return Document(row["doc_id"], text, dct, tuple(anns), meta={"source_file": where},
                    nested=bool(row.get("nested")))
