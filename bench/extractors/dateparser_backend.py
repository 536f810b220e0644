"""``dateparser``: ``search_dates`` in Arabic, relative to the document date.

search_dates returns strings without offsets and fills missing fields from the
reference date ("مايو عام 2020" comes back as 2020-05-26). So:

* offsets are recovered left to right: each returned string is searched for from
  the end of the previous one, at a word boundary; a string not found is skipped;
* the value keeps only the granularity the text supports: the string is parsed
  again with other preferences (first/last day of month, first/last month, another
  time of day) and a field that moves was filled in, not read;
* ``form`` is relative when the value changes with the document date
  (:func:`bench.extractors.base.with_forms`).
"""

from __future__ import annotations

from datetime import date, datetime

from bench.arabic import is_word_char
from bench.extractors.base import missing_module, package_version, span, with_forms
from bench.model import Annotation, Document


def _find(text: str, needle: str, start: int) -> int:
    pos = text.find(needle, start)
    while pos >= 0:
        before = pos == 0 or not is_word_char(text[pos - 1]) or text[pos - 1] in "وفبلك"
        after = pos + len(needle) >= len(text) or not is_word_char(text[pos + len(needle)])
        if before and after:
            return pos
        pos = text.find(needle, pos + 1)
    return -1


class DateparserExtractor:
    name = "dateparser"
    labels = ("DATE", "TIME")
    max_chars = 8000  # search_dates keeps a bounded input
    label_map = {"date": "DATE", "datetime": "TIME"}

    @property
    def version(self) -> str:
        return package_version("dateparser")

    def available(self) -> tuple[bool, str]:
        return missing_module("dateparser", "dateparser")

    def extract(self, document: Document) -> list[Annotation]:
        return with_forms(document, lambda dct: self._tag(document, dct))

    def _tag(self, document: Document, dct: str) -> list[Annotation]:
        from dateparser.search import search_dates

        base = datetime.combine(date.fromisoformat(dct), datetime.min.time())
        found = search_dates(document.text, languages=["ar"],
                             settings={"RELATIVE_BASE": base}) or []
        out, cursor = [], 0
        for string, _ in found:
            pos = _find(document.text, string, cursor)
            if pos < 0:
                continue
            cursor = pos + len(string)
            value = self._value(string, base)
            if value is None:
                continue
            label = "TIME" if "T" in value else "DATE"
            out.append(span(document, pos, pos + len(string), label, value=value))
        return out

    @staticmethod
    def _value(string: str, base: datetime) -> str | None:
        import dateparser

        def parse(**settings) -> datetime | None:
            return dateparser.parse(string, languages=["ar"],
                                    settings={"RELATIVE_BASE": base, **settings})

        first = parse(PREFER_DAY_OF_MONTH="first", PREFER_MONTH_OF_YEAR="first")
        if first is None:
            return None
        last = parse(PREFER_DAY_OF_MONTH="last", PREFER_MONTH_OF_YEAR="last")
        later = dateparser.parse(string, languages=["ar"], settings={
            "RELATIVE_BASE": base.replace(hour=13, minute=37),
            "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first"})
        value = f"{first.year:04d}"
        if last is None or last.month == first.month:
            value += f"-{first.month:02d}"
            if last is None or last.day == first.day:
                value += f"-{first.day:02d}"
                if later is not None and (later.hour, later.minute) == (first.hour, first.minute) \
                        and (first.hour, first.minute) != (0, 0):
                    value += f"T{first.hour:02d}:{first.minute:02d}"
        return value
