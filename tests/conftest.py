from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from bench.extractors.base import Extractor

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

# Backends whose tests must run: a test that would skip because one of them (or a package
# it needs) is unavailable fails instead. CI lists what its extras install (.ci/run).
REQUIRE = "BENCH_REQUIRE_BACKENDS"


def required_backends() -> set[str]:
    return set(os.environ.get(REQUIRE, "").split())


def pytest_configure(config: pytest.Config) -> None:
    """A name in BENCH_REQUIRE_BACKENDS that no backend has would never fail: refused."""
    from bench.extractors.registry import MODEL_KINDS, known

    unknown = sorted(n for n in required_backends()
                     if n not in known() and n not in MODEL_KINDS and ":" not in n)
    if unknown:
        raise pytest.UsageError(f"{REQUIRE}: unknown backend(s) {', '.join(unknown)} "
                                f"(known: {', '.join([*known(), *MODEL_KINDS])})")


def unavailable(backend: str, reason: str) -> NoReturn:
    """Skip the test: ``backend`` cannot run here (``reason``: why, how to install). When
    BENCH_REQUIRE_BACKENDS lists it, fail instead, naming the backend and the reason.
    Every skip for a missing backend goes through here."""
    if backend in required_backends():
        pytest.fail(f"{backend} is unavailable but {REQUIRE} requires it: {reason}",
                    pytrace=False)
    pytest.skip(f"{backend}: {reason}", allow_module_level=True)


def backend_module(backend: str, module: str, reason: str = "") -> ModuleType:
    """``pytest.importorskip`` for a package ``backend`` needs, through :func:`unavailable`."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        why = f"cannot import {module} ({exc})" + (f": {reason}" if reason else "")
    unavailable(backend, why)


def available_backend(name: str) -> Extractor:
    """The loaded backend ``name``, or :func:`unavailable` with the reason it gives."""
    from bench.extractors.registry import load

    try:
        ext = load(name)
    except ImportError as exc:
        ok, reason = False, str(exc)
    else:
        ok, reason = ext.available()
    if not ok:
        unavailable(name, reason)
    return ext


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
