"""The preview's frames, decoded once: one pass of PyAV over the small preview MP4 into a numpy
array, kept per preview hash, so scrubbing and playing never seek (seeking between keyframes cost
76-605 ms in the issue's measurements) and a frame at any time is an index.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .half_blocks import Frame

MAX_WIDTH = 160  # pixels: a terminal pane is at most about this many cells wide
_KEEP = 2  # decoded previews kept (the current one and the one before it)
_cache: OrderedDict[str, Frames] = OrderedDict()


@dataclass(frozen=True)
class Frames:
    key: str
    fps: float
    pixels: np.ndarray  # (frames, height, width, 3) uint8

    @property
    def count(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def duration_s(self) -> float:
        return self.count / self.fps if self.fps else 0.0

    def index_at(self, t: float) -> int:
        return max(0, min(self.count - 1, int(t * self.fps + 1e-6)))

    def at(self, t: float) -> Frame:
        """The frame showing at `t` seconds (the last one past the end)."""
        frame: Frame = self.pixels[self.index_at(t)]
        return frame


def decode(path: Path, key: str, max_width: int = MAX_WIDTH) -> Frames:
    """All frames of `path`, at most `max_width` wide; cached under `key` (the preview's hash).
    Blocking: run it in a thread."""
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
        return found
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        fps = float(stream.average_rate or stream.guessed_rate or 12)
        width, height = stream.codec_context.width, stream.codec_context.height
        if width > max_width:
            width, height = max_width, max(2, round(height * max_width / width / 2) * 2)
        frames = [f.to_ndarray(width=width, height=height, format="rgb24") for f in container.decode(stream)]
    pixels = np.stack(frames) if frames else np.zeros((1, height, width, 3), np.uint8)
    decoded = Frames(key, fps, pixels)
    _cache[key] = decoded
    while len(_cache) > _KEEP:
        _cache.popitem(last=False)
    return decoded
