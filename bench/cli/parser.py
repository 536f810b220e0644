"""The command line's parser class, in a module of its own: ``bench --version`` and
``bench --help`` build it without importing what the commands' options need."""

from __future__ import annotations

import argparse
from typing import Any


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Each option's help ends with ``(default: X)``, X the parser's default; an option
    without one (None) says in its own help what its absence means. Flags (off unless
    given) and required options show none."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.required or action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


class Parser(argparse.ArgumentParser):
    """argparse with usage mistakes answered in one line (exit 2) and defaults in help."""

    help_for: str | None = None
    """The command a mistake's hint points to (``bench run --help``), when argv names one:
    argparse reports unknown options from the top-level parser, not the command's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        prog = self.help_for or self.prog
        self.exit(2, f"{prog}: {message} (see {prog} --help)\n")
