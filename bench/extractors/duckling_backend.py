"""``duckling``: Facebook's Duckling (compiled into ``pyduckling-native-phihos``), offline.

Conversions, all deterministic and documented here:

* ``body`` may come back as UTF-8 read as Latin-1; it is repaired, and the span is
  taken from the offsets Duckling returns (code points into the text);
* a leading governing preposition "في " is left out of the span, as in the gold;
* overlapping results ("نهاية العام" / "العام الحالي") keep the longest, then the
  earliest; Duckling's own resolution (bare weekdays resolve forward) is kept;
* values and grains become TIMEX3 (:func:`bench.timex.from_duckling`): ``time``
  results are DATE, or TIME at hour/minute/second grain; ``duration`` is DURATION;
* ``form`` is relative when the value changes with the document date.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bench.extractors.base import missing_module, package_version, span, with_forms
from bench.model import Annotation, Document
from bench.timex import from_duckling

ZONEINFO = "/usr/share/zoneinfo"
PREPOSITION = "في "


def _flat(value: dict) -> dict:
    """Duckling's native interval ``{"from": {"value", "grain"}, "to": {...}}`` in the flat
    shape of its corpus files (``from``/``to`` timestamps, one ``grain``)."""
    if value.get("type") != "interval":
        return value
    ends = {k: value[k] for k in ("from", "to") if isinstance(value.get(k), dict)}
    grain = next((e.get("grain") for e in ends.values() if e.get("grain")), "day")
    return {"type": "interval", "grain": grain, **{k: e.get("value") for k, e in ends.items()}}


class DucklingExtractor:
    name = "duckling"
    labels = ("DATE", "TIME", "DURATION")
    max_chars = 4000  # Duckling slows down faster than its input grows past ~8k characters
    label_map = {"time": "DATE", "time@hour": "TIME", "duration": "DURATION"}

    def __init__(self) -> None:
        self._zones = None

    @property
    def version(self) -> str:
        return package_version("pyduckling-native-phihos")

    def available(self) -> tuple[bool, str]:
        ok, reason = missing_module("duckling", "duckling")
        if ok:
            from pathlib import Path
            if not Path(ZONEINFO).is_dir():
                return False, f"time zone data {ZONEINFO} missing: apt-get install tzdata"
        return ok, reason

    def prepare(self) -> None:
        from duckling import load_time_zones

        self._zones = load_time_zones(ZONEINFO)

    def extract(self, document: Document) -> list[Annotation]:
        if self._zones is None:
            self.prepare()
        return with_forms(document, lambda dct: self._tag(document, dct))

    def _tag(self, document: Document, dct: str) -> list[Annotation]:
        from duckling import (
            Context,
            default_locale_lang,
            parse,
            parse_dimensions,
            parse_lang,
            parse_ref_time,
        )

        noon = datetime.fromisoformat(dct).replace(hour=12, tzinfo=UTC)
        context = Context(parse_ref_time(self._zones, "UTC", int(noon.timestamp())),
                          default_locale_lang(parse_lang("AR")))
        results = parse(document.text, context, parse_dimensions(["time", "duration"]), False)
        candidates = []
        for r in results:
            start, end = r["start"], r["end"]
            if document.text[start:end].startswith(PREPOSITION):
                start += len(PREPOSITION)
            value = r.get("value") or {}
            if r["dim"] == "duration":
                label = "DURATION"
                timex, mod = from_duckling({"type": "duration", "value": value.get("value"),
                                            "unit": value.get("unit")})
            else:
                timex, mod = from_duckling(_flat(value))
                grain = _flat(value).get("grain")
                label = "TIME" if grain in ("hour", "minute", "second") else "DATE"
            candidates.append((start, end, label, timex, mod))
        kept: list[tuple] = []
        for c in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
            if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
                kept.append(c)
        return [span(document, s, e, label, value=v, mod=m)
                for s, e, label, v, m in sorted(kept)]
