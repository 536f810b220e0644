"""Engines: where the backends' work runs. The runner (:mod:`bench.extractors.runner`)
and the shard-file run (:mod:`bench.extractors.shard_run`) cut the work into
:class:`Task` s and hand them to an :class:`Engine`; they never see a process or an actor.

* :class:`LocalEngine`: worker processes on this machine (spawned; each ends with the
  process that started it, :func:`die_with_parent`).
* :class:`RayEngine` (:mod:`bench.extractors.ray_engine`): actors on a Ray cluster.

A worker is made once per process or actor from a task's ``worker`` (a class and its
arguments: it loads the backend) and then called on one task's ``unit`` after another
(``worker(unit, tick)`` returns a dict with a ``status``; ``tick(n)`` counts ``n``
documents done, for the progress bars). Tasks share a worker when their ``worker`` is
equal. A result whose status is not ``ok`` fails its ``group`` (the backend): the
group's other tasks are stopped and give no result.

Timeout, one meaning on every engine: ``timeout`` is the most seconds one worker may
spend on one task (a shard of a backend's documents, or one shard file), counted from
the moment the task is handed to it (a new worker loads its backend within that time).
A worker that exceeds it is stopped (its process or actor killed) and the backend fails
with the reason ``timed out after N s`` (:func:`timed_out`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bench.extractors.record import RunStatus

DEFAULT_TIMEOUT = 300.0

Tick = Callable[[str, int], None]
"""``tick(group, n)``: ``n`` more documents of ``group`` are done."""


@dataclass(frozen=True)
class Task:
    group: str
    """The backend the task belongs to: a failure stops the group's other tasks."""
    worker: tuple[type, tuple]
    """(class, arguments) of the worker that does it; equal for tasks that may share one."""
    unit: object
    """What the worker is called on (picklable)."""
    size: int = 1
    """Documents in the task, for progress."""


class Engine(Protocol):
    units_per_worker: int
    """How many tasks per worker a caller should cut its work into (small tasks let an
    engine that retries or balances lose less)."""

    def map(self, tasks: Sequence[Task], jobs: int, timeout: float,
            tick: Tick | None = None) -> list[dict | None]:
        """The result of each task, in the order of ``tasks``, by at most ``jobs`` workers
        at a time; None for a task stopped because another of its group failed."""
        ...


def timed_out(timeout: float) -> dict:
    return {"status": RunStatus.FAILED, "reason": f"timed out after {timeout:g} s"}


def failed(exc: BaseException) -> dict:
    """The result of a worker that raised ``exc``."""
    return {"status": RunStatus.FAILED, "reason": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(limit=8)}


class Scheduler:
    """The bookkeeping both engines share: which task goes next to which worker, which
    groups failed. ``slots`` are the engine's workers (busy or idle), each with its
    ``worker`` key."""

    def __init__(self, tasks: Sequence[Task], jobs: int) -> None:
        self.tasks = tasks
        self.jobs = jobs
        self.pending = deque(range(len(tasks)))
        self.results: list[dict | None] = [None] * len(tasks)
        self.failed: set[str] = set()

    def next_task(self, slots: list[Slot]) -> tuple[int, Slot | None, bool] | None:
        """The next task and an idle slot of its worker (None: start one); None when no
        task can start now. The bool: whether to close idle slots first (``jobs`` full)."""
        while self.pending and self.tasks[self.pending[0]].group in self.failed:
            self.pending.popleft()
        if not self.pending:
            return None
        i = self.pending[0]
        idle = next((s for s in slots if s.index is None
                     and s.worker == self.tasks[i].worker), None)
        if idle is None and len(slots) >= self.jobs:
            if all(s.index is not None for s in slots):
                return None
            return i, None, True
        self.pending.popleft()
        return i, idle, False

    def unused(self, slots: list[Slot]) -> list[Slot]:
        """Idle slots whose worker no pending task needs."""
        wanted = {self.tasks[i].worker for i in self.pending
                  if self.tasks[i].group not in self.failed}
        return [s for s in slots if s.index is None and s.worker not in wanted]

    def done(self, index: int, result: dict) -> str | None:
        """Record a result; the group it fails, if any."""
        self.results[index] = result
        group = self.tasks[index].group
        if result.get("status") != RunStatus.OK:
            self.failed.add(group)
            return group
        return None


@dataclass(eq=False)
class Slot:
    worker: tuple
    handle: object
    index: int | None = None
    """The task it is doing (None: idle)."""
    started: float = 0.0
    extra: dict = field(default_factory=dict)


