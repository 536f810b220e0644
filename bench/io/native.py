"""The native standoff format: reading and writing, with shape checks.

Layouts (documented in ``gold/GUIDELINES.md`` and the README):

* **corpus directory**: ``seeds/<stem>.txt`` (UTF-8, stored byte for byte),
  optional ``seeds/<stem>.meta.json`` and ``gold/<stem>.json``;
* **annotation file**: ``{"doc_id", "text_sha256", "dct", "annotations": [...]}``, and
  ``"nested": true`` for a document whose spans may nest (:mod:`bench.nesting`);
* **annotation directory**: ``*.json`` annotation files whose texts come from a gold corpus;
* **JSONL**: one annotation file object per line, plus its ``"text"``.

Readers check the JSON shape and report every problem as ``file: item: problem``
(raising :class:`~bench.problems.InputError`); content checks against the text live in
:mod:`bench.validate`. Nothing is repaired or dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import msgspec

from bench.io.atomic import atomic_path, write_text
from bench.io.names import create, file_stem
from bench.model import Annotation, Corpus, Document, dct_problem, hash_hint, sha256_text
from bench.problems import InputError, Problem

ANNOTATION_FIELDS = {"id": str, "start": int, "end": int, "label": str, "text": str,
                     "value": str, "mod": str, "form": str, "calendar": str, "optional": bool}
REQUIRED_ANNOTATION_FIELDS = ("id", "start", "end", "label", "text")
FILE_FIELDS = ("doc_id", "text_sha256", "dct", "nested", "annotations")
JSONL_FIELDS = FILE_FIELDS + ("text",)
META_FIELDS = ("doc_id", "source", "dateline", "language", "dct", "text_sha256", "nested",
               "text", "title", "url", "licence", "dct_estimated", "dct_confidence",
               "dct_evidence")
"""Fields of ``seeds/<stem>.meta.json``. ``text``: where the document's text is when it is
not ``seeds/<stem>.txt`` (a path relative to the meta file: texts that are not ours to
commit, checked by ``text_sha256``); ``dct_estimated``: the DCT was inferred, not read
from a dateline (``dct_confidence``, ``dct_evidence`` say how)."""
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def parse_json(raw: str, where: str, line: int | None = None) -> object:
    """JSON with duplicate keys refused; errors name ``file:line`` and the column.

    ``line``: the line number of ``raw`` in its file (JSONL), else ``raw`` is a whole file.
    Annotation files and JSONL lines take :func:`_decode_document` first; this careful
    parser names the problem when that fast path turns them down.
    """
    try:
        obj = json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        message = exc.msg.removesuffix(" at") + (" here" if exc.msg.endswith(" at") else "")
        if exc.pos >= len(raw.rstrip()) or message.startswith("Unterminated"):
            message += ": the text ends early (truncated file?)"
        lineno = line if line is not None else exc.lineno
        problem = Problem(f"{where}:{lineno}", None,
                          f"invalid JSON at column {exc.colno}: {message}")
        raise InputError([problem]) from None
    except ValueError as exc:
        raise InputError([Problem(where if line is None else f"{where}:{line}", None,
                                  f"invalid JSON: {exc}")]) from None
    lone = _lone_surrogate(raw) if "\\u" in raw else None
    if lone is not None:  # JSON allows it; no Unicode text holds it (nor can be hashed)
        lineno = line if line is not None else raw.count("\n", 0, lone) + 1
        column = lone - (raw.rfind("\n", 0, lone) + 1) + 1
        raise InputError([Problem(f"{where}:{lineno}", None, (
            f"invalid JSON at column {column}: {raw[lone:lone + 6]} is half of a UTF-16 "
            "pair (a lone surrogate): not Unicode text"))])
    return obj


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_HIGH, _LOW = re.compile(r"\\u[dD][89abAB]"), re.compile(r"\\u[dD][c-fC-F]")


def _lone_surrogate(raw: str) -> int | None:
    """Where the first \\uD800-\\uDFFF escape without its other half starts, if any (an
    escaped backslash before a ``u`` is not an escape: ``\\\\u...``)."""
    for m in _SURROGATE.finditer(raw):
        before = raw[:m.start()]
        if (len(before) - len(before.rstrip("\\"))) % 2:
            continue  # preceded by an odd run of backslashes: this one is escaped text
        here = m.group()
        if _HIGH.match(here) and _LOW.match(raw, m.end()):
            continue
        if _LOW.match(here) and m.start() >= 6 and _HIGH.match(raw, m.start() - 6):
            continue
        return m.start()
    return None


class _FileObject(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    doc_id: str
    text_sha256: str
    dct: str | None = None
    nested: bool = False
    annotations: list[Annotation]


class _JsonlObject(_FileObject, kw_only=True, forbid_unknown_fields=True):
    text: str


_DECODERS = {False: msgspec.json.Decoder(_FileObject), True: msgspec.json.Decoder(_JsonlObject)}


_SURROGATE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def _decode_document(raw: bytes, where: str, text: str | None = None,
                     jsonl: bool = False) -> Document | None:
    """Fast path: a well-formed object decoded straight into the model, field types
    checked by msgspec; None when anything is off, and the careful path (``json`` with
    duplicate keys refused, then :func:`parse_annotation_object`) names the problem.

    msgspec keeps the last of duplicated keys and reads ``null`` as absent, so the keys
    it saw are counted against the ``":`` key ends of the raw text (a JSON string holds
    no unescaped quote): any difference goes the careful way.
    """
    if b"\\u" in raw and _SURROGATE_BYTES.search(raw):
        return None  # a surrogate escape: the careful path checks it has its pair
    try:
        obj = _DECODERS[jsonl].decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    anns = obj.annotations
    seen = 3 + jsonl + (b'"dct":' in raw) + (b'"nested":' in raw) + 5 * len(anns) + sum(
        (a.value is not None) + (a.mod is not None) + (a.form is not None)
        + (a.calendar is not None) + a.optional for a in anns)
    keys = raw.count(b'":') - (raw.count(b'\\":') if b"\\" in raw else 0)
    if seen != keys or not obj.doc_id \
            or not SHA256_HEX.fullmatch(obj.text_sha256) \
            or dct_problem(obj.dct) is not None:
        return None
    body = obj.text if jsonl else (text if text is not None else "")
    return Document(doc_id=obj.doc_id, text=body, dct=obj.dct, annotations=tuple(anns),
                    meta={"text_sha256": obj.text_sha256, "source_file": where},
                    nested=obj.nested)


def read_text(path: Path) -> str:
    """A document text, decoded strictly, newlines and all bytes untouched."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), None, f"not UTF-8 at byte {exc.start}")]) from None


