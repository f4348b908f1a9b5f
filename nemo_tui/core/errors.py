"""Typed errors of the NemoVideo client. Front ends catch these, never httpx's.

The hierarchy::

    NemoError                      base: .code, .status, .message, .action
    ├── APIError                   the backend answered with an error (status and/or body code)
    │   ├── AuthError              1001 / HTTP 401: token expired or invalid
    │   ├── PermissionDenied       HTTP 403: the token may not do this
    │   ├── SessionNotFound        1002 / ADK's 404 "Session not found"
    │   ├── NotFound               any other 404
    │   ├── InsufficientCredits    2001: .register_url (with ?bind=<id>) when known; .top_up (local)
    │   ├── UnsupportedFileType    4001 (also raised before sending): .accepted
    │   ├── FileTooLarge           4002 (also raised before sending): .limit_bytes
    │   ├── BadRequest             400 / 422 that is not about the client id
    │   │   └── MissingClientId    400 from the anonymous-token call
    │   ├── ExportBlocked          402: export refused by the plan (not credits)
    │   ├── RateLimited            429: .retry_after seconds
    │   ├── PreviewUnavailable     no preview route on this backend (the cloud has none)
    │   ├── PreviewSuperseded      409 from a preview: a newer request of the session replaced it
    │   ├── RequestTooLarge        413: a message, body or upload over the backend's limit
    │   └── ServerError            5xx (an HTML error page becomes a one-line message)
    │       ├── ServerStorageFull  507: the backend's disk is full (nothing was saved)
    │       └── ModelUnavailable   MODEL_UNAVAILABLE in a stream: the engine's model server failed
    ├── AgentError                 an error frame inside a /run_sse stream
    ├── RenderFailed               the renderer reported failure: .render_id
    ├── BadInput                   what the person gave cannot be used (a file, a destination, a session)
    ├── SaveFailed                 the exported video could not be written to disk
    ├── StreamTimeout              10 min of heartbeats only, or 15 min in all
    ├── StreamDropped              the stream broke mid-turn: .last_event_id
    ├── ConnectionFailed           the backend could not be reached, or a non-chat call was cut
    └── ProtocolError              the answer was not what the protocol allows

`error_for(status, body, headers)` maps an HTTP status and parsed body to the class.
Messages are meant for a person; a token never appears in one (see `_redact`).
"""

from __future__ import annotations

import email.utils
import html
import re
import time
from collections.abc import Mapping
from typing import Any, ClassVar

from nemo_tui.draft import wire

# The upload limits (one table for client and engine); re-exported here because two errors describe them.
from nemo_tui.draft.wire import ACCEPTED_EXTENSIONS as ACCEPTED_EXTENSIONS
from nemo_tui.draft.wire import MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES

# Secrets that a server might echo back; scrubbed from every message we build.
_SECRET_RE = re.compile(r"(nmv_usr_|Bearer\s+)[A-Za-z0-9._~+/=-]+")


def _redact(text: str) -> str:
    return _SECRET_RE.sub(lambda m: m.group(1) + "***", text)


class NemoError(Exception):
    """Base of every error the client raises."""

    default_message: ClassVar[str] = "Something went wrong talking to the video service."
    default_action: ClassVar[str | None] = None
    default_code: ClassVar[int | str | None] = None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: int | str | None = None,
        status: int | None = None,
        action: str | None = None,
    ) -> None:
        self.message = _redact(message or self.default_message)
        self.code = code if code is not None else (self.default_code or status)
        self.status = status
        self.action = action if action is not None else self.default_action
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, message={self.message!r})"


class APIError(NemoError):
    """The backend answered, and the answer was an error."""


class AuthError(APIError):
    default_code = wire.TOKEN_INVALID
    default_message = "The access token was refused (expired or invalid)."
    default_action = "A new token is requested automatically; if this keeps happening, check NEMO_TOKEN."


class PermissionDenied(APIError):
    default_message = "This account is not allowed to do that."


class SessionNotFound(APIError):
    default_code = wire.SESSION_NOT_FOUND
    default_message = "The editing session no longer exists on the server."
    default_action = "Start a new session."


class NotFound(APIError):
    default_message = "The server does not know that resource."


