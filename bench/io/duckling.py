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

from bench.model import Annotation, Corpus, Document
from bench.problems import InputError, Problem
from bench.timex import from_duckling, guess_form

_LEADING = re.compile(r"(?:(?:في|عند|منذ|بحلول)\s+)?(?:يوم\s+(?=ال|[0-9\u0660-\u0669]))?")


def read_duckling(path: Path) -> Corpus:
    docs, problems = [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{lineno}"
        try:
            row = json.loads(line)
            text, ref = row["text"], row["reference_time"][:10]
            parsed = row.get("expected_parsed") or {}
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            problems.append(Problem(where, None, f"not a Duckling example: {exc}"))
            continue
        anns: tuple[Annotation, ...] = ()
        if parsed.get("type"):
            value, mod = from_duckling(parsed)
            grain = parsed.get("grain") or parsed.get("unit")
            label = "DURATION" if parsed["type"] == "duration" else \
                "TIME" if grain in ("hour", "minute", "second") else "DATE"
            start = len(text) - len(text.lstrip())
            end = len(text.rstrip())
            start += len(_LEADING.match(text, start).group(0))
            form = guess_form(text[start:end], label, value)
            anns = (Annotation("T1", start, end, label, text[start:end], value, mod, form),)
        docs.append(Document(f"{path.stem}-{lineno:03d}", text, ref, anns))
    if problems:
        raise InputError(problems)
    return Corpus(docs, name=str(path))
