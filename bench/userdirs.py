"""Where arabench keeps what it can recompute: ``$XDG_CACHE_HOME/arabench`` (else
``~/.cache/arabench``), one folder per kind of thing (predictions, plots)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "arabench"
