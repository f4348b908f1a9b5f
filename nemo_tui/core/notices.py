"""Plain-language notices for errors, and one-line entries for the live event log.

Tokens never reach a notice: error messages are built by our error classes, which carry no secret,
and log entries are redacted again here as a second line of defence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import errors
from .events import ErrorEvent, HeartbeatEvent, StateDeltaEvent, TextEvent, ToolCallEvent, ToolResultEvent
from .updates import ErrorShown, StreamLogged

_SECRET = re.compile(r"(nmv_usr_|clm_|Bearer\s+)[A-Za-z0-9._\-]+")

ACCEPTED = "mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac"

# What the person can do next, by error class, where the error carries no action of its own.
_ACTIONS: dict[type[BaseException], str] = {
    errors.AuthError: "A new anonymous token was requested; if this repeats, unset NEMO_TOKEN.",
    errors.SessionNotFound: "A new session was started; send your request again.",
    errors.InsufficientCredits: "Register to keep your project and get more credits.",
    errors.UnsupportedFileType: f"Accepted types: {ACCEPTED}.",
    errors.FileTooLarge: "Files can be at most 500 MB: compress or trim it first.",
    errors.ExportBlocked: "Export is not available on this plan.",
    errors.RateLimited: "Wait a minute, then try again.",
    errors.RenderFailed: "Try exporting again; if it fails again, simplify the last edit.",
    errors.ConnectionFailed: "Check that the backend is running and reachable.",
}


def redact(text: str) -> str:
    return _SECRET.sub(lambda m: m.group(1) + "…", text)


def notice_for(exc: BaseException) -> ErrorShown:
    """The ErrorShown update for an exception: its message, and what to do about it."""
    action = getattr(exc, "action", None)
    if not action:
        action = next((a for cls, a in _ACTIONS.items() if isinstance(exc, cls)), None)
    message = str(exc) or type(exc).__name__
    return ErrorShown(redact(message), redact(action) if action else None, type(exc).__name__)


def _short(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = redact(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def log_entry(event: Any, elapsed_s: float) -> StreamLogged:
    """A one-line event-log entry for an SSE event."""
    match event:
        case HeartbeatEvent():
            return StreamLogged("heartbeat", "heartbeat", {}, elapsed_s)
        case TextEvent(thought=True, text=text):
            return StreamLogged("thought", _short(text), {}, elapsed_s)
        case TextEvent(partial=True, text=text):
            return StreamLogged("partial", _short(text), {}, elapsed_s)
        case TextEvent(text=text):
            return StreamLogged("text", _short(text), {}, elapsed_s)
        case ToolCallEvent(name=name, args=args):
            return StreamLogged("tool_call", f"{name}({_short(args or {}, 120)})", {"args": args}, elapsed_s)
        case ToolResultEvent(name=name, response=response):
            return StreamLogged("tool_result", f"{name} → {_short(response or {}, 120)}", {}, elapsed_s)
        case StateDeltaEvent(delta=delta):
            return StreamLogged("state_delta", "state: " + ", ".join(sorted(delta)), {}, elapsed_s)
        case ErrorEvent(message=message):
            return StreamLogged("error", _short(message), {}, elapsed_s)
        case _:
            return StreamLogged("unknown", _short(getattr(event, "raw", event)), {}, elapsed_s)
