"""How to install an extra, said the way that fits how arabench was installed: from a
source checkout (``pip install -e '.[X]'``, or ``make bench`` for the extras it
installs) or from a package index (``pip install 'arabench[X]'``)."""

from __future__ import annotations

import os
from pathlib import Path

MAKE_BENCH_EXTRAS = frozenset({"test", "offline", "report", "rules", "gazetteer",
                               "dateparser", "duckling", "heideltime", "train"})
"""What ``make bench`` installs: the Makefile's ``EXTRAS`` and what ``offline`` pulls in
(pyproject.toml); a test keeps them equal."""


def source_checkout() -> Path | None:
    """The project folder when this package runs from one (an editable install or the
    folder itself), else None (installed from an index or a wheel)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "Makefile").is_file() \
        else None


def install_hint(extra: str) -> str:
    """The command that installs ``extra``, for the way arabench is installed here."""
    root = source_checkout()
    if root is None:
        return f"pip install 'arabench[{extra}]'"
    where = "." if Path(os.getcwd()).resolve() == root else str(root)
    hint = f"pip install -e '{where}[{extra}]'"
    return hint + (" (or make bench, which installs it)" if extra in MAKE_BENCH_EXTRAS else "")
