"""TimeML with inline TIMEX3 tags: reading into the model and writing back.

Rules: the document text is the character content of the ``<TimeML>`` element
(XML entities decoded, other tags such as EVENT or SIGNAL removed but their text
kept), without the single newline that follows ``<TimeML>`` and the single one
before ``</TimeML>`` (the layout HeidelTime writes). A BOM or any other character
inside the content is kept as it is. Each TIMEX3 becomes an annotation: ``tid`` ->
id, ``type`` -> label, ``value``, ``mod``; ``form`` from ``temporalFunction``
when present, else :func:`bench.timex.guess_form`. The document date is the
TIMEX3 with ``functionInDocument="CREATION_TIME"`` or a ``<DCT>`` element, if any.
An annotation marked optional is written with ``comment="optional"`` and read back; a
``calendar`` (``hijri``) travels in an attribute of that name. A carriage return is
written ``&#13;`` (XML reads a literal one as a line feed).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from bench.io.names import create, file_stem, name_of
from bench.io.native import read_text
from bench.model import Annotation, Document
from bench.problems import InputError, Problem
from bench.timex import guess_form


def parse_timeml(xml: str, where: str) -> tuple[str, list[Annotation], str | None]:
    """(text, TIMEX3 annotations, document date) of one TimeML document."""
    try:
        root = ET.fromstring(xml.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line, col = exc.position
        raise InputError([Problem(f"{where}:{line}", None,
                                  f"invalid XML at column {col}: {exc.msg}")]) from None
    parts: list[str] = []
    length = 0  # of the text so far: positions in linear time, however many TIMEX3
    anns: list[Annotation] = []
    dct: list[str] = []
    problems: list[Problem] = []

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    def walk(el: ET.Element, top: bool) -> None:
        if el.tag == "DCT":  # metadata, not document text
            value = next((t.get("value") for t in el.iter("TIMEX3")), None)
            if value:
                dct.append(value[:10])
            return
        start, first = length, len(parts)
        if el.text:
            add(el.text)
        for child in el:
            walk(child, False)
            if child.tail:
                add(child.tail)
        if el.tag != "TIMEX3" or top:
            return
        end = length
        ident = el.get("tid") or f"t{len(anns) + 1}"
        text = "".join(parts[first:])
        if el.get("functionInDocument") == "CREATION_TIME":
            dct.append((el.get("value") or "")[:10])
        if el.get("type") is None:
            problems.append(Problem(where, ident, "TIMEX3 without a type"))
            return
        function = el.get("temporalFunction")
        form = ("relative" if function == "true" else "absolute") if function in (
            "true", "false") else guess_form(text, el.get("type"), el.get("value"))
        anns.append(Annotation(ident, start, end, el.get("type"), text, el.get("value"),
                               el.get("mod"), form, el.get("calendar"),
                               optional=el.get("comment") == "optional"))

    walk(root, True)
    if problems:
        raise InputError(problems)
    text = "".join(parts)
    lead = 1 if text.startswith("\n") else 0
    trail = 1 if text.endswith("\n") and len(text) > lead else 0
    body = text[lead:len(text) - trail]
    shifted = [a.replace(start=a.start - lead, end=a.end - lead) for a in anns]
    return body, shifted, dct[0] if dct else None


def read_timeml(path: Path, dct: str | None = None) -> Document:
    text, anns, found = parse_timeml(read_text(path), str(path))
    return Document(name_of(path.stem) or path.stem, text, found or dct, tuple(anns),
                    meta={"source_file": str(path)})


def write_timeml(docs, out: Path, notes: list[Problem]) -> None:
    """One ``<stem>.tml`` per document (:func:`bench.io.names.file_stem` of its id); an id
    too long to come back from its file name is refused (TimeML has no place for it)."""
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        stem = file_stem(doc.doc_id)
        if name_of(stem) != doc.doc_id:
            raise InputError([Problem(doc.meta.get("source_file", doc.doc_id), None,
                                      f"document id {doc.doc_id[:60]!r}... is too long for a "
                                      "file name, and TimeML keeps ids in file names only")])
        dropped = [a for a in doc.annotations if not a.is_temporal]
        if dropped:
            notes.append(Problem(doc.doc_id, None, f"{len(dropped)} entity annotations are "
                                                   "not TimeML: not written", "warning"))
        create(out / f"{stem}.tml", dumps_timeml(doc), doc.doc_id)


_CHARS = {"\r": "&#13;"}
"""Escaped besides & < >: XML parsers read a literal carriage return as a line feed."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 has no place for, not even as a character reference."""


def dumps_timeml(doc: Document) -> str:
    """Inline TimeML of the temporal annotations (entities are not TimeML); temporal
    spans that overlap are refused, as inline TIMEX3 tags do not nest, and so is a text
    with a character XML cannot hold (a control character)."""
    where = doc.meta.get("source_file", doc.doc_id)
    if bad := _NOT_XML.search(doc.text):
        raise InputError([Problem(where, doc.doc_id, f"the text holds U+{ord(bad.group()):04X} "
                                  f"at offset {bad.start()}: XML (TimeML) cannot hold it")])
    out, pos = [], 0
    for a in sorted((a for a in doc.annotations if a.is_temporal), key=lambda a: a.start):
        if a.start < pos:
            raise InputError([Problem(where, a.id,
                                      f"{a.text!r} overlaps another temporal span: TimeML's "
                                      "inline TIMEX3 tags do not nest")])
        attrs = f"tid={quoteattr(a.id)} type={quoteattr(a.label)}"
        if a.value is not None:
            attrs += f" value={quoteattr(a.value)}"
        if a.mod:
            attrs += f" mod={quoteattr(a.mod)}"
        if a.calendar:
            attrs += f" calendar={quoteattr(a.calendar)}"
        attrs += f" temporalFunction={quoteattr(str(a.form == 'relative').lower())}"
        if a.optional:
            attrs += ' comment="optional"'
        out.append(escape(doc.text[pos:a.start], _CHARS))
        out.append(f"<TIMEX3 {attrs}>{escape(a.text, _CHARS)}</TIMEX3>")
        pos = a.end
    out.append(escape(doc.text[pos:], _CHARS))
    dct = f'<DCT><TIMEX3 tid="t0" type="DATE" value="{doc.dct}" ' \
          f'functionInDocument="CREATION_TIME"/></DCT>' if doc.dct else ""
    return f'<?xml version="1.0"?>\n<TimeML>{dct}\n{"".join(out)}\n</TimeML>\n'
