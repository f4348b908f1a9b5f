"""Bringing back a track an earlier change removed ("oops, bring the captions back", "恢复字幕"), keeping
every change made since: the newest earlier draft that had the track lends it to the current one.
Text and voice tied to a scene (`m.scene`) come back only for scenes that are still there (at their
new times, as a row edit would carry them); other segments only where the video still runs."""

from __future__ import annotations

import copy
from typing import Any

from nemo_tui.draft.reads import end_of, length_of, role_of, scene_of, segments_of, tracks_in

from . import clips, draft_history
from . import draft_ops as ops

ROLES = {"captions": "captions", "title": "title", "music": "bgm", "voiceover": "voice"}


def earlier_track(
    state: draft_history.SessionState, role: str
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(the earlier draft, its track) of the newest draft in the undo history having track `role`."""
    for entry in reversed(state.get(draft_history.PAST) or []):
        draft = draft_history.unpack(entry["z"])
        for track in tracks_in(draft or {}):
            if role_of(track) == role and segments_of(track):
                return draft or {}, track
    return None


def bring_back(draft: ops.Draft, earlier: ops.Draft, track: dict[str, Any]) -> int:
    """Put `track` (from `earlier`) back into `draft`; returns how many segments came back."""
    restored = copy.deepcopy(track)
    before = clips.windows(clips.scenes(earlier))
    after = clips.windows(clips.scenes(draft))
    end = length_of(draft)
    kept = []
    for seg in segments_of(restored):
        scene = scene_of(seg)
        if scene and scene in before:
            if scene not in after:
                continue  # its scene was removed since
            (a0, a1), (b0, b1) = before[scene], after[scene]
            ratio = (b1 - b0) / max(1, a1 - a0)
            seg["st"] = b0 + round((int(seg["st"]) - a0) * ratio)
            seg["d"] = max(ops.MIN_MS, round(int(seg["d"]) * ratio))
        elif int(seg["st"]) >= end:
            continue
        elif end_of(seg) > end and not seg.get("m", {}).get("fill"):
            seg["d"] = end - int(seg["st"])
        kept.append(seg)
    restored["id"], restored["sg"] = ops.next_id(draft, "t"), []
    draft.setdefault("t", []).append(restored)
    for seg in kept:  # fresh ids, one at a time: each sees the ones given before it
        seg["id"] = ops.next_id(draft, "s")
        restored["sg"].append(seg)
    return len(kept)
