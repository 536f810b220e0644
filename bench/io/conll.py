"""CoNLL-style token files (``token TAG [TAG ...]``): reading and writing.

Text: the tokens of a sentence joined by single spaces, sentences by newlines, so
offsets are exact and each sentence is a line (a bootstrap unit). A blank line ends
a sentence; ``-DOCSTART-`` starts a new document; a file without either is one
document of one line per run of tokens up to a blank line (ANERcorp has none, so
its sentences are cut after ``.``, ``!``, ``?`` and ``؟`` tokens tagged ``O``).

Tags: ``O`` or ``PREFIX-TYPE`` under the scheme ``iob2`` (default), ``iob1`` or
``bioes``. Each further column is one nesting level (Wojood); a line with fewer
columns is ``O`` at the others. ``nesting`` chooses what is read: ``all`` (the
default: the spans of every column), ``outer`` (the spans inside no other span, of
any column), ``inner`` (the spans that hold no other span) or ``N`` (the N-th column,
1 = outermost). A document whose spans nest is declared nested (:mod:`bench.nesting`).
The writer puts one nesting depth per column, so nested corpora round-trip.

Dirty input is never fatal and never silent: every case below is reported as a
warning ``file:line: problem`` in ``Corpus.notes`` and handled by the rule given:

* BOM at the start: removed; CR before LF: removed (reported once per file);
* a field that is only bidi marks (U+200E, U+200F, U+061C, U+202A-U+202E): removed;
  bidi marks inside a token: removed;
* a line without a token (only a tag), or whose token is only marks: skipped;
* a token with leading spaces: the spaces are removed;
* a glued line (``. Oالإصابة O``: a tag run into the next token): split in two;
* an unknown tag or prefix (``X-PER``, ``FOO``): the token is ``O`` at that level;
* ``I-``/``E-`` that does not continue an entity of its type: starts a new entity.

The scorer's loader reads a file of one tag column straight into columns
(:mod:`bench.io.conll_columns`: the same documents and warnings by array operations,
these rules applied to its dirty lines); this module is the careful reader it defers to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.model import Annotation, Corpus, Document
from bench.nesting import depths, nests
from bench.problems import InputError, Problem
from bench.tags import SCHEMES, TAG, decode, span_tags, split_tag, valid

BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
SENTENCE_END = {".", "!", "?", "؟"}


@dataclass
class _Token:
    text: str
    tags: list[str]
    line: int


def _lines(path: Path, notes: list[Problem]) -> Iterator[tuple[int, str]]:
    """Lines of a file, streamed, with BOM and CR removed (and reported)."""
    where = str(path)
    crlf = False
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError([Problem(f"{where}:{lineno}", None,
                                          f"not UTF-8 at byte {exc.start}")]) from None
            if lineno == 1 and line.startswith("\ufeff"):
                notes.append(Problem(f"{where}:1", None, "BOM removed", "warning"))
                line = line[1:]
            line = line.rstrip("\n")
            if line.endswith("\r"):
                line = line[:-1]
                if not crlf:
                    notes.append(Problem(f"{where}:{lineno}", None,
                                         "CRLF line ends (CR removed on every line)", "warning"))
                    crlf = True
            yield lineno, line


def _parse_line(fields: list[str], lineno: int, where: str, scheme: str,
                notes: list[Problem]) -> list[_Token]:
    """Tokens of one non-blank line (usually one; two for a glued line; none if empty)."""
    def warn(message: str) -> None:
        notes.append(Problem(f"{where}:{lineno}", None, message, "warning"))

    if len(fields) == 1:
        if valid(fields[0], scheme) or TAG.match(fields[0]):
            warn(f"no token before tag {fields[0]!r}: line skipped")
        else:
            warn(f"token {fields[0]!r} without a tag: tagged O")
            return [_Token(fields[0], ["O"], lineno)]
        return []
    token, tags = fields[0], fields[1:]
    if len(tags) >= 2:  # a glued line: ". Oالإصابة O"
        m = re.match(r"^(O|[BIESLU]-[A-Za-z_]+?)([^\x00-\x7f].*)$", tags[0])
        if m and not valid(tags[0], scheme) and len(tags) == 2:
            warn(f"glued line split into {token!r} {m.group(1)} and {m.group(2)!r} {tags[1]}")
            return [_Token(token, [m.group(1)], lineno), _Token(m.group(2), [tags[1]], lineno)]
    cleaned = BIDI.sub("", token)
    if not cleaned:
        warn(f"token of bidi marks only ({token!r}): line skipped (tags {tags})")
        return []
    if cleaned != token:
        warn(f"bidi marks removed from token {token!r}")
        token = cleaned
    return [_Token(token, tags, lineno)]


DOCSTART = "-DOCSTART-"


def read_line(line: str, lineno: int, where: str, scheme: str, notes: list[Problem]
              ) -> list[_Token] | str | None:
    """One line (BOM and CR removed): its tokens (none for a skipped line), ``None`` for a
    blank line or :data:`DOCSTART` for a line that starts a document; each repair noted."""
    fields = [f for f in re.split(r"[ \t]+", line) if f]
    if line[:1] in (" ", "\t") and len(fields) >= 2:
        notes.append(Problem(f"{where}:{lineno}", None,
                             "leading spaces removed from the token", "warning"))
    marks_only = [f for f in fields if not BIDI.sub("", f)]
    if marks_only and len(fields) > 2:
        notes.append(Problem(f"{where}:{lineno}", None,
                             "field of bidi marks only removed", "warning"))
        fields = [f for f in fields if BIDI.sub("", f)]
    if not fields:
        return None
    if fields[0] == DOCSTART:
        return DOCSTART
    return _parse_line(fields, lineno, where, scheme, notes)


def _sentences(path: Path, scheme: str, notes: list[Problem]) -> Iterator[
        tuple[bool, list[_Token]]]:
    """(starts a new document, tokens) of each sentence."""
    where = str(path)
    current: list[_Token] = []
    new_doc = False
    with path.open("rb") as fh:  # a first streaming pass: does the file mark sentences?
        any_blank = any(not raw.strip() or raw.startswith(DOCSTART.encode()) for raw in fh)
    for lineno, line in _lines(path, notes):
        tokens = read_line(line, lineno, where, scheme, notes)
        if tokens is None:
            if current:
                yield new_doc, current
                current, new_doc = [], False
            continue
        if tokens == DOCSTART:
            if current:
                yield new_doc, current
                current = []
            new_doc = True
            continue
        current += tokens
        if not any_blank and current and ends_sentence(current[-1]):
            yield new_doc, current
            current, new_doc = [], False
    if current:
        yield new_doc, current


def ends_sentence(token: _Token) -> bool:
    """In a file without blank lines: whether a line's last token ends its sentence (not
    the dot of "إيه. دي. سي", tagged as part of a name)."""
    return token.text in SENTENCE_END and all(t == "O" for t in token.tags)


NESTING = ("all", "outer", "inner")
"""Values of ``nesting`` besides a column number."""


def check_nesting(value: str | None) -> str | None:
    """``value`` if it is a valid ``nesting`` (or None), else an ``InputError``."""
    if value is None or value in NESTING or (value.isdigit() and int(value) >= 1):
        return value
    raise InputError.one("--nesting", f"{value!r}: give all, outer, inner or a column "
                                      "number N >= 1 (1 = outermost)")


def _decode(tokens: list[_Token], offsets: list[int], level: int, scheme: str, where: str,
            notes: list[Problem], text: str) -> list[Annotation]:
    """Entity spans of one tag column (:func:`bench.tags.decode`); each unknown tag
    (read as ``O``) and each repaired ``I-``/``E-`` reported, in token order."""
    given = [tok.tags[level] if level < len(tok.tags) else "O" for tok in tokens]
    tags = [tag if valid(tag, scheme) else "O" for tag in given]
    decoded = decode(tags, scheme)
    repairs = set(decoded.repairs)
    for i, (tok, tag) in enumerate(zip(tokens, given, strict=True)):
        if tags[i] != tag:
            notes.append(Problem(f"{where}:{tok.line}", None,
                                 f"unknown tag {tag!r} for scheme {scheme}: read as O",
                                 "warning"))
        elif i in repairs:
            notes.append(Problem(f"{where}:{tok.line}", None, f"{tag} does not continue a "
                                 f"{split_tag(tag)[1]} entity: starts one", "warning"))
    anns: list[Annotation] = []
    for i, j, kind in decoded.spans:
        start, end = offsets[i], offsets[j - 1] + len(tokens[j - 1].text)
        anns.append(Annotation(f"T{len(anns) + 1}", start, end, kind, text[start:end]))
    return anns


def iter_conll(path: Path, scheme: str = "iob2", nesting: str | None = None,
               notes: list[Problem] | None = None) -> Iterator[Document]:
    """Documents of one CoNLL file (or every file of a directory), one at a time;
    ``nesting`` as in the module docstring (default ``all``)."""
    nesting = check_nesting(nesting) or "all"
    notes = notes if notes is not None else []
    for doc_id, where, sentences in _documents(path, scheme, notes):
        yield _document(doc_id, sentences, nesting, scheme, where, notes)


def iter_conll_tags(path: Path, scheme: str = "iob2", notes: list[Problem] | None = None
                    ) -> Iterator[tuple[str, list[list[tuple[str, tuple[str, ...]]]]]]:
    """The tags of a CoNLL file (or directory) as written, before any decoding: ``(doc_id,
    sentences)`` with the ids :func:`iter_conll` gives, each sentence a list of ``(token,
    tag columns)``. For scorers whose semantics depend on ill-formed tags
    (:mod:`bench.scoring.compat`); the lines are cleaned as the module docstring says."""
    notes = notes if notes is not None else []
    for doc_id, _, sentences in _documents(path, scheme, notes):
        yield doc_id, [[(t.text, tuple(t.tags)) for t in s] for s in sentences]


def _documents(path: Path, scheme: str, notes: list[Problem]
               ) -> Iterator[tuple[str, str, list[list[_Token]]]]:
    """``(doc_id, file, sentences)`` of each document of a file or directory."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tag scheme {scheme!r} (known: {', '.join(SCHEMES)})")
    if not path.exists():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        sentences: list[list[_Token]] = []
        count = 0
        for new_doc, sentence in _sentences(file, scheme, notes):
            if new_doc and sentences:
                count += 1
                yield f"{file.stem}-{count:04d}", str(file), sentences
                sentences = []
            sentences.append(sentence)
        if sentences:
            count += 1
            # a file that is one document keeps the file's name as its id
            yield (file.stem if count == 1 else f"{file.stem}-{count:04d}"), str(file), sentences


