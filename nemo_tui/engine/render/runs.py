"""Visual tracks planned in frames: segments become clips, clips join into runs, joins into transitions.

Timing is in frames (`Canvas.frame`), so nothing drifts. A *run* is a stretch of segments that touch
or overlap. Inside a run, clips join by a cut, a crossfade or a dip to black. A crossfade of length T
is centred on the cut (or covers the overlap when the segments overlap by T): the outgoing clip is
extended past its end and the incoming one started before its start, so a transition needs no
overlap in the draft, and an overlap up to its length is fine too. A dip to black fades the outgoing
clip out over the first half and the incoming one in over the second.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DraftError
from .text import Window
from .timeline import Canvas, VisualSegment


@dataclass
class Clip:
    seg: VisualSegment
    start: int  # first frame on the timeline (a transition may start it before the segment)
    end: int  # the frame after its last
    xfade: int = 0  # crossfade from the previous clip over this many frames
    fade_in: int = 0  # frames fading in from `fade_from`
    fade_from: str = ""  # "black" | "bg" | "alpha"
    fade_out: int = 0  # frames fading to black at the end (the first half of a dip)

    @property
    def frames(self) -> int:
        return self.end - self.start


def plan_runs(segments: tuple[VisualSegment, ...], canvas: Canvas, base: bool) -> list[list[Clip]]:
    """Clips of one track, grouped into runs, with their transitions resolved to frames."""
    runs: list[list[Clip]] = []
    for seg in segments:
        start, end = canvas.frame(seg.st), canvas.frame(seg.end)
        clip = Clip(seg, start, max(end, start + 1))
        prev = runs[-1][-1] if runs else None
        if prev is not None and prev.end >= start:
            _join(prev, clip, canvas)
            runs[-1].append(clip)
        else:
            if seg.tr is not None:
                clip.fade_in = min(max(1, canvas.frame(seg.tr.ms)), clip.frames)
                black = seg.tr.kind == "black"
                clip.fade_from = "black" if black else ("bg" if base else "alpha")
            runs.append([clip])
    for run in runs:
        for a, b, c in zip(run, run[1:], [*run[2:], None], strict=False):
            came_in = b.start + max(b.xfade, b.fade_in)
            goes_out = b.end - b.fade_out if c is None or not c.xfade else c.start
            if b.start < a.start or came_in > goes_out:
                raise DraftError(
                    f'{b.seg.where}: "tr.d" transitions too long for the segments around it',
                    b.seg.where.split(" ")[0] + ".tr.d",
                )
    return runs


def _join(a: Clip, b: Clip, canvas: Canvas) -> None:
    overlap = a.end - b.start
    if b.seg.tr is None:  # a cut (validation rejects an overlap without a transition)
        b.start = a.end
        return
    length = max(1, canvas.frame(b.seg.tr.ms), overlap)
    start = b.start - (length - overlap) // 2
    if b.seg.tr.kind == "fade":
        a.end, b.start, b.xfade = start + length, start, length
    else:
        mid = start + length // 2
        a.end, a.fade_out = mid, mid - start
        b.start, b.fade_in, b.fade_from = mid, start + length - mid, "black"


def windows(runs: list[list[Clip]], canvas: Canvas) -> list[Window]:
    """The transitions of a track in ms, for text that belongs to its scene."""
    found = []
    for run in runs:
        first = run[0]
        if first.fade_in:
            at = canvas.ms(first.start)
            found.append(Window(at, at, canvas.ms(first.start + first.fade_in)))
        for a, b in zip(run, run[1:], strict=False):
            if b.xfade:
                found.append(Window(canvas.ms(b.start), canvas.ms(b.start + b.xfade / 2), canvas.ms(a.end)))
            elif a.fade_out:
                found.append(
                    Window(canvas.ms(a.end - a.fade_out), canvas.ms(a.end), canvas.ms(b.start + b.fade_in))
                )
    return found
