"""Titles and captions as one ASS script, drawn by libass (ffmpeg's `ass` filter) in one pass.

Why ASS rather than drawtext: one filter for every text segment instead of one per segment, text
passed in a file (no filtergraph escaping of the words), boxes with alpha, fades (`\\fad`) and exact
placement; libass also picks the Simplified Chinese face of the font collection by family name.

Captions belong to their scene. When a text segment starts or ends inside a transition of the
pictures below it, it is cut at the transition's midpoint and fades with the pictures: out over the
first half (while its scene fades away), in over the second half. Two captions therefore never show
on top of each other during a crossfade.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .colors import rgba
from .fonts import FAMILY, FontMetrics, metrics
from .timeline import Canvas, TextSegment
from .typefaces import TYPEFACES, TypefaceMetrics, typeface_metrics
from .wrap import wrap

ANIM_FADE_MS = 300
# The corners (ours) keep the 5 % / 7 % margins: a brand name or logo text over the whole video.
_ALIGN = {
    "top": 8,
    "center": 5,
    "bottom": 2,
    "top-left": 7,
    "top-right": 9,
    "bottom-left": 1,
    "bottom-right": 3,
}
_CORNER_WIDTH = 0.4  # of the canvas: text in a corner wraps before it reaches the middle


@dataclass(frozen=True)
class Window:
    """A transition of the pictures, in ms: fading out until `mid`, fading in from `mid` to `end`."""

    start: float
    mid: float
    end: float


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    fade_in: float
    fade_out: float


def cue_for(seg: TextSegment, windows: Iterable[Window], frame_ms: float) -> Cue | None:
    """When the text shows and how it fades, tied to the transitions it starts or ends in."""
    anim: float = ANIM_FADE_MS if seg.style.anim == "fade" else 0
    start, end, fade_in, fade_out = float(seg.st), float(seg.end), anim, anim
    for w in windows:
        if w.start - frame_ms <= seg.st <= w.end + frame_ms:
            start = max(start, w.mid)
            fade_in = max(fade_in, w.end - start)
        if w.start - frame_ms <= seg.end <= w.end + frame_ms:
            end = min(end, w.mid)
            fade_out = max(fade_out, end - w.start)
    length = end - start
    if length < frame_ms:
        return None
    if fade_in + fade_out > length:
        scale = length / (fade_in + fade_out)
        fade_in, fade_out = fade_in * scale, fade_out * scale
    return Cue(start, end, fade_in, fade_out)


def ass_escape(text: str) -> str:
    """Words as literal ASS text: no override blocks, no `\\N`-style escapes."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\u2060")  # a word joiner after the backslash keeps `\N` literal
        elif char in "{}":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _ass_color(color: str) -> str:
    r, g, b, a = rgba(color)
    return f"&H{255 - a:02X}{b:02X}{g:02X}{r:02X}"


def _ass_time(ms: float, canvas: Canvas) -> str:
    """A time half a frame before the first frame at or after `ms` (libass truncates frame times)."""
    frame_ms = 1000 / float(canvas.fps)
    first = math.ceil(ms / frame_ms - 1e-6)
    cs = max(0, math.floor((first - 0.5) * frame_ms / 10))
    h, rest = divmod(cs, 360000)
    m, rest = divmod(rest, 6000)
    s, cs = divmod(rest, 100)
    return f"{h}:{m:02d}:{s:02d}.{cs:02d}"


def _size(seg: TextSegment, canvas: Canvas) -> float:
    """The em size in canvas pixels: the style's, else 5 % of the shorter side (54 px on 1080p)."""
    return seg.style.size or min(canvas.w, canvas.h) * 0.05


def _face(seg: TextSegment) -> tuple[str, FontMetrics | TypefaceMetrics]:
    """The family libass draws the segment in, and its metrics: the style's named font or Noto."""
    if seg.style.font in TYPEFACES:
        return TYPEFACES[seg.style.font].family, typeface_metrics(seg.style.font)
    return FAMILY, metrics()


