"""The `media` template: an uploaded picture or clip framed by design, not shown bare under a caption.

`layout: "split"` puts the photo in a rounded frame beside (wide) or above (tall, square) the
headline; `layout: "lower-third"` fills the frame with the photo and sets the headline on a band
across its lower third. The photo pushes in slowly, moved with sub-pixel precision (an affine
resample per frame), so that it glides rather than steps; a clip plays in the frame instead
(`footage.Footage`, its sound muxed into the scene's clip).
"""

from __future__ import annotations

from typing import Any

from PIL import Image

from . import draw
from .footage import Footage
from .layout import Frame, Pictures, field_list, field_text, headline, stagger_for, text_line
from .motion import Sprite, in_out_sine
from .style import Style, mix

PUSH_IN = 0.08  # the photo grows by this share over the scene


def _pushing(
    picture: Image.Image | Footage, size: tuple[int, int], duration_ms: float, mask: Image.Image | None
) -> Sprite:
    """A photo filling `size`, zooming in slowly about its centre; a clip filling it, playing."""
    w, h = size
    if isinstance(picture, Footage):
        clip = picture

        def playing(t: float) -> Image.Image:
            shown = draw.fit_picture(clip.frame(t).convert("RGB"), size, Image.Resampling.BILINEAR).convert(
                "RGBA"
            )
            if mask is not None:
                shown.putalpha(mask)
            return shown

        return Sprite(playing(0), 0, 0, kind="none", redraw=playing)
    base = draw.fit_picture(
        picture.convert("RGB"), (round(w * (1 + PUSH_IN)) + 2, round(h * (1 + PUSH_IN)) + 2)
    )

    def at(t: float) -> Image.Image:
        # Output pixel (x, y) samples the base at its centre + (x - w/2, y - h/2) * span: the span
        # shrinks from the whole base (1 + PUSH_IN) to the frame's own size (1).
        span = 1 + PUSH_IN * (1 - (in_out_sine(t / duration_ms) if duration_ms else 0.0))
        cx, cy = base.width / 2, base.height / 2
        coeffs = (span, 0.0, cx - span * w / 2, 0.0, span, cy - span * h / 2)
        frame = base.transform((w, h), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR).convert(
            "RGBA"
        )
        if mask is not None:
            frame.putalpha(mask)
        return frame

    return Sprite(at(0), 0, 0, kind="none", redraw=at)


def media(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    picture = pictures.get(field_text(scene, "media"))
    if field_text(scene, "layout") == "lower-third" or picture is None:
        return _lower_third(scene, frame, style, duration_ms, picture)
    return _split(scene, frame, style, duration_ms, picture)


def _lower_third(
    scene: dict[str, Any],
    frame: Frame,
    style: Style,
    duration_ms: float,
    picture: Image.Image | Footage | None,
) -> list[Sprite]:
    """The photo fills the frame; the words sit on a dark band across its lower third."""
    text, sub = field_text(scene, "headline"), field_text(scene, "sub")
    w, h, m = frame.w, frame.h, frame.margin
    sprites = [_pushing(picture, (w, h), duration_ms, None)] if picture is not None else []
    band_h = round(h * (0.36 if frame.shape == "wide" else 0.3))
    band = Image.new("RGBA", (w, band_h), (*mix(style.bg_top, (0, 0, 0), 0.5), 0))
    band.putalpha(Image.linear_gradient("L").resize((w, band_h)).point(lambda v: round(v * 0.82)))
    sprites.append(Sprite(band, 0, h - band_h, enter_ms=0, enter_dur=500, kind="fade"))
    left = m + frame.u(40)
    words = headline(
        text, frame=frame, style=style, x=left, y=0, max_width=w - 2 * m - frame.u(40), size=frame.u(80),
        highlight=field_list(scene, "highlight"), start_ms=350,
        stagger_ms=stagger_for(text, duration_ms, 0.3),
        max_lines=2, color=(255, 255, 255),
    )  # fmt: skip
    top = h - m - words.height - (frame.u(60) if sub else 0)
    words.move(dy=top)
    bar = draw.rounded_box((frame.u(12), frame.u(90)), frame.u(6), (*style.accent, 255))
    sprites.append(
        Sprite(bar, m, top + frame.u(10), enter_ms=250, enter_dur=400, kind="rise", distance=frame.u(30))
    )
    sprites += words.sprites
    if sub:
        sprites.append(
            text_line(
                sub,
                style=style,
                size=frame.u(40),
                weight="SemiBold",
                color=(235, 235, 240),
                x=left,
                y=top + words.height + frame.u(10),
                max_width=w - 2 * m,
                enter_ms=words.last_ms + 300,
            )  # fmt: skip
        )
    return sprites


def _split(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, picture: Image.Image | Footage
) -> list[Sprite]:
    """The photo in a rounded frame beside (wide) or above (tall, square) the words."""
    text = field_text(scene, "headline")
    w, h, m = frame.w, frame.h, frame.margin
    wide = frame.shape == "wide"
    if wide:
        box = (round(w * 0.44), round(h * 0.72))
        at = (w - m - box[0], (h - box[1]) // 2)
    else:
        box = (w - 2 * m, round(h * (0.46 if frame.shape == "tall" else 0.5)))
        at = (m, m + frame.u(40))
    radius, shadow = round(min(box) * 0.06), frame.u(40)
    card = draw.rounded_box(box, radius, (*style.card, 255), shadow=shadow)
    sprites = [Sprite(card, at[0] - shadow, at[1] - shadow, enter_dur=600, kind="rise", distance=frame.u(50))]
    photo = _pushing(picture, box, duration_ms, draw.rounded_mask(box, radius))
    photo.x, photo.y, photo.kind, photo.enter_dur, photo.distance = at[0], at[1], "rise", 600, frame.u(50)
    sprites.append(photo)
    highlight, stagger = field_list(scene, "highlight"), stagger_for(text, duration_ms, 0.3)
    if wide:
        words = headline(
            text, frame=frame, style=style, x=m, y=0, max_width=at[0] - 2 * m, size=frame.u(92),
            highlight=highlight, start_ms=350, stagger_ms=stagger, max_lines=5,
        )  # fmt: skip
        words.move(dy=(h - words.height) // 2)
    else:
        words = headline(
            text, frame=frame, style=style, x=m, y=at[1] + box[1] + frame.u(70), max_width=w - 2 * m,
            size=frame.u(80), highlight=highlight, start_ms=350, stagger_ms=stagger, align="center",
            max_lines=4,
        )  # fmt: skip
    return sprites + words.sprites
