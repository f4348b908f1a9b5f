"""Drawing the layers of a scene once: words, cards, art, backgrounds, glows (Pillow and resvg).

Every function returns a new RGBA (or, for backgrounds, RGB) image; the compositor moves and fades
them per frame. Latin text is set in Inter (OFL, vendored in `fonts/`); text with Chinese characters in
Noto Sans CJK SC (the renderer's own font), made heavier with a thin stroke since the wheel has only the
regular weight.
"""

from __future__ import annotations

import functools
import io
import math
import random
import re
from dataclasses import dataclass

import resvg_py
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from nemo_tui import art

from ..fonts import FONT_PATH as CJK_FONT_PATH
from ..typefaces import TYPEFACES
from .style import Color, Style

CJK_FACE = 2  # Simplified Chinese in the Noto Sans CJK collection (face 0 is Japanese)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

RGBA = tuple[int, int, int, int]


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class Face:
    font: ImageFont.FreeTypeFont
    stroke: int  # faux-bold stroke width in px (the CJK face has one weight)


@functools.lru_cache(maxsize=64)
def face(weight: str, size: int, cjk: bool, font: str = "inter") -> Face:
    """The named font (Inter by default) at `weight`, or the CJK face (stroked by weight) when the
    text needs it (the named fonts hold Latin only)."""
    if cjk:
        cjk_font = ImageFont.truetype(str(CJK_FONT_PATH), size, index=CJK_FACE)
        heavy = {"ExtraBold": 0.045, "Bold": 0.035, "SemiBold": 0.025}.get(weight, 0.0)
        return Face(cjk_font, round(size * heavy))
    return Face(ImageFont.truetype(str(TYPEFACES.get(font, TYPEFACES["inter"]).file(weight)), size), 0)


def words_of(text: str) -> list[str]:
    """The units a headline enters and wraps by: words in Latin text, words found by jieba in
    Chinese (so that a line never breaks inside 茶叶), punctuation kept with the word before it."""
    if not has_cjk(text):
        return text.split()
    out: list[str] = []
    for piece in art.cut(text):
        if not piece.strip():
            continue
        if out and re.fullmatch(r"[，。！？、；：”」』）)!?,.:;%]+", piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def text_width(f: Face, text: str) -> int:
    box = f.font.getbbox(text, stroke_width=f.stroke)
    return int(box[2] - box[0])


@dataclass(frozen=True)
class PlacedWord:
    text: str
    x: int  # left of the word's box, relative to the block
    y: int  # top of the line
    accent: bool


@dataclass(frozen=True)
class TextBlock:
    words: tuple[PlacedWord, ...]
    width: int
    height: int
    line_height: int
    face: Face


def _highlighted(word: str, highlight: list[str]) -> bool:
    bare = re.sub(r"[^\w%]", "", word).lower()
    for h in highlight:
        target = h.lower()
        if bare and (
            bare == re.sub(r"[^\w%]", "", target)
            or (has_cjk(target) and bare in target)
            or bare in target.split()
        ):
            return True
    return False


def layout_text(
    text: str,
    *,
    weight: str,
    size: int,
    max_width: int,
    highlight: list[str],
    max_lines: int = 4,
    align: str = "left",
    font: str = "inter",
) -> TextBlock:
    """Words wrapped into lines no wider than `max_width`; the size shrinks until it fits `max_lines`."""
    cjk = has_cjk(text)
    words = words_of(text)
    if not words:
        return TextBlock((), 0, 0, 0, face(weight, size, cjk, font))
    while True:
        f = face(weight, size, cjk, font)
        space = 0 if cjk else text_width(f, "n") * 0.55
        lines: list[list[tuple[str, int]]] = [[]]
        x = 0.0
        for w in words:
            width = text_width(f, w)
            if lines[-1] and x + width > max_width:
                lines.append([])
                x = 0.0
            lines[-1].append((w, round(x)))
            x += width + space
        widest = max(line[-1][1] + text_width(f, line[-1][0]) for line in lines if line)
        if (len(lines) <= max_lines and widest <= max_width) or size <= 24:
            break  # fits (a single word wider than the space makes the text smaller too)
        size = int(size * 0.9)
    ascent, descent = f.font.getmetrics()
    line_h = int((ascent + descent) * (1.08 if cjk else 1.02))
    placed: list[PlacedWord] = []
    widths = []
    for row, line in enumerate(lines):
        last, last_x = line[-1]
        line_w = last_x + text_width(f, last)
        widths.append(line_w)
        shift = (max_width - line_w) // 2 if align == "center" else 0
        placed += [PlacedWord(w, wx + shift, row * line_h, _highlighted(w, highlight)) for w, wx in line]
    width = max_width if align == "center" else max(widths)
    return TextBlock(tuple(placed), width, line_h * len(lines), line_h, f)


def word_image(word: str, f: Face, color: Color) -> Image.Image:
    """One word, on a transparent image whose top left is the word's layout position."""
    ascent, descent = f.font.getmetrics()
    pad = f.stroke + 4
    w = text_width(f, word) + 2 * pad + 8
    img = Image.new("RGBA", (w, ascent + descent + 2 * pad), (0, 0, 0, 0))
    ImageDraw.Draw(img).text(
        (pad, pad), word, font=f.font, fill=(*color, 255), stroke_width=f.stroke, stroke_fill=(*color, 255)
    )
    return img


WORD_PAD = 4  # `word_image` draws the word this far in from its corner (plus the stroke)


def art_image(ref: str, size: int, color: Color | None = None) -> Image.Image:
    """An icon or illustration rasterised at `size` px (its longer side), transparent around it."""
    return _art_png(ref, size, "#{:02X}{:02X}{:02X}".format(*color) if color else None).copy()


@functools.lru_cache(maxsize=128)
def _art_png(ref: str, size: int, color: str | None) -> Image.Image:
    svg = art.svg(ref, color=color)
    png = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size, skip_system_fonts=True)
    img = Image.open(io.BytesIO(bytes(png)))
    img.load()
    return img.convert("RGBA")


