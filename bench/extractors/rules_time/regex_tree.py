"""The parse tree of a regular expression: the one place that uses the standard
library's private regex parser (``re._parser``, ``re._constants``, Python 3.11+).

:mod:`.first` reads each rule's tree to index the rules by what a match can begin
with. The private module may change shape in a new Python; :func:`check` says so in one
line (``tests/test_rules_time.py`` calls it), instead of a wrong index.
"""

from __future__ import annotations

import sys

try:
    from re import _constants as OP  # noqa: N812
    from re import _parser
except ImportError:  # pragma: no cover - a Python without them
    OP = _parser = None

_OPCODES = ("LITERAL", "IN", "RANGE", "NEGATE", "CATEGORY", "SUBPATTERN", "BRANCH",
            "MAX_REPEAT", "MIN_REPEAT", "AT", "ASSERT", "ASSERT_NOT", "ANY")


def parse(pattern: str) -> list:
    """The items of ``pattern``'s parse tree: ``(opcode, argument)`` pairs, opcodes
    compared with the constants of :data:`OP` (``OP.LITERAL`` ...). A malformed pattern
    raises :class:`re.error`."""
    if _parser is None:
        raise RuntimeError(_moved("re._parser or re._constants is gone"))
    return list(_parser.parse(pattern))


def check() -> None:
    """Raise RuntimeError, naming what changed, if the private parser no longer gives the
    tree :mod:`.first` reads."""
    if _parser is None or not callable(getattr(_parser, "parse", None)):
        raise RuntimeError(_moved("re._parser.parse is gone"))
    missing = [name for name in _OPCODES if not hasattr(OP, name)]
    if missing:
        raise RuntimeError(_moved(f"re._constants lacks {', '.join(missing)}"))
    expected = [
        ("a", [(OP.LITERAL, ord("a"))]),
        ("[b-d]", [(OP.IN, [(OP.RANGE, (ord("b"), ord("d")))])]),
        ("(?:e|f)", [(OP.IN, [(OP.LITERAL, ord("e")), (OP.LITERAL, ord("f"))])]),
        ("(?:ab|cd)", [(OP.BRANCH, (None, [[(OP.LITERAL, ord("a")), (OP.LITERAL, ord("b"))],
                                          [(OP.LITERAL, ord("c")), (OP.LITERAL, ord("d"))]]))]),
        ("g{1,3}", [(OP.MAX_REPEAT, (1, 3, [(OP.LITERAL, ord("g"))]))]),
    ]
    for pattern, tree in expected:
        got = _plain(parse(pattern))
        if got != _plain(tree):
            raise RuntimeError(_moved(f"{pattern!r} parses to {got!r}, not {_plain(tree)!r}"))
    group = parse("(?P<x>h)")
    if not (len(group) == 1 and group[0][0] is OP.SUBPATTERN
            and _plain(list(group[0][1][-1])) == _plain([(OP.LITERAL, ord("h"))])):
        raise RuntimeError(_moved(f"a group parses to {_plain(group)!r}, not (SUBPATTERN, "
                                  f"(..., its items))"))


def _plain(tree) -> object:
    """A tree with its SubPattern objects as lists and opcodes as names (comparable)."""
    if isinstance(tree, (list, tuple)) or type(tree).__name__ == "SubPattern":
        return [_plain(x) for x in tree]
    return str(tree) if type(tree).__name__ == "_NamedIntConstant" else tree


def _moved(what: str) -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    return (f"rules-time: Python {version} changed its private regex parser ({what}); "
            "bench/extractors/rules_time/regex_tree.py and first.py must follow it")
