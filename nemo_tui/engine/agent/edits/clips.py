"""Edits of the main video track as a sequence of clips: remove, swap, move, speed, length, transitions.

The main track is a row of scenes, each overlapping the one before by its transition (`tr.d`).
Every edit here changes the row (its order or the scenes' lengths) and then lays it out again:
scene *i* starts where scene *i-1* ends minus the transition into *i*. Captions and voice lines that
belong to a scene (`m.scene`) move with it and are spread over its new length; other text (titles,
captions added by hand) keeps its time and is cut at the new end. These functions take row indexes
(the title card included); the tools number clips for people without the card (`toolkit.numbered`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# `attached`, `is_card` and `scenes` are re-exported: the tools and the storyboard read the row here.
from nemo_tui.draft.reads import attached as attached
from nemo_tui.draft.reads import (
    by_start_then_end,
    duration_of,
    end_of,
    fills,
    in_point_of,
    is_footage,
    length_of,
    main_track,
    scene_of,
    segments_of,
    speed_of,
    start_of,
    tracks_in,
    tracks_of,
    transition,
    transition_of,
    type_of,
)
from nemo_tui.draft.reads import is_card as is_card
from nemo_tui.draft.reads import scenes as scenes

from . import draft_ops as ops

Seg = dict[str, Any]
MIN_SCENE_MS = 800
MAX_CARD_MS = 4000


def windows(row: list[Seg]) -> dict[str, tuple[int, int]]:
    """Each scene's own time, between the transition into it and the one out of it."""
    out = {}
    for i, seg in enumerate(row):
        nxt = row[i + 1] if i + 1 < len(row) else None
        start = start_of(seg) + transition_of(seg)
        out[str(seg.get("id"))] = (start, max(start + 1, end_of(seg) - transition_of(nxt)))
    return out


def _lay_out(row: list[Seg]) -> None:
    cursor = 0
    for i, seg in enumerate(row):
        if i == 0:
            seg.pop("tr", None)
        elif tr := transition(seg):
            limit = min(duration_of(row[i - 1]), duration_of(seg)) // 2
            tr["d"] = max(0, min(transition_of(seg), limit))
            if transition_of(seg) < 40:
                seg.pop("tr")
        seg["st"] = max(0, cursor - transition_of(seg))
        cursor = end_of(seg)


