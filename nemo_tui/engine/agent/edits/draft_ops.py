"""Pure edits of a draft (docs/draft.md) in time: tracks, ids, cuts. No I/O; plain dicts in and out.

Conventions of drafts made here: track ids `v1`, `a1`, `x1`…, segment ids `s1`, `s2`… unique in the
draft; `m.role` on a track says what it is for (`main`, `bgm`, `voice`, `title`, `captions`); a BGM
segment with `m.fill` is stretched to the length of the video whenever the video changes; a caption
or voice line with `m.scene` belongs to that scene of the main track and moves with it (`clips.py`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

# The track types, re-exported: the edits and the tools take them from here.
from nemo_tui.draft.wire import AUDIO as AUDIO
from nemo_tui.draft.wire import TEXT as TEXT
from nemo_tui.draft.wire import VIDEO as VIDEO

Draft = dict[str, Any]

ASPECTS: dict[str, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
    "4:5": (1080, 1350),
}
FPS = 30
MIN_MS = 200  # the shortest piece a cut leaves


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


def role_of(track: dict[str, Any]) -> str:
    return str((track.get("m") or {}).get("role", ""))


def tracks(draft: Draft, *, tt: int | None = None, role: str | None = None) -> list[dict[str, Any]]:
    return [
        t
        for t in draft.get("t", [])
        if (tt is None or t.get("tt") == tt) and (role is None or role_of(t) == role)
    ]


def find_track(draft: Draft, *, tt: int | None = None, role: str | None = None) -> dict[str, Any] | None:
    found = tracks(draft, tt=tt, role=role)
    return found[0] if found else None


def main_track(draft: Draft) -> dict[str, Any] | None:
    """The video track scenes and clips live on (role `main`, else the first video track)."""
    return find_track(draft, tt=VIDEO, role="main") or find_track(draft, tt=VIDEO)


_ORDER = {VIDEO: 0.0, AUDIO: 1.0, TEXT: 2.0}


def _rank(tt: Any, role: str) -> float:
    return _ORDER.get(tt, 1.0) + (0.5 if role == "title" else 0.0) + (0.2 if role == "voice" else 0.0)


def add_track(draft: Draft, tt: int, role: str, name: str) -> dict[str, Any]:
    prefix = {VIDEO: "v", AUDIO: "a", TEXT: "x"}[tt]
    track = {"id": next_id(draft, prefix), "tt": tt, "m": {"name": name, "role": role}, "sg": []}
    rank = _rank(tt, role)
    pos = len(draft["t"])
    for i, other in enumerate(draft["t"]):
        if _rank(other.get("tt"), role_of(other)) > rank:
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
    """Where the pictures end (the fade to black laid over their end does not count)."""
    return max(
        (end_of(s) for t in tracks(draft, tt=VIDEO) if role_of(t) != ENDING for s in t.get("sg", [])),
        default=0,
    )


# The fade to black at the end: a black segment on a video track of its own (`m.role: "ending"`)
# over the pictures' last moments; its `fade` transition fades it in from the pictures below, so the
# picture fades out without touching the row of clips. Like filling music (`m.fill`), cuts leave it
# alone and `normalize` pins it to the end.
ENDING = "ending"


def set_ending(draft: Draft, fade_ms: int) -> None:
    remove_tracks(draft, tt=VIDEO, role=ENDING)
    if fade_ms <= 0:
        return
    track = add_track(draft, VIDEO, ENDING, "Ending")
    seg = {"id": next_id(draft, "s"), "src": "color:#000000", "st": 0, "d": fade_ms, "fit": "cover"}
    seg.update(tr={"type": "fade", "d": fade_ms}, m={"name": "fade to black", "fill": True})
    track["sg"] = [seg]


def _pin_ending(draft: Draft, video_end: int) -> None:
    for track in tracks(draft, tt=VIDEO, role=ENDING):
        for seg in track.get("sg", []):
            d = min(int(seg.get("tr", {}).get("d") or seg["d"]), video_end // 2)
            if d < MIN_MS:
                track["sg"] = []
                break
            seg.update(st=video_end - d, d=d, tr={"type": "fade", "d": d})


def is_file_source(seg: dict[str, Any]) -> bool:
    return "src" in seg and not str(seg["src"]).startswith(("color:", "gradient:"))


def normalize(draft: Draft) -> Draft:
    """Fit filling BGM to the video, drop empty tracks, recompute the total duration `d`."""
    video_end = visual_end(draft)
    _pin_ending(draft, video_end)
    for track in tracks(draft, tt=AUDIO):
        for seg in track.get("sg", []):
            if (seg.get("m") or {}).get("fill") and video_end > 0:
                seg["st"], seg["d"] = 0, video_end
                seg["fade_out"] = min(int(seg.get("fade_out", 0)), video_end // 2)
    draft["t"] = [t for t in draft.get("t", []) if t.get("sg")]
    draft["d"] = max((end_of(s) for t in draft["t"] for s in t["sg"]), default=0)
    return draft


def fix_transitions(track: dict[str, Any]) -> None:
    """After a cut or a move, each transition matches the overlap with the segment before it."""
    segs = sorted(track.get("sg", []), key=lambda s: s.get("st", 0))
    if segs:
        segs[0].pop("tr", None)
    for a, b in zip(segs, segs[1:], strict=False):
        overlap = end_of(a) - b.get("st", 0)
        if overlap <= 0:
            b.pop("tr", None)
        elif "tr" in b:
            b["tr"]["d"] = min(overlap, a["d"], b["d"])
        else:
            b["st"] = end_of(a)  # an overlap without a transition is not allowed: butt the segments
    track["sg"] = segs


def _cut_segment(seg: dict[str, Any], a: int, b: int, draft: Draft) -> list[dict[str, Any]]:
    """What is left of one segment when [a, b) is removed and everything after b moves to a."""
    st, end = int(seg.get("st", 0)), end_of(seg)
    gap = b - a
    if end <= a:
        return [seg]
    if st >= b:
        seg["st"] = st - gap
        return [seg]
    speed = float(seg.get("speed", 1.0))
    pieces = []
    if st < a and a - st >= MIN_MS:
        head = copy.deepcopy(seg)
        head["d"] = a - st
        if head.get("fade_out"):
            head["fade_out"] = min(head["fade_out"], head["d"] // 2)
        pieces.append(head)
    if end > b and end - b >= MIN_MS:
        tail = copy.deepcopy(seg) if pieces else seg
        if pieces:
            tail["id"] = next_id(draft, "s")
        lost = b - st
        if is_file_source(seg):
            tail["in"] = int(seg.get("in", 0) + lost * speed)
        tail.update({"st": a, "d": end - b})
        tail.pop("tr", None)
        if tail.get("fade_in"):
            tail["fade_in"] = min(tail["fade_in"], tail["d"] // 2)
        pieces.append(tail)
    return pieces


def cut_range(draft: Draft, a: int, b: int) -> Draft:
    """Remove [a, b) ms of the whole timeline; what follows moves earlier (a ripple cut)."""
    a, b = max(0, a), max(a, b)
    for track in draft.get("t", []):
        kept: list[dict[str, Any]] = []
        for seg in sorted(track.get("sg", []), key=lambda s: s.get("st", 0)):
            if (seg.get("m") or {}).get("fill"):
                kept.append(seg)  # filling music is refitted to the new length by normalize()
            else:
                kept.extend(_cut_segment(seg, a, b, draft))
        track["sg"] = kept
        if track.get("tt") == VIDEO:
            fix_transitions(track)
    return normalize(draft)


def trim_to(draft: Draft, length_ms: int) -> Draft:
    """Keep the first `length_ms` of the timeline."""
    return cut_range(draft, length_ms, max(length_ms, int(draft.get("d") or 0), visual_end(draft)) + 1)


def cut_start(draft: Draft, cut_ms: int) -> Draft:
    """Remove the first `cut_ms` of the timeline; later segments move earlier."""
    return cut_range(draft, 0, cut_ms)


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
