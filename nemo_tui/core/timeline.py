"""The timeline as front ends show it: tracks → segments, and the changes between two drafts in words.

Works on the draft as plain JSON (a dict), so that a cloud draft with only `t/tt/sg/d/m` and the local
engine's superset (DRAFT.md) both display. Segments without `st` follow each other on their track.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VIDEO, AUDIO, TEXT = 0, 1, 7


@dataclass(frozen=True)
class SegmentView:
    id: str
    name: str
    start_ms: int
    end_ms: int
    volume: float | None = None  # 0..1, audio and video segments
    text: str | None = None  # text segments
    src: str | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def span(self) -> str:
        return f"{seconds(self.start_ms)}-{seconds(self.end_ms)}s"


@dataclass(frozen=True)
class TrackView:
    id: str
    kind: str  # "Video" / "BGM" / "Voice" / "Audio" / "Title" / "Captions" / "Text" / "Track"
    name: str
    segments: tuple[SegmentView, ...]


@dataclass(frozen=True)
class TimelineView:
    tracks: tuple[TrackView, ...] = ()
    duration_ms: int = 0

    @property
    def summary(self) -> str:
        return summary(self)

    def segment(self, segment_id: str) -> SegmentView | None:
        for track in self.tracks:
            for seg in track.segments:
                if seg.id == segment_id:
                    return seg
        return None


def seconds(ms: float) -> str:
    """Compact seconds: 3000 → "3", 2500 → "2.5"."""
    value = round(ms / 1000, 1)
    return str(int(value)) if value == int(value) else str(value)


def _kind(track: dict[str, Any], index_of_kind: int) -> str:
    tt = track.get("tt")
    meta = track.get("m") or {}
    role = str(meta.get("role", "")).lower()
    name = str(meta.get("name", "")).lower()
    if tt == VIDEO:
        return "Video"
    if tt == AUDIO:
        if role == "voice" or "voice" in name or "narration" in name:
            return "Voice"
        if role == "bgm" or "bgm" in name or "music" in name:
            return "BGM"
        return "Audio"
    if tt == TEXT:
        if role == "caption" or "caption" in name or "subtitle" in name:
            return "Captions"
        if role == "title" or "title" in name or index_of_kind == 0:
            return "Title"
        return "Text"
    return "Track"


def _segment_name(seg: dict[str, Any], track: dict[str, Any]) -> str:
    meta = seg.get("m") or {}
    for candidate in (meta.get("name"), meta.get("title"), seg.get("text")):
        if candidate:
            return str(candidate)
    src = str(seg.get("src") or "")
    if src:
        return src.split(":", 1)[-1] if not src.startswith(("color:", "gradient:")) else src
    return str((track.get("m") or {}).get("name") or seg.get("id") or "segment")


def build(draft: dict[str, Any] | None) -> TimelineView:
    """The view model of a draft; an empty view for None or a draft without tracks."""
    if not draft or not isinstance(draft.get("t"), list):
        return TimelineView()
    tracks: list[TrackView] = []
    seen_kinds: dict[Any, int] = {}
    end = 0
    for t_index, track in enumerate(draft["t"]):
        if not isinstance(track, dict):
            continue
        tt = track.get("tt")
        kind = _kind(track, seen_kinds.get(tt, 0))
        seen_kinds[tt] = seen_kinds.get(tt, 0) + 1
        cursor = 0
        segs: list[SegmentView] = []
        for s_index, seg in enumerate(track.get("sg") or []):
            if not isinstance(seg, dict):
                continue
            start = int(seg.get("st", cursor))
            stop = start + int(seg.get("d", 0) or 0)
            cursor = stop
            end = max(end, stop)
            vol = seg.get("vol")
            segs.append(
                SegmentView(
                    id=str(seg.get("id") or f"t{t_index}s{s_index}"),
                    name=_segment_name(seg, track),
                    start_ms=start,
                    end_ms=stop,
                    volume=float(vol) if isinstance(vol, int | float) and tt != TEXT else None,
                    text=str(seg["text"]) if seg.get("text") is not None else None,
                    src=str(seg["src"]) if seg.get("src") else None,
                    details=seg,
                )
            )
        meta_name = (track.get("m") or {}).get("name")
        tracks.append(
            TrackView(
                id=str(track.get("id") or f"t{t_index}"),
                kind=kind,
                name=str(meta_name or kind),
                segments=tuple(segs),
            )
        )
    return TimelineView(tracks=tuple(tracks), duration_ms=end)


def _describe(track: TrackView, seg: SegmentView) -> str:
    if track.kind in ("Title", "Captions", "Text"):
        return f'{track.kind}: "{seg.text or seg.name}" ({seg.span})'
    if seg.volume is not None and track.kind != "Video":
        return f"{track.kind}: {seg.name} ({seg.span}, {round(seg.volume * 100)}%)"
    return f"{track.kind}: {seg.name} ({seg.span})"


def summary(view: TimelineView) -> str:
    """`Timeline (3 tracks): 1. Video: city (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "X" (0-3s)`."""
    if not view.tracks:
        return "Timeline is empty."
    parts: list[str] = []
    for i, track in enumerate(view.tracks, 1):
        if not track.segments:
            parts.append(f"{i}. {track.kind}: (empty)")
        elif len(track.segments) <= 3 or track.kind != "Video":
            segs = track.segments if len(track.segments) <= 3 else track.segments[:3]
            body = "; ".join(_describe(track, s).split(": ", 1)[1] for s in segs)
            more = f"; +{len(track.segments) - 3} more" if len(track.segments) > 3 else ""
            parts.append(f"{i}. {track.kind}: {body}{more}")
        else:
            first, last = track.segments[0], track.segments[-1]
            parts.append(
                f"{i}. {track.kind}: {len(track.segments)} clips "
                f"({seconds(first.start_ms)}-{seconds(last.end_ms)}s)"
            )
    n = len(view.tracks)
    return f"Timeline ({n} track{'s' if n != 1 else ''}): " + " ".join(parts)


def changes(old: TimelineView, new: TimelineView) -> list[str]:
    """What changed between two timelines, in words, one line per change."""
    lines: list[str] = []
    old_segs = {s.id: (t, s) for t in old.tracks for s in t.segments}
    new_segs = {s.id: (t, s) for t in new.tracks for s in t.segments}
    for seg_id, (track, seg) in new_segs.items():
        if seg_id not in old_segs:
            lines.append(f"added {_describe(track, seg)}")
            continue
        _, before = old_segs[seg_id]
        if before != seg:
            lines.append(
                f"changed {_describe(track, seg)} (was {_describe(track, before).split(': ', 1)[1]})"
            )
        elif before.details != seg.details:
            lines.append(f"changed the style of {_describe(track, seg)}")
    for seg_id, (track, seg) in old_segs.items():
        if seg_id not in new_segs:
            lines.append(f"removed {_describe(track, seg)}")
    if old.duration_ms != new.duration_ms and old.tracks:
        lines.append(f"length {seconds(old.duration_ms)}s → {seconds(new.duration_ms)}s")
    return lines


def changed_ids(old: TimelineView, new: TimelineView) -> set[str]:
    """Ids of segments that are new or differ: front ends highlight these."""
    before = {s.id: s for t in old.tracks for s in t.segments}
    return {
        s.id
        for t in new.tracks
        for s in t.segments
        if s.id not in before or before[s.id] != s or before[s.id].details != s.details
    }