def _move_attached(
    draft: ops.Draft, before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> None:
    for track, seg in attached(draft):
        scene = scene_of(seg)
        if scene not in after or scene not in before:
            segments_of(track).remove(seg)
            continue
        (a0, a1), (b0, b1) = before[scene], after[scene]
        ratio = (b1 - b0) / max(1, a1 - a0)
        start = b0 + round((start_of(seg) - a0) * ratio)
        if type_of(track) == ops.AUDIO:  # speech keeps its length; cut it if the scene got shorter
            seg["st"], seg["d"] = max(b0, start), min(duration_of(seg), max(ops.MIN_MS, b1 - max(b0, start)))
        else:  # map the end point too, so captions that met still meet (no 1 ms overlap from rounding)
            end = b0 + round((end_of(seg) - a0) * ratio)
            seg["st"], seg["d"] = start, max(ops.MIN_MS, end - start)


def _clip_loose(draft: ops.Draft, end: int) -> None:
    """Text and sound not tied to a scene: dropped past the new end, cut at it."""
    for track in tracks_in(draft):
        if track is main_track(draft):
            continue
        kept = []
        for seg in segments_of(track):
            if fills(seg) or start_of(seg) < end - ops.MIN_MS // 2:
                if end_of(seg) > end and not fills(seg):
                    seg["d"] = end - start_of(seg)
                kept.append(seg)
        track["sg"] = kept


def edit_row(draft: ops.Draft, change: Callable[[list[Seg]], list[Seg]]) -> ops.Draft:
    """Apply `change` to the row of scenes, lay it out again and carry everything tied to it."""
    track = main_track(draft)
    if track is None:
        return draft
    row = scenes(draft)
    before = windows(row)
    row = change(row)
    _lay_out(row)
    track["sg"] = row
    _move_attached(draft, before, windows(row))
    _clip_loose(draft, max((end_of(s) for s in row), default=0))
    for other in tracks_in(draft):
        segments_of(other).sort(key=by_start_then_end)
    return ops.normalize(draft)


def remove_clip(draft: ops.Draft, index: int) -> Seg:
    removed = scenes(draft)[index]
    edit_row(draft, lambda row: [s for s in row if s is not removed])
    return removed


def swap_clips(draft: ops.Draft, i: int, j: int) -> None:
    def change(row: list[Seg]) -> list[Seg]:
        row[i], row[j] = row[j], row[i]
        row[i]["tr"], row[j]["tr"] = transition(row[j]), transition(row[i])
        for seg in (row[i], row[j]):
            if transition(seg) is None:
                seg.pop("tr")
        return row

    edit_row(draft, change)


def move_clip(draft: ops.Draft, i: int, to: int) -> None:
    def change(row: list[Seg]) -> list[Seg]:
        trs = [transition(s) for s in row]
        row.insert(to, row.pop(i))
        for seg, tr in zip(row, trs, strict=True):  # transitions stay with their place in the row
            seg.pop("tr", None)
            if tr is not None:
                seg["tr"] = tr
        return row

    edit_row(draft, change)


def set_speed(draft: ops.Draft, index: int, speed: float) -> int:
    """Play clip `index` at `speed` (its length changes accordingly); returns the new length in ms."""
    seg = scenes(draft)[index]
    old = speed_of(seg)
    speed = max(0.25, min(4.0, speed))
    new_d = max(MIN_SCENE_MS, round(duration_of(seg) * old / speed))

    def change(row: list[Seg]) -> list[Seg]:
        seg["d"] = new_d
        if is_footage(seg):
            seg["speed"] = round(speed, 3)
        return row

    edit_row(draft, change)
    return new_d


def set_scene_length(
    draft: ops.Draft, index: int, target_ms: int, durations: dict[str, int] | None = None
) -> int:
    """Make one scene last `target_ms` (within its limits: its footage, its speech); the video gets
    longer or shorter by the difference. Returns the scene's new length in ms."""
    row = scenes(draft)
    seg = row[index]
    voice = sum(
        duration_of(v) + 200
        for track, v in attached(draft)
        if type_of(track) == ops.AUDIO and scene_of(v) == str(seg.get("id"))
    )
    low, high = _limits(seg, durations or {}, {str(seg.get("id")): voice} if voice else {})
    low = max(low, transition_of(seg) + transition_of(row[index + 1] if index + 1 < len(row) else None) + 200)
    new_d = round(min(high, max(low, target_ms + transition_of(seg))))

    def change(r: list[Seg]) -> list[Seg]:
        seg["d"] = new_d
        return r

    edit_row(draft, change)
    return new_d - transition_of(seg)


def _limits(seg: Seg, durations: dict[str, int], voice: dict[str, int]) -> tuple[int, float]:
    """The shortest and longest a scene can be: room for its transitions and its speech; no
    longer than the clip's footage (at its speed); a title card at most MAX_CARD_MS."""
    low = max(MIN_SCENE_MS, voice.get(str(seg.get("id")), 0))
    high: float = max(low, min(MAX_CARD_MS, duration_of(seg))) if is_card(seg) else float("inf")
    framed = seg.get("scene")  # a designed scene framing a clip is as long as the clip at most
    source = durations.get(str(seg.get("src"))) or durations.get(
        str(framed.get("media") if isinstance(framed, dict) else "")
    )
    if source:
        high = max(low, (source - int(in_point_of(seg))) / speed_of(seg))
    return low, high


def set_length(draft: ops.Draft, target_ms: int, durations: dict[str, int] | None = None) -> int:
    """Stretch or squeeze every scene by one factor (within each scene's limits) so the video lasts
    `target_ms`; returns the length reached (it differs when the limits do not allow the target)."""
    row = scenes(draft)
    if not row:
        return 0
    voice: dict[str, int] = {}
    for track, seg in attached(draft):
        if type_of(track) == ops.AUDIO:
            scene = scene_of(seg)
            voice[scene] = voice.get(scene, 0) + duration_of(seg) + 200
    for seg in row:
        if str(seg.get("id")) in voice:
            nxt = row[row.index(seg) + 1] if row.index(seg) + 1 < len(row) else None
            voice[str(seg["id"])] += transition_of(seg) + transition_of(nxt)
    limits = [_limits(s, durations or {}, voice) for s in row]
    overlaps = sum(transition_of(s) for s in row[1:])
    lengths = [float(duration_of(s)) for s in row]
    fixed = [False] * len(row)
    for _ in range(len(row) + 1):  # scale the free scenes; pin those that hit a limit; repeat
        free = sum(x for x, f in zip(lengths, fixed, strict=True) if not f)
        pinned = sum(x for x, f in zip(lengths, fixed, strict=True) if f)
        if free <= 0:
            break
        k = (target_ms + overlaps - pinned) / free
        changed = False
        for i, (low, high) in enumerate(limits):
            if fixed[i]:
                continue
            value = lengths[i] * k
            if value < low or value > high:
                lengths[i], fixed[i], changed = min(high, max(low, value)), True, True
        if not changed:
            lengths = [x if f else x * k for x, f in zip(lengths, fixed, strict=True)]
            break
    new = [round(x) for x in lengths]
    new[-1] += target_ms + overlaps - sum(new) if not fixed[-1] else 0

    def change(r: list[Seg]) -> list[Seg]:
        for seg, d in zip(r, new, strict=True):
            seg["d"] = max(MIN_SCENE_MS, d)
        return r

    edit_row(draft, change)
    return length_of(draft)


def set_transitions(draft: ops.Draft, kind: str, ms: int, index: int | None = None) -> int:
    """`kind` fade/black for every join (or the join into clip `index`), or "none" for hard cuts;
    returns how many joins changed."""

    def change(row: list[Seg]) -> list[Seg]:
        targets = row[1:] if index is None else [row[index]] if index > 0 else []
        for seg in targets:
            if kind == "none":
                seg.pop("tr", None)
            else:
                seg["tr"] = {"type": kind, "d": ms}
        return row

    count = len(scenes(draft)[1:]) if index is None else (1 if index and index > 0 else 0)
    edit_row(draft, change)
    return count


def set_original_audio(draft: ops.Draft, volume: float) -> int:
    """The clips' own sound (videos on the video tracks); returns how many clips it applies to."""
    count = 0
    for track in tracks_of(draft, tt=ops.VIDEO):
        for seg in segments_of(track):
            if is_footage(seg):
                seg["vol"] = round(volume, 2)
                seg.pop("mute", None)
                count += 1
    return count
