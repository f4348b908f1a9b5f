"""Feeding the preview pane: after each timeline update (debounced), ask the backend for the draft's
preview, decode it in a thread and hand it to the pane. One async worker at a time (a newer edit
cancels the older request) and a generation number drop results that arrive stale; typing never waits.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from nemo_tui.core.errors import NemoError, PreviewSuperseded, PreviewUnavailable

from .preview_frames import decode

if TYPE_CHECKING:
    from .app import NemoApp

log = logging.getLogger(__name__)
WIDTH = 320  # pixels asked of the engine: more than a terminal pane shows (decoded at most 160 wide)
DEBOUNCE_S = 0.3  # a turn sends a few drafts in a burst; ask for the last one
RETRIES = 3  # asking again for one draft whose request was outrun at the engine


class PreviewFeed:
    def __init__(self, app: NemoApp) -> None:
        self.app = app
        self.generation = 0
        self.loaded = 0  # previews shown (for tests)
        self.last_hash: str | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._hinted = False
        self._retries = 0  # for the current draft

    def draft_changed(self) -> None:
        """Called on every timeline update: ask again once the burst is over."""
        self.generation += 1
        self._retries = 0
        draft = self.app.controller.draft
        if not draft or not any(t.get("sg") for t in draft.get("t") or [] if isinstance(t, dict)):
            self.app.workspace.preview.clear()
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(DEBOUNCE_S, self._start, self.generation)

    def _start(self, generation: int) -> None:
        self._timer = None
        if generation == self.generation and self.app.is_running:
            self.app.run_worker(
                self._load(generation), name="preview", group="preview", exclusive=True, exit_on_error=False
            )

    async def _load(self, generation: int) -> None:
        pane = self.app.workspace.preview
        if pane.frames is None:
            pane.show_note("Drawing the preview…")
        try:
            local = await self.app.controller.preview(WIDTH)
            frames = await asyncio.to_thread(decode, local.path, local.preview.hash)
        except PreviewSuperseded:
            # Another request of the session won at the engine: usually this app's newer one, but it
            # can be an older one this app cancelled whose request reached the engine last (the
            # engine cannot know it was cancelled). With no newer draft here, ask again (a few times:
            # another front end on the session asks too).
            if generation == self.generation and self._retries < RETRIES:
                self._retries += 1
                self._timer = asyncio.get_running_loop().call_later(DEBOUNCE_S, self._start, generation)
            return
        except PreviewUnavailable:
            pane.show_note("No preview on this backend.")
            return
        except (NemoError, OSError, ValueError) as exc:  # never a notification: the chat goes on
            log.info("preview failed: %s", exc)
            pane.show_note(f"No preview: {getattr(exc, 'message', exc)}")
            return
        if generation != self.generation:
            return  # the draft changed while this one was drawn: its own request follows
        pane.show(frames, list(local.preview.scenes), self.app.controller.draft)
        self.last_hash = local.preview.hash
        self.loaded += 1
        if not pane.display and not self._hinted:
            self._hinted = True
            self.app.notify("^o shows the video (←/→ scrub, space plays).", title="Preview", timeout=8)
