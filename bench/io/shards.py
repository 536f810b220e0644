"""A corpus stored as shard files (``shards:DIR``), for corpora larger than memory.

``DIR`` holds ``*.jsonl`` files (one native document object per line) and/or
``*.parquet`` files (columns ``doc_id``, ``text``, optional ``dct``, ``text_sha256`` and
``annotations``, a JSON string of the annotation list). The corpus is the files' documents
in file-name order, then line or row order. Reading streams one file at a time;
problems name the file and line (JSONL) or row (Parquet). ``bench convert X shards:DIR``
writes JSONL shards of :data:`SHARD_DOCUMENTS` documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import count, islice
from pathlib import Path

from bench.io import native
from bench.model import Document, sha256_text
from bench.problems import InputError, Problem

SHARD_DOCUMENTS = 10_000
SUFFIXES = (".jsonl", ".parquet")


def shard_files(folder: Path) -> list[Path]:
    """The shard files of ``folder`` in name order; none is an error."""
    if not folder.is_dir():
        raise InputError.one(str(folder), "not a directory of shard files (*.jsonl, *.parquet)")
    files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    if not files:
        raise InputError.one(str(folder), "no shard files (*.jsonl, *.parquet)")
    stems: dict[str, Path] = {}
    clashes = [Problem(str(p), None, f"has the stem of {stems[p.stem].name}: a shard is known "
                                     "by its stem (its outputs are named after it), rename one")
               for p in files if stems.setdefault(p.stem, p) is not p]
    if clashes:
        raise InputError(clashes)
    return files


def read_shard(path: Path) -> Iterator[Document]:
    """The documents of one shard file."""
    if path.suffix == ".jsonl":
        yield from native.iter_jsonl(path)
        return
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow's errors have no common base worth naming
        raise InputError.one(str(path), f"not a Parquet file: {exc}") from None
    missing = {"doc_id", "text"} - set(table.column_names)
    if missing:
        raise InputError.one(str(path), f"missing column(s) {', '.join(sorted(missing))}")
    rows = table.to_pylist()
    if not rows:
        raise InputError.one(str(path), "no rows: a shard needs at least one document")
    for k, row in enumerate(rows):
        where = f"{path}:row {k}"
        try:
            anns = json.loads(row.get("annotations") or "[]")
        except (TypeError, json.JSONDecodeError) as exc:
            raise InputError.one(where, f"annotations is not a JSON list: {exc}") from None
        text = row["text"]
        obj = {"doc_id": row["doc_id"], "text": text, "dct": row.get("dct"),
               "text_sha256": row.get("text_sha256") or
               (sha256_text(text) if isinstance(text, str) else None), "annotations": anns}
        yield native.parse_annotation_object(obj, where)


def read_shards(folder: Path, notes: list[Problem]) -> Iterator[Document]:
    """Every document of every shard file, in order."""
    for path in shard_files(folder):
        yield from read_shard(path)


def write_shards(docs: Iterable[Document], out: Path, notes: list[Problem],
                 size: int = SHARD_DOCUMENTS) -> None:
    """JSONL shards ``part-00000.jsonl`` ... of ``size`` documents each."""
    out.mkdir(parents=True, exist_ok=True)
    docs = iter(docs)
    for k in count():
        chunk = list(islice(docs, size))
        if not chunk:
            break
        native.write_jsonl(chunk, out / f"part-{k:05d}.jsonl")
