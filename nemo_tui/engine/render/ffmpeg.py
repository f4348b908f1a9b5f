"""Run ffmpeg (imageio-ffmpeg's static binary) as an asyncio subprocess, with progress and clean cancel.

Progress comes from `-progress pipe:1` (`out_time_us=` lines on stdout) as a 0-100 percentage.
stderr is read at `-loglevel error`, so what is left when ffmpeg fails is the reason it failed; its
first few distinct lines, without the echoes every failure ends with, become the `RenderError`
message. Cancelling the awaiting task kills ffmpeg and waits for it to exit before the cancellation
goes on.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import sys
from collections import deque
from collections.abc import Callable

import imageio_ffmpeg

from .errors import RenderError

_ADDRESS = re.compile(r" @ 0x[0-9a-f]+")
_TAIL_LINES = 8


@functools.cache
def ffmpeg_exe() -> str:
    exe: str = imageio_ffmpeg.get_ffmpeg_exe()
    return exe


@functools.cache
def orphan_guard() -> tuple[str, ...]:
    """A command prefix that makes the kernel SIGKILL ffmpeg when the engine dies, even by SIGKILL, so a
    crashed engine leaves no render burning the CPU: util-linux's `setpriv --pdeathsig` (Linux only).

    Not a `preexec_fn`: that runs Python in the forked child, and in the threaded engine such a child
    can deadlock before exec while the event loop blocks waiting for it (CI froze whole engines so)."""
    setpriv = shutil.which("setpriv") if sys.platform == "linux" else None
    return (setpriv, "--pdeathsig", "KILL", "--") if setpriv else ()


# What every failure ends with, whatever its cause: left out so that the cause shows.
_ECHOES = re.compile(
    r"Task finished with error code|Terminating thread with return code|Could not open encoder before EOF"
    r"|Nothing was written into output file|^Conversion failed|Error while filtering|^Exiting"
)


def error_summary(lines: list[str], limit: int = _TAIL_LINES) -> str:
    """The first `limit` distinct lines of ffmpeg's stderr that say something, without addresses."""
    kept: list[str] = []
    for raw in lines:
        line = _ADDRESS.sub("", raw.strip())
        if line and line not in kept and not _ECHOES.search(line):
            kept.append(line)
    return "\n".join(kept[:limit]) or "\n".join(x.strip() for x in lines if x.strip())[-2000:]


async def run_ffmpeg(
    args: list[str],
    *,
    duration_s: float,
    progress: Callable[[float], None] | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """Run `ffmpeg ARGS`; raise `RenderError` if it fails. `progress` gets percentages up to 100."""
    command = [
        *orphan_guard(),
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-nostats",
        "-progress",
        "pipe:1",
        "-y",
        *args,
    ]
    proc = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    errors: deque[str] = deque(maxlen=200)
    try:
        await asyncio.gather(
            _read_progress(proc.stdout, duration_s, progress), _read_lines(proc.stderr, errors)
        )
        code = await proc.wait()
    except BaseException:
        if proc.returncode is None:
            proc.kill()
            await asyncio.shield(proc.wait())
        raise
    if code != 0:
        summary = error_summary(list(errors)) or "no error output"
        raise RenderError(f"ffmpeg failed (exit status {code}):\n{summary}", code)
    if progress is not None:
        progress(100.0)


async def _read_lines(stream: asyncio.StreamReader | None, sink: deque[str]) -> None:
    assert stream is not None
    async for raw in stream:
        sink.append(raw.decode("utf-8", "replace"))


async def _read_progress(
    stream: asyncio.StreamReader | None, duration_s: float, progress: Callable[[float], None] | None
) -> None:
    assert stream is not None
    last = -1.0
    async for raw in stream:
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        if key != "out_time_us" or progress is None or not value.lstrip("-").isdigit():
            continue
        percent = round(min(99.9, max(0.0, int(value) / 1e6 / max(duration_s, 1e-3) * 100)), 1)
        if percent > last:
            last = percent
            progress(percent)
