"""The Ray engine of ``bench run --engine ray [--address ADDR]``: the
:class:`~bench.extractors.engines.Engine` whose workers are actors on a Ray cluster
(``ray.init()`` on this machine when no address is given).

Each worker is an actor (``gpus`` GPUs each), made once and given one task after
another, at most ``jobs`` actors at a time. An actor that dies is restarted and its task
retried by Ray (at most 3 restarts of an actor and 3 retries of a task, so a backend
that always crashes fails instead of being retried for ever); an error that persists
fails the backend with the reason. The time limit is the engines' one
(:mod:`bench.extractors.engines`): an actor that spends more than ``timeout`` seconds on
one task is killed and the backend fails with ``timed out after N s``. Results come
back in the order of the tasks, so the files are the same bytes as the local engine's.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from bench.extractors.engines import Scheduler, Slot, Task, Tick, failed, timed_out
from bench.extractors.record import RunStatus


class _Host:
    """The actor: one worker, made once (a worker that cannot be made answers every
    task with why)."""

    def __init__(self, worker: tuple) -> None:
        cls, args = worker
        try:
            self.worker, self.broken = cls(*args), None
        except Exception as exc:  # isolate everything the backend may throw
            self.worker, self.broken = None, failed(exc)

    def run(self, unit: object) -> dict:
        if self.broken is not None:
            return self.broken
        try:
            return self.worker(unit, lambda n: None)
        except Exception as exc:
            return failed(exc)


class RayEngine:
    """Actors on a Ray cluster (``address``; a local one when None)."""

    units_per_worker = 4

    def __init__(self, address: str | None = None, gpus: float = 0.0) -> None:
        self.address = address
        self.gpus = gpus

    def map(self, tasks: Sequence[Task], jobs: int, timeout: float,
            tick: Tick | None = None) -> list[dict | None]:
        import ray

        if not ray.is_initialized():
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                     logging_level="ERROR", configure_logging=False)
        host = ray.remote(max_restarts=3, max_task_retries=3)(_Host)
        if self.gpus:
            host = host.options(num_gpus=self.gpus)
        plan = Scheduler(tasks, jobs)
        slots: list[Slot] = []
        try:
            while True:
                for slot in plan.unused(slots):
                    _close(slot, slots)
                while (step := plan.next_task(slots)) is not None:
                    i, slot, make_room = step
                    if make_room:
                        _close(next(s for s in slots if s.index is None), slots)
                        continue
                    if slot is None:
                        slot = Slot(tasks[i].worker, host.remote(tasks[i].worker))
                        slots.append(slot)
                    slot.extra["ref"] = slot.handle.run.remote(tasks[i].unit)
                    slot.index, slot.started = i, time.monotonic()
                busy = [s for s in slots if s.index is not None]
                if not busy:
                    return plan.results
                refs = [s.extra["ref"] for s in busy]
                ready = set(ray.wait(refs, num_returns=len(refs), timeout=0.05)[0])
                for slot in busy:
                    if slot.index is not None:  # else stopped: its group failed
                        _poll(slot, slots, plan, timeout, tick, slot.extra["ref"] in ready)
        finally:
            for slot in list(slots):
                _close(slot, slots)


def _poll(slot: Slot, slots: list[Slot], plan: Scheduler, timeout: float,
          tick: Tick | None, ready: bool) -> None:
    import ray

    task = plan.tasks[slot.index]
    if ready:
        try:
            result = ray.get(slot.extra["ref"])
        except Exception as exc:  # Ray gave up: the backend fails with the reason
            result = {"status": RunStatus.FAILED, "reason": failure(exc)}
    elif time.monotonic() - slot.started > timeout:
        result = timed_out(timeout)
    else:
        return
    index, slot.index = slot.index, None
    if result.get("status") == RunStatus.OK and tick is not None:
        tick(task.group, task.size)
    if result.get("status") != RunStatus.OK:
        _close(slot, slots)
    if plan.done(index, result) is not None:
        for other in [s for s in slots if s.index is not None
                      and plan.tasks[s.index].group == task.group]:
            _close(other, slots)


def _close(slot: Slot, slots: list[Slot]) -> None:
    import ray

    slot.index = None
    ray.kill(slot.handle, no_restart=True)
    slots.remove(slot)


def failure(exc: Exception) -> str:
    """The reason Ray gave up, in one line."""
    last = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {last[-1] if last else ''}"
