"""`render_chunked`: one render as time chunks encoded in parallel, joined without re-encoding.

Each chunk is a render window (`window.py`): video only, x264 with the single pass's settings, so
each chunk opens with its own keyframe and the concat demuxer can join them with `-c copy`. The sound
is mixed and encoded once for the whole timeline (AAC priming and looped music make chunked AAC
risky) and muxed at the join. Cancelling cancels every chunk task, and each kills its ffmpeg.

The pieces (`chunk_spans`, `render_window`, `render_sound`, `join_chunks`, `Progress`) are shared
with the render that spreads the chunks over machines (`nemo_tui.engine.team`), so the two cut and
join alike.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ffmpeg import run_ffmpeg
from .fonts import fontconfig_env
from .graph import build_plan
from .probe import MediaProbe
from .quality import HIGH, Quality
from .render import atomic_output, draw_and_probe
from .text import ANIM_FADE_MS
from .timeline import TEXT, Timeline
from .validate import parse_draft, resolve_media
from .window import cut_window

TEXT_MARGIN_MS = 500  # no chunk starts this close to a text's fade (see `chunk_starts`)


@dataclass
class ChunkTimes:
    """Wall-clock seconds of each stage (the benchmark reads them)."""

    prepare: float = 0.0
    chunks: list[float] = field(default_factory=list)
    render: float = 0.0  # the chunks and the sound, side by side
    audio: float = 0.0
    join: float = 0.0


def chunk_starts(timeline: Timeline, chunk_s: float) -> list[int]:
    """First frames of the chunks: every `chunk_s`, each moved later until it is 500 ms clear of every
    text fade (a fade is drawn from the text script, and a chunk should not start in the middle of one).
    """
    canvas = timeline.canvas
    total = canvas.frame(timeline.duration_ms)
    step = max(1, canvas.frame(chunk_s * 1000))
    margin = TEXT_MARGIN_MS
    zones = [  # ms where no chunk may start: each fade widened by the margin
        zone
        for t in timeline.tracks
        if t.tt == TEXT
        for s in t.texts()
        if s.style.anim == "fade"
        for zone in (
            (s.st - margin, s.st + ANIM_FADE_MS + margin),
            (s.end - ANIM_FADE_MS - margin, s.end + margin),
        )
    ]
    starts = [0]
    for at in range(step, total, step):
        for _ in range(8):  # a few texts in a row at most; past that the cut stays where it is
            inside = [hi for lo, hi in zones if lo < canvas.ms(at) < hi]
            if not inside:
                break
            at = canvas.frame(max(inside))
        if starts[-1] < at < total:
            starts.append(at)
    return starts


def chunk_spans(timeline: Timeline, chunk_s: float) -> list[tuple[int, int]]:
    """The chunks as frame ranges [first, end), covering the whole timeline."""
    starts = chunk_starts(timeline, chunk_s)
    total = timeline.canvas.frame(timeline.duration_ms)
    return list(zip(starts, [*starts[1:], total], strict=True))


class Progress:
    """One figure for many parts: the mean of their percentages, held under 100 until the end."""

    def __init__(self, parts: int, sink: Callable[[float], None] | None) -> None:
        self.done = [0.0] * parts
        self.sink = sink

    def report(self, index: int, percent: float) -> None:
        self.done[index] = percent
        if self.sink is not None:
            self.sink(min(99.9, sum(self.done) / len(self.done)))


async def render_window(
    timeline: Timeline,
    media: dict[str, Path],
    probes: dict[str, MediaProbe],
    quality: Quality,
    folder: Path,
    first: int,
    end: int,
    dest: Path,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Frames [first, end) of `timeline`, picture only, into `dest` (MP4); `folder` holds its scripts."""
    cut = cut_window(timeline, first, end)
    folder.mkdir(parents=True, exist_ok=True)  # each graph writes its own text scripts
    window = (cut.first, cut.end)
    plan = await asyncio.to_thread(
        build_plan, cut.timeline, media, probes, quality, folder, window=window, part="video"
    )
    await run_ffmpeg(
        [*plan.args, "-f", "mp4", str(dest)],
        duration_s=plan.duration_s,
        progress=progress,
        env=fontconfig_env(folder),
    )


