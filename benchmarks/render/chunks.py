"""A long timeline rendered in one pass and in chunks (issue 22, first step), timed stage by stage.

Timeline: `--minutes` (2) at `--size` (1280x720), 30 fps: 6 s stills made by ffmpeg (`testsrc2`,
`mandelbrot`, `cellauto`, in turn) each with a Ken Burns move and a 0.5 s crossfade, one boxed fading
caption per still, music looped under it. Runs: the single pass (`render_draft`), then
`render_chunked` with 30 s chunks on 1 and 2 workers (local ffmpeg processes at once).

    python benchmarks/render/chunks.py [--minutes 2] [--size 1280x720] [--workers 1,2] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nemo_tui.engine.render import render_draft
from nemo_tui.engine.render.chunked import ChunkTimes, render_chunked
from nemo_tui.engine.render.ffmpeg import ffmpeg_exe

SOURCES = ("testsrc2=s=2400x1600", "mandelbrot=s=2400x1600", "cellauto=s=2400x1600:rule=18,gblur=sigma=3")


def resolver(folder: Path) -> Callable[[str], Path]:
    """The draft's sources (`media:<name>`) as the files `make_media` wrote into `folder`."""

    def resolve(src: str) -> Path:
        return folder / (src.split(":", 1)[1] + (".wav" if src.endswith("music") else ".png"))

    return resolve


def make_media(folder: Path) -> None:
    def ffmpeg(*args: str) -> None:
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)

    for i, source in enumerate(SOURCES):
        if not (folder / f"still{i}.png").exists():
            ffmpeg("-f", "lavfi", "-i", source, "-frames:v", "1", str(folder / f"still{i}.png"))
    if not (folder / "music.wav").exists():
        chord = "|".join(["0.2*sin(2*PI*220*t)+0.2*sin(2*PI*277*t)+0.2*sin(2*PI*330*t)"] * 2)
        ffmpeg("-f", "lavfi", "-i", f"aevalsrc={chord}:s=48000:d=20", str(folder / "music.wav"))


def timeline(minutes: float, w: int, h: int) -> dict[str, Any]:
    total = int(minutes * 60_000)
    clips, captions = [], []
    for i, st in enumerate(range(0, total, 6000)):
        start = max(0, st - 500)
        kb = {"from": [1.0, 0.45 + 0.01 * (i % 10), 0.5], "to": [1.15, 0.55, 0.48 + 0.01 * (i % 7)]}
        clip = {"id": f"s{i}", "st": start, "d": min(total, st + 6000) - start, "src": f"media:still{i % 3}",
                "fx": {"kenburns": kb}}  # fmt: skip
        if i:
            clip["tr"] = {"type": "fade", "d": 500}
        clips.append(clip)
        style = {"size": 54, "pos": "bottom", "box": "#00000080", "anim": "fade"}
        captions.append(
            {"id": f"c{i}", "st": st + 700, "d": 4000, "text": f"Picture {i + 1}", "style": style}
        )
    music = {"id": "m", "st": 0, "d": total, "src": "media:music", "vol": 0.35, "loop": True}
    return {
        "v": 1,
        "canvas": {"w": w, "h": h, "fps": 30, "bg": "#000000"},
        "t": [
            {"id": "v1", "tt": 0, "sg": clips},
            {"id": "a1", "tt": 1, "m": {"role": "bgm"}, "sg": [music]},
            {"id": "x1", "tt": 7, "sg": captions},
        ],
    }


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--chunk-s", type=float, default=30.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nemo-chunks-bench"))
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    make_media(args.workdir)
    doc = timeline(args.minutes, w, h)

    resolve = resolver(args.workdir)

    print(f"{args.minutes} min at {w}x{h}, 30 fps; {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f}")
    cpu, clock = cpu_children(), time.perf_counter()
    await render_draft(doc, args.workdir / "single.mp4", resolve=resolve)
    print(f"single pass: {time.perf_counter() - clock:.1f} s wall, {cpu_children() - cpu:.1f} CPU-s")
    for n in (int(x) for x in args.workers.split(",")):
        times = ChunkTimes()
        cpu, clock = cpu_children(), time.perf_counter()
        await render_chunked(doc, args.workdir / f"chunked{n}.mp4", resolve=resolve, chunk_s=args.chunk_s,
                             workers=n, times=times)  # fmt: skip
        chunks = ", ".join(f"{t:.1f}" for t in times.chunks)
        print(
            f"chunked, {n} worker(s): {time.perf_counter() - clock:.1f} s wall,"
            f" {cpu_children() - cpu:.1f} CPU-s;"
            f" chunks [{chunks}] s, sound {times.audio:.1f} s, join {times.join:.2f} s,"
            f" prepare {times.prepare:.2f} s"
        )


if __name__ == "__main__":
    asyncio.run(main())
