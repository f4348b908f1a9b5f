"""Encoder settings: `high` for export, `preview` for a quick low-resolution look."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Quality:
    name: str
    x264_preset: str
    crf: int
    audio_bitrate: str
    max_side: int | None  # longest side of the output; None keeps the canvas size
    oversample: float  # Ken Burns picture scale (see kenburns.py)
    x264_params: str | None = None
    max_width: int | None = None  # the output's width at most (the look-ahead preview); None: any
    keyint: int | None = None  # frames between keyframes at most; None: x264's default (250)
    keyframes_s: tuple[float, ...] = ()  # times that must start with a keyframe (scene starts)


HIGH = Quality("high", "veryfast", 20, "192k", None, 2.5)
# ultrafast alone writes Constrained Baseline; 8x8dct keeps the stream High profile.
PREVIEW = Quality("preview", "ultrafast", 28, "128k", 640, 2, "8x8dct=1")


#: The look-ahead preview front ends show (issue 21): small, fast, seekable at every scene start.
LOOK = Quality("look", "ultrafast", 30, "64k", None, 2, "8x8dct=1")


def look_quality(width: int, fps: int, scene_starts_s: Sequence[float]) -> Quality:
    """The preview's settings: at most `width` wide, a keyframe every second and at each scene start,
    so a front end can seek anywhere decoding at most one second of frames."""
    starts = tuple(sorted({round(max(0.0, t), 3) for t in scene_starts_s}))
    return replace(LOOK, max_width=width, keyint=max(1, fps), keyframes_s=starts)


def output_size(w: int, h: int, quality: Quality) -> tuple[int, int]:
    """The frame size for `quality`: the canvas, or scaled down to `max_side` (and `max_width`), even
    on both sides."""
    scale = 1.0
    if quality.max_side is not None and max(w, h) > quality.max_side:
        scale = quality.max_side / max(w, h)
    if quality.max_width is not None and w * scale > quality.max_width:
        scale = quality.max_width / w
    if scale == 1.0:
        return w, h
    return max(2, round(w * scale / 2) * 2), max(2, round(h * scale / 2) * 2)
