"""Templates led by words: the title opener (`hero`), a headline with its illustration (`headline`),
a `quote`, and the call-to-action end card (`cta`)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from . import draw
from .layout import Frame, Pictures, field_list, field_text, headline, illustration, stagger_for, text_line
from .motion import Sprite
from .style import Style, mix


def hero(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    """The opener: the title large and centred, a subtitle under it, the illustration above."""
    title = field_text(scene, "headline")
    sub = field_text(scene, "sub")
    art = field_text(scene, "illustration") or None
    w, h = frame.w, frame.h
    art_size = round(min(w, h) * (0.3 if frame.shape == "wide" else 0.36)) if art else 0
    size = frame.u(150 if frame.shape == "wide" else 120)
    max_w = round(w * (0.8 if frame.shape == "wide" else 0.84))
    words = headline(
        title,
        frame=frame,
        style=style,
        x=0,
        y=0,
        max_width=max_w,
        size=size,
        highlight=field_list(scene, "highlight"),
        start_ms=350,
        stagger_ms=stagger_for(title, duration_ms, 0.25),
        align="center",
        max_lines=3,
    )
    sub_size = frame.u(52)
    gap = frame.u(40)
    total = art_size + (gap if art else 0) + words.height + (gap + round(sub_size * 1.3) if sub else 0)
    top = (h - total) // 2
    sprites = illustration(
        art, frame=frame, style=style, center=(w // 2, top + art_size // 2), size=art_size, enter_ms=150
    )
    text_top = top + art_size + (gap if art else 0)
    left = (w - max_w) // 2
    words.move(left, text_top)
    sprites += words.sprites
    if sub:
        tint = mix(style.text, style.bg_bottom, 0.25)
        sprites.append(
            text_line(
                sub,
                style=style,
                size=sub_size,
                weight="SemiBold",
                color=tint,
                x=left,
                y=text_top + words.height + gap,
                max_width=max_w,
                enter_ms=words.last_ms + 300,
                align="center",
            )
        )
    return sprites


def headline_scene(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    """A sentence as a kinetic headline, beside (wide) or under (tall, square) its illustration."""
    text = field_text(scene, "headline")
    art = field_text(scene, "illustration") or None
    w, h, m = frame.w, frame.h, frame.margin
    highlight = field_list(scene, "highlight")
    stagger = stagger_for(text, duration_ms)
    if not art:  # words alone: larger, centred
        max_w = round(w * (0.8 if frame.shape == "wide" else 0.86))
        size = frame.u(120 if frame.shape == "wide" else 100)
        words = headline(
            text,
            frame=frame,
            style=style,
            x=(w - max_w) // 2,
            y=0,
            max_width=max_w,
            size=size,
            highlight=highlight,
            start_ms=250,
            stagger_ms=stagger,
            align="center",
            max_lines=5,
        )
        words.move(dy=(h - words.height) // 2)
        return words.sprites
    if frame.shape == "wide" and field_text(scene, "layout") != "stack":
        max_w = round(w * 0.54)
        words = headline(
            text,
            frame=frame,
            style=style,
            x=m,
            y=0,
            max_width=max_w,
            size=frame.u(104),
            highlight=highlight,
            start_ms=250,
            stagger_ms=stagger,
        )
        words.move(dy=(h - words.height) // 2)
        art_size = round(h * 0.42)
        center = (round(w * 0.77), h // 2)
    else:
        art_size = round(min(w * (0.5 if frame.shape == "tall" else 0.34), h * 0.36))
        max_w = w - 2 * m if frame.shape != "wide" else round(w * 0.7)
        size = frame.u(96 if frame.shape == "tall" else 84)
        words = headline(
            text,
            frame=frame,
            style=style,
            x=(w - max_w) // 2,
            y=0,
            max_width=max_w,
            size=size,
            highlight=highlight,
            start_ms=250,
            stagger_ms=stagger,
            align="center",
            max_lines=5 if frame.shape != "wide" else 3,
        )
        gap = frame.u(60)
        top = (h - art_size - gap - words.height) // 2
        center = (w // 2, top + art_size // 2)
        words.move(dy=top + art_size + gap)
    return (
        illustration(art, frame=frame, style=style, center=center, size=art_size, enter_ms=120)
        + words.sprites
    )


def quote(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    """A quote or testimonial: a large quotation mark, the words, who said them."""
    text = field_text(scene, "quote")
    author = field_text(scene, "author")
    w, h, m = frame.w, frame.h, frame.margin
    max_w = round(w * (0.72 if frame.shape == "wide" else 0.82))
    left = (w - max_w) // 2
    mark_face = draw.face("ExtraBold", frame.u(300), False, style.font)
    mark = draw.word_image("\u201c", mark_face, style.accent)
    words = headline(
        text,
        frame=frame,
        style=style,
        x=left,
        y=0,
        max_width=max_w,
        size=frame.u(78),
        highlight=field_list(scene, "highlight"),
        start_ms=400,
        stagger_ms=stagger_for(text, duration_ms, 0.3),
        weight="SemiBold",
        max_lines=6,
    )
    author_size = frame.u(44)
    total = words.height + (frame.u(50) + author_size if author else 0)
    top = max(m + frame.u(120), (h - total) // 2)
    words.move(dy=top)
    sprites = [
        Sprite(
            mark,
            left - frame.u(20),
            top - frame.u(230),
            enter_ms=100,
            enter_dur=700,
            kind="pop",
            bounce=style.bounce,
        )
    ]
    sprites += words.sprites
    if author:
        sprites.append(
            text_line(
                "\u2014 " + author,
                style=style,
                size=author_size,
                weight="Bold",
                color=style.accent,
                x=left,
                y=top + words.height + frame.u(50),
                max_width=max_w,
                enter_ms=words.last_ms + 350,
            )
        )
    return sprites


def _button(text: str, frame: Frame, style: Style) -> Image.Image:
    f = draw.face("Bold", frame.u(50), draw.has_cjk(text), style.font)
    label = text + "  \u2192" if not draw.has_cjk(text) else text
    tw = draw.text_width(f, label)
    height = frame.u(120)
    pill = draw.rounded_box(
        (tw + frame.u(110), height), height // 2, (*style.accent, 255), shadow=frame.u(24)
    )
    word = draw.word_image(label, f, style.button_text)
    ascent, descent = f.font.getmetrics()
    offset = frame.u(24)
    pill.alpha_composite(
        word,
        (
            offset + frame.u(55) - draw.WORD_PAD - f.stroke,
            offset + (height - ascent - descent) // 2 - draw.WORD_PAD - f.stroke + frame.u(2),
        ),
    )
    return pill


def cta(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    """The end card: the closing line, a button with the action, the web address, the logo."""
    text = field_text(scene, "headline")
    button = field_text(scene, "button")
    sub = field_text(scene, "sub")
    shown = pictures.get(field_text(scene, "logo"))
    logo = shown if isinstance(shown, Image.Image) else None  # a logo is a picture
    art = field_text(scene, "illustration") or None
    w, h = frame.w, frame.h
    max_w = round(w * (0.78 if frame.shape == "wide" else 0.84))
    left = (w - max_w) // 2
    words = headline(
        text,
        frame=frame,
        style=style,
        x=left,
        y=0,
        max_width=max_w,
        size=frame.u(112),
        highlight=field_list(scene, "highlight"),
        start_ms=300,
        stagger_ms=stagger_for(text, duration_ms, 0.25),
        align="center",
        max_lines=3,
    )
    top_art = frame.u(170) if logo is not None else (round(min(w, h) * 0.3) if art else 0)
    pill = _button(button, frame, style) if button else None
    sub_size = frame.u(44)
    gap = frame.u(56)
    total = (
        (top_art + gap if top_art else 0)
        + words.height
        + (gap + pill.height if pill else 0)
        + (gap + sub_size if sub else 0)
    )
    top = (h - total) // 2
    sprites: list[Sprite] = []
    if logo is not None:
        scale = min(top_art / logo.height, max_w * 0.5 / logo.width)
        mark = logo.resize(
            (max(1, round(logo.width * scale)), max(1, round(logo.height * scale))), Image.Resampling.LANCZOS
        )
        sprites.append(
            Sprite(mark, (w - mark.width) // 2, top + (top_art - mark.height) // 2, enter_ms=100, kind="pop")
        )
    elif art:
        sprites += illustration(
            art, frame=frame, style=style, center=(w // 2, top + top_art // 2), size=top_art, enter_ms=100
        )
    y = top + (top_art + gap if top_art else 0)
    words.move(dy=y)
    sprites += words.sprites
    y += words.height + gap
    if pill is not None:
        shadow = frame.u(24)
        sprites.append(
            Sprite(
                pill,
                (w - pill.width) // 2,
                y - shadow,
                enter_ms=words.last_ms + 300,
                enter_dur=600,
                kind="pop",
                bounce=True,
                float_px=frame.u(4),
                float_period_ms=2400,
            )
        )
        y += pill.height - 2 * shadow + gap
    if sub:
        tint = mix(style.text, style.bg_bottom, 0.2)
        sprites.append(
            text_line(
                sub,
                style=style,
                size=sub_size,
                weight="SemiBold",
                color=tint,
                x=left,
                y=y,
                max_width=max_w,
                enter_ms=words.last_ms + 600,
                align="center",
            )
        )
    return sprites
