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
        from .timeline import build, summary  # one implementation of the line, shared with front ends

        return summary(build(self.to_wire()))
