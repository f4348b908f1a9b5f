"""Reading a plain draft (docs/draft.md) as its editors do: a segment's start, end, speed, transition;
tracks by type and role; the clips as people count them; what plays when.

The drafts the engine's agent keeps have every key these read (they are checked at every commit);
the defaults serve a draft being built. `views.py` shows drafts; this module reads them for editing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from .wire import VIDEO

Json = dict[str, Any]


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
