"""Token tag sequences for the tag-based scorers, from either side's spans or its tags.

Tokens: a document's lines are its sentences; a sentence's tokens are its runs of
non-space characters, cut again wherever a gold span starts or ends, so every gold span
is whole tokens (a CoNLL text, tokens joined by spaces, gives back its own tokens).

Tags: a side read from a CoNLL file keeps the tags as written (:data:`Raw`), ill-formed
ones included, which is what separates seqeval's default and strict modes; any other side
is encoded over the gold's tokens (:func:`bench.tags.encode`: a span tags every token it
overlaps), one tag column per nesting depth (column 1: the spans inside no other).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench.model import Document
from bench.nesting import depths
from bench.problems import InputError
from bench.tags import encode

Raw = Mapping[str, list[list[tuple[str, tuple[str, ...]]]]]
"""A CoNLL side as written: doc id -> sentences of ``(token, tag columns)``."""
_RUN = re.compile(r"\S+")


@dataclass
class Tagged:
    """One document's sentences, each a list of tag columns per token."""

    tags: list[list[tuple[str, ...]]]

    def column(self, k: int) -> list[list[str]]:
        """Tag column ``k`` (0 = the first) of every sentence, ``O`` where a token has none."""
        return [[t[k] if k < len(t) else "O" for t in sentence] for sentence in self.tags]

    @property
    def depth(self) -> int:
        return max((len(t) for sentence in self.tags for t in sentence), default=1)

    def of_type(self, kind: str) -> list[list[str]]:
        """The WojoodNER copy for one type: per token, its first tag of that type, else O."""
        return [[next((tag for tag in t if tag[1:2] == "-" and tag[2:] == kind), "O")
                 for t in sentence] for sentence in self.tags]

    def types(self) -> set[str]:
        return {tag[2:] for s in self.tags for t in s for tag in t if tag[1:2] == "-"}


def tokens(doc: Document) -> list[list[tuple[int, int]]]:
    """The sentences of ``doc`` as lists of token offsets, cut at its spans' edges."""
    cuts = sorted({x for a in doc.annotations for x in (a.start, a.end)})
    out, pos = [], 0
    for line in doc.text.split("\n"):
        sentence = []
        for m in _RUN.finditer(line):
            start, end = pos + m.start(), pos + m.end()
            inner = cuts[bisect_right(cuts, start):bisect_left(cuts, end)]
            edges = [start, *inner, end]
            sentence += list(zip(edges, edges[1:], strict=False))
        out.append(sentence)
        pos += len(line) + 1
    return out


def encoded(doc: Document, sentences: list[list[tuple[int, int]]], scheme: str = "iob2"
            ) -> Tagged:
    """The spans of ``doc`` as tags over ``sentences``: one column per nesting depth."""
    anns = sorted(doc.annotations, key=lambda a: (a.start, -a.end, a.label))
    level = depths([a.start for a in anns], [a.end for a in anns]) if anns else []
    columns = max(level, default=0) + 1
    tagged = []
    for sentence in sentences:
        if not sentence:
            tagged.append([])
            continue
        lo, hi = sentence[0][0], sentence[-1][1]
        cols = []
        for k in range(columns):
            spans = [(a.start, a.end, a.label) for a, d in zip(anns, level, strict=True)
                     if d == k and a.start < hi and a.end > lo]
            cols.append(encode(sentence, spans, scheme))
        tagged.append([tuple(c[i] for c in cols) for i in range(len(sentence))])
    return Tagged(tagged)


def as_written(doc: Document, raw: Raw, where: str) -> Tagged:
    """A CoNLL side's tags for ``doc``, its tokens checked against the gold's."""
    sentences = raw.get(doc.doc_id)
    if sentences is None:
        raise InputError.one(where, "no tags for this gold document", doc.doc_id)
    mine = [[tok for tok, _ in s] for s in sentences]
    theirs = [line.split() for line in doc.text.split("\n")]
    if mine != theirs:
        raise InputError.one(where, "its tokens differ from the gold's: tag-based scorers "
                                    "need both sides on the same tokens", doc.doc_id)
    return Tagged([[tags for _, tags in s] for s in sentences])


def side_tags(gold: Document, doc: Document, raw: Raw | None, where: str,
              sentences: list[list[tuple[int, int]]], scheme: str = "iob2") -> Tagged:
    """One side's tags for one gold document: as written, or its spans encoded."""
    return as_written(gold, raw, where) if raw is not None else encoded(doc, sentences, scheme)


def padded(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]
           ) -> tuple[list[str], list[str]]:
    """LLMeBench's token lists: each predicted sentence cut to the gold's length or padded
    with ``O``, then every sentence joined."""
    y_true = [tag for s in gold for tag in s]
    y_pred = [tag for g, p in zip(gold, pred, strict=True)
              for tag in (list(p[:len(g)]) + ["O"] * (len(g) - len(p)))]
    return y_true, y_pred
