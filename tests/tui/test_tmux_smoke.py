"""`nemo-tui` in a real terminal (tmux), driven as a person would: type a request, watch the timeline,
export, find the MP4, quit; and at 80×24, the smallest size we support, generate and edit. Slow: each
case starts the local engine, and the first renders a 10-second video."""

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

REQUEST = (  # plain scenes: a title track to edit
    "generate a 10-second promo video on plain backgrounds from this text script: "
    "City lights at night. A cafe opens."
)


class Terminal:
    """One tmux server of our own (its own socket), one window of `size` running the command."""

    def __init__(self, command: str, cwd: Path, size: tuple[int, int]) -> None:
        self.socket = f"nemo-smoke-{uuid.uuid4().hex[:8]}"
        width, height = (str(n) for n in size)
        self._tmux("new-session", "-d", "-s", "app", "-x", width, "-y", height, "-c", str(cwd), command)

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
def terminal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    """120×40 unless the test passes another size (indirect parametrisation)."""
    env = {"NEMO_DATA_DIR": str(tmp_path / "data"), "NEMO_CONFIG_DIR": str(tmp_path / "config"),
           "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}  # fmt: skip
    exe = shutil.which("nemo-tui")
    program = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m nemo_tui.cli"
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES would override the pane's size (shutil.get_terminal_size reads them first).
    command = f"env -u NEMO_API_URL -u COLUMNS -u LINES {assignments} {program}"
    term = Terminal(command, tmp_path, getattr(request, "param", (120, 40)))
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

    _quit(terminal)


def _quit(terminal: Terminal) -> None:
    terminal.key("C-q")
    deadline = time.monotonic() + 30
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not terminal.alive(), "ctrl+q did not end the app"


def _credits(screen: str) -> str:
    """The balance in the top bar ("◆ 80 credits"), or "" before it is known."""
    head, mark, balance = screen.splitlines()[0].rpartition("◆")
    return balance.strip() if mark else ""


def _row(screen: str, text: str) -> str:
    return next((row for row in screen.splitlines() if text in row), "")


@pytest.mark.parametrize("terminal", [(80, 24)], indirect=True)
def test_generate_and_edit_at_80x24(terminal: Terminal) -> None:
    shown = terminal.wait_for("a session and its credits", lambda s: "│ session" in s and _credits(s), 90)
    rows = shown.splitlines()
    assert len(rows) == 24 and "credits" in rows[0]  # the status line and the credits bar
    assert "Make a video by chatting" in shown and "Describe your video" in shown  # chat and its box
    assert "F1 Help" in rows[-1]

    credits = _credits(shown)
    terminal.type(REQUEST)
    terminal.key("F2")  # at 80 columns the timeline starts hidden
    # The turn is over once the credits are refreshed: the last step, after the status says idle.
    shown = terminal.wait_for(
        "the timeline, the turn over", lambda s: "Timeline ·" in s and _credits(s) != credits, 120
    )
    assert "╭─ Timeline" in shown and "Describe your video" in shown and "credits" in shown.splitlines()[0]
    nodes = [row for row in shown.splitlines() if "├ " in row or "└ " in row]  # the tree's tracks and clips
    assert nodes and all(row.rstrip(" │").endswith("●") for row in nodes), "a change marker is cut off"

    terminal.key("F3")  # the log too: the tree now shows five rows, the title is below them
    terminal.type("make the title bigger")  # typed on the focused log: it goes to the chat box
    shown = terminal.wait_for(
        "the edited title scrolled into view and marked, and only it",
        lambda s: _row(s, "T Title").rstrip(" │").endswith("●") and "●" not in _row(s, "▣ Video"),
        60,
    )
    assert "make the title bigger" in shown and "╭─ Events" in shown
    _quit(terminal)
