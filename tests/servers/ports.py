"""Loopback ports for the servers the tests start: a free one, and waiting until one answers."""

from __future__ import annotations

import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], name: str, timeout_s: float = 30.0) -> None:
    """Return once `port` accepts a connection; kill `proc` and raise when it exits or takes too long."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"{name} did not start (exit {proc.poll()})") from None
            time.sleep(0.05)