def _style_line(name: str, seg: TextSegment, canvas: Canvas) -> str:
    st = seg.style
    family, m = _face(seg)
    size = _size(seg, canvas)
    if st.box:  # BorderStyle 4: one box around the whole event, in BackColour; padding = Outline
        border, outline, shadow = 4, max(2.0, size * 0.3), 0.0
        outline_c, back_c = "&HFF000000", _ass_color(st.box)
    else:  # a thin dark edge keeps light text readable on light pictures
        border, outline, shadow = 1, max(1.0, size * 0.06), max(1.0, size * 0.04)
        outline_c, back_c = "&H60000000", "&H80000000"
    align = _ALIGN.get(st.pos, 5) if isinstance(st.pos, str) else 5
    margin_h, margin_v = round(canvas.w * 0.05), round(canvas.h * 0.07)
    return (
        f"Style: {name},{family},{size * m.line_height:.2f},{_ass_color(st.color)},"
        f"{_ass_color(st.color)},{outline_c},{back_c},0,0,0,0,100,100,0,0,{border},{outline:.2f},"
        f"{shadow:.2f},{align},{margin_h},{margin_h},{margin_v},1"
    )


def _lines(seg: TextSegment, canvas: Canvas) -> str:
    """The event's text: wrapped to the room it has, smaller when too many lines would leave the
    frame, and an `[x, y]` position moved in just enough for the whole block to stay on the canvas."""
    st, style_size = seg.style, _size(seg, canvas)
    size, lines = style_size, [seg.text]
    m = _face(seg)[1]
    for _ in range(12):  # shrink by steps of 15 % until the block fits in 85 % of the height
        pad = max(2.0, size * 0.3) if st.box else size * 0.06
        if isinstance(st.pos, tuple):
            room = 2 * min(st.pos[0], 1 - st.pos[0]) * canvas.w
            limit = max(room - 2 * pad, canvas.w * 0.3)
        elif "-" in st.pos:  # a corner
            limit = canvas.w * _CORNER_WIDTH - 2 * pad
        else:
            limit = canvas.w * 0.9 - 2 * pad

        def measure(s: str, size: float = size) -> float:
            return m.width(s) * size

        lines = wrap(seg.text, limit, measure)
        height = len(lines) * size * m.line_height + 2 * pad
        if height <= canvas.h * 0.85:
            break
        size *= 0.85
    tags = f"\\fs{size * m.line_height:.2f}" if size < style_size else ""
    if isinstance(st.pos, tuple):
        width = max((m.width(line) for line in lines), default=0) * size + 2 * pad
        edge = max(4.0, min(canvas.w, canvas.h) * 0.03)  # a little air between the block and the frame
        x = _clamp(st.pos[0] * canvas.w, width / 2 + edge, canvas.w - width / 2 - edge)
        y = _clamp(st.pos[1] * canvas.h, height / 2 + edge, canvas.h - height / 2 - edge)
        tags = f"\\an5\\pos({x:.1f},{y:.1f})" + tags
    text = "\\N".join(ass_escape(line) for line in lines)
    return (f"{{{tags}}}" if tags else "") + text


def _clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value)) if lo <= hi else (lo + hi) / 2


def build_ass(canvas: Canvas, layers: list[list[TextSegment]], windows: list[Window]) -> str:
    """One script for text tracks drawn together; `layers` in stacking order (later on top)."""
    frame_ms = 1000 / float(canvas.fps)
    styles: list[str] = []
    events: list[str] = []
    for layer, segments in enumerate(layers):
        for seg in segments:
            cue = cue_for(seg, windows, frame_ms)
            if cue is None:
                continue
            name = f"S{len(styles)}"
            styles.append(_style_line(name, seg, canvas))
            fade = (
                f"{{\\fad({round(cue.fade_in)},{round(cue.fade_out)})}}"
                if cue.fade_in or cue.fade_out
                else ""
            )
            events.append(
                f"Dialogue: {layer},{_ass_time(cue.start, canvas)},{_ass_time(cue.end, canvas)},{name},,"
                f"0,0,0,,{fade}{_lines(seg, canvas)}"
            )
    return "\n".join(
        [
            "[Script Info]",
            "ScriptType: v4.00+",
            f"PlayResX: {canvas.w}",
            f"PlayResY: {canvas.h}",
            "WrapStyle: 2",
            "ScaledBorderAndShadow: yes",
            "YCbCr Matrix: None",
            "",
            "[V4+ Styles]",
            "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
            "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
            "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
            *styles,
            "",
            "[Events]",
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
            *events,
            "",
        ]
    )