def _type_ok(value: object, kind: type) -> bool:
    # bool is an int subclass in Python; JSON true must not pass as an offset.
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def parse_annotations(items: object, where: str) -> tuple[list[Annotation], list[Problem]]:
    """Annotations from their JSON list; problems name the annotation id (or index)."""
    if not isinstance(items, list):
        return [], [Problem(where, "annotations", "must be a list")]
    out: list[Annotation] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(Problem(where, f"annotation #{index}", "must be an object"))
            continue
        ident = item.get("id")
        name = ident if isinstance(ident, str) and ident else f"annotation #{index}"
        bad = [Problem(where, name, f"missing field {key!r}")
               for key in REQUIRED_ANNOTATION_FIELDS if key not in item]
        for key, value in item.items():
            kind = ANNOTATION_FIELDS.get(key)
            if kind is None:
                bad.append(Problem(where, name, f"unknown field {key!r}"))
            elif not _type_ok(value, kind):
                bad.append(Problem(where, name, f"field {key!r} must be {kind.__name__}, "
                                                f"got {type(value).__name__}"))
        if bad:
            problems.extend(bad)
            continue
        out.append(Annotation(**item))
    return out, problems


def _check_header(obj: object, where: str, fields: tuple[str, ...]) -> list[Problem]:
    if not isinstance(obj, dict):
        return [Problem(where, None, "top level must be a JSON object")]
    problems = [Problem(where, None, f"missing field {key!r}") for key in fields
                if key not in obj and key not in ("dct", "nested")]
    problems += [Problem(where, None, f"unknown field {key!r}") for key in obj if key not in fields]
    if "doc_id" in obj and not (isinstance(obj["doc_id"], str) and obj["doc_id"]):
        problems.append(Problem(where, "doc_id", "must be a non-empty string"))
    sha = obj.get("text_sha256")
    if "text_sha256" in obj and not (isinstance(sha, str) and SHA256_HEX.fullmatch(sha)):
        problems.append(Problem(where, "text_sha256", "must be 64 lowercase hex digits"))
    if (why := dct_problem(obj.get("dct"))) is not None:
        problems.append(Problem(where, "dct", why))
    if "nested" in obj and not isinstance(obj["nested"], bool):
        problems.append(Problem(where, "nested", f"must be true or false, got {obj['nested']!r}"))
    return problems


