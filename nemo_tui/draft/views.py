"""The timeline as front ends show it: tracks → segments, and the changes between two drafts in words.

Works on the draft as plain JSON (a dict), so that a cloud draft with only `t/tt/sg/d/m` and the local
engine's superset (docs/draft.md) both display. Segments without `st` follow each other on their track.

It also holds the reads of a plain draft its editors make (`start_of`, `end_of`, `tracks_of`, `scenes`,
`clip_rows`, `overlapping`…): the agent edits plain dicts in place and reads their keys only here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from .scenes import SCHEME as SCENE
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
    return (
        src[len(SCENE) :]
        if isinstance(src, str) and src.startswith(SCENE) and len(src) > len(SCENE)
        else None
    )


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


# Reading a plain draft (docs/draft.md), as its editors do. The drafts the engine's agent keeps have
# every key these read (they are checked at every commit); the defaults serve a draft being built.


def meta_of(obj: Mapping[str, Any]) -> Json:
    """A track's or segment's `m`, {} without one (the dict itself when there is one)."""
    return cast(Json, obj.get("m") or {})


def start_of(seg: Mapping[str, Any]) -> int:
    """A segment's start (`st`), ms; 0 without one."""
    return int(seg.get("st", 0))


def duration_of(seg: Mapping[str, Any]) -> int:
    """A segment's duration (`d`), ms; 0 without one."""
    return int(seg.get("d", 0))


def end_of(seg: Mapping[str, Any]) -> int:
    """Where a segment ends: its start plus its duration, ms."""
    return start_of(seg) + duration_of(seg)


def speed_of(seg: Mapping[str, Any]) -> float:
    """A segment's playing speed (`speed`), 1.0 without one."""
    return float(seg.get("speed", 1.0))


def transition(seg: Mapping[str, Any]) -> Json | None:
    """The transition into a segment (`tr`: its type and length), None without one."""
    return cast("Json | None", seg.get("tr"))


def transition_of(seg: Mapping[str, Any] | None) -> int:
    """The length of the transition into a segment (`tr.d`), ms; 0 without one (or without a segment)."""
    return int(seg["tr"].get("d", 0)) if seg and seg.get("tr") else 0


def in_point_of(seg: Mapping[str, Any]) -> float:
    """Where in its file a segment starts playing (`in`), ms; 0 without one."""
    return float(seg.get("in", 0))


def volume_of(seg: Mapping[str, Any]) -> float:
    """A segment's volume (`vol`, 0..1), 1.0 without one."""
    return float(seg.get("vol", 1.0))


def fade_in_of(seg: Mapping[str, Any]) -> int:
    """How long a sound fades in at its start (`fade_in`), ms; 0 without a fade."""
    return int(seg.get("fade_in") or 0)


def fade_out_of(seg: Mapping[str, Any]) -> int:
    """How long a sound fades out at its end (`fade_out`), ms; 0 without a fade."""
    return int(seg.get("fade_out") or 0)


def style_of(seg: Mapping[str, Any]) -> Json:
    """A text segment's `style` (size, colour, place, box), {} without one (else the dict itself)."""
    return cast(Json, seg.get("style") or {})


def scene_of(seg: Mapping[str, Any]) -> str:
    """The id of the scene a caption or voice line belongs to (`m.scene`), "" for a loose one."""
    scene = meta_of(seg).get("scene")
    return str(scene) if scene else ""


def is_card(seg: Mapping[str, Any]) -> bool:
    """A title card (`m.card`): shown as a card, not counted as a clip."""
    return bool(meta_of(seg).get("card"))


def fills(seg: Mapping[str, Any]) -> bool:
    """A segment stretched to the video's length whenever it changes (`m.fill`: music, the ending)."""
    return bool(meta_of(seg).get("fill"))


