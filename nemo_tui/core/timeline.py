"""The timeline as front ends show it, kept in `nemo_tui.draft.views` (shared with the engine)."""

from __future__ import annotations

from nemo_tui.draft.views import (
    SegmentView,
    TimelineView,
    TrackView,
    build,
    changed_ids,
    changes,
    seconds,
    summary,
)
from nemo_tui.draft.wire import AUDIO, TEXT, VIDEO

__all__ = [
    "AUDIO",
    "TEXT",
    "VIDEO",
    "SegmentView",
    "TimelineView",
    "TrackView",
    "build",
    "changed_ids",
    "changes",
    "seconds",
    "summary",
]
