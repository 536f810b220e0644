"""Duckling's Arabic time examples (JSONL) as a corpus of one-expression documents.

Each line has ``text``, ``reference_time`` and ``expected_parsed``; the document is
the text, its date the reference time's date, and its one gold annotation the
whole text (without surrounding spaces) with the expected value in TIMEX3
(:func:`bench.timex.from_duckling`). Lines without an expected value are negative
examples: documents without annotations. Type: ``DURATION`` for durations, ``TIME``
for hour/minute/second grains, else ``DATE``; form by :func:`bench.timex.guess_form`.

Duckling's span is the whole example; the gold span follows ``gold/GUIDELINES.md``
instead (rules 6 and 8), so that a tagger that follows them is not counted wrong for
a convention: a leading governing preposition (في، عند، منذ، بحلول) and then a
"يوم" before a weekday or a day number are left out of the span ("يوم الجمعة 15
شباط" -> "الجمعة 15 شباط"); an approximator (حوالي، قرابة ...) stays in it. Value and
mod are Duckling's: it records no mod, so none is added (a tagger that gives "حوالي
الساعة 3" mod APPROX, as the guidelines ask, loses that value), and its conventions for
values (a bare weekday is the next one; a range is its start) are scored as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.io.native import read_text
from bench.model import Annotation, Corpus, Document, dct_problem
from bench.problems import InputError, Problem
from bench.timex import from_duckling, guess_form

_LEADING = re.compile(r"(?:(?:في|عند|منذ|بحلول)\s+)?(?:يوم\s+(?=ال|[0-9\u0660-\u0669]))?")


def read_duckling(path: Path) -> Corpus:
    docs, problems = [], []
    for lineno, line in enumerate(read_text(path).splitlines(), 1):
        where = f"{path}:{lineno}"
        try:
            doc = _example(json.loads(line), f"{path.stem}-{lineno:03d}")
        except json.JSONDecodeError as exc:
            problems.append(Problem(where, None, f"not a Duckling example: invalid JSON at "
                                                 f"column {exc.colno}: {exc.msg}"))
        except _NotAnExample as exc:
            problems.append(Problem(where, None, f"not a Duckling example: {exc}"))
        else:
            docs.append(doc)
    if problems:
        raise InputError(problems)
    return Corpus(docs, name=str(path))


class _NotAnExample(Exception):
    pass


def _example(row: object, doc_id: str) -> Document:
    """One example line as a document (:class:`_NotAnExample` says what is off)."""
    if not isinstance(row, dict):
        raise _NotAnExample("a line must be a JSON object")
    text, ref, parsed = row.get("text"), row.get("reference_time"), row.get("expected_parsed")
    if not isinstance(text, str):
        raise _NotAnExample(f"'text' must be a string, got {type(text).__name__}")
    if not isinstance(ref, str):
        raise _NotAnExample(f"'reference_time' must be an ISO time string, got {ref!r}")
    if (why := dct_problem(ref[:10])) is not None:
        raise _NotAnExample(f"'reference_time': {why}")
    if parsed is not None and not isinstance(parsed, dict):
        raise _NotAnExample(f"'expected_parsed' must be an object or null, got "
                            f"{type(parsed).__name__}")
    anns: tuple[Annotation, ...] = ()
    if parsed and parsed.get("type"):
        try:
            value, mod = from_duckling(parsed)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise _NotAnExample(f"'expected_parsed' {json.dumps(parsed, ensure_ascii=False)}"
                                f" is not a Duckling value ({type(exc).__name__}: {exc})"
                                ) from None
        grain = parsed.get("grain") or parsed.get("unit")
        label = "DURATION" if parsed["type"] == "duration" else \
            "TIME" if grain in ("hour", "minute", "second") else "DATE"
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        start += len(_LEADING.match(text, start).group(0))
        form = guess_form(text[start:end], label, value)
        anns = (Annotation("T1", start, end, label, text[start:end], value, mod, form),)
    return Document(doc_id, text, ref[:10], anns)
