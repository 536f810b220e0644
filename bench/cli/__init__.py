"""The ``bench`` command (also installed as ``arabench``: frappe-bench installs a ``bench``
too): a thin layer over the library API, one module per command, each with
``register(subparsers)`` and ``run(args) -> int``; shared options in :mod:`.options`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bench.cli import (
    agree,
    baseline,
    check,
    convert,
    diff,
    list_,
    report,
    run,
    score,
    stats,
    suite,
    train,
    validate,
)
from bench.cli.options import Parser
from bench.cli.output import print_problems
from bench.problems import InputError
from bench.version import __version__

COMMANDS = (validate, stats, convert, list_, run, suite, train, score, report, check, diff,
            baseline, agree)
"""The command modules, in the order ``--help`` lists them."""

NAMES = ("bench", "arabench")
"""Names the command is installed under; ``arabench`` cannot collide with frappe-bench."""


def build_parser(prog: str = "bench") -> argparse.ArgumentParser:
    parser = Parser(
        prog=prog, description="Benchmark and evaluation suite for Arabic entities and dates. "
                               "Exit status: 0 ok, 1 findings (invalid files, a failed "
                               "backend, a regression), 2 usage or input errors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


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
    args = build_parser(name).parse_args(argv)
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
