"""Colours as drafts write them (`#RRGGBB`, or `#RRGGBBAA` where an alpha is allowed)."""

from __future__ import annotations

# Parsing lives with the draft (`nemo_tui.draft.check`): the draft's checks and the renderer share it.
from nemo_tui.draft.check import parse_color as parse_color


def rgba(color: str) -> tuple[int, int, int, int]:
    """`#RRGGBBAA` (as made by `parse_color`) to integers."""
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5, 7))  # type: ignore[return-value]


def ffmpeg_color(color: str) -> str:
    """`#RRGGBB[AA]` to the `0xRRGGBB` form ffmpeg's colour options take (alpha dropped)."""
    return "0x" + color[1:7]
