"""Templates that show several things or a number: feature cards, numbered steps, a statistic that
counts up."""

from __future__ import annotations

import re
from typing import Any

from PIL import Image

from . import draw
from .layout import Frame, Pictures, field_list, field_text, headline, illustration, stagger_for
from .motion import Sprite, out_cubic
from .style import Style, mix


def _card(
    item_text: str, chip: Image.Image | None, size: tuple[int, int], frame: Frame, style: Style
) -> Image.Image:
    """A card: the chip (icon or number) on the left, the words beside it, in a soft-shadowed box."""
    w, h = size
    shadow = frame.u(26)
    card = draw.rounded_box(size, round(h * style.radius), (*style.card, 255), shadow=shadow)
    pad = round(h * 0.2)
    x = shadow + pad
    if chip is not None:
        card.alpha_composite(chip, (x, shadow + (h - chip.height) // 2))
        x += chip.width + round(pad * 0.8)
    block = draw.layout_text(
        item_text,
        weight="Bold",
        size=frame.u(52),
        max_width=w - (x - shadow) - pad,
        highlight=[],
        max_lines=2,
        font=style.font,
    )
    top = shadow + (h - block.height) // 2
    for word in block.words:
        piece = draw.word_image(word.text, block.face, style.card_text)
        card.alpha_composite(
            piece,
            (
                x + word.x - draw.WORD_PAD - block.face.stroke,
                top + word.y - draw.WORD_PAD - block.face.stroke,
            ),
        )
    return card


def _icon_chip(ref: str | None, diameter: int, k: int, style: Style) -> Image.Image:
    chip = draw.disc(diameter, (*style.chips[k % len(style.chips)], 255))
    if ref:
        icon = draw.art_image(
            ref, round(diameter * 0.56), color=style.card_text if ref.startswith("tabler:") else None
        )
        chip.alpha_composite(icon, ((diameter - icon.width) // 2, (diameter - icon.height) // 2))
    return chip


def _number_chip(n: int, diameter: int, style: Style) -> Image.Image:
    chip = draw.disc(diameter, (*style.accent, 255))
    f = draw.face("ExtraBold", round(diameter * 0.5), False, style.font)
    digit = draw.word_image(str(n), f, style.button_text)
    ascent, descent = f.font.getmetrics()
    box = f.font.getbbox(str(n))
    x = int((diameter - (box[2] - box[0])) // 2 - draw.WORD_PAD - box[0])
    y = int((diameter - (box[3] + box[1])) // 2 - draw.WORD_PAD)
    chip.alpha_composite(digit, (x, y))
    return chip


def _cards(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, numbered: bool
) -> list[Sprite]:
    """Shared by `features` and `steps`: an optional headline, then the cards sliding in one by one.
    Wide frames put up to three feature cards in a row under the headline, and steps (or four cards)
    in a column beside it; tall and square frames stack everything. The block is centred."""
    title = field_text(scene, "headline")
    items = [i for i in field_list(scene, "items") if isinstance(i, dict) and isinstance(i.get("text"), str)][
        :5
    ]
    w, h, m = frame.w, frame.h, frame.margin
    wide = frame.shape == "wide"
    count = max(1, len(items))
    row = wide and count <= 3 and not numbered
    beside = wide and not row and bool(title)  # headline in a left column, cards in a right one
    gap = frame.u(34)
    head_w = round(w * 0.36) if beside else w - 2 * m
    words = None
    if title:
        words = headline(
            title,
            frame=frame,
            style=style,
            x=m,
            y=0,
            max_width=head_w,
            size=frame.u(96 if wide else 84),
            highlight=field_list(scene, "highlight"),
            start_ms=200,
            stagger_ms=stagger_for(title, duration_ms, 0.2),
            max_lines=4 if beside else 3,
        )
    head_h = words.height if words else 0
    if row:
        cols, card_w, card_h = count, (w - 2 * m - gap * (count - 1)) // count, frame.u(230)
    elif beside:
        cols, card_w = 1, w - m - round(w * 0.46)
        card_h = min(frame.u(170), (h - 2 * m - gap * (count - 1)) // count)
    else:
        cols, card_w = 1, w - 2 * m if not wide else round(w * 0.56)
        card_h = min(frame.u(180), (h - 2 * m - head_h - frame.u(70) - gap * (count - 1)) // count)
    rows = (count + cols - 1) // cols
    cards_h = rows * card_h + (rows - 1) * gap
    if beside:
        head_top, cards_top, cards_left = (h - head_h) // 2, (h - cards_h) // 2, round(w * 0.46)
    else:
        total = head_h + (frame.u(70) if words else 0) + cards_h
        head_top = (h - total) // 2
        cards_top, cards_left = head_top + total - cards_h, (w - card_w) // 2 if cols == 1 else m
    sprites: list[Sprite] = []
    start = 200.0
    if words:
        words.move(dy=head_top)
        sprites += words.sprites
        start = words.last_ms + 250
    shadow = frame.u(26)
    step = min(260.0, duration_ms * 0.3 / count)
    for k, item in enumerate(items):
        chip_d = round(card_h * 0.62)
        chip = (
            _number_chip(k + 1, chip_d, style) if numbered else _icon_chip(item.get("art"), chip_d, k, style)
        )
        card = _card(item["text"], chip, (card_w, card_h), frame, style)
        x = cards_left + (k % cols) * (card_w + gap)
        y = cards_top + (k // cols) * (card_h + gap)
        sprites.append(
            Sprite(
                card,
                x - shadow,
                y - shadow,
                enter_ms=start + k * step,
                enter_dur=600,
                kind="rise" if row else "slide-left",
                distance=frame.u(90),
            )
        )
    art = field_text(scene, "illustration")
    if art and not beside and frame.shape != "wide" and head_top > frame.u(260):
        size = min(round(head_top * 0.7), round(w * 0.3))
        sprites = (
            illustration(
                art,
                frame=frame,
                style=style,
                center=(w // 2, head_top // 2 + m // 3),
                size=size,
                enter_ms=100,
            )
            + sprites
        )
    return sprites


def features(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    return _cards(scene, frame, style, duration_ms, numbered=False)


def steps(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    return _cards(scene, frame, style, duration_ms, numbered=True)


_NUMBER = re.compile(r"^(?P<pre>[^\d]*?)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<post>.*)$")


def split_value(value: str) -> tuple[str, float, int, bool, str]:
    """`"$1,200+"` → prefix, number, decimals, thousands separators, suffix."""
    m = _NUMBER.match(value.strip())
    if not m:
        return value, 0.0, 0, False, ""
    num = m.group("num")
    decimals = len(num.split(".")[1]) if "." in num else 0
    return m.group("pre"), float(num.replace(",", "")), decimals, "," in num, m.group("post")


def count_text(value: str, share: float) -> str:
    """`value` with its number counted up to `share` (0..1) of itself."""
    pre, number, decimals, commas, post = split_value(value)
    if not number:
        return value
    shown = number * share
    text = f"{shown:,.{decimals}f}" if commas else f"{shown:.{decimals}f}"
    return f"{pre}{text}{post}"


def _counter(value: str, diameter: int, percent: bool, style: Style, count_ms: float) -> tuple[Sprite, int]:
    """The number, counting up from 0 over `count_ms` (after a short wait), in a box `diameter` high;
    the sprite (placed by the caller) and the box's width."""
    font_size = round(diameter * (0.26 if percent else 0.36))
    f = draw.face("ExtraBold", font_size, draw.has_cjk(value), style.font)
    while draw.text_width(f, value) > diameter * (0.8 if percent else 1.2) and font_size > 30:
        font_size = int(font_size * 0.9)
        f = draw.face("ExtraBold", font_size, draw.has_cjk(value), style.font)
    tint = style.text if percent else style.accent
    box_w = round(diameter * (1.3 if not percent else 1.0))

    def number_at(t: float) -> Image.Image:
        img = Image.new("RGBA", (box_w, diameter), (0, 0, 0, 0))
        piece = draw.word_image(count_text(value, out_cubic((t - 250) / count_ms)), f, tint)
        img.alpha_composite(piece, ((box_w - piece.width) // 2, (diameter - piece.height) // 2))
        return img

    counter = Sprite(
        number_at(0), 0, 0, enter_ms=150, enter_dur=500, kind="pop", redraw=number_at, bounce=style.bounce
    )
    return counter, box_w


def _ring(share: float, diameter: int, style: Style, count_ms: float) -> Sprite:
    """A ring filling up to `share` (0..1) as the number counts, shading into the accent colour."""
    track = (*mix(style.text, style.bg_top, 0.75), 160)
    start = mix(style.accent, (255, 255, 255), 0.35)

    def ring_at(t: float) -> Image.Image:
        filled = out_cubic((t - 250) / count_ms) * share
        return draw.ring(diameter, round(diameter * 0.07), filled, track, start, style.accent)

    return Sprite(ring_at(0), 0, 0, enter_ms=100, enter_dur=500, kind="fade", redraw=ring_at)


def stat(
    scene: dict[str, Any], frame: Frame, style: Style, duration_ms: float, pictures: Pictures
) -> list[Sprite]:
    """A number counting up (in a ring when it is a percentage), the sentence beside (wide) or
    under it."""
    value, label = field_text(scene, "value"), field_text(scene, "label")
    _, number, _, _, post = split_value(value)
    percent = post.strip().startswith("%") and 0 < number <= 100
    w, h, m = frame.w, frame.h, frame.margin
    wide = frame.shape == "wide"
    diameter = round(h * 0.56) if wide else round(w * 0.56)
    cx, cy = (
        (round(w * 0.29), h // 2) if wide else (w // 2, round(h * (0.32 if frame.shape == "tall" else 0.34)))
    )
    count_ms = min(1500.0, duration_ms * 0.45)
    sprites: list[Sprite] = []
    if percent:
        sprites.append(_ring(number / 100, diameter, style, count_ms))
        sprites[-1].x, sprites[-1].y = cx - diameter // 2, cy - diameter // 2
    counter, box_w = _counter(value, diameter, percent, style, count_ms)
    counter.x, counter.y = cx - box_w // 2, cy - diameter // 2
    sprites.append(counter)
    if label:
        words = headline(
            label, frame=frame, style=style, x=round(w * 0.56) if wide else m,
            y=0 if wide else cy + diameter // 2 + frame.u(70),
            max_width=round(w * 0.44) - m if wide else w - 2 * m,
            size=frame.u(84 if wide else 76), highlight=field_list(scene, "highlight"), start_ms=500,
            stagger_ms=stagger_for(label, duration_ms, 0.3), align="left" if wide else "center",
            max_lines=5 if wide else 4,
        )  # fmt: skip
        if wide:
            words.move(dy=(h - words.height) // 2)
        sprites += words.sprites
    art = field_text(scene, "illustration")
    if art:
        size = round(min(w, h) * 0.16)
        spot = (round(w * 0.44), round(h * 0.2)) if wide else (round(w * 0.82), round(h * 0.1) + size // 2)
        sprites += illustration(
            art, frame=frame, style=style, center=spot, size=size, enter_ms=900, with_glow=False
        )
    return sprites
