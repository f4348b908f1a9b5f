"""Titles and captions: their styles, and the edits of them (add, change, restyle, move, remove).

`which` names text the way people do: "title", "captions" (all of them), "caption 3", "text" (all
text). Sizes are pixels at the canvas height, as docs/draft.md says; they follow the canvas's short side.
"""

from __future__ import annotations

import re
from typing import Any

from nemo_tui.draft.reads import (
    by_start_then_end,
    end_of,
    in_playing_order,
    overlapping,
    plays_during,
    role_of,
    segments_of,
    start_of,
    style_of,
    tracks_of,
)

from . import draft_ops as ops

COLOURS = {
    "white": "#FFFFFF",
    "black": "#000000",
    "yellow": "#FFD600",
    "red": "#E53935",
    "blue": "#1E88E5",
    "green": "#43A047",
    "orange": "#FB8C00",
    "pink": "#EC407A",
    "purple": "#8E24AA",
    "gray": "#9E9E9E",
    "grey": "#9E9E9E",
    "gold": "#FFC107",
    "cyan": "#00BCD4",
    "teal": "#00897B",
    "navy": "#1A237E",
    "白": "#FFFFFF",
    "黑": "#000000",
    "黄": "#FFD600",
    "红": "#E53935",
    "蓝": "#1E88E5",
    "绿": "#43A047",
    "橙": "#FB8C00",
    "粉": "#EC407A",
    "紫": "#8E24AA",
    "灰": "#9E9E9E",
    "金": "#FFC107",
    "青": "#00BCD4",
}
SIZES = {"small": 0.75, "smaller": 0.85, "bigger": 1.2, "larger": 1.2, "big": 1.3, "large": 1.3, "huge": 1.6}
POSITIONS = ("top", "center", "bottom")


def colour(value: str) -> str | None:
    """A colour name (English or Chinese) or #RRGGBB as #RRGGBB; None when unknown."""
    value = (value or "").strip().lower().removesuffix("色")
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return value.upper()
    return COLOURS.get(value)


def short_side(draft: dict[str, Any]) -> int:
    canvas = draft.get("canvas") or ops.canvas_for("16:9")
    return min(int(canvas.get("w", 1920)), int(canvas.get("h", 1080)))


def caption_style(short: int) -> dict[str, Any]:
    size = round(short / 1080 * 54)
    return {"size": size, "color": "#FFFFFF", "pos": "bottom", "box": "#00000080", "anim": "fade"}


def title_style(short: int, pos: str | list[float] = "center") -> dict[str, Any]:
    size = round(short / 1080 * 110)
    return {"size": size, "color": "#FFFFFF", "pos": pos, "box": "#00000066", "anim": "fade"}


def chars_per_line(draft: dict[str, Any]) -> int:
    """About how many Latin characters of caption fit on one line of this canvas (a Chinese
    character takes about two)."""
    canvas = draft.get("canvas") or ops.canvas_for("16:9")
    size = caption_style(short_side(draft))["size"]
    return max(12, int(int(canvas.get("w", 1920)) * 0.86 / (size * 0.52)))


def title_segment(draft: dict[str, Any], text: str, st: int, d: int, pos: str = "center") -> dict[str, Any]:
    return {
        "id": ops.next_id(draft, "s"),
        "st": st,
        "d": d,
        "text": text,
        "style": title_style(short_side(draft), pos),
        "m": {"name": "Title"},
    }


