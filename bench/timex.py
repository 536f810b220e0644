"""TIMEX3 value syntax (TimeML 1.2.1 / ISO-TimeML), checked per TIMEX3 type."""

from __future__ import annotations

import re

_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|\dXXX|XXXX)"
_N2 = r"(?:\d{2}|XX)"
_DATE = (
    rf"{_YEAR}(?:-{_N2}(?:-{_N2})?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI)"
    rf"|-W(?:\d{{2}}|XX)(?:-(?:[1-7X]|WE))?)?|\d{{2}}|\d"  # also centuries (20) and millennia (2)
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


def is_valid_value(label: str, value: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value for a TIMEX3 type ``label``."""
    pattern = _PATTERNS.get(label)
    return bool(pattern and pattern.fullmatch(value))
