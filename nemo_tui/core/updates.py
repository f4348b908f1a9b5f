"""What the SessionController tells front ends, and the pure reducer that folds it into a workspace.

Front ends subscribe to these updates (`SessionController.subscribe`) and render them; they may also
read `controller.workspace`, which is `reduce` applied to every update so far. No I/O here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .timeline import TimelineView


@dataclass(frozen=True)
class MessageAdded:
    role: str  # "user" / "assistant" / "system" / "credits" (what the reply before it cost)
    text: str
    replay: bool = False  # True: an earlier message, replayed from history when a session opens


@dataclass(frozen=True)
class SessionOpened:
    """A session became the current one; its transcript (if any) follows as MessageAdded updates."""

    session_id: str
    task_id: str | None = None


@dataclass(frozen=True)
class PartialText:
    text: str  # a streamed fragment of the reply being written


@dataclass(frozen=True)
class StreamLogged:
    """Every SSE event of a turn, for the live event log (never for the chat)."""

    kind: str  # "text" / "tool_call" / "tool_result" / "state_delta" / "heartbeat" / "error" / "unknown"
    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    elapsed_s: float = 0.0


@dataclass(frozen=True)
class ToolActivity:
    name: str
    phase: str  # "call" / "result"
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StateUpdated:
    state: dict[str, Any]


@dataclass(frozen=True)
class TimelineUpdated:
    timeline: TimelineView
    summary: str
    changed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CreditsUpdated:
    available: int
    frozen: int
    total: int
    charged: int | None = None  # what the turn asked about was charged, once settled (else None)

    @property
    def balance(self) -> tuple[int, int, int]:
        return self.available, self.frozen, self.total

    @property
    def low(self) -> bool:
        return self.available < 20


@dataclass(frozen=True)
class Progress:
    task: str  # "upload" / "render" / "download"
    done: float
    total: float | None
    label: str = ""

    @property
    def fraction(self) -> float | None:
        return None if not self.total else max(0.0, min(1.0, self.done / self.total))


@dataclass(frozen=True)
class ExportFinished:
    path: str
    render_id: str
    claim_link: str | None


@dataclass(frozen=True)
class ErrorShown:
    message: str
    action: str | None = None
    kind: str = "error"  # the error class name, for styling and tests


@dataclass(frozen=True)
class StatusChanged:
    backend: str | None = None  # "local engine" / the API host
    session_id: str | None = None
    connection: str | None = None  # "connecting" / "connected" / "offline"
    activity: str | None = None  # "idle" / "thinking" / "updating" / "uploading" / "exporting" / …
    note: str | None = None  # e.g. "Still working…"


Update = (
    SessionOpened
    | MessageAdded
    | PartialText
    | StreamLogged
    | ToolActivity
    | StateUpdated
    | TimelineUpdated
    | CreditsUpdated
    | Progress
    | ExportFinished
    | ErrorShown
    | StatusChanged
)


@dataclass(frozen=True)
class Workspace:
    """Everything a front end shows, derived from updates alone."""

    transcript: tuple[MessageAdded, ...] = ()
    partial: str = ""
    timeline: TimelineView = TimelineView()
    summary: str = "Timeline (empty)"
    changed: frozenset[str] = frozenset()
    credits: CreditsUpdated | None = None
    state: dict[str, Any] = field(default_factory=dict)
    status: StatusChanged = StatusChanged(connection="offline", activity="idle")
    progress: Progress | None = None
    last_export: ExportFinished | None = None
    last_error: ErrorShown | None = None


def reduce(ws: Workspace, update: Update) -> Workspace:
    """Fold one update into the workspace."""
    replace = dataclasses.replace
    match update:
        case SessionOpened():
            return replace(ws, transcript=(), partial="", changed=frozenset(), last_error=None)
        case MessageAdded():
            return replace(ws, transcript=(*ws.transcript, update), partial="")
        case PartialText(text=text):
            return replace(ws, partial=ws.partial + text)
        case TimelineUpdated(timeline=tl, summary=summary, changed=changed):
            return replace(ws, timeline=tl, summary=summary, changed=changed)
        case StateUpdated(state=state):
            return replace(ws, state=state)
        case CreditsUpdated():
            return replace(ws, credits=update)
        case Progress():
            done = update.total is not None and update.done >= update.total
            return replace(ws, progress=None if done else update)
        case ExportFinished():
            return replace(ws, last_export=update, progress=None)
        case ErrorShown():
            return replace(ws, last_error=update)
        case StatusChanged():
            merged = {
                f.name: getattr(update, f.name)
                if getattr(update, f.name) is not None
                else getattr(ws.status, f.name)
                for f in dataclasses.fields(StatusChanged)
            }
            if update.activity is not None and update.note is None:
                merged["note"] = None  # a new activity clears an old note
            return replace(ws, status=StatusChanged(**merged))
        case _:
            return ws
