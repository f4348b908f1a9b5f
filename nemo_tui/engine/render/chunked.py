"""`render_chunked`: one render as time chunks encoded in parallel, joined without re-encoding.

Each chunk is a render window (`window.py`): video only, x264 with the single pass's settings, so
each chunk opens with its own keyframe and the concat demuxer can join them with `-c copy`. The sound
is mixed and encoded once for the whole timeline (AAC priming and looped music make chunked AAC
risky) and muxed at the join. Cancelling cancels every chunk task, and each kills its ffmpeg.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ffmpeg import run_ffmpeg
from .fonts import fontconfig_env
from .graph import build_plan
from .probe import MediaProbe
from .quality import HIGH, Quality, output_size
from .render import _probe_all
from .scenes import draw_scene_clips
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
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    workdir = Path(tempfile.mkdtemp(prefix="nemo-chunks-"))
    try:
        size = output_size(timeline.canvas.w, timeline.canvas.h, quality)
        timeline = await draw_scene_clips(timeline, media, size, workdir / "scenes")
        probes = await _probe_all(timeline, media)
        starts = chunk_starts(timeline, chunk_s)
        total = timeline.canvas.frame(timeline.duration_ms)
        spans = list(zip(starts, [*starts[1:], total], strict=True))
        times.prepare = time.perf_counter() - clock
        done = [0.0] * (len(spans) + 1)

        def report(i: int, p: float) -> None:
            done[i] = p
            if progress is not None:
                progress(min(99.9, sum(done) / len(done)))

        gate = asyncio.Semaphore(max(1, workers))
        files = [workdir / f"chunk{i:04d}.mp4" for i in range(len(spans))]
        clock = time.perf_counter()
        times.chunks = [0.0] * len(spans)
        async with asyncio.TaskGroup() as group:  # a failure or a cancel cancels every chunk
            for i, (a, b) in enumerate(spans):
                group.create_task(
                    _chunk(timeline, media, probes, quality, workdir, i, a, b, files[i], gate, report, times)
                )
            group.create_task(
                _audio(timeline, media, probes, quality, workdir, gate, report, len(spans), times)
            )
        times.render = time.perf_counter() - clock
        clock = time.perf_counter()
        listing = workdir / "chunks.txt"
        listing.write_text("".join(f"file '{p.name}'\n" for p in files), encoding="utf-8")
        join = ["-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(workdir / "audio.m4a")]
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
            str(part),
        ]
        await run_ffmpeg(join, duration_s=timeline.canvas.ms(total) / 1000)
        times.join = time.perf_counter() - clock
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)
    if progress is not None:
        progress(100.0)
    return out


async def _chunk(
    timeline: Timeline,
    media: dict[str, Path],
    probes: dict[str, MediaProbe],
    quality: Quality,
    workdir: Path,
    index: int,
    first: int,
    end: int,
    dest: Path,
    gate: asyncio.Semaphore,
    report: Callable[[int, float], None],
    times: ChunkTimes,
) -> None:
    async with gate:
        clock = time.perf_counter()
        cut = cut_window(timeline, first, end)
        folder = workdir / f"w{index:04d}"  # each graph writes its own text scripts
        folder.mkdir()
        window = (cut.first, cut.end)
        plan = await asyncio.to_thread(
            build_plan, cut.timeline, media, probes, quality, folder, window=window, part="video"
        )
        await run_ffmpeg(
            [*plan.args, "-f", "mp4", str(dest)],
            duration_s=plan.duration_s,
            progress=lambda p: report(index, p),
            env=fontconfig_env(folder),
        )
        times.chunks[index] = time.perf_counter() - clock


async def _audio(
    timeline: Timeline,
    media: dict[str, Path],
    probes: dict[str, MediaProbe],
    quality: Quality,
    workdir: Path,
    gate: asyncio.Semaphore,
    report: Callable[[int, float], None],
    index: int,
    times: ChunkTimes,
) -> None:
    async with gate:
        clock = time.perf_counter()
        folder = workdir / "audio"
        folder.mkdir()
        plan = await asyncio.to_thread(build_plan, timeline, media, probes, quality, folder, part="audio")
        dest = workdir / "audio.m4a"
        await run_ffmpeg(
            [*plan.args, "-f", "mp4", str(dest)],
            duration_s=plan.duration_s,
            progress=lambda p: report(index, p),
        )
        times.audio = time.perf_counter() - clock
