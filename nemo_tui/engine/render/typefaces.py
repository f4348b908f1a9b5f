"""The named fonts a draft may choose (`style.font` on text, `scene.font` on designed scenes).

All are vendored in `scenes/fonts/` as the woff2 files their packages ship (OFL, see NOTICE), read
by Pillow for designed scenes and by libass (through the private fontconfig file, which lists the
folder) for titles and captions. The files hold Latin only: other characters (Chinese, Greek,
Cyrillic) fall back to Noto Sans CJK in both, so their widths are measured with its metrics.
A draft without a font keeps the renderer's defaults: Noto Sans CJK for text, Inter in scenes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from nemo_tui.draft.scenes import FONTS as NAMES

from .fonts import metrics as cjk_metrics

FOLDER = Path(__file__).with_name("scenes") / "fonts"


@dataclass(frozen=True)
class Typeface:
    name: str  # as drafts spell it
    family: str  # as libass / fontconfig name it
    stem: str  # file prefix: `<stem>-<Weight>.woff2`
    # (OS/2 winAscent + winDescent) / unitsPerEm, read with fontTools when vendored: libass sizes a
    # font by it, and a draft's `size` is the em size
    line_height: float
    description: str

    def file(self, weight: str = "Regular") -> Path:
        return FOLDER / f"{self.stem}-{weight}.woff2"


TYPEFACES: dict[str, Typeface] = {
    t.name: t
    for t in (
        Typeface("inter", "Inter", "Inter", 1.2099609375, "modern, clean sans-serif (Inter)"),
        Typeface("playfair", "Playfair Display", "PlayfairDisplay", 1.41, "elegant serif (Playfair Display)"),
        Typeface("fredoka", "Fredoka Light", "Fredoka", 1.251, "playful, rounded (Fredoka)"),
    )
}
assert tuple(TYPEFACES) == NAMES, "the draft check and the renderer must know the same fonts"


class TypefaceMetrics:
    """Advance widths in em, as `fonts.FontMetrics` gives them, for a named font: its own for the
    characters its file holds (Latin-1 and general punctuation), Noto's for what falls back."""

    def __init__(self, face: Typeface) -> None:
        self._font = ImageFont.truetype(str(face.file()), 1000)
        self.line_height = face.line_height

    def advance(self, char: str) -> float:
        code = ord(char)
        if code < 0x100 or 0x2000 <= code < 0x2070:
            return self._font.getlength(char) / 1000
        return cjk_metrics().advance(char)

    def width(self, text: str) -> float:
        return sum(self.advance(c) for c in text)


@functools.cache
def typeface_metrics(name: str) -> TypefaceMetrics:
    return TypefaceMetrics(TYPEFACES[name])
