"""TUI benchmarks (not a test): start-up to first paint, and a burst of 5,000 StreamLogged updates.

    python benchmarks/tui/run.py            # both, figures printed as a Markdown table
    python benchmarks/tui/run.py --startup  # only the start-up
    python benchmarks/tui/run.py --burst    # only the burst (add --naive for the one-write-per-line peer)

Start-up runs the real `nemo-tui` command on a pseudo-terminal (120×40) with fresh data directories
and times until the first frame with the chat box is drawn, then, when the local engine is
installed, until the status line says the session is connected. The burst drives the app headless
on a SessionController (no engine) whose `emit` is called 5,000 times as fast as a stream could, and
measures: how long `emit` took, how long until the log had drawn everything, the worst stall of the
event loop meanwhile (a 10 ms ticker's largest gap), and how long a key typed mid-burst took to
appear in the chat box.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import platform
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")
BURST = 5000
CREDITS = re.compile(r"\d+/\d+ credits")


# -- start-up --------------------------------------------------------------------------------------
def _screen_text(raw: bytes) -> str:
    return ANSI.sub(b"", raw).decode("utf-8", "replace")


def startup_once(
    cols: int = 120, rows: int = 40, engine_deadline: float = 60.0
) -> tuple[float, float | None]:  # noqa: E501
    """Seconds to the first painted frame, and to "connected" (None if it never came)."""
    home = Path(tempfile.mkdtemp(prefix="nemo-bench-"))
    env = {**os.environ, "NEMO_DATA_DIR": str(home / "data"), "NEMO_CONFIG_DIR": str(home / "config"),
           "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}  # fmt: skip
    env.pop("NEMO_API_URL", None)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    exe = shutil.which("nemo-tui") or sys.executable
    argv = [exe] if exe.endswith("nemo-tui") else [exe, "-m", "nemo_tui.cli"]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    raw, painted, connected = b"", None, None
    try:
        deadline = start + engine_deadline
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    raw += os.read(master, 65536)
                except OSError:
                    break
                text = _screen_text(raw[-200_000:])
                now = time.perf_counter() - start
                if painted is None and "Describe your video" in text:
                    painted = now
                if painted is not None and CREDITS.search(text):
                    connected = now  # the credits arrive once the engine is up and the session open
                    break
                if painted is not None and "offline —" in text:
                    break  # no engine here: the first paint is what we came for
        os.write(master, b"\x11")  # ctrl+q
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    finally:
        os.close(master)
        shutil.rmtree(home, ignore_errors=True)
    if painted is None:
        raise RuntimeError("the app never painted:\n" + _screen_text(raw)[-2000:])
    return painted, connected


# -- burst -----------------------------------------------------------------------------------------
async def burst_once(naive: bool = False) -> dict[str, float]:
    from textual.events import Key
    from textual.widgets import RichLog

    from nemo_tui.core.controller import SessionController
    from nemo_tui.core.settings import Settings
    from nemo_tui.core.updates import StreamLogged
    from nemo_tui.tui.app import NemoApp

    ctl = SessionController(Settings.from_env())
    app = NemoApp(ctl, autoconnect=False)
    app.animation_level = "none"
    gc.freeze()  # as run_app does
    async with app.run_test(size=(160, 48), headless=True) as pilot:
        while not app.ready:
            await asyncio.sleep(0.01)
        events = app.workspace.events
        composer = app.workspace.composer
        composer.focus()
        await pilot.pause()
        gaps: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                gaps.append(now - last - 0.01)
                last = now

        tick = asyncio.create_task(ticker())
        updates = [
            StreamLogged(("tool_call", "tool_result", "state_delta", "heartbeat")[i % 4],
                         f"add_segment(track='v1', index={i}, src='gen:image:{i}', d=3000)", {}, i / 100)
            for i in range(BURST)
        ]  # fmt: skip
        t0 = time.perf_counter()
        if naive:  # the peer: one RichLog.write per event, as a widget written without a buffer would
            log = RichLog(wrap=True, min_width=20, max_lines=5000)
            await app.workspace.query_one("#events").mount(log)
            for u in updates:
                log.write(f"{u.elapsed_s:7.2f}s {u.kind:<6} {u.summary}")
            emitted = time.perf_counter() - t0
            while len(log.lines) < BURST:
                await asyncio.sleep(0.005)
            drained = time.perf_counter() - t0
        else:
            for u in updates:
                ctl.emit(u)
            emitted = time.perf_counter() - t0
            t_key = time.perf_counter()
            app.post_message(Key("x", "x"))  # typed mid-burst, as the driver delivers it
            while "x" not in composer.text:
                await asyncio.sleep(0.001)
            key_latency = time.perf_counter() - t_key
            while not (events.idle and events.received == BURST):
                await asyncio.sleep(0.005)
            drained = time.perf_counter() - t0
        await pilot.pause()
        stop.set()
        await tick
    result = {"emit_s": emitted, "drained_s": drained, "max_stall_ms": max(gaps, default=0) * 1000}
    if not naive:
        result["key_latency_ms"] = key_latency * 1000
    return result


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"Textual {textual.__version__}, {platform.system()} {platform.release()}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--startup", action="store_true")
    parser.add_argument("--burst", action="store_true")
    parser.add_argument("--naive", action="store_true", help="also time the one-write-per-line peer")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    both = not (args.startup or args.burst)
    print(f"machine: {_machine()}\n")
    if args.startup or both:
        paints, connects = [], []
        for _ in range(args.runs):
            painted, connected = startup_once()
            paints.append(painted)
            if connected is not None:
                connects.append(connected)
        print(f"| start-up ({args.runs} runs) | median | min | max |\n|---|---|---|---|")
        print(f"| first paint, s | {statistics.median(paints):.2f} | {min(paints):.2f} | {max(paints):.2f} |")
        if connects:
            print(f"| connected (engine up, session open), s | {statistics.median(connects):.2f} | "
                  f"{min(connects):.2f} | {max(connects):.2f} |")  # fmt: skip
        print()
    if args.burst or both:
        runs = [asyncio.run(burst_once()) for _ in range(args.runs)]
        print(f"| burst of {BURST} StreamLogged ({args.runs} runs) | median | max |\n|---|---|---|")
        for key, label in (("emit_s", "all emitted, s"), ("drained_s", "all drawn, s"),
                           ("max_stall_ms", "worst event-loop stall, ms"),
                           ("key_latency_ms", "key typed mid-burst shown after, ms")):  # fmt: skip
            values = [r[key] for r in runs]
            print(f"| {label} | {statistics.median(values):.3g} | {max(values):.3g} |")
        if args.naive:
            naive = asyncio.run(burst_once(naive=True))
            print(f"| peer: one write per line, all drawn, s | {naive['drained_s']:.3g} | |")
            print(f"| peer: worst event-loop stall, ms | {naive['max_stall_ms']:.4g} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
