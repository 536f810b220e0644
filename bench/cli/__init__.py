"""The ``bench`` command (also installed as ``arabench``: frappe-bench installs a ``bench``
too): a thin layer over the library API, one module per command, each with
``register(subparsers)`` and ``run(args) -> int``; shared options in :mod:`.options`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench.cli.output import print_problems
from bench.cli.parser import Parser
from bench.problems import InputError
from bench.version import __version__

COMMANDS = ("validate", "stats", "convert", "list", "run", "suite", "train", "score", "report",
            "check", "diff", "baseline", "agree")
"""The commands, in the order ``--help`` lists them; each is the module
``bench.cli.<name>`` (``list_`` for ``list``), imported only when needed."""

NAMES = ("bench", "arabench")
"""Names the command is installed under; ``arabench`` cannot collide with frappe-bench."""


def command_module(name: str) -> ModuleType:
    """The module of command ``name``: ``register(subparsers)``, ``run(args)``, ``NAME``."""
    return importlib.import_module(f"bench.cli.{'list_' if name == 'list' else name}")


def build_parser(prog: str = "bench", only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``only``, that command's options alone (the
    others are bare names): a command imports what it needs, not what all of them do,
    so that start-up costs what the command uses."""
    parser = Parser(
        prog=prog, description="Benchmark and evaluation suite for Arabic entities and dates. "
                               "Exit status: 0 ok, 1 findings (invalid files, a failed "
                               "backend, a regression), 2 usage or input errors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only in (None, name):
            command_module(name).register(sub)
        else:
            sub.add_parser(name)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named in ``argv`` (its first word that is not an option); None (every
    command, to list them) for ``--help`` without one; "" (none) otherwise."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in COMMANDS:
        return first
    return None if {"-h", "--help"} & set(argv) else ""


def _prog() -> str:
    """``arabench`` when run under that name, else ``bench`` (also for ``python -m bench``)."""
    name = Path(sys.argv[0]).stem
    return name if name in NAMES else "bench"


def _quiet_stdout() -> None:
    """stdout was closed by its reader (``bench list | head``): stop writing quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """The ``bench`` command. Exit status: 0 ok; 1 findings (invalid files found by
    ``validate``, a failed backend, a gate regression); 2 usage and input errors, each
    answered in one line per problem; 3 an internal error (a bug: please report it)."""
    name = _prog()
    argv = sys.argv[1:] if argv is None else argv
    command = _command(argv)
    parser = build_parser(name, command)
    if command:
        parser.help_for = f"{name} {command}"
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    prog = f"{name} {args.command}"
    try:
        status = func(args)
        sys.stdout.flush()
        return status
    except InputError as exc:
        print_problems(exc.problems, getattr(args, "all", False), sys.stderr)
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a path that cannot be read or written
        where = exc.filename if exc.filename is not None else prog
        print(f"{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("BENCH_DEBUG"):
            raise
        print(f"{prog}: internal error: {type(exc).__name__}: {exc} (a bug: please report "
              "it; BENCH_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
