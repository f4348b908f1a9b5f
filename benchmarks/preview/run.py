"""Preview benchmarks (not a test): the engine's preview render of the generated 30-second video, the
one-pass decode, frame → half-block cells, and playing in tmux at 80×24.

    python benchmarks/preview/run.py            # all, printed as Markdown tables
    python benchmarks/preview/run.py --engine   # render, decode and cells only
    python benchmarks/preview/run.py --tmux     # playing in tmux only

Playing: `nemo-tui` in tmux (80×24, TERM=xterm-256color, COLORTERM=truecolor), the 30-second video
generated, ^o shows the preview in place of the chat, space plays; `tmux pipe-pane` hands every byte
the app writes to a stamping reader. Writes less than 15 ms apart are one frame. *fps*: frames per
second over 6 s of playing; *longest gap*: the largest time between two frames (the 100 ms tick
included: a stall is what is above it); bytes per second is what an SSH link carries.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REQUEST = (
    "generate a 30-second promo video from this script: City lights at night. A cafe opens. "
    "People walk home in the rain. The bay glows at dawn."
)
STAMP = Path(__file__).with_name("stamp.py")


def engine_figures() -> None:
    import httpx

    from nemo_tui.engine.hosting.local_engine import LocalEngine
    from nemo_tui.tui.half_blocks import to_strips
    from nemo_tui.tui.preview_frames import decode
    from tests.engine.helpers import TEST_ENV, account, chat, new_session

    with tempfile.TemporaryDirectory() as tmp, LocalEngine(Path(tmp) / "engine", env=TEST_ENV) as engine:
        api = account(engine.url)
        sid = new_session(api)
        chat(api, sid, REQUEST)
        rows = []
        for width in (320, 318, 316, 480, 478):  # a new width is a new hash: a cold render each
            started = time.perf_counter()
            answer = api.post(f"/api/preview/{sid}", json={"width": width}, timeout=300).json()
            rows.append((width, time.perf_counter() - started, answer))
        started = time.perf_counter()
        api.post(f"/api/preview/{sid}", json={"width": 320}, timeout=300)
        cached = time.perf_counter() - started
        first = rows[0][2]
        mp4 = Path(tmp) / "p.mp4"
        mp4.write_bytes(httpx.get(engine.url + first["url"], headers=api.headers).content)
        started = time.perf_counter()
        thumbs = api.get(f"/api/preview/{sid}/thumbs?width=160", timeout=300).json()
        thumbs_s = time.perf_counter() - started
        started = time.perf_counter()
        frames = decode(mp4, "bench")
        decode_s = time.perf_counter() - started
        size_kb = mp4.stat().st_size // 1024
    print(f"\n30 s video: {first['duration_s']} s, {first['width']}x{first['height']}, {first['fps']} fps, "
          f"{len(first['scenes'])} scenes, {size_kb} KB at width 320\n")  # fmt: skip
    print("| preview render (cold, POST to answer) | s |\n|---|---|")
    for width, seconds, _ in rows:
        print(f"| width {width} | {seconds:.2f} |")
    print(f"| cached (same draft, same width) | {cached:.3f} |")
    print(f"| thumbs, {len(thumbs['thumbs'])} JPEGs of 160 px (first call) | {thumbs_s:.3f} |")
    print(f"| decode all {frames.count} frames (one pass, 160x90) | {decode_s:.3f} |")
    print("\n| frame → half-block cells | median ms | max ms |\n|---|---|---|")
    for cols, rows_ in ((78, 11), (60, 17), (53, 15), (120, 33)):
        times = []
        for i in range(0, frames.count, 3):
            started = time.perf_counter()
            to_strips(frames.pixels[i], cols, rows_)
            times.append((time.perf_counter() - started) * 1000)
        print(f"| {cols}×{rows_} cells | {statistics.median(times):.2f} | {max(times):.2f} |")


def tmux_figures(seconds: float = 6.0) -> None:
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")
    socket = f"nemo-bench-{uuid.uuid4().hex[:6]}"
    tmp = Path(tempfile.mkdtemp(prefix="nemo-preview-bench-"))
    exe = shutil.which("nemo-tui") or f"{sys.executable} -m nemo_tui.cli"
    env = (f"env -u NEMO_API_URL -u COLUMNS -u LINES NEMO_DATA_DIR={tmp}/data NEMO_CONFIG_DIR={tmp}/config "
           "TERM=xterm-256color COLORTERM=truecolor")  # fmt: skip

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

    def wait(check: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while check not in tmux("capture-pane", "-p", "-t", "app"):
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {check!r}")
            time.sleep(0.25)

    tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", "-c", str(tmp), f"{env} {exe}")
    try:
        wait("│ session", 90)
        time.sleep(2)
        tmux("send-keys", "-t", "app", "-l", REQUEST)
        tmux("send-keys", "-t", "app", "Enter")
        wait("^o shows the video", 180)
        tmux("send-keys", "-t", "app", "C-o")
        wait("clip 1/", 10)
        log = tmp / "stamps.txt"
        tmux("pipe-pane", "-o", "-t", "app", f"{sys.executable} {STAMP} {log}")
        time.sleep(0.5)
        tmux("send-keys", "-t", "app", "Space")
        time.sleep(seconds)
        tmux("send-keys", "-t", "app", "Space")
        time.sleep(0.5)
        tmux("pipe-pane", "-t", "app")
        time.sleep(0.5)
        stamps = [(float(t), int(n)) for t, n in (line.split() for line in log.read_text().splitlines())]
    finally:
        tmux("send-keys", "-t", "app", "C-q")
        time.sleep(2)
        tmux("kill-server")
    frames: list[float] = []
    last = -1.0
    for t, _ in stamps:
        if t - last > 0.015:
            frames.append(t)
        last = t
    playing = [t for t in frames if frames[0] + 0.2 <= t <= frames[0] + seconds]
    gaps = [b - a for a, b in zip(playing, playing[1:], strict=False)]
    span = playing[-1] - playing[0]
    total = sum(n for t, n in stamps if playing[0] <= t <= playing[-1])
    print("\n| playing in tmux, 80×24 | figure |\n|---|---|")
    print(f"| frames per second | {(len(playing) - 1) / span:.1f} |")
    print(f"| median / p95 / longest gap between frames, ms | {statistics.median(gaps) * 1000:.0f} / "
          f"{sorted(gaps)[int(len(gaps) * 0.95)] * 1000:.0f} / {max(gaps) * 1000:.0f} |")  # fmt: skip
    print(f"| terminal output, KB/s | {total / span / 1024:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", action="store_true")
    parser.add_argument("--tmux", action="store_true")
    args = parser.parse_args()
    both = not (args.engine or args.tmux)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")  # fmt: skip
    if args.engine or both:
        engine_figures()
    if args.tmux or both:
        tmux_figures()


if __name__ == "__main__":
    main()
