"""How problems and readers' warnings are printed: one line each, warnings of one kind
grouped, at most :data:`MAX_SHOWN` lines per file unless ``--all`` is given."""

from __future__ import annotations

import re
import sys
from collections import Counter
from typing import TextIO

from bench.problems import BAD_VALUE, Problem

MAX_SHOWN = 50
"""Lines of problems printed per file unless ``--all`` is given."""

GROUPED = 3
"""Problems of one kind in one file printed one by one up to this many; more are one line."""

_VARIABLE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+(?:\.\d+)?")
"""The parts of a message that vary between problems of one kind: quoted text, numbers."""


def print_problems(problems: list[Problem], show_all: bool = False,
                   file: TextIO | None = None) -> None:
    """One line per problem; without ``show_all``, warnings of one kind in one file (their
    messages equal but for quoted text and numbers) become one line with their count and
    first places when there are more than ``GROUPED`` (errors are each listed), and at most
    ``MAX_SHOWN`` lines are printed per file, then the count of the rest."""
    file = file or sys.stdout
    if show_all:
        for problem in problems:
            print(problem, file=file)
        return
    def kind(p: Problem) -> tuple[str, str, str]:
        return p.file, p.severity, _VARIABLE.sub("…", p.message)

    kinds = [kind(problem) for problem in problems]
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem, key in zip(problems, kinds, strict=True):
        groups.setdefault(key, []).append(problem)
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for problem, key in zip(problems, kinds, strict=True):  # in order; a collapsed kind
        members = groups[key]                                # where it first appears
        if len(members) <= GROUPED or problem.severity == "error":
            line = str(problem)
        elif problem is members[0]:
            line = str(Problem(problem.file, None, f"{key[2]} ({len(members)} times: "
                               f"{', '.join(_place(p) for p in members[:GROUPED])}, ...; "
                               "--all lists each)", problem.severity))
        else:
            continue
        if shown[problem.file] < MAX_SHOWN:
            shown[problem.file] += 1
            print(line, file=file)
        else:
            hidden[problem.file] += 1
    for key, n in hidden.items():
        print(f"{key}: ... and {n} more line(s) of problems (--all shows them)", file=file)


def _place(problem: Problem) -> str:
    """Where a problem is within its file: ``line 12``, its item, or both."""
    line = problem.where[len(problem.file) + 1:]
    parts = ([f"line {line}"] if line else []) + ([problem.item] if problem.item else [])
    return " ".join(parts) or problem.message


def print_notes(notes: list[Problem], name: str, show_all: bool) -> None:
    """Readers' warnings on stderr: each one (capped per file), then their count."""
    if not notes:
        return
    print_problems(notes, show_all, sys.stderr)
    absent = sum(n.code == BAD_VALUE for n in notes)
    print(f"{len(notes)} reader warning(s) in {name}"
          + (f", of which {absent} invalid TIMEX3 value(s) read as absent" if absent else ""),
          file=sys.stderr)
