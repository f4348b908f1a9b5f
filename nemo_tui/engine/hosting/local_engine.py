"""LocalEngine: the engine as a child process, for front ends and tests.

    async with LocalEngine(data_dir) as engine:     # or: with LocalEngine(data_dir) as engine:
        client = NemoClient(Settings(api_url=engine.url))

It runs `python -m nemo_tui.engine --port 0 --data-dir DIR`, waits for `NEMO_ENGINE_READY <url>` on
its stdout, and keeps draining stdout and stderr (the last lines of stderr go into error messages).
`stop()` sends SIGTERM to the engine (which stops its turns and puts running exports back in the
queue), then SIGKILL after a grace period, and finally SIGKILL to its whole process group, so no
ffmpeg it started outlives it. When another engine already runs on the same data directory (see
`datalock`), the child prints `NEMO_ENGINE_IN_USE <url>` and exits: `url` is then that engine's,
`shared` is True, and `stop()` leaves it running.

The child is a `subprocess.Popen` watched by two reader threads rather than an asyncio subprocess:
an asyncio subprocess belongs to the event loop that made it, and tests start one engine per test
session and use it from many loops (and from sync fixtures). The async methods never block the loop.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import NoReturn

READY_PREFIX = "NEMO_ENGINE_READY "
IN_USE_PREFIX = "NEMO_ENGINE_IN_USE "


class EngineStartError(RuntimeError):
    """The engine did not print its ready line in time (the message ends with its stderr)."""


class LocalEngine:
    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        env: Mapping[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        ready_timeout: float = 60.0,
        python: str | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.env = dict(env or {})
        self.host = host
        self.port = port
        self.ready_timeout = ready_timeout
        self.python = python or sys.executable
        self.url: str = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=60)
        self._ready = threading.Event()
        self._threads: list[threading.Thread] = []
        # True when another engine already held the data dir: we use it, and never stop it.
        self.shared = False

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stderr_tail(self, lines: int = 20) -> str:
        return "\n".join(list(self._stderr)[-lines:])

    # -- sync API ----------------------------------------------------------------------------------

    def start_sync(self) -> str:
        if self.running or self.shared:
            return self.url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [self.python, "-m", "nemo_tui.engine", "--host", self.host, "--port", str(self.port),
                "--data-dir", str(self.data_dir), "--exit-with-parent"]  # fmt: skip
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        self._ready.clear()
        self._stderr.clear()
        self._proc = subprocess.Popen(
            # stdin stays an open pipe while we live: its EOF tells the engine we are gone.
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            start_new_session=True,
        )  # fmt: skip
        self._threads = [
            threading.Thread(target=self._read_stdout, args=(self._proc,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self._proc,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        deadline = time.monotonic() + self.ready_timeout
        while not self._ready.wait(0.05):
            if self._proc.poll() is not None:
                self._threads[0].join(timeout=2)  # its last line may still be in the pipe
                if self._ready.is_set():
                    break
                self._fail_start()
            if time.monotonic() > deadline:
                self._fail_start()
        # mypy keeps `shared` False from the check at the top, but the stdout reader thread sets it.
        if self.shared:  # the child only said where the running engine is, and exits
            self._proc.wait(timeout=10)  # type: ignore[unreachable]
            self.stop_sync()
            self._proc = None
        return self.url

    def _fail_start(self) -> NoReturn:
        exited = self._proc is not None and self._proc.poll() is not None
        why = (
            f"exited with status {self._proc.returncode}" if exited and self._proc else "did not become ready"
        )
        self.stop_sync(grace=2)
        for thread in self._threads:
            thread.join(timeout=1)
        tail = self.stderr_tail() or "(no output on stderr)"
        raise EngineStartError(
            f"the local engine {why} within {self.ready_timeout:g} s; its stderr ends with:\n{tail}"
        )

    def stop_sync(self, grace: float = 10.0) -> int | None:
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.terminate()  # the engine only: it stops its own ffmpeg children in order
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self._signal_group(proc, signal.SIGKILL)
                proc.wait()
        self._signal_group(proc, signal.SIGKILL)  # leftovers in the group (e.g. an ffmpeg)
        for thread in self._threads:
            thread.join(timeout=1)
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        return proc.returncode

    def kill(self) -> None:
        """SIGKILL the engine and its process group at once: a crash, for tests."""
        if self._proc is not None and self._proc.poll() is None:
            self._signal_group(self._proc, signal.SIGKILL)
            self._proc.wait()

    @staticmethod
    def _signal_group(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def _read_stdout(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            if line.startswith((READY_PREFIX, IN_USE_PREFIX)) and not self._ready.is_set():
                self.shared = line.startswith(IN_USE_PREFIX)
                self.url = line.split(" ", 1)[1].strip()
                self._ready.set()

    def _read_stderr(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            self._stderr.append(raw.decode("utf-8", "replace").rstrip())

    def __enter__(self) -> LocalEngine:
        self.start_sync()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_sync()

    # -- async API ---------------------------------------------------------------------------------

    async def start(self) -> str:
        return await asyncio.to_thread(self.start_sync)

    async def stop(self, grace: float = 10.0) -> int | None:
        return await asyncio.to_thread(self.stop_sync, grace)

    async def __aenter__(self) -> LocalEngine:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()
