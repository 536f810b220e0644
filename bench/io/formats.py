"""Every corpus format, its reader and its writer, in one table.

``FMT:PATH`` on the command line names a format of :data:`FORMATS`; a bare path is
the native corpus layout (a directory with ``seeds/``) or a ``.jsonl`` file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.io.atomic import atomic_path
from bench.model import Corpus, Document
from bench.problems import InputError, Problem

CAPABILITIES: dict[str, str] = {
    "ids": "document ids, exactly",
    "long-ids": "ids too long for a file name (kept elsewhere than in the file name)",
    "order": "the order of the documents",
    "dct": "the document date",
    "text-exact": "the text, character for character (else: its tokens, single-spaced, "
                  "bidi marks removed, one line a sentence, blank lines dropped)",
    "any-token": "every token (CoNLL: a -DOCSTART- token would start a document)",
    "empty-documents": "a document without a token",
    "entities": "entity annotations (PERSON ORG LOC NORP)",
    "temporal": "temporal annotations (DATE TIME DURATION SET)",
    "values": "TIMEX3 attributes: value, mod, form, calendar, optional",
    "annotation-ids": "annotation ids",
    "char-spans": "span offsets to the character (else: widened to whole tokens)",
    "multiline-spans": "a span holding a line break or tab",
    "nesting": "spans inside others and two labels on one extent",
    "nested-flag": "a document declared nested whose spans do not nest",
    "control-chars": "control characters besides tab, line feed and carriage return",
}
"""What a format can hold: the vocabulary of :attr:`Format.holds`. A writer writes what
its reader gives back, projected on what the format holds; what it cannot hold at all
it refuses with the reason, or leaves out with a warning (TimeML: entities)."""

_EVERYTHING = frozenset(CAPABILITIES)
_TOKENS = frozenset({"order", "entities", "temporal", "nesting"})


@dataclass(frozen=True)
class Format:
    name: str
    read: Callable[[Path, list[Problem]], Iterator[Document]]
    write: Callable[[Iterable[Document], Path, list[Problem]], None] | None
    help: str
    options: tuple[str, ...] = ()
    """Reading options this format takes besides (path, notes): ``nesting`` (CoNLL)."""
    holds: frozenset[str] = frozenset()
    """What a written corpus keeps, names of :data:`CAPABILITIES` (writable formats)."""


def _read_native(path: Path, notes: list[Problem]) -> Iterator[Document]:
    from bench.io import native  # imported when used, as every reader: start-up stays light

    if path.is_file() and path.suffix == ".jsonl":
        yield from native.iter_jsonl(path)
    elif path.is_dir() and (path / "seeds").is_dir():
        yield from native.read_corpus_dir(path)
    else:
        raise InputError([Problem(str(path), None, "not a corpus directory (with seeds/) or "
                                                   f"a .jsonl file{_format_hint(path)}")])


_TAGGED_LINE = re.compile(r"\S+(?:[ \t]+(?:O|[BIESLU]-\S+))+")


def _format_hint(path: Path) -> str:
    """``: a CoNLL file? give it as conll:PATH`` for a file that looks like one of the
    formats a bare path does not name."""
    guess = {".tml": "timeml", ".ann": "brat", ".txt": "brat", ".conll": "conll",
             ".iob": "conll", ".bio": "conll", ".bioes": "conll-bioes"}.get(path.suffix)
    if path.is_file():
        with path.open("rb") as fh:
            head = [line.decode("utf-8", "replace").strip() for line in fh.readlines(4096)]
        if any(_TAGGED_LINE.fullmatch(line) for line in head if line):
            guess = "conll"
    return f" (a {guess} file? give it as {guess}:{path})" if guess else ""


def _write_native(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    from bench.io import native

    if out.suffix == ".jsonl":
        native.write_jsonl(docs, out)
        return
    native.write_corpus_dir(docs, out)


def write_corpus(docs: Iterable[Document], fmt: str, out: Path, notes: list[Problem]) -> None:
    """Write ``docs`` as format ``fmt`` to ``out``, atomically: a reader's error part-way
    through leaves the previous ``out`` (or none), never a partial one."""
    if fmt not in FORMATS:
        raise InputError.one(fmt, f"unknown format (known: {', '.join(FORMATS)})")
    writer = FORMATS[fmt].write
    if writer is None:
        raise InputError.one(fmt, "can be read, not written (writable: "
                                  f"{', '.join(n for n, f in FORMATS.items() if f.write)})")
    with atomic_path(out) as tmp:
        writer(docs, tmp, notes)


def _read_jsonl(path: Path, notes: list[Problem]) -> Iterator[Document]:
    from bench.io.native import iter_jsonl
    return iter_jsonl(path)


def _write_jsonl(docs: Iterable[Document], out: Path, notes: list[Problem]) -> None:
    from bench.io.native import write_jsonl
    write_jsonl(docs, out)


def _conll_reader(scheme: str):
    def read(path, notes, nesting: str | None = None):
        from bench.io.conll import iter_conll
        return iter_conll(path, scheme, nesting, notes=notes)
    return read


def _conll_writer(scheme: str):
    def write(docs, out: Path, notes) -> None:
        from bench.io.conll import dumps_conll
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write("-DOCSTART- O\n\n" + dumps_conll(doc, scheme, notes,
                                                         whole=True) + "\n")
    return write


def _read_brat(path, notes):
    from bench.io.brat import iter_brat
    return iter_brat(path, notes)


def _write_brat(docs, out, notes) -> None:
    from bench.io.brat import write_brat
    write_brat(docs, out)


def _read_timeml(path: Path, notes):
    from bench.io.timeml import read_timeml
    files = sorted(path.glob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise InputError([Problem(str(path), None, "no *.tml files")])
    return (read_timeml(f) for f in files)


def _write_timeml(docs, out: Path, notes) -> None:
    from bench.io.timeml import write_timeml
    write_timeml(docs, out, notes)


def _read_hf(path, notes):
    from bench.io.hf import read_hf
    corpus = read_hf(path)
    notes += corpus.notes
    return iter(corpus.documents)


def _write_hf(docs, out, notes) -> None:
    from bench.io.hf import write_hf
    write_hf(Corpus(list(docs)), out)


def _read_shards(path, notes):
    from bench.io.shards import read_shards
    return read_shards(path, notes)


def _write_shards(docs, out, notes) -> None:
    from bench.io.shards import write_shards
    write_shards(docs, out, notes)


def _tool(module: str, reader: str, writer: str):
    """The reader and writer of an annotation tool's format, imported when used."""
    def read(path, notes):
        from importlib import import_module
        return getattr(import_module(f"bench.io.{module}"), reader)(path, notes)

    def write(docs, out, notes) -> None:
        from importlib import import_module
        getattr(import_module(f"bench.io.{module}"), writer)(docs, out, notes)
    return read, write


