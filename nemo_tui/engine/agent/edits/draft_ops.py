"""Pure edits of a draft (docs/draft.md) in time: tracks, ids, cuts. No I/O; plain dicts in and out.

Conventions of drafts made here: track ids `v1`, `a1`, `x1`…, segment ids `s1`, `s2`… unique in the
draft; `m.role` on a track says what it is for (`main`, `bgm`, `voice`, `title`, `captions`); a BGM
segment with `m.fill` is stretched to the length of the video whenever the video changes; a caption
or voice line with `m.scene` belongs to that scene of the main track and moves with it (`clips.py`).
The keys are read through `nemo_tui.draft.reads` (`start_of`, `end_of`, `tracks_of`…), not here.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from nemo_tui.draft.reads import (
    duration_of,
    fade_in_of,
    fade_out_of,
    fills,
    first_track,
    in_playing_order,
    in_point_of,
    length_of,
    plays_a_file,
    segments_of,
    speed_of,
    start_of,
    style_of,
    tracks_in,
    tracks_of,
    transition,
    transition_of,
    type_of,
)

# Reads the edits and the tools take from here.
from nemo_tui.draft.reads import end_of as end_of
from nemo_tui.draft.reads import main_track as main_track
from nemo_tui.draft.reads import role_of as role_of

# The track types, re-exported: the edits and the tools take them from here.
from nemo_tui.draft.wire import AUDIO as AUDIO
from nemo_tui.draft.wire import TEXT as TEXT
from nemo_tui.draft.wire import VIDEO as VIDEO

Draft = dict[str, Any]

# The draft package's reads under the names the edits and the tools use.
tracks = tracks_of
find_track = first_track
is_file_source = plays_a_file

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
    for track in tracks_in(draft):
        ids.add(str(track.get("id")))
        ids.update(str(seg.get("id")) for seg in segments_of(track))
    return ids


def next_id(draft: Draft, prefix: str) -> str:
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = [int(m.group(1)) for i in all_ids(draft) if (m := pattern.match(i))]
    return f"{prefix}{max(used, default=0) + 1}"


_ORDER = {VIDEO: 0.0, AUDIO: 1.0, TEXT: 2.0}


def _rank(tt: Any, role: str) -> float:
    return _ORDER.get(tt, 1.0) + (0.5 if role == "title" else 0.0) + (0.2 if role == "voice" else 0.0)


def add_track(draft: Draft, tt: int, role: str, name: str) -> dict[str, Any]:
    prefix = {VIDEO: "v", AUDIO: "a", TEXT: "x"}[tt]
    track = {"id": next_id(draft, prefix), "tt": tt, "m": {"name": name, "role": role}, "sg": []}
    rank = _rank(tt, role)
    rows = tracks_in(draft)
    pos = len(rows)
    for i, other in enumerate(rows):
        if _rank(type_of(other), role_of(other)) > rank:
            pos = i
            break
    rows.insert(pos, track)
    return track


def ensure_track(draft: Draft, tt: int, role: str, name: str) -> dict[str, Any]:
    return find_track(draft, tt=tt, role=role) or add_track(draft, tt, role, name)


def remove_tracks(draft: Draft, *, tt: int | None = None, role: str | None = None) -> int:
    doomed = tracks(draft, tt=tt, role=role)
    draft["t"] = [t for t in tracks_in(draft) if t not in doomed]
    return len(doomed)


def visual_end(draft: Draft) -> int:
    """Where the pictures end (the fade to black laid over their end does not count)."""
    return max(
        (end_of(s) for t in tracks(draft, tt=VIDEO) if role_of(t) != ENDING for s in segments_of(t)),
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
        for seg in segments_of(track):
            d = min(transition_of(seg) or duration_of(seg), video_end // 2)
            if d < MIN_MS:
                track["sg"] = []
                break
            seg.update(st=video_end - d, d=d, tr={"type": "fade", "d": d})


def _fill_track(track: dict[str, Any], video_end: int) -> None:
    """Music cut into pieces by range edits (track `m.fill`, edits/music_range.py) fills the video as
    the whole segment did: pieces past the end go, gaps a cut left are closed by the piece before
    (playing on), and the last piece ends with the video."""
    if not (track.get("m") or {}).get("fill"):
        return
    segs = [s for s in in_playing_order(segments_of(track)) if start_of(s) <= video_end - MIN_MS]
    for a, b in zip(segs, segs[1:], strict=False):
        a["d"] = start_of(b) - start_of(a)
    if segs:
        segs[-1]["d"] = video_end - start_of(segs[-1])
        for seg in segs:
            for key in ("fade_in", "fade_out"):
                if seg.get(key, 0) > duration_of(seg):
                    seg[key] = duration_of(seg)
    track["sg"] = segs


def _pin_text(draft: Draft, video_end: int) -> None:
    """Text that follows the length (`m.fill`): a brand's name in a corner over all of it, a closing
    call to action (`m.cta`, edits/closing.py) over its last moments."""
    for track in tracks(draft, tt=TEXT):
        for seg in segments_of(track):
            if fills(seg) and video_end > 0:
                d = min(duration_of(seg), video_end) if (seg.get("m") or {}).get("cta") else video_end
                seg["st"], seg["d"] = video_end - d, d


def normalize(draft: Draft) -> Draft:
    """Fit filling BGM and text to the video, drop empty tracks, recompute the total duration `d`."""
    video_end = visual_end(draft)
    _pin_ending(draft, video_end)
    _pin_text(draft, video_end)
    for track in tracks(draft, tt=AUDIO):
        for seg in segments_of(track):
            if fills(seg) and video_end > 0:
                seg["st"], seg["d"] = 0, video_end
                seg["fade_out"] = min(fade_out_of(seg), video_end // 2)
        if video_end > 0:
            _fill_track(track, video_end)
    draft["t"] = [t for t in tracks_in(draft) if segments_of(t)]
    draft["d"] = max((end_of(s) for t in tracks_in(draft) for s in segments_of(t)), default=0)
    return draft


def fix_transitions(track: dict[str, Any]) -> None:
    """After a cut or a move, each transition matches the overlap with the segment before it."""
    segs = in_playing_order(segments_of(track))
    if segs:
        segs[0].pop("tr", None)
    for a, b in zip(segs, segs[1:], strict=False):
        overlap = end_of(a) - start_of(b)
        tr = transition(b)
        if overlap <= 0:
            b.pop("tr", None)
        elif tr is not None:
            tr["d"] = min(overlap, duration_of(a), duration_of(b))
        else:
            b["st"] = end_of(a)  # an overlap without a transition is not allowed: butt the segments
    track["sg"] = segs


def _cut_segment(seg: dict[str, Any], a: int, b: int, draft: Draft) -> list[dict[str, Any]]:
    """What is left of one segment when [a, b) is removed and everything after b moves to a."""
    st, end = start_of(seg), end_of(seg)
    gap = b - a
    if end <= a:
        return [seg]
    if st >= b:
        seg["st"] = st - gap
        return [seg]
    speed = speed_of(seg)
    pieces = []
    if st < a and a - st >= MIN_MS:
        head = copy.deepcopy(seg)
        head["d"] = a - st
        if fade_out_of(head):
            head["fade_out"] = min(fade_out_of(head), duration_of(head) // 2)
        pieces.append(head)
    if end > b and end - b >= MIN_MS:
        tail = copy.deepcopy(seg) if pieces else seg
        if pieces:
            tail["id"] = next_id(draft, "s")
        lost = b - st
        if is_file_source(seg):
            tail["in"] = int(in_point_of(seg) + lost * speed)
        tail.update({"st": a, "d": end - b})
        tail.pop("tr", None)
        if fade_in_of(tail):
            tail["fade_in"] = min(fade_in_of(tail), duration_of(tail) // 2)
        pieces.append(tail)
    return pieces


def cut_range(draft: Draft, a: int, b: int) -> Draft:
    """Remove [a, b) ms of the whole timeline; what follows moves earlier (a ripple cut)."""
    a, b = max(0, a), max(a, b)
    for track in tracks_in(draft):
        kept: list[dict[str, Any]] = []
        for seg in in_playing_order(segments_of(track)):
            if fills(seg):
                kept.append(seg)  # filling music is refitted to the new length by normalize()
            else:
                kept.extend(_cut_segment(seg, a, b, draft))
        track["sg"] = kept
        if type_of(track) == VIDEO:
            fix_transitions(track)
    return normalize(draft)


def trim_to(draft: Draft, length_ms: int) -> Draft:
    """Keep the first `length_ms` of the timeline."""
    return cut_range(draft, length_ms, max(length_ms, length_of(draft), visual_end(draft)) + 1)


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
        for seg in segments_of(track):
            style = style_of(seg)
            if "size" in style:
                style["size"] = max(12, round(style["size"] * scale))
    return draft
