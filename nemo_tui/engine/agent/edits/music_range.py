"""The music's volume over a range of time: split the music at the range's edges, change the middle.

Volume in a draft is per segment, so "mute the music during the last 3 seconds" cuts the music
segment(s) at 27 s and 30 s and sets the piece between to 0. Each piece keeps the music going where
it was: its in-point moves on by the time before it (a looping source wraps at its own length in the
renderer, so the loop does not restart), and only the piece the range starts or ends inside keeps
the segment's own fade in or out. Cutting a filling segment (`m.fill`, stretched to every new
length) marks its track `m.fill` instead: `draft_ops.normalize` keeps that track's pieces end to end
up to the end of the video, whatever cuts and new lengths do to them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from nemo_tui.draft.reads import (
    duration_of,
    end_of,
    fade_in_of,
    fade_out_of,
    fills,
    in_playing_order,
    in_point_of,
    meta_of,
    segments_of,
    speed_of,
    start_of,
    volume_of,
)

from . import draft_ops as ops

ACTIONS = ("mute", "lower", "raise", "set", "fade_out", "fade_in")
EDGE_MS = 250  # a mute ramps over this at its edges instead of clicking off
LOWER, RAISE = 0.4, 1.6  # "lower"/"raise" without a level: the range at 40 % / 160 % of its volume


@dataclass(frozen=True)
class RangeChange:
    start_ms: int
    end_ms: int
    volume: float  # the range's new volume (for fades: the level it fades from or to)
    pieces: int  # how many music segments the range now spans


def music_track(draft: ops.Draft) -> dict[str, Any] | None:
    track = ops.find_track(draft, tt=ops.AUDIO, role="bgm")
    return track if track and segments_of(track) else None


def split_at(draft: ops.Draft, track: dict[str, Any], at: int) -> None:
    """Cut the music segment playing at `at` in two, the second going on where the first stops."""
    for seg in segments_of(track):
        st, end = start_of(seg), end_of(seg)
        if not (st + ops.MIN_MS <= at <= end - ops.MIN_MS):
            continue
        tail = copy.deepcopy(seg)
        tail["id"] = ops.next_id(draft, "s")
        tail.update(st=at, d=end - at, **{"in": int(in_point_of(seg) + (at - st) * speed_of(seg))})
        tail.pop("fade_in", None)
        seg["d"] = at - st
        seg.pop("fade_out", None)
        if fills(seg):  # the pieces no longer fill one by one; the track does
            for piece in (seg, tail):
                piece["m"] = {k: v for k, v in meta_of(piece).items() if k != "fill"}
            track["m"] = {**meta_of(track), "fill": True}
        segments_of(track).append(tail)
        track["sg"] = in_playing_order(segments_of(track))
        return


def change_range(draft: ops.Draft, start_ms: int, end_ms: int, action: str, level: float) -> RangeChange:
    """Change the music between `start_ms` and `end_ms` (`level` < 0: the action's own level)."""
    track = music_track(draft)
    if track is None:
        raise ValueError("no music")
    music_end = max(end_of(s) for s in segments_of(track))
    start_ms, end_ms = max(0, start_ms), min(end_ms, music_end)
    split_at(draft, track, start_ms)
    split_at(draft, track, end_ms)
    within = [s for s in segments_of(track) if start_of(s) >= start_ms and end_of(s) <= end_ms]
    inside = _merged(track, within)
    before = [s for s in segments_of(track) if end_of(s) <= start_ms]
    after = [s for s in segments_of(track) if start_of(s) >= end_ms]
    now = volume_of(inside[0]) if inside else 0.0
    if action == "mute":
        new = 0.0
    elif action in ("set", "fade_out", "fade_in") and level >= 0:
        new = level
    elif action == "lower":
        new = level if level >= 0 else now * LOWER
    elif action == "raise":
        new = level if level >= 0 else min(1.0, max(now, 0.05) * RAISE)
    else:
        new = now
    for seg in inside:
        seg["vol"] = round(new, 2)
        seg.pop("fade_in", None)
        seg.pop("fade_out", None)
    if action == "fade_out":  # fades across the range, then stays out
        _ramp(inside, "fade_out")
        for seg in after:
            seg["vol"] = 0.0
    elif action == "fade_in":  # out until the range, then fades in across it
        _ramp(inside, "fade_in")
        for seg in before:
            seg["vol"] = 0.0
    elif new == 0:  # a mute ramps down and back up at its edges instead of clicking
        if before and end_of(before[-1]) == start_ms:
            before[-1]["fade_out"] = max(fade_out_of(before[-1]), min(EDGE_MS, duration_of(before[-1]) // 2))
        if after and start_of(after[0]) == end_ms:
            after[0]["fade_in"] = max(fade_in_of(after[0]), min(EDGE_MS, duration_of(after[0]) // 2))
    return RangeChange(start_ms, end_ms, round(new, 2), len(inside))


def _merged(track: dict[str, Any], inside: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pieces of the range cut by earlier ranges, joined again where they are one stretch of the same
    music (so the range gets one volume and one whole fade, not a fade on its last piece)."""
    kept: list[dict[str, Any]] = []
    for seg in inside:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and end_of(prev) == start_of(seg)
            and prev.get("src") == seg.get("src")
            and speed_of(prev) == speed_of(seg)
            and round(in_point_of(prev) + duration_of(prev) * speed_of(prev)) == round(in_point_of(seg))
        ):
            prev["d"] = end_of(seg) - start_of(prev)
            track["sg"] = [s for s in segments_of(track) if s is not seg]
        else:
            kept.append(seg)
    return kept


def _ramp(inside: list[dict[str, Any]], key: str) -> None:
    """One fade across the whole range (its pieces are one, unless they are different music)."""
    if inside:
        seg = inside[-1] if key == "fade_out" else inside[0]
        seg[key] = duration_of(seg)
