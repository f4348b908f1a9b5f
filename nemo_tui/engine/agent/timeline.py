"""The one-line timeline summary every turn ends with, computed from a draft (DRAFT.md).

`Timeline (3 tracks): 1. Video: 6 scenes (0-30s) 2. BGM: Lo-fi (0-30s, 35%) 3. Title: "Urban Dreams" (0-3s)`
"""

from __future__ import annotations

from typing import Any


def summary_line(draft: dict[str, Any] | None) -> str:
    tracks = [t for t in (draft or {}).get("t", []) if t.get("sg")]
    if not tracks:
        return "Timeline (0 tracks): empty"
    parts = [f"{i}. {_describe(track)}" for i, track in enumerate(tracks, 1)]
    noun = "track" if len(tracks) == 1 else "tracks"
    return f"Timeline ({len(tracks)} {noun}): " + " ".join(parts)


def fmt_seconds(ms: float) -> str:
    seconds = round(ms / 1000, 1)
    return str(int(seconds)) if seconds == int(seconds) else f"{seconds:g}"


def _span(track: dict[str, Any]) -> tuple[int, int]:
    segs = track["sg"]
    return min(s.get("st", 0) for s in segs), max(s.get("st", 0) + s.get("d", 0) for s in segs)


def _describe(track: dict[str, Any]) -> str:
    start, end = _span(track)
    rng = f"{fmt_seconds(start)}-{fmt_seconds(end)}s"
    meta = track.get("m") or {}
    role = meta.get("role")
    first = track["sg"][0]
    kind = track.get("tt")
    if kind == 0:
        name = meta.get("name") or (first.get("m") or {}).get("name") or "clip"
        return f"Video: {name} ({rng})"
    if kind == 1:
        label = {"bgm": "BGM", "voice": "Voice"}.get(role, "Audio")
        name = (first.get("m") or {}).get("name") or meta.get("name") or "audio"
        volume = round(float(first.get("vol", 1.0)) * 100)
        return f"{label}: {name} ({rng}, {volume}%)"
    if kind == 7:
        if role == "captions":
            count = len(track["sg"])
            return f"Captions: {count} line{'s' if count != 1 else ''} ({rng})"
        label = "Title" if role == "title" else "Text"
        texts = [s.get("text", "") for s in track["sg"]]
        shown = ", ".join(f'"{t}"' for t in texts[:2]) + (", …" if len(texts) > 2 else "")
        return f"{label}: {shown} ({rng})"
    return f"{meta.get('name') or 'Track'} ({rng})"
