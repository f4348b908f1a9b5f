"""Colours as drafts write them (`#RRGGBB`, or `#RRGGBBAA` where an alpha is allowed)."""

from __future__ import annotations

# Parsing lives with the draft (`nemo_tui.draft.check`): the draft's checks and the renderer share it.
from nemo_tui.draft.check import parse_color as parse_color


def rgba(color: str) -> tuple[int, int, int, int]:
    """`#RRGGBBAA` (as made by `parse_color`) to integers."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16), int(color[7:9], 16)


def ffmpeg_color(color: str) -> str:
    """`#RRGGBB[AA]` to the `0xRRGGBB` form ffmpeg's colour options take (alpha dropped)."""
    return "0x" + color[1:7]
