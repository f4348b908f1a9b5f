"""Check a draft (docs/draft.md) and read it into a typed `Timeline`.

Every problem is collected before raising, and each one names its key path and segment, e.g.
`t[0].sg[2] (id s3): "st" is negative (-500)`. Unknown keys are ignored (drafts keep them on a round
trip); unknown values of known keys are errors.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from nemo_tui import art

# The reader, the error and the checks of the keys every segment has are the draft package's.
from nemo_tui.draft.check import (
    DraftError,
    Problems,
    Reader,
    check_timing,
    check_version,
    open_track,
    parse_color,
    segment_readers,
    track_list,
)
from nemo_tui.draft.scenes import FONTS, SCHEME, art_refs, check_scene
from nemo_tui.draft.scenes import media_refs as scene_media

from .timeline import (
    AUDIO,
    TEXT,
    VIDEO,
    AudioSegment,
    Canvas,
    KenBurns,
    Segment,
    TextSegment,
    TextStyle,
    Timeline,
    Track,
    Transition,
    VisualSegment,
)

MAX_SIDE = 4096
#: Characters of one text segment (a screenful is a few hundred).
MAX_TEXT_CHARS = 2_000
_POSITIONS = ("top", "center", "bottom", "top-left", "top-right", "bottom-left", "bottom-right")


def parse_draft(draft: Any) -> Timeline:
    """Validate the draft and return it typed; raise `DraftError` listing every problem."""
    problems = Problems()
    if not isinstance(draft, dict):
        raise DraftError(f"the draft must be a JSON object (got {type(draft).__name__})")
    top = Reader(draft, "", "", problems)
    check_version(top)
    canvas = _canvas(Reader(top.mapping("canvas"), "canvas", "canvas", problems))
    raw_tracks = track_list(top)
    tracks: list[Track] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(raw_tracks):
        track = _track(raw, i, problems, seen)
        if track is not None:
            tracks.append(track)
    for track in tracks:
        _check_overlaps(track, problems)
    timeline = Timeline(canvas, tuple(tracks))
    if not problems.items and timeline.duration_ms <= 0:
        problems.add("t", "t: the draft has no segments (nothing to render)")
    if problems.items:
        raise DraftError.collect(problems.items)
    return timeline


def validate_draft(draft: Any, resolve: Callable[[str], Path] | None = None) -> None:
    """Raise `DraftError` if the draft cannot be rendered; with `resolve`, every media file must exist."""
    timeline = parse_draft(draft)
    if resolve is not None:
        resolve_media(timeline, resolve)


def resolve_media(timeline: Timeline, resolve: Callable[[str], Path]) -> dict[str, Path]:
    """Map every `media:`/`gen:` source (and the uploads designed scenes show) to its file;
    `DraftError` for unknown or missing ones."""
    problems = Problems()
    found: dict[str, Path] = {}
    for track in timeline.tracks:
        for seg in track.segments:
            scene = getattr(seg, "scene", None)
            shown = [(getattr(seg, "src", ""), "src")] + [(ref, "scene") for ref in scene_media(scene or {})]
            for src, key in shown:
                if not src.startswith(("media:", "gen:")) or src in found:
                    continue
                path = f"{_seg_path(seg)}.{key}"
                try:
                    file = Path(resolve(src))
                except KeyError:
                    problems.add(path, f'{seg.where}: "{key}" {src} is not found (no such media)')
                    continue
                if not file.is_file():
                    problems.add(path, f'{seg.where}: "{key}" {src} resolves to {file}, which does not exist')
                    continue
                found[src] = file
    if problems.items:
        raise DraftError.collect(problems.items)
    return found


def _seg_path(seg: Segment) -> str:
    return seg.where.split(" ", 1)[0]


def _canvas(r: Reader) -> Canvas:
    w, h = r.number("w", 1920), r.number("h", 1080)
    for key, value in (("w", w), ("h", h)):
        if value is not None and (not float(value).is_integer() or value % 2 or not 16 <= value <= MAX_SIDE):
            r.fail(key, f"must be an even number of pixels from 16 to {MAX_SIDE} (got {value})")
    fps = r.number("fps", 30, lo=1, hi=120)
    bg = r.color("bg", "#000000") or "#000000FF"
    rate = _rate(fps or 30)
    return Canvas(int(w or 1920), int(h or 1080), rate, parse_color(bg[:7]))


def _rate(fps: float) -> Fraction:
    """29.97 means NTSC's 30000/1001 (likewise 23.976, 59.94), not 2997/100."""
    ntsc = fps * 1001 / 1000
    if not float(fps).is_integer() and abs(ntsc - round(ntsc)) < 0.01:
        return Fraction(round(ntsc) * 1000, 1001)
    return Fraction(fps).limit_denominator(1001)


