"""One engine per data directory.

An engine's start-up recovery settles credit holds left frozen and fails or re-queues exports left
running, which is right after a crash and wrong while another engine is using the same folder (a TUI's
engine and `nemo-tui serve`, or two terminals). So an engine holds an exclusive `flock` on
`<data-dir>/engine.lock` for its whole life (the kernel drops it when the process dies, however it
dies) and writes its URL there once it listens; a second engine finds the lock held, reads that URL
and says where the running one is instead of starting.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_NAME = "engine.lock"


class DataDirInUse(RuntimeError):
    def __init__(self, data_dir: Path, url: str | None) -> None:
        where = f" at {url}" if url else ""
        super().__init__(
            f"another engine is running on {data_dir}{where}; use it, stop it, or give another --data-dir"
        )
        self.data_dir = data_dir
        self.url = url


class DataDirLock:
    """Held from `acquire` until `release` or the end of the process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: Path, wait_for_url: float = 30.0) -> DataDirLock:
        """Lock `data_dir`, or raise DataDirInUse with the holder's URL (waiting up to `wait_for_url`
        seconds for a holder that is still starting to write it)."""
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataDirInUse(data_dir, _holder_url(path, wait_for_url)) from None
        os.ftruncate(fd, 0)
        return cls(path, fd)

    def publish(self, url: str) -> None:
        """Tell later engines (and people) where this one listens."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, url.encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def _holder_url(path: Path, wait: float) -> str | None:
    deadline = time.monotonic() + wait
    while True:
        try:
            url = path.read_text().strip()
        except OSError:
            url = ""
        if url or time.monotonic() >= deadline:
            return url or None
        time.sleep(0.1)
