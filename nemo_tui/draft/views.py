"""The timeline as front ends show it: tracks → segments, and the changes between two drafts in words.

Works on the draft as plain JSON (a dict), so that a cloud draft with only `t/tt/sg/d/m` and the local
engine's superset (docs/draft.md) both display. Segments without `st` follow each other on their track.

It also holds the reads of a plain draft its editors make (`start_of`, `end_of`, `tracks_of`, `scenes`,
`clip_rows`, `overlapping`…): the agent edits plain dicts in place and reads their keys only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .scenes import template_of
from .wire import AUDIO, TEXT, VIDEO

#: A track, a segment or a whole draft as plain JSON.
Json = dict[str, Any]


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
    template: str | None = None  # a designed scene's template (`src: "scene:<template>"`)

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

    def as_plain(self) -> list[dict[str, Any]]:
        """Tracks → segments as plain JSON-ready values, for scripts and `--json`."""
        return [
            {
                "id": t.id,
                "kind": t.kind,
                "name": t.name,
                "segments": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "start_ms": s.start_ms,
                        "end_ms": s.end_ms,
                        "volume": s.volume,
                        "text": s.text,
                        "src": s.src,
                    }
                    for s in t.segments
                ],
            }
            for t in self.tracks
        ]

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
        if role in ("caption", "captions") or "caption" in name or "subtitle" in name:
            return "Captions"
        if role == "title" or "title" in name:
            return "Title"
        return "Title" if index_of_kind == 0 and len(track.get("sg") or []) <= 1 else "Text"
    return "Track" if tt is None else f"Track (type {tt})"


def _segment_name(seg: dict[str, Any], track: dict[str, Any]) -> str:
    meta = seg.get("m") or {}
    scene = seg.get("scene")
    if _template(seg) == "hero" and isinstance(scene, dict) and isinstance(scene.get("headline"), str):
        return (
            f'{meta.get("name") or "title card"} "{scene["headline"]}"'  # the title a designed opener shows
        )
    track_meta = track.get("m") or {}
    for candidate in (
        meta.get("name"),
        meta.get("title"),
        seg.get("text"),
        track_meta.get("name"),
        track_meta.get("title"),
        seg.get("src"),
    ):
        if isinstance(candidate, str) and candidate:
            return candidate
    return "untitled"


def _template(seg: dict[str, Any]) -> str | None:
    src = seg.get("src")
    return (template_of(src) or None) if isinstance(src, str) else None


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
                    template=_template(seg),
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
    """`Kind: name (span[, vol%])`, as one item of the summary line."""
    name = f'"{seg.text}"' if track.kind in ("Title", "Captions", "Text") and seg.text else seg.name
    vol = f", {round(seg.volume * 100)}%" if seg.volume is not None and track.kind != "Video" else ""
    return f"{track.kind}: {name} ({seg.span}{vol})"


# What many segments of a track are called in the summary line.
_PLURALS = {"Video": "scenes", "Captions": "lines", "Title": "titles", "Text": "texts"}


def _track_summary(track: TrackView) -> str:
    segs = track.segments
    if not segs:
        return f"{track.kind}: (empty)"
    if len(segs) <= 3:
        return f"{track.kind}: " + ", ".join(_describe(track, s).split(": ", 1)[1] for s in segs)
    start = min(s.start_ms for s in segs)
    end = max(s.end_ms for s in segs)
    return f"{track.kind}: {len(segs)} {_PLURALS.get(track.kind, 'clips')} ({seconds(start)}-{seconds(end)}s)"


# The summary line in Chinese (`summary_zh`), for a person who writes Chinese: the same items, in words
# of their language. Names that are a choice of the person (an upload, a quoted text) stay as they are.
_KINDS_ZH = {
    "Video": "画面",
    "BGM": "背景音乐",
    "Voice": "配音",
    "Audio": "音频",
    "Title": "标题",
    "Captions": "字幕",
    "Text": "文字",
}
_PLURALS_ZH = {"Video": "个场景", "Captions": "行", "Title": "个标题", "Text": "段文字"}
_NAMES_ZH = {
    "Lo-fi": "轻松Lo-fi",
    "Upbeat": "欢快",
    "Calm": "舒缓",
    "Cinematic": "电影感",
    "Epic": "电影感",
    "fade to black": "淡出到黑场",
    "title card": "片头",
    "untitled": "未命名",
    "Voice-over": "配音",
    "voice-over": "配音",
    "call to action": "号召语",
    "Call to action": "号召语",
    "Brand": "品牌名",
}


def name_zh(name: str) -> str:
    """A segment's name in Chinese where it is one of ours ("Lo-fi", "title card"); else as it is."""
    if name in _NAMES_ZH:
        return _NAMES_ZH[name]
    head, quote, rest = name.partition(' "')  # 'title card "Urban Dreams"': the card's words stay
    if quote and head in _NAMES_ZH:
        words = rest.removesuffix('"')
        return f"{_NAMES_ZH[head]}“{words}”"
    return name


def _span_zh(seg: SegmentView) -> str:
    return f"{seconds(seg.start_ms)}-{seconds(seg.end_ms)}秒"


def _item_zh(track: TrackView, seg: SegmentView) -> str:
    name = f"“{seg.text}”" if track.kind in ("Title", "Captions", "Text") and seg.text else name_zh(seg.name)
    vol = f"，{round(seg.volume * 100)}%" if seg.volume is not None and track.kind != "Video" else ""
    return f"{name}（{_span_zh(seg)}{vol}）"


def _track_summary_zh(track: TrackView) -> str:
    kind = _KINDS_ZH.get(track.kind, "轨道")
    segs = track.segments
    if not segs:
        return f"{kind}：（空）"
    if len(segs) <= 3:
        return f"{kind}：" + "、".join(_item_zh(track, s) for s in segs)
    start = seconds(min(s.start_ms for s in segs))
    end = seconds(max(s.end_ms for s in segs))
    return f"{kind}：{len(segs)}{_PLURALS_ZH.get(track.kind, '段')}（{start}-{end}秒）"


def summary_zh(view: TimelineView) -> str:
    """`summary` in Chinese:
    `时间线（2条轨道）：1. 画面：7个场景（0-30秒） 2. 背景音乐：轻松Lo-fi（0-30秒，35%）`"""
    if not view.tracks:
        return "时间线（空）"
    parts = [f"{i}. {_track_summary_zh(track)}" for i, track in enumerate(view.tracks, 1)]
    return f"时间线（{len(view.tracks)}条轨道）：" + " ".join(parts)


def summary(view: TimelineView) -> str:
    """`Timeline (3 tracks): 1. Video: city (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "X" (0-3s)`.

    The one implementation of the seed's summary line: `Draft.summary()` and the engine use it too.
    """
    if not view.tracks:
        return "Timeline (empty)"
    noun = "track" if len(view.tracks) == 1 else "tracks"
    parts = [f"{i}. {_track_summary(track)}" for i, track in enumerate(view.tracks, 1)]
    return f"Timeline ({len(view.tracks)} {noun}): " + " ".join(parts)


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
