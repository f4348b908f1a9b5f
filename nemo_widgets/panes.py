"""The panes of the workspace: each one projects some updates onto a few ipywidgets.

Panes only draw; they never call the controller or each other. The workspace maps updates onto them
and wires their buttons. Frequent redraws (streamed text, the event log) go through a `Throttle`.
"""

from __future__ import annotations

import os
from collections import deque
from html import escape
from pathlib import Path

import ipywidgets as w

from nemo_tui.core.timeline import TimelineView
from nemo_tui.core.updates import CreditsUpdated, ErrorShown, Progress, StatusChanged, StreamLogged

from . import markup
from .chat_input import ChatInput
from .loop import Throttle


class ChatPane(w.VBox):
    """Transcript, the reply being streamed, and the message box with its Send button."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str]] = []  # (role, text); role "error" for notices
        self.history = w.HTML(markup.transcript([]))
        self.streaming = w.HTML("")
        self._partial = ""
        self._partial_redraw = Throttle(self._draw_partial)
        self.input = ChatInput(  # the box and its Send button
            placeholder='e.g. "generate a 30-second promo video from this script: …"  (or "export")'
        )
        hint = w.HTML('<span class="nemo-hint nemo-muted">Enter sends · Shift+Enter for a new line</span>')
        super().__init__([self.history, self.streaming, self.input, hint])
        self.add_class("nemo-chat")

    def add(self, role: str, text: str) -> None:
        self.entries.append((role, text))
        self._partial = ""
        self._partial_redraw.poke()
        self._partial_redraw.flush()
        self.history.value = markup.transcript(self.entries)

    def add_error(self, notice: ErrorShown) -> None:
        self.add("error", notice.message + (f"\n{notice.action}" if notice.action else ""))

    def set_partial(self, text: str) -> None:
        self._partial = text
        self._partial_redraw.poke()

    def _draw_partial(self) -> None:
        self.streaming.value = markup.partial(self._partial)

    def flush(self) -> None:
        self._partial_redraw.flush()


class EventLogPane(w.VBox):
    """Every SSE event of the running turn, newest last, colour-coded by kind, capped."""

    def __init__(self, cap: int = 300) -> None:
        self.lines: deque[str] = deque(maxlen=cap)
        self.kinds: deque[str] = deque(maxlen=cap)
        self.dropped = 0
        self.view = w.HTML(markup.event_log([], 0))
        self._redraw = Throttle(self._draw)
        super().__init__([w.HTML('<div class="nemo-heading">Event log</div>'), self.view])

    def add(self, entry: StreamLogged) -> None:
        if len(self.lines) == self.lines.maxlen:
            self.dropped += 1
        self.lines.append(markup.log_line(entry))
        self.kinds.append(entry.kind)
        self._redraw.poke()

    def separator(self, text: str) -> None:
        """A rule before the events of a new turn, naming what started it."""
        if len(self.lines) == self.lines.maxlen:
            self.dropped += 1
        self.lines.append(markup.log_separator(text))
        self.kinds.append("turn")
        self._redraw.poke()

    def _draw(self) -> None:
        self.view.value = markup.event_log(self.lines, self.dropped)

    def flush(self) -> None:
        self._redraw.flush()


class TimelinePane(w.VBox):
    """Tracks and segments; what changed since the person's last message stays highlighted."""

    def __init__(self) -> None:
        self.view = w.HTML(markup.timeline(TimelineView(), TimelineView().summary))
        self.highlighted: set[str] = set()
        super().__init__([w.HTML('<div class="nemo-heading">Timeline</div>'), self.view])

    def new_turn(self) -> None:
        self.highlighted = set()

    def show(self, view: TimelineView, summary: str, changed: frozenset[str]) -> None:
        # A turn updates the timeline several times (each state delta, then a final refresh that
        # reports no change): keep the union, so the turn's edits stay marked after it ends.
        self.highlighted |= changed
        self.view.value = markup.timeline(view, summary, frozenset(self.highlighted))


class StatusBar(w.HBox):
    """Backend, session and activity on the left; credits (with a low-credit warning) on the right.

    The credits bar's full width is the most credits this view has seen on the account (or a plan's
    own total, when the backend reports one): the engine's `total` is available + frozen, so it falls
    as credits are spent and a bar drawn against it would stay full.
    """

    def __init__(self) -> None:
        self.status = w.HTML(markup.status(StatusChanged(connection="offline", activity="idle")))
        self.credits = w.HTML(markup.credits(None))
        self.low = False
        self.scale = 0  # the most credits seen (available + frozen), the bar's full width
        self.closed = False
        super().__init__([self.status, self.credits])
        self.add_class("nemo-statusbar")

    def show_status(self, status: StatusChanged, tool: str | None = None) -> None:
        self.status.value = markup.status(status, tool, closed=self.closed)

    def show_credits(self, credits: CreditsUpdated) -> None:
        self.low = credits.low
        self.scale = max(self.scale, credits.total, credits.available + credits.frozen)
        self.credits.value = markup.credits(credits, self.scale)


class MediaPane(w.VBox):
    """Upload (from the browser or a local path), export with progress, and the exported video."""

    def __init__(self) -> None:
        self.file_upload = w.FileUpload(description="Upload", multiple=True, accept="video/*,image/*,audio/*")
        self.upload_path = w.Text(placeholder="or paths on the kernel's machine")
        self.upload_button = w.Button(description="Upload path", icon="folder-open")
        self.export_path = w.Text(placeholder="promo.mp4 (default: a new name here)")
        self.export_button = w.Button(description="Export MP4", button_style="success", icon="film")
        self.export_button.add_class("nemo-export")
        self.progress = w.FloatProgress(value=0.0, min=0.0, max=1.0, layout=w.Layout(display="none"))
        self.progress_label = w.Label("")
        self.link = w.Output()
        rows = [
            w.HBox([self.file_upload, self.upload_path, self.upload_button]),
            w.HBox([self.export_path, self.export_button, self.progress, self.progress_label]),
        ]
        for row in rows:
            row.add_class("nemo-row")
        super().__init__([*rows, self.link])
        self.add_class("nemo-media")

    @property
    def controls(self) -> list[w.DOMWidget]:
        return [self.file_upload, self.upload_path, self.upload_button, self.export_path, self.export_button]

    def show_progress(self, progress: Progress | None) -> None:
        if progress is None:
            self.progress.layout.display = "none"
            self.progress_label.value = ""
            return
        fraction = progress.fraction
        self.progress.layout.display = None
        self.progress.bar_style = "info" if fraction is None else ""
        self.progress.value = fraction if fraction is not None else 0.0
        pct = f" {fraction:.0%}" if fraction is not None else f" {_size(progress.done)}"
        self.progress_label.value = (progress.label or progress.task) + pct

    def show_video(self, path: Path) -> None:
        """A link to the exported MP4 (the editor timeline plays it, by URL: its bytes stay out of the
        widget state, which a saved notebook keeps)."""
        self.show_progress(None)
        self.progress_label.value = f"Exported {path.name}"
        try:
            href = os.path.relpath(path)  # relative to the notebook's folder, where the kernel runs
        except ValueError:  # another drive on Windows
            href = str(path)
        link = f'<a href="{escape(href)}" target="_blank" download>{escape(path.name)}</a>'
        saved = f"Saved {link} ({_size(path.stat().st_size)}) <code>{escape(str(path))}</code>"
        # Shown through an Output so the notebook resolves the relative link to its own folder.
        data = {"text/html": saved, "text/plain": str(path)}
        self.link.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
