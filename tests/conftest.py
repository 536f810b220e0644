from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: random exploration locally; under CI the same examples every run
# (derandomize) and no example database, so a run replays nothing from an earlier one.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The prediction cache of commands run by tests (bench run, bench suite run) goes to a
# folder of this test session, never the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="arabench-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
SEED = "000_8ba17c093c48657a"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the project corpus (seeds/ and gold/)."""
    for sub in ("seeds", "gold"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    return tmp_path


def needs_corpora(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (shared corpora are read by path, never committed)")
    return path
