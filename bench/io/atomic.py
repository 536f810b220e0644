"""Writing files and folders so that a failure leaves the old output or none.

Every writer of the project goes through :func:`atomic_path` (one file or folder) or
:func:`atomic_sets` (outputs that belong together, such as a report set): the output is
written under a temporary name, then renamed over the target in one step.

Temporaries are hidden siblings named ``.NAME.tmp-PID-RANDOM`` (``.old-`` for a folder
being replaced, ``.ready-`` for a complete set being moved in): unique per call, so
writers running at once never share one. A temporary whose process is gone (killed,
a power cut) is removed by the next write of the same target; a live process's is
left alone.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SET = "report"
"""The name of a set's temporaries in its folder: ``.report.tmp-PID-RANDOM`` ..."""


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


def _temporary(target: Path, kind: str) -> Path:
    # the suffix is kept: writers choose the layout by it (``.jsonl`` is a file)
    return target.with_name(f".{target.stem}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"
                            f"{target.suffix}")


def _alive(pid: int) -> bool:
    if os.name != "posix":  # signal 0 is no probe there: keep every temporary
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or not a pid
        return True
    return True


def stale_temporaries(target: Path) -> list[Path]:
    """The temporaries of ``target`` whose writing process is no longer running."""
    pattern = re.compile(rf"\.{re.escape(target.stem)}\.(?:tmp|old|ready)-(\d{{1,10}})"
                         rf"(?:-[0-9a-f]+)?{re.escape(target.suffix)}")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [target.parent / name for name in sorted(names)
            if (m := pattern.fullmatch(name)) and not _alive(int(m[1]))]


_ANY_TEMPORARY = re.compile(r"\..+\.(?:tmp|old)-(\d{1,10})(?:-[0-9a-f]+)?(?:\.[^.]+)?")
"""A temporary of :func:`atomic_path` (``.ready-`` sets are :func:`atomic_sets`' to finish)."""

_SWEPT: set[tuple[int, Path]] = set()
"""(process, folder) pairs already swept: a folder is swept once per process."""


def _sweep(folder: Path) -> None:
    """Remove the temporaries that dead processes left in ``folder``, the first time this
    process writes there: one listing per folder, not one per file written (a run writing
    thousands of shard records into one folder would otherwise list it thousands of
    times)."""
    key = (os.getpid(), folder.resolve())
    if key in _SWEPT:
        return
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in sorted(names):
        if (m := _ANY_TEMPORARY.fullmatch(name)) and not _alive(int(m[1])):
            _remove(folder / name)
    _SWEPT.add(key)


def _replace(src: Path, target: Path) -> None:
    """Rename ``src`` over ``target``; a folder replaces a folder whole. Writers racing
    for one target each rename in one step: the last one wins and none fails."""
    for _ in range(1000):
        try:
            os.replace(src, target)
            return
        except OSError as exc:  # target: a folder that is not empty
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not src.is_dir():
                raise
        old = _temporary(target, "old")
        try:
            os.replace(target, old)
        except FileNotFoundError:  # another writer moved it first
            continue
        _remove(old)
    raise OSError(errno.EBUSY, "too many writers at once", str(target))


def _named(exc: OSError, staged: dict[Path, Path]) -> OSError:
    """``exc`` naming the output (``target/...``), not its temporary; the first target
    with the file named in brackets when that file is none of the outputs."""
    name = exc.filename
    for target, tmp in staged.items():
        if name is not None and Path(name).is_relative_to(tmp):
            return OSError(exc.errno, f"cannot write: {exc.strerror or exc}",
                           str(target / Path(name).relative_to(tmp)))
    other = f" ({name})" if name is not None else ""
    return OSError(exc.errno, f"cannot write: {exc.strerror or exc}{other}",
                   str(next(iter(staged))))


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary sibling of ``target`` to write a file or a folder into.

    When the block ends normally the temporary output replaces ``target`` (a folder
    replaces a folder whole: stale files do not survive); when it raises, the
    temporary output is removed and ``target`` is left as it was. Temporaries left
    by dead processes in ``target``'s folder are removed first (:func:`_sweep`).
    """
    target = Path(target)
    tmp = _temporary(target, "tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
        yield tmp
        if tmp.exists() or tmp.is_symlink():
            _replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _named(exc, {target: tmp}) from None
    except BaseException:
        _remove(tmp)
        raise


def _move_in(ready: Path, folder: Path) -> None:
    """Every entry of the complete set ``ready`` over its namesake in ``folder``."""
    for entry in sorted(ready.iterdir()):
        target = folder / entry.name
        for stale in stale_temporaries(target):
            _remove(stale)
        _replace(entry, target)
    _remove(ready)


@contextmanager
def atomic_sets(folders: Sequence[Path]) -> Iterator[list[Path]]:
    """One temporary folder per folder of ``folders``, to write a set of outputs into
    (a report set: ``results.json``, ``summary.md``, ``errors/`` ...).

    Nothing of ``folders`` changes while the block runs. When it ends normally, every
    entry written into a temporary folder replaces its namesake in its folder (a
    sub-folder whole); the folders' other entries stay. When it raises (a kill, a full
    disk), the old outputs are left whole, never beside part of the new ones. The move
    itself is one rename per entry; a set whose process died during it is moved in by
    the next writer of the folder, and the sets of live writers are left alone.
    """
    unique = list(dict.fromkeys(Path(f) for f in folders))
    staged: dict[Path, Path] = {}
    temporaries: list[Path] = []
    try:
        for folder in unique:
            folder.mkdir(parents=True, exist_ok=True)
            for stale in stale_temporaries(folder / SET):
                if ".ready-" in stale.name:
                    _roll_forward(stale, folder)
                _remove(stale)
            staged[folder] = _temporary(folder / SET, "tmp")
            temporaries.append(staged[folder])
            staged[folder].mkdir()
        yield [staged[Path(f)] for f in folders]
        ready = {folder: _temporary(folder / SET, "ready") for folder in unique}
        temporaries += ready.values()
        for folder in unique:  # every set complete before any is moved in
            os.replace(staged[folder], ready[folder])
        for folder in unique:
            _move_in(ready[folder], folder)
    except OSError as exc:
        for tmp in temporaries:
            _remove(tmp)
        raise _named(exc, staged or {unique[0]: unique[0]}) from None
    except BaseException:
        for tmp in temporaries:
            _remove(tmp)
        raise


def _roll_forward(ready: Path, folder: Path) -> None:
    """Finish moving in the set of a writer that died while doing so."""
    try:
        _move_in(ready, folder)
    except FileNotFoundError:  # another writer is finishing it
        pass


@contextmanager
def atomic_set(folder: Path) -> Iterator[Path]:
    """:func:`atomic_sets` of one folder."""
    with atomic_sets([folder]) as (tmp,):
        yield tmp


def write_text(path: Path, text: str) -> None:
    """``path.write_text(text)`` in UTF-8 with ``\\n`` line ends, atomically."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
