"""The editor timeline's data: a `TimelineView` as the JSON the browser draws (tracks → bars).

Pure functions, no widgets: times in seconds, one colour role per track kind, the words a bar shows
(a caption's or title's text, a designed scene's headline and items), and which bars the last edit
changed. Thumbnails travel separately (`EditorTimeline.thumbs`), keyed by segment id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nemo_tui.draft.scenes import words_of as scene_words
from nemo_tui.draft.views import SegmentView, TimelineView

#: Track kind → the colour role the stylesheet knows (`nemo-bar-<role>`).
ROLES = {
    "Video": "video",
    "Title": "title",
    "Captions": "caption",
    "Text": "text",
    "Voice": "voice",
    "BGM": "music",
    "Audio": "audio",
}


def words_of(seg: SegmentView) -> str:
    """What a bar reads: a text segment's words, else a designed scene's ("" for a plain clip)."""
    scene = seg.details.get("scene")
    words = seg.text or (scene_words(scene) if isinstance(scene, dict) else "")
    return " ".join(words.split())


def bars(view: TimelineView, changed: Iterable[str] = ()) -> dict[str, Any]:
    """`{"duration_s", "tracks": [{"id", "kind", "role", "name", "segments": [bar, …]}]}` where a bar is
    `{"id", "start_s", "end_s", "label", "words", "changed"}`."""
    marked = set(changed)
    return {
        "duration_s": view.duration_ms / 1000,
        "tracks": [
            {
                "id": track.id,
                "kind": track.kind,
                "role": ROLES.get(track.kind, "other"),
                "name": track.name,
                "segments": [
                    {
                        "id": seg.id,
                        "start_s": seg.start_ms / 1000,
                        "end_s": seg.end_ms / 1000,
                        "label": seg.name,
                        "words": words_of(seg),
                        "changed": seg.id in marked,
                    }
                    for seg in track.segments
                ],
            }
            for track in view.tracks
        ],
    }
