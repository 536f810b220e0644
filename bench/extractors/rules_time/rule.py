"""What a rule is: a pattern, its TIMEX3 type, and a normaliser from a match to a
:class:`Timex`; and the :class:`Context` a normaliser reads the document date through."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from bench.extractors.rules_time.first import prefixes

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class Timex:
    type: str
    value: str
    mod: str | None = None
    calendar: str | None = None
    info: dict | None = field(default=None, compare=False)
    """What the operators of :mod:`.compose` need to know of the expression's meaning
    beyond its value (``kind``: clock, day, week, weekday, period, duration, ago ...)."""


class Context:
    """The document date, and whether a rule needed it (then the expression is relative);
    the text and the match's start, for rules that read the sentence (weekday tense)."""

    def __init__(self, dct: date, text: str = "", start: int = 0):
        self._dct = dct
        self.used = False
        self.text, self.start = text, start

    @property
    def dct(self) -> date:
        self.used = True
        return self._dct


@dataclass
class Rule:
    """A rule of the grammar. ``type`` is required: it is the TIMEX3 type of what the rule
    finds, also when the expression cannot be valued (an undated document)."""

    name: str
    type: str
    pattern: str
    normalise: Callable[[re.Match, Context], Timex | None]
    group: str | None = None  # the span is this group, not the whole match
    begins: frozenset[str] | None = field(init=False, repr=False, compare=False)
    """What a match can begin with (:func:`.first.prefixes`; None: anything)."""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"rule {self.name}: type {self.type!r} is not one of "
                             f"{', '.join(TYPES)}")
        self.begins = prefixes(self.pattern)  # parses it: a malformed rule fails here

    @cached_property
    def regex(self) -> re.Pattern:
        """Compiled when first tried (most of the tagger's start-up is compiling)."""
        return re.compile(self.pattern)


class Override:
    """A match whose named groups are partly replaced (several groups mean one thing)."""

    def __init__(self, match: re.Match, groups: dict[str, str | None]):
        self._m, self._g = match, groups

    def group(self, name):
        return self._g[name] if name in self._g else self._m.group(name)

    def groupdict(self):
        return {**self._m.groupdict(), **self._g}