class InsufficientCredits(APIError):
    default_code = wire.NO_CREDITS
    default_message = "You are out of credits."
    default_action = "Register (anonymous) or top up your account to continue."

    def __init__(
        self,
        message: str | None = None,
        *,
        register_url: str | None = None,
        top_up: str | None = None,
        needed: int | None = None,
        available: int | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.register_url = register_url
        self.top_up = top_up  # the local engine's own top-up command (its 2001 body says which)
        self.needed, self.available = needed, available  # the request's price and the balance, if said
        if register_url:
            self.action = f"Register to keep your project and get more credits: {register_url}"


class UnsupportedFileType(APIError):
    default_code = wire.UNSUPPORTED_FILE_TYPE

    def __init__(self, message: str | None = None, *, filename: str | None = None, **kw: Any) -> None:
        self.accepted = ACCEPTED_EXTENSIONS
        self.filename = filename
        what = f"{filename!r} is not" if filename else "That file is not"
        super().__init__(message or f"{what} a supported type.", **kw)
        self.action = "Accepted types: " + ", ".join(self.accepted) + "."


class FileTooLarge(APIError):
    default_code = wire.FILE_TOO_LARGE
    default_message = "The file is larger than the 500 MB upload limit."
    default_action = "Compress or trim it, then upload again."
    limit_bytes = MAX_UPLOAD_BYTES


class BadRequest(APIError):
    default_message = "The server refused the request as malformed."


class MissingClientId(BadRequest):
    default_code = 400
    default_message = "The server needs a client id (X-Client-Id) to issue a token."
    default_action = "Set NEMO_CLIENT_ID, or let the client create one, and try again."


class ExportBlocked(APIError):
    default_code = 402
    default_message = "Export is not available on the current plan (this is not about credits)."
    default_action = "Register or upgrade your plan to unlock export."


class RateLimited(APIError):
    default_code = 429
    default_message = "The server is rate limiting requests."
    default_action = "Wait a little and try again."

    def __init__(self, message: str | None = None, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class PreviewUnavailable(APIError):
    default_message = "No preview on this backend."
    default_action = "Export the video to watch it; the local engine draws previews."


class PreviewSuperseded(APIError):
    default_message = "A newer preview of this session replaced this one."


class RequestTooLarge(APIError):
    default_message = "The request is larger than the server accepts."
    default_action = "Send something shorter or smaller (the message says the limit)."


class ServerError(APIError):
    default_message = "The server had an internal error."
    default_action = "Try again in a moment."


class ServerStorageFull(ServerError):
    default_message = "The server's disk is full: nothing was saved."
    default_action = "Free some space where the engine keeps its data, then try again."


class ModelUnavailable(ServerError):
    """The local engine's model (NEMO_AGENT_MODEL, a server such as OPENAI_API_BASE) did not answer."""

    default_message = "The engine's model server did not answer."
    default_action = (
        "Start the model server, or fix NEMO_AGENT_MODEL / OPENAI_API_BASE where the engine runs "
        "(docs/agent.md, 'Using a real model'), then send the message again."
    )


#: Error codes a /run_sse error frame may carry as words rather than numbers.
BY_NAME: dict[str, type[NemoError]] = {"MODEL_UNAVAILABLE": ModelUnavailable}


class AgentError(NemoError):
    default_message = "The assistant failed while working on your request."
    default_action = "Check the timeline state, then ask again."


class RenderFailed(NemoError):
    default_message = "The export failed."
    default_action = "Try the export once more; it gets a new render id."

    def __init__(self, message: str | None = None, *, render_id: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.render_id = render_id


class BadInput(NemoError):
    """Checked on this machine before anything is sent: a missing file, an unwritable destination."""

    default_message = "That input cannot be used."


class SaveFailed(NemoError):
    """An OSError while writing the download (disk full, permissions): never a traceback."""

    default_message = "The video could not be saved."
    default_action = "Check the destination folder (free space, permissions), then export again."


class StreamTimeout(NemoError):
    default_message = "The assistant has not answered in time."
    default_action = "The work may still finish: check the timeline state before asking again."


class StreamDropped(NemoError):
    default_message = "The connection was lost while the assistant was working."
    default_action = "Do not send the message again: check the timeline state first."

    def __init__(self, message: str | None = None, *, last_event_id: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.last_event_id = last_event_id


class ConnectionFailed(NemoError):
    default_message = "Could not reach the video service."
    default_action = "Check the network and NEMO_API_URL, then try again."


class ProtocolError(NemoError):
    default_message = "The server sent an answer this client does not understand."


# Business codes first (a body code is more specific than a status), then HTTP statuses.
_BY_CODE: dict[int, type[APIError]] = {
    wire.TOKEN_INVALID: AuthError,
    wire.SESSION_NOT_FOUND: SessionNotFound,
    wire.NO_CREDITS: InsufficientCredits,
    wire.UNSUPPORTED_FILE_TYPE: UnsupportedFileType,
    wire.FILE_TOO_LARGE: FileTooLarge,
    401: AuthError,
    402: ExportBlocked,
    403: PermissionDenied,
    413: RequestTooLarge,
    429: RateLimited,
    507: ServerStorageFull,
}


def body_message(body: Any) -> str | None:
    """The human message of an error body, whichever field name the server used."""
    if isinstance(body, Mapping):
        for key in ("message", "msg", "detail", "error_message", "errorMessage", "error"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, Mapping):  # {"error": {"message": ...}} or {"detail": {...}}
                inner = body_message(value)
                if inner:
                    return inner
            if isinstance(value, list) and value:  # FastAPI validation: detail=[{"loc", "msg"}, …]
                inner = _validation_message(value)
                if inner:
                    return inner
        return None
    if isinstance(body, str) and body.strip():
        return _short_text(body)
    return None


_REQUEST_PARTS = ("body", "query", "path", "header", "cookie")


def _validation_message(items: list[Any]) -> str | None:
    """FastAPI's 422 `detail` list, naming each field: "Invalid request: sessionId: Field required"."""
    found = []
    for item in items[:3]:
        message = body_message(item)
        if not message or not isinstance(item, Mapping):
            continue
        if item.get("type") == "json_invalid":  # its "loc" is a character position, not a field
            found.append("the body is not valid JSON")
            continue
        loc = list(item["loc"]) if isinstance(item.get("loc"), list | tuple) else []
        if loc and loc[0] in _REQUEST_PARTS:  # where it was, not which field
            loc = loc[1:]
        path = ".".join(str(p) for p in loc)
        found.append(f"{path}: {message}" if path else message)
    return "Invalid request: " + "; ".join(found) if found else None


def _short_text(text: str) -> str:
    """One readable line from a text or HTML body (an HTML error page must not reach a person)."""
    if "<" in text and re.search(r"<\s*(html|head|body|title|h1|!doctype)", text, re.I):
        found = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S) or re.search(
            r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S
        )
        text = re.sub(r"<[^>]+>", " ", found.group(1)) if found else ""
        text = html.unescape(text)
    text = " ".join(text.split())
    return text[:200] + ("…" if len(text) > 200 else "")


def body_code(body: Any) -> int | None:
    if not isinstance(body, Mapping):
        return None
    code = body.get("code")
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str) and code.strip().lstrip("-").isdigit():
        return int(code)
    return None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After is either seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_for(status: int | None, body: Any = None, headers: Mapping[str, str] | None = None) -> NemoError:
    """Map an HTTP status and/or body code to the matching error (never raises it)."""
    code = body_code(body)
    if code == 0:
        code = None
    message = body_message(body)
    kw: dict[str, Any] = {"status": status}
    cls: type[NemoError] | None = None
    for candidate in (code, status):
        if candidate is not None and candidate in _BY_CODE:
            cls = _BY_CODE[candidate]
            break
    effective = code if code is not None else status
    if cls is None:
        if effective == 400 or effective == 422:
            mentions_client = message is not None and "client" in message.lower()
            cls = MissingClientId if mentions_client else BadRequest
        elif effective == 404:
            about_session = message is not None and "session" in message.lower()
            cls = SessionNotFound if about_session else NotFound
        elif effective is not None and 500 <= effective < 600:
            cls = ServerError
            label = message or "no details"
            message = f"The server had an internal error (HTTP {effective}: {label})."
        elif status is not None and status >= 400:
            cls = APIError
            message = message or f"The server refused the request (HTTP {status})."
        else:
            cls = APIError
            message = message or f"The server reported error code {effective}."
    if cls is InsufficientCredits and isinstance(body, Mapping):
        if isinstance(body.get("top_up"), str):
            kw["top_up"] = body["top_up"]
        for key in ("needed", "available"):  # the local engine's; the cloud documents neither
            if isinstance(body.get(key), int) and not isinstance(body.get(key), bool):
                kw[key] = body[key]
    if cls is RateLimited:
        found = [v for k, v in (headers or {}).items() if k.lower() == "retry-after"]
        kw["retry_after"] = parse_retry_after(found[0] if found else None)
    kw["code"] = effective  # the body code when there is one, else the HTTP status
    return cls(message, **kw)
