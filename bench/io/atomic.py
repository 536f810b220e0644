"""Writing files and folders so that a failure leaves the old output or none.

Every writer of the project goes through :func:`atomic_path`: the output is
written under a temporary sibling name, then renamed over the target in one step.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary sibling of ``target`` to write a file or a folder into.

    When the block ends normally the temporary output replaces ``target`` (a folder
    replaces a folder whole: stale files do not survive); when it raises, the
    temporary output is removed and ``target`` is left as it was.
    """
    target = Path(target)
    # the suffix is kept: writers choose the layout by it (``.jsonl`` is a file)
    tmp = target.with_name(f".{target.stem}.tmp-{os.getpid()}{target.suffix}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove(tmp)
        yield tmp
    except OSError as exc:  # name the target, not the temporary file
        _remove(tmp)
        other = f" ({exc.filename})" if exc.filename not in (None, str(tmp), tmp) else ""
        raise OSError(exc.errno, f"cannot write: {exc.strerror or exc}{other}",
                      str(target)) from None
    except BaseException:
        _remove(tmp)
        raise
    if not tmp.exists():
        return
    if tmp.is_dir() and target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        _remove(old)
        os.replace(target, old)
        os.replace(tmp, target)
        _remove(old)
    else:
        os.replace(tmp, target)


def write_text(path: Path, text: str) -> None:
    """``path.write_text(text)`` in UTF-8 with ``\\n`` line ends, atomically."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