async def render_sound(
    timeline: Timeline,
    media: dict[str, Path],
    probes: dict[str, MediaProbe],
    quality: Quality,
    folder: Path,
    dest: Path,
    progress: Callable[[float], None] | None = None,
) -> None:
    """The whole timeline's sound, mixed and encoded once, into `dest` (MP4 with AAC)."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = await asyncio.to_thread(build_plan, timeline, media, probes, quality, folder, part="audio")
    await run_ffmpeg([*plan.args, "-f", "mp4", str(dest)], duration_s=plan.duration_s, progress=progress)


async def join_chunks(chunks: list[Path], sound: Path, dest: Path, duration_s: float) -> None:
    """The chunks one after the other (the concat demuxer, no re-encoding) with `sound`, into `dest`."""
    listing = dest.with_name(f".{dest.name}.chunks.txt")
    # Absolute paths, quoted for the concat demuxer: ' becomes '\''.
    quoted = (str(p.resolve()).replace("'", "'\\''") for p in chunks)
    listing.write_text("".join(f"file '{p}'\n" for p in quoted), encoding="utf-8")
    try:
        join = ["-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(sound)]
        join += [
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(dest),
        ]
        await run_ffmpeg(join, duration_s=duration_s)
    finally:
        listing.unlink(missing_ok=True)


async def render_chunked(
    draft: dict[str, Any],
    out: Path,
    *,
    resolve: Callable[[str], Path],
    chunk_s: float = 30.0,
    workers: int = 2,
    quality: Quality | None = None,
    progress: Callable[[float], None] | None = None,
    times: ChunkTimes | None = None,
) -> Path:
    """Render `draft` to `out` as `render_draft` does, in chunks of about `chunk_s`, `workers` at once."""
    clock = time.perf_counter()
    times = times or ChunkTimes()
    quality = quality or HIGH
    timeline = parse_draft(draft)
    media = resolve_media(timeline, resolve)
    out = Path(out)
    with atomic_output(out, "nemo-chunks-") as (part, workdir):
        timeline, probes = await draw_and_probe(timeline, media, quality, workdir / "scenes")
        spans = chunk_spans(timeline, chunk_s)
        times.prepare = time.perf_counter() - clock
        meter = Progress(len(spans) + 1, progress)
        gate = asyncio.Semaphore(max(1, workers))
        files = [workdir / f"chunk{i:04d}.mp4" for i in range(len(spans))]
        times.chunks = [0.0] * len(spans)

        async def chunk(i: int, first: int, end: int) -> None:
            async with gate:
                started = time.perf_counter()
                args = (timeline, media, probes, quality, workdir / f"w{i:04d}", first, end, files[i])
                await render_window(*args, progress=lambda p: meter.report(i, p))
                times.chunks[i] = time.perf_counter() - started

        async def sound() -> None:
            async with gate:
                started = time.perf_counter()
                dest = workdir / "audio.m4a"
                await render_sound(
                    timeline,
                    media,
                    probes,
                    quality,
                    workdir / "audio",
                    dest,
                    lambda p: meter.report(len(spans), p),
                )
                times.audio = time.perf_counter() - started

        clock = time.perf_counter()
        async with asyncio.TaskGroup() as group:  # a failure or a cancel cancels every chunk
            for i, (a, b) in enumerate(spans):
                group.create_task(chunk(i, a, b))
            group.create_task(sound())
        times.render = time.perf_counter() - clock
        clock = time.perf_counter()
        duration_s = timeline.canvas.ms(spans[-1][1]) / 1000
        await join_chunks(files, workdir / "audio.m4a", part, duration_s)
        times.join = time.perf_counter() - clock
    if progress is not None:
        progress(100.0)
    return out