def plays_a_file(seg: Mapping[str, Any]) -> bool:
    """A segment whose `src` is a file (media or generated), not a `color:` or `gradient:` fill."""
    return "src" in seg and not str(seg["src"]).startswith(("color:", "gradient:"))


def is_footage(seg: Mapping[str, Any]) -> bool:
    """A file played as footage, with a speed and a sound of its own (not a still with a Ken Burns move)."""
    return plays_a_file(seg) and "kenburns" not in (seg.get("fx") or {})


def length_of(draft: Mapping[str, Any]) -> int:
    """The draft's own length (`d`), ms; 0 without one."""
    return int(draft.get("d") or 0)


def is_ready(draft: Mapping[str, Any]) -> bool:
    """Ready for export: at least one track with a non-empty `sg` (docs/protocol.md)."""
    return any(track.get("sg") for track in draft.get("t") or [])


def role_of(track: Mapping[str, Any]) -> str:
    """A track's `m.role` (`main`, `bgm`, `voice`, `title`, `captions`, `ending`), "" without one."""
    return str(meta_of(track).get("role", ""))


def type_of(track: Mapping[str, Any]) -> Any:
    """A track's type (`tt`: `VIDEO`, `AUDIO`, `TEXT`), None without one."""
    return track.get("tt")


def tracks_in(draft: Mapping[str, Any]) -> list[Json]:
    """The draft's tracks (`t`), the list itself; [] without one."""
    return cast(list[Json], draft.get("t", []))


def segments_of(track: Mapping[str, Any]) -> list[Json]:
    """A track's segments (`sg`), the list itself; [] without one."""
    return cast(list[Json], track.get("sg", []))


def tracks_of(draft: Mapping[str, Any], *, tt: int | None = None, role: str | None = None) -> list[Json]:
    """The tracks of one type and/or role, in stacking order."""
    return [
        t
        for t in tracks_in(draft)
        if (tt is None or type_of(t) == tt) and (role is None or role_of(t) == role)
    ]


def first_track(draft: Mapping[str, Any], *, tt: int | None = None, role: str | None = None) -> Json | None:
    found = tracks_of(draft, tt=tt, role=role)
    return found[0] if found else None


def main_track(draft: Mapping[str, Any]) -> Json | None:
    """The video track scenes and clips live on (role `main`, else the first video track)."""
    return first_track(draft, tt=VIDEO, role="main") or first_track(draft, tt=VIDEO)


def in_playing_order(segs: Iterable[Json]) -> list[Json]:
    """Segments by start, as they play (equal starts keep their order)."""
    return sorted(segs, key=lambda s: s.get("st", 0))


def by_start_then_end(seg: Mapping[str, Any]) -> tuple[Any, int]:
    """A sort key: by start, then by end (the order captions are numbered in)."""
    return seg.get("st", 0), end_of(seg)


def scenes(draft: Mapping[str, Any]) -> list[Json]:
    """The main track's segments in playing order: the row of scenes, the title card included."""
    track = main_track(draft)
    return in_playing_order(segments_of(track)) if track else []


def clip_rows(row: list[Json]) -> list[int]:
    """Row indexes of the clips people count ("clip 2"): every scene but a title card (all if only cards)."""
    return [i for i, s in enumerate(row) if not is_card(s)] or list(range(len(row)))


def plays_during(seg: Mapping[str, Any], st: int, end: int) -> bool:
    """Whether a segment plays at some time in [st, end)."""
    return end_of(seg) > st and seg.get("st", 0) < end


def overlapping(segs: Iterable[Json], st: int, end: int) -> list[Json]:
    """The segments that play at some time in [st, end)."""
    return [s for s in segs if plays_during(s, st, end)]


def attached(draft: Mapping[str, Any]) -> list[tuple[Json, Json]]:
    """(track, segment) of every caption and voice line tied to a scene (`m.scene`), off the main track."""
    main = main_track(draft)
    return [(t, s) for t in tracks_in(draft) if t is not main for s in segments_of(t) if scene_of(s)]
