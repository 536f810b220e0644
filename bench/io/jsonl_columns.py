"""Native JSONL decoded into arrays, without an object per annotation.

A chunk of lines (:func:`bench.io.native.iter_chunks`) is parsed by ``pyarrow.json``
against the exact schema of a JSONL line, then checked for what that parser lets pass
and the careful reader (:func:`bench.io.native.iter_jsonl`) does not: a byte-order mark,
blank lines or two objects on a line, ``null`` where the careful reader wants a value or
an absent key, a missing field, an empty ``doc_id``, a malformed ``text_sha256`` or
``dct``. Unknown and duplicate keys, wrong types, invalid UTF-8 and numbers that are not
64-bit integers make the parser fail. :func:`decode_chunk` returns None when anything
is off: the caller then reads the chunk line by line with the careful reader, which
names the problem. So the arrays only ever hold what the careful reader accepts, with
the same values.

Arrow allocates from the system's allocator here where it can, not from its default pool
(mimalloc), which keeps what a chunk freed; what goes to that pool anyway is given back
before the next chunk. The memory goes back to malloc, where numpy and Python reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bench.columns import CODED
from bench.io.native import SHA256_HEX, JsonlChunk
from bench.model import dct_problem


@dataclass
class ChunkArrays:
    """Documents ``a:b`` of a decoded chunk: lists per document, arrays per annotation.

    ``doc`` is each annotation's document (0 for the first of the slice), rows grouped by
    document; ``strings[f]`` is (the distinct strings, each row's index into them, -1 for
    absent). Texts are also given as UTF-8 bytes (``text_bytes``, document ``k`` at
    ``text_offsets[k]:text_offsets[k + 1]``), and so are the annotations' ``text``s
    (``span_bytes``, ``span_offsets``): checked against their slices as arrays.
    """

    first_line: int
    doc_ids: list[str]
    texts: list[str]
    dcts: list[str | None]
    shas: list[str]
    nested: list[bool]
    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    optional: np.ndarray
    strings: dict[str, tuple[list[str], np.ndarray]]
    text_bytes: np.ndarray
    text_offsets: np.ndarray
    span_bytes: np.ndarray
    span_offsets: np.ndarray


def _schema():
    import pyarrow as pa

    string = pa.string()
    annotation = pa.struct([("id", string), ("start", pa.int64()), ("end", pa.int64()),
                            ("label", string), ("text", string), ("value", string),
                            ("mod", string), ("form", string), ("calendar", string),
                            ("optional", pa.bool_())])
    return pa.schema([("doc_id", string), ("text_sha256", string), ("dct", string),
                      ("nested", pa.bool_()), ("text", string),
                      ("annotations", pa.list_(annotation))])


REQUIRED = ("doc_id", "text_sha256", "text", "annotations")
REQUIRED_ANNOTATION = ("id", "start", "end", "label", "text")


class DecodedChunk:
    """A chunk whose every line is a well-formed document (see the module docstring)."""

    def __init__(self, chunk: JsonlChunk, table) -> None:
        self.chunk = chunk
        self.table = table
        self.doc_ids: list[str] = table.column("doc_id").to_pylist()

    def __len__(self) -> int:
        return len(self.doc_ids)

    def arrays(self, a: int = 0, b: int | None = None) -> ChunkArrays:
        """The arrays of documents ``a:b``."""
        import pyarrow as pa
        import pyarrow.compute as pc

        b = len(self) if b is None else b
        table = self.table.slice(a, b - a)
        pool = pa.system_memory_pool()
        anns = table.column("annotations").combine_chunks(pool)
        fields = dict(zip(REQUIRED_ANNOTATION + CODED[2:] + ("optional",),
                          _children(anns), strict=False))
        per_doc = np.diff(_offsets(anns))
        strings = {}
        for name in CODED:
            encoded = pc.dictionary_encode(fields[name], memory_pool=pool)
            indices = encoded.indices.fill_null(-1) if encoded.null_count else encoded.indices
            strings[name] = (encoded.dictionary.to_pylist(),
                             indices.to_numpy(zero_copy_only=False).astype(np.int32))
        texts = table.column("text").combine_chunks(pool)
        text_bytes, text_offsets = _utf8(texts)
        span_bytes, span_offsets = _utf8(fields["text"])
        return ChunkArrays(
            first_line=self.chunk.first_line + a, doc_ids=self.doc_ids[a:b],
            texts=texts.to_pylist(), dcts=table.column("dct").to_pylist(),
            shas=table.column("text_sha256").to_pylist(),
            nested=table.column("nested").fill_null(False).to_pylist(),
            doc=np.repeat(np.arange(b - a, dtype=np.int64), per_doc),
            start=fields["start"].to_numpy(), end=fields["end"].to_numpy(),
            optional=fields["optional"].fill_null(False).to_numpy(zero_copy_only=False),
            strings=strings, text_bytes=text_bytes, text_offsets=text_offsets,
            span_bytes=span_bytes, span_offsets=span_offsets)


def _children(lists) -> list:
    """The annotation fields of a list-of-structs array, in schema order."""
    return lists.flatten().flatten()


def _offsets(array) -> np.ndarray:
    """The offsets of a list or string array, from 0 (slices included)."""
    width = np.int64 if str(array.type).startswith("large_") else np.int32
    raw = np.frombuffer(array.buffers()[1], width)[array.offset:array.offset + len(array) + 1]
    return raw.astype(np.int64) - int(raw[0])


def _utf8(array) -> tuple[np.ndarray, np.ndarray]:
    """(bytes, offsets from 0) of a string array without nulls."""
    width = np.int64 if str(array.type).startswith("large_") else np.int32
    raw = np.frombuffer(array.buffers()[1], width)[array.offset:array.offset + len(array) + 1]
    data = array.buffers()[2]
    data = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    return data[int(raw[0]):int(raw[-1])], raw.astype(np.int64) - int(raw[0])


def _lines_are_objects(raw: bytes, rows: int) -> bool:
    """Every line is one object starting with ``{`` and ending with ``}`` (before an
    optional CR): no BOM, no blank line, no object over two lines or two on one."""
    data = np.frombuffer(raw, np.uint8)
    ends = np.flatnonzero(data == 10)
    if not raw.endswith(b"\n"):
        ends = np.append(ends, len(data))
    if rows != len(ends) or raw[:1] != b"{" or np.any(data[ends[:-1] + 1] != 0x7B):
        return False
    last = data[ends - 1]
    crlf = np.flatnonzero(last == 13)
    last[crlf] = data[ends[crlf] - 2]  # before the CR
    return bool(np.all(last == 0x7D))


def decode_chunk(chunk: JsonlChunk) -> DecodedChunk | None:
    """The chunk as arrays, or None when the careful reader must read it."""
    import pyarrow as pa
    import pyarrow.json as pj

    pa.default_memory_pool().release_unused()  # what the last chunk's arrays left there
    raw = chunk.raw
    # a null the careful reader refuses: any but the document date's
    if b"null" in raw and raw.count(b"null") != raw.count(b'"dct": null'):
        return None
    try:
        table = pj.read_json(
            pa.BufferReader(raw), memory_pool=pa.system_memory_pool(),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(raw) + 1),
            parse_options=pj.ParseOptions(explicit_schema=_schema(),
                                          unexpected_field_behavior="error"))
        table.validate(full=True)  # UTF-8 of every string
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if not _lines_are_objects(raw, table.num_rows):
        return None
    if any(table.column(name).null_count for name in REQUIRED):
        return None
    anns = table.column("annotations").combine_chunks(pa.system_memory_pool())
    if anns.flatten().null_count or any(child.null_count for child in _children(anns)[:5]):
        return None
    decoded = DecodedChunk(chunk, table)
    shas = table.column("text_sha256").to_pylist()
    dcts = table.column("dct").to_pylist()
    if not all(decoded.doc_ids) or not all(map(SHA256_HEX.fullmatch, shas)) \
            or any(dct_problem(d) for d in set(dcts) - {None}):
        return None
    return decoded
