"""The gold fingerprint: a sha256 of a corpus's documents and annotations that does not
depend on their order or sharding (the ``gold:`` part of every score signature, a trained
model's ``corpus_sha256``), and the 64-bit hashes it is built from.

It sits with the data model (it reads :class:`~bench.columns.Columns`), below scoring and
training, which both use it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import msgspec
import numpy as np

from bench.columns import Columns, columns_of
from bench.model import Corpus, sha256_text

_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, elementwise (uint64 arithmetic wraps), into a new array
    (worked in place with one buffer: the bootstrap mixes millions at a time)."""
    z = np.asarray(z, dtype=np.uint64)
    shifted = z >> np.uint64(30)
    z = z ^ shifted
    for multiplier, shift in ((_M1, 27), (_M2, 31)):
        z *= multiplier
        np.right_shift(z, np.uint64(shift), out=shifted)
        z ^= shifted
    return z


def hash64(strings: Sequence[str]) -> np.ndarray:
    """A 64-bit key of each string (blake2b), as uint64."""
    return np.frombuffer(b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest()
                                  for s in strings), dtype="<u8").astype(np.uint64)


def gold_fingerprint(gold: Corpus | Columns) -> str:
    """sha256 of the gold's documents and annotations, whatever their order or sharding:
    the ``gold:`` part of every signature (:func:`fingerprint` of :func:`document_digest`)."""
    side = gold if isinstance(gold, Columns) else columns_of(gold)
    return fingerprint(document_digest(side), len(side))


def fingerprint(digest: int, n_documents: int) -> str:
    """The gold fingerprint from the sum of its documents' digests."""
    return hashlib.sha256(b"arabench-gold-3" + digest.to_bytes(32, "big")
                          + n_documents.to_bytes(8, "big")).hexdigest()


def document_digest(side: Columns) -> int:
    """The sum (mod 2**256) of each document's sha256 of the compact JSON
    ``[doc_id, text_sha256, dct]`` followed by the 128-bit sum of its annotations' hashes
    (start, end, optional, label, value, mod, form): a multiset hash, so documents and
    annotations may come in any order and shards add up."""
    n_docs = len(side)
    first = np.searchsorted(side.doc, np.arange(n_docs + 1))
    lanes = np.zeros((side.n_annotations + 1, 2), dtype=np.uint64)
    lanes[1:] = np.cumsum(_annotation_hashes(side), axis=0, dtype=np.uint64)
    sums = lanes[first[1:]] - lanes[first[:-1]]  # per document, wrapping
    encode = msgspec.json.Encoder().encode
    total = 0
    for d in range(n_docs):
        head = encode([side.doc_ids[d], side.meta[d].get("text_sha256")
                       or sha256_text(side.texts[d]), side.dcts[d]])
        total += int.from_bytes(hashlib.sha256(head + sums[d].astype("<u8").tobytes()).digest())
    return total % (1 << 256)


def _annotation_hashes(side: Columns) -> np.ndarray:
    """Two independent 64-bit hashes ``[annotation, 2]`` of each annotation's fields."""
    columns = [(side.start.astype(np.uint64) << np.uint64(32))
               | (side.end.astype(np.uint64) << np.uint64(1)) | side.optional.astype(np.uint64)]
    for f in ("label", "value", "mod", "form"):
        table = np.append(hash64(side.vocab[f]), np.uint64(0x51ED270B27A5D2E1))
        columns.append(table[side.codes[f]])  # code -1 (absent): the last entry
    out = np.empty((side.n_annotations, 2), dtype=np.uint64)
    for lane, seed in enumerate((0x243F6A8885A308D3, 0x13198A2E03707344)):
        z = np.full(side.n_annotations, seed, dtype=np.uint64)
        for column in columns:
            z = mix(z ^ column)
        out[:, lane] = z
    return out


def texts_fingerprint(corpus: Corpus) -> str:
    """sha256 of a corpus's document ids and texts (not its annotations): what a run's
    predictions were made on, recorded in ``run.json`` so that ``bench report`` can check
    the corpus it finds there is still that one."""
    parts = sorted(f"{d.doc_id}\t{sha256_text(d.text)}" for d in corpus.documents)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
