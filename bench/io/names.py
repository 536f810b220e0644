"""File names derived from free-text names (document ids, backend names).

A document id or a backend name is free text: it never decides where a file goes.
Every writer names a file :func:`file_stem` of it, a reversible safe encoding:

* letters and digits of any script, ``-`` and ``_`` stay as they are, and so does ``.``
  except as the first character (no hidden files, no ``.`` or ``..``);
* every other character (``/``, ``\\``, ``:``, ``%``, spaces, controls ...) becomes
  ``%XX`` for each of its UTF-8 bytes, as in a URL; so ``d1`` and ``./d1`` stay apart;
* a stem longer than :data:`MAX_STEM` bytes keeps its first part and ends in
  ``~`` + 16 hex digits of the name's sha256 (``~`` is never left unencoded, so such a
  stem cannot be mistaken for an encoded one); such a stem is not reversible, and a
  format that keeps ids only in file names refuses it (:func:`name_of`).

Two names that still meet in one file (``A`` and ``a`` on a case-insensitive file
system) are refused by :func:`create`, which never overwrites.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote, unquote

MAX_STEM = 150
"""Bytes of a stem; file systems allow 255 for a whole name, suffixes included."""


def _keep(char: str) -> bool:
    return char.isalnum() or char in "-_."


def file_stem(name: str) -> str:
    """The file-name stem that stands for ``name`` (see the module's rules)."""
    out = "".join(c if _keep(c) and not (i == 0 and c == ".")
                  else quote(c, safe="") if c != "." else "%2E"
                  for i, c in enumerate(name))
    if not out:
        return "%"  # an empty name: a lone % is no other name's stem
    if len(out.encode("utf-8")) <= MAX_STEM:
        return out
    head = out.encode("utf-8")[:MAX_STEM - 17].decode("utf-8", "ignore")
    head = head[:head.rfind("%")] if "%" in head[-2:] else head  # no cut %XX
    return f"{head}~{hashlib.sha256(name.encode('utf-8')).hexdigest()[:16]}"


def name_of(stem: str) -> str | None:
    """The name whose :func:`file_stem` is ``stem``; None when the stem is a hashed one
    (the name must then be read from inside the file) or not a stem at all."""
    if "~" in stem:
        return None
    try:
        name = unquote(stem, errors="strict") if "%" in stem else stem
    except UnicodeDecodeError:
        return None
    return name if file_stem(name) == stem else None


def create(path: Path, data: bytes | str, name: str) -> None:
    """Write the new file ``path`` for ``name``; an existing one is refused, never
    overwritten (two names meeting in one file)."""
    from bench.problems import InputError

    try:
        with open(path, "xb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except FileExistsError:
        raise InputError.one(str(path), "another name was already written to this file "
                                        "(names that differ only in letter case, on a "
                                        "case-insensitive file system?)", name) from None