def parse_annotation_object(obj: object, where: str, text: str | None = None) -> Document:
    """A Document from one annotation-file object (its text given, or taken from ``obj``).

    When no text is known the Document's text is empty and ``meta['text_sha256']``
    keeps the declared hash so the caller can attach the text later.
    """
    fields = JSONL_FIELDS if text is None and isinstance(obj, dict) and "text" in obj \
        else FILE_FIELDS
    problems = _check_header(obj, where, fields)
    if problems or not isinstance(obj, dict):
        raise InputError(problems)
    annotations, problems = parse_annotations(obj["annotations"], where)
    if "text" in obj and not isinstance(obj["text"], str):
        problems.append(Problem(where, "text", "must be a string"))
    if problems:
        raise InputError(problems)
    body = text if text is not None else obj.get("text", "")
    return Document(doc_id=obj["doc_id"], text=body, dct=obj.get("dct"),
                    annotations=tuple(annotations),
                    meta={"text_sha256": obj["text_sha256"], "source_file": where},
                    nested=bool(obj.get("nested")))


def read_json(path: Path) -> object:
    """Any JSON file of the project (a run manifest, results, a baseline), with the same
    errors as the corpus readers: ``file:line: invalid JSON at column N: ...``."""
    if not path.is_file():
        raise InputError([Problem(str(path), None, "no such file or directory")])
    return parse_json(read_text(path), str(path))


def read_annotation_file(path: Path, text: str | None = None) -> Document:
    raw = path.read_bytes()
    doc = _decode_document(raw, str(path), text)
    if doc is not None:
        return doc
    return parse_annotation_object(parse_json(read_text(path), str(path)), str(path), text)


def dumps_document(doc: Document) -> str:
    """Annotation-file JSON: fixed key order, one annotation per line, UTF-8 unescaped."""
    head = {"doc_id": doc.doc_id, "text_sha256": doc.text_sha256, "dct": doc.dct}
    if doc.nested:
        head["nested"] = True
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in
                     head.items()]
    anns = [json.dumps(a.to_dict(), ensure_ascii=False) for a in doc.annotations]
    if anns:
        lines.append('  "annotations": [')
        lines += [f"    {a}," for a in anns[:-1]] + [f"    {anns[-1]}", "  ]"]
    else:
        lines.append('  "annotations": []')
    return "\n".join(lines + ["}"]) + "\n"


def write_annotation_file(doc: Document, path: Path) -> None:
    write_text(path, dumps_document(doc))


def document_jsonl_line(doc: Document) -> str:
    obj = {"doc_id": doc.doc_id, "text_sha256": doc.text_sha256, "dct": doc.dct,
           **({"nested": True} if doc.nested else {}),
           "text": doc.text, "annotations": [a.to_dict() for a in doc.annotations]}
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(docs: Iterable[Document], path: Path) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(document_jsonl_line(doc) + "\n")


CHUNK_BYTES = 2 << 20
"""Bytes of whole lines a JSONL file is read by (:func:`iter_chunks`): memory stays bounded."""


