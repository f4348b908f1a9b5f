"""An uploaded clip as a designed scene shows it: its pictures, frame by frame, from its start.

A `media` scene frames a clip the way it frames a photo. Frames are asked for in time order while a
scene is written, so the clip is decoded once, straight through (PyAV); a time past its end holds
the last picture. Its sound is muxed into the scene's clip (`clips.write_clip`), so the main render
mixes it like any clip's own sound (`vol`, `mute`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
from PIL import Image


class Footage:
    def __init__(self, path: Path):
        self.path = path
        with av.open(str(path)) as container:
            self.has_audio = bool(container.streams.audio)
        self._container: av.container.InputContainer | None = None
        self._frames: Iterator[Any] = iter(())
        self._current: tuple[float, Image.Image] | None = None
        self._next: tuple[float, Image.Image] | None = None

    def _open(self) -> None:
        self.close()
        self._container = av.open(str(self.path))
        self._frames = self._container.decode(video=0)
        self._current = self._read()
        self._next = self._read()

    def _read(self) -> tuple[float, Image.Image] | None:
        try:
            frame = next(self._frames)
        except StopIteration:
            return None
        return float(frame.time or 0.0) * 1000, frame.to_image()

    def frame(self, ms: float) -> Image.Image:
        """The picture showing at `ms` from the clip's start (the last one past its end)."""
        if self._current is None or ms < self._current[0]:
            self._open()
        while self._next is not None and self._next[0] <= ms:
            self._current, self._next = self._next, self._read()
        if self._current is None:
            raise ValueError(f"{self.path.name} has no pictures")
        return self._current[1]

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None
