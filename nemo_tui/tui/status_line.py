"""The status line: backend, connection, what is happening now, the session, and the turn's progress."""

from __future__ import annotations

import time

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from nemo_tui.core.updates import Progress, StatusChanged, ToolActivity, Workspace, reduce

_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_LABEL = {
    "thinking": "thinking",
    "uploading": "uploading",
    "exporting": "exporting",
    "recovering": "recovering",
    "updating": "updating",
}


class StatusLine(Widget):
    """One line, left of the credits. Attributes in, nothing out."""

    DEFAULT_CSS = """
    StatusLine {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    StatusLine.-offline { color: $text-error; }
    """
    COMPONENT_CLASSES = {"status--ok", "status--busy", "status--bad", "status--note", "status--strong"}
    DEFAULT_CSS += """
    StatusLine > .status--ok { color: $text-success; }
    StatusLine > .status--busy { color: $text-warning; }
    StatusLine > .status--bad { color: $text-error; text-style: bold; }
    StatusLine > .status--note { color: $text-accent; }
    StatusLine > .status--strong { color: $foreground; text-style: bold; }
    """

    status: reactive[StatusChanged] = reactive(StatusChanged())  # nothing known yet: "starting…"
    tool: reactive[str] = reactive("")
    progress: reactive[Progress | None] = reactive(None)
    frame: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._busy_since: float | None = None

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1 / 8, self._tick, pause=True)

    # -- attributes in -------------------------------------------------------------------------
    def apply(self, update: StatusChanged) -> None:
        """Merge a StatusChanged the way the controller's workspace does (None means unchanged)."""
        merged = reduce(Workspace(status=self.status), update).status
        busy = merged.activity not in (None, "idle") or merged.connection == "connecting"
        if busy and self._busy_since is None:
            self._busy_since = time.monotonic()
        elif not busy:
            self._busy_since = None
            self.tool = ""
        if hasattr(self, "_ticker"):
            animate = busy and self.app.animation_level != "none"
            self._ticker.resume() if animate else self._ticker.pause()
        self.set_class(merged.connection == "offline", "-offline")
        self.status = merged

    def apply_tool(self, update: ToolActivity) -> None:
        self.tool = update.name if update.phase == "call" else ""

    def _tick(self) -> None:
        self.frame += 1

    # -- drawing -------------------------------------------------------------------------------
    def render(self) -> Text:
        s, style = self.status, self.get_component_rich_style
        conn, activity = s.connection or "starting", s.activity or "idle"
        spin = _SPINNER[self.frame % len(_SPINNER)] if self.app.animation_level != "none" else "◌"
        line = Text()
        if conn in ("connecting", "starting"):
            line.append(f"{spin} {conn}…", style("status--busy"))
        elif conn == "connected":
            line.append("● ", style("status--ok"))
            line.append(s.backend or "connected", style("status--strong"))
        else:
            line.append("○ offline — ^r to reconnect", style("status--bad"))
        if conn == "connected" and activity != "idle":
            elapsed = int(time.monotonic() - self._busy_since) if self._busy_since else 0
            line.append(" │ ", style("status--note"))
            line.append(f"{spin} {_LABEL.get(activity, activity)}", style("status--busy"))
            if elapsed >= 2:
                line.append(f" {elapsed}s")
            if self.tool:
                line.append(f" · {self.tool}", style("status--note"))
        if self.progress is not None and self.progress.fraction is not None:
            line.append(f" · {self.progress.label or self.progress.task} {self.progress.fraction:.0%}")
        if s.note:
            line.append(" │ ", style("status--note"))
            line.append(s.note, style("status--note"))
        if s.session_id and conn == "connected":
            line.append(f" │ session {short_id(s.session_id)}")
        return line


def short_id(session_id: str) -> str:
    return session_id if len(session_id) <= 10 else "…" + session_id[-8:]
