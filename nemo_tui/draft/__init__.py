"""The draft (docs/draft.md) and the constants of the wire, once for client and engine.

It imports neither `nemo_tui.core` nor `nemo_tui.engine` (both use it; tests/core/test_import_hygiene.py):

- `model`: `Draft`, `Track`, `Segment`, typed, unknown keys kept on a round trip, with the operations
  every user needs (tracks by type, clips as people count them, ends, overlaps, the summary line);
- `check`: `check_draft` (the structure, with key paths: `DraftError.path` is e.g. `t[2].sg[0].st`),
  and the `Reader` the renderer checks every other key with;
- `views`: the timeline as front ends show it (`build`, `summary`, `changes`);
- `reads`: the reads of a plain draft its editors make (`start_of`, `end_of`, `tracks_of`, `scenes`,
  `clip_rows`, `overlapping`…);
- `scenes`: designed scenes (`src: "scene:<template>"`): the templates, their fields, `check_scene`;
- `wire`: track types, accepted upload types and their magic bytes (`sniff`), limits, error codes.
"""

from __future__ import annotations

from .check import DraftError, check_draft
from .model import Draft, Overlap, Segment, Track
from .wire import AUDIO, TEXT, VIDEO

__all__ = ["AUDIO", "TEXT", "VIDEO", "Draft", "DraftError", "Overlap", "Segment", "Track", "check_draft"]
