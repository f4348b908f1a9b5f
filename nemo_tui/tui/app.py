"""The Textual workspace: `NemoApp(controller)` and `run_app(settings, session_id=None)`.

The app subscribes to the SessionController and turns each update into a message on its own pump
(the event log's entries go straight into its buffer, drained at 30 Hz). Every controller call runs
in an async worker; a failed worker becomes a notification, never a traceback. `connect()` starts the
local engine, which takes seconds: it runs in a worker after the first paint.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import logging.handlers
import os
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from nemo_tui.core.updates import (
    ErrorShown,
    SessionOpened,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
    Update,
)

from .commands import NemoCommands, bindings, parse_slash
from .composer import Composer
from .help_screen import HelpScreen
from .preview_feed import PreviewFeed
from .sessions_screen import SessionsScreen
from .upload_screen import UploadScreen
from .workspace import WorkspaceScreen, error_text

if TYPE_CHECKING:
    from nemo_tui.core.controller import SessionController

    from .graphics import Choice

log = logging.getLogger(__name__)
_WARNING_KINDS = {"Busy", "EmptyDraft"}
# Allowed even while a dialog is open (Tab must move between a dialog's own fields).
_ALWAYS = {"quit", "toggle_dark", "help", "command_palette", "focus_next", "focus_previous"}


class UpdateArrived(Message):
    """A controller update, carried onto the app's message pump."""

    def __init__(self, update: Update) -> None:
        super().__init__()
        self.update = update