@dataclass
class JsonlChunk:
    """Whole lines of a JSONL file, ``first_line`` the number of the first."""

    path: Path
    first_line: int
    raw: bytes

    @cached_property
    def bounds(self) -> list[int]:
        """Where each line starts, and the end of the last: line ``k`` is
        ``raw[bounds[k]:bounds[k + 1]]``."""
        ends = [m.end() for m in re.finditer(b"\n", self.raw)]
        return [0] + ends + ([len(self.raw)] if not ends or ends[-1] < len(self.raw) else [])

    @property
    def lines(self) -> int:
        return len(self.bounds) - 1

    def document(self, k: int) -> Document:
        """The document of line ``k`` of the chunk, read as :func:`iter_jsonl` reads it."""
        return _jsonl_document(self.raw[self.bounds[k]:self.bounds[k + 1]], self.path,
                               self.first_line + k)

    def documents(self) -> Iterator[Document]:
        return (self.document(k) for k in range(self.lines))


def iter_chunks(path: Path, size: int | None = None) -> Iterator[JsonlChunk]:
    """The lines of a JSONL file, about ``size`` bytes of whole lines at a time (default
    :data:`CHUNK_BYTES`).

    An empty file is an error: a corpus has at least one document.
    """
    size = size or CHUNK_BYTES
    line, rest, empty = 1, b"", True
    with path.open("rb") as fh:
        while block := fh.read(size):
            empty = False
            data = rest + block if rest else block
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # a line longer than size: read on
                rest = data
                continue
            yield JsonlChunk(path, line, data[:cut])
            line += data.count(b"\n", 0, cut)
            rest = data[cut:]
    if rest:
        yield JsonlChunk(path, line, rest)
    if empty:
        raise InputError([Problem(str(path), None, "empty file: a corpus needs at least one "
                                                   "document")])


def _jsonl_document(raw: bytes, path: Path, lineno: int) -> Document:
    """The document of one JSONL line (``raw``, its newline included)."""
    where = f"{path}:{lineno}"
    doc = _decode_document(raw, where, jsonl=True)
    if doc is not None:
        return doc
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(where, None, f"not UTF-8 at byte {exc.start}")]) from None
    if not line.strip():
        raise InputError([Problem(where, None, "empty line")])
    obj = parse_json(line, str(path), lineno)
    if isinstance(obj, dict) and "text" not in obj:
        raise InputError([Problem(where, None, "missing field 'text'")])
    return parse_annotation_object(obj, where)


def iter_jsonl(path: Path) -> Iterator[Document]:
    """Documents of a JSONL file, streamed; each problem names ``file:line``."""
    for chunk in iter_chunks(path):
        yield from chunk.documents()


def _read_meta(path: Path) -> dict:
    obj = read_json(path)
    if not isinstance(obj, dict):
        raise InputError([Problem(str(path), None, "top level must be a JSON object")])
    problems = [Problem(str(path), None, f"unknown field {k!r}") for k in obj
                if k not in META_FIELDS]
    if not isinstance(obj.get("nested", False), bool):
        problems.append(Problem(str(path), "nested", f"must be true or false, got "
                                                     f"{obj['nested']!r}"))
    if problems:
        raise InputError(problems)
    return obj


def external_texts(root: Path) -> dict[str, Path]:
    """The documents of a corpus directory whose text lives elsewhere (a meta file's
    ``text``): stem -> the text's path."""
    out = {}
    for meta in sorted((root / "seeds").glob("*.meta.json")):
        obj = read_json(meta)
        if isinstance(obj, dict) and isinstance(obj.get("text"), str):
            out[meta.name[:-len(".meta.json")]] = meta.parent / obj["text"]
    return out


def missing_texts(root: Path) -> str | None:
    """Why a corpus directory cannot be read here (texts kept outside it are absent), or
    None."""
    absent = [path for path in external_texts(root).values() if not path.is_file()]
    if not absent:
        return None
    return (f"{len(absent)} text(s) of {root} not found (first: {absent[0]}); "
            f"{root / 'README.md'} says how to get them")


