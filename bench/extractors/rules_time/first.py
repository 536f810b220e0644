r"""The strings a regular expression can start a match with, from its parse tree.

``rules-time`` tries its rules at every word start; a rule none of whose first three
characters (:func:`prefixes`, compared folded: :data:`KEY`) begin the text there cannot
match, so it is not tried. The set is a superset (look-arounds and anchors are passed
over; a class too large, a category such as ``\s``, or any other construct stops a
prefix early: anything may follow), so no match is ever lost; ``None`` means "try it
everywhere" (a rule that can match the empty string, or too many prefixes).
"""

from __future__ import annotations

from bench.extractors.rules_time.regex_tree import OP as C  # noqa: N812
from bench.extractors.rules_time.regex_tree import parse

_ANY = None


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


_LIMIT = 50_000
_Lang = set[tuple[str, bool]]  # (prefix, open): open = anything may follow
KEY = str.maketrans({**{c: "ا" for c in "أإآٱ"}, "ة": "ه", "ى": "ي",
                     **{c: "0" for c in "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"}})
"""The prefixes are compared folded: one alef, ة as ه, ى as ي, every digit as 0."""


def prefixes(pattern: str, k: int = 3) -> frozenset[str] | None:
    """Strings of at most ``k`` characters that every match of ``pattern`` begins with
    one of (a superset), or None when there are too many or a match may be empty."""
    try:
        lang = _seq(parse(pattern), k)
    except _TooMany:
        return _ANY
    if any(s == "" for s, _ in lang):
        return _ANY
    return frozenset(s for s, _ in lang)


class _TooMany(Exception):
    pass


def _concat(first: _Lang, then: _Lang, k: int) -> _Lang:
    """Prefixes of a match of ``first`` followed by one of ``then``, cut at ``k``."""
    out: _Lang = set()
    for s, o in first:
        if o or len(s) >= k:
            out.add((s, True))
            continue
        for t, o2 in then:
            joined = s + t
            out.add((joined[:k], o2 or len(joined) >= k))
    if len(out) > _LIMIT:
        raise _TooMany
    return out


def _seq(items: list, k: int) -> _Lang:
    out: _Lang = {("", False)}
    for op, av in items:
        if all(o or len(s) >= k for s, o in out):
            break
        out = _concat(out, _item(op, av, k), k)
    return out


def _item(op, av, k: int) -> _Lang:
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", False)}
    if op is C.LITERAL:
        return {(chr(av).translate(KEY), False)}
    if op is C.IN:
        chars = _class(av)
        return {("", True)} if chars is _ANY else {(c.translate(KEY), False) for c in chars}
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]), k)
    if op is C.BRANCH:
        out: _Lang = set()
        for alternative in av[1]:
            out |= _seq(list(alternative), k)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        once = _seq(list(body), k)
        out = {("", False)} if low == 0 else set()
        current: _Lang = {("", False)}
        for n in range(1, min(high, k) + 1):
            current = _concat(current, once, k)
            if n >= low:
                out |= current
        if high > k:  # more repeats than characters: the prefixes are all there
            out |= {(s, True) for s, _ in current}
        return out
    return {("", True)}  # ANY, NOT_LITERAL, categories, back-references
