"""Fault injection in front of the real engine: an `httpx.MockTransport` that forwards every request to
the live engine, except the routes a test overrides (a failed render, an error frame, a cut stream).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from nemo_tui.core.backend import Backend
from nemo_tui.core.client import NemoClient
from nemo_tui.core.settings import Settings

Override = Callable[[httpx.Request, "Faults"], Awaitable[httpx.Response]]


@dataclass
class Faults:
    """Routes (method, path regex) → override; everything else goes to the engine. Records requests."""

    overrides: dict[tuple[str, str], Override] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    _real: httpx.AsyncHTTPTransport = field(default_factory=httpx.AsyncHTTPTransport)

    async def forward(self, request: httpx.Request) -> httpx.Response:
        return await self._real.handle_async_request(request)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for (method, pattern), override in self.overrides.items():
            if request.method == method and re.fullmatch(pattern, request.url.path):
                return await override(request, self)
        return await self.forward(request)

    def calls(self, method: str, pattern: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.url.path)]

    def client_factory(self, settings: Settings, backend: Backend) -> NemoClient:
        """For SessionController(client_factory=…): the real client, on this transport."""
        return NemoClient(
            settings.for_backend(backend.url, backend.key), transport=httpx.MockTransport(self._handle)
        )


def answer(body: Any, status: int = 200) -> Override:
    async def reply(request: httpx.Request, faults: Faults) -> httpx.Response:
        return httpx.Response(status, json=body)

    return reply


def sse_frames(*frames: dict[str, Any]) -> Override:
    """A /run_sse answer made of these frames (the engine never sees the message)."""
    body = "".join(f"data: {json.dumps(f)}\n\n" for f in frames)

    async def reply(request: httpx.Request, faults: Faults) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body.encode())

    return reply


async def cut_after_first_event(request: httpx.Request, faults: Faults) -> httpx.Response:
    """The real turn runs on the engine, but the client's stream breaks after its first event, with
    the `id:` lines removed: a server that cannot resume, so the client must recover from the state."""
    real = await faults.forward(request)

    async def body() -> AsyncIterator[bytes]:
        buffer = b""
        async for chunk in real.aiter_raw():
            buffer += chunk
            if b"\n\n" in buffer:
                first = buffer.split(b"\n\n", 1)[0] + b"\n\n"
                yield b"".join(line + b"\n" for line in first.splitlines() if not line.startswith(b"id:"))
                break
        await real.aclose()
        raise httpx.ReadError("connection lost")

    return httpx.Response(real.status_code, headers={"content-type": "text/event-stream"}, content=body())
