"""A throwaway redis-server (Debian's) on a free loopback port, nothing saved to disk."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .ports import free_port, wait_for_port


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The server's process and its URL; raises RuntimeError when it is missing or does not start."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_for_port(port, proc, "redis-server", timeout_s=10)
    return proc, f"redis://127.0.0.1:{port}/0"
