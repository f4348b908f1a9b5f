"""A stock `adk api_server` (the CLI that ships with the pinned google-adk) on a loopback port.

Nothing reaches the network: the agent's model is scripted (`agents/nemo_agent`), every service is
named explicitly (SQLite sessions in a temporary folder, artifacts and memory in memory), telemetry
consent is written as "off" in a temporary HOME, and Google Cloud variables are removed so that ADK
detects no Agent Platform environment.

The stock server has no tokens and none of NemoVideo's `/api/...` routes. `StockAdkClient` is the
smallest seam over that: the real `NemoClient`, whose `/run_sse` path is untouched, with sessions
made and read through ADK's own session routes and credits unknown (as a server that never says).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from nemo_tui.core.client import NemoClient
from nemo_tui.core.models import Credits, SessionInfo, SessionState

AGENTS = Path(__file__).parent / "agents"
APP = "nemo_agent"
USER = "me"  # what the client sends as `user_id`; stock ADK takes it literally
SESSIONS = f"/apps/{APP}/users/{USER}/sessions"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _offline_env(home: Path) -> dict[str, str]:
    (home / ".adk").mkdir(parents=True, exist_ok=True)
    (home / ".adk" / "config.json").write_text(json.dumps({"telemetry": False}))
    cloud = ("GOOGLE_", "K_SERVICE", "GEMINI_", "VERTEX", "OTEL_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(cloud)}
    return {**env, "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}


class StockAdkServer:
    """`python -m google.adk.cli api_server` with the offline agent, until `stop()`."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._log = workdir / "adk.log"

    def start(self, timeout: float = 60.0) -> str:
        agents = self.workdir / "agents"
        shutil.copytree(AGENTS, agents, ignore=shutil.ignore_patterns("__pycache__"))
        port = _free_port()
        command = [
            sys.executable, "-m", "google.adk.cli", "api_server",
            "--host", "127.0.0.1", "--port", str(port),
            "--session_service_uri", f"sqlite:///{self.workdir / 'sessions.db'}",
            "--artifact_service_uri", "memory://", "--memory_service_uri", "memory://",
            "--log_level", "warning", str(agents),
        ]  # fmt: skip
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                cwd=self.workdir,
                env=_offline_env(self.workdir / "home"),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.url = f"http://127.0.0.1:{port}"
        self._wait_ready(timeout)
        return self.url

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"adk api_server exited:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/list-apps", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"adk api_server not ready after {timeout:g} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)

    def new_session(self, session_id: str | None = None) -> str:
        body = {"session_id": session_id} if session_id else {}
        response = httpx.post(f"{self.url}{SESSIONS}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()["id"]


class StockAdkClient(NemoClient):
    """The real client; sessions and their state through ADK's session routes (see the docstring)."""

    async def create_session(self, language: str = "en") -> SessionInfo:
        data = await self._request("POST", SESSIONS, json={})
        return SessionInfo(session_id=data["id"], user_id=data.get("userId"))

    async def state(self, session_id: str) -> SessionState:
        data: dict[str, Any] = await self._request("GET", f"{SESSIONS}/{quote(session_id, safe='')}")
        return SessionState.from_data({"session_id": data["id"], "state": data.get("state") or {}})

    async def credits(self) -> Credits:
        return Credits()