class NemoApp(App[int], inherit_bindings=False):
    TITLE = "nemo-tui"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    BINDINGS = bindings()
    COMMANDS = App.COMMANDS | {NemoCommands}

    def __init__(
        self,
        controller: SessionController,
        *,
        session_id: str | None = None,
        autoconnect: bool = True,
        graphics: Choice | None = None,
    ) -> None:
        super().__init__()
        self.graphics = graphics  # a graphics protocol for the preview (opt-in); None: half-blocks
        self.controller = controller
        self.session_id = session_id
        self.autoconnect = autoconnect
        self._unsubscribe: Any = None
        self._offline = False
        self.ready = False  # True once the panes are up and the app listens to the controller
        self.previews = PreviewFeed(self)

    def get_default_screen(self) -> WorkspaceScreen:
        return WorkspaceScreen()

    @property
    def workspace(self) -> WorkspaceScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, WorkspaceScreen)
        return screen

    def on_workspace_screen_ready(self) -> None:
        self.workspace.load(self.controller.workspace)
        if self.graphics is not None and self.graphics.note:  # what the preview draws with, and why
            self.workspace.events.push(StreamLogged("term", self.graphics.note))
        if self.controller.draft:
            self.previews.draft_changed()
        self._unsubscribe = self.controller.subscribe(self._controller_update)
        self.ready = True
        self.set_interval(5.0, self.controller.check_backend)  # a dead engine shows while idle
        if self.autoconnect:
            self.workspace.status.apply(StatusChanged(connection="connecting", activity="starting"))
            self.call_after_refresh(self.action_reconnect, first=True)

    def on_unmount(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()

    # -- updates ---------------------------------------------------------------------------------
    def _controller_update(self, update: Update) -> None:
        """Called by the controller (maybe from another thread): hand the update to the pump."""
        if isinstance(update, StreamLogged) and self.is_running:
            self.workspace.events.push(update)  # a deque append: the log's timer draws it
        else:
            self.post_message(UpdateArrived(update))

    def on_update_arrived(self, message: UpdateArrived) -> None:
        update = message.update
        if isinstance(update, ErrorShown):
            self._show_error(update)
            return
        self.workspace.apply(update)
        if isinstance(update, TimelineUpdated | SessionOpened):
            self.previews.draft_changed()
        if isinstance(update, StatusChanged) and update.connection is not None:
            self._offline = update.connection == "offline"
            self.refresh_bindings()

    def _show_error(self, error: ErrorShown) -> None:
        """An error from the controller or from a failed worker: in the chat, as a notification, and
        a lost backend makes ^r (reconnect) available."""
        self.workspace.apply(error)
        if error.kind == "ConnectionFailed":
            self._offline = True
            self.refresh_bindings()
        self._notify_error(error)

    def _notify_error(self, error: ErrorShown) -> None:
        title = "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(error.kind)).strip()
        severity = "warning" if error.kind in _WARNING_KINDS else "error"
        self.notify(error_text(error), title=title.capitalize(), severity=severity, timeout=12, markup=False)

    # -- workers ---------------------------------------------------------------------------------
    def call(self, name: str, work: Coroutine[Any, Any, Any], *, exclusive: bool = False) -> Worker[Any]:
        """Run one controller call in an async worker; a failure becomes a notification."""
        return self.run_worker(work, name=name, group=name, exclusive=exclusive, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        if event.worker.group in ("export", "upload"):  # however it ended, no bar stays stuck
            self.workspace.progress.drop_unfinished()
            self.workspace.status.progress = None
        if event.state != WorkerState.ERROR:
            return
        exc = event.worker.error
        log.error("%s failed", event.worker.name, exc_info=exc)
        last = self.controller.workspace.last_error
        message = str(exc) or type(exc).__name__
        if last is not None and last.message == message:
            return  # the controller has already shown it
        self._show_error(ErrorShown(message, getattr(exc, "action", None), type(exc).__name__))

    # -- what the person types -------------------------------------------------------------------
    @on(Composer.Submitted)
    def on_submitted(self, event: Composer.Submitted) -> None:
        parsed = parse_slash(event.text)
        if parsed is None:
            self.call("send", self.controller.send(event.text))
            return
        name, arg = parsed
        match name:
            case "/upload" if arg:
                self.call("upload", self.controller.send(f"upload {arg}"))
            case "/upload":
                self.action_upload()
            case "/export":
                self.action_export(arg)
            case "/credits" | "/status" | "/undo" | "/help" | "/sessions":
                getattr(self, f"action_{name[1:]}")()
            case "/new":
                self.action_new_session()
            case _:
                self.notify(
                    f"Unknown command {name}. Type /help for the list.", severity="warning", markup=False
                )

    # -- actions ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ALWAYS:
            return True
        if len(self.screen_stack) > 1 and isinstance(self.screen, ModalScreen):
            return False  # a dialog is open: its own keys only
        if action == "reconnect":  # shown (and useful) only when the backend is lost
            return self._offline
        return True

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen())

    def action_toggle_timeline(self) -> None:
        self.workspace.toggle_pane("timeline")

    def action_toggle_preview(self) -> None:
        self.workspace.toggle_preview()

    def action_toggle_log(self) -> None:
        self.workspace.toggle_pane("events")

    def action_filter_log(self) -> None:
        self.workspace.focus_log_filter()

    def action_focus_chat(self) -> None:
        self.workspace.composer.focus()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_upload(self) -> None:
        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.call("upload", self.controller.send("upload", files=paths))

        self.push_screen(UploadScreen(), chosen)

    def action_export(self, dest: str = "") -> None:
        self.call("export", self.controller.export(Path(dest).expanduser() if dest else None))

    def action_undo(self) -> None:
        self.call("send", self.controller.chat("undo"))

    def action_credits(self) -> None:
        self.call("credits", self.controller.send("credits"))

    def action_status(self) -> None:
        self.call("status", self.controller.send("status"))

    def action_sessions(self) -> None:
        def chosen(session_id: str | None) -> None:
            if session_id and session_id != self.controller.session_id:
                self.call("session", self.controller.switch_session(session_id), exclusive=True)

        self.push_screen(SessionsScreen(self.controller.sessions(), self.controller.session_id), chosen)

    def action_new_session(self) -> None:
        self.call("session", self.controller.new_session(), exclusive=True)

    def action_reconnect(self, first: bool = False) -> None:
        ctl = self.controller
        if first or ctl.backend is None:
            self.call("connect", ctl.connect(session_id=ctl.session_id or self.session_id), exclusive=True)
        else:
            self.call("connect", ctl.reconnect(), exclusive=True)


def _configure_logging(data_dir: Path) -> Path | None:
    """Log to a file: anything written to the terminal would tear through the screen."""
    root = logging.getLogger()
    try:
        log_dir = data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "tui.log"
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        path, handler = None, logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    return path


async def _run(settings: Any, session_id: str | None, graphics: Choice | None = None) -> int:
    from nemo_tui.core.controller import SessionController
    from nemo_tui.local_backend import open_backend

    controller = SessionController(settings, backend_factory=open_backend)
    app = NemoApp(controller, session_id=session_id, graphics=graphics)
    gc.freeze()  # the import-time objects: a full collection in a stream burst then costs ~40 ms, not ~90
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGHUP, signal.SIGTERM):  # a closed terminal or SSH link: still stop the engine
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, app.exit)
    try:
        await app.run_async()
    finally:
        if graphics is not None and graphics.mode == "kitty":  # no image outlives the app
            from .graphics import kitty_delete

            with contextlib.suppress(OSError, ValueError):
                sys.stdout.write("".join(kitty_delete(i, tmux=graphics.tmux) for i in (4200, 4201)))
                sys.stdout.flush()
        log.info("closing the session (stops the local engine)")
        try:
            await asyncio.wait_for(controller.close(), timeout=15)
        except BaseException:  # best effort, and never a traceback on the way out
            log.exception("closing the controller failed")
        log.info("closed")
    return app.return_code or 0


def run_app(settings: Any, session_id: str | None = None, graphics: str | None = None) -> int:
    """Open the workspace; returns the exit code. Stops the local engine on the way out. `graphics`
    (or NEMO_TUI_GRAPHICS): kitty, sixel or auto for a sharper preview where the terminal has it."""
    _configure_logging(Path(getattr(settings, "data_dir", Path.home() / ".nemo-tui")))
    choice = None
    if graphics or os.environ.get("NEMO_TUI_GRAPHICS"):  # nothing is asked or imported otherwise
        from .graphics import Choice, probe, requested

        wanted, complaint = requested(graphics)
        choice = Choice("off", complaint) if complaint else probe(wanted)
        log.info("%s", choice.note or "preview: half-blocks")
    return asyncio.run(_run(settings, session_id, choice))
