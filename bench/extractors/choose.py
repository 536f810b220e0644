"""The engine a run names (``--engine local|ray``): kept apart from the engines so that
neither engine module imports the other (the Ray one builds on :mod:`.engines`)."""

from __future__ import annotations

from bench.extractors.engines import Engine, LocalEngine


def make_engine(name: str = "local", address: str | None = None, gpus: float = 0.0
                ) -> Engine:
    """The engine of ``--engine NAME`` (``address``, ``gpus``: Ray's)."""
    if name == "ray":
        from bench.extractors.ray_engine import RayEngine

        return RayEngine(address, gpus)
    return LocalEngine()
