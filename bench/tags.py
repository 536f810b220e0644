"""Token tag sequences <-> entity spans: IOB2, IOB1 and BIOES (BILOU read too).

A tag is ``O`` or ``PREFIX-TYPE``; :func:`split_tag` also reads ``PREFIX_TYPE`` and a
bare type (``PER``, as spaCy, GLiNER or an LLM give it) as ``B-PER``.

Decoding (:func:`decode`), one rule for every reader and model backend:

* ``B-X`` (or a bare ``X``) starts an ``X`` entity, closing the open one;
* ``I-X`` and ``E-X`` (``L-X``) continue an open ``X`` entity; one that continues
  nothing (after ``O`` or another type) **starts** an ``X`` entity: the repair, reported
  in :attr:`Decoded.repairs` (in IOB1 an ``I-`` that starts an entity is the scheme's
  own encoding, not a repair);
* ``E-X``, ``S-X`` (``L-X``, ``U-X``) then end the entity, whatever the scheme;
* ``O`` ends the open entity.

So a sequence of one scheme decodes the same under any scheme; which tags a *file* of a
scheme may hold is :func:`valid` (the CoNLL reader reads any other tag as ``O``).

Encoding (:func:`span_tags`, :func:`encode`): ``B-`` on an entity's first token and
``I-`` on the others (``iob2``, and ``iob1`` too: a ``B-`` is valid IOB1 everywhere, so
the CoNLL writer writes the same tags for both); ``bioes``: ``S-`` for one token, else
``B-`` ... ``I-`` ... ``E-``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

SCHEMES = ("iob2", "iob1", "bioes")
PREFIXES = {"iob2": "BI", "iob1": "BI", "bioes": "BIES"}
"""The prefixes a file of each scheme may hold."""
TAG = re.compile(r"^(?:O|([BIESLU])-(\S+))$")
_PREFIX = re.compile(r"^[BIESLU][-_]")

Span = tuple[int, int, str]
"""(first token, one past the last token, type)."""


def split_tag(tag: str) -> tuple[str, str]:
    """(prefix, type) of a tag: ``B-PER`` -> (``B``, ``PER``); ``O`` or "" -> (``O``, "");
    a bare type ``PER`` -> (``B``, ``PER``)."""
    if tag in ("O", ""):
        return "O", ""
    if _PREFIX.match(tag):
        return tag[0], tag[2:]
    return "B", tag


def valid(tag: str, scheme: str) -> bool:
    """Whether a file of ``scheme`` may hold ``tag`` (``O`` or a prefix of the scheme,
    ``-``, a type)."""
    m = TAG.match(tag)
    return bool(m) and (tag == "O" or m.group(1) in PREFIXES[scheme])


@dataclass(frozen=True)
class Decoded:
    spans: list[Span]
    """Entities in order, as token ranges."""
    repairs: list[int]
    """Tokens whose ``I-``/``E-``/``L-`` continued no entity of its type and started one
    (in IOB1, ``E-``/``L-`` only)."""


def decode(tags: Sequence[str], scheme: str = "iob2") -> Decoded:
    """Entities of one tag sequence, by the rules of the module docstring."""
    spans: list[Span] = []
    repairs: list[int] = []
    open_type: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        prefix, kind = split_tag(tag)
        if prefix == "O":
            if open_type is not None:
                spans.append((start, i, open_type))
            open_type = None
            continue
        if prefix in ("I", "E", "L") and kind == open_type:
            pass  # continues the open entity
        else:
            if open_type is not None:
                spans.append((start, i, open_type))
            if prefix in ("I", "E", "L") and not (scheme == "iob1" and prefix == "I"):
                repairs.append(i)
            open_type, start = kind, i
        if prefix in ("E", "S", "L", "U"):
            spans.append((start, i + 1, open_type))
            open_type = None
    if open_type is not None:
        spans.append((start, len(tags), open_type))
    return Decoded(spans, repairs)


def decode_offsets(words: Sequence[tuple[int, int, str]], scheme: str = "iob2"
                   ) -> list[tuple[int, int, str]]:
    """Entities (start, end, type) at character offsets from words (start, end, tag)."""
    return [(words[i][0], words[j - 1][1], kind)
            for i, j, kind in decode([w[2] for w in words], scheme).spans]


_SHAPES = {"iob2": "BIIB", "iob1": "BIIB", "bioes": "BIES", "bilou": "BILU", "ioe2": "IIEE"}
"""Per encoding scheme, the prefix of an entity's first, inside and last token and of a
one-token entity (``bilou`` and ``ioe2`` are written for scorers that read them,
:mod:`bench.scoring.compat`, not read as files)."""


def span_tags(label: str, n: int, scheme: str = "iob2") -> list[str]:
    """The tags of an entity of ``n`` tokens under ``scheme`` (a key of ``_SHAPES``)."""
    first, inside, last, single = _SHAPES[scheme]
    if n <= 1:
        return [f"{single}-{label}"] * n
    return [f"{first}-{label}"] + [f"{inside}-{label}"] * (n - 2) + [f"{last}-{label}"]


def encode(tokens: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]],
           scheme: str = "iob2") -> list[str]:
    """One tag column for tokens (start, end; ascending) and spans (start, end, label):
    a span tags every token it overlaps, so one starting inside a token (after a
    proclitic) tags that token ``B-``. Spans are taken in sorted order and a later one
    overwrites the tokens of an earlier one it overlaps (one column holds no nesting)."""
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    for s, e, label in sorted(spans):
        i = max(0, bisect_right(starts, s) - 1)
        covered = []
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] > s:
                covered.append(i)
            i += 1
        for i, tag in zip(covered, span_tags(label, len(covered), scheme), strict=True):
            tags[i] = tag
    return tags
