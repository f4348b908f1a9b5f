"""Which backend a workspace talks to: the remote API when one is configured, else the local engine.

The local engine is a separate program; it is started here as a subprocess on a free loopback port and
stopped on exit. Importing the launcher is deferred so `import nemo_tui.core` stays light and free of
engine code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

LOCAL_BACKEND = "local"


@dataclass
class Backend:
    url: str
    key: str  # "local" for the engine (its port changes per start), else the API URL
    label: str  # for the status line
    engine: Any = None  # the running LocalEngine, if we started one

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


def backend_key(api_url: str | None) -> str:
    """The key a backend's sessions are kept under in the history, known without starting it."""
    return api_url.rstrip("/") if api_url else LOCAL_BACKEND


async def open_backend(api_url: str | None, data_dir: Path) -> Backend:
    """Start (or point at) the backend. A remote URL is used as is; None starts the local engine."""
    if api_url:
        host = urlparse(api_url).hostname or api_url
        return Backend(url=api_url.rstrip("/"), key=backend_key(api_url), label=host)
    from nemo_tui.engine.launcher import LocalEngine  # deferred: see the module docstring

    engine = LocalEngine(data_dir / "engine")
    url = await engine.start()
    return Backend(url=url, key=LOCAL_BACKEND, label="local engine", engine=engine)
