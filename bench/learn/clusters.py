"""Word clusters learned from unlabelled text (the ``clusters`` feature group).

Brown's idea (words that occur between the same neighbours fall together) by a shorter
road than his agglomerative merges, which take hours in Python for a vocabulary of tens of
thousands: each word seen at least :data:`MIN_COUNT` times is described by its
neighbours (counts of the :data:`CONTEXTS` most frequent words, and of the sentence edge,
at offsets -2, -1, +1 and +2), weighted by positive PMI (context counts smoothed by the
power 0.75) and reduced to :data:`DIMS` dimensions by a truncated SVD; k-means groups the
normalised vectors into the finest of :data:`LEVELS`, and each coarser level groups the
clusters of the level below (k-means over their normalised centroids, weighted by their
sizes), so
the levels nest like the prefixes of Brown's bit strings. On the 180k tokens of the
shared corpora this takes well under a minute on 2 cores; the same texts and seed give
the same clusters.

Only texts are read, never labels: a source is a corpus spec of the loader (``FMT:PATH``;
its annotations are ignored) or a plain-text file or folder of ``*.txt`` files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bench.learn.features import TOKEN
from bench.problems import InputError

LEVELS = (512, 128, 32)
CONTEXTS = 2000
DIMS = 100
MIN_COUNT = 2
_OFFSETS = (-2, -1, 1, 2)


@dataclass(frozen=True)
class Clusters:
    """Word clusters (word -> ids, finest level first) and what they were learned from."""

    table: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]
    seed: int = 0

    def info(self) -> dict:
        """What model.json records of them."""
        return {"sources": list(self.sources), "levels": list(LEVELS), "contexts": CONTEXTS,
                "dims": DIMS, "min_count": MIN_COUNT, "seed": self.seed,
                "words": len(self.table)}


def learn_clusters(sources: Iterable[str], seed: int = 0) -> Clusters:
    """Clusters of the words of the texts of ``sources`` (their labels never read)."""
    sources = tuple(map(str, sources))
    table = train_clusters(unlabelled_texts(sources), seed=seed)
    if not table:
        raise InputError.one(", ".join(sources), f"too little unlabelled text to learn "
                                                 f"clusters (no two words seen {MIN_COUNT} "
                                                 f"times)")
    return Clusters(table, sources, seed)


def unlabelled_texts(sources: Iterable[str]) -> list[str]:
    """The texts of each source (see the module's docstring), in the order given."""
    from bench.io.formats import split_spec
    from bench.io.native import read_text
    from bench.loader import load_corpus

    texts: list[str] = []
    for spec in sources:
        fmt, path = split_spec(spec, default="text")
        if fmt != "text":
            texts += [d.text for d in load_corpus(spec, bad_values="absent")]
            continue
        if not path.exists():
            raise InputError.one(str(spec), "no such file or folder of unlabelled text")
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        if not files:
            raise InputError.one(str(spec), "no *.txt files of unlabelled text in this folder")
        texts += [read_text(f) for f in files]
    return texts


def train_clusters(texts: Iterable[str], levels: tuple[int, ...] = LEVELS, seed: int = 0
                   ) -> dict[str, tuple[str, ...]]:
    """word -> its cluster id at each level (finest first), for the words of ``texts``
    seen at least :data:`MIN_COUNT` times; empty when there are too few of them."""
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.utils.extmath import randomized_svd

    edge = "\n"  # never a token: the sentence edge, twice between sentences
    stream = [edge, edge]
    for text in texts:
        for line in text.split("\n"):
            words = TOKEN.findall(line)
            if words:
                stream += words + [edge, edge]
    counts = Counter(stream)
    del counts[edge]
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    vocab = [w for w in ranked if counts[w] >= MIN_COUNT]
    if len(vocab) < 2:
        return {}
    row_of = {w: i for i, w in enumerate(vocab)}
    col_of = {w: i for i, w in enumerate([edge] + ranked[:CONTEXTS])}
    rows = np.array([row_of.get(w, -1) for w in stream])
    cols = np.array([col_of.get(w, -1) for w in stream])
    width = len(col_of)
    r_all, c_all = [], []
    for k, d in enumerate(_OFFSETS):
        r = rows[2:-2]
        c = cols[2 + d:len(cols) - 2 + d]
        keep = (r >= 0) & (c >= 0)
        r_all.append(r[keep])
        c_all.append(c[keep] + k * width)
    r, c = np.concatenate(r_all), np.concatenate(c_all)
    m = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(vocab), width * len(_OFFSETS)))
    m.sum_duplicates()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_p = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p /= col_p.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / row_sum[coo.row] / col_p[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    dims = max(1, min(DIMS, min(ppmi.shape) - 1))
    u, s, _ = randomized_svd(ppmi, dims, random_state=seed)
    ids, points, weights = [], u * np.sqrt(s), np.ones(len(u))
    for level in sorted(levels, reverse=True):  # finest first
        points = points / np.maximum(np.linalg.norm(points, axis=1, keepdims=True), 1e-12)
        k = max(1, min(level, len(points)))
        km = KMeans(k, n_init=1, random_state=seed).fit(points, sample_weight=weights)
        labels = km.labels_ if not ids else km.labels_[ids[-1]]
        ids.append(labels)
        weights = np.bincount(km.labels_, weights=weights, minlength=k)
        points = km.cluster_centers_
    return {w: tuple(str(level[i]) for level in ids) for i, w in enumerate(vocab)}
