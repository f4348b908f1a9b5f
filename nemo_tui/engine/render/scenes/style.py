"""The looks a designed scene can take, and a look made from a brand's colours.

A `Style` is everything a template needs to colour and pace itself: the background (two gradient
colours, the soft blobs drifting on it, the dot grid), the words (colour, accent for highlighted words,
weight), the cards, and how lively the motion is. `scene_style` picks the named style and lays the
scene's own `palette` (brand colours given by chat) over it.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, replace

Color = tuple[int, int, int]


def hex_rgb(value: str) -> Color:
    """`#RRGGBB` or `#RRGGBBAA` to an (r, g, b) triple."""
    v = value.lstrip("#")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def luminance(c: Color) -> float:
    """Relative luminance (WCAG), 0 for black to 1 for white."""

    def channel(x: int) -> float:
        s = x / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shade(c: Color, lightness: float, saturation: float = 1.0) -> Color:
    """`c` with its HLS lightness set to `lightness` (0..1) and saturation scaled."""
    h, _, s = colorsys.rgb_to_hls(*(x / 255 for x in c))
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), max(0.0, min(1.0, s * saturation)))
    return round(r * 255), round(g * 255), round(b * 255)


def mix(a: Color, b: Color, t: float) -> Color:
    return round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t)


@dataclass(frozen=True)
class Style:
    name: str
    bg_top: Color
    bg_bottom: Color
    blobs: tuple[Color, ...]  # soft colour clouds drifting behind everything
    blob_strength: float  # 0..1, how much the blobs show
    dots: tuple[int, int, int, int]  # the dot grid's colour and alpha
    text: Color
    accent: Color  # highlighted words, numbers, buttons
    card: Color
    card_text: Color
    chips: tuple[Color, ...]  # the soft discs behind card icons
    weight: str  # Inter weight of headlines: "ExtraBold" | "Bold" | "SemiBold"
    radius: float  # card corner radius, as a share of the card height
    bounce: bool  # pop-ins overshoot a little (playful looks)
    font: str = "inter"  # the named font the words are set in (render/typefaces.py)

    @property
    def dark(self) -> bool:
        return luminance(mix(self.bg_top, self.bg_bottom, 0.5)) < 0.3

    @property
    def button_text(self) -> Color:
        """The words on an accent-coloured button: whichever of black and white reads better."""
        return (
            (20, 20, 28)
            if contrast(self.accent, (20, 20, 28)) >= contrast(self.accent, (255, 255, 255))
            else (255, 255, 255)
        )


STYLES: dict[str, Style] = {
    "bold": Style(
        "bold",
        bg_top=(28, 16, 72),
        bg_bottom=(70, 24, 140),
        blobs=((214, 51, 168), (36, 120, 200), (240, 96, 80)),
        blob_strength=0.75,
        dots=(255, 255, 255, 26),
        text=(255, 255, 255),
        accent=(255, 184, 107),
        card=(242, 243, 248),
        card_text=(24, 22, 56),
        chips=((255, 227, 130), (160, 236, 200), (186, 226, 255), (255, 196, 214)),
        weight="ExtraBold",
        radius=0.18,
        bounce=False,
    ),
    "minimal": Style(
        "minimal",
        bg_top=(248, 247, 243),
        bg_bottom=(236, 234, 228),
        blobs=((255, 214, 196), (206, 226, 255)),
        blob_strength=0.45,
        dots=(30, 30, 40, 22),
        text=(24, 24, 30),
        accent=(232, 80, 52),
        card=(255, 255, 255),
        card_text=(24, 24, 30),
        chips=((255, 232, 222), (226, 238, 255), (230, 246, 234), (246, 236, 255)),
        weight="Bold",
        radius=0.12,
        bounce=False,
    ),
    "corporate": Style(
        "corporate",
        bg_top=(10, 37, 69),
        bg_bottom=(19, 64, 104),
        blobs=((38, 132, 180), (20, 90, 130), (72, 170, 160)),
        blob_strength=0.6,
        dots=(255, 255, 255, 20),
        text=(255, 255, 255),
        accent=(94, 200, 240),
        card=(255, 255, 255),
        card_text=(16, 42, 72),
        chips=((222, 240, 252), (224, 246, 240), (236, 238, 250), (252, 242, 222)),
        weight="Bold",
        radius=0.1,
        bounce=False,
    ),
    "playful": Style(
        "playful",
        bg_top=(255, 236, 210),
        bg_bottom=(255, 206, 222),
        blobs=((255, 170, 120), (150, 220, 255), (190, 160, 255)),
        blob_strength=0.7,
        dots=(120, 40, 90, 24),
        text=(46, 26, 70),
        accent=(225, 48, 120),
        card=(255, 255, 255),
        card_text=(46, 26, 70),
        chips=((255, 222, 150), (170, 234, 214), (196, 220, 255), (255, 200, 220)),
        weight="ExtraBold",
        radius=0.32,
        bounce=True,
    ),
}
DEFAULT_STYLE = "bold"
# The script's mood (see the agent's script reading) to the look that suits it.
MOOD_STYLES = {
    "upbeat": "playful",
    "calm": "minimal",
    "cinematic": "bold",
    "lofi": "bold",
    "corporate": "corporate",
}


def branded(style: Style, palette: list[str]) -> Style:
    """`style` in a brand's colours: the first is the background, the second the accent, a third (if
    given) the words. Text colours are re-checked for contrast so that a light brand stays readable."""
    if not palette:
        return style
    base = hex_rgb(palette[0])
    dark = luminance(base) < 0.35
    top = shade(base, 0.16 if dark else 0.93, 0.9)
    bottom = shade(base, 0.3 if dark else 0.84)
    accent = hex_rgb(palette[1]) if len(palette) > 1 else shade(base, 0.62 if dark else 0.42, 1.2)
    text = hex_rgb(palette[2]) if len(palette) > 2 else ((255, 255, 255) if dark else (22, 24, 34))
    middle = mix(top, bottom, 0.5)
    if contrast(text, middle) < 4.5:
        text = (
            (255, 255, 255)
            if contrast((255, 255, 255), middle) > contrast((22, 24, 34), middle)
            else (22, 24, 34)
        )
    if contrast(accent, middle) < 2.2:  # a brand accent too close to the background: lift or deepen it
        accent = shade(accent, 0.72 if dark else 0.32)
    blobs = (
        shade(base, 0.5 if dark else 0.75, 1.2),
        shade(accent, 0.55 if dark else 0.8),
        shade(base, 0.42, 0.8),
    )
    card_text = shade(base, 0.18, 0.9) if dark else (22, 24, 34)
    dots = (255, 255, 255, 24) if dark else (20, 20, 30, 22)
    return replace(
        style,
        bg_top=top,
        bg_bottom=bottom,
        blobs=blobs,
        text=text,
        accent=accent,
        card_text=card_text,
        dots=dots,
    )


def scene_style(name: str | None, palette: list[str] | None, font: str | None = None) -> Style:
    """The named style (the default when unknown or absent) in the scene's palette and font."""
    style = STYLES.get(name or DEFAULT_STYLE, STYLES[DEFAULT_STYLE])
    return replace(branded(style, palette or []), font=font or "inter")