class LocalEngine:
    """Worker processes on this machine."""

    units_per_worker = 1

    def map(self, tasks: Sequence[Task], jobs: int, timeout: float,
            tick: Tick | None = None) -> list[dict | None]:
        ctx = mp.get_context("spawn")
        plan = Scheduler(tasks, jobs)
        slots: list[Slot] = []
        try:
            while True:
                for slot in plan.unused(slots):
                    self._close(slot, slots)
                while (step := plan.next_task(slots)) is not None:
                    i, slot, make_room = step
                    if make_room:
                        self._close(next(s for s in slots if s.index is None), slots)
                        continue
                    if slot is None:
                        slot = self._start(ctx, tasks[i].worker)
                        slots.append(slot)
                    slot.handle[1].send(tasks[i].unit)
                    slot.index, slot.started = i, time.monotonic()
                busy = [s for s in slots if s.index is not None]
                if not busy:
                    return plan.results
                for slot in busy:
                    self._poll(slot, slots, plan, timeout, tick)
                time.sleep(0.02)
        finally:
            for slot in list(slots):
                self._close(slot, slots, kill=True)

    @staticmethod
    def _start(ctx, worker: tuple) -> Slot:
        mine, theirs = ctx.Pipe()
        counter = ctx.Value("i", 0)
        proc = ctx.Process(target=_serve, args=(worker, theirs, counter), daemon=True)
        proc.start()
        theirs.close()
        return Slot(worker, (proc, mine), extra={"counter": counter, "seen": 0})

    def _poll(self, slot: Slot, slots: list[Slot], plan: Scheduler, timeout: float,
              tick: Tick | None) -> None:
        if slot.index is None:  # stopped: another task of its group failed
            return
        proc, conn = slot.handle
        group = plan.tasks[slot.index].group
        result = None
        if conn.poll():
            try:
                result = conn.recv()
            except (EOFError, OSError):
                result = {"status": RunStatus.FAILED, "reason": _died(proc)}
        elif not proc.is_alive():
            result = {"status": RunStatus.FAILED, "reason": _died(proc)}
        elif time.monotonic() - slot.started > timeout:
            result = timed_out(timeout)
        now = slot.extra["counter"].value
        if tick is not None and now > slot.extra["seen"]:
            tick(group, now - slot.extra["seen"])
        slot.extra["seen"] = now
        if result is None:
            return
        index, slot.index = slot.index, None
        if result.get("status") != RunStatus.OK:
            self._close(slot, slots, kill=True)
        if plan.done(index, result) is not None:
            for other in [s for s in slots if s.index is not None
                          and plan.tasks[s.index].group == group]:
                self._close(other, slots, kill=True)

    @staticmethod
    def _close(slot: Slot, slots: list[Slot], kill: bool = False) -> None:
        proc, conn = slot.handle
        slot.index = None
        if not kill:
            try:
                conn.send(None)  # no more work: the worker returns
            except OSError:
                kill = True
        if kill:
            proc.kill()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        conn.close()
        if slot in slots:
            slots.remove(slot)


def _serve(worker: tuple, conn, counter) -> None:
    """A worker process: makes the worker, then answers each unit it is sent until it is
    sent None. A worker that cannot be made answers every unit with why."""
    die_with_parent()
    cls, args = worker
    try:
        tagger, broken = cls(*args), None
    except BaseException as exc:  # isolate everything the backend may throw
        tagger, broken = None, failed(exc)

    def tick(n: int) -> None:
        with counter.get_lock():
            counter.value += n

    while True:
        try:
            unit = conn.recv()
        except (EOFError, OSError):
            return
        if unit is None:
            return
        if broken is not None:
            out = broken
        else:
            try:
                out = tagger(unit, tick)
            except BaseException as exc:
                out = failed(exc)
        conn.send(out)


def _died(proc) -> str:
    proc.join(1)
    code = proc.exitcode
    if code is not None and code < 0:
        import signal
        return f"crashed: killed by signal {signal.Signals(-code).name}"
    return f"crashed: process exited with code {code} without a result"


def die_with_parent() -> None:
    """End this worker process when the process that started it ends, however that ends:
    a ``bench run`` killed with SIGKILL has no time to stop its workers, and a hung backend
    would run for ever. Linux: a parent-death signal (prctl PR_SET_PDEATHSIG); elsewhere,
    or if that cannot be set, a thread that watches the parent's pid. A parent that died
    before this ran ends the worker at once. A no-op outside a multiprocessing child."""
    parent = mp.parent_process()
    if parent is None:
        return
    armed = False
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent.pid:  # orphaned already (the parent died before the signal)
        os._exit(1)
    if not armed:
        import threading

        def watch() -> None:
            while os.getppid() == parent.pid:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
