"""Pictures as terminal text: `▀` cells whose foreground is the top pixel and background the bottom
one, so a cell holds two pixels and, with cells about twice as tall as wide, pixels come out square.

Plain text with truecolor styles works in any terminal, in tmux and over SSH; Textual turns the
colours down to 256 (or 16) itself where the terminal has fewer. Frames are numpy arrays (H, W, 3)
of uint8 RGB.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

Frame = NDArray[np.uint8]
UPPER_HALF = "▀"


def fit(width: int, height: int, cols: int, rows: int) -> tuple[int, int]:
    """The largest (cols, pixel rows) a `width`×`height` picture fills in `cols`×`rows` cells with
    its aspect kept (a cell is one pixel wide and two tall); the pixel rows are even."""
    if width <= 0 or height <= 0 or cols <= 0 or rows <= 0:
        return 0, 0
    scale = min(cols / width, 2 * rows / height)
    w = max(1, min(cols, round(width * scale)))
    h = max(2, min(2 * rows, round(height * scale / 2) * 2))
    return w, h


def resize(frame: Frame, cols: int, pixel_rows: int) -> Frame:
    """Scale a frame to `cols`×`pixel_rows` pixels (box filter: small pictures keep their colours)."""
    if frame.shape[1] == cols and frame.shape[0] == pixel_rows:
        return frame
    image = Image.fromarray(frame).resize((cols, pixel_rows), Image.Resampling.BOX)
    return np.asarray(image, dtype=np.uint8)


def to_strips(frame: Frame, cols: int, rows: int, pad: Style | None = None) -> list[Strip]:
    """The frame in a `cols`×`rows` box of cells, centred and letterboxed (blank cells in `pad` style,
    the widget's background, around it)."""
    w, h = fit(frame.shape[1], frame.shape[0], cols, rows)
    blank = Strip.blank(cols, pad)
    if not w:
        return [blank] * rows
    pixels = resize(frame, w, h)
    left = (cols - w) // 2
    top = (rows - h // 2) // 2
    strips = [blank] * top
    pad_left = [Segment(" " * left, pad)] if left else []
    pad_right = [Segment(" " * (cols - w - left), pad)] if cols - w - left else []
    for y in range(0, h, 2):
        strips.append(Strip([*pad_left, *_row(pixels[y], pixels[y + 1]), *pad_right], cols))
    strips += [blank] * (rows - len(strips))
    return strips


def _row(upper: Frame, lower: Frame) -> list[Segment]:
    """One line of cells; neighbours with the same two colours share a segment (less to write)."""
    segments: list[Segment] = []
    pairs = np.concatenate([upper, lower], axis=1).tolist()  # [r, g, b, r', g', b'] per cell
    run, last = 0, None
    for cell in pairs:
        key = tuple(cell)
        if key == last:
            run += 1
            continue
        if last is not None:
            segments.append(Segment(UPPER_HALF * run, _style(last)))
        run, last = 1, key
    if last is not None:
        segments.append(Segment(UPPER_HALF * run, _style(last)))
    return segments


_STYLES: dict[tuple[int, ...], Style] = {}


def _style(cell: tuple[int, ...]) -> Style:
    """A cell's style, cached: pictures repeat colours, and building a Style costs more than a lookup."""
    style = _STYLES.get(cell)
    if style is None:
        if len(_STYLES) > 65536:
            _STYLES.clear()
        top, bottom = Color.from_rgb(*cell[:3]), Color.from_rgb(*cell[3:])
        style = _STYLES[cell] = Style(color=top, bgcolor=bottom)
    return style
