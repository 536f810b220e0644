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
شباط" -> "الجمعة 15 شباط"); an approximator (حوالي، قرابة ...) stays in it.

Values too: where Duckling and the guidelines differ by convention rather than by error,
:func:`to_guidelines` converts Duckling's value to the guidelines' (rules 7 and 8), so
that a tagger is not charged for a convention (docs/formats.md lists them). Duckling's
other conventions that the guidelines share (a bare weekday is the next one; a range is
its start) are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.io.native import read_text
from bench.model import Annotation, Corpus, Document, dct_problem
from bench.problems import InputError, Problem
from bench.timex import from_duckling, guess_form

_APPROX = re.compile(r"^(?:حوالي|حوالى|نحو|قرابة|زهاء|بحدود|تقريبا)\s")
_MOD_WORDS = {"START": r"بداي[ةه]|مطلع|أوائل|اوائل|مستهل|أول|اول",
              "MID": r"منتصف|أواسط|اواسط|نص|نصف",
              "END": r"نهاي[ةه]|أواخر|اواخر|آخر|اخر"}
_MOD = re.compile(rf"^(?:\S+\s+)?(?:(?P<START>{_MOD_WORDS['START']})|(?P<MID>{_MOD_WORDS['MID']})"
                  rf"|(?P<END>{_MOD_WORDS['END']}))\s")
# the start of a week or the first Tuesday of a month is a day, not a period's part
_DAY_WORDS = re.compile(r"[أا]سبوع|يوم|[اإأ]ثنين|ثلاثا|[أا]ربعا|خميس|جمع[ةه]|سبت|[أا]حد")
_ZONE = re.compile(r"GMT|UTC|غرينتش|غرينيتش|جرينتش", re.IGNORECASE)


def to_guidelines(text: str, parsed: dict, reference_time: str,
                  value: str, mod: str | None, label: str) -> tuple[str, str | None, str, str]:
    """(value, mod, label, what was converted or "") of a Duckling example under the
    guidelines' conventions instead of Duckling's:

    * **zone**: a time said in another zone ("الساعة 8 بتوقيت GMT"): Duckling gives it in
      the reference time's zone (06:00 at -02:00), the guidelines keep the clock time
      said (08:00);
    * **period mod**: "بداية شهر 3": Duckling gives the month's first day (its middle
      days for منتصف), the guidelines the month with mod START (MID, END; rule 8);
    * **now**: Duckling's "now" is the reference time to the second (a TIME), the
      guidelines' the DATE ``PRESENT_REF`` (rule 7);
    * **approximately**: حوالي، قرابة ... take mod APPROX (rule 8); Duckling records none.
    """
    text = text.strip()
    if parsed.get("type") == "value" and _ZONE.search(text) and \
            re.search(r"[+-]\d\d:\d\d$", parsed.get("value", "")):
        local = datetime.fromisoformat(parsed["value"]).astimezone(UTC)
        said, _ = from_duckling({**parsed, "value": local.replace(tzinfo=None).isoformat()})
        if said != value:
            return said, mod, label, "zone"
    word = _MOD.match(text)
    if word and mod is None and not _DAY_WORDS.search(text) and \
            re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        said = word.lastgroup
        if said == "START" and value.endswith("-01") or \
                said == "MID" and 10 <= int(value[8:]) <= 20:
            return value[:7], said, label, "period mod"
    if parsed.get("grain") == "second" and parsed.get("value") == reference_time:
        return "PRESENT_REF", mod, "DATE", "now"
    if _APPROX.match(text) and mod is None:
        return value, "APPROX", label, "approximately"
    return value, mod, label, ""


def conventions_changed(path: Path) -> Counter:
    """How many gold values of a Duckling file :func:`to_guidelines` changed, by kind."""
    read_duckling(path)  # a malformed file is reported here, line by line
    changed: Counter = Counter()
    for line in read_text(path).splitlines():
        row = json.loads(line)
        parsed = row.get("expected_parsed")
        if parsed and parsed.get("type"):
            value, mod = from_duckling(parsed)
            *_, what = to_guidelines(row["text"], parsed, row["reference_time"], value, mod,
                                     _label(parsed))
            changed[what or "unchanged"] += 1
    return changed


def _label(parsed: dict) -> str:
    """Duckling's dimension and grain as a TIMEX3 type."""
    grain = parsed.get("grain") or parsed.get("unit")
    return "DURATION" if parsed["type"] == "duration" else \
        "TIME" if grain in ("hour", "minute", "second") else "DATE"


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
        value, mod, label, _ = to_guidelines(text, parsed, ref, value, mod, _label(parsed))
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        start += len(_LEADING.match(text, start).group(0))
        form = guess_form(text[start:end], label, value)
        anns = (Annotation("T1", start, end, label, text[start:end], value, mod, form),)
    return Document(doc_id, text, ref[:10], anns)
