"""INCEpTION / WebAnno TSV 3.x: one document per ``.tsv`` file, reading and writing.

Reading follows DKPro's own TSV 3 reader (what INCEpTION imports):

* the header ``#FORMAT=WebAnno TSV 3.x`` then layer declarations (``#T_SP=``,
  ``#T_CH=``, ``#T_RL=``), one column per declared feature (a layer without features
  has one placeholder column);
* the text is rebuilt from the sentences' ``#Text=`` lines (unescaped; several lines
  of one sentence joined by line breaks, each sentence followed by one): a sentence
  begins at its first token's offset, gaps are filled with spaces. The line break
  the format adds after the last sentence is not part of the text;
* token offsets count UTF-16 code units and are converted to code points exactly
  (:mod:`bench.io.utf16`); each token's (or sub-token's) text must be the text at its
  offsets;
* spans come from the named-entity layer (``...ner.type.NamedEntity``, feature
  ``value``) and custom span layers (``webanno.custom.*``: feature ``value``, else
  ``label``, else their only feature; a layer without features gives its own name as
  the label). ``LABEL[n]`` on several units is one span from the first unit's start to
  the last one's end; stacked annotations (``A[1]|B[2]``) may nest. Other layers,
  relations and chains are ignored with a warning, and so is a span without a label.

The document id is the file name's (:func:`bench.io.names.name_of`, else the stem); TSV
carries no document date. The writer writes one sentence per line (lines starting
with a space-only indent and not inside a span begin a sentence), tokens at white space
and at every span boundary, and the ``NamedEntity|value`` layer: what the reader reads
back. It refuses an empty text (DKPro cannot read a file without sentences) and a
carriage return in a label or a token (TSV lines would break there).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bench.io.annotool import document, files_of, loss_note, refuse, span_problem
from bench.io.names import create, file_stem, name_of
from bench.io.native import read_text
from bench.io.utf16 import Utf16, utf16_length
from bench.model import Document
from bench.problems import InputError, Problem

NE_LAYER = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
FORMAT = re.compile(r"#FORMAT=WebAnno TSV 3\.(\d+)")
TOKEN_ID = re.compile(r"\d+-\d+(\.\d+)?")
OFFSETS = re.compile(r"(\d+)-(\d+)")
STACK_SEP = re.compile(r"(?<!\\)\|")

_VALUE_ESC = {"\\\\": "\\", "\\[": "[", "\\]": "]", "\\|": "|", "\\_": "_", "\\->": "->",
              "\\;": ";", "\\t": "\t", "\\n": "\n", "\\*": "*"}
_VALUE_RAW = {raw: esc for esc, raw in _VALUE_ESC.items()}
_TEXT_ESC = {"\\t": "\t", "\\n": "\n", "\\f": "\f", "\\r": "\r", "\\b": "\b", "\\\\": "\\"} | {
    "\\" + chr(c): chr(c) for c in [*range(8), *range(14, 32)]}
_TEXT_RAW = {raw: esc for esc, raw in _TEXT_ESC.items()}
_JAVA_ESC = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "'": "'",
             "\\": "\\"}


def _alternation(keys: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))


_VALUE_UNESC, _VALUE_TO_ESC = _alternation(_VALUE_ESC), _alternation(_VALUE_RAW)
_TEXT_UNESC, _TEXT_TO_ESC = _alternation(_TEXT_ESC), _alternation(_TEXT_RAW)
_JAVA_UNESC = re.compile(r"\\(u[0-9a-fA-F]{4}|[0-7]{1,3}|[btnfr\"'\\])")


def unescape_value(value: str) -> str:
    """A feature value or token as TSV 3 escapes them (``\\[``, ``\\_``, ``\\t`` ...)."""
    return _VALUE_UNESC.sub(lambda m: _VALUE_ESC[m.group()], value)


def escape_value(value: str) -> str:
    return _VALUE_TO_ESC.sub(lambda m: _VALUE_RAW[m.group()], value)


def unescape_text(line: str, minor: int) -> str:
    """A ``#Text=`` line: TSV 3.2+ escapes control characters and backslashes; 3.0 and
    3.1 wrote Java escapes."""
    if minor >= 2:
        return _TEXT_UNESC.sub(lambda m: _TEXT_ESC[m.group()], line)

    def java(m: re.Match) -> str:
        code = m.group(1)
        if code[0] == "u":
            return chr(int(code[1:], 16))
        return chr(int(code, 8)) if code[0] in "01234567" else _JAVA_ESC[code]
    return _JAVA_UNESC.sub(java, line)


def escape_text(line: str) -> str:
    return _TEXT_TO_ESC.sub(lambda m: _TEXT_RAW[m.group()], line)


def _schema(lines: list[str], file: Path, notes: list[Problem]
            ) -> tuple[int, dict[int, str | None], int, int]:
    """(minor version, {label column: label for a featureless layer or None}, number of
    annotation columns, index of the first body line)."""
    head = FORMAT.fullmatch(lines[0].lstrip("\ufeff")) if lines else None
    if head is None:
        raise InputError.one(f"{file}:1", "not a WebAnno TSV 3.x file: the first line must "
                                          "be #FORMAT=WebAnno TSV 3.x")
    labels: dict[int, str | None] = {}
    ignored: list[str] = []
    column, i = 0, 1
    while i < len(lines) and (m := re.match(r"#T_(SP|CH|RL)=(.*)", lines[i])):
        layer, *features = m.group(2).split("|")
        entity = m.group(1) == "SP" and (layer == NE_LAYER
                                          or layer.startswith("webanno.custom."))
        pick = next((f for f in ("value", "label") if f in features), None)
        if pick is None and len(features) == 1 and not features[0].startswith("ROLE_"):
            pick = features[0]
        if entity and pick is not None:
            labels[column + features.index(pick)] = None
        elif entity and not features:
            labels[column] = layer.rsplit(".", 1)[-1]
        else:
            ignored.append(layer.rsplit(".", 1)[-1])
        column += max(1, len(features))
        i += 1
    if ignored:
        notes.append(Problem(str(file), None, f"layers ignored (not named-entity spans): "
                                              f"{', '.join(ignored)}", "warning"))
    while i < len(lines) and not lines[i].strip():
        i += 1
    return int(head.group(1)), labels, column, i


def read_tsv(file: Path, notes: list[Problem]) -> Document:
    lines = [line.removesuffix("\r") for line in read_text(file).split("\n")]
    minor, label_cols, ncols, first = _schema(lines, file, notes)
    parts: list[str] = []
    length = 0  # of the text so far, in UTF-16 units
    fragments: list[str] = []
    state = "between"  # between sentences, in a sentence "header", in its "tokens"
    units: list[tuple[int, int, str, int]] = []  # (begin, end, token, line number)
    spans: dict[tuple, list] = {}  # key -> [label, begin, end, line number]
    for lineno, line in enumerate(lines[first:], first + 1):
        where = f"{file}:{lineno}"
        if not line:
            if state == "header":
                raise InputError.one(where, "a sentence without tokens")
            state = "between"
            continue
        if line.startswith("#"):
            if state == "tokens":
                raise InputError.one(where, "a sentence header right after tokens (a blank "
                                            "line separates sentences)")
            state = "header"
            if line.startswith("#Text="):
                fragments.append(unescape_text(line[6:], minor))
            continue
        fields = line.split("\t")
        if len(fields) < 3 + ncols or not TOKEN_ID.fullmatch(fields[0]) \
                or not (m := OFFSETS.fullmatch(fields[1])):
            raise InputError.one(where, f"not a token line of {3 + ncols} tab-separated "
                                        "fields (ID begin-end token annotations...)")
        begin, end = int(m.group(1)), int(m.group(2))
        if state == "between":
            raise InputError.one(where, "a token outside a sentence (no #Text= line before)")
        if state == "header":  # the sentence's text goes at its first token
            if "." in fields[0]:
                raise InputError.one(where, "a sentence beginning with a sub-token")
            if begin < length - 1 or (
                    begin == length - 1 and not parts[-1].endswith("\n")):
                raise InputError.one(where, f"the sentence begins at {begin}, inside the "
                                            f"text before it (up to {length})")
            if begin == length - 1:  # no gap: the previous sentence's line break goes
                parts[-1] = parts[-1][:-1]
                length -= 1
            piece = " " * (begin - length) + "\n".join(fragments) + "\n"
            parts.append(piece)
            length += utf16_length(piece)
            fragments, state = [], "tokens"
        if begin > end:
            raise InputError.one(where, f"offsets {begin}-{end} are reversed")
        units.append((begin, end, fields[2], lineno))
        for col, default in label_cols.items():
            if fields[3 + col] == "_":
                continue
            for k, raw in enumerate(STACK_SEP.split(fields[3 + col])):
                label, ident = raw, None
                if raw.endswith("]") and not raw.endswith("\\]") and "[" in raw:
                    label, ident = raw[:raw.rindex("[")], raw[raw.rindex("[") + 1:-1]
                    if not ident.isdigit():
                        raise InputError.one(where, f"{raw!r}: the disambiguation id "
                                                    f"{ident!r} is not a number")
                key = (col, ident) if ident else (col, lineno, k)
                label = default or (None if label == "*" else unescape_value(label))
                span = spans.setdefault(key, [label, begin, end, lineno])
                span[1], span[2] = min(span[1], begin), max(span[2], end)
    if state == "header":
        raise InputError.one(f"{file}:{len(lines)}", "a sentence without tokens")
    text = "".join(parts).removesuffix("\n")
    offsets = Utf16(text)

    def code_points(begin: int, end: int, where: str) -> tuple[int, int]:
        if end > offsets.length:
            raise InputError.one(where, f"offsets {begin}-{end} out of range (the text has "
                                        f"{offsets.length} UTF-16 code units)")
        try:
            return offsets.to_code_point(begin), offsets.to_code_point(end)
        except ValueError as exc:
            raise InputError.one(where, str(exc)) from None

    for begin, end, token, lineno in units:
        s, e = code_points(begin, end, f"{file}:{lineno}")
        if unescape_value(token) != text[s:e]:
            raise InputError.one(f"{file}:{lineno}", f"token {unescape_value(token)!r} is not "
                                                     f"the text at {begin}-{end}: "
                                                     f"{text[s:e]!r}")
    out = []
    for label, begin, end, lineno in spans.values():
        where = f"{file}:{lineno}"
        if label is None:
            notes.append(Problem(where, None, f"a span without a label at {begin}-{end}: "
                                              "ignored", "warning"))
            continue
        s, e = code_points(begin, end, where)
        if (why := span_problem(text, s, e, label)) is not None:
            raise InputError.one(where, why)
        out.append((f"T{len(out) + 1}", s, e, label))
    return document(name_of(file.stem) or file.stem, text, None, out, str(file))


def read_inception(path: Path, notes: list[Problem]) -> Iterator[Document]:
    for file in files_of(path, ".tsv"):
        yield read_tsv(file, notes)


def _sentence_starts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where the writer begins sentences (see the module's rules)."""
    first = len(text) - len(text.lstrip(" "))
    if first == len(text) or text[first].isspace() or any(s < first for s, _ in spans):
        first = 0  # the sentence begins with a white-space token
    starts = [first]
    for m in re.finditer(r"\n( *)(?=\S)", text):
        nl, begin = m.start(), m.end()
        if begin > first and not any(s < begin and e > nl for s, e in spans):
            starts.append(begin)
    return starts


def dumps_tsv(doc: Document) -> str:
    text = doc.text
    if not text:
        raise refuse(doc, "an empty text: INCEpTION cannot read a TSV file without "
                          "sentences")
    anns = sorted(doc.annotations, key=lambda a: (a.start, a.end, a.label))
    bad = next((a for a in anns if not a.label or "\r" in a.label), None)
    if bad is not None:
        raise refuse(doc, f"label {bad.label!r}: TSV cannot hold an empty label or a "
                          "carriage return", bad.id)
    starts, ends = {a.start for a in anns}, {a.end for a in anns}
    sentences = _sentence_starts(text, [(a.start, a.end) for a in anns])
    cuts = sorted({m.start() for m in re.finditer(r"\s+|\S+", text)} | starts | ends
                  | set(sentences) | {len(text)})
    tokens = [(b, e) for b, e in zip(cuts, cuts[1:], strict=False)
              if not text[b].isspace() or b in starts or e in ends or b in sentences]
    offsets = Utf16(text)
    lines = ["#FORMAT=WebAnno TSV 3.3", f"#T_SP={NE_LAYER}|value", ""]
    bounds = sentences[1:] + [len(text) + 1]
    k, number, waiting, active = 0, 0, 0, []  # annotations not yet begun, and open
    for n, (start, stop) in enumerate(zip(sentences, bounds, strict=True), 1):
        body = text[start:text.rindex("\n", 0, stop) if stop <= len(text) else len(text)]
        lines += [""] + [f"#Text={escape_text(part)}" for part in body.split("\n")]
        number = 0
        while k < len(tokens) and tokens[k][0] < stop:
            b, e = tokens[k]
            if "\r" in text[b:e]:
                raise refuse(doc, f"a carriage return in the token {text[b:e]!r} at {b}: a "
                                  "TSV line cannot hold it")
            number += 1
            while waiting < len(anns) and anns[waiting].start <= b:
                active.append(waiting)
                waiting += 1
            active = [i for i in active if anns[i].end > b]  # each ends at a token's end
            cell = "|".join(f"{escape_value(anns[i].label)}[{i + 1}]" for i in active) or "_"
            lines.append(f"{n}-{number}\t{offsets.to_utf16(b)}-{offsets.to_utf16(e)}\t"
                         f"{escape_value(text[b:e])}\t{cell}")
            k += 1
    return "\n".join(lines) + "\n"


def write_inception(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    """One ``<stem>.tsv`` per document (:func:`bench.io.names.file_stem` of its id); an id
    too long to come back from its file name is refused (TSV keeps ids in names only)."""
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        stem = file_stem(doc.doc_id)
        if name_of(stem) != doc.doc_id:
            raise refuse(doc, f"document id {doc.doc_id[:60]!r}... is too long for a file "
                              "name, and TSV keeps ids in file names only", None)
        loss_note(doc, "INCEpTION TSV", notes, keeps_date=False)
        create(out / f"{stem}.tsv", dumps_tsv(doc), doc.doc_id)
