"""`Workspace()`: the chat-to-video workspace in a notebook, a thin projection of a SessionController.

    from nemo_widgets import Workspace
    ws = Workspace()            # the local engine; Workspace(api_url="https://…") for a remote backend
    ws                          # shows chat, event log, timeline, credits, upload and export
    await ws.send("generate a 30-second promo video from this script: …")
    ws.summary, ws.timeline, ws.credits, ws.transcript
    path = await ws.export("promo.mp4")

The widget holds no protocol logic: it calls controller methods and draws the updates it is sent.
Buttons return at once and run their work as tasks on the kernel's loop (see `loop.py`); the awaitable
methods are for scripts, and a cell that awaits one keeps the final state in a saved notebook.
"""

from __future__ import annotations

import functools
import logging
import shutil
import tempfile
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, Self

import ipywidgets as w

from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import NemoError
from nemo_tui.core.intents import split_paths
from nemo_tui.core.notices import notice_for
from nemo_tui.core.updates import ErrorShown, Update, reduce

from .chat_input import ChatInput
from .controllers import shared_for, shared_of
from .editor import EditorTimeline
from .loop import KernelLoop
from .previews import PreviewFeed
from .view import WorkspaceView

log = logging.getLogger(__name__)


class Workspace:
    """`Workspace(api_url=None)`: the workspace of this kernel for that backend (default: NEMO_API_URL,
    else the local engine). Calling it again, e.g. by re-running a cell, returns the same workspace,
    shown once more: a second copy would draw every update twice and send each exported video twice.
    `Workspace(controller=ctl)` makes a separate view of a controller that you close yourself."""

    def __new__(
        cls, api_url: str | None = None, *, controller: SessionController | None = None, **_: Any
    ) -> Self:
        if controller is None:
            shared = shared_for(api_url)
            if isinstance(shared.workspace, cls):
                return shared.workspace
        return super().__new__(cls)

    def __init__(
        self,
        api_url: str | None = None,
        *,
        controller: SessionController | None = None,
        log_cap: int = 300,
    ) -> None:
        if getattr(self, "_shared", None) is not None:
            return  # the kernel's existing workspace, handed back by __new__
        self._kernel = KernelLoop()
        self._owns = controller is None  # close() stops only a controller this workspace made
        self._shared = shared_for(api_url) if controller is None else shared_of(controller)
        if self._owns:
            self._shared.workspace = self
        self.controller = self._shared.controller
        self._state = self.controller.workspace  # reduce() of every update seen, like the controller's
        self.last_traceback: str | None = None  # of the last unexpected failure, for a bug report

        self._view = WorkspaceView(log_cap)
        self.view = self._view.root
        self.status_bar = self._view.status_bar
        self.chat_pane = self._view.chat_pane
        self.timeline_pane = self._view.timeline_pane
        self.log_pane = self._view.log_pane
        self.media_pane = self._view.media_pane
        self.editor = self._view.editor

        self.chat_pane.input.on_submit(self._guarded(self._send_typed))
        self.media_pane.upload_button.on_click(self._guarded(self._on_upload_path))
        self.media_pane.export_button.on_click(self._guarded(self._on_export))
        self.media_pane.file_upload.observe(self._guarded(self._on_files), names="value")

        self.previews = PreviewFeed(self.controller, self.editor, self._spawn_quietly)
        self._view.replay(self._state)
        self.previews.refresh()  # a controller already in use: its draft's preview
        self._unsubscribe = self.controller.subscribe(self._kernel.threadsafe(self._on_update))

    # -- display -------------------------------------------------------------------------------
    def _ipython_display_(self) -> None:
        """In a notebook: the live widget, and after it a snapshot for when the kernel is gone."""
        self._view.display()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        return self._view.widget_bundle(**kwargs)

    def __repr__(self) -> str:
        status = self._state.status
        return f"<nemo Workspace {status.backend or 'not connected'} session={status.session_id}>"

    # -- scripting API -------------------------------------------------------------------------
    async def connect(self) -> None:
        """Start (or reach) the backend and open the last session, or a new one. Raises NemoError."""
        try:
            await self._shared.connect()
        finally:
            self.flush()

    async def reconnect(self) -> None:
        """Start the backend again (the local engine restarts) and reopen the same session."""
        try:
            await self._shared.connect(again=True)
        finally:
            self.flush()

    async def send(self, text: str) -> None:
        """What a person would type: a chat turn, or "export", "credits", "status", "upload PATH".
        Errors show in the widget (and in `ws.errors`); they are not raised."""
        await self.connect()
        try:
            await self.controller.send(text)
        finally:
            self.flush()

    async def upload(self, *paths: str | Path) -> list[dict[str, Any]]:
        """Upload local files into the session; returns what the backend stored. Raises NemoError."""
        await self.connect()
        try:
            return await self.controller.upload([Path(p).expanduser() for p in paths])
        except NemoError as exc:
            self._report(exc)
            raise
        finally:
            self.flush()

    async def export(self, path: str | Path | None = None) -> Path:
        """Render and download the MP4 (to `path`, else a new name in the current folder); plays inline."""
        await self.connect()
        errors_before = len(self.errors)
        try:
            result = await self.controller.export(_absolute(path))
        except NemoError as exc:
            self._report(exc)
            raise
        finally:
            self.flush()
        if result is None:
            reason = self.errors[-1] if len(self.errors) > errors_before else "the export did not start"
            raise RuntimeError(f"Nothing was exported: {reason}")
        return Path(result)

    async def close(self) -> None:
        """Cancel the work the buttons started, stop the controller (and the local engine) unless it
        was handed in, and stop listening. The controls are disabled and the view says it is closed;
        the next `Workspace()` starts afresh."""
        await self._kernel.cancel()  # a turn or export started by a button
        if self._owns:
            await self._shared.close()  # its last update (offline) still reaches this view
        self._unsubscribe()
        self._view.close()

    @property
    def closed(self) -> bool:
        return self._view.closed

    @property
    def transcript(self) -> list[tuple[str, str]]:
        return [(m.role, m.text) for m in self._state.transcript]

    @property
    def summary(self) -> str:
        return self._state.summary

    @property
    def timeline(self) -> list[dict[str, Any]]:
        """Tracks → segments as plain values."""
        return self._state.timeline.as_plain()

    @property
    def credits(self) -> dict[str, Any]:
        c = self._state.credits
        if c is None:
            return {}
        return {"available": c.available, "frozen": c.frozen, "total": c.total, "low": c.low}

    @property
    def errors(self) -> list[str]:
        """Every error notice shown in this widget, oldest first."""
        return [text for role, text in self.chat_pane.entries if role == "error"]

    @property
    def last_export(self) -> Path | None:
        return Path(self._state.last_export.path) if self._state.last_export else None

    @property
    def video(self) -> EditorTimeline:
        """The player (the latest preview and export) with the editor's timeline; display it again in
        any cell."""
        return self._view.editor

    @property
    def busy(self) -> bool:
        return self.controller.busy or self.controller.exporting

    def flush(self) -> None:
        """Draw anything still waiting for its redraw timer."""
        self._view.flush()

    async def wait(self) -> None:
        """Wait for the work started by the widget's buttons."""
        await self._kernel.drain()
        self.flush()

    def _on_update(self, update: Update) -> None:
        self._state = reduce(self._state, update)
        self._view.apply(update, self._state)
        if not self.closed:
            self.previews.on_update(update)

    # -- buttons -------------------------------------------------------------------------------
    def _guarded(self, handler: Callable[..., None]) -> Callable[..., None]:
        """A widget callback that runs on the kernel's loop (a click may arrive on a subshell's
        thread) and whose failure is told in the widget instead of the kernel's log."""

        def on_loop(*args: Any) -> None:
            try:
                handler(*args)
            except Exception as exc:
                self._report(exc)

        @functools.wraps(handler)
        def run(*args: Any) -> None:
            self._kernel.call(on_loop, *args)

        return run

    def _report(self, exc: BaseException) -> None:
        """A failure in plain words in the chat. An unexpected one keeps its traceback in
        `ws.last_traceback` (for a bug report) rather than under the widget."""
        if isinstance(exc, NemoError):
            self.chat_pane.add_error(notice_for(exc))
            return
        self.last_traceback = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.debug("workspace callback failed", exc_info=exc)  # not the kernel's log: it prints under cells
        self.chat_pane.add_error(
            ErrorShown(
                f"Something went wrong in the workspace ({type(exc).__name__}: {exc}).",
                "Try again; if it keeps happening, `print(ws.last_traceback)` in a cell shows the details "
                "for a bug report.",
                type(exc).__name__,
            )
        )

    def _spawn(self, coro: Coroutine[Any, Any, Any], button: w.Button | ChatInput | None = None) -> bool:
        """Run the work of a click on the kernel's loop; the button (the Send button: the box's
        `busy`) is disabled until it ends. False when it could not start (no loop: said why)."""
        flag = "busy" if isinstance(button, ChatInput) else "disabled"
        if button is not None:
            setattr(button, flag, True)

        def done() -> None:
            if button is not None and not self.closed:
                setattr(button, flag, False)
            self.flush()

        started = self._kernel.spawn(coro, on_error=self._report, on_done=done) is not None
        if not started:
            done()
        return started

    def _spawn_quietly(self, coro: Coroutine[Any, Any, Any]) -> object:
        """Background work whose failure is not the person's business (a preview): logged only."""
        return self._kernel.spawn(
            coro, on_error=lambda exc: log.debug("background work failed", exc_info=exc)
        )

    async def _quietly(self, work: Callable[[], Awaitable[Any]]) -> bool:
        """Connect, then `work()`; a NemoError becomes a notice (connect already emitted its own).
        False when it failed: an error was shown for it."""
        errors_before = len(self.errors)
        try:
            await self._shared.connect()
        except NemoError:
            return False
        except RuntimeError as exc:  # closed meanwhile
            self._report(exc)
            return False
        try:
            await work()
        except NemoError as exc:
            self._report(exc)
            return False
        return len(self.errors) == errors_before  # the controller shows its errors as notices

    def _send_typed(self, typed: str) -> None:
        """Send what was in the box (Enter or Send). The box is cleared meanwhile; if the send fails,
        the text comes back (unless something new was typed) to be sent again once the notice is
        dealt with. A message while one is being sent, or after close, stays in the box."""
        box = self.chat_pane.input
        text = typed.strip()
        if not text:
            return
        if self.closed or box.busy:
            box.value = box.value or typed
            return
        box.value = ""

        async def send() -> None:
            sent = False
            try:
                sent = await self._quietly(lambda: self.controller.send(text))
            finally:
                if not sent and not box.value:
                    box.value = typed

        if not self._spawn(send(), box):
            box.value = typed

    def _on_upload_path(self, _button: w.Button) -> None:
        raw = self.media_pane.upload_path.value.strip()
        if not raw or self.closed:
            return
        self.media_pane.upload_path.value = ""
        paths = split_paths(raw)  # as after "upload" in the chat: shell quoting, `~` expanded
        self._spawn(self._quietly(lambda: self.controller.upload(paths)), self.media_pane.upload_button)

    def _on_files(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files or self.closed:
            return
        folder = Path(tempfile.mkdtemp(prefix="nemo-upload-"))
        paths = []
        for i, f in enumerate(files):
            name = Path(str(f["name"])).name or f"upload-{i}"
            target = folder / name if not (folder / name).exists() else folder / f"{i}-{name}"
            target.write_bytes(bytes(f["content"]))
            paths.append(target)
        # Clear the picker: its bytes would otherwise be kept in the widget state (and the notebook).
        self.media_pane.file_upload.value = ()

        async def upload_then_clean() -> None:
            try:
                await self._quietly(lambda: self.controller.upload(paths))
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        self._spawn(upload_then_clean())

    def _on_export(self, _button: w.Button) -> None:
        if self.closed:
            return
        dest = _absolute(self.media_pane.export_path.value.strip())
        self._spawn(self._quietly(lambda: self.controller.export(dest)), self.media_pane.export_button)


def _absolute(path: str | Path | None) -> Path | None:
    """A destination relative to the kernel's folder (the notebook's), made absolute up front."""
    return Path(path).expanduser().absolute() if path else None
