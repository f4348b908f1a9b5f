"""Encoder settings: `high` for export, `preview` for a quick low-resolution look."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    name: str
    x264_preset: str
    crf: int
    audio_bitrate: str
    max_side: int | None  # longest side of the output; None keeps the canvas size
    oversample: float  # Ken Burns picture scale (see kenburns.py)
    x264_params: str | None = None


HIGH = Quality("high", "veryfast", 20, "192k", None, 2.5)
# ultrafast alone writes Constrained Baseline; 8x8dct keeps the stream High profile.
PREVIEW = Quality("preview", "ultrafast", 28, "128k", 640, 2, "8x8dct=1")


def output_size(w: int, h: int, quality: Quality) -> tuple[int, int]:
    """The frame size for `quality`: the canvas, or scaled down to `max_side`, even on both sides."""
    if quality.max_side is None or max(w, h) <= quality.max_side:
        return w, h
    scale = quality.max_side / max(w, h)
    return max(2, round(w * scale / 2) * 2), max(2, round(h * scale / 2) * 2)
