"""How smooth and how costly each way of doing Ken Burns in ffmpeg is, at 1080p30.

A picture with three soft dots gets a 4-second move (zoom 1.0 -> 1.15, centre drifting); each
method's raw yuv420p frames (what an encoder gets) are read, the dots tracked to sub-pixel precision
in the luma plane and compared with the ideal path. `jump` is the largest change of that error
between two frames (what the eye sees as a stutter); `cpu ms/frame` is the user CPU of the whole
ffmpeg run divided by the frames. The "ours" row runs the renderer's own graph for a one-clip draft
(`perspective` since 7 Dec 2026; the zoompan rows are the ways it replaced or never took). The
finer measure of smoothness is `kenburns_wobble.py`.
Run:

    python benchmarks/render/kenburns.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from nemo_tui.engine.render.ffmpeg import ffmpeg_exe
from nemo_tui.engine.render.graph import build_plan
from nemo_tui.engine.render.probe import probe
from nemo_tui.engine.render.quality import HIGH
from nemo_tui.engine.render.validate import parse_draft

W, H, N = 1920, 1080, 120
DOTS = ((0.3, 0.3), (0.7, 0.65), (0.55, 0.4))
MOVE = {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.55, 0.45]}


def _picture(path: Path) -> None:
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    img = sum(np.exp(-((xx - x * W) ** 2 + (yy - y * H) ** 2) / (2 * 6.0**2)) for x, y in DOTS)
    gray = (np.clip(img, 0, 1) * 255).astype(np.uint8)
    cmd = [ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{W}x{H}"]
    subprocess.run([*cmd, "-i", "-", str(path)], input=gray.tobytes(), check=True)


def _ideal(i: int) -> list[tuple[float, float]]:
    p = i / (N - 1)
    z = 1.15**p
    vx = min(max((0.5 + 0.05 * p) * W - W / z / 2, 0), W - W / z)
    vy = min(max((0.5 - 0.05 * p) * H - H / z / 2, 0), H - H / z)
    return [((x * W - vx) * z, (y * H - vy) * z) for x, y in DOTS]


def _naive(pix_fmt: str, k: int) -> str:
    """zoompan as usually written: zoom and centre, on the picture scaled k times."""
    p = f"(on/{N - 1})"
    zoom = f"pow(1.15,{p})"
    x = f"(0.5+0.05*{p})*iw-iw/zoom/2"
    y = f"(0.5-0.05*{p})*ih-ih/zoom/2"
    return f"scale={W * k}:{H * k},format={pix_fmt},zoompan=z='{zoom}':x='{x}':y='{y}':d={N}:s={W}x{H}:fps=30"


def _perspective() -> str:
    p = f"(on/{N - 1})"
    z = f"pow(1.15,{p})"
    cx, cy = f"(0.5+0.05*{p})*W", f"(0.5-0.05*{p})*H"
    left, right, top, bottom = f"{cx}-W/{z}/2", f"{cx}+W/{z}/2", f"{cy}-H/{z}/2", f"{cy}+H/{z}/2"
    corners = (
        f"x0='{left}':y0='{top}':x1='{right}':y1='{top}':x2='{left}':y2='{bottom}':x3='{right}':y3='{bottom}'"
    )
    return f"format=yuv420p,loop=loop={N - 1}:size=1,perspective={corners}:eval=frame"


def _ours(picture: Path, workdir: Path) -> list[str]:
    """The renderer's own ffmpeg arguments for the move as a one-clip draft, without encoders."""
    workdir = workdir / "ours"  # the graph is a file there
    workdir.mkdir()
    seg = {
        "id": "s1",
        "st": 0,
        "d": N * 1000 // 30,
        "src": "media:dots",
        "fit": "cover",
        "fx": {"kenburns": MOVE},
    }
    doc = {"v": 1, "canvas": {"w": W, "h": H, "fps": 30}, "t": [{"id": "v1", "tt": 0, "sg": [seg]}]}
    timeline = parse_draft(doc)
    files = {"media:dots": picture}
    plan = build_plan(timeline, files, {"media:dots": probe(picture)}, HIGH, workdir)
    return plan.unencoded()


def _measure(args: list[str]) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    raw = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", *args, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    frames = np.frombuffer(raw, np.uint8).reshape(-1, W * H * 3 // 2)[:, : W * H].reshape(-1, H, W)
    frames = frames.astype(np.float32) - 16  # black is 16 in limited range
    errors = []
    for i, frame in enumerate(frames[:N]):
        row = []
        for x, y in _ideal(i):
            x0, y0 = int(x) - 25, int(y) - 25
            win = np.clip(frame[y0 : y0 + 51, x0 : x0 + 51], 0, None)
            yy, xx = np.mgrid[y0 : y0 + 51, x0 : x0 + 51]
            row.append(((win * xx).sum() / win.sum() - x, (win * yy).sum() / win.sum() - y))
        errors.append(row)
    err = np.array(errors)
    return float(np.abs(err).max()), float(np.abs(np.diff(err, axis=0)).max()), cpu / len(frames) * 1000


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        picture = Path(tmp) / "dots.png"
        _picture(picture)
        lavfi = ["-framerate", "30", "-i", str(picture), "-filter_complex"]
        methods = [
            ("zoompan, canvas-sized yuv420p", [*lavfi, f"[0:v]{_naive('yuv420p', 1)}"]),
            # zoompan takes only YUV formats: on an RGB picture ffmpeg converts it to yuv420p first.
            ("zoompan, 2x picture (yuv420p)", [*lavfi, f"[0:v]{_naive('rgb24', 2)}"]),
            ("ours (perspective, exact corners)", _ours(picture, Path(tmp))),
            ("perspective, naive corners", [*lavfi, f"[0:v]{_perspective()}"]),
        ]
        print(f"{'method':36} {'max error px':>12} {'jump px':>8} {'cpu ms/frame':>13}")
        for name, args in methods:
            start = time.perf_counter()
            worst, jump, cpu = _measure(args)
            print(f"{name:36} {worst:12.2f} {jump:8.2f} {cpu:13.1f}   ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
