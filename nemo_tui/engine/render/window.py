"""A render window: frames a…b of a timeline as a cut-down timeline that `build_plan` renders alone.

Each track keeps the segments that overlap the window and the one on each side (a crossfade blends a
clip with its neighbour, a Ken Burns path spans its whole clip, a text may fade with the cut next to
it). Kept segments stay whole, so each starts at its own frame and in-point; the cut-down timeline is
shifted earlier by a whole number of frames that is also a whole number of centiseconds (the unit of
the text script), so every shifted start lands on the same frame as in the full render. Sound is left
out: a chunked render mixes it once for the whole timeline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .timeline import AUDIO, Canvas, Segment, Timeline, Track


@dataclass(frozen=True)
class Cut:
    timeline: Timeline  # the cut-down timeline, shifted
    first: int  # the window in its frames: [first, end)
    end: int


def shift_step(canvas: Canvas) -> int:
    """The fewest frames whose length is a whole number of centiseconds (3 at 30 fps, 1 at 25)."""
    fps = canvas.fps
    return fps.numerator // math.gcd(fps.numerator, 100 * fps.denominator)


def cut_window(timeline: Timeline, first: int, end: int) -> Cut:
    """The timeline that renders frames [first, end) of `timeline` as frames [cut.first, cut.end)."""
    canvas = timeline.canvas
    a_ms, b_ms = canvas.ms(first), canvas.ms(end)
    tracks: list[Track] = []
    for track in timeline.tracks:
        if track.tt == AUDIO or not track.segments:
            continue
        segs = track.segments
        inside = [i for i, s in enumerate(segs) if s.end > a_ms and s.st < b_ms]
        before = [i for i, s in enumerate(segs) if s.end <= a_ms]
        after = [i for i, s in enumerate(segs) if s.st >= b_ms]
        keep = set(inside) | set(before[-1:]) | set(after[:1])
        if inside:  # the neighbours of the first and last overlapping segments
            keep |= {max(0, inside[0] - 1), min(len(segs) - 1, inside[-1] + 1)}
        tracks.append(replace(track, segments=tuple(segs[i] for i in sorted(keep))))
    starts = [s.st for t in tracks for s in t.segments]
    step = shift_step(canvas)
    lead = min([first, *(int(st * canvas.fps / 1000) for st in starts)])  # floored: no start goes below 0
    shift = max(0, lead // step * step)
    # Exact: the shift is a whole number of ms, so frame(st - ms) == frame(st) - shift.
    shift_ms = round(canvas.ms(shift))
    moved = tuple(replace(t, segments=tuple(_moved(s, shift_ms) for s in t.segments)) for t in tracks)
    return Cut(Timeline(canvas, moved), first - shift, end - shift)


def _moved(seg: Segment, ms: int) -> Segment:
    return replace(seg, st=seg.st - ms)
