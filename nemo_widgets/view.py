"""The workspace's widgets: panes laid out, the stylesheet, and updates drawn onto them.

`WorkspaceView` holds no session logic: `Workspace` wires its buttons and feeds it the controller's
updates (always on the kernel's loop, see `loop.py`). It also keeps the snapshot output in step, so a
saved notebook shows the latest state without its kernel (see `snapshot.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

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
)
from nemo_tui.core.updates import Workspace as WorkspaceState

from .editor import EditorTimeline
from .loop import Throttle
from .panes import ChatPane, EventLogPane, MediaPane, StatusBar, TimelinePane
from .snapshot import Snapshot, snapshot_html
from .style import style_tag

CLOSED_NOTE = "This workspace is closed: run `Workspace()` again to start a new one."


class WorkspaceView:
    def __init__(self, log_cap: int = 300) -> None:
        self.status_bar = StatusBar()
        self.chat_pane = ChatPane()
        self.timeline_pane = TimelinePane()
        self.log_pane = EventLogPane(log_cap)
        self.media_pane = MediaPane()
        self.editor = EditorTimeline()  # the player, the filmstrip and the editor's timeline
        self.closed = False
        self._tool: str | None = None
        self._state = WorkspaceState()
        # The stylesheet lives in the view (a hidden pane): present exactly while the widget renders.
        style = w.HTML(style_tag(), layout=w.Layout(display="none"))
        side = w.VBox([self.timeline_pane, self.log_pane])
        side.add_class("nemo-side")
        main = w.HBox([self.chat_pane, side])
        main.add_class("nemo-main")
        self.root = w.VBox([style, self.status_bar, main, self.editor, self.media_pane])
        self.root.add_class("nemo-workspace")
        self.snapshot = Snapshot()
        self._snapshot_redraw = Throttle(self._draw_snapshot, interval=1.0)

    @property
    def controls(self) -> list[w.DOMWidget]:
        return [self.chat_pane.input, *self.media_pane.controls]

    # -- display -------------------------------------------------------------------------------
    def widget_bundle(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.root._repr_mimebundle_(**kwargs) or {}
        text = "nemo workspace: the live view needs its kernel (a saved snapshot follows)."
        return {**bundle, "text/plain": text}

    def display(self) -> None:
        """The live widget, then the snapshot that stands in for it once the kernel is gone."""
        from IPython.display import display

        display(self.widget_bundle(), raw=True)
        self.snapshot.show(self._snapshot_html())

    # -- updates → panes -----------------------------------------------------------------------
    def replay(self, state: WorkspaceState) -> None:
        """Draw what the (maybe shared, already used) controller has so far."""
        self._state = state
        for m in state.transcript:
            self.chat_pane.add(m.role, m.text)
        self.chat_pane.set_partial(state.partial)
        self.timeline_pane.show(state.timeline, state.summary, frozenset())
        self.editor.show_timeline(state.timeline)
        if state.credits:
            self.status_bar.show_credits(state.credits)
        self.status_bar.show_status(state.status)
        if state.last_export and Path(state.last_export.path).exists():
            self._show_export(Path(state.last_export.path))
        self.flush()

    def apply(self, update: Update, state: WorkspaceState) -> None:
        """Draw one update; `state` is the reduced state after it."""
        self._state = state
        match update:
            case MessageAdded(role=role, text=text):
                self.chat_pane.add(role, text)
                if role == "user":
                    self.log_pane.separator(text)
                    self.timeline_pane.new_turn()
            case PartialText():
                self.chat_pane.set_partial(state.partial)
            case StreamLogged():
                self.log_pane.add(update)
            case ToolActivity(name=name, phase=phase):
                self._tool = name if phase == "call" else None
                self.status_bar.show_status(state.status, self._tool)
            case TimelineUpdated(timeline=view, summary=summary, changed=changed):
                self.timeline_pane.show(view, summary, changed)
                self.editor.show_timeline(view, self.timeline_pane.highlighted)
            case CreditsUpdated():
                self.status_bar.show_credits(update)
            case Progress():
                self.media_pane.show_progress(update)
            case ExportFinished(path=path):
                self._show_export(Path(path))
            case ErrorShown():
                self.chat_pane.add_error(update)
            case StatusChanged():
                if update.activity == "idle":
                    self._tool = None
                self.status_bar.show_status(state.status, self._tool)
        if not isinstance(update, PartialText | StreamLogged | Progress):
            self._snapshot_redraw.poke()
        if isinstance(update, StatusChanged | ExportFinished | ErrorShown) and update_is_final(update):
            self._snapshot_redraw.flush()

    def _show_export(self, path: Path) -> None:
        self.media_pane.show_video(path)
        self.editor.show_file("export", path, "Export")

    def close(self) -> None:
        """Disable every control and say so; the snapshot says so too."""
        self.closed = True
        for control in self.controls:
            control.disabled = True
        self.status_bar.closed = True
        self.status_bar.show_status(self._state.status)
        self.chat_pane.add("system", CLOSED_NOTE)
        self.root.add_class("nemo-closed")
        self._snapshot_redraw.poke()
        self.flush()

    def flush(self) -> None:
        """Draw anything still waiting for its redraw timer."""
        self.chat_pane.flush()
        self.log_pane.flush()
        self._snapshot_redraw.flush()

    def _snapshot_html(self) -> str:
        s = self._state
        return snapshot_html(
            status=s.status,
            messages=self.chat_pane.entries,
            timeline=s.timeline,
            summary=s.summary,
            credits=s.credits,
            last_export=Path(s.last_export.path) if s.last_export else None,
            closed=self.closed,
        )

    def _draw_snapshot(self) -> None:
        if self.snapshot.shown:
            self.snapshot.update(self._snapshot_html())


def update_is_final(update: Update) -> bool:
    """A turn or an export has ended: the snapshot is brought up to date now, not a second later."""
    return not isinstance(update, StatusChanged) or update.activity == "idle"
