"""Training and tagging the baseline on a corpus of the project (cross-validation, which
scores with the scorer, is :mod:`bench.crossval`).

The entity labels a corpus carries (PERSON, ORG, LOC, NORP; at least two) are learned,
at the token level (:func:`bench.learn.model.bio_tags`); temporal and non-canonical
labels are left out. Spans come back at character offsets: the tags are decoded by
:func:`bench.tags.decode` (an ``I-`` that continues nothing starts an entity) and
follow the **training corpus's clitic convention**: when its spans start after
proclitics inside words (the guidelines': "وبغداد" -> "بغداد"), a
predicted entity's first word loses its proclitics where the split is certain (before
the article, fused لل) or where its stem began entities in training and the whole word
never did; a corpus whose spans are whole tokens (ANERcorp) keeps them.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from pathlib import Path

from bench.arabic import word_end, word_start
from bench.fingerprint import gold_fingerprint
from bench.io.atomic import atomic_path
from bench.learn import features as ft
from bench.learn.clusters import Clusters
from bench.learn.model import ModelKind, Tagger, bio_tags, library_versions, require, sentences
from bench.model import ENTITY_LABELS, Annotation, Corpus, Document
from bench.problems import InputError, Problem
from bench.tags import decode_offsets


def entity_labels(corpus: Corpus) -> tuple[str, ...]:
    found = {a.label for d in corpus for a in d.annotations}
    labels = tuple(lab for lab in ENTITY_LABELS if lab in found)
    if len(labels) < 2:
        have = ", ".join(sorted(found)) or "none"
        raise InputError.one(corpus.name or "corpus", f"needs at least two entity labels "
                                                       f"({', '.join(ENTITY_LABELS)}) to learn; "
                                                       f"it has {have} (after the label mapping)")
    return labels


def examples(corpus: Corpus, labels: tuple[str, ...]):
    """(words, tags) of every sentence, and the clitic facts of the gold spans: how many
    start inside a word, and the word beginnings of entities (for the mapping back)."""
    sents, tags, inside, starts, whole = [], [], 0, set(), set()
    for doc in corpus:
        spans = sorted((a.start, a.end, a.label) for a in doc.annotations if a.label in labels)
        first = [s for s, _, _ in spans]
        for toks in sentences(doc.text):  # the spans starting in each sentence, by bisection
            lo, hi = bisect_left(first, toks[0][0]), bisect_left(first, toks[-1][1])
            sents.append([doc.text[s:e] for s, e in toks])
            tags.append(bio_tags(toks, spans[lo:hi]))
        for s, _, _ in spans:
            end = word_end(doc.text, s)
            inside += word_start(doc.text, s) < s
            starts.add(doc.text[s:end])
            if word_start(doc.text, s) == s:  # a word that itself begins an entity
                whole.add(doc.text[s:end])
    return sents, tags, inside, starts, whole


NAMES_PARTS = 5
"""The training sentences' name features come from the lists of the other parts of
:data:`NAMES_PARTS` (contiguous): on its own sentences a list harvested from them all
would mark every entity, and the model would trust it more than it deserves on text it
has not seen. The saved model holds the list of all of them."""


def train(corpus: Corpus, kind: ModelKind, seed: int = 0,
          groups: tuple[str, ...] = ft.DEFAULT_GROUPS, clusters: Clusters | None = None
          ) -> Tagger:
    """A tagger of ``kind`` trained on ``corpus`` with the feature ``groups``
    (``InputError`` when the kind's extra is missing: never another kind; or when the
    ``clusters`` group is asked for without ``clusters``)."""
    kind = require(kind)
    groups = ft.check_groups(groups, "feature groups")
    if "clusters" in groups and clusters is None:
        raise InputError.one("feature groups", "clusters need unlabelled text to learn them "
                                               "from (bench train --clusters-from SRC)")
    labels = entity_labels(corpus)
    sents, tags, inside, starts, whole = examples(corpus, labels)
    table = clusters.table if clusters and "clusters" in groups else None
    features = ft.Featurizer(groups, table,
                             ft.harvest_names(sents, tags) if "names" in groups else None)
    if "names" in groups:  # each part's name features from the lists of the others
        feats = []
        bounds = [round(i * len(sents) / NAMES_PARTS) for i in range(NAMES_PARTS + 1)]
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            names = ft.harvest_names(sents[:lo] + sents[hi:], tags[:lo] + tags[hi:])
            part = ft.Featurizer(groups, table, names)
            feats += [part.sentence(s) for s in sents[lo:hi]]
    else:
        feats = [features.sentence(s) for s in sents]
    n_spans = sum(1 for d in corpus for a in d.annotations if a.label in labels)
    outside = inside >= max(1, n_spans // 100)  # the guidelines' convention
    meta = {"corpus": corpus.name, "corpus_sha256": gold_fingerprint(corpus),
            "labels": list(labels), "arabench": _version(),
            "libraries": library_versions(kind), "seed": seed, "sentences": len(sents),
            "clitics": "outside" if outside else "inside",
            "entity_starts": sorted(starts) if outside else [],
            "entity_words": sorted(whole) if outside else []}
    if table is not None:
        meta["clusters"] = clusters.info()
    if "names" in groups:
        meta["names"] = {"entries": len(features.names), "parts": NAMES_PARTS}
    return Tagger.train(kind, feats, tags, seed, meta, features)


def _version() -> str:
    from bench.version import __version__

    return __version__


def tag_document(tagger: Tagger, doc: Document) -> list[Annotation]:
    sents = sentences(doc.text)
    words = [[doc.text[s:e] for s, e in toks] for toks in sents]
    out: list[Annotation] = []
    starts = set(tagger.meta.get("entity_starts", ()))
    words_ = set(tagger.meta.get("entity_words", ()))
    for toks, tags in zip(sents, tagger.tag(words), strict=True):
        for s, e, label in decode_offsets([(a, b, t) for (a, b), t in zip(toks, tags,
                                                                          strict=True)]):
            if tagger.meta.get("clitics") == "outside":
                s = _after_clitics(doc.text, s, e, starts, words_)
            out.append(Annotation(f"E{len(out) + 1}", s, e, label, doc.text[s:e]))
    return out


def _after_clitics(text: str, s: int, e: int, starts: set[str], words: set[str]) -> int:
    word = text[s:word_end(text, s)]
    clitic, _ = ft.split_clitics(word)
    if not clitic and word[:1] in ft.ONE_CLITIC and word[1:] in starts and word not in words \
            and len(word) > 3:
        clitic = word[0]
    return s + len(clitic) if clitic and s + len(clitic) < e else s


def split_holdout(corpus: Corpus, fraction: float) -> tuple[Corpus, Corpus]:
    """(train, test): the corpus's sentences (lines, each a document), the last
    ``fraction`` of them for test. Every annotation is kept; one that crosses a line
    (never in CoNLL corpora) is left out and reported in the notes."""
    labels = tuple(sorted({a.label for d in corpus for a in d.annotations}))
    sents = sentence_documents(corpus, labels)
    kept = sum(len(d.annotations) for d in sents)
    total = sum(len(d.annotations) for d in corpus)
    notes = list(corpus.notes)
    if kept != total:
        notes.append(Problem(corpus.name, None, f"{total - kept} annotation(s) cross a line: "
                                                "left out of the sentence split", "warning"))
    cut = len(sents) - max(1, round(len(sents) * fraction))
    return (Corpus(sents[:cut], name=f"{corpus.name} (first {1 - fraction:.0%})", notes=notes),
            Corpus(sents[cut:], name=f"{corpus.name} (last {fraction:.0%})", notes=notes))


def trained_model(corpus: Corpus, folder: Path | str, kind: ModelKind, seed: int = 0) -> Path:
    """A model folder of ``kind`` trained on ``corpus`` with the default feature groups
    (the caller names the kind: a missing extra is an ``InputError``, never another
    kind), kept under ``folder`` by a key of the corpus, kind, seed, groups and versions:
    an unchanged suite trains nothing the second time."""
    kind = require(kind)
    key = hashlib.sha256(json.dumps([gold_fingerprint(corpus), kind, seed, ft.VERSION,
                                     ft.DEFAULT_GROUPS, library_versions(kind)]
                                    ).encode()).hexdigest()[:16]
    out = Path(folder) / f"{kind}-{key}"
    if (out / "model.json").is_file():
        try:
            Tagger.load(out)
            return out
        except InputError:
            pass  # damaged or from other versions: trained again
    tagger = train(corpus, kind, seed)
    with atomic_path(out) as tmp:
        tagger.save(tmp)
    return out


def sentence_documents(corpus: Corpus, labels: tuple[str, ...]) -> list[Document]:
    """Each non-blank line of each document as a document (id ``doc_id:NNNNNN``) with the
    annotations of ``labels`` inside it."""
    out = []
    for doc in corpus:
        # annotations by start, so each line takes its own with two bisections (linear in
        # the document, not lines x annotations); kept in the document's order
        items = sorted((a.start, i, a) for i, a in enumerate(doc.annotations)
                       if a.label in labels)
        starts = [s for s, _, _ in items]
        pos = 0
        for n, line in enumerate(doc.text.split("\n")):
            end = pos + len(line)
            inside = sorted((i, a) for _, i, a in
                            items[bisect_left(starts, pos):bisect_right(starts, end)]
                            if a.end <= end)
            anns = tuple(a.replace(start=a.start - pos, end=a.end - pos) for _, a in inside)
            if line.strip():
                out.append(Document(f"{doc.doc_id}:{n + 1:06d}", line, doc.dct, anns))
            pos = end + 1
    return out
