"""The team tests' helpers: the workers started as processes, and what runs below them (/proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

START_S = 60


@dataclass
class Team:
    url: str
    store_dir: Path
    folder: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    app: Any = None

    @property
    def store_root(self) -> Path:
        """The render store the workers use: `render-store/` in the media folder they were given."""
        from nemo_tui.engine.team.media_store import store_location

        return Path(store_location(self.store_dir))

    def start(self, name: str, concurrency: int = 1, *extra: str) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "nemo_tui.engine.team.worker_cli", "--queue", self.url,
             "--media", str(self.store_dir), "--cache", str(self.folder / f"cache-{name}"),
             "--concurrency", str(concurrency), "--hostname", f"{name}@test", "--loglevel", "info", *extra],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.workers.append(proc)
        return proc

    def wait_ready(self, count: int) -> None:
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            if len(self.app.control.ping(timeout=0.5)) >= count:
                return
            dead = [p.pid for p in self.workers if p.poll() is not None]
            assert not dead, f"workers {dead} exited: {self.logs()}"
        pytest.fail(f"{count} workers did not answer in {START_S} s: {self.logs()}")

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.folder.glob("*.log"))

    def stop(self) -> None:
        for proc in self.workers:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(10)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc's parent links)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def ffmpeg_under(pids: list[int]) -> list[int]:
    """The ffmpeg processes below any of `pids` (a worker's pool processes' children)."""
    found = []
    for pid in pids:
        for child in descendants(pid):
            try:
                if b"ffmpeg" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")[0]:
                    found.append(child)
            except OSError:
                continue
    return found
