"""What every template shares: the frame's proportions, and headlines as sprites entering word by word.

Templates are written once for three canvases: `Frame` says whether the frame is wide, tall or
square and gives sizes in units of a 1080 px short side (`frame.u(96)` is 96 px at 1080p, 32 px at
360p), so a layout reads the same at every output size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PIL import Image

from . import draw
from .footage import Footage
from .motion import Sprite
from .style import Color, Style

Pictures = dict[str, Image.Image | Footage]  # the uploads a scene shows, by `media:<id>`


@dataclass(frozen=True)
class Frame:
    w: int
    h: int
    text_scale: float = 1.0  # the scene's `text_scale`: headlines larger or smaller than designed

    @property
    def shape(self) -> str:
        ratio = self.w / self.h
        return "wide" if ratio > 1.2 else "tall" if ratio < 0.83 else "square"

    def u(self, px: float) -> int:
        """`px` at a 1080 px short side, scaled to this frame."""
        return max(1, round(px * min(self.w, self.h) / 1080))

    @property
    def margin(self) -> int:
        return round(min(self.w, self.h) * 0.09)


@dataclass
class Words:
    """A headline's sprites and the space its block takes."""

    sprites: list[Sprite]
    width: int
    height: int
    last_ms: float  # when the last word starts entering

    def move(self, dx: int = 0, dy: int = 0) -> None:
        """Shift every word: a block laid out at the origin is placed once its height is known."""
        for sprite in self.sprites:
            sprite.x += dx
            sprite.y += dy


def headline(
    text: str,
    *,
    frame: Frame,
    style: Style,
    x: int,
    y: int,
    max_width: int,
    size: int,
    highlight: list[str],
    start_ms: float,
    stagger_ms: float = 90,
    align: str = "left",
    weight: str | None = None,
    color: Color | None = None,
    max_lines: int = 4,
) -> Words:
    """`text` wrapped into `max_width`, each word a sprite rising in `stagger_ms` after the one before;
    highlighted words take the accent colour."""
    block = draw.layout_text(
        text,
        weight=weight or style.weight,
        size=round(size * frame.text_scale),
        max_width=max_width,
        highlight=highlight,
        max_lines=max_lines,
        align=align,
        font=style.font,
    )
    sprites = []
    pad = draw.WORD_PAD + block.face.stroke
    for i, word in enumerate(block.words):
        tint = style.accent if word.accent else (color or style.text)
        image = draw.word_image(word.text, block.face, tint)
        sprites.append(
            Sprite(
                image,
                x + word.x - pad,
                y + word.y - pad,
                enter_ms=start_ms + i * stagger_ms,
                enter_dur=520,
                kind="rise",
                distance=frame.u(36),
            )
        )
    last = start_ms + max(0, len(block.words) - 1) * stagger_ms
    return Words(sprites, block.width, block.height, last)


def stagger_for(text: str, duration_ms: float, share: float = 0.35) -> float:
    """A word-by-word stagger that finishes within `share` of the scene (at most 110 ms a word)."""
    count = max(1, len(draw.words_of(text)))
    return max(25.0, min(110.0, duration_ms * share / count))


def illustration(
    ref: str | None,
    *,
    frame: Frame,
    style: Style,
    center: tuple[int, int],
    size: int,
    enter_ms: float,
    with_glow: bool = True,
) -> list[Sprite]:
    """An illustration popping in at `center` with a soft glow behind it, then floating."""
    if not ref:
        return []
    picture = draw.art_image(ref, size, color=style.accent if ref.startswith("tabler:") else None)
    cx, cy = center
    sprites = []
    if with_glow:
        halo = draw.glow(
            round(size * 1.9), style.blobs[0] if style.dark else style.accent, 0.5 if style.dark else 0.3
        )
        sprites.append(
            Sprite(
                halo,
                cx - halo.width // 2,
                cy - halo.height // 2,
                enter_ms=enter_ms,
                enter_dur=900,
                kind="fade",
            )
        )
    sprites.append(
        Sprite(
            picture,
            cx - size // 2,
            cy - size // 2,
            enter_ms=enter_ms + 120,
            enter_dur=650,
            kind="pop",
            bounce=True,
            float_px=frame.u(12),
            float_period_ms=3600,
        )
    )
    return sprites


def text_line(
    text: str,
    *,
    style: Style,
    size: int,
    weight: str,
    color: Color,
    x: int,
    y: int,
    max_width: int,
    enter_ms: float,
    align: str = "left",
    kind: str = "rise",
    distance: int = 24,
) -> Sprite:
    """A secondary line (a subtitle, a name, a web address) entering as one piece."""
    block = draw.layout_text(
        text,
        weight=weight,
        size=size,
        max_width=max_width,
        highlight=[],
        max_lines=2,
        align=align,
        font=style.font,
    )
    pad = draw.WORD_PAD + block.face.stroke
    canvas = Image.new("RGBA", (block.width + 2 * pad + 16, block.height + 2 * pad), (0, 0, 0, 0))
    for word in block.words:
        piece = draw.word_image(word.text, block.face, color)
        canvas.alpha_composite(piece, (word.x, word.y))
    return Sprite(canvas, x - pad, y - pad, enter_ms=enter_ms, enter_dur=600, kind=kind, distance=distance)


def field_text(scene: dict[str, Any], key: str) -> str:
    value = scene.get(key)
    return value.strip() if isinstance(value, str) else ""


def field_list(scene: dict[str, Any], key: str) -> list[Any]:
    value = scene.get(key)
    return value if isinstance(value, list) else []