def caption_segment(
    draft: dict[str, Any], text: str, st: int, d: int, scene: str | None = None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": "Caption"}
    if scene:
        meta["scene"] = scene
    return {
        "id": ops.next_id(draft, "s"),
        "st": st,
        "d": d,
        "text": text,
        "style": caption_style(short_side(draft)),
        "m": meta,
    }


def place(draft: dict[str, Any], track: dict[str, Any], seg: dict[str, Any]) -> None:
    """Put `seg` on `track`, replacing whatever text it would overlap."""
    st, end = start_of(seg), end_of(seg)
    kept = [s for s in segments_of(track) if not plays_during(s, st, end)]
    track["sg"] = in_playing_order([*kept, seg])


def add_title(draft: dict[str, Any], text: str, st: int, d: int, pos: str = "center") -> dict[str, Any]:
    track = ops.ensure_track(draft, ops.TEXT, "title", "Title")
    seg = title_segment(draft, text, st, d, pos if pos in POSITIONS else "center")
    place(draft, track, seg)
    return seg


def add_caption(draft: dict[str, Any], text: str, st: int, d: int) -> tuple[dict[str, Any], bool]:
    """Add a caption without deleting any: on the first captions track with room at that time, else
    on a new captions track drawn away from the captions it overlaps. Returns the segment and
    whether it went on top of other captions."""
    seg = caption_segment(draft, text, st, d)
    tracks = tracks_of(draft, tt=ops.TEXT, role="captions")
    for track in tracks:
        if not overlapping(segments_of(track), st, st + d):
            place(draft, track, seg)
            return seg, False
    if not tracks:
        place(draft, ops.add_track(draft, ops.TEXT, "captions", "Captions"), seg)
        return seg, False
    below = overlapping(segments_of(tracks[0]), st, st + d)
    style_of(seg)["pos"] = "bottom" if any(style_of(s).get("pos") == "top" for s in below) else "top"
    place(draft, ops.add_track(draft, ops.TEXT, "captions", "More captions"), seg)
    return seg, True


def select(draft: dict[str, Any], which: str) -> tuple[list[dict[str, Any]], str]:
    """The text segments `which` names, and how to call them in a reply."""
    which = (which or "").strip().lower()
    titles = [s for t in tracks_of(draft, tt=ops.TEXT, role="title") for s in segments_of(t)]
    captions = sorted(  # numbered in time order over every captions track, as the timeline shows them
        (s for t in tracks_of(draft, tt=ops.TEXT, role="captions") for s in segments_of(t)),
        key=by_start_then_end,
    )
    others = [
        s
        for t in tracks_of(draft, tt=ops.TEXT)
        if role_of(t) not in ("title", "captions")
        for s in segments_of(t)
    ]
    if m := re.fullmatch(r"(?:caption|subtitle|line)s?\s*#?(-?\d+)", which):
        n = int(m.group(1))
        n = len(captions) if n == -1 else n  # "caption -1": the last one
        return (captions[n - 1 : n], f"caption {n}") if 1 <= n <= len(captions) else ([], f"caption {n}")
    if which in ("title", "titles", "heading"):
        return titles, "the title"
    if which in ("caption", "captions", "subtitles", "subtitle"):  # the brand's corner name is not a caption
        return captions + [s for s in others if not _is_brand(s, draft)], "the captions"
    return titles + captions + others, "all the text"


def _is_brand(seg: dict[str, Any], draft: dict[str, Any]) -> bool:
    return any(seg in segments_of(t) for t in tracks_of(draft, tt=ops.TEXT, role="brand"))


def restyle(
    segs: list[dict[str, Any]],
    *,
    color: str | None = None,
    position: str | None = None,
    size: str | float | None = None,
    box: str | None = None,
) -> None:
    """Change the look of `segs`; `box` is a #RRGGBB[AA] backing box, or "none" to take it away."""
    for seg in segs:
        style = seg.setdefault("style", {})
        if color:
            style["color"] = color
        if box == "none":
            style.pop("box", None)
        elif box:
            style["box"] = box
        if position in POSITIONS:
            style["pos"] = position
        if isinstance(size, str) and size in SIZES:
            style["size"] = max(12, round(float(style.get("size", 54)) * SIZES[size]))
        elif isinstance(size, int | float) and size > 0:
            style["size"] = round(size)


def remove(draft: dict[str, Any], segs: list[dict[str, Any]]) -> None:
    ids = {id(s) for s in segs}
    for track in tracks_of(draft, tt=ops.TEXT):
        track["sg"] = [s for s in segments_of(track) if id(s) not in ids]