def read_conll(path: Path, scheme: str = "iob2", nesting: str | None = None) -> Corpus:
    notes: list[Problem] = []
    docs = list(iter_conll(path, scheme, nesting, notes))
    return Corpus(docs, name=str(path), notes=notes)


def document_from_tokens(doc_id: str, sentences: list[tuple[list[str], list[str]]],
                         scheme: str = "iob2", where: str = "",
                         notes: list[Problem] | None = None) -> Document:
    """A document from tokenised sentences and their tags (one column), as from a dataset."""
    notes = notes if notes is not None else []
    rows = []
    for k, (toks, tags) in enumerate(sentences):
        if len(toks) != len(tags):
            raise InputError([Problem(where, f"row {k}", f"{len(toks)} tokens but "
                                                         f"{len(tags)} tags")])
        rows.append([_Token(t, [g], k + 1) for t, g in zip(toks, tags, strict=True) if t])
    return _document(doc_id, [r for r in rows if r], "outer", scheme, where, notes)


def _document(doc_id: str, sentences: list[list[_Token]], nesting: str, scheme: str,
              where: str, notes: list[Problem]) -> Document:
    """Tokens joined by spaces, sentences by newlines; entities never cross a sentence."""
    offsets, lines, pos = [], [], 0
    for sentence in sentences:
        for tok in sentence:
            offsets.append(pos)
            pos += len(tok.text) + 1  # the space after the last token becomes the newline
        lines.append(" ".join(t.text for t in sentence))
    text = "\n".join(lines)
    columns = max((len(t.tags) for sentence in sentences for t in sentence), default=1)
    levels = range(columns) if nesting in NESTING else [int(nesting) - 1]
    if nesting not in NESTING and int(nesting) > columns:
        notes.append(Problem(where, doc_id, f"--nesting {nesting}: the document has {columns} "
                                            "tag column(s): no spans read", "warning"))
    anns: list[Annotation] = []
    for level in levels:
        start = 0
        for sentence in sentences:
            anns += _decode(sentence, offsets[start:start + len(sentence)], level, scheme,
                            where, notes, text)
            start += len(sentence)
    anns.sort(key=lambda a: (a.start, -a.end, a.label))
    if nesting == "inner":  # the spans that hold no other span
        anns = _innermost(anns)
    elif nesting == "outer":  # the spans inside no other span (of any column)
        level = depths([a.start for a in anns], [a.end for a in anns])
        anns = [a for a, d in zip(anns, level, strict=True) if d == 0]
    anns = [Annotation(f"T{i}", a.start, a.end, a.label, a.text) for i, a in enumerate(anns, 1)]
    # nested when the spans kept nest (or share an extent)
    return Document(doc_id, text, None, tuple(anns), meta={"source_file": where},
                    nested=nests([(a.start, a.end) for a in anns]))


