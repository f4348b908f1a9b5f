"""Typed events of a `/run_sse` turn, from either framing the protocol allows.

`parse_sse(event, data, id)` turns one SSE message into zero or more events:
- ADK Event JSON (camelCase): `content.parts[*]` with `text` / `thought` / `functionCall` /
  `functionResponse`, `partial`, `actions.stateDelta`, `errorCode`/`errorMessage`, and the
  `{"error": "..."}` frame ADK sends when a run fails; calls and results in a `partial` event are
  left out (ADK repeats them in the final event and runs only that one);
- the older `{"type": "text" | "tool_call" | "tool_result" | "heartbeat", ...}` framing;
- heartbeats: an empty `data:`, `event: heartbeat`, `{"type": "heartbeat"}` (comment lines never
  reach this function; the stream layer reports them).
Anything else becomes an `UnknownEvent`, so the event log can still show it; a broken frame is not
fatal here, the stream layer decides.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import BY_NAME, AgentError, NemoError, error_for

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class _Base:
    event_id: str = ""  # the SSE `id:` (the last one seen, per the SSE spec)
    raw: Any = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, kw_only=True)
class TextEvent(_Base):
    text: str
    partial: bool = False
    thought: bool = False  # model reasoning: for the event log, not the chat
    author: str | None = None


@dataclass(frozen=True, kw_only=True)
class ToolCallEvent(_Base):
    call_id: str
    name: str
    args: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ToolResultEvent(_Base):
    call_id: str
    name: str
    response: Any


@dataclass(frozen=True, kw_only=True)
class StateDeltaEvent(_Base):
    delta: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ErrorEvent(_Base):
    message: str
    code: int | str | None = None

    def to_error(self) -> NemoError:
        """The exception a status code or body code would have raised (AgentError otherwise)."""
        if isinstance(self.code, str) and self.code in BY_NAME:
            return BY_NAME[self.code](self.message or None, code=self.code)
        if isinstance(self.code, int) or (isinstance(self.code, str) and self.code.isdigit()):
            err = error_for(None, {"code": int(self.code), "message": self.message})
            if type(err).__name__ != "APIError":
                return err
        return AgentError(self.message or None, code=self.code)


@dataclass(frozen=True, kw_only=True)
class HeartbeatEvent(_Base):
    pass


@dataclass(frozen=True, kw_only=True)
class UnknownEvent(_Base):
    pass


Event = (
    TextEvent | ToolCallEvent | ToolResultEvent | StateDeltaEvent | ErrorEvent | HeartbeatEvent | UnknownEvent
)


def parse_sse(event: str, data: str, id: str = "") -> list[Event]:
    """Events carried by one SSE message (`event:` name, joined `data:` lines, `id:`)."""
    event = event or "message"
    if event == "heartbeat" or not data.strip():
        return [HeartbeatEvent(event_id=id, raw=data)]
    try:
        obj = json.loads(data)
    except ValueError:
        log.warning("unparseable SSE data (%d chars) ignored", len(data))
        return [UnknownEvent(event_id=id, raw=data)]
    if event == "error":
        message = obj if isinstance(obj, str) else _error_text(obj) if isinstance(obj, Mapping) else None
        return [ErrorEvent(event_id=id, raw=obj, message=message or data, code=_error_code(obj))]
    if not isinstance(obj, Mapping):
        return [UnknownEvent(event_id=id, raw=obj)]
    # The typed framing carries `content` as a string; an ADK event carries it as an object.
    if isinstance(obj.get("type"), str) and not isinstance(obj.get("content"), Mapping):
        return _typed(obj, id)
    return _adk(obj, id)


def _error_code(obj: Any) -> int | str | None:
    if not isinstance(obj, Mapping):
        return None
    for key in ("errorCode", "error_code", "code", "error_type"):
        value = obj.get(key)
        if isinstance(value, int | str) and not isinstance(value, bool) and value != "":
            return value
    return _error_code(obj.get("error_details"))  # stock ADK's failure frame


def same_failure(shown: ErrorEvent, event: ErrorEvent) -> bool:
    """Does `event` report the failure `shown` already did? ADK reports a failed run twice: an
    `errorCode`/`errorMessage` event, then a closing `{"error": "<Type>: <message>"}` frame."""
    a, b = shown.message.strip(), event.message.strip()
    return bool(a and b) and (a == b or b.endswith(": " + a) or a.endswith(": " + b))


def _error_text(obj: Mapping[str, Any]) -> str | None:
    for key in ("errorMessage", "error_message", "message", "error", "detail"):
        value = obj.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, Mapping):
            return _error_text(value) or json.dumps(value)[:200]
    return None


def _typed(obj: Mapping[str, Any], id: str) -> list[Event]:
    """The `{"type": ...}` framing of the older official document."""
    kind = obj["type"]
    call_id = str(obj.get("id") or obj.get("call_id") or "")
    name = str(obj.get("name") or obj.get("tool") or "")
    if kind == "heartbeat":
        return [HeartbeatEvent(event_id=id, raw=obj)]
    if kind in ("text", "chunk"):
        text = obj.get("content", obj.get("text"))
        if isinstance(text, str):
            partial = bool(obj.get("partial", kind == "chunk"))
            return [TextEvent(event_id=id, raw=obj, text=text, partial=partial)]
    if kind == "tool_call":
        args = obj.get("args") or obj.get("arguments") or {}
        return [ToolCallEvent(event_id=id, raw=obj, call_id=call_id, name=name, args=dict(args))]
    if kind == "tool_result":
        result = obj.get("result", obj.get("response"))
        return [ToolResultEvent(event_id=id, raw=obj, call_id=call_id, name=name, response=result)]
    if kind == "error":
        message = _error_text(obj) or "error"
        return [ErrorEvent(event_id=id, raw=obj, message=message, code=_error_code(obj))]
    return [UnknownEvent(event_id=id, raw=obj)]


def _get(obj: Mapping[str, Any], camel: str, snake: str) -> Any:
    return obj.get(camel, obj.get(snake))


def _adk(obj: Mapping[str, Any], id: str) -> list[Event]:
    """An ADK Event: one typed event per content part, then the state delta, then any error."""
    out: list[Event] = []
    author = obj.get("author") if isinstance(obj.get("author"), str) else None
    partial = bool(obj.get("partial", False))
    content = obj.get("content")
    parts = content.get("parts") if isinstance(content, Mapping) else None
    skipped = False
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, Mapping):
            continue
        if partial and _is_call_or_result(part):
            # With `streaming: true` ADK sends each call in a partial event, then again in the final
            # one, and runs only the final one: a partial call is not a call.
            skipped = True
        elif (event := _adk_part(obj, part, id, partial=partial, author=author)) is not None:
            out.append(event)
    actions = obj.get("actions")
    delta = _get(actions, "stateDelta", "state_delta") if isinstance(actions, Mapping) else None
    if isinstance(delta, Mapping) and delta:
        out.append(StateDeltaEvent(event_id=id, raw=obj, delta=dict(delta)))
    if (error := _adk_error(obj, id, has_parts=bool(parts))) is not None:
        out.append(error)
    return out or ([] if skipped else [UnknownEvent(event_id=id, raw=obj)])


def _is_call_or_result(part: Mapping[str, Any]) -> bool:
    call = _get(part, "functionCall", "function_call")
    response = _get(part, "functionResponse", "function_response")
    return isinstance(call, Mapping) or isinstance(response, Mapping)


def _adk_part(
    obj: Mapping[str, Any], part: Mapping[str, Any], id: str, *, partial: bool, author: str | None
) -> Event | None:
    """One content part of an ADK event: a tool call, a tool's result or text; None for anything else."""
    call = _get(part, "functionCall", "function_call")
    response = _get(part, "functionResponse", "function_response")
    if isinstance(call, Mapping):
        args = call.get("args")
        return ToolCallEvent(
            event_id=id,
            raw=obj,
            call_id=str(call.get("id") or ""),
            name=str(call.get("name") or ""),
            args=dict(args) if isinstance(args, Mapping) else {},
        )
    if isinstance(response, Mapping):
        return ToolResultEvent(
            event_id=id,
            raw=obj,
            call_id=str(response.get("id") or ""),
            name=str(response.get("name") or ""),
            response=response.get("response"),
        )
    if isinstance(part.get("text"), str):
        thought = bool(part.get("thought", False))
        text = part["text"]
        return TextEvent(event_id=id, raw=obj, text=text, partial=partial, thought=thought, author=author)
    return None


def _adk_error(obj: Mapping[str, Any], id: str, *, has_parts: bool) -> ErrorEvent | None:
    """The error an ADK event reports (`errorCode`/`errorMessage`, or a bare `error` without content)."""
    code = _error_code(obj)
    message = _get(obj, "errorMessage", "error_message")
    bare_error = obj.get("error") if not has_parts else None
    if not (code or message or bare_error):
        return None
    text = message or (bare_error if isinstance(bare_error, str) else _error_text(obj)) or str(code)
    return ErrorEvent(event_id=id, raw=obj, message=text, code=code)
