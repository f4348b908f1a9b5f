"""`nemo-tui --graphics kitty` in a real tmux (3.3 here: no sixel; no terminal outside a detached
session to answer kitty's query): the probe gets no answer, the app falls back to half-blocks with one
line in the event log saying why, and the screen is whole (no answer or escape leaks onto it)."""

from __future__ import annotations

import os
import shlex
import shutil
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
HINT = "(in tmux: set -g allow-passthrough on)"


@pytest.mark.parametrize(
    ("args", "env", "before", "why"),
    [
        (("--graphics", "kitty"), {}, "", f"did not answer kitty's graphics query {HINT}"),
        (
            (),
            {"NEMO_TUI_GRAPHICS": "auto"},
            "",
            f"not auto graphics: the terminal did not answer kitty's graphics query {HINT}",
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
