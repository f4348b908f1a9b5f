"""Pure edits of a draft (DRAFT.md). No I/O: every function takes and returns plain dicts.

Conventions of drafts made here: track ids `v1`, `a1`, `x1`…, segment ids `s1`, `s2`… unique in the
draft; `m.role` on a track says what it is for (`main`, `bgm`, `title`, `captions`); a BGM segment
with `m.fill` is stretched to the length of the video whenever the video changes.
"""

from __future__ import annotations

import copy
import re
from typing import Any

Draft = dict[str, Any]

ASPECTS: dict[str, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
    "4:5": (1080, 1350),
}
FPS = 30
VIDEO, AUDIO, TEXT = 0, 1, 7


def canvas_for(aspect: str) -> dict[str, Any]:
    w, h = ASPECTS.get(aspect, ASPECTS["16:9"])
    return {"w": w, "h": h, "fps": FPS, "bg": "#000000"}


def aspect_of(canvas: dict[str, Any]) -> str:
    w, h = int(canvas.get("w", 1920)), int(canvas.get("h", 1080))
    for name, (aw, ah) in ASPECTS.items():
        if aw * h == ah * w:
            return name
    return f"{w}:{h}"


def canvas_config(canvas: dict[str, Any]) -> dict[str, Any]:
    """`state.canvas_config`: the draft's canvas in the words the cloud uses."""
    return {
        "width": canvas.get("w", 1920),
        "height": canvas.get("h", 1080),
        "aspect_ratio": aspect_of(canvas),
        "fps": canvas.get("fps", FPS),
        "background": canvas.get("bg", "#000000"),
    }


def new_draft(aspect: str = "16:9") -> Draft:
    return {"v": 1, "canvas": canvas_for(aspect), "d": 0, "t": []}


def ensure_draft(draft: Draft | None) -> Draft:
    """A deep copy of the draft, or a new 16:9 one when there is none yet."""
    if not draft or "t" not in draft:
        fresh = new_draft()
        if draft and isinstance(draft.get("canvas"), dict):
            fresh["canvas"] = dict(draft["canvas"])
        return fresh
    return copy.deepcopy(draft)


def all_ids(draft: Draft) -> set[str]:
    ids = set()
    for track in draft.get("t", []):
        ids.add(str(track.get("id")))
        ids.update(str(seg.get("id")) for seg in track.get("sg", []))
    return ids


def next_id(draft: Draft, prefix: str) -> str:
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = [int(m.group(1)) for i in all_ids(draft) if (m := pattern.match(i))]
    return f"{prefix}{max(used, default=0) + 1}"


def end_of(seg: dict[str, Any]) -> int:
    return int(seg.get("st", 0)) + int(seg.get("d", 0))


def tracks(draft: Draft, *, tt: int | None = None, role: str | None = None) -> list[dict[str, Any]]:
    return [
        t
        for t in draft.get("t", [])
        if (tt is None or t.get("tt") == tt) and (role is None or (t.get("m") or {}).get("role") == role)
    ]


def find_track(draft: Draft, *, tt: int | None = None, role: str | None = None) -> dict[str, Any] | None:
    found = tracks(draft, tt=tt, role=role)
    return found[0] if found else None


def add_track(draft: Draft, tt: int, role: str, name: str) -> dict[str, Any]:
    prefix = {VIDEO: "v", AUDIO: "a", TEXT: "x"}[tt]
    track = {"id": next_id(draft, prefix), "tt": tt, "m": {"name": name, "role": role}, "sg": []}
    order = {VIDEO: 0, AUDIO: 1, TEXT: 2}
    rank = order[tt] + (0.5 if role == "title" else 0)
    pos = len(draft["t"])
    for i, other in enumerate(draft["t"]):
        other_rank = order.get(other.get("tt"), 1) + (
            0.5 if (other.get("m") or {}).get("role") == "title" else 0
        )
        if other_rank > rank:
            pos = i
            break
    draft["t"].insert(pos, track)
    return track


def ensure_track(draft: Draft, tt: int, role: str, name: str) -> dict[str, Any]:
    return find_track(draft, tt=tt, role=role) or add_track(draft, tt, role, name)


def remove_tracks(draft: Draft, *, tt: int | None = None, role: str | None = None) -> int:
    doomed = tracks(draft, tt=tt, role=role)
    draft["t"] = [t for t in draft["t"] if t not in doomed]
    return len(doomed)


def visual_end(draft: Draft) -> int:
    return max((end_of(s) for t in tracks(draft, tt=VIDEO) for s in t.get("sg", [])), default=0)


def normalize(draft: Draft) -> Draft:
    """Fit filling BGM to the video, drop empty tracks, recompute the total duration `d`."""
    video_end = visual_end(draft)
    for track in tracks(draft, tt=AUDIO):
        for seg in track.get("sg", []):
            if (seg.get("m") or {}).get("fill") and video_end > 0:
                seg["st"], seg["d"] = 0, video_end
    draft["t"] = [t for t in draft.get("t", []) if t.get("sg")]
    draft["d"] = max((end_of(s) for t in draft["t"] for s in t["sg"]), default=0)
    return draft


def trim_to(draft: Draft, length_ms: int) -> Draft:
    """Keep the first `length_ms` of the timeline."""
    for track in draft.get("t", []):
        kept = []
        for seg in track.get("sg", []):
            if seg.get("st", 0) >= length_ms:
                continue
            if end_of(seg) > length_ms:
                seg["d"] = length_ms - seg.get("st", 0)
                if (seg.get("fade_out") or 0) > seg["d"] // 2:
                    seg["fade_out"] = seg["d"] // 2
            kept.append(seg)
        track["sg"] = kept
    return normalize(draft)


def cut_start(draft: Draft, cut_ms: int) -> Draft:
    """Remove the first `cut_ms` of the timeline; later segments move earlier."""
    for track in draft.get("t", []):
        kept = []
        for seg in track.get("sg", []):
            st, end = seg.get("st", 0), end_of(seg)
            if end <= cut_ms:
                continue
            if st < cut_ms:
                lost = cut_ms - st
                seg["d"] = end - cut_ms
                if "src" in seg and not str(seg["src"]).startswith(("color:", "gradient:")):
                    seg["in"] = int(seg.get("in", 0) + lost * float(seg.get("speed", 1.0)))
                seg["st"] = 0
                seg.pop("tr", None)
            else:
                seg["st"] = st - cut_ms
            kept.append(seg)
        if kept and "tr" in kept[0]:
            kept[0].pop("tr")
        track["sg"] = kept
    return normalize(draft)


def set_aspect(draft: Draft, aspect: str) -> Draft:
    canvas = draft.setdefault("canvas", canvas_for(aspect))
    old_short = min(int(canvas.get("w", 1920)), int(canvas.get("h", 1080))) or 1
    w, h = ASPECTS[aspect]
    canvas["w"], canvas["h"] = w, h
    scale = min(w, h) / old_short
    for track in tracks(draft, tt=TEXT):
        for seg in track.get("sg", []):
            style = seg.get("style") or {}
            if "size" in style:
                style["size"] = max(12, round(style["size"] * scale))
    return draft