def _track(raw: Any, i: int, problems: Problems, seen: dict[str, str]) -> Track | None:
    opened = open_track(raw, i, problems, seen)
    if opened is None:
        return None
    r, tt, segments = opened
    parser = {VIDEO: _visual, AUDIO: _audio, TEXT: _text}[tt]
    parsed = []
    for sr in segment_readers(r, segments, seen):
        item = parser(sr)
        if item is not None and sr.ok:
            parsed.append(item)
    role = r.mapping("m").get("role")
    parsed.sort(key=lambda s: (s.st, s.end))
    return Track(i, str(raw.get("id") or r.path), tt, role if isinstance(role, str) else None, tuple(parsed))


def _timing(r: Reader) -> dict[str, Any]:
    st, d = check_timing(r)
    return {"where": r.label, "id": str(r.obj.get("id")), "st": st, "d": d}


def _source(r: Reader, schemes: tuple[str, ...]) -> str | None:
    src = r.obj.get("src")
    if not isinstance(src, str) or not src:
        r.fail("src", "is missing" if src is None else f"must be a string (got {src!r})")
        return None
    scheme = src.split(":", 1)[0] + ":"
    if scheme not in ("media:", "color:", "gradient:", "gen:", SCHEME):
        r.fail("src", f"has an unknown scheme ({src!r}; expected media:, color:, gradient:, gen: or scene:)")
        return None
    if scheme not in schemes:
        r.fail("src", f"{src} cannot play on this track (expected {' or '.join(schemes)})")
        return None
    rest = src[len(scheme) :]
    try:
        if scheme == "color:":
            parse_color(rest)
        elif scheme == "gradient:":
            a, b = rest.split(",")
            parse_color(a.strip()), parse_color(b.strip())
        elif scheme == SCHEME:
            pass  # the template and its fields are checked by `_scene`
        elif scheme == "gen:" and len([p for p in rest.split(":", 1) if p]) != 2:
            r.fail("src", f"must be gen:<kind>:<name> (got {src!r})")
        elif not rest:
            r.fail("src", f"names no media (got {src!r})")
    except ValueError:
        expected = "color:#RRGGBB" if scheme == "color:" else "gradient:#RRGGBB,#RRGGBB"
        r.fail("src", f"has a bad colour ({src!r}; expected {expected})")
    return src


def _visual(r: Reader) -> VisualSegment | None:
    base = _timing(r)
    src = _source(r, ("media:", "color:", "gradient:", "gen:", SCHEME))
    scene = _scene(r, src) if src and src.startswith(SCHEME) else None
    fields = {
        "in_ms": r.number("in", 0, lo=0),
        "speed": r.number("speed", 1.0, lo=0.1, hi=16),
        "vol": r.number("vol", 1.0, lo=0, hi=4),
        "mute": r.boolean("mute", False),
        "fit": r.choice("fit", ("cover", "contain"), "cover"),
        "kenburns": _kenburns(r),
        "tr": _transition(r, base["d"]),
    }
    if src is None or not r.ok:
        return None
    return VisualSegment(**base, src=src, scene=scene, **fields)


def _scene(r: Reader, src: str) -> dict[str, Any] | None:
    """A designed scene's fields, checked; its art must be in the vendored sets."""
    scene = check_scene(r, src[len(SCHEME) :])
    if scene is None:
        return None
    for ref in art_refs(scene):
        if not art.exists(ref):
            r.fail("scene", f"draws {ref}, which is not in the art sets (see docs/art.md)")
    return scene if r.ok else None


def _kenburns(r: Reader) -> KenBurns | None:
    fx = r.mapping("fx")
    kb = fx.get("kenburns")
    if kb is None:
        return None
    ends: list[tuple[float, float, float]] = []
    for key in ("from", "to"):
        value = kb.get(key) if isinstance(kb, dict) else None
        if not (
            isinstance(value, list)
            and len(value) == 3
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and 1 <= value[0] <= 5
            and 0 <= value[1] <= 1
            and 0 <= value[2] <= 1
        ):
            r.fail(f"fx.kenburns.{key}", f"must be [zoom 1..5, centre x 0..1, centre y 0..1] (got {value!r})")
            return None
        ends.append((float(value[0]), float(value[1]), float(value[2])))
    return KenBurns(ends[0], ends[1])


def _transition(r: Reader, d: Any) -> Transition | None:
    tr = r.obj.get("tr")
    if tr is None:
        return None
    if not isinstance(tr, dict):
        r.fail("tr", f'must be an object like {{"type": "fade", "d": 500}} (got {tr!r})')
        return None
    kind = tr.get("type")
    if kind not in ("fade", "black"):
        r.fail("tr.type", f"must be fade or black (got {kind!r})")
    ms = r.nested(tr, "tr.").number("d", positive=True)
    if ms is not None and isinstance(d, int | float) and ms > d:
        r.fail("tr.d", f"({ms} ms) is longer than the segment ({d} ms)")
    if not r.ok or ms is None:
        return None
    return Transition(str(kind), round(ms))  # "fade" or "black": anything else failed `r` above


