"""The product's backend factory: NEMO_API_URL when it is set, else the local engine as a child process.

Core imports no engine code, so it cannot start one: the TUI, the Jupyter widget and the headless
CLI hand this factory to `SessionController(settings, backend_factory=open_backend)`. The engine is
started on a free loopback port with its data under `<data dir>/engine`, and stopped when the
controller closes (unless another program's engine already held that folder: then it is only used).
"""

from __future__ import annotations

from nemo_tui.core.backend import LOCAL_BACKEND, Backend, remote_backend
from nemo_tui.core.settings import Settings
from nemo_tui.engine.hosting.local_engine import LocalEngine  # standard library only: cheap to import


async def open_backend(settings: Settings) -> Backend:
    """Start (or point at) the backend. A remote URL is used as is; none starts the local engine."""
    if settings.api_url:
        return await remote_backend(settings)
    engine = LocalEngine(settings.data_dir / "engine")
    url = await engine.start()
    return Backend(url=url, key=LOCAL_BACKEND, label="local engine", engine=engine)
