"""Choosing another music mood ("something more upbeat", "calmer", "different music") and putting it
in place of the current music without touching its volume, fades or ranges."""

from __future__ import annotations

from typing import Any

from nemo_tui.draft.reads import in_playing_order, segments_of, start_of

# The generated moods from calmest to liveliest (by tempo and drums: 64, 78, 84 and 116 bpm).
ORDER = ("calm", "lofi", "cinematic", "upbeat")


def current(track: dict[str, Any]) -> str | None:
    """The generated mood the music plays, or None for an uploaded song."""
    src = str((segments_of(track) or [{}])[0].get("src", ""))
    name = src.removeprefix("gen:music:") if src.startswith("gen:music:") else None
    return "cinematic" if name == "epic" else name


def pick(now: str | None, mood: str | None, direction: str) -> str | None:
    """The mood to change to; never the one playing (None when there is no other that fits).
    "More upbeat" is the upbeat loop and "calmer" the calm one, from anywhere below or above them
    (people asking for livelier music mean the lively one, not the next step of the scale)."""
    if mood:
        mood = "cinematic" if mood == "epic" else mood
        return mood if mood in ORDER and mood != now else None
    if direction in ("up", "down"):
        target = ORDER[-1] if direction == "up" else ORDER[0]
        return target if target != now else None
    return ORDER[(ORDER.index(now) + 1) % len(ORDER)] if now in ORDER else "lofi"


def why_not(now: str | None, mood: str | None, direction: str) -> str:
    if mood and mood == now:
        return f"The music is already {mood}."
    if mood:
        return f"There is no {mood!r} music."
    return f"The music is already the {'liveliest' if direction == 'up' else 'calmest'} mood ({now})."


def swap(track: dict[str, Any], src: str, label: str) -> None:
    """The new source in every piece; in-points follow the timeline so a range keeps its place in the
    (looping) music instead of restarting it."""
    segs = in_playing_order(segments_of(track))
    first = start_of(segs[0])
    for seg in segs:
        seg["src"] = src
        seg["in"] = start_of(seg) - first
        seg["loop"] = True
        seg["m"] = {**(seg.get("m") or {}), "name": label}
