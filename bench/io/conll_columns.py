"""A CoNLL file read straight into :class:`~bench.columns.Columns`: no object per token.

The file is decoded once and held as an array of code points; lines, fields, tags,
sentences, documents and entities are found by array operations over it, and each
document's text is cut out of it (tokens joined by spaces, sentences by newlines). The
result is exactly what :func:`bench.io.conll.iter_conll` gives, column by column, with
the same warnings in the same order:

* a plain line (``token TAG``: two fields, no leading space, no bidi mark, no
  ``-DOCSTART-``) is read by the arrays; every other line (dirty ones, as in ANERcorp)
  by :func:`bench.io.conll.read_line`, the careful reader's own rules, and its tokens
  written back into the array in place of the line;
* decoding is :func:`bench.tags.decode` in array form: an ``I-``/``E-``/``L-`` continues
  the entity open before it when their types agree, else starts one.

:func:`read_conll_columns` returns None for what it leaves to the careful reader: a
second tag column (nesting), a lone CR, a vertical tab or form feed (they change what
counts as a blank line), bytes that are not UTF-8, a directory, a file without a token,
``--nesting`` beyond the first column, and more than a thousand distinct tags.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.columns import CODED, Columns, first_seen
from bench.io.conll import DOCSTART, SENTENCE_END, ends_sentence, read_line
from bench.problems import Problem
from bench.tags import SCHEMES, split_tag, valid

_BIDI_RANGES = [(0x200E, 0x200F), (0x061C, 0x061C), (0x202A, 0x202E), (0x2066, 0x2069)]
"""The code points of :data:`bench.io.conll.BIDI`."""
_TAB, _LF, _SPACE = 9, 10, 32
_ONE_COLUMN = (None, "all", "outer", "inner", "1")
"""``nesting`` values that read a file of one tag column alike."""
# ordering of warnings: (line, phase, seq); decoding warnings of a document come when the
# careful reader decodes it, after the line that completes the next document's first sentence
_BOM, _CRLF, _LINE, _DECODE = range(4)
_MAX_TAGS = 1000
"""Distinct tags a file read into columns may have."""
_PREFIXES = "OBIESLU"
_O, _B, _I, _E, _S, _L, _U = range(7)


def read_conll_columns(path: Path, scheme: str = "iob2", nesting: str | None = None,
                       notes: list[Problem] | None = None) -> Columns | None:
    """The documents of the CoNLL file ``path`` as columns (labels as written, no
    check), warnings added to ``notes``; None when the careful reader must read it (the
    module docstring says when)."""
    if scheme not in SCHEMES or nesting not in _ONE_COLUMN or not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    where = str(path)
    found: list[tuple[tuple[float, int, int], Problem]] = []
    bom = text.startswith("\ufeff")
    if bom:
        found.append(((1, _BOM, 0), Problem(f"{where}:1", None, "BOM removed", "warning")))
        text = text[1:]
    if "\r" in text:
        first = text.find("\r\n")
        lineno = text.count("\n", 0, first) + 1
        text = text.replace("\r\n", "\n")
        if first < 0 or "\r" in text:
            return None
        found.append(((lineno, _CRLF, 0), Problem(f"{where}:{lineno}", None, "CRLF line ends "
                                                  "(CR removed on every line)", "warning")))
    if "\x0b" in text or "\x0c" in text:
        return None
    if not text.endswith("\n"):
        text += "\n"  # every line ends with a newline: the slot of its last separator
    at, pos = [], text.find(DOCSTART)  # every -DOCSTART-: their lines are read carefully
    while pos >= 0:
        at.append(pos)
        pos = text.find(DOCSTART, pos + 1)
    utf16 = text.encode("utf-16-le")
    del text  # one copy of the text at a time
    cp, encoding = _code_points(utf16)
    del utf16
    reader = _Reader(cp, encoding, where, scheme, bom)
    tokens = reader.tokens(np.array(at, dtype=np.int64), found)
    read = reader.columns(*tokens, found) if tokens is not None else None
    if read is None:
        return None
    if notes is not None:
        notes += [p for _, p in sorted(found, key=lambda item: item[0])]
    return read


def _code_points(utf16: bytes) -> tuple[np.ndarray, str]:
    """A writable array of the code points of a text given in UTF-16 (one element per
    character) and its encoding: UTF-16 when no character needs a surrogate pair, else
    UTF-32."""
    units = np.frombuffer(utf16, np.uint16)
    if ((units >= 0xD800) & (units < 0xE000)).any():
        return (np.frombuffer(utf16.decode("utf-16-le").encode("utf-32-le"), np.uint32).copy(),
                "utf-32-le")
    return units.copy(), "utf-16-le"


@dataclass
class _Tokens:
    """Tokens in file order: where each is in the code points, its length, line (from 0),
    tag code, whether it ends its sentence in a file without blank lines (``cut``)."""

    pos: np.ndarray
    length: np.ndarray
    line: np.ndarray
    tag: np.ndarray
    cut: np.ndarray

    def __len__(self) -> int:
        return len(self.pos)

    @staticmethod
    def merged(a: _Tokens, b: _Tokens) -> _Tokens:
        """The tokens of both, in line order (no line has tokens in both; ``b``'s tokens
        of one line kept in order)."""
        at = np.searchsorted(a.line, b.line)
        return _Tokens(*(np.insert(getattr(a, f), at, getattr(b, f))
                         for f in ("pos", "length", "line", "tag", "cut")))


class _Reader:
    """One file's code points (BOM and CR removed, ending with a newline) and its lines;
    positions held as int32 when they fit."""

    def __init__(self, cp: np.ndarray, encoding: str, where: str, scheme: str, bom: bool
                 ) -> None:
        self.cp, self.encoding, self.where, self.scheme, self.bom = (cp, encoding, where,
                                                                     scheme, bom)
        self.index = np.int32 if len(cp) < 2 ** 31 - 1 else np.int64
        self.ends = self._positions(cp == _LF)
        self.starts = np.r_[0, self.ends[:-1] + 1].astype(self.index)
        self.vocab: dict[str, int] = {}  # tags as written -> code

    def _positions(self, mask: np.ndarray, block: int = 1 << 20) -> np.ndarray:
        """``np.flatnonzero(mask)`` as ``self.index``, a block at a time (no int64 array
        of them all)."""
        return np.concatenate([np.zeros(0, self.index)] + [
            np.flatnonzero(mask[at:at + block]).astype(self.index) + at
            for at in range(0, len(mask), block)])

    def _line_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ends, positions).astype(self.index)

    def _string(self, lo: int, hi: int) -> str:
        return self.cp[lo:hi].tobytes().decode(self.encoding)

    def tokens(self, found_at: np.ndarray, found: list
               ) -> tuple[_Tokens, bool, np.ndarray, np.ndarray] | None:
        """The tokens, whether the file marks sentences (blank or -DOCSTART- lines), the
        lines that end sentences (blank, -DOCSTART-) and those that start documents."""
        cp, starts = self.cp, self.starts
        sep = cp == _SPACE
        sep |= cp == _TAB
        sep |= cp == _LF
        edge = ~sep
        edge[1:] &= sep[:-1]
        field_start = self._positions(edge)
        fields = np.add.reduceat(edge, starts, dtype=np.int32)
        edge = ~sep[:-1]
        edge &= sep[1:]
        field_end = self._positions(edge) + 1  # the text ends with a newline
        del edge, sep
        odd = (fields != 2) | (cp[starts] == _SPACE) | (cp[starts] == _TAB)
        bidi = np.zeros(len(cp), dtype=bool)
        for lo, hi in _BIDI_RANGES:
            bidi |= (cp >= lo) & (cp <= hi)
        odd[self._line_of(self._positions(bidi))] = True
        del bidi
        odd[self._line_of(found_at)] = True
        odd &= fields > 0
        # does the file mark sentences (the careful reader asks before removing a BOM)?
        leading = self._line_of(found_at)[starts[self._line_of(found_at)] == found_at]
        any_blank = bool((fields[int(self.bom):] == 0).any()
                         or (leading >= int(self.bom)).any())
        plain = self._positions(~odd & (fields == 2))
        first = np.searchsorted(field_start, starts[plain])
        tags = self._codes(field_start[first + 1], field_end[first + 1])
        if tags is None:
            return None
        pos, length = starts[plain], field_end[first] - starts[plain]
        cut = (length == 1) & np.isin(cp[pos], [ord(c) for c in SENTENCE_END]) & \
            (tags == self.vocab.get("O", -1))
        breaks, docstarts = [self._positions(fields == 0)], []
        del field_start, field_end, fields, first
        careful = self._odd_lines(np.flatnonzero(odd), found, breaks, docstarts)
        if careful is None:
            return None
        plain = _Tokens(pos, length, plain, tags, cut)
        del pos, length, tags, cut
        tokens = _Tokens.merged(plain, careful)
        del plain
        if not len(tokens):
            return None
        docstarts = np.array(docstarts, dtype=self.index)
        return tokens, any_blank, np.sort(np.concatenate(breaks + [docstarts])), docstarts

    def _codes(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray | None:
        """Codes in ``self.vocab`` of the strings ``cp[lo:hi]``: the first string not yet
        coded is compared with all the others, character by character, until none is
        left (None past ``_MAX_TAGS`` distinct strings: the careful reader reads those)."""
        cp, length = self.cp, hi - lo
        codes = np.empty(len(lo), dtype=np.int32)
        rest = np.arange(len(lo), dtype=self.index)
        while len(rest):
            if len(self.vocab) > _MAX_TAGS:
                return None
            a, b = int(lo[rest[0]]), int(hi[rest[0]])
            same = np.flatnonzero(length[rest] == b - a)  # positions in rest
            for k in range(b - a):
                same = same[cp[lo[rest[same]] + k] == cp[a + k]]
            codes[rest[same]] = self.vocab.setdefault(self._string(a, b), len(self.vocab))
            left = np.ones(len(rest), dtype=bool)
            left[same] = False
            rest = rest[left]
        return codes

    def _odd_lines(self, lines: np.ndarray, found: list, breaks: list, docstarts: list
                   ) -> _Tokens | None:
        """Tokens of the lines the careful reader reads (:func:`read_line`), written
        back into the code points in place of their line, each followed by a free slot
        (a line holds its tokens and a separator after each: they come from its fields)."""
        pos, length, line_of, tags, cut, blank = [], [], [], [], [], []
        for k in lines.tolist():
            notes: list[Problem] = []
            lo, hi = int(self.starts[k]), int(self.ends[k])
            got = read_line(self._string(lo, hi), k + 1, self.where, self.scheme, notes)
            found += [((k + 1, _LINE, i), p) for i, p in enumerate(notes)]
            if got is None:
                blank.append(k)
                continue
            if got == DOCSTART:
                docstarts.append(k)
                continue
            at = lo
            for j, token in enumerate(got):
                if len(token.tags) != 1:
                    return None  # a second tag column: nesting, read carefully
                units, _ = _code_points(token.text.encode("utf-16-le"))
                self.cp[at:at + len(units)] = units
                pos.append(at)
                length.append(len(units))
                line_of.append(k)
                tags.append(self.vocab.setdefault(token.tags[0], len(self.vocab)))
                cut.append(j == len(got) - 1 and ends_sentence(token))
                at += len(units) + 1
        breaks.append(np.array(blank, dtype=self.index))
        return _Tokens(np.array(pos, dtype=self.index), np.array(length, dtype=self.index),
                       np.array(line_of, dtype=self.index), np.array(tags, dtype=np.int32),
                       np.array(cut, dtype=bool))

    def columns(self, tok: _Tokens, any_blank: bool, cuts: np.ndarray,
                docstarts: np.ndarray, found: list) -> Columns:
        """The documents of the tokens: sentences, texts, decoded entities."""
        # sentences start after a blank or -DOCSTART- line, and (in a file without
        # blank lines) after a line whose last token ends a sentence
        before = np.searchsorted(cuts, tok.line)
        start = np.r_[True, before[1:] != before[:-1]]
        if not any_blank:
            start[1:] |= tok.cut[:-1]
        before = np.searchsorted(docstarts, tok.line)
        new_doc = start & np.r_[False, before[1:] != before[:-1]]
        del before
        doc = np.cumsum(new_doc, dtype=self.index)
        last = np.r_[start[1:], True]
        doc_last = np.r_[new_doc[1:], True]
        spans = self._decode(tok, start, doc, self._decoded_at(tok, start, new_doc, cuts,
                                                               any_blank), found)
        # the text: each token and a space, or a newline after a sentence; a document's
        # last separator dropped
        slot = tok.pos + tok.length
        self.cp[slot] = np.where(last, _LF, _SPACE)
        keep = np.zeros(len(self.cp) + 1, dtype=np.int8)
        np.add.at(keep, tok.pos, 1)
        np.add.at(keep, slot + 1, -1)
        keep = np.cumsum(keep[:-1], dtype=np.int8, out=keep[:-1]).view(bool)
        keep[slot[doc_last]] = False
        offset = np.cumsum(tok.length + 1) - (tok.length + 1)
        first_of = np.flatnonzero(np.r_[True, new_doc[1:]])
        offset -= offset[first_of][doc]
        texts = [codecs.decode(self.cp[lo:hi + 1][keep[lo:hi + 1]], self.encoding)
                 for lo, hi in zip(tok.pos[first_of].tolist(), slot[doc_last].tolist(),
                                   strict=True)]
        stem = Path(self.where).stem
        ids = [stem] if len(texts) == 1 else [f"{stem}-{i:04d}"
                                              for i in range(1, len(texts) + 1)]
        i, j, kind = spans
        span_doc = doc[i]
        labels, label_codes = first_seen(kind, self._types()[3])
        rank = np.arange(len(i)) - np.searchsorted(span_doc, span_doc)
        codes = {f: np.full(len(i), -1, np.int32) for f in CODED}
        codes["label"] = label_codes
        codes["id"] = rank.astype(np.int32)
        vocab = {f: [] for f in CODED}
        vocab["label"] = labels
        vocab["id"] = [f"T{k}" for k in range(1, int(rank.max(initial=-1)) + 2)]
        return Columns(self.where, ids, texts, [None] * len(texts),
                       [{"source_file": self.where} for _ in texts], [False] * len(texts),
                       span_doc.astype(np.int64), offset[i].astype(np.int64),
                       (offset[j] + tok.length[j]).astype(np.int64), np.zeros(len(i), bool),
                       codes, vocab)

    def _decoded_at(self, tok: _Tokens, start: np.ndarray, new_doc: np.ndarray,
                    cuts: np.ndarray, any_blank: bool) -> np.ndarray:
        """Per document, the line (from 1) at which the careful reader decodes it (and
        warns of its tags): the line that completes the next document's first sentence
        (a blank or -DOCSTART- line, or the line of its last token), or the end of file."""
        ends = np.flatnonzero(np.r_[start[1:], True])  # the last token of each sentence
        heads = np.cumsum(start)[np.flatnonzero(new_doc)] - 1  # first sentences of docs
        last = ends[heads]
        after = np.searchsorted(cuts, tok.line[last], "right")
        line = np.where(after < len(cuts), cuts[np.minimum(after, len(cuts) - 1)], np.inf)
        if not any_blank:
            line = np.where(tok.cut[last], tok.line[last], line)
        return np.r_[line + 1, np.inf]

    def _types(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """Per tag code: its prefix (an index into ``_PREFIXES``; O for a tag the scheme
        does not allow), its type code (-1 for O), whether it is valid; and the types."""
        types: dict[str, int] = {}
        prefix, kind, ok = [], [], []
        for tag in self.vocab:
            good = valid(tag, self.scheme)
            p, t = split_tag(tag) if good else ("O", "")
            prefix.append(_PREFIXES.index(p))
            kind.append(types.setdefault(t, len(types)) if p != "O" else -1)
            ok.append(good)
        return (np.array(prefix, dtype=np.int8), np.array(kind, dtype=np.int32),
                np.array(ok, dtype=bool), list(types))

    def _decode(self, tok: _Tokens, start: np.ndarray, doc: np.ndarray,
                decoded_at: np.ndarray, found: list
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(first token, last token, type code) of every entity, by the rules of
        :func:`bench.tags.decode`; each unknown tag and repaired continuation warned."""
        prefix_of, kind_of, ok_of, _ = self._types()
        p, t = prefix_of[tok.tag], kind_of[tok.tag]
        opens = np.where((p == _B) | (p == _I), t, -1)  # the type left open after a token
        before = np.r_[-1, opens[:-1]]
        before[start] = -1
        continues = ((p == _I) | (p == _E) | (p == _L)) & (t >= 0) & (before == t)
        begin = (p != _O) & ~continues
        end = (p != _O) & ~np.r_[continues[1:], False]
        repair = begin & ((p == _E) | (p == _L) | ((p == _I) & (self.scheme != "iob1")))
        strings = list(self.vocab)
        unknown = ~ok_of[tok.tag]
        for i in np.flatnonzero(unknown | repair).tolist():
            tag, line = strings[tok.tag[i]], int(tok.line[i]) + 1
            message = (f"unknown tag {tag!r} for scheme {self.scheme}: read as O"
                       if unknown[i] else
                       f"{tag} does not continue a {split_tag(tag)[1]} entity: starts one")
            found.append(((decoded_at[doc[i]], _DECODE, i),
                          Problem(f"{self.where}:{line}", None, message, "warning")))
        first = np.flatnonzero(begin)
        return first, np.flatnonzero(end), t[first]

