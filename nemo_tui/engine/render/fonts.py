"""The one font the renderer draws with, and what it needs to know about it.

Text renders with Noto Sans CJK from the `noto-cjk-sans-otc` wheel, so it looks the same on every
machine, system fonts or none. The wheel's `.ttc` holds ten faces and face 0 is Japanese; libass picks
the Simplified Chinese face by family name through a private fontconfig file (`fontconfig_env`), which
also keeps system fonts out. The face also covers Latin, Greek and Cyrillic.

`FontMetrics` reads the advance widths of that face (cmap + hmtx) so that captions can be wrapped to
the canvas width before libass sees them (libass only breaks lines at spaces, which CJK text lacks).
"""

from __future__ import annotations

import bisect
import functools
import struct
from pathlib import Path
from xml.sax.saxutils import escape

import noto_cjk_sans_otc

FAMILY = "Noto Sans CJK SC"
FONT_PATH = Path(noto_cjk_sans_otc.FONT_PATH)


def fontconfig_env(workdir: Path) -> dict[str, str]:
    """Write a fontconfig file that sees only our font; return the environment that selects it."""
    cache = workdir / "fontconfig-cache"
    cache.mkdir(exist_ok=True)
    conf = workdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(FONT_PATH.parent))}</dir>\n"
        # the named fonts a draft may choose (typefaces.py), beside Inter of the designed scenes
        f"  <dir>{escape(str(Path(__file__).with_name('scenes') / 'fonts'))}</dir>\n"
        f"  <cachedir>{escape(str(cache))}</cachedir>\n"
        "  <alias><family>sans-serif</family><prefer><family>"
        f"{FAMILY}</family></prefer></alias>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


class FontMetrics:
    """Advance widths of one face of a TrueType/OpenType collection, in em units."""

    def __init__(self, path: Path, family: str):
        data = path.read_bytes()
        self._data = data
        tables = self._find_face(data, family)
        upem = struct.unpack_from(">H", data, tables["head"] + 18)[0]
        os2 = tables["OS/2"]
        win_ascent, win_descent = struct.unpack_from(">HH", data, os2 + 74)
        # libass sizes a font by its OS/2 win ascent + descent; `size` in drafts is the em size.
        self.line_height = (win_ascent + win_descent) / upem
        n_metrics = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
        hmtx = tables["hmtx"]
        self._advances: list[float] = [
            struct.unpack_from(">H", data, hmtx + 4 * g)[0] / upem for g in range(n_metrics)
        ]
        self._starts, self._ends, self._glyphs = self._read_cmap(data, tables["cmap"])
        self._data = b""

    @staticmethod
    def _find_face(data: bytes, family: str) -> dict[str, int]:
        offsets = [0]
        if data[:4] == b"ttcf":
            count = struct.unpack_from(">I", data, 8)[0]
            offsets = list(struct.unpack_from(f">{count}I", data, 12))
        for base in offsets:
            n_tables = struct.unpack_from(">H", data, base + 4)[0]
            tables = {}
            for k in range(n_tables):
                tag, _, offset, _ = struct.unpack_from(">4sIII", data, base + 12 + 16 * k)
                tables[tag.decode("latin-1")] = offset
            if family in FontMetrics._names(data, tables["name"]):
                return tables
        raise ValueError(f"{family} is not in the font file")

    @staticmethod
    def _names(data: bytes, name: int) -> set[str]:
        count, strings = struct.unpack_from(">HH", data, name + 2)
        found = set()
        for k in range(count):
            pid, _, _, nid, length, offset = struct.unpack_from(">6H", data, name + 6 + 12 * k)
            if nid == 1 and pid == 3:
                start = name + strings + offset
                found.add(data[start : start + length].decode("utf-16-be", "replace"))
        return found

    @staticmethod
    def _read_cmap(data: bytes, cmap: int) -> tuple[list[int], list[int], list[int]]:
        """Format-12 segments (start, end, first glyph), the full Unicode map of the face."""
        count = struct.unpack_from(">H", data, cmap + 2)[0]
        for k in range(count):
            pid, eid, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * k)
            sub = cmap + offset
            if (pid, eid) == (3, 10) and struct.unpack_from(">H", data, sub)[0] == 12:
                n_groups = struct.unpack_from(">I", data, sub + 12)[0]
                groups = [struct.unpack_from(">III", data, sub + 16 + 12 * g) for g in range(n_groups)]
                return [g[0] for g in groups], [g[1] for g in groups], [g[2] for g in groups]
        raise ValueError("the font has no full Unicode cmap")

    def advance(self, char: str) -> float:
        """Advance width of one character in em (0.5 em for a character the font lacks)."""
        code = ord(char)
        i = bisect.bisect_right(self._starts, code) - 1
        if i < 0 or code > self._ends[i]:
            return 0.5
        glyph = self._glyphs[i] + code - self._starts[i]
        return self._advances[min(glyph, len(self._advances) - 1)]

    def width(self, text: str) -> float:
        return sum(self.advance(c) for c in text)


@functools.cache
def metrics() -> FontMetrics:
    """The parsed metrics of the renderer's face (read once per process: about 0.1 s)."""
    return FontMetrics(FONT_PATH, FAMILY)
