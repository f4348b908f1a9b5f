"""`EditorTimeline`: an editor's timeline and its player, one anywidget (`editor.js`, `editor.css`).

Tracks are coloured bars on a time ruler (video clips with their title and thumbnail, titles and
captions with their words, voice, music); a playhead follows the `<video>` above it; a click or a
drag on the ruler or the lanes seeks; the bars the last edit changed are marked. A filmstrip shows
the scenes' thumbnails. The player plays the latest preview or export through the Jupyter server's
`/files/` route (see `served.py`): the widget state holds a path, never the video's bytes, and the
thumbnails are small JPEGs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from nemo_tui.draft.views import TimelineView

from .editor_model import bars
from .served import files_path

_HERE = Path(__file__).parent


class EditorTimeline(anywidget.AnyWidget):
    _esm = _HERE / "editor.js"
    _css = _HERE / "editor.css"
    timeline = traitlets.Dict().tag(sync=True)  # editor_model.bars()
    thumbs = traitlets.Dict().tag(sync=True)  # segment id → base64 JPEG
    # {"kind": "preview" | "export", "label", "path": under the server's /files/ (None: not served),
    #  "file": where it is on the kernel's machine, "version": changes when the file does}
    sources: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    active = traitlets.Unicode("").tag(sync=True)  # the kind the player shows
    position = traitlets.Float(0.0).tag(sync=True)  # seconds: where the browser left the playhead
    note = traitlets.Unicode("").tag(sync=True)  # why nothing plays, when nothing can

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(timeline=bars(TimelineView()), **kwargs)
        self.add_class("nemo-editor-widget")

    def show_timeline(self, view: TimelineView, changed: Iterable[str] = ()) -> None:
        self.timeline = bars(view, changed)

    def show_thumbs(self, thumbs: Mapping[str, str]) -> None:
        self.thumbs = dict(thumbs)

    def show_file(
        self, kind: str, path: Path, label: str, servers: list[dict[str, Any]] | None = None
    ) -> None:
        """Play `path` (the latest of its kind) by the URL the browser can reach; it becomes the one shown."""
        try:
            version = str(path.stat().st_mtime_ns)
        except OSError:
            version = ""
        source = {
            "kind": kind,
            "label": label,
            "path": files_path(path, servers),
            "file": str(path),
            "version": version,
        }
        self.sources = [s for s in self.sources if s.get("kind") != kind] + [source]
        self.active = kind

    def source(self, kind: str | None = None) -> dict[str, Any] | None:
        kind = kind or self.active
        return next((s for s in self.sources if s.get("kind") == kind), None)