def _audio(r: Reader) -> AudioSegment | None:
    base = _timing(r)
    src = _source(r, ("media:", "gen:"))
    fields = {
        "in_ms": r.number("in", 0, lo=0),
        "speed": r.number("speed", 1.0, lo=0.25, hi=4),
        "vol": r.number("vol", 1.0, lo=0, hi=4),
        "fade_in": r.number("fade_in", 0, lo=0),
        "fade_out": r.number("fade_out", 0, lo=0),
        "loop": r.boolean("loop", False),
    }
    if src is None or not r.ok:
        return None
    return AudioSegment(**base, src=src, **fields)


def _text(r: Reader) -> TextSegment | None:
    base = _timing(r)
    text = r.obj.get("text")
    if not isinstance(text, str) or not text.strip():
        r.fail("text", "is missing" if text is None else f"must be non-empty words (got {text!r:.80})")
    elif len(text) > MAX_TEXT_CHARS:
        r.fail("text", f"is {len(text):,} characters long; at most {MAX_TEXT_CHARS:,} are shown on screen")
    style = _style(r.nested(r.mapping("style"), "style."))
    if style is None or not r.ok:
        return None
    return TextSegment(**base, text=str(text), style=style)


def _style(r: Reader) -> TextStyle | None:
    size = r.number("size", 0, lo=4, hi=1000)  # 0: 5 % of the canvas's shorter side
    color = r.color("color", "#FFFFFF", alpha=True)
    box = r.color("box", None, alpha=True)
    anim = r.choice("anim", ("none", "fade"), "none")
    font = r.choice("font", FONTS, "") if r.obj.get("font") is not None else ""
    pos: str | tuple[float, float] = "bottom"
    raw = r.obj.get("pos", "bottom")
    if (
        isinstance(raw, list)
        and len(raw) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in raw)
    ):
        pos = (float(raw[0]), float(raw[1]))
    elif raw in _POSITIONS:
        pos = raw
    else:
        r.fail(
            "pos", f"must be top, center, bottom, a corner (top-right …) or [x, y] within 0..1 (got {raw!r})"
        )
    if not r.ok:
        return None
    return TextStyle(float(size), color or "#FFFFFFFF", pos, box, anim, font)


def _check_overlaps(track: Track, problems: Problems) -> None:
    """Segments of one track may overlap only by the later one's transition (visual tracks)."""
    segs = track.segments
    longest = segs[0] if segs else None  # the earlier segment that lasts longest, kept as we go
    for i, b in enumerate(segs[1:], start=1):
        a = longest  # (taking the max of all earlier segments each time was quadratic)
        assert a is not None
        if b.end > a.end:
            longest = b
        overlap = a.end - b.st
        tr = getattr(b, "tr", None)
        path = _seg_path(b) + ".st"
        if overlap > 0 and (tr is None or a is not segs[i - 1]):
            problems.add(
                path,
                f'{b.where}: "st" ({b.st}) overlaps segment {a.id} by {overlap} ms '
                "(segments of one track overlap only by a transition's length)",
            )
        elif tr is not None and overlap > tr.ms:
            problems.add(
                path,
                f'{b.where}: "st" ({b.st}) overlaps segment {a.id} by {overlap} ms, '
                f"more than its transition ({tr.ms} ms)",
            )
        elif tr is not None and overlap >= 0 and tr.ms > a.d:
            problems.add(
                _seg_path(b) + ".tr.d",
                f'{b.where}: "tr.d" ({tr.ms} ms) is longer than the previous segment {a.id}',
            )
    _check_windows(segs, problems)


def _check_windows(segs: tuple[Segment, ...], problems: Problems) -> None:
    """A segment's transition in and the next one's transition out must not overlap in time."""
    windows: dict[str, tuple[float, float]] = {}
    for a, b in zip(segs, segs[1:], strict=False):
        tr = getattr(b, "tr", None)
        overlap = a.end - b.st
        if tr is not None and 0 <= overlap <= tr.ms:
            start = b.st - (tr.ms - overlap) / 2
            windows[b.id] = (start, start + tr.ms)
    for a, b in zip(segs, segs[1:], strict=False):
        if a.id in windows and b.id in windows and windows[a.id][1] > windows[b.id][0]:
            problems.add(
                _seg_path(b) + ".tr.d",
                f'{b.where}: "tr.d" the transitions into and out of segment {a.id} overlap; '
                f"shorten them or lengthen {a.id}",
            )
