"""Limits on what one request may ask of the engine, and the checks that refuse more, early.

Every value is a field of `EngineConfig` (docs/engine.md, "Limits"). Each refusal is the documented
JSON error body with a message that says what the limit is and what to do; none costs more than
reading the part of the request that broke it:

- request bodies: `BodyLimit`, an ASGI middleware, refuses by `Content-Length` before the body is
  read, and counts the bytes of a chunked body as they arrive (Starlette 1.10 has a body limit of its
  own, but it answers plain text when a route answered before reading the body);
- chat messages: `check_message` (length, and text that cannot be stored: a lone surrogate);
- drafts: `check_draft_limits` (types, tracks, segments, the timeline's length) before the renderer's full
  validation, so that validation only ever sees a draft of bounded size.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..hosting.config import EngineConfig
from .api_errors import ApiError

UPLOAD_PREFIX = "/api/upload-video/"


def size_text(limit: int) -> str:
    mb = 1024 * 1024
    if limit >= mb and limit % mb == 0:
        return f"{limit // mb} MB"
    if limit >= 1024:
        return f"{limit / 1024:.0f} KB"
    return f"{limit} bytes"


def body_too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        f"The request body is larger than {size_text(limit)}, the limit of this route; send less "
        "(a shorter message, a smaller draft, or files as multipart uploads).",
    )


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a streamed body passes its limit; the app's handler answers it."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, body_too_large(limit).message)


class BodyLimit:
    """Refuse request bodies over their route's limit: multipart uploads get `upload_limit`, every
    other route (JSON) `json_limit`."""

    def __init__(self, app: ASGIApp, *, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"].startswith(UPLOAD_PREFIX) else self.json_limit
        declared = _content_length(scope)
        if declared is not None and declared > limit:  # answered without reading a byte of it
            await body_too_large(limit).response()(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# -- messages -------------------------------------------------------------------------------------


def check_message(message: Any, text: str, config: EngineConfig) -> None:
    """A chat message (a `types.Content`, and its text as the agent reads it): at most
    `message_max_chars`, and nothing in it that the session store and the stream cannot hold."""
    if len(text) > config.message_max_chars:
        raise ApiError(
            413,
            f"The message is {len(text):,} characters long; the limit is {config.message_max_chars:,}. "
            "Send a shorter message (split a long script into parts).",
        )
    try:  # what the stream will send of it: a 200 and then a serializer error otherwise
        message.model_dump_json(exclude_none=True)
    except ValueError as exc:  # pydantic's serialization error is a ValueError
        if "surrogates not allowed" not in str(exc):
            raise
        raise ApiError(
            400,
            "The message holds an invalid character (a lone UTF-16 surrogate, such as \\ud800 "
            "without its pair); send valid Unicode text.",
        ) from None


async def read_body(request: Any, limit: int) -> bytes:
    """A route's whole body, refused (413) by its Content-Length or as soon as it passes `limit`."""
    if (_content_length(request.scope) or 0) > limit:
        raise body_too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


# -- drafts ---------------------------------------------------------------------------------------


class DraftLimit(ValueError):
    """The draft's shape is wrong or it is too large; the message names the key or the limit."""


def check_draft_limits(draft: Any, config: EngineConfig) -> None:
    """Types of the keys every later step walks (`t`, each track, `sg`, each segment, `canvas`), the
    number of tracks and segments, and the timeline's length: a pass over the tracks' lists, so that
    nothing later meets a string where it expects a track or a draft of unbounded size."""
    if not isinstance(draft, dict):
        raise DraftLimit(f"the draft must be a JSON object (got {type(draft).__name__})")
    if "canvas" in draft and not isinstance(draft["canvas"], dict | None):
        raise DraftLimit('"canvas" must be an object like {"w": 1920, "h": 1080, "fps": 30}')
    tracks = draft.get("t")
    if not isinstance(tracks, list):
        raise DraftLimit('"t" must be a list of tracks' if "t" in draft else '"t" (the tracks) is missing')
    if len(tracks) > config.draft_max_tracks:
        raise DraftLimit(
            f"it has {len(tracks):,} tracks; at most {config.draft_max_tracks} tracks can be exported"
        )
    segments, end_ms = 0, 0.0
    for i, track in enumerate(tracks):
        if not isinstance(track, dict):
            raise DraftLimit(f"t[{i}]: a track must be an object (got {_kind(track)})")
        sg = track.get("sg", [])
        if not isinstance(sg, list):
            raise DraftLimit(f"t[{i}].sg must be a list of segments (got {_kind(sg)})")
        segments += len(sg)
        if segments > config.draft_max_segments:
            raise DraftLimit(
                f"it has more than {config.draft_max_segments:,} segments, the most that can be exported"
            )
        for j, seg in enumerate(sg):
            if not isinstance(seg, dict):
                raise DraftLimit(f"t[{i}].sg[{j}]: a segment must be an object (got {_kind(seg)})")
            st, d = seg.get("st", 0), seg.get("d", 0)
            if _number(st) and _number(d):
                end_ms = max(end_ms, st + d)
    try:  # text the renderer writes out (subtitles) must be valid Unicode
        json.dumps(draft, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise DraftLimit("it holds an invalid character (a lone UTF-16 surrogate) in its text") from None
    limit_ms = config.export_max_duration_s * 1000
    if end_ms > limit_ms:
        raise DraftLimit(
            f"it lasts {end_ms / 60000:.1f} minutes; exports are at most "
            f"{config.export_max_duration_s / 60:g} minutes long"
        )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _kind(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", list: "a list", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