def rounded_box(
    size: tuple[int, int], radius: int, fill: RGBA, *, shadow: int = 0, outline: RGBA | None = None
) -> Image.Image:
    """A rounded rectangle with a soft drop shadow around it (`shadow` px of margin on every side)."""
    w, h = size
    m = shadow
    img = Image.new("RGBA", (w + 2 * m, h + 2 * m), (0, 0, 0, 0))
    if shadow:
        mask = Image.new("L", img.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle(
            (m, m + shadow // 3, m + w, m + h + shadow // 3), radius, fill=70
        )
        mask = mask.filter(ImageFilter.GaussianBlur(shadow / 2.5))
        img.putalpha(mask)
    scale = 2  # drawn twice as large and halved: smooth corners
    box = Image.new("RGBA", (w * scale, h * scale), (0, 0, 0, 0))
    ImageDraw.Draw(box).rounded_rectangle(
        (0, 0, w * scale - 1, h * scale - 1),
        radius * scale,
        fill=fill,
        outline=outline,
        width=scale * 2 if outline else 0,
    )
    img.alpha_composite(box.resize((w, h), Image.Resampling.LANCZOS), (m, m))
    return img


def disc(diameter: int, fill: RGBA) -> Image.Image:
    big = Image.new("RGBA", (diameter * 2, diameter * 2), (0, 0, 0, 0))
    ImageDraw.Draw(big).ellipse((0, 0, diameter * 2 - 1, diameter * 2 - 1), fill=fill)
    return big.resize((diameter, diameter), Image.Resampling.LANCZOS)


def glow(diameter: int, color: Color, strength: float = 0.55) -> Image.Image:
    """A soft round light, brightest in the middle: sits behind an illustration."""
    small = max(8, diameter // 8)
    img = Image.new("RGBA", (small, small), (*color, 0))
    mask = Image.new("L", (small, small), 0)
    ImageDraw.Draw(mask).ellipse(
        (small * 0.18, small * 0.18, small * 0.82, small * 0.82), fill=round(255 * strength)
    )
    img.putalpha(mask.filter(ImageFilter.GaussianBlur(small * 0.12)))
    return img.resize((diameter, diameter), Image.Resampling.BICUBIC)


def background(size: tuple[int, int], style: Style, seed: int) -> Image.Image:
    """The scene's backdrop, larger than the frame so that it can drift: a vertical gradient, soft
    colour blobs (blurred at an eighth of the size, then enlarged) and a faint dot grid."""
    w, h = size
    small = (max(8, w // 8), max(8, h // 8))
    grad = Image.linear_gradient("L").resize(small)
    top = Image.new("RGB", small, style.bg_top)
    bottom = Image.new("RGB", small, style.bg_bottom)
    img = Image.composite(bottom, top, grad)
    rnd = random.Random(seed)
    for k, color in enumerate(style.blobs):
        blob = Image.new("L", small, 0)
        r = rnd.uniform(0.14, 0.22) * max(small)
        cx = small[0] * ((k + rnd.uniform(0.15, 0.85)) / len(style.blobs))
        cy = small[1] * (rnd.uniform(0.05, 0.35) if k % 2 else rnd.uniform(0.65, 0.95))
        ImageDraw.Draw(blob).ellipse((cx - r, cy - r, cx + r, cy + r), fill=round(255 * style.blob_strength))
        blob = blob.filter(ImageFilter.GaussianBlur(r * 0.6))
        img = Image.composite(Image.new("RGB", small, color), img, blob)
    img = img.resize(size, Image.Resampling.BICUBIC)
    dots = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(dots)
    step = max(18, round(min(w, h) / 30))
    r = max(1, step // 14)
    for y in range(step // 2, h, step):
        for x in range(step // 2, w, step):
            draw.ellipse((x - r, y - r, x + r, y + r), fill=style.dots)
    img.paste(dots, (0, 0), dots)
    return img


def ring(diameter: int, width: int, share: float, track: RGBA, start: Color, end: Color) -> Image.Image:
    """A progress ring filled to `share` (0..1) clockwise from the top, shading from `start` to `end`."""
    full, base = _ring_layers(diameter, width, track, start, end)
    if share <= 0:
        return base.copy()
    scale = 2
    d = diameter * scale
    mask = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(mask)
    draw.pieslice((-d, -d, 2 * d - 1, 2 * d - 1), -90, -90 + 360 * min(1.0, share), fill=255)
    wd = width * scale
    for angle in (-90, -90 + 360 * min(1.0, share)):  # round caps
        rad = math.radians(angle)
        cx = d / 2 + (d / 2 - wd / 2) * math.cos(rad)
        cy = d / 2 + (d / 2 - wd / 2) * math.sin(rad)
        draw.ellipse((cx - wd / 2 - 2, cy - wd / 2 - 2, cx + wd / 2 + 2, cy + wd / 2 + 2), fill=255)
    img = base.copy()
    img.paste(full, (0, 0), mask.resize((diameter, diameter), Image.Resampling.BILINEAR))
    return img


@functools.lru_cache(maxsize=8)
def _ring_layers(
    diameter: int, width: int, track: RGBA, start: Color, end: Color
) -> tuple[Image.Image, Image.Image]:
    """The ring filled all the way (colours shading round it, round caps) and its empty track."""
    scale = 2
    d, wd = diameter * scale, width * scale
    full = Image.new("RGBA", (d, d), (0, 0, 0, 0))
    draw = ImageDraw.Draw(full)
    steps = 180
    for i in range(steps):
        t = i / (steps - 1)
        c = tuple(round(start[j] + (end[j] - start[j]) * t) for j in range(3))
        draw.arc((0, 0, d - 1, d - 1), -90 + 2 * i - 0.5, -90 + 2 * (i + 1) + 0.5, fill=(*c, 255), width=wd)
    for angle, t in ((-90.0, 0.0), (269.0, 1.0)):
        rad = math.radians(angle)
        cx = d / 2 + (d / 2 - wd / 2) * math.cos(rad)
        cy = d / 2 + (d / 2 - wd / 2) * math.sin(rad)
        c = tuple(round(start[j] + (end[j] - start[j]) * t) for j in range(3))
        draw.ellipse((cx - wd / 2, cy - wd / 2, cx + wd / 2, cy + wd / 2), fill=(*c, 255))
    base = Image.new("RGBA", (d, d), (0, 0, 0, 0))
    ImageDraw.Draw(base).ellipse((0, 0, d - 1, d - 1), outline=track, width=wd)
    return (
        full.resize((diameter, diameter), Image.Resampling.LANCZOS),
        base.resize((diameter, diameter), Image.Resampling.LANCZOS),
    )


def fit_picture(
    picture: Image.Image, size: tuple[int, int], resample: Image.Resampling = Image.Resampling.LANCZOS
) -> Image.Image:
    """`picture` scaled to cover `size` and centre-cropped (an uploaded photo or clip in a frame)."""
    w, h = size
    scale = max(w / picture.width, h / picture.height)
    resized = picture.resize(
        (max(w, round(picture.width * scale)), max(h, round(picture.height * scale))), resample
    )
    left, top = (resized.width - w) // 2, (resized.height - h) // 2
    return resized.crop((left, top, left + w, top + h))


def rounded_mask(size: tuple[int, int], radius: int) -> Image.Image:
    scale = 2
    mask = Image.new("L", (size[0] * scale, size[1] * scale), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, size[0] * scale - 1, size[1] * scale - 1), radius * scale, fill=255
    )
    return mask.resize(size, Image.Resampling.LANCZOS)
