"""The characters a regular expression can start a match with, from its parse tree.

``rules-time`` tries every rule at every word start; a rule whose first characters do
not include the character there cannot match, so it is not tried. The set is a
superset (look-arounds and anchors are passed over), so no match is ever lost;
``None`` means "any character" (a rule that can match the empty string, a negated or
Unicode class, a back-reference).
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser

_ANY = None


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    if pattern.flags & re.IGNORECASE:
        return _ANY
    found, nullable = _first(list(_parser.parse(pattern.pattern, pattern.flags)))
    return None if found is _ANY or nullable else frozenset(found)


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match empty)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: look further
            continue
        if op is C.LITERAL:
            out.add(chr(av))
            return out, False
        if op is C.IN:
            chars = _class(av)
            if chars is _ANY:
                return _ANY, False
            return out | chars, False
        if op is C.SUBPATTERN:
            sub, nullable = _first(list(av[-1]))
        elif op is C.BRANCH:
            sub, nullable = set(), False
            for alternative in av[1]:
                part, empty = _first(list(alternative))
                if part is _ANY:
                    return _ANY, False
                sub |= part
                nullable = nullable or empty
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _, body = av
            sub, nullable = _first(list(body))
            nullable = nullable or low == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, conditionals ...
            return _ANY, False
        if sub is _ANY:
            return _ANY, False
        out |= sub
        if not nullable:
            return out, False
    return out, True


def _class(items: list) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE:
            low, high = av
            if high - low > 4096:
                return _ANY
            out.update(chr(c) for c in range(low, high + 1))
        else:  # NEGATE, CATEGORY (\w, \d, \s: Unicode-wide)
            return _ANY
    return out
