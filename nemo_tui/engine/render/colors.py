"""Colours as drafts write them (`#RRGGBB`, or `#RRGGBBAA` where an alpha is allowed)."""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9A-Fa-f]{6})([0-9A-Fa-f]{2})?")


def parse_color(value: object, *, alpha: bool = False) -> str:
    """Normalise to `#RRGGBBAA` (upper case); raise ValueError for anything else."""
    m = _HEX.fullmatch(value) if isinstance(value, str) else None
    if not m or (m.group(2) and not alpha):
        raise ValueError("#RRGGBBAA" if alpha else "#RRGGBB")
    return f"#{m.group(1).upper()}{(m.group(2) or 'FF').upper()}"


def rgba(color: str) -> tuple[int, int, int, int]:
    """`#RRGGBBAA` (as made by `parse_color`) to integers."""
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5, 7))  # type: ignore[return-value]


def ffmpeg_color(color: str) -> str:
    """`#RRGGBB[AA]` to the `0xRRGGBB` form ffmpeg's colour options take (alpha dropped)."""
    return "0x" + color[1:7]
