"""Problems found in input files, reported as ``file: item: problem``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    """File (with ``:line`` where the format has lines)."""
    item: str | None
    """Annotation id, document id or field the problem is about, if any."""
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.where] + ([self.item] if self.item else []) + [self.message]
        text = ": ".join(parts)
        return text if self.severity == "error" else f"{text} [{self.severity}]"


class InputError(Exception):
    """Raised by readers and loaders; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
