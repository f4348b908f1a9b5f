"""The render queue, behind a small interface: asyncio tasks in this process today, a distributed
queue later.

Jobs of one group (a session) run one at a time, in the order they were submitted; at most
`workers` jobs run at once in all. The queue only schedules: what a job does is the `run` callable
it was built with, which learns from `reason` why it was cancelled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

log = logging.getLogger("nemo_tui.engine.jobs")

StopReason = Literal["cancelled", "shutdown"]


class RenderQueue(Protocol):
    def submit(self, job_id: str, group: str) -> None: ...

    async def cancel(self, job_id: str) -> bool: ...

    def stop_reason(self, job_id: str) -> StopReason | None: ...

    async def stop(self) -> None: ...


class LocalRenderQueue:
    def __init__(self, run: Callable[[str], Awaitable[None]], *, workers: int = 1) -> None:
        self._run = run
        self._slots = asyncio.Semaphore(max(1, workers))
        self._groups: dict[str, asyncio.Lock] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._reasons: dict[str, StopReason] = {}

    def submit(self, job_id: str, group: str) -> None:
        lock = self._groups.setdefault(group, asyncio.Lock())
        task = asyncio.create_task(self._job(job_id, lock), name=f"render {job_id}")
        self._tasks[job_id] = task

    async def _job(self, job_id: str, group_lock: asyncio.Lock) -> None:
        try:
            async with group_lock, self._slots:
                await self._run(job_id)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("render job %s crashed", job_id)
        finally:
            self._tasks.pop(job_id, None)
            self._reasons.pop(job_id, None)

    async def cancel(self, job_id: str) -> bool:
        """Stop the job (waiting or running) and return once it has stopped; False if unknown."""
        task = self._tasks.get(job_id)
        if task is None or task.done():
            return False
        self._reasons[job_id] = "cancelled"
        task.cancel()
        await asyncio.wait({task}, timeout=30)
        return True

    def stop_reason(self, job_id: str) -> StopReason | None:
        return self._reasons.get(job_id)

    async def stop(self) -> None:
        tasks = list(self._tasks.items())
        for job_id, task in tasks:
            self._reasons.setdefault(job_id, "shutdown")
            task.cancel()
        await asyncio.gather(*(t for _, t in tasks), return_exceptions=True)
