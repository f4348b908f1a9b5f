"""Chunked renders (issue 22, first step): windows rendered apart and joined match the single pass."""

from __future__ import annotations

import asyncio
import tempfile
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from _render_tools import audio_track, draft, render, resolver, sound, text_track, video_track
from test_render_process import _ffmpeg_writing

from nemo_tui.engine.render.chunked import chunk_starts, render_chunked
from nemo_tui.engine.render.validate import parse_draft
from nemo_tui.engine.render.window import cut_window, shift_step

KB = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.4, 0.35, 0.6]}}
# Boundaries every 30 frames (1 s): frame 30 falls in a crossfade between a Ken Burns still and a video,
# frame 60 on the video's green -> blue change (its in-point matters), frame 90 in a Ken Burns still.
MIXED = draft(
    video_track(
        {"id": "a", "st": 0, "d": 1300, "src": "media:photo", "fx": KB},
        {"id": "b", "st": 800, "d": 1500, "in": 800, "src": "media:rgb", "tr": {"type": "fade", "d": 500}},
        {"id": "c", "st": 2300, "d": 1700, "src": "media:blobs", "fx": KB, "tr": {"type": "black", "d": 400}},
    ),
    audio_track({"id": "m", "st": 0, "d": 4000, "src": "media:music", "loop": True}, role="bgm"),
    text_track({"id": "t", "st": 500, "d": 2000, "text": "Hello"}),  # no fade: cuts stay every 30 frames
)


def _frames(path: Path) -> tuple[list[int], list[np.ndarray], float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        decoded = [(int(fr.pts), fr.to_ndarray(format="gray")) for fr in container.decode(stream)]
        duration = float(stream.duration * stream.time_base) if stream.duration else 0.0
    return [p for p, _ in decoded], [img for _, img in decoded], duration


def _psnr(x: np.ndarray, y: np.ndarray) -> float:
    mse = float(np.mean((x.astype(np.float64) - y.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else 10 * float(np.log10(255**2 / mse))


async def test_chunked_render_matches_the_single_pass_frame_for_frame(media: Path, tmp_path: Path) -> None:
    single = await render(MIXED, tmp_path / "single.mp4", media)
    chunked = await render_chunked(
        MIXED, tmp_path / "chunked.mp4", resolve=resolver(media), chunk_s=1, workers=2
    )
    assert chunk_starts(parse_draft(MIXED), 1) == [0, 30, 60, 90]
    pts_a, a, dur_a = _frames(single)
    pts_b, b, dur_b = _frames(chunked)
    assert len(b) == len(a) == 120
    assert pts_b == pts_a  # constant timestamps, nothing dropped or repeated
    assert dur_b == pytest.approx(dur_a, abs=1e-3) and dur_a == pytest.approx(4.0, abs=1e-3)
    assert min(_psnr(x, y) for x, y in zip(a, b, strict=True)) > 35
    moving = 0
    for i in (29, 30, 59, 60, 89, 90):  # each boundary frame is its own twin, not a neighbour that differs
        for j in (i - 1, i + 1):
            if _psnr(a[i], a[j]) < 45:
                moving += 1
                assert _psnr(b[i], a[i]) > _psnr(b[i], a[j]), (i, j)
    assert moving >= 6  # the timeline moves at its boundaries, so a shifted frame would show
    sa, rate_a = sound(single)
    sb, rate_b = sound(chunked)
    assert rate_a == rate_b and np.array_equal(sa, sb)


def test_a_window_keeps_its_neighbours_and_moves_by_whole_frames() -> None:
    cards = [{"id": f"s{i}", "st": i * 1000, "d": 1000, "src": "color:#808080"} for i in range(10)]
    text = {"id": "t", "st": 4200, "d": 300, "text": "x", "style": {"anim": "fade"}}
    timeline = parse_draft(draft(video_track(*cards), text_track(text), fps=24))
    assert shift_step(timeline.canvas) == 6  # 250 ms: whole ms and whole centiseconds
    cut = cut_window(timeline, 5 * 24 + 3, 6 * 24)  # frames in s5 only
    kept = [[s.id for s in t.segments] for t in cut.timeline.tracks]
    assert kept == [["s4", "s5", "s6"], ["t"]]  # the clip on each side; the text before as context
    shift = 5 * 24 + 3 - cut.first
    assert shift % 6 == 0 and cut.end - cut.first == 21
    starts = {s.id: s.st for t in cut.timeline.tracks for s in t.segments}
    assert min(starts.values()) >= 0
    for t in timeline.tracks:  # every kept start lands on its own frame, shifted
        for s in t.segments:
            if s.id in starts:
                assert cut.timeline.canvas.frame(starts[s.id]) == timeline.canvas.frame(s.st) - shift
    assert cut.timeline.canvas.fps == Fraction(24)


def test_chunk_starts_stay_clear_of_text_fades() -> None:
    cards = video_track({"id": "s", "st": 0, "d": 10_000, "src": "color:#808080"})
    fading = text_track({"id": "t", "st": 1800, "d": 1000, "text": "x", "style": {"anim": "fade"}})
    plain = text_track({"id": "p", "st": 5900, "d": 1000, "text": "y"}, tid="x2")
    timeline = parse_draft(draft(cards, fading, plain))
    # 2 s falls 200 ms after a fade in: moved 500 ms past the fade out at 2.8 s; plain text does not move 6 s
    assert chunk_starts(timeline, 2) == [0, 99, 120, 180, 240]


async def test_cancelling_a_chunked_render_stops_every_ffmpeg(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    long = draft(video_track({"id": "s1", "st": 0, "d": 120_000, "src": "media:photo", "fx": KB}))
    out = tmp_path / "out"
    started = asyncio.Event()
    task = asyncio.create_task(
        render_chunked(long, out / "long.mp4", resolve=resolver(media), chunk_s=20, workers=2,
                       progress=lambda p: started.set())
    )  # fmt: skip
    await asyncio.wait_for(started.wait(), 60)
    assert len(_ffmpeg_writing(work)) == 2  # two chunks at once
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _ffmpeg_writing(work) == []
    assert list(out.iterdir()) == [] and list(work.iterdir()) == []
