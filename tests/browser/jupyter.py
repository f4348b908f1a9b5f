"""JupyterLab or Notebook 7 on a loopback port, in temporary folders, that never reaches the network.

The server gets its own root, config, data, runtime, settings and workspaces folders, a random token
passed through the environment (never on a command line, never printed: its log is kept redacted),
and settings that turn off everything that phones out: the news feed, the update check, the PyPI
extension manager. Nothing else is changed from the defaults: in particular JupyterLab's "comms over
subshells" stays on, as people get it. `window.jupyterapp` is exposed so a test can run the same
commands a person picks from the menus (Run All, Save, change the theme).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# Settings a person could pick in the UI; each one only stops a request to the internet. (The PyPI
# extension manager is turned off by `--LabApp.extension_manager=readonly`: a settings file for a
# plugin that Notebook 7 lacks makes its settings registry throw.)
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


@dataclass
class JupyterServer:
    app: str  # "lab" or "notebook"
    root: Path
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(24), repr=False)
    process: asyncio.subprocess.Process | None = None
    log: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """An address the browser opens: the token in the query, as Jupyter's own links carry it."""
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def redacted_log(self) -> str:
        return "".join(self.log[-80:]).replace(self.token, "<token>")

    def api(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base, headers={"Authorization": f"token {self.token}"}, timeout=30, trust_env=False
        )


def environment(server: JupyterServer, home: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    folders = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    for name, value in QUIET_SETTINGS.items():
        target = folders["JUPYTERLAB_SETTINGS_DIR"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    env.update({k: str(v) for k, v in folders.items()})
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # this environment's kernel spec
    env["JUPYTER_TOKEN"] = server.token
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


@contextlib.asynccontextmanager
async def jupyter_server(
    app: str, root: Path, home: Path, env: dict[str, str], *, timeout: float = 60
) -> AsyncIterator[JupyterServer]:
    """Start `jupyter lab` or `jupyter notebook`; stop it (and its kernels) at the end."""
    server = JupyterServer(app, root)
    app_class = "LabApp" if app == "lab" else "JupyterNotebookApp"
    args = [
        sys.executable,
        "-m",
        "jupyterlab" if app == "lab" else "notebook",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",  # CI runs as root
        "--ServerApp.terminals_enabled=False",
        f"--{app_class}.expose_app_in_browser=True",
    ]
    if app == "lab":
        args += [
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
    server.process = await asyncio.create_subprocess_exec(
        *args,
        cwd=root,
        env=environment(server, home, env),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group: the kernels and engines it starts die with it
    )
    drain: asyncio.Task[None] | None = None
    try:
        server.port = await asyncio.wait_for(_listening_port(server), timeout)
        drain = asyncio.create_task(_keep_reading(server))
        yield server
    finally:
        await _stop(server)
        if drain is not None:
            drain.cancel()


async def _listening_port(server: JupyterServer) -> int:
    """The port from the server's "is running at" line (read from its log, which is kept)."""
    assert server.process and server.process.stderr
    while line := (await server.process.stderr.readline()).decode(errors="replace"):
        server.log.append(line)
        if match := re.search(r"http://127\.0\.0\.1:(\d+)/", line):
            return int(match.group(1))
    raise RuntimeError(f"the Jupyter server exited before it listened:\n{server.redacted_log()}")


async def _keep_reading(server: JupyterServer) -> None:
    assert server.process and server.process.stderr
    while line := await server.process.stderr.readline():
        server.log = [*server.log[-400:], line.decode(errors="replace")]


async def _stop(server: JupyterServer) -> None:
    """Ask the server to shut down (it stops its kernels, which stop their engines), then make sure."""
    process = server.process
    if process is None or process.returncode is not None:
        return
    with contextlib.suppress(Exception):
        async with server.api() as api:
            await api.post("/api/shutdown")
        await asyncio.wait_for(process.wait(), 15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever is left of its group
    await process.wait()
