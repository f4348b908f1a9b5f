"""The named fonts a draft may choose (`style.font` on text, `scene.font` on designed scenes).

All are vendored in `scenes/fonts/` (licences and sources in NOTICE): Pillow draws designed scenes
with them, and libass titles and captions, through the private fontconfig file, which lists the
folder. libass is given TrueType files: the fontconfig inside the bundled ffmpeg does not read woff2
(it silently fell back to Noto). Fredoka and the captions' Inter hold Latin only, so other
characters (Chinese, Greek, Cyrillic) fall back to Noto Sans CJK, in both, and are measured with its
metrics. A draft without a font keeps the defaults: Noto Sans CJK for text, Inter in scenes.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from nemo_tui.draft.scenes import FONTS as NAMES

from .fonts import FontMetrics
from .fonts import metrics as cjk_metrics

FOLDER = Path(__file__).with_name("scenes") / "fonts"
WEIGHTS = ("Regular", "SemiBold", "Bold", "ExtraBold")  # the weights designed scenes ask for


@dataclass(frozen=True)
class Typeface:
    name: str  # as drafts spell it
    family: str  # as fontconfig names the caption file's family
    description: str
    files: tuple[str, str, str, str]  # a file for each of WEIGHTS (a missing weight borrows one)
    caption: str  # the TrueType file libass draws titles and captions with
    own: tuple[tuple[int, int], ...]  # code point ranges the caption file holds (the rest: Noto)

    def file(self, weight: str = "Regular") -> Path:
        return FOLDER / self.files[WEIGHTS.index(weight) if weight in WEIGHTS else 0]


_LATIN = ((0x20, 0xFF), (0x2000, 0x206F))
TYPEFACES: dict[str, Typeface] = {
    t.name: t
    for t in (
        Typeface(
            "inter",
            "Inter",
            "modern, clean sans-serif (Inter)",
            ("Inter-Regular.woff2", "Inter-SemiBold.woff2", "Inter-Bold.woff2", "Inter-ExtraBold.woff2"),
            "Inter-Regular.ttf",
            _LATIN,
        ),
        Typeface(
            "source-serif",
            "Source Serif Pro",
            "elegant serif (Source Serif Pro)",
            (
                "SourceSerifPro-Regular.ttf",
                "SourceSerifPro-Semibold.ttf",
                "SourceSerifPro-Bold.ttf",
                "SourceSerifPro-Bold.ttf",
            ),
            "SourceSerifPro-Regular.ttf",
            ((0x20, 0x24F), (0x2000, 0x206F)),
        ),
        Typeface(
            "fredoka",
            "Fredoka Light",  # the family name the Fontsource instances carry
            "playful, rounded (Fredoka)",
            ("Fredoka-Regular.ttf", "Fredoka-SemiBold.ttf", "Fredoka-Bold.ttf", "Fredoka-ExtraBold.ttf"),
            "Fredoka-Regular.ttf",
            _LATIN,
        ),
    )
}
assert tuple(TYPEFACES) == NAMES, "the draft check and the renderer must know the same fonts"


class TypefaceMetrics:
    """Advance widths in em, as `fonts.FontMetrics` gives them, for a named font's caption file: its
    own for the characters it holds, Noto's for those libass takes from Noto."""

    def __init__(self, face: Typeface) -> None:
        path = FOLDER / face.caption
        self._font = ImageFont.truetype(str(path), 1000)
        self._own = face.own
        data = path.read_bytes()
        tables = FontMetrics._find_face(data, face.family)
        upem = struct.unpack_from(">H", data, tables["head"] + 18)[0]
        win_ascent, win_descent = struct.unpack_from(">HH", data, tables["OS/2"] + 74)
        self.line_height = (win_ascent + win_descent) / upem  # libass sizes fonts by these

    def advance(self, char: str) -> float:
        code = ord(char)
        if any(lo <= code <= hi for lo, hi in self._own):
            return self._font.getlength(char) / 1000
        return cjk_metrics().advance(char)

    def width(self, text: str) -> float:
        return sum(self.advance(c) for c in text)


@functools.cache
def typeface_metrics(name: str) -> TypefaceMetrics:
    return TypefaceMetrics(TYPEFACES[name])
