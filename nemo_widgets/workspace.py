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
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import ipywidgets as w

from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import NemoError
from nemo_tui.core.intents import split_paths
from nemo_tui.core.notices import notice_for
from nemo_tui.core.updates import (
    CreditsUpdated,
    ErrorShown,
    ExportFinished,
    MessageAdded,
    PartialText,
    Progress,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
    ToolActivity,
    Update,
    reduce,
)

from .controllers import shared_for, shared_of
from .loop import KernelLoop
from .panes import ChatPane, ErrorPane, EventLogPane, MediaPane, StatusBar, TimelinePane

log = logging.getLogger(__name__)


class Workspace:
    """`Workspace(api_url=None)`: the workspace of this kernel for that backend (default: NEMO_API_URL,
    else the local engine). Calling it again, e.g. by re-running a cell, returns the same workspace,
    shown once more: a second copy would draw every update twice and send each exported video twice.
    `Workspace(controller=ctl)` makes a separate view of a controller that you close yourself."""

    def __new__(cls, api_url: str | None = None, *, controller: SessionController | None = None, **_: Any):
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
        self._shared = shared_for(api_url) if self._owns else shared_of(controller)
        if self._owns:
            self._shared.workspace = self
        self.controller = self._shared.controller
        self._state = self.controller.workspace  # reduce() of every update seen, like the controller's
        self._tool: str | None = None

        self.status_bar = StatusBar()
        self.chat_pane = ChatPane()
        self.timeline_pane = TimelinePane()
        self.log_pane = EventLogPane(log_cap)
        self.media_pane = MediaPane()
        self.error_pane = ErrorPane()
        self.chat_pane.layout = w.Layout(flex="3 1 0%", min_width="320px", margin="0 8px 0 0")
        side = w.VBox([self.timeline_pane, self.log_pane], layout=w.Layout(flex="2 1 0%", min_width="280px"))
        self.view = w.VBox(
            [
                self.status_bar,
                w.HBox([self.chat_pane, side], layout=w.Layout(flex_flow="row wrap")),
                self.media_pane,
                self.error_pane,
            ],
            layout=w.Layout(border="1px solid #ddd", padding="6px"),
        )

        self.chat_pane.send_button.on_click(self._guarded(self._on_send))
        self.media_pane.upload_button.on_click(self._guarded(self._on_upload_path))
        self.media_pane.export_button.on_click(self._guarded(self._on_export))
        self.media_pane.file_upload.observe(self._guarded(self._on_files), names="value")

        self._replay()
        self._unsubscribe = self.controller.subscribe(self._kernel.threadsafe(self._on_update))

    # -- display -------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = self.view._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/plain": repr(self)}

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
        was handed in, and stop listening. The next `Workspace()` starts afresh."""
        await self._kernel.cancel()  # a turn or export started by a button
        if self._owns:
            await self._shared.close()  # its last update (offline) still reaches this view
        self._unsubscribe()
        self.flush()

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
    def video(self) -> w.Video | None:
        """The player of the last export (display it again in any cell)."""
        children = self.media_pane.player.children
        return children[0] if children else None

    @property
    def busy(self) -> bool:
        return self.controller.busy or self.controller.exporting

    def flush(self) -> None:
        """Draw anything still waiting for its redraw timer."""
        self.chat_pane.flush()
        self.log_pane.flush()

    async def wait(self) -> None:
        """Wait for the work started by the widget's buttons."""
        await self._kernel.drain()
        self.flush()

    # -- updates → panes -----------------------------------------------------------------------
    def _replay(self) -> None:
        """Draw what the (maybe shared, already used) controller has so far."""
        ws = self._state
        for m in ws.transcript:
            self.chat_pane.add(m.role, m.text)
        self.chat_pane.set_partial(ws.partial)
        self.timeline_pane.show(ws.timeline, ws.summary, frozenset())
        if ws.credits:
            self.status_bar.show_credits(ws.credits)
        self.status_bar.show_status(ws.status)
        if ws.last_export and Path(ws.last_export.path).exists():
            self.media_pane.show_video(Path(ws.last_export.path))
        self.flush()

    def _on_update(self, update: Update) -> None:
        self._state = reduce(self._state, update)
        match update:
            case MessageAdded(role=role, text=text):
                self.chat_pane.add(role, text)
                if role == "user":
                    self.log_pane.separator(text)
                    self.timeline_pane.new_turn()
            case PartialText():
                self.chat_pane.set_partial(self._state.partial)
            case StreamLogged():
                self.log_pane.add(update)
            case ToolActivity(name=name, phase=phase):
                self._tool = name if phase == "call" else None
                self.status_bar.show_status(self._state.status, self._tool)
            case TimelineUpdated(timeline=view, summary=summary, changed=changed):
                self.timeline_pane.show(view, summary, changed)
            case CreditsUpdated():
                self.status_bar.show_credits(update)
            case Progress():
                self.media_pane.show_progress(update)
            case ExportFinished(path=path):
                self.media_pane.show_video(Path(path))
            case ErrorShown():
                self.chat_pane.add_error(update)
            case StatusChanged():
                if update.activity == "idle":
                    self._tool = None
                self.status_bar.show_status(self._state.status, self._tool)

    # -- buttons -------------------------------------------------------------------------------
    def _guarded(self, handler: Callable[..., None]) -> Callable[..., None]:
        """A widget callback that runs on the kernel's loop (a click may arrive on a subshell's
        thread) and whose failure shows in the widget instead of the kernel's log."""

        def on_loop(*args: Any) -> None:
            with self.error_pane.out:  # anything the handler prints lands in the widget
                try:
                    handler(*args)
                except Exception as exc:
                    self._report(exc)

        @functools.wraps(handler)
        def run(*args: Any) -> None:
            self._kernel.call(on_loop, *args)

        return run

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, NemoError):
            self.chat_pane.add_error(notice_for(exc))
            return
        log.debug("workspace callback failed", exc_info=exc)  # shown in the widget, not the log
        self.chat_pane.add_error(
            ErrorShown(
                f"The widget hit an unexpected error: {type(exc).__name__}: {exc}",
                "The details are shown below the workspace.",
                type(exc).__name__,
            )
        )
        self.error_pane.show(exc)

    def _spawn(self, coro: Coroutine[Any, Any, Any], button: w.Button | None = None) -> None:
        """Run the work of a click on the kernel's loop; the button is disabled until it ends."""
        if button is not None:
            button.disabled = True

        def done() -> None:
            if button is not None:
                button.disabled = False
            self.flush()

        self._kernel.spawn(coro, on_error=self._report, on_done=done)

    async def _quietly(self, work: Callable[[], Awaitable[Any]]) -> None:
        """Connect, then `work()`; a NemoError becomes a notice (connect already emitted its own)."""
        try:
            await self._shared.connect()
        except NemoError:
            return
        try:
            await work()
        except NemoError as exc:
            self._report(exc)

    def _on_send(self, _button: w.Button) -> None:
        text = self.chat_pane.input.value.strip()
        if not text:
            return
        self.chat_pane.input.value = ""
        self._spawn(self._quietly(lambda: self.controller.send(text)), self.chat_pane.send_button)

    def _on_upload_path(self, _button: w.Button) -> None:
        raw = self.media_pane.upload_path.value.strip()
        if not raw:
            return
        self.media_pane.upload_path.value = ""
        paths = split_paths(raw)  # as after "upload" in the chat: shell quoting, `~` expanded
        self._spawn(self._quietly(lambda: self.controller.upload(paths)), self.media_pane.upload_button)

    def _on_files(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
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
        dest = _absolute(self.media_pane.export_path.value.strip())
        self._spawn(self._quietly(lambda: self.controller.export(dest)), self.media_pane.export_button)


def _absolute(path: str | Path | None) -> Path | None:
    """A destination relative to the kernel's folder (the notebook's), made absolute up front."""
    return Path(path).expanduser().absolute() if path else None
