"""Test helpers: recorded samples, and a scriptable fake backend behind `httpx.MockTransport`.

MockTransport is used to inject faults (drops, 429s, garbage); the client against the real engine is
tested elsewhere.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

FIXTURES = Path(__file__).parent / "fixtures"
API = "http://nemo.test"
TOKEN = json.loads((FIXTURES / "anonymous_token.json").read_text())["data"]["token"]
SSE_HEADERS = {"content-type": "text/event-stream"}


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def sse(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


async def chunks(
    parts: Iterable[str | bytes], *, delay: float = 0.0, drop: bool = False, forever: str | None = None
) -> AsyncIterator[bytes]:
    """A response body: the parts, then either a dropped connection, an endless repeat, or EOF."""
    for part in parts:
        yield part.encode() if isinstance(part, str) else part
        if delay:
            await asyncio.sleep(delay)
    while forever is not None:
        await asyncio.sleep(delay or 0.01)
        yield forever.encode()
    if drop:
        raise httpx.ReadError("connection lost")


def stream_response(*parts: str | bytes, **kw: Any) -> httpx.Response:
    return httpx.Response(200, headers=SSE_HEADERS, content=chunks(parts, **kw))


Reply = httpx.Response | Callable[[httpx.Request], Any]


@dataclass
class FakeBackend:
    """Answers by (method, path) from queues of replies; the last reply repeats. Records requests."""

    routes: dict[tuple[str, str], list[Reply]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.on("POST", "/api/auth/anonymous-token", json_response(load("anonymous_token.json")))

    def on(self, method: str, path: str, *replies: Reply) -> FakeBackend:
        self.routes[(method, path)] = list(replies)
        return self

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return json_response({"detail": "Not Found"}, 404)
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if not callable(reply):
            return reply
        response = reply(request)
        return await response if inspect.isawaitable(response) else response


@dataclass
class SleepRecorder:
    calls: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
