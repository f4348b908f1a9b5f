"""Which backend a workspace talks to, and the seam through which a front end starts one.

Core starts no engine and imports no engine code (a test scans every import). A `BackendFactory`
turns the settings into a running `Backend`; the controller calls it on every connect. Core's own
factory, `remote_backend`, only points at NEMO_API_URL. The product's factory, which starts the local
engine when no URL is set, is `nemo_tui.local_backend.open_backend`: the TUI, the Jupyter widget and
the headless CLI hand it to `SessionController(settings, backend_factory=open_backend)`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlparse

from .errors import BadInput
from .settings import Settings

LOCAL_BACKEND = "local"


class EngineProcess(Protocol):
    """A backend process a factory started (the local engine): the controller watches and stops it."""

    @property
    def running(self) -> bool: ...

    @property
    def shared(self) -> bool:
        """Another program's engine, used but never stopped by us."""
        ...

    async def stop(self) -> object: ...


@dataclass
class Backend:
    url: str
    key: str  # "local" for the engine (its port changes per start), else the API URL
    label: str  # for the status line
    engine: EngineProcess | None = None  # the running local engine, if the factory started one

    @property
    def is_local(self) -> bool:
        return self.key == LOCAL_BACKEND

    @property
    def on_this_machine(self) -> bool:
        """A loopback URL: the local engine, started by us or by `nemo-tui serve` (fast polling is fine)."""
        host = urlparse(self.url).hostname or ""
        return host == "localhost" or host == "::1" or host.startswith("127.")

    async def stop(self) -> None:
        if self.engine is not None:
            await self.engine.stop()
            self.engine = None


BackendFactory = Callable[[Settings], Awaitable[Backend]]


def backend_key(api_url: str | None) -> str:
    """The key a backend's sessions are kept under in the history, known without starting it."""
    return api_url.rstrip("/") if api_url else LOCAL_BACKEND


def api_backend(api_url: str) -> Backend:
    """The backend at a URL, used as is (the cloud, or an engine someone else started)."""
    host = urlparse(api_url).hostname or api_url
    return Backend(url=api_url.rstrip("/"), key=backend_key(api_url), label=host)


async def remote_backend(settings: Settings) -> Backend:
    """Core's default factory: NEMO_API_URL, or a plain error, since starting an engine is not core's job."""
    if not settings.api_url:
        raise BadInput(
            "No backend: NEMO_API_URL is not set, and this program was not given a way to start "
            "the local engine.",
            action="Set NEMO_API_URL, or pass backend_factory=nemo_tui.local_backend.open_backend "
            "to SessionController.",
        )
    return api_backend(settings.api_url)
