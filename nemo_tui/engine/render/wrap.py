"""Line breaking for titles and captions: words for Latin scripts, characters for CJK, balanced lines.

libass breaks lines only at spaces, so Chinese, Japanese and Korean text would run off the canvas;
we break it ourselves with the font's real advance widths and hand libass finished lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# No line may start with these (closing punctuation), nor end with the openers.
_NO_START = set("，。、！？；：”’」』）》〉】〕…‥,.!?;:)]}%·ー々")
_NO_END = set("“‘「『（《〈【〔([{")


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(paragraph: str) -> list[str]:
    """Unbreakable pieces; a line may break between two pieces (dropping a piece's leading space).

    A break is allowed at a space and on either side of a wide (CJK) character, but never before
    closing punctuation nor after opening punctuation. (Pieces grow as lists: adding to a string
    copied a long word once per character.)
    """
    pieces: list[list[str]] = []
    space = False
    for char in paragraph:
        if char == " ":
            space = True
            continue
        if not pieces:
            pieces.append([char])
        else:
            prev = pieces[-1][-1]
            glued = char in _NO_START or prev in _NO_END
            if space and not glued:
                pieces.append([" ", char])
            elif space:
                pieces[-1] += [" ", char]
            elif glued or not (_is_wide(char) or _is_wide(prev)):
                pieces[-1].append(char)
            else:
                pieces.append([char])
        space = False
    return ["".join(piece) for piece in pieces]


def _greedy(pieces: list[str], limit: float, width: Callable[[str], float]) -> list[str]:
    """Fill lines piece by piece. Widths add up (see `wrap`), so a line's width is kept as it grows
    rather than measured again: measuring each candidate line, and searching a cut down from the
    whole of a long word, made a long text take minutes."""
    lines: list[str] = []
    line, line_w = "", 0.0
    for piece in pieces:
        piece_w = width(piece)
        if line and line_w + piece_w > limit:
            lines.append(line)
            line, line_w = "", 0.0
        if line:
            line, line_w = line + piece, line_w + piece_w
        else:
            line = piece.lstrip(" ")
            line_w = width(line)
        while len(line) > 1 and line_w > limit:  # one word wider than the line: cut it
            cut, cut_w = 1, width(line[0])
            while cut < len(line) - 1 and cut_w + width(line[cut]) <= limit:
                cut_w += width(line[cut])
                cut += 1
            lines.append(line[:cut])
            line, line_w = line[cut:], line_w - cut_w
    if line:
        lines.append(line)
    return lines


def wrap(text: str, limit: float, width: Callable[[str], float]) -> list[str]:
    """Break `text` into lines no wider than `limit`, as even in length as their number allows.

    `width` is taken to be additive, the sum of its characters' widths (the renderer's font
    metrics are: advances, no kerning), so each distinct character is measured once."""
    width = _by_character(width)
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        pieces = _tokens(paragraph.strip())
        first = _greedy(pieces, limit, width)
        if len(first) > 1:
            lo, hi = min(limit, max(width(p.lstrip(" ")) for p in pieces)), limit
            for _ in range(12):  # the narrowest limit that still needs no more lines
                mid = (lo + hi) / 2
                if len(_greedy(pieces, mid, width)) <= len(first):
                    hi = mid
                else:
                    lo = mid
            first = _greedy(pieces, hi, width)
        lines.extend(first or [""])
    return lines


def _by_character(width: Callable[[str], float]) -> Callable[[str], float]:
    measured: dict[str, float] = {}

    def measure(text: str) -> float:
        total = 0.0
        for char in text:
            value = measured.get(char)
            if value is None:
                value = measured[char] = width(char)
            total += value
        return total

    return measure
