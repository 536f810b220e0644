"""TIMEX3 value syntax (TimeML 1.2.1 / ISO-TimeML), checked per TIMEX3 type."""

from __future__ import annotations

import re
from functools import lru_cache

_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|\dXXX|XXXX)"
_N2 = r"(?:\d{2}|XX)"
_DATE = (
    rf"{_YEAR}(?:-{_N2}(?:-{_N2})?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI)"
    rf"|-W(?:\d{{2}}|XX)(?:-(?:[1-7X]|WE))?)?|\d{{3}}|\d{{2}}|\d"  # decades 199, centuries 19
)
_TIME_OF_DAY = r"(?:\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?=[\dXT])(?:{_NUM}(?:Y|M|W|D|DE|CE|ML|Q|H))*(?:T(?:{_NUM}(?:H|M|S))+)?"

_PATTERNS = {
    "DATE": re.compile(rf"(?:{_REF}|{_DATE})"),
    "TIME": re.compile(rf"(?:{_REF}|(?:{_DATE})?T{_TIME_OF_DAY})"),
    "DURATION": re.compile(_DURATION),
    "SET": re.compile(rf"(?:{_DURATION}|{_DATE}|(?:{_DATE})?T{_TIME_OF_DAY})"),
}


_CALENDAR_DATE = re.compile(r"(\d{4}|XXXX)-(\d{2}|XX)(?:-(\d{2}|XX))?")
_WEEK = re.compile(r"\d{4}-W(\d{2})")
_CLOCK = re.compile(r"T(\d{2})(?::(\d{2})(?::(\d{2}))?)?")


@lru_cache(maxsize=1 << 16)  # corpora repeat their values: check each once
def value_problem(label: str, value: str) -> str | None:
    """Why ``value`` is not a TIMEX3 value for the TIMEX3 type ``label``, or None.

    Checks the syntax by type, then the calendar: month 1-12, a day that exists in
    its month (29 February only in leap years; any year when the year is unknown),
    ISO week 1-53, hour 0-24, minute 0-59, second 0-60.
    """
    pattern = _PATTERNS.get(label)
    if not (pattern and pattern.fullmatch(value)):
        return f"value {value!r} is not a valid TIMEX3 {label} value"
    if value.startswith("P"):  # durations: any amounts
        return None
    wrong = []
    if m := _CALENDAR_DATE.match(value):
        year, month, day = m.groups()
        if month != "XX" and not 1 <= int(month) <= 12:
            wrong.append(f"month {month} is not 01-12")
        elif day not in (None, "XX"):
            last = _days_in_month(None if year == "XXXX" else int(year),
                                  None if month == "XX" else int(month))
            if not 1 <= int(day) <= last:
                wrong.append(f"day {day} is not in {year}-{month} (01-{last:02d})")
    if (m := _WEEK.match(value)) and not 1 <= int(m.group(1)) <= 53:
        wrong.append(f"week {m.group(1)} is not 01-53")
    if m := _CLOCK.search(value):
        hour, minute, second = m.groups()
        if int(hour) > 24:
            wrong.append(f"hour {hour} is not 00-24")
        if minute is not None and int(minute) > 59:
            wrong.append(f"minute {minute} is not 00-59")
        if second is not None and int(second) > 60:
            wrong.append(f"second {second} is not 00-60")
    return f"value {value!r} is not a calendar {label}: {'; '.join(wrong)}" if wrong else None


def _days_in_month(year: int | None, month: int | None) -> int:
    from calendar import monthrange

    if month is None:
        return 31
    return monthrange(2000 if year is None else year, month)[1]  # 2000: a leap year


def is_valid_value(label: str, value: str) -> bool:
    """Whether ``value`` is a well-formed, calendar-valid TIMEX3 value for ``label``."""
    return value_problem(label, value) is None


# an hour is written with its minutes, as TimeML does: 2013-02-12T15:00
_GRAIN_LENGTH = {"year": 4, "month": 7, "day": 10, "hour": 16, "minute": 16, "second": 19}
_PARTS_OF_DAY = {4: "MO", 12: "AF", 18: "EV"}  # Duckling's interval starts for parts of day
_UNITS = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D",
          "hour": "H", "minute": "M", "second": "S"}


def from_iso_grain(stamp: str, grain: str) -> str:
    """TIMEX3 value of an ISO timestamp at a grain (Duckling's representation)."""
    if grain == "week":
        from datetime import date

        year, week, _ = date.fromisoformat(stamp[:10]).isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "quarter":
        return f"{stamp[:4]}-Q{(int(stamp[5:7]) - 1) // 3 + 1}"
    return stamp[:_GRAIN_LENGTH.get(grain, 10)]


def duration_value(amount: float | int | str, unit: str) -> str:
    """TIMEX3 duration of an amount of a unit named as Duckling names it."""
    code = _UNITS[unit]
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    return f"PT{amount}{code}" if unit in ("hour", "minute", "second") else f"P{amount}{code}"


def from_duckling(parsed: dict) -> tuple[str, str | None]:
    """(TIMEX3 value, mod) of a Duckling value: a value, an interval or a duration.

    Intervals become their start at its grain, except a part of day (18:00 to 00:00
    -> ``TEV``/``TNI``) and the last days of a month (-> the month, mod END).
    """
    kind = parsed.get("type")
    if kind == "duration" or "unit" in parsed:
        return duration_value(parsed["value"], parsed["unit"]), None
    if kind == "interval":
        start, grain = parsed.get("from") or parsed.get("to"), parsed.get("grain", "day")
        hour = int(start[11:13])
        if grain in ("hour", "minute") and hour in _PARTS_OF_DAY and start[14:16] == "00" \
                and (parsed.get("to") or "")[11:13] in ("00", "12", "18", "20"):
            part = "NI" if hour == 18 and parsed["to"][11:13] == "00" else _PARTS_OF_DAY[hour]
            return f"{start[:10]}T{part}", None
        if grain == "day" and int(start[8:10]) >= 20 and (parsed.get("to") or "")[8:10] == "01":
            return start[:7], "END"
        return from_iso_grain(start, grain), None
    return from_iso_grain(parsed["value"], parsed.get("grain", "day")), None


def guess_form(text: str, label: str | None, value: str | None) -> str:
    """``form`` for corpora that do not record it: absolute when the text states a
    four-digit year, and for durations; relative otherwise (it needs the document date)."""
    import re

    if label == "DURATION" or re.search(r"[0-9\u0660-\u0669]{4}", text):
        return "absolute"
    return "relative"
