"""`render_draft`: a draft to an MP4, written under a temporary name and renamed when complete."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import DraftError
from .ffmpeg import run_ffmpeg
from .fonts import fontconfig_env
from .graph import build_plan
from .probe import MediaProbe, probe
from .quality import HIGH, PREVIEW, Quality, output_size
from .scenes import draw_scene_clips
from .timeline import Timeline
from .validate import parse_draft, resolve_media


@contextmanager
def atomic_output(out: Path, prefix: str) -> Iterator[tuple[Path, Path]]:
    """A `.part` name beside `out` to write to and a scratch folder: when the block ends normally the
    part becomes `out`; however it ends, no part and no scratch folder is left behind."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield part, workdir
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)


async def render_draft(
    draft: dict[str, Any],
    out: Path,
    *,
    resolve: Callable[[str], Path],
    preview: bool = False,
    progress: Callable[[float], None] | None = None,
    scene_cache: Path | None = None,
    quality: Quality | None = None,
) -> Path:
    """Render `draft` to `out` (H.264 High + AAC 48 kHz stereo MP4); return `out`.

    Designed scenes are drawn first, into `scene_cache` (reused by later renders) or, without one,
    a temporary folder; progress then counts them as the first part of the work. `quality`, when
    given, replaces what `preview` picks (the front ends' look-ahead preview, `quality.look_quality`).

    Raises `DraftError` for a draft that cannot be rendered (nothing is started) and `RenderError`
    when ffmpeg fails. Cancelling the task kills ffmpeg; no partial file is left behind.
    """
    timeline = parse_draft(draft)
    media = resolve_media(timeline, resolve)
    out = Path(out)
    with atomic_output(out, "nemo-render-") as (part, workdir):
        quality = quality or (PREVIEW if preview else HIGH)
        share = _scene_share(timeline)
        timeline, probes = await draw_and_probe(
            timeline, media, quality, scene_cache or workdir / "scenes",
            progress=(lambda p: progress(p * share)) if progress else None,
        )  # fmt: skip
        plan = await asyncio.to_thread(build_plan, timeline, media, probes, quality, workdir)
        env = fontconfig_env(workdir)
        main = (lambda p: progress(100 * share + p * (1 - share))) if progress else None
        await run_ffmpeg(
            [*plan.args, "-f", "mp4", str(part)], duration_s=plan.duration_s, progress=main, env=env
        )
    return out


async def draw_and_probe(
    timeline: Timeline,
    media: dict[str, Path],
    quality: Quality,
    scenes: Path,
    progress: Callable[[float], None] | None = None,
) -> tuple[Timeline, dict[str, MediaProbe]]:
    """What every render does before its graph: the designed scenes drawn at the output's size into
    `scenes` (the timeline then plays them from clips), and every source probed (`DraftError` for one
    that cannot be read)."""
    size = output_size(timeline.canvas.w, timeline.canvas.h, quality)
    timeline = await draw_scene_clips(timeline, media, size, scenes, progress=progress)
    return timeline, await probe_all(timeline, media)


def _scene_share(timeline: Timeline) -> float:
    """The part of the progress bar the designed scenes take (they cost about as much as encoding)."""
    scenes = sum(s.d for t in timeline.tracks for s in t.segments if getattr(s, "scene", None) is not None)
    return 0.5 * scenes / max(1, timeline.duration_ms)


async def probe_all(timeline: Timeline, media: dict[str, Path]) -> dict[str, MediaProbe]:
    sources = list(media)
    results = await asyncio.gather(
        *(asyncio.to_thread(probe, media[s]) for s in sources), return_exceptions=True
    )
    probes: dict[str, MediaProbe] = {}
    problems: list[tuple[str, str]] = []
    for src, result in zip(sources, results, strict=True):
        if isinstance(result, BaseException):
            if not isinstance(result, ValueError):
                raise result
            for track in timeline.tracks:
                for seg in track.segments:
                    if getattr(seg, "src", None) == src:
                        path = seg.where.split(" ")[0] + ".src"
                        problems.append((path, f'{seg.where}: "src" {src} cannot be read ({result})'))
        else:
            probes[src] = result
    if problems:
        raise DraftError.collect(problems)
    return probes
