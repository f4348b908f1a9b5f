""" "What's in my timeline?": every track and its pieces, numbered as edits refer to them."""

from __future__ import annotations

from typing import Any

from nemo_tui.draft.reads import clip_rows, tracks_in
from nemo_tui.draft.views import build, seconds

from . import clips
from . import draft_ops as ops

MAX_ITEMS = 12


def describe(draft: dict[str, Any] | None) -> str:
    """A few lines: the length and canvas, then each track with its numbered clips or lines."""
    view = build(draft)
    if not view.tracks or not draft:
        return "The timeline is empty: generate a video or add your uploads first."
    canvas = draft.get("canvas") or {}
    lines = [f"{seconds(view.duration_ms)} s, {ops.aspect_of(canvas)} ({canvas.get('w')}x{canvas.get('h')})."]
    main = ops.main_track(draft)
    for track, raw in zip(view.tracks, tracks_in(draft), strict=False):
        segs = track.segments
        if raw is main:
            count = len(clip_rows(clips.scenes(draft)))  # what "how many clips?" asks, numbered as shown
            lines.append(f"Clips ({count}): " + "; ".join(_cap(_clip_items(segs))))
        elif track.kind in ("Captions", "Title", "Text"):
            items = [f'{i}. "{s.text}" ({s.span})' for i, s in enumerate(segs, 1)]
            lines.append(f"{track.kind}: " + "; ".join(_cap(items)))
        else:
            vol = f", {round(segs[0].volume * 100)}%" if segs and segs[0].volume is not None else ""
            what = segs[0].name if len(segs) == 1 else f"{len(segs)} lines"
            lines.append(
                f"{track.kind}: {what} ({seconds(segs[0].start_ms)}-{seconds(segs[-1].end_ms)}s{vol})"
            )
    if any(clips.is_card(s) for s in clips.scenes(draft)):
        lines.append("Edits name clips by these numbers; the title card is not counted and stays first.")
    return "\n".join(lines)


def _clip_items(segs: tuple[Any, ...]) -> list[str]:
    """Numbered as the tools number them: the title card is shown by name, without a number."""
    items, number = [], 0
    for seg in sorted(segs, key=lambda s: s.start_ms):
        if clips.is_card(seg.details):
            items.append(f"title card ({seg.span})")
            continue
        number += 1
        items.append(f"{number}. {seg.name} ({seg.span}{_speed(seg.details)})")
    return items


def _speed(seg: dict[str, Any]) -> str:
    speed = seg.get("speed")
    return f", {speed:g}x" if isinstance(speed, int | float) and speed != 1 else ""


def _cap(items: list[str]) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    return items[: MAX_ITEMS - 1] + [f"… {len(items) - MAX_ITEMS + 1} more"]
