"""The draft's typed model, kept in `nemo_tui.draft` (shared with the engine); core's name for it."""

from __future__ import annotations

from nemo_tui.draft.model import AUDIO, TEXT, VIDEO, Draft, Number, Segment, Track

__all__ = ["AUDIO", "TEXT", "VIDEO", "Draft", "Number", "Segment", "Track"]
