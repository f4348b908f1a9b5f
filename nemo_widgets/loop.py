"""Running on the kernel's event loop without ever blocking it.

ipykernel runs cells and comm messages (button clicks) on one asyncio loop. A widget callback must
return at once, so the work it starts is scheduled on that loop as a task; the cell that made the
click stays usable while the task runs. Updates that arrive from another thread are moved onto the
loop before they touch a widget, because widget traits are not thread-safe.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


def running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class KernelLoop:
    """The loop the widget lives on: remembered the first time one is seen running."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = running_loop()
        self._tasks: set[asyncio.Task[Any]] = set()  # strong references: the loop keeps only weak ones

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        current = running_loop()
        if current is not None:
            self._loop = current
        if self._loop is not None and self._loop.is_closed():
            self._loop = None
        return self._loop

    def spawn(
        self,
        coro: Coroutine[Any, Any, Any],
        on_error: Callable[[BaseException], None],
        on_done: Callable[[], None] | None = None,
    ) -> asyncio.Task[Any] | None:
        """Run `coro` as a task on the kernel's loop; its exception goes to `on_error`, never lost."""
        loop = self.loop
        if loop is None:
            coro.close()
            on_error(RuntimeError("No running event loop: use the workspace inside a Jupyter kernel."))
            return None
        task = loop.create_task(coro)
        self._tasks.add(task)

        def finished(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                on_error(t.exception())  # type: ignore[arg-type]
            if on_done is not None:
                on_done()

        task.add_done_callback(finished)
        return task

    def threadsafe(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """`callback` wrapped so that, called from another thread, it runs on the loop instead."""

        def call(arg: Any) -> None:
            loop = self._loop
            if loop is None or loop.is_closed() or _on_loop_thread(loop):
                callback(arg)
            else:
                loop.call_soon_threadsafe(callback, arg)

        return call

    async def cancel(self) -> None:
        """Cancel every task this object started and wait until they have stopped."""
        for task in list(self._tasks):
            task.cancel()
        await self.drain()

    async def drain(self) -> None:
        """Wait for every task this object started (tests and `Workspace.close`)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


def _on_loop_thread(loop: asyncio.AbstractEventLoop) -> bool:
    return running_loop() is loop or getattr(loop, "_thread_id", None) in (None, threading.get_ident())


class Throttle:
    """Coalesce frequent redraws (streamed text, the event log) into one per `interval` seconds.

    Without a running loop the redraw happens at once, which keeps kernel-less tests simple.
    `flush()` redraws now if one is pending: the scripting API calls it before returning, so the
    final state is sent while the cell that asked for it is still running.
    """

    def __init__(self, redraw: Callable[[], None], interval: float = 0.1) -> None:
        self._redraw = redraw
        self._interval = interval
        self._handle: asyncio.TimerHandle | None = None
        self._pending = False

    def poke(self) -> None:
        self._pending = True
        if self._handle is not None:
            return
        loop = running_loop()
        if loop is None:
            self.flush()
        else:
            self._handle = loop.call_later(self._interval, self.flush)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._pending:
            self._pending = False
            self._redraw()
