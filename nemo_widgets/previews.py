"""The engine's look-ahead preview in the notebook: the latest draft's small MP4 and its scenes' thumbnails.

After the draft changes, once the controller is idle again (a turn sends several drafts; the engine
renders one at a time and drops superseded ones anyway), a background task on the kernel's loop asks
the engine for the preview and the thumbnails. A result for a draft that is no longer the latest is
dropped. The MP4 is saved under `nemo-previews/` in the kernel's folder, which the Jupyter server
usually serves (`served.py`) and the player plays by URL; where nothing serves it, the browser asks
the kernel for its bytes (`EditorTimeline.send_video`). Only the newest few files are kept. A backend
without previews (the cloud) is asked once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import NemoError, PreviewSuperseded, PreviewUnavailable
from nemo_tui.core.updates import TimelineUpdated, Update

from .editor import EditorTimeline

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 480
THUMB_WIDTH = 160
KEEP = 3  # preview files kept in the folder
RETRIES = 3  # asking again for one draft whose request was outrun at the engine


def draft_key(draft: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(draft, sort_keys=True, default=str).encode()).hexdigest()


class PreviewFeed:
    def __init__(
        self,
        controller: SessionController,
        editor: EditorTimeline,
        spawn: Callable[[Any], object],
        folder: Path | None = None,
        delay: float = 0.3,
    ) -> None:
        self.controller = controller
        self.editor = editor
        self._spawn = spawn  # runs a coroutine as a task on the kernel's loop
        self.folder = folder or Path.cwd() / "nemo-previews"
        self.delay = delay
        self.unavailable = False
        self.shown: str | None = None  # the key of the draft whose preview is shown
        self._wanted: str | None = None
        self._task: asyncio.Task[Any] | None = None
        self._retries = 0  # asking again for the wanted draft after the engine said it was outrun

    def on_update(self, update: Update) -> None:
        """Called on the kernel's loop with every controller update."""
        if isinstance(update, TimelineUpdated):
            self.refresh()

    def refresh(self) -> None:
        draft = self.controller.draft
        if self.unavailable or not draft:
            return
        key = draft_key(draft)
        if key in (self.shown, self._wanted):
            return
        if self._task is not None and not self._task.done():
            self._task.cancel()  # an older draft's request: its result would be dropped anyway
        self._wanted, self._retries = key, 0
        task = self._spawn(self._fetch(key))
        self._task = task if isinstance(task, asyncio.Task) else None

    async def _fetch(self, key: str) -> None:
        await asyncio.sleep(self.delay)
        while self.controller.busy or self.controller.exporting:  # a turn sends several drafts: the last
            await asyncio.sleep(0.2)
        client, session_id = self.controller.client, self.controller.session_id
        if client is None or session_id is None:
            return
        try:
            preview = await client.preview(session_id, PREVIEW_WIDTH)
            thumbs = await client.preview_thumbs(session_id, THUMB_WIDTH)
            await asyncio.to_thread(_ignored_by_git, self.folder)
            path = await client.download_preview(preview, self.folder / f"preview-{preview.hash[:16]}.mp4")
        except PreviewUnavailable:
            self.unavailable = True
            return
        except PreviewSuperseded:
            # Another request of the session won at the engine: it can be one cancelled here whose
            # request reached the engine last. Still the draft wanted: ask again (a few times, since
            # another front end on the session asks too).
            if self._wanted == key and self._retries < RETRIES:
                self._retries += 1
                task = self._spawn(self._fetch(key))
                self._task = task if isinstance(task, asyncio.Task) else None
            elif self._wanted == key:
                self._wanted = None
            return
        except (NemoError, OSError) as exc:  # a nicety: the chat is not told, the next change tries again
            log.debug("no preview: %s", exc)  # PreviewSuperseded too: a newer request won
            if self._wanted == key:
                self._wanted = None
            return
        if key != self._wanted:
            return  # a newer draft was asked for meanwhile
        self.shown, self._wanted = key, None
        if thumbs.hash == preview.hash:
            self.editor.show_thumbs({t.id: t.jpeg for t in thumbs.thumbs})
        self.editor.show_file("preview", path, "Preview")
        self._prune(path)

    def _prune(self, newest: Path) -> None:
        files = sorted(self.folder.glob("preview-*.mp4"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [f for f in files if f != newest][KEEP - 1 :]:
            old.unlink(missing_ok=True)


def _ignored_by_git(folder: Path) -> None:
    """The previews are a cache: a `.gitignore` keeps them out of the notebook's repository."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", "utf-8")
