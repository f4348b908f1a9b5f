"""The draft as the renderer reads it: typed, defaulted, validated (see `validate.parse_draft`).

Times stay in milliseconds here; `Canvas.frame` turns a time into a frame index. Every segment keeps
`where` (e.g. `t[0].sg[2] (id s3)`) so that later stages can name it in a `DraftError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

# The track types, re-exported: the renderer's modules take them from here.
from nemo_tui.draft.wire import AUDIO as AUDIO
from nemo_tui.draft.wire import TEXT as TEXT
from nemo_tui.draft.wire import VIDEO as VIDEO


@dataclass(frozen=True)
class Canvas:
    w: int
    h: int
    fps: Fraction
    bg: str  # "#RRGGBB"

    def frame(self, ms: float) -> int:
        """The index of the frame at `ms` (rounded to the nearest frame boundary)."""
        return int(Fraction(ms).limit_denominator(1000) * self.fps / 1000 + Fraction(1, 2))

    def ms(self, frame: float) -> float:
        return float(frame * 1000 / self.fps)


@dataclass(frozen=True)
class KenBurns:
    start: tuple[float, float, float]  # zoom, centre x, centre y (0..1 of the source)
    end: tuple[float, float, float]


@dataclass(frozen=True)
class Transition:
    kind: str  # "fade" | "black"
    ms: int


@dataclass(frozen=True)
class Segment:
    where: str  # "t[0].sg[2] (id s3)"
    id: str
    st: int
    d: int

    @property
    def end(self) -> int:
        return self.st + self.d


@dataclass(frozen=True)
class VisualSegment(Segment):
    src: str
    in_ms: int = 0
    speed: float = 1.0
    vol: float = 1.0
    mute: bool = False
    fit: str = "cover"
    kenburns: KenBurns | None = None
    tr: Transition | None = None
    scene: dict[str, Any] | None = field(default=None, hash=False, compare=False)  # `scene:` sources


@dataclass(frozen=True)
class AudioSegment(Segment):
    src: str
    in_ms: int = 0
    speed: float = 1.0
    vol: float = 1.0
    fade_in: int = 0
    fade_out: int = 0
    loop: bool = False


@dataclass(frozen=True)
class TextStyle:
    size: float  # em size in pixels at the canvas height; 0 for the default
    color: str  # "#RRGGBBAA"
    pos: str | tuple[float, float]  # "top" | "center" | "bottom" | (x, y) as 0..1 of the canvas
    box: str | None  # "#RRGGBBAA" or None
    anim: str  # "none" | "fade"
    font: str = ""  # a name of `typefaces.TYPEFACES`; "": the default face


@dataclass(frozen=True)
class TextSegment(Segment):
    text: str
    style: TextStyle


@dataclass(frozen=True)
class Track:
    index: int
    id: str
    tt: int
    role: str | None
    segments: tuple[Segment, ...]  # sorted by start

    # The segments as the track's type holds them (`validate.parse_draft` builds them so): typed views.
    def visuals(self) -> tuple[VisualSegment, ...]:
        return cast(tuple[VisualSegment, ...], self.segments)

    def sounds(self) -> tuple[AudioSegment, ...]:
        return cast(tuple[AudioSegment, ...], self.segments)

    def texts(self) -> tuple[TextSegment, ...]:
        return cast(tuple[TextSegment, ...], self.segments)


@dataclass(frozen=True)
class Timeline:
    canvas: Canvas
    tracks: tuple[Track, ...]

    @property
    def duration_ms(self) -> int:
        """The rendered length: the end of the last segment."""
        return max((s.end for t in self.tracks for s in t.segments), default=0)

    def tracks_of(self, tt: int) -> list[Track]:
        return [t for t in self.tracks if t.tt == tt]