def read_corpus_dir(root: Path) -> Corpus:
    """A corpus directory: every ``seeds/*.txt``, and every document whose meta file
    names its text elsewhere (``text``), with its meta and gold files."""
    seeds, gold = root / "seeds", root / "gold"
    if not seeds.is_dir():
        raise InputError([Problem(str(root), None, "not a corpus: no seeds/ directory")])
    problems: list[Problem] = []
    docs: list[Document] = []
    stems = sorted({p.name[:-4] for p in seeds.glob("*.txt")} | set(external_texts(root)))
    if not stems:
        problems.append(Problem(str(seeds), None, "no *.txt documents"))
    for orphan in sorted(gold.glob("*.json")) if gold.is_dir() else []:
        if orphan.stem not in stems:
            problems.append(Problem(str(orphan), None, f"no text seeds/{orphan.stem}.txt"))
    for stem in stems:
        try:
            docs.append(_read_corpus_document(root, stem))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return Corpus(docs, name=str(root))


_STEM_RULE = ("must be the document id whose file name is {stem!r} (the file stem, with "
              "characters other than letters, digits, - _ . written %XX: bench.io.names)")


def _named(doc_id: object, stem: str) -> bool:
    return isinstance(doc_id, str) and file_stem(doc_id) == stem


def _read_corpus_document(root: Path, stem: str) -> Document:
    text_path = root / "seeds" / f"{stem}.txt"
    meta_path = root / "seeds" / f"{stem}.meta.json"
    gold_path = root / "gold" / f"{stem}.json"
    meta = _read_meta(meta_path) if meta_path.exists() else {}
    if not text_path.exists() and isinstance(meta.get("text"), str):
        text_path = meta_path.parent / meta["text"]
        if not text_path.is_file():
            raise InputError([Problem(str(meta_path), "text", f"{text_path} not found: the "
                                      f"text is not in the repository ({root / 'README.md'} "
                                      "says how to get it)")])
    text = read_text(text_path)
    problems = []
    if meta.get("text_sha256") not in (None, sha256_text(text)):
        problems.append(Problem(str(meta_path), "text_sha256",
                                f"does not match {text_path.name} ({sha256_text(text)})"
                                f"{hash_hint(text)}"))
    if meta.get("doc_id") is not None and not _named(meta["doc_id"], stem):
        problems.append(Problem(str(meta_path), "doc_id", _STEM_RULE.format(stem=stem)))
    if not gold_path.exists():
        problems.append(Problem(str(text_path), None, f"no gold file {gold_path}"))
    if problems:
        raise InputError(problems)
    doc = read_annotation_file(gold_path, text)
    if not _named(doc.doc_id, stem):
        problems.append(Problem(str(gold_path), "doc_id", _STEM_RULE.format(stem=stem)))
    if meta.get("dct") not in (None, doc.dct):
        problems.append(Problem(str(gold_path), "dct",
                                f"{doc.dct!r} disagrees with {meta_path.name} ({meta['dct']!r})"))
    if problems:
        raise InputError(problems)
    nested = doc.nested or bool(meta.pop("nested", False))
    return Document(doc.doc_id, text, doc.dct or meta.get("dct"), doc.annotations,
                    meta={**meta, "text_sha256": doc.meta["text_sha256"],
                          "source_file": str(gold_path)}, nested=nested)


def write_corpus_dir(docs: Iterable[Document], root: Path) -> None:
    """The native layout: ``seeds/<id>.txt`` (bytes as they are), meta and ``gold/<id>.json``.

    Not atomic by itself: :func:`bench.io.formats.write_corpus` writes through a temporary folder.
    """
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "gold").mkdir(exist_ok=True)
    for doc in docs:
        stem = file_stem(doc.doc_id)
        create(root / "seeds" / f"{stem}.txt", doc.text.encode("utf-8"), doc.doc_id)
        meta = {"doc_id": doc.doc_id, "dct": doc.dct, "text_sha256": doc.text_sha256,
                **({"nested": True} if doc.nested else {})}
        create(root / "seeds" / f"{stem}.meta.json",
               json.dumps(meta, ensure_ascii=False, indent=2) + "\n", doc.doc_id)
        create(root / "gold" / f"{stem}.json", dumps_document(doc), doc.doc_id)
