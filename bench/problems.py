"""Problems found in input files, reported as ``file: item: problem``.

:class:`InputError` is the package's one error type for user mistakes: an
unreadable or invalid file, a missing path, an unknown name or option value. The
CLI turns it into one line per problem (exit 2); anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

BAD_VALUE = "bad-value"
"""``Problem.code`` of an invalid TIMEX3 value: reading commands may read it as absent."""


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    """File (with ``:line`` where the format has lines)."""
    item: str | None
    """Annotation id, document id or field the problem is about, if any."""
    message: str
    severity: str = "error"
    code: str = ""
    """A machine-readable kind, for the few problems a caller may handle (``BAD_VALUE``)."""

    def __str__(self) -> str:
        parts = [self.where] + ([self.item] if self.item else []) + [self.message]
        text = ": ".join(parts)
        return text if self.severity == "error" else f"{text} [{self.severity}]"

    @property
    def file(self) -> str:
        """The file alone, without a ``:line`` suffix (for grouping)."""
        head, sep, tail = self.where.rpartition(":")
        return head if sep and tail.isdigit() else self.where


class InputError(Exception):
    """Raised for user mistakes; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, where: str, message: str, item: str | None = None) -> InputError:
        """An error of one problem: ``InputError.one("--corpus /x", "no such directory")``."""
        return cls([Problem(where, item, message)])


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def first_few(items: list[str], shown: int = 3) -> str:
    """``a, b, c and 91 more``: a long list of ids named in one line."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" and {more} more" if more > 0 else "")


def not_in_gold(where: str, doc_ids: list[str]) -> Problem:
    """One problem for every document of ``where`` the gold corpus does not have."""
    n = len(doc_ids)
    return Problem(where, None, f"{n} document{'s' if n != 1 else ''} ({first_few(doc_ids)}) "
                                "not in the gold corpus (made on another corpus? give that "
                                "corpus as the gold; bench report without --corpus takes the "
                                "one its run.json records)")
