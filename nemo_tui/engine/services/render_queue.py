"""The render queue, behind a small interface: asyncio tasks in this process today, a distributed
queue later.

Jobs of one group (a session) run one at a time, in the order they were submitted; at most
`workers` jobs run at once in all. The queue only schedules: what a job does is the `run` callable
it was built with, which learns from `stop_reason` why it was cancelled. A job is named by its
`JobKey`, (account id, render id): two accounts may use the same render id, so the id alone would
let one account's job replace or cancel another's.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

log = logging.getLogger("nemo_tui.engine.jobs")

StopReason = Literal["cancelled", "shutdown"]
JobKey = tuple[str, str]  # (account id, render id)


class RenderQueue(Protocol):
    def submit(self, key: JobKey, group: str) -> None: ...

    async def cancel(self, key: JobKey) -> bool: ...

    def stop_reason(self, key: JobKey) -> StopReason | None: ...

    async def stop(self) -> None: ...


class LocalRenderQueue:
    def __init__(self, run: Callable[[JobKey], Awaitable[None]], *, workers: int = 1) -> None:
        self._run = run
        self._slots = asyncio.Semaphore(max(1, workers))
        self._groups: dict[str, asyncio.Lock] = {}
        self._tasks: dict[JobKey, asyncio.Task[None]] = {}
        self._reasons: dict[JobKey, StopReason] = {}

    def submit(self, key: JobKey, group: str) -> None:
        lock = self._groups.setdefault(group, asyncio.Lock())
        task = asyncio.create_task(self._job(key, lock), name=f"render {key[1]}")
        self._tasks[key] = task

    async def _job(self, key: JobKey, group_lock: asyncio.Lock) -> None:
        try:
            async with group_lock, self._slots:
                await self._run(key)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("render job %s crashed", key[1])
        finally:
            self._tasks.pop(key, None)
            self._reasons.pop(key, None)

    async def cancel(self, key: JobKey) -> bool:
        """Stop the job (waiting or running) and return once it has stopped; False if unknown."""
        task = self._tasks.get(key)
        if task is None or task.done():
            return False
        self._reasons[key] = "cancelled"
        task.cancel()
        await asyncio.wait({task}, timeout=30)
        return True

    def stop_reason(self, key: JobKey) -> StopReason | None:
        return self._reasons.get(key)

    async def stop(self) -> None:
        tasks = list(self._tasks.items())
        for key, task in tasks:
            self._reasons.setdefault(key, "shutdown")
            task.cancel()
        await asyncio.gather(*(t for _, t in tasks), return_exceptions=True)
