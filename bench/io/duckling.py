"""Duckling's Arabic time examples (JSONL) as a corpus of one-expression documents.

Each line has ``text``, ``reference_time`` and ``expected_parsed``; the document is
the text, its date the reference time's date, and its one gold annotation the
whole text (without surrounding spaces) with the expected value in TIMEX3
(:func:`bench.timex.from_duckling`). Lines without an expected value are negative
examples: documents without annotations. Type: ``DURATION`` for durations, ``TIME``
for hour/minute/second grains, else ``DATE``; form by :func:`bench.timex.guess_form`.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.model import Annotation, Corpus, Document
from bench.problems import InputError, Problem
from bench.timex import from_duckling, guess_form


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
            form = guess_form(text[start:end], label, value)
            anns = (Annotation("T1", start, end, label, text[start:end], value, mod, form),)
        docs.append(Document(f"{path.stem}-{lineno:03d}", text, ref, anns))
    if problems:
        raise InputError(problems)
    return Corpus(docs, name=str(path))
