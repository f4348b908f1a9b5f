"""Running on the kernel's main event loop, whatever thread a callback arrives on, never blocking it.

ipykernel runs cells on the main thread's asyncio loop. Comm messages (button clicks, values typed in
the browser) may arrive elsewhere: JupyterLab 4.x sends them over a kernel subshell by default
("comms over subshells"), and ipykernel 7 then calls the widget's handlers on a `subshell-…` thread
that runs an asyncio loop of its own. The controller must never see that thread: its SQLite history
was opened on the main thread and its locks and events belong to the main loop.

So the workspace captures the loop it is built on (a notebook cell runs on the main loop), and every
callback is handed to that loop thread-safely (`call_soon_threadsafe`) before it touches a widget or
the controller. A handler must return at once, so the work it starts runs as a task on that loop; the
cell that made the click stays usable while the task runs.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
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
    """The loop the widget lives on and the thread that runs it, captured when the widget is built.

    Built outside a running loop (a script, a kernel-less test), the first loop seen running on the
    building thread is taken instead. A loop running on any other thread is never adopted.
    """

    def __init__(self) -> None:
        self._thread = threading.get_ident()
        self._loop: asyncio.AbstractEventLoop | None = running_loop()
        self._tasks: set[asyncio.Task[Any]] = set()  # strong references: the loop keeps only weak ones
        self._handoffs: set[concurrent.futures.Future[None]] = set()  # calls queued from other threads

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        if self._loop is not None and self._loop.is_closed():
            self._loop = None
        if self._loop is None and self.on_loop_thread():
            self._loop = running_loop()
        return self._loop

    def on_loop_thread(self) -> bool:
        return threading.get_ident() == self._thread

    def call(self, fn: Callable[..., None], *args: Any) -> None:
        """`fn(*args)` on the loop's thread: now if this is it, else queued there thread-safely.
        Without a loop to hand it to (no kernel), it runs here: the caller reports what fails."""
        loop = self.loop
        if self.on_loop_thread() or loop is None:
            fn(*args)
            return
        done: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._handoffs.add(done)
        done.add_done_callback(self._handoffs.discard)

        def run() -> None:
            try:
                fn(*args)
            except Exception:
                log.exception("widget callback failed")  # a handler reports its own errors first
            finally:
                done.set_result(None)

        try:
            loop.call_soon_threadsafe(run)
        except RuntimeError:  # the loop closed meanwhile: nothing left to draw on
            done.set_result(None)

    def spawn(
        self,
        coro: Coroutine[Any, Any, Any],
        on_error: Callable[[BaseException], None],
        on_done: Callable[[], None] | None = None,
    ) -> asyncio.Task[Any] | None:
        """Run `coro` as a task on the kernel's loop; its exception goes to `on_error`, never lost.
        Call it on the loop's thread (handlers get there through `call`)."""
        loop = self.loop
        if loop is None or not self.on_loop_thread():
            coro.close()
            on_error(RuntimeError("No running event loop: use the workspace inside a Jupyter kernel."))
            return None
        task = loop.create_task(coro)
        self._tasks.add(task)

        def finished(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            error = None if t.cancelled() else t.exception()  # a cancelled task has no exception to ask for
            if error is not None:
                on_error(error)
            if on_done is not None:
                on_done()

        task.add_done_callback(finished)
        return task

    def threadsafe(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """`callback` wrapped so that, called from another thread, it runs on the loop instead."""
        return lambda arg: self.call(callback, arg)

    async def cancel(self) -> None:
        """Cancel every task this object started and wait until they have stopped."""
        for task in list(self._tasks):
            task.cancel()
        await self.drain()

    async def drain(self) -> None:
        """Wait for the calls handed over from other threads and every task this object started."""
        while self._tasks or self._handoffs:
            handoffs = [asyncio.wrap_future(f) for f in list(self._handoffs)]
            await asyncio.gather(*handoffs, *list(self._tasks), return_exceptions=True)


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
