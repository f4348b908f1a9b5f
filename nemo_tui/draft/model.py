"""The draft (timeline) as typed models, after docs/draft.md.

The cloud documents only `t`/`tt`/`sg`/`d`/`m`; the local engine adds a superset. Every key is
optional and unknown keys are kept (`extra="allow"`), so `Draft.from_wire(x).to_wire() == x`: the
render call must receive the draft exactly as the state gave it. `check.check_draft` says whether a
draft is well formed (with key paths); these models accept any draft, as front ends must show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .views import build, summary
from .wire import AUDIO, TEXT, VIDEO

__all__ = ["AUDIO", "TEXT", "VIDEO", "Draft", "Number", "Overlap", "Segment", "Track"]

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

    @property
    def start(self) -> float:
        """The start in ms, 0 when the draft gives none (use `Track.spans` for cloud drafts)."""
        return float(self.st or 0)

    @property
    def end(self) -> float:
        """The end in ms: start plus duration, each 0 when missing."""
        return self.start + float(self.d or 0)

    @property
    def transition_ms(self) -> float:
        """The length of the transition into this segment (`tr.d`), 0 without one."""
        ms = (self.tr or {}).get("d")
        return float(ms) if isinstance(ms, int | float) and not isinstance(ms, bool) else 0.0

    @property
    def is_card(self) -> bool:
        """A title card: shown on the timeline as one, not counted as a clip."""
        return bool((self.m or {}).get("card"))


@dataclass(frozen=True)
class Overlap:
    """Segment `later` starts `ms` before `earlier` (the longest-lasting segment before it) ends."""

    earlier: Segment
    later: Segment
    ms: float


class Track(_Wire):
    id: str | None = None
    tt: int | None = None
    m: dict[str, Any] | None = None
    sg: list[Segment] | None = None

    @property
    def name(self) -> str | None:
        return _meta_name(self.m)

    @property
    def role(self) -> str:
        """`m.role` (`main`, `bgm`, `voice`, `title`, `captions`), "" without one."""
        role = (self.m or {}).get("role")
        return role if isinstance(role, str) else ""

    @property
    def segments(self) -> list[Segment]:
        return self.sg or []

    def spans(self) -> list[tuple[Segment, float, float]]:
        """(segment, start ms, end ms) with missing starts filled in: a segment follows the previous one."""
        out: list[tuple[Segment, float, float]] = []
        cursor = 0.0
        for seg in self.segments:
            start = float(seg.st) if seg.st is not None else cursor
            end = start + float(seg.d or 0)
            out.append((seg, start, end))
            cursor = end
        return out

    def in_order(self) -> list[Segment]:
        """The segments by start (then end): the order they play in."""
        return sorted(self.segments, key=lambda s: (s.start, s.end))

    def overlaps(self) -> list[Overlap]:
        """Every segment that starts before an earlier one ends, with the earlier segment that lasts
        longest. Linear after the sort: the longest-lasting earlier segment is kept as we go."""
        found: list[Overlap] = []
        longest: Segment | None = None
        for seg in self.in_order():
            if longest is not None and longest.end > seg.start:
                found.append(Overlap(earlier=longest, later=seg, ms=longest.end - seg.start))
            if longest is None or seg.end > longest.end:
                longest = seg
        return found


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

    def tracks_of(self, tt: int, role: str | None = None) -> list[Track]:
        """The tracks of one type (`VIDEO`, `AUDIO`, `TEXT`), in stacking order; with `role`, only those."""
        return [t for t in self.tracks if t.tt == tt and (role is None or t.role == role)]

    def segments(self) -> Iterator[tuple[Track, Segment]]:
        for track in self.tracks:
            for seg in track.segments:
                yield track, seg

    def main_track(self) -> Track | None:
        """The video track scenes and clips live on (role `main`, else the first video track)."""
        found = self.tracks_of(VIDEO, "main") or self.tracks_of(VIDEO)
        return found[0] if found else None

    def clips(self) -> list[Segment]:
        """The clips as people count them ("clip 2"): the main track's segments in playing order,
        without the title card, which the timeline shows as a card (unless there is nothing else)."""
        track = self.main_track()
        row = sorted(track.segments, key=lambda s: s.start) if track else []
        return [s for s in row if not s.is_card] or row

    def is_ready(self) -> bool:
        """Ready for export: at least one track with a non-empty `sg` (docs/protocol.md)."""
        return any(track.sg for track in self.tracks)

    def end_ms(self) -> float:
        """End of the last segment, which is the rendered length; the draft's own `d` if it has none."""
        ends = [end for track in self.tracks for _, _, end in track.spans()]
        if ends:
            return max(ends)
        return float(self.d or 0)

    def summary(self) -> str:
        """`Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) …`"""
        return summary(build(self.to_wire()))  # one implementation of the line, shared with front ends
