"""One SessionController per backend per kernel, shared by every `Workspace()` made in that kernel.

Why a cache: notebooks re-run cells. Without it each `Workspace()` would start its own local engine (a
subprocess on its own port) and its own session, and the earlier ones would linger until the kernel
dies. docs/design.md's "no module-level singleton" rule is about engine state that a second engine process
could not see; this cache is front-end state of one kernel, like IPython's own display registry. An
entry made on another event loop (a test, a restarted loop) is replaced, never reused.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_tui.local_backend import open_backend

from .loop import running_loop


@dataclass(eq=False)
class Shared:
    """A controller and the single connect task every workspace using it waits on."""

    controller: SessionController
    key: tuple[str | None, str] | None = None  # None: handed in by the caller, not cached here
    loop: asyncio.AbstractEventLoop | None = None
    connecting: asyncio.Task[None] | None = field(default=None, repr=False)
    closed: bool = False
    workspace: Any = field(default=None, repr=False)  # the kernel's Workspace on this controller

    @property
    def connected(self) -> bool:
        return self.controller.session_id is not None

    async def connect(self, *, again: bool = False) -> None:
        """Connect once; concurrent callers wait on the same attempt; a failed attempt can be retried.
        A backend that stopped answering (or `again`) is reconnected: the local engine restarts and
        the same session opens again."""
        if self.closed:
            raise RuntimeError("This workspace was closed: create a new Workspace().")
        lost = self.connected and (again or self.controller.offline)
        if self.connected and not lost:
            return
        attempt = self.connecting
        if attempt is None or attempt.done():
            work = self.controller.reconnect() if lost else self.controller.connect()
            attempt = self.connecting = asyncio.ensure_future(work)
        await asyncio.shield(attempt)

    async def close(self) -> None:
        self.closed = True
        if self.key is not None and _SHARED.get(self.key) is self:
            del _SHARED[self.key]
        if self.connecting is not None and not self.connecting.done():
            self.connecting.cancel()
        await self.controller.close()


_SHARED: dict[tuple[str | None, str], Shared] = {}


def settings_for(api_url: str | None) -> Settings:
    settings = Settings.from_env()
    return settings.with_api_url(api_url) if api_url else settings


def shared_for(api_url: str | None = None) -> Shared:
    """The kernel's controller for this backend (and data folder), made on first use."""
    settings = settings_for(api_url)
    key = (settings.api_url, str(Path(settings.data_dir).resolve()))
    loop = running_loop()
    entry = _SHARED.get(key)
    old_loop = entry.loop if entry is not None else None
    stale = entry is not None and (
        entry.closed or (old_loop is not None and (old_loop.is_closed() or (loop and old_loop is not loop)))
    )
    if entry is None or stale:
        entry = Shared(SessionController(settings, backend_factory=open_backend), key=key, loop=loop)
        _SHARED[key] = entry
    elif entry.loop is None:
        entry.loop = loop
    return entry


def shared_of(controller: SessionController) -> Shared:
    """The cache entry of a controller handed in by the caller, so its views share one connect."""
    found = next((e for e in _SHARED.values() if e.controller is controller), None)
    return found or Shared(controller)


@atexit.register
def _stop_engines_at_exit() -> None:
    """Stop the local engines of workspaces nobody closed, when the kernel shuts down.

    The engine runs in its own process session, so it would otherwise outlive the kernel. The loop
    is gone by now, so this uses the launcher's synchronous stop.
    """
    for entry in list(_SHARED.values()):
        engine = getattr(entry.controller.backend, "engine", None)
        if engine is not None and hasattr(engine, "stop_sync"):
            with contextlib.suppress(Exception):
                engine.stop_sync(grace=3.0)
