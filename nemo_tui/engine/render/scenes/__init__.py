"""Designed scenes (`src: "scene:<template>"`): motion-design templates drawn by the renderer.

Each scene's layers are drawn once (Pillow for words, cards and backgrounds; resvg for the vendored
SVG art, `nemo_tui.art`), animated per frame (`motion`, `compose`), and written as a clip that is
cached by content (`clips`). `draw_scene_clips` does this for every scene of a timeline before the
main render, which then treats each scene as an ordinary video clip (transitions, captions and
sound on top work as for any clip). Imports: the renderer's own modules, `nemo_tui.draft`,
`nemo_tui.art`, Pillow, resvg.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..timeline import Timeline, VisualSegment
from .clips import build_scene, clip_key, load_pictures, write_clip
from .footage import Footage

__all__ = ["draw_scene_clips", "play_from_clips", "prune_cache", "scene_clips"]

CLIP_SCHEME = "clip:"  # the source a drawn scene plays from in the main render
CACHE_CLIPS = 120  # clips kept in a cache folder, the oldest used go first (about 4 MB a 1080p scene)


async def draw_scene_clips(
    timeline: Timeline,
    media: dict[str, Path],
    size: tuple[int, int],
    cache: Path,
    progress: Callable[[float], None] | None = None,
) -> Timeline:
    """Draw every designed scene of `timeline` not yet in `cache`; return the timeline with each
    scene playing from its clip (`clip:<key>`, added to `media`). Runs at most one scene per core."""
    canvas = timeline.canvas
    fps = (canvas.fps.numerator, canvas.fps.denominator)
    jobs: dict[str, tuple[VisualSegment, int]] = {}
    keys: dict[str, str] = {}
    for track in timeline.tracks:
        for seg in track.segments:
            if isinstance(seg, VisualSegment) and seg.scene is not None:
                frames = canvas.frame(seg.end) - canvas.frame(seg.st) + 1
                key = clip_key(seg.scene, size, f"{fps[0]}/{fps[1]}", frames, media, _delay(seg))
                keys[seg.where] = key
                jobs.setdefault(key, (seg, frames))
    if not jobs:
        return timeline
    cache.mkdir(parents=True, exist_ok=True)
    todo = {k: v for k, v in jobs.items() if not (cache / f"{k}.mp4").is_file()}
    total = sum(frames for _, frames in todo.values()) or 1
    done = [0]
    stop = threading.Event()
    loop = asyncio.get_running_loop()

    def tick(_: int) -> None:  # in a drawing thread: the callback runs on the event loop
        done[0] += 1
        if progress is not None and done[0] % 15 == 0:
            loop.call_soon_threadsafe(progress, 100 * done[0] / total)

    def draw(key: str, seg: VisualSegment, frames: int) -> None:
        assert seg.scene is not None
        pictures = load_pictures(seg.scene, media)
        scene = build_scene(seg.scene, size, canvas.ms(frames), pictures, _delay(seg))
        sound = next((p.path for p in pictures.values() if isinstance(p, Footage) and p.has_audio), None)
        try:
            write_clip(scene, frames, fps, cache / f"{key}.mp4", stop=stop, progress=tick, sound=sound)
        finally:
            for shown in pictures.values():
                if isinstance(shown, Footage):
                    shown.close()

    with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        futures = [loop.run_in_executor(pool, draw, k, s, n) for k, (s, n) in todo.items()]
        try:
            await asyncio.gather(*futures)
        except BaseException:
            # A cancelled (or failed) render stops every drawing at its next frame, and waits for
            # them, so that no thread writes after the caller has cleaned up.
            stop.set()
            await asyncio.wait(futures)
            raise
    for key in jobs:
        media[CLIP_SCHEME + key] = cache / f"{key}.mp4"
        os.utime(cache / f"{key}.mp4")  # recently used: kept by `prune_cache`
    return play_from_clips(timeline, {where: CLIP_SCHEME + key for where, key in keys.items()})


def scene_clips(timeline: Timeline) -> dict[str, str]:
    """The clip each designed scene of a drawn timeline plays from: `where` → `clip:<key>`."""
    return {
        seg.where: seg.src
        for track in timeline.tracks
        for seg in track.segments
        if isinstance(seg, VisualSegment) and seg.scene is not None and seg.src.startswith(CLIP_SCHEME)
    }


def play_from_clips(timeline: Timeline, clips: dict[str, str]) -> Timeline:
    """`timeline` with each designed scene playing from its drawn clip (`clips`: `where` → source), as
    `draw_scene_clips` returns it; a render worker rebuilds the drawn timeline so from the draft."""
    tracks = []
    for track in timeline.tracks:
        segments = tuple(
            dataclasses.replace(seg, src=clips[seg.where], kenburns=None, fit="cover", in_ms=0, speed=1.0)
            if isinstance(seg, VisualSegment) and seg.scene is not None
            else seg
            for seg in track.segments
        )
        tracks.append(dataclasses.replace(track, segments=segments))
    return dataclasses.replace(timeline, tracks=tuple(tracks))


def _delay(seg: VisualSegment) -> float:
    """Entrances wait for most of the scene's incoming transition."""
    return 0.6 * seg.tr.ms if seg.tr is not None else 0.0


def prune_cache(cache: Path, keep: int = CACHE_CLIPS) -> None:
    """Delete all but the `keep` most recently used clips."""
    clips = sorted(cache.glob("*.mp4"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in clips[keep:]:
        old.unlink(missing_ok=True)
