"""Operators that compose expressions the rules found into one (see DESIGN.md).

The rules of :mod:`.grammar` find units of meaning: days, weekdays, clock times, parts
of days, periods, durations, offsets ("بعد يومين"). Here adjacent ones joined by the
words that join them in Arabic become one expression, and the meaning is recomputed
from the parts' meanings (``Timex.info``), never looked up:

* **at**: a clock time and a day or part of a day, in either order ("غدا الساعة
  التاسعة", "الساعة الثامنة من مساء الخميس"): the day's date, and the part of the
  day fixes AM/PM when the time did not say it;
* **offset**: a duration before or after an anchor day ("بعد يومين من عيد الفطر",
  "قبل عيد الأضحى بثلاثة أيام"): the anchor moved by the duration;
* **range**: "من X إلى/حتى/لغاية Y", "بين X و Y": one expression whose value is its
  start (the project's convention for ranges), X completed by Y (a clock time takes
  Y's part of the day: "من الثالثة إلى الرابعة مساء" starts at 15:00);
* **gloss**: a month and the full date of one of its days in brackets ("تشرين الثاني
  (27/11/1946)"): that day;
* **part of**: "الساعات الأولى من صباح اليوم", "اللحظات الأخيرة من العام": the period,
  mod ``START`` or ``END``;
* **approximately**: حوالي، نحو، قرابة، زهاء، بحدود before an expression join it with
  mod ``APPROX`` (GUIDELINES 8); أكثر من / أقل من with ``MORE_THAN`` / ``LESS_THAN``.

An operator applies until nothing changes, so they combine: a range of two composed
clock times, an offset from a composed day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bench.extractors.rules_time.clock import hour_in_day
from bench.extractors.rules_time.lexicon import POD_CLOCK_PART
from bench.extractors.rules_time.patterns import alt, w
from bench.extractors.rules_time.rule import Timex
from bench.extractors.rules_time.values import iso, period_value
from bench.extractors.rules_time.weekdays import resolve_weekday

Found = tuple[int, int, Timex, str]

_AT_AFTER = re.compile(rf"\s*(?:[،,]\s*)?(?:(?:{alt(['من', 'في', 'عند'])})\s+)?"
                       rf"(?:{w('يوم')}\s+)?$")
_AT_BEFORE = re.compile(rf"\s*(?:[،,]\s*)?(?:(?:{alt(['في', 'عند', 'على'])})\s+)?$")
_OFFSET_FROM = re.compile(rf"\s+{alt(['من', 'على'])}\s+$")
_WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # a word's start, after و or ف too
_BEFORE_AFTER = re.compile(rf"{_WORD_START}(?P<dir>{alt(['قبل', 'بعد'])})\s+$")
_BY = re.compile(r"\s+ب$")
_RANGE_JOIN = re.compile(rf"\s*(?:[-–]|{alt(['إلى', 'الى', 'حتى', 'لغاية', 'ولغاية', 'وحتى'])})"
                         rf"\s*$")
_AND = re.compile(r"\s+و\s*$")
_FROM = re.compile(rf"{_WORD_START}(?P<word>{alt(['من', 'بين'])})\s+$")
_APPROXIMATELY = ["حوالي", "حوالى", "نحو", "قرابة", "زهاء", "بحدود"]
_MORE = ["أكثر من", "أزيد من", "ما يزيد على", "ما يزيد عن"]
_APPROX = re.compile(rf"{_WORD_START}(?:(?P<word>{alt(_APPROXIMATELY)})|(?P<more>{alt(_MORE)})"
                     rf"|(?P<less>{alt(['أقل من', 'ما يقل عن'])}))\s+$")
_PARTS = ["الساعات", "اللحظات", "الدقائق", "الأيام", "الأسابيع"]
_PART_OF = re.compile(rf"{_WORD_START}(?:{alt(_PARTS)})\s+"
                      rf"(?P<which>{alt(['الأولى', 'الأخيرة'])})\s+{w('من')}\s+$")
_OPEN = re.compile(r"\s*\(\s*$")
_CLOSE = re.compile(r"\s*\)")
_UNIT_DAYS = {"D": 1, "W": 7}


def compose(text: str, found: list[Found]) -> list[Found]:
    """``found`` (in text order) with every operator applied until none applies: left to
    right, each operator tried on expression ``i`` and the next; after a merge the
    result is tried again with the one before it."""
    i = 0
    while i < len(found):
        for op in (_at, _offset, _range, _gloss, _part_of, _approx):
            merged = op(text, found, i)
            if merged is not None:
                found, i = merged, max(0, i - 1)
                break
        else:
            i += 1
    return found


def _info(t: Timex) -> dict:
    return t.info or {}


def _is_day(t: Timex) -> bool:
    return t.type == "DATE" and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or ""))


def _joined(found: list[Found], i: int, start: int, end: int, timex: Timex) -> list[Found]:
    forms = {found[i][3], found[i + 1][3]}
    form = "relative" if "relative" in forms else "absolute"
    return found[:i] + [(start, end, timex, form)] + found[i + 2:]


def _clock_on(clock: Timex, day: Timex) -> Timex | None:
    """A clock time put on a day (a date, or a part of a day that also reads the hour)."""
    info = _info(clock)
    if clock.value is None or day.value is None:
        return None
    date_part = day.value[:10]
    hour = int(clock.value[11:13])
    pod = _info(day).get("part") if _info(day).get("kind") == "pod" else None
    part = POD_CLOCK_PART[pod] if pod else None
    if part and info.get("part") is None and not info.get("digital"):
        hour = hour_in_day(int(info.get("said", hour)), part)
    return Timex("TIME", f"{date_part}T{hour:02d}:{info.get('minutes', clock.value[14:16])}",
                 info={**info, "part": info.get("part") or part})


def _pair(text: str, found: list[Found], i: int):
    """Expression ``i``, the next one, and the text between them (None at the end)."""
    if i + 1 >= len(found):
        return None
    (s1, e1, a, _), (s2, e2, b, _) = found[i], found[i + 1]
    return s1, e1, a, s2, e2, b, text[e1:s2]


def _at(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    if _info(a).get("kind") == "clock" and (_is_day(b) or _info(b).get("kind") == "pod") \
            and _AT_AFTER.match(gap):
        timex = _clock_on(a, b)
    elif _info(b).get("kind") == "clock" and (_is_day(a) or _info(a).get("kind") == "pod") \
            and _AT_BEFORE.match(gap):
        timex = _clock_on(b, a)
    else:
        return None
    return _joined(found, i, s1, e2, timex) if timex is not None else None


def _moved(anchor: Timex, sign: int, amount: int, unit: str) -> Timex | None:
    """An anchor day moved by ``amount`` units (days, weeks: a day; months, years: the
    month or year)."""
    day = date.fromisoformat(anchor.value)
    if unit in _UNIT_DAYS:
        return Timex("DATE", iso(day + timedelta(days=sign * amount * _UNIT_DAYS[unit])),
                     info={"kind": "day"})
    if unit in ("M", "Y"):
        return Timex("DATE", period_value(unit, day, sign * amount))
    return None


def _amount(t: Timex) -> tuple[int, str] | None:
    info = _info(t)
    if info.get("kind") == "duration" and str(info.get("amount", "")).isdigit():
        return int(info["amount"]), info["unit"]
    return None


def _offset(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    # بعد يومين من عيد الفطر: an offset from the DCT, anchored instead
    if _info(a).get("kind") == "ago" and _is_day(b) and _OFFSET_FROM.match(gap):
        info = _info(a)
        timex = _moved(b, info["sign"], info["amount"], info["unit"])
        return _joined(found, i, s1, e2, timex) if timex is not None else None
    # قبل عيد الأضحى بثلاثة أيام
    before = _BEFORE_AFTER.search(text, max(0, s1 - 6), s1)
    amount = _amount(b)
    if before and _is_day(a) and amount and _BY.match(gap):
        sign = -1 if before.group("dir").startswith("ق") else 1
        timex = _moved(a, sign, *amount)
        return _joined(found, i, before.start(), e2, timex) if timex is not None else None
    return None


def _range(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    if a.type not in ("DATE", "TIME") or b.type not in ("DATE", "TIME") or \
            a.value is None or b.value is None:
        return None
    opener = _FROM.search(text, max(0, s1 - 5), s1)
    if opener is None or not (_RANGE_JOIN if opener.group("word").startswith("م")
                              else _AND).match(gap):
        return None
    start = a
    if _info(a).get("kind") == "weekday" and _info(b).get("kind") == "weekday" and \
            not _info(a)["rel"] and _info(b)["rel"]:  # بين الأحد والثلاثاء المقبلين
        day = resolve_weekday(_info(a)["dct"], _info(a)["wd"], _info(b)["rel"])
        start = Timex("DATE", iso(day), info=_info(a))
    if _info(a).get("kind") == "clock" and _info(b).get("kind") == "clock" and \
            _info(a).get("part") is None and _info(b).get("part") and \
            not _info(a).get("digital"):
        hour = hour_in_day(int(_info(a)["said"]), _info(b)["part"])
        start = Timex("TIME", f"{a.value[:11]}{hour:02d}:{_info(a)['minutes']}",
                      info={**_info(a), "part": _info(b)["part"]})
    return _joined(found, i, opener.start(), e2,
                   Timex(start.type, start.value, start.mod, start.calendar, {"kind": "range"}))


def _approx(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, t, form = found[i]
    word = _APPROX.search(text, max(0, s1 - 14), s1)
    if word is None or t.mod is not None or \
            (i and found[i - 1][1] > word.start()):
        return None
    mod = "MORE_THAN" if word.group("more") else "LESS_THAN" if word.group("less") else "APPROX"
    return found[:i] + [(word.start(), e1, Timex(t.type, t.value, mod, t.calendar, t.info),
                         form)] + found[i + 1:]


def _part_of(text: str, found: list[Found], i: int) -> list[Found] | None:
    s1, e1, t, form = found[i]
    part = _PART_OF.search(text, max(0, s1 - 25), s1)
    if part is None or t.mod is not None or t.type not in ("DATE", "TIME") \
            or (i and found[i - 1][1] > part.start()):
        return None
    mod = "START" if part.group("which").endswith("ى") else "END"
    return found[:i] + [(part.start(), e1, Timex(t.type, t.value, mod, t.calendar, t.info),
                         form)] + found[i + 1:]


def _gloss(text: str, found: list[Found], i: int) -> list[Found] | None:
    pair = _pair(text, found, i)
    if pair is None:
        return None
    s1, _, a, _, e2, b, gap = pair
    closing = _CLOSE.match(text, e2)
    month = a.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}", a.value or "")
    if not (month and _is_day(b) and b.value[5:7] == a.value[5:7] and _OPEN.match(gap)
            and closing):
        return None
    return _joined(found, i, s1, closing.end(), b)
