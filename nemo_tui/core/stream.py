"""One chat turn: `POST /run_sse` consumed as typed events.

    async with client.turn(session_id, "add lo-fi music at 35%") as turn:
        async for event in turn:
            ...

The stream closing ends the turn. Status and content type are checked before any SSE parsing, so a
JSON error or a 404 raises the mapped `NemoError`. Limits run on our own clock: `heartbeat_only`
seconds without anything but heartbeats, or `total` seconds in all, raise `StreamTimeout`. Comment
lines (`: ping`) are invisible to httpx-sse, so the raw bytes are watched too and each comment is
reported as a `HeartbeatEvent`.

If the connection drops mid-turn and the server sent `id:` lines, the turn re-attaches by POSTing
the same body with `Last-Event-ID` (the engine then resumes the running turn instead of starting
it again); otherwise, or when that fails, `StreamDropped` tells the caller to poll the state. The
message itself is never POSTed a second time without `Last-Event-ID`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import aconnect_sse

from .errors import (
    ConnectionFailed,
    NemoError,
    ProtocolError,
    RateLimited,
    ServerError,
    StreamDropped,
    StreamTimeout,
    body_code,
    error_for,
)
from .events import Event, HeartbeatEvent, UnknownEvent, parse_sse

log = logging.getLogger(__name__)

RUN_SSE_PATH = "/run_sse"
HEARTBEAT_COALESCE = 0.5  # seconds
PRICE_HEADER, HOLD_HEADER = "x-nemo-turn-price", "x-nemo-credit-hold"  # the local engine's (docs/engine.md)


@dataclass(frozen=True)
class TurnPrice:
    """What the backend froze for a turn as it started (0: free), and the hold to ask about later."""

    frozen: int
    hold: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> TurnPrice | None:
        """None when the backend names no price (stock ADK and the cloud do not)."""
        raw = headers.get(PRICE_HEADER, "").strip()
        return cls(int(raw), headers.get(HOLD_HEADER) or None) if raw.isdecimal() else None


@dataclass(frozen=True)
class StreamLimits:
    heartbeat_only: float = 600.0  # 10 minutes of heartbeats only
    total: float = 900.0  # 15 minutes in all
    resume_tries: int = 3
    resume_delay: float = 2.0


_EOF, _SSE, _COMMENT, _DROP = "eof", "sse", "comment", "drop"
_LINE_START_COLON = re.compile(rb"(?:^|(?<=[\r\n])):")
_BOM = "\ufeff".encode()


class _WatchedStream(httpx.AsyncByteStream):
    """Passes the body through, noting each comment line (which httpx-sse would swallow) and
    dropping a leading byte order mark (which httpx-sse would read as part of the first field's
    name, losing the first event; the SSE spec says to ignore it)."""

    def __init__(self, inner: httpx.AsyncByteStream, on_comment: Callable[[], Awaitable[None]]) -> None:
        self._inner = inner
        self._on_comment = on_comment
        self._at_line_start = True
        self._head: bytes | None = b""  # the first bytes, until we know whether they are a BOM

    def _without_bom(self, chunk: bytes) -> bytes:
        if self._head is None:
            return chunk
        self._head += chunk
        if len(self._head) < len(_BOM) and _BOM.startswith(self._head):
            return b""  # a BOM split across reads: wait for the rest
        head, self._head = self._head, None
        return head.removeprefix(_BOM)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for raw in self._inner:
            chunk = self._without_bom(raw)
            # Split the chunk before each comment line, so that the events before it are decoded
            # (and queued) before the comment is reported: the order on the wire is kept.
            start = 0
            for match in _LINE_START_COLON.finditer(chunk):
                at = match.start()
                if at == 0 and not self._at_line_start:
                    continue
                if at > start:
                    yield chunk[start:at]
                    start = at
                await self._on_comment()
            if start < len(chunk):
                yield chunk[start:]
            if chunk:
                self._at_line_start = chunk[-1:] in (b"\n", b"\r")

    async def aclose(self) -> None:
        await self._inner.aclose()


class Turn:
    """An async context manager and async iterator over the events of one turn."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        body: Mapping[str, Any],
        *,
        headers: Callable[[], Awaitable[Mapping[str, str]]],
        last_event_id: str | None = None,
        limits: StreamLimits | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_error: Callable[[NemoError], Awaitable[None]] | None = None,
    ) -> None:
        self._http = http
        self._body = dict(body)
        self._headers = headers
        self.last_event_id: str | None = last_event_id
        self.limits = limits or StreamLimits()
        self._sleep = sleep
        self._clock = clock
        self._on_error = on_error  # lets the client react (e.g. drop a refused token) before we raise
        self.resumes = 0  # how many times the turn re-attached after a drop
        self.price: TurnPrice | None = None  # from the first answer's headers
        self._started = 0.0
        self._last_progress = 0.0
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue(maxsize=256)
        self._pending: list[Event] = []
        self._heartbeat_run = False
        self._last_heartbeat = 0.0
        self._pump_task: asyncio.Task[None] | None = None
        self._exit: contextlib.AsyncExitStack | None = None
        self._entered = False
        self._finished = False

    # -- context manager ------------------------------------------------------------------------

    async def __aenter__(self) -> Turn:
        self._entered = True
        self._started = self._last_progress = self._clock()
        try:
            await self._connect(self.last_event_id, first=True)
        except BaseException as exc:
            await self.aclose()
            if isinstance(exc, NemoError) and self._on_error is not None:
                await self._on_error(exc)
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._finished = True
        await self._disconnect()

    # -- iteration ------------------------------------------------------------------------------

    def __aiter__(self) -> Turn:
        if not self._entered:
            raise RuntimeError("use `async with client.turn(...) as turn:` before iterating")
        return self

    async def __anext__(self) -> Event:
        while True:
            while not self._pending:
                if self._finished:
                    raise StopAsyncIteration
                await self._fill()
            event = self._pending.pop(0)
            now = self._clock()
            if isinstance(event, HeartbeatEvent):
                # A comment after an `id:` reaches us twice (our byte watcher, and httpx-sse's empty
                # message): report back-to-back heartbeats once.
                if self._heartbeat_run and now - self._last_heartbeat < HEARTBEAT_COALESCE:
                    continue
                self._heartbeat_run, self._last_heartbeat = True, now
                return event
            self._heartbeat_run = False
            if not isinstance(event, UnknownEvent):
                self._last_progress = now
            return event

    async def _fill(self) -> None:
        kind, item = await self._next_item()
        if kind == _SSE:
            if item.id:
                self.last_event_id = item.id
            self._pending.extend(parse_sse(item.event, item.data, item.id))
        elif kind == _COMMENT:
            self._pending.append(HeartbeatEvent(event_id=self.last_event_id or "", raw=":"))
        elif kind == _EOF:
            await self.aclose()
        elif kind == _DROP:
            await self._resume(item)
        else:  # an unexpected failure inside the reader
            await self.aclose()
            raise item

    def _time_left(self) -> tuple[float, StreamTimeout]:
        """Seconds until the nearer limit, and the error to raise when it is reached."""
        now = self._clock()
        total_left = self._started + self.limits.total - now
        quiet_left = self._last_progress + self.limits.heartbeat_only - now
        if total_left <= quiet_left:
            msg = f"No end of turn after {self.limits.total:g} s; the work may still finish."
            return total_left, StreamTimeout(msg)
        msg = f"Only heartbeats for {self.limits.heartbeat_only:g} s; the work may still finish."
        return quiet_left, StreamTimeout(msg)

    async def _next_item(self) -> tuple[str, Any]:
        left, timeout_error = self._time_left()
        try:
            if left <= 0:
                raise TimeoutError
            return await asyncio.wait_for(self._queue.get(), timeout=left)
        except TimeoutError:
            await self.aclose()
            raise timeout_error from None

    # -- connection -----------------------------------------------------------------------------

    async def _connect(self, last_event_id: str | None, *, first: bool) -> None:
        headers = dict(await self._headers())
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        elif not first:  # the one rule that must never break: no second run of the same message
            raise AssertionError("re-POST of a turn without Last-Event-ID")
        exit_stack = contextlib.AsyncExitStack()
        left, timeout_error = self._time_left()
        try:
            async with asyncio.timeout(max(left, 0.0)):  # the response headers count against the limits
                source = await exit_stack.enter_async_context(
                    aconnect_sse(
                        self._http,
                        "POST",
                        RUN_SSE_PATH,
                        json=self._body,
                        headers=headers,
                        timeout=httpx.Timeout(30.0, read=None),  # silence is timed by our own clock
                    )
                )
                response = source.response
                await _check_response(response)
                if first:
                    self.price = TurnPrice.from_headers(response.headers)
        except TimeoutError:
            await exit_stack.aclose()
            raise timeout_error from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # nothing reached the server
            await exit_stack.aclose()
            where = str(self._http.base_url).rstrip("/")
            raise ConnectionFailed(
                f"Could not reach the video service at {where} ({type(exc).__name__})."
            ) from exc
        except httpx.TransportError as exc:  # the request may have been received: do not resend
            await exit_stack.aclose()
            raise StreamDropped(last_event_id=self.last_event_id) from exc
        except BaseException:
            await exit_stack.aclose()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)  # an AsyncClient's response
        response.stream = _WatchedStream(response.stream, self._note_comment)
        self._exit = exit_stack
        self._pump_task = asyncio.create_task(self._pump(source.aiter_sse()))

    async def _note_comment(self) -> None:
        await self._queue.put((_COMMENT, None))

    async def _pump(self, events: AsyncIterator[Any]) -> None:
        """Reads the stream into the queue, so that the deadline can run while nothing arrives."""
        try:
            async for sse in events:
                await self._queue.put((_SSE, sse))
            await self._queue.put((_EOF, None))
        except httpx.TransportError as exc:
            await self._queue.put((_DROP, exc))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # decoding errors and the like: surface them, typed
            await self._queue.put(("error", ProtocolError(f"Broken event stream ({type(exc).__name__}).")))

    async def _disconnect(self) -> None:
        task, self._pump_task = self._pump_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        exit_stack, self._exit = self._exit, None
        if exit_stack is not None:
            with contextlib.suppress(Exception):
                await exit_stack.aclose()
        self._queue = asyncio.Queue(maxsize=256)

    async def _resume(self, cause: BaseException) -> None:
        await self._disconnect()
        if not self.last_event_id:
            self._finished = True
            raise StreamDropped(
                "The connection was lost mid-turn and this server cannot resume it.", last_event_id=None
            ) from cause
        log.info("stream dropped after event %s; re-attaching", self.last_event_id)
        last: BaseException = cause
        for attempt in range(1, self.limits.resume_tries + 1):
            await self._sleep(self.limits.resume_delay)
            try:
                await self._connect(self.last_event_id, first=False)
            except (ConnectionFailed, StreamDropped, ServerError, RateLimited) as exc:
                log.info("re-attach attempt %d failed: %s", attempt, type(exc).__name__)
                last = exc
                continue
            except NemoError as exc:  # the server will not resume (e.g. the turn is gone)
                last = exc
                break
            self.resumes += 1
            return
        self._finished = True
        raise StreamDropped(last_event_id=self.last_event_id) from last


async def _check_response(response: httpx.Response) -> None:
    """Raise the mapped error unless this is a successful event stream."""
    content_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if response.status_code < 400 and content_type == "text/event-stream":
        return
    raw = await response.aread()
    body: Any = raw.decode("utf-8", "replace")
    if "json" in content_type or body.lstrip().startswith(("{", "[")):
        with contextlib.suppress(ValueError):
            body = json.loads(body)
    if response.status_code >= 400 or body_code(body):
        raise error_for(response.status_code, body, response.headers)
    raise ProtocolError(f"Expected an event stream, got {content_type or 'no content type'}.")
