"""`nemo-tui --graphics kitty` in a real tmux (3.3 here: no sixel; no terminal outside a detached
session to answer kitty's query): the probe gets no answer, the app falls back to half-blocks with one
line in the event log saying why, and the screen is whole (no answer or escape leaks onto it)."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_tmux_smoke import Terminal, _quit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]


def _start(tmp_path: Path, *args: str, env: dict[str, str] | None = None, before: str = "") -> Terminal:
    exe = shutil.which("nemo-tui")
    program = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m nemo_tui.cli"
    values = {"NEMO_DATA_DIR": str(tmp_path / "data"), "NEMO_CONFIG_DIR": str(tmp_path / "config"),
              "TERM": "xterm-256color", "PATH": os.environ.get("PATH", ""), **(env or {})}  # fmt: skip
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in values.items())
    unset = "-u NEMO_API_URL -u NEMO_TUI_GRAPHICS -u COLUMNS -u LINES"
    command = f"env {unset} {assignments} {program} {' '.join(args)}"
    return Terminal(f"sh -c {shlex.quote(before + command)}", tmp_path, (120, 40))


def _log_line(shown: str) -> str:
    """The event log's wrapped entry, joined (the log is the right-hand pane)."""
    parts = [row.split("│")[-2].strip() for row in shown.splitlines() if row.count("│") >= 2]
    return " ".join(p for p in parts if p)


PASSTHROUGH = "tmux set -g allow-passthrough on && exec "
HINT = "kitty's graphics do not pass through this tmux (set -g allow-passthrough on)"


@pytest.mark.parametrize(
    ("args", "env", "before", "why"),
    [
        (("--graphics", "kitty"), {}, "", f"not kitty graphics: {HINT}"),
        (
            (),
            {"NEMO_TUI_GRAPHICS": "auto"},
            "",
            f"not auto graphics: {HINT}",
        ),
        (("--graphics", "sixel"), {}, "", "not sixel graphics: the terminal reports no sixel"),
        # passthrough on, but no terminal outside a detached session to answer: no hint this time
        (("--graphics", "kitty"), {}, PASSTHROUGH, "did not answer kitty's graphics query"),
        ((), {"NEMO_TUI_GRAPHICS": "iterm"}, "", "NEMO_TUI_GRAPHICS='iterm' is not one of"),
    ],
)
def test_no_answer_in_tmux_means_half_blocks_and_one_log_line(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], before: str, why: str
) -> None:
    started = time.monotonic()
    terminal = _start(tmp_path, *args, env=env, before=before)
    try:
        shown = terminal.wait_for("the first paint", lambda s: "Describe your video" in s, 30)
        shown = terminal.wait_for("the log line", lambda s: "Preview: half-blocks" in _log_line(s), 30)
        line = _log_line(shown)
        assert why in line, line
        assert (HINT in line) == (HINT in why)
        assert line.count("Preview:") == 1
        assert "Gi=31" not in shown and "Ptmux" not in shown and "[?" not in shown  # nothing leaked
        assert time.monotonic() - started < 30
        _quit(terminal)
    finally:
        terminal.close()
    log = (tmp_path / "data" / "logs" / "tui.log").read_text()
    assert "Preview: half-blocks" in log


def test_kitty_through_tmux_to_a_terminal_outside_that_answers(tmp_path: Path) -> None:
    """tmux attached to a pty we read as the terminal outside: kitty's query arrives unwrapped and our
    answer reaches the app; after a generate request, the image arrives (unwrapped, after a cursor
    move) and decodes to a preview frame; at exit the images are deleted."""
    import base64
    import fcntl
    import pty
    import re
    import select
    import struct
    import termios
    import zlib

    import numpy as np

    (tmp_path / "tmux.conf").write_text("set -g allow-passthrough on\nset -g status off\n")
    exe = shutil.which("nemo-tui")
    program = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m nemo_tui.cli"
    app = (
        f"sleep 1; exec env -u NEMO_API_URL -u NEMO_TUI_GRAPHICS NEMO_DATA_DIR={tmp_path}/data "
        f"NEMO_CONFIG_DIR={tmp_path}/config {program} --graphics kitty"
    )
    socket = f"nemo-kitty-{os.getpid()}"
    pid, fd = pty.fork()
    if pid == 0:  # the child: tmux's client, in the pty
        os.environ["TERM"] = "xterm-256color"
        os.execvp(
            "tmux", ["tmux", "-L", socket, "-f", str(tmp_path / "tmux.conf"), "new-session", "-s", "x", app]
        )
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 800, 1200))
    out = b""
    steps: list[str] = []

    def read(until: bytes | re.Pattern[bytes], timeout: float) -> None:
        nonlocal out
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = until.search(out) is not None if isinstance(until, re.Pattern) else until in out
            if found:
                return
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # the client is gone
                    data = b""
                if not data:
                    break
                out += data
        raise AssertionError(f"timed out waiting for {until!r} after {steps}")

    try:
        read(re.compile(rb"\x1b_Gi=31,[^;]*a=q"), 30)  # unwrapped by tmux on its way out
        steps.append("query")
        os.write(fd, b"\x1b_Gi=31;OK\x1b\\")
        read(b"Preview: kitty graphics", 30)  # (through tmux) wraps onto the next line
        steps.append("log line")
        read(b"session", 90)
        os.write(
            fd, b"generate a 6-second promo video from this script: City lights at night. A cafe opens.\r"
        )
        read(re.compile(rb"\x1b_Ga=T[^\x1b]*\x1b\\(?:[^\x1b]|\x1b[^_]|\x1b_Gm=1)*\x1b_Gm=0;"), 180)
        steps.append("image")
        time.sleep(0.5)
        os.write(fd, b"\x11")  # ctrl+q
        with contextlib.suppress(AssertionError):
            read(b"never", 30)  # until the app and tmux are gone
        steps.append("quit")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        os.close(fd)
        os.waitpid(pid, 0)
    text = out.decode("latin-1")
    assert "Ptmux" not in text  # tmux unwrapped every escape
    first = text.index("\x1b_Ga=T")
    move = re.findall(r"\x1b7\x1b\[(\d+);(\d+)H", text[:first])
    assert move, "no cursor move before the image"
    apcs = re.findall(r"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\", text[first:])
    keys = dict(kv.split("=") for kv in apcs[0][0].split(","))
    payload = ""
    for head, data in apcs:
        payload += data
        if head.endswith("m=0"):
            break
    pixels = np.frombuffer(zlib.decompress(base64.standard_b64decode(payload)), np.uint8)
    frame = pixels.reshape(int(keys["v"]), int(keys["s"]), 3)
    assert frame.shape[1] == 160 and len(np.unique(frame.reshape(-1, 3), axis=0)) > 100  # a real picture
    assert "\x1b8" in text[first:]  # the cursor put back
    assert steps[-1] == "quit" and text.rindex("\x1b_Ga=d,d=I,i=420") > text.rindex("\x1b_Ga=T")  # none left
