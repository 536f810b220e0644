"""Building millions of small objects without the cyclic garbage collector's rescans.

Reading a corpus creates two objects or more per annotation and none of them form
reference cycles; Python's collector would still walk every live object again and
again as they accumulate (a fifth of the time of ``bench score`` on a million spans).
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause automatic collection inside the block (nested blocks are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_freed_memory() -> None:
    """Have glibc's malloc keep freed blocks below 64 MB for reuse rather than hand them
    back to the system at once.

    Columnar reading allocates and frees arrays of a few megabytes per chunk of a file;
    by default each goes back to the system and comes again as fresh pages, and the
    page faults cost a fifth of the reading time (``bench score`` on a million spans:
    0.9 s of system time against 0.3 s with this). A no-op where malloc is not glibc's.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(-3, 64 << 20)  # M_MMAP_THRESHOLD: blocks from the heap below 64 MB
    mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD: the heap's top kept up to 256 MB
