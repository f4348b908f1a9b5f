"""`EditorTimeline`: an editor's timeline and its player, one anywidget (`editor.js`, `editor.css`).

Tracks are coloured bars on a time ruler (video clips with their title and thumbnail, titles and
captions with their words, voice, music); a playhead follows the `<video>` above it; a click or a
drag on the ruler or the lanes seeks; the bars the last edit changed are marked. A filmstrip shows
the scenes' thumbnails. The player plays the latest preview or export through the Jupyter server's
`/files/` route (see `served.py`) when there is one; where there is none (Voilà, VS Code, a file
outside the server's root or in a hidden folder), or the browser cannot load it, the browser asks
the kernel for the file over the widget's comm and plays the bytes it is sent from a `blob:` URL.
Those custom messages are never saved in the notebook: the widget state holds a path, never the
video's bytes, and the thumbnails are small JPEGs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import anywidget
import traitlets

from nemo_tui.draft.views import TimelineView

from .editor_model import bars
from .served import files_path

_HERE = Path(__file__).parent

#: What the browser may ask for (`{"type": "video?", "request", "kind", "version"}`) and nothing else:
#: the kernel looks the file up by its kind, never by a path the browser names.
REQUEST_KEYS: Final = frozenset({"type", "request", "kind", "version"})
CHUNK: Final = 4 * 1024 * 1024  # bytes per message: a few MB each keeps every message small
MAX_BYTES: Final = 200 * 1024 * 1024  # a bigger file is not sent: the browser would hold it all in memory


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
        self.chunk = CHUNK
        self.max_bytes = MAX_BYTES
        self.on_msg(self._on_custom)

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

    def _on_custom(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "video?":
            self.send_video(content)

    def send_video(self, request: Mapping[str, Any]) -> None:
        """Answer the browser's request for the bytes of the current preview or export: the file in
        `chunk`-sized binary buffers, one custom message each (`{"type": "video", "request", "kind",
        "version", "index", "count", "size"}`), or one `{"type": "video-refused", …, "reason"}`.
        Custom messages are not part of the widget state, so nothing of the video is saved in the
        notebook."""
        reply = {
            "request": str(request.get("request", "")),
            "kind": str(request.get("kind", "")),
            "version": str(request.get("version", "")),
        }
        found, reason = self._requested_file(request)
        data = b""
        if found is not None:
            try:
                data = found.read_bytes()
            except OSError as exc:
                reason = f"The video could not be read ({exc.strerror or exc})."
            else:
                if len(data) > self.max_bytes:  # it grew after the check
                    reason = _too_big(found, len(data), self.max_bytes)
        if reason:
            self.send({"type": "video-refused", **reply, "reason": reason})
            return
        count = max(1, -(-len(data) // self.chunk))
        view = memoryview(data)
        for index in range(count):
            piece = view[index * self.chunk : (index + 1) * self.chunk]
            self.send(
                {"type": "video", **reply, "index": index, "count": count, "size": len(data)},
                buffers=[piece],
            )

    def _requested_file(self, request: Mapping[str, Any]) -> tuple[Path | None, str]:
        """The file of the current source the request names by kind and version, or why not."""
        if set(request) - REQUEST_KEYS:
            return None, "The kernel sends only its own preview or export, named by kind."
        source = self.source(str(request.get("kind", ""))) if request.get("kind") else None
        if source is None:
            return None, "The kernel has no such video to send."
        if request.get("version") != source.get("version"):
            return None, "A newer video has replaced this one."
        path = Path(source["file"])
        try:
            stat = path.stat()
        except OSError:
            return None, f"The video is no longer at {path}."
        if str(stat.st_mtime_ns) != source.get("version"):
            return None, "The video changed on disk since it was shown."
        if stat.st_size > self.max_bytes:
            return None, _too_big(path, stat.st_size, self.max_bytes)
        return path, ""


def _too_big(path: Path, size: int, cap: int) -> str:
    return (
        f"The video is {_mb(size)}, more than the {_mb(cap)} the player takes from the kernel; "
        f"it is saved at {path}."
    )


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 10e6 else f"{size / 1e6:.1f} MB"