def _innermost(anns: list[Annotation]) -> list[Annotation]:
    """The spans (sorted by start, then longest first) with no other span inside: the
    next span of another extent in that order starts at or after their end."""
    out = []
    for k, a in enumerate(anns):
        nxt = next((b for b in anns[k + 1:] if (b.start, b.end) != (a.start, a.end)), None)
        if nxt is None or nxt.start >= a.end:
            out.append(a)
    return out


def dumps_conll(doc: Document, scheme: str = "iob2",
                notes: list[Problem] | None = None, whole: bool = False) -> str:
    """Token lines of a document: its whitespace-separated words, one sentence per line.

    A span that does not start and end at token boundaries (a proclitic left out,
    as in "لعراق") is written on the whole tokens it overlaps, and reported. A token
    of bidi marks only is not written (the reader would skip it). Refused, with the
    reason, is what the reader would not give back: a span across a line break (a
    sentence), a span of no token, two spans that cross or coincide once widened to
    whole tokens, a ``-DOCSTART-`` token (it starts a document); and with ``whole``
    (the document is one of a file's documents) a document without a token.
    """
    notes = notes if notes is not None else []
    tokens = [(ls + m.start(), ls + m.end(), m.group(), k) for k, (ls, line) in
              enumerate(_line_spans(doc.text)) for m in re.finditer(r"\S+", line)
              if BIDI.sub("", m.group())]
    where = doc.meta.get("source_file", doc.doc_id)

    def refuse(item: str | None, why: str) -> InputError:
        return InputError([Problem(where, item, why)])

    if whole and not tokens:
        raise refuse(doc.doc_id, "no token (the text is empty, only white space or bidi "
                                 "marks): a CoNLL file cannot hold this document")
    if any(word == "-DOCSTART-" for _, _, word, _ in tokens):
        raise refuse(doc.doc_id, "holds the token -DOCSTART-: CoNLL would read a new "
                                 "document there")
    starts, ends = [t[0] for t in tokens], [t[1] for t in tokens]  # both ascending
    spans = []
    for a in sorted(doc.annotations, key=lambda a: (a.start, -a.end, a.label)):
        # tokens overlapping [a.start, a.end): end > a.start and start < a.end (binary search)
        covered = range(bisect_right(ends, a.start), bisect_left(starts, a.end))
        if not covered:
            raise refuse(a.id, f"{a.text!r} is only bidi marks: CoNLL readers drop such "
                               "tokens, so the span has no token")
        if tokens[covered[0]][3] != tokens[covered[-1]][3]:
            raise refuse(a.id, f"{a.text!r} crosses a line break: a CoNLL entity lies "
                               "within one sentence (line)")
        spans.append((a, covered))
    _check_widened(spans, refuse)
    columns: list[list[str]] = [["O"] * len(tokens)]
    for a, covered in spans:
        if tokens[covered[0]][0] != a.start or tokens[covered[-1]][1] != a.end:
            notes.append(Problem(doc.doc_id, a.id, f"{a.text!r} is not whole tokens: "
                                                   "written on the tokens it overlaps",
                                 "warning"))
        # the first column free on all its tokens: outer spans (first in this order) get
        # the first columns, a span inside them the next, two labels of one extent two
        tags = next((c for c in columns if all(c[i] == "O" for i in covered)), None)
        if tags is None:
            tags = ["O"] * len(tokens)
            columns.append(tags)
        if not doc.nested and tags is not columns[0]:
            notes.append(Problem(doc.doc_id, a.id, "overlaps another span of a document "
                                                   "not declared nested: written in a second "
                                                   "column", "warning"))
        for i, tag in zip(covered, span_tags(a.label, len(covered), scheme), strict=True):
            tags[i] = tag
    out, line_no = [], 0
    for (_, _, word, k), *tags in zip(tokens, *columns, strict=True):
        if k != line_no:
            out.append("")
            line_no = k
        out.append(" ".join([word, *tags]))
    return "\n".join(out) + "\n"


def _check_widened(spans: list[tuple[Annotation, range]], refuse) -> None:
    """Refuse two spans that cross, or have one label on one extent, once widened to
    whole tokens: the reader would give back a span crossing another, or a duplicate."""
    seen: dict[tuple[int, int, str], str] = {}
    around: list[tuple[int, str]] = []  # (end token, id) of the spans around this one
    for a, covered in sorted(spans, key=lambda s: (s[1].start, -s[1].stop)):
        key = (covered.start, covered.stop, a.label)
        if key in seen:
            raise refuse(a.id, f"covers the tokens of {seen[key]} with its label once "
                               "widened to whole tokens: CoNLL cannot hold both")
        seen[key] = a.id
        while around and around[-1][0] <= covered.start:
            around.pop()
        if around and around[-1][0] < covered.stop:
            raise refuse(a.id, f"crosses {around[-1][1]} once widened to whole tokens: "
                               "CoNLL columns hold spans inside others, not crossing ones")
        around.append((covered.stop, a.id))


def _line_spans(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
