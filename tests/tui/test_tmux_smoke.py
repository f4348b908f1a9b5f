"""`nemo-tui` in a real terminal (tmux), driven as a person would: type a request, watch the timeline,
export, find the MP4, quit. Slow: it starts the local engine and renders a 10-second video."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]

REQUEST = "generate a 10-second promo video from this text script: City lights at night. A cafe opens."


class Terminal:
    """One tmux server of our own (its own socket), one 120×40 window running the command."""

    def __init__(self, command: str, cwd: Path) -> None:
        self.socket = f"nemo-smoke-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", "-c", str(cwd), command)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app")

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "app", "-l", text)
        self._tmux("send-keys", "-t", "app", "Enter")

    def key(self, name: str) -> None:
        self._tmux("send-keys", "-t", "app", name)

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-L", self.socket, "has-session", "-t", "app"], capture_output=True
            ).returncode
            == 0
        )

    def wait_for(self, what: str, check: Callable[[str], bool], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if check(shown):
                return shown
            time.sleep(0.25)
        size = self._tmux("display", "-p", "-t", "app", "#{window_width}x#{window_height}").strip()
        raise AssertionError(f"timed out waiting for {what}; the {size} screen shows:\n{self.screen()}")

    def close(self) -> None:
        self._tmux("kill-server")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {"NEMO_DATA_DIR": str(tmp_path / "data"), "NEMO_CONFIG_DIR": str(tmp_path / "config"),
           "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}  # fmt: skip
    exe = shutil.which("nemo-tui")
    program = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m nemo_tui.cli"
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES would override the pane's size (shutil.get_terminal_size reads them first).
    term = Terminal(f"env -u NEMO_API_URL -u COLUMNS -u LINES {assignments} {program}", tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_generate_watch_export_quit(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("the first paint", lambda s: "Describe your video" in s, 30)
    terminal.wait_for("the engine and a session", lambda s: "│ session" in s, 90)

    terminal.type(REQUEST)
    terminal.wait_for("the timeline's tracks", lambda s: "Timeline ·" in s and "tracks" in s, 120)

    out = tmp_path / "promo.mp4"
    terminal.type(f"/export {out}")
    terminal.wait_for("the saved file", lambda s: "Saved" in s and out.is_file(), 300)
    assert out.read_bytes()[4:8] == b"ftyp" and out.stat().st_size > 10_000

    terminal.key("C-q")
    deadline = time.monotonic() + 30
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not terminal.alive(), "ctrl+q did not end the app"