_TOOLS = _EVERYTHING - {"values", "nested-flag", "annotation-ids"}
"""What the JSON tools' formats hold (Doccano, Prodigy, spaCy; Label Studio keeps
annotation ids too)."""


def _read_duckling(path, notes):
    from bench.io.duckling import read_duckling
    return iter(read_duckling(path).documents)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("native", _read_native, _write_native,
           "a corpus directory (seeds/ + gold/) or a .jsonl file of annotation objects",
           holds=_EVERYTHING - {"order"}),
    Format("jsonl", _read_jsonl, _write_jsonl, "one document per line",
           holds=_EVERYTHING),
    Format("conll", _conll_reader("iob2"), _conll_writer("iob2"),
           "token TAG [TAG ...] lines, IOB2 (B- starts every entity)",
           ("nesting",), _TOKENS),
    Format("conll-iob1", _conll_reader("iob1"), _conll_writer("iob1"),
           "the same, IOB1 (B- only between adjacent entities of a type)",
           ("nesting",), _TOKENS),
    Format("conll-bioes", _conll_reader("bioes"), _conll_writer("bioes"),
           "the same, BIOES (S- single tokens, E- last tokens)",
           ("nesting",), _TOKENS),
    Format("brat", _read_brat, _write_brat, "a directory of .txt + .ann",
           holds=_EVERYTHING - {"order", "annotation-ids", "multiline-spans", "nested-flag"}),
    Format("timeml", _read_timeml, _write_timeml, "inline TIMEX3 (.tml files)",
           holds=_EVERYTHING - {"order", "long-ids", "entities", "nesting", "nested-flag",
                               "control-chars"}),
    Format("hf", _read_hf, _write_hf, "a Hugging Face dataset saved with save_to_disk",
           holds=_EVERYTHING),
    Format("duckling", _read_duckling, None, "Duckling's time examples (JSONL)"),
    Format("shards", _read_shards, _write_shards,
           "a directory of *.jsonl / *.parquet document shards, read one at a time",
           holds=_EVERYTHING),
    Format("inception", *_tool("inception", "read_inception", "write_inception"),
           "INCEpTION/WebAnno TSV 3.x: a .tsv file or a directory of them, one document each",
           holds=frozenset({"ids", "text-exact", "any-token", "entities", "temporal",
                            "char-spans", "multiline-spans", "nesting"})),
    Format("labelstudio", *_tool("labelstudio", "read_labelstudio", "write_labelstudio"),
           "a Label Studio JSON export (NER labels results)",
           holds=_TOOLS | {"annotation-ids"}),
    Format("doccano", *_tool("doccano", "read_doccano", "write_doccano"),
           "Doccano JSONL: text + label [[start, end, label], ...] or entities",
           holds=_TOOLS),
    Format("prodigy", *_tool("prodigy", "read_prodigy", "write_prodigy"),
           "Prodigy/spaCy JSONL: text + spans [{start, end, label}, ...]", holds=_TOOLS),
    Format("spacy", *_tool("spacy_docbin", "read_spacy", "write_spacy"),
           "spaCy DocBin .spacy files (needs spaCy)", holds=_TOOLS),
)}


def split_spec(spec: str | Path, default: str = "native") -> tuple[str, Path]:
    """``("conll", Path(...))`` for ``conll:...``; ``(default, path)`` for a bare path.

    A prefix that looks like a format name but is none (``conl:x``) is an error naming
    the known formats, unless the whole spec is an existing path.
    """
    text = str(spec)
    name, sep, rest = text.partition(":")
    if sep and name in FORMATS:
        return name, Path(rest)
    if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]+", name) and not Path(text).exists():
        raise InputError.one(text, f"unknown format {name!r} (known: {', '.join(FORMATS)})")
    return default, Path(text)
