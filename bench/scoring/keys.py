"""The names of the score tables: :class:`ScoreKey` (a scheme under a clitic mode) and
:class:`View` (a by-depth table of a nested corpus), each with its one string form.

The Results and ``results.json`` are keyed by these strings (``strict``,
``strict+lenient``; ``flat``, ``nested``, ``level 2``); inside the scoring, counts are
keyed ``(system, ScoreKey)`` or ``(system, View)``, so the two never mix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SCHEMES = ("strict", "exact", "partial", "type")
COMPAT_MODES = ("seqeval", "seqeval-strict", "conlleval", "nervaluate", "wojood",
                "llmebench-token", "te3")
"""The published-scorer modes of :mod:`bench.scoring.compat` (its ``MODES``, in order)."""
CLITICS = ("strict", "lenient")


@dataclass(frozen=True)
class ScoreKey:
    """One table of scores: matching ``scheme`` with ``clitics`` boundaries. Its string
    form is the scheme under strict clitics (``strict``), else ``scheme+clitics``
    (``strict+lenient``). Clitic leniency only changes boundaries, so ``type`` has no
    lenient variant."""

    scheme: str
    clitics: str = "strict"

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES or self.clitics not in CLITICS or (
                self.scheme == "type" and self.clitics != "strict"):
            raise ValueError(f"no score key of scheme {self.scheme!r} and clitics "
                             f"{self.clitics!r}")

    def __str__(self) -> str:
        return self.scheme if self.clitics == "strict" else f"{self.scheme}+{self.clitics}"

    @classmethod
    def parse(cls, text: str) -> ScoreKey:
        """The key whose string form is ``text``; ValueError for any other text."""
        scheme, plus, clitics = text.partition("+")
        if plus and clitics == "strict":  # strict clitics are written without a suffix
            raise ValueError(f"no score key {text!r}")
        try:
            return cls(scheme, clitics if plus else "strict")
        except ValueError:
            raise ValueError(f"no score key {text!r}") from None

    @classmethod
    def of(cls, schemes: Iterable[str], clitics: Iterable[str]) -> list[ScoreKey]:
        """Every key of ``schemes`` under ``clitics`` modes, mode by mode."""
        schemes = tuple(schemes)
        return [cls(scheme, mode) for mode in clitics for scheme in schemes
                if mode == "strict" or scheme != "type"]


STRICT = ScoreKey("strict")
LENIENT = ScoreKey("strict", "lenient")
GATED = (STRICT, LENIENT)
"""The keys the reports lead with and the regression gate compares."""


@dataclass(frozen=True)
class View:
    """A by-depth table of a nested corpus (strict matching), as the WojoodNER shared task
    reports: ``flat`` (the outermost spans of both sides, ``depth`` 0), ``nested`` (every
    span: the ``strict`` scores, ``depth`` None) and ``level N`` (the spans at nesting
    level N of both sides, 1 = outermost, so ``depth`` N - 1 >= 1)."""

    depth: int | None

    def __str__(self) -> str:
        if self.depth is None:
            return "nested"
        return "flat" if self.depth == 0 else f"level {self.depth + 1}"

    @classmethod
    def counted(cls, deepest: int) -> list[View]:
        """The views counted apart from the strict key: ``flat``, then ``level 2`` ...
        down to ``deepest`` (0 = outermost)."""
        return [FLAT] + [cls(k) for k in range(1, deepest + 1)]

    @classmethod
    def reported(cls, deepest: int) -> list[View]:
        """Every view in the order of ``SystemResults.by_depth``: ``flat``, ``nested``,
        ``level 2`` ..."""
        return [FLAT, NESTED] + cls.counted(deepest)[1:]


FLAT = View(0)
NESTED = View(None)


@dataclass(frozen=True)
class CompatKey:
    """A table of a published-scorer mode (:mod:`bench.scoring.compat`), written
    ``compat:MODE:TABLE`` (``compat:seqeval:chunks``): what the gate compares for a suite
    task that names a mode."""

    mode: str
    table: str

    def __str__(self) -> str:
        return f"compat:{self.mode}:{self.table}"

    @classmethod
    def parse(cls, text: str) -> CompatKey:
        tag, _, rest = text.partition(":")
        mode, _, table = rest.partition(":")
        if tag != "compat" or not mode or not table or ":" in table:
            raise ValueError(f"no score key {text!r}")
        return cls(mode, table)


def parse_key(text: str) -> ScoreKey | CompatKey:
    """The :class:`ScoreKey` or :class:`CompatKey` whose string form is ``text``."""
    return CompatKey.parse(text) if text.startswith("compat:") else ScoreKey.parse(text)
