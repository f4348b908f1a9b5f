"""The draft (timeline) as typed models, after shared/DRAFT.md.

The cloud documents only `t`/`tt`/`sg`/`d`/`m`; the local engine adds a superset. Every key is
optional and unknown keys are kept (`extra="allow"`), so `Draft.from_wire(x).to_wire() == x`: the
render call must receive the draft exactly as the state gave it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

VIDEO = 0
AUDIO = 1
TEXT = 7

Number = int | float  # int first: a 6000 stays 6000 on the way back out


class _Wire(BaseModel):
    model_config = ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True)


def _meta_name(m: dict[str, Any] | None) -> str | None:
    for key in ("name", "title"):  # the one published example of `m` uses "title"
        value = (m or {}).get(key)
        if isinstance(value, str) and value:
            return value
    return None


class Segment(_Wire):
    id: str | None = None
    st: Number | None = None  # start on the timeline, ms; absent in cloud drafts (segments follow each other)
    d: Number | None = None  # duration, ms
    m: dict[str, Any] | None = None
    src: str | None = None
    in_: Number | None = Field(default=None, alias="in")
    speed: Number | None = None
    vol: Number | None = None
    fit: str | None = None
    fx: dict[str, Any] | None = None
    tr: dict[str, Any] | None = None
    text: str | None = None
    style: dict[str, Any] | None = None
    fade_in: Number | None = None
    fade_out: Number | None = None
    loop: bool | None = None

    @property
    def name(self) -> str | None:
        return _meta_name(self.m)


class Track(_Wire):
    id: str | None = None
    tt: int | None = None
    m: dict[str, Any] | None = None
    sg: list[Segment] | None = None

    @property
    def name(self) -> str | None:
        return _meta_name(self.m)

    def spans(self) -> list[tuple[Segment, float, float]]:
        """(segment, start ms, end ms) with missing starts filled in: a segment follows the previous one."""
        out: list[tuple[Segment, float, float]] = []
        cursor = 0.0
        for seg in self.sg or []:
            start = float(seg.st) if seg.st is not None else cursor
            end = start + float(seg.d or 0)
            out.append((seg, start, end))
            cursor = end
        return out

    def label(self) -> str:
        """The kind shown in the summary line: Video, BGM, Audio, Title, Text."""
        if self.tt == VIDEO:
            return "Video"
        if self.tt == AUDIO:
            role = str((self.m or {}).get("role", "")).lower()
            name = (self.name or "").lower()
            return "BGM" if role == "bgm" or "bgm" in name or "music" in name else "Audio"
        if self.tt == TEXT:
            return "Title" if len(self.sg or []) <= 1 else "Text"
        return "Track" if self.tt is None else f"Track (type {self.tt})"


class Draft(_Wire):
    v: int | None = None
    canvas: dict[str, Any] | None = None
    d: Number | None = None
    t: list[Track] | None = None

    @classmethod
    def from_wire(cls, data: Any) -> Draft:
        return cls.model_validate(data or {})

    def to_wire(self) -> dict[str, Any]:
        """The JSON-ready dict, with the cloud's short keys and nothing the input did not have."""
        return self.model_dump(by_alias=True, exclude_unset=True, mode="json")

    @property
    def tracks(self) -> list[Track]:
        return self.t or []

    def is_ready(self) -> bool:
        """Ready for export: at least one track with a non-empty `sg` (PROTOCOL.md)."""
        return any(track.sg for track in self.tracks)

    def end_ms(self) -> float:
        """End of the last segment, which is the rendered length; the draft's own `d` if it has none."""
        ends = [end for track in self.tracks for _, _, end in track.spans()]
        if ends:
            return max(ends)
        return float(self.d or 0)

    def summary(self) -> str:
        """`Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) …`"""
        tracks = self.tracks
        if not tracks:
            return "Timeline (empty)"
        noun = "track" if len(tracks) == 1 else "tracks"
        parts = [f"{i}. {_track_summary(track)}" for i, track in enumerate(tracks, 1)]
        return f"Timeline ({len(tracks)} {noun}): " + " ".join(parts)


def _seconds(ms: float) -> str:
    s = round(ms / 1000, 1)
    return f"{int(s)}" if s == int(s) else f"{s:.1f}"


def _range(seg: Segment, start: float, end: float, track: Track) -> str:
    text = f"{_seconds(start)}-{_seconds(end)}s" if seg.d is not None else f"from {_seconds(start)}s"
    if track.tt == AUDIO and seg.vol is not None:
        text += f", {round(float(seg.vol) * 100)}%"
    return text


def _segment_name(seg: Segment, track: Track) -> str:
    if track.tt == TEXT and seg.text:
        return f'"{seg.text}"'
    name = seg.name or track.name
    if name:
        return name
    if seg.text:
        return f'"{seg.text}"'
    return seg.src or "untitled"


def _track_summary(track: Track) -> str:
    spans = track.spans()
    label = track.label()
    if not spans:
        return f"{label}: (empty)"
    if len(spans) <= 3:
        items = [f"{_segment_name(s, track)} ({_range(s, a, b, track)})" for s, a, b in spans]
        return f"{label}: " + ", ".join(items)
    start = min(a for _, a, _ in spans)
    end = max(b for _, _, b in spans)
    names = ", ".join(_segment_name(s, track) for s, _, _ in spans[:2])
    return f"{label}: {len(spans)} segments ({_seconds(start)}-{_seconds(end)}s): {names}, …"
