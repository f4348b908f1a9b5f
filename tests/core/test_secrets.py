"""The token never reaches a log record (ours, httpx's or httpcore's), an exception, or a repr.

Runs over real loopback HTTP (a tiny asyncio server), so httpx's and httpcore's own DEBUG logging is
in play, not just MockTransport.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

import pytest

from nemo_tui.core import errors as E
from nemo_tui.core.client import NemoClient
from nemo_tui.core.settings import Settings

FIRST = "nmv_usr_FIRSTsecretAAAA1111"
SECOND = "nmv_usr_SECONDsecretBBBB2222"


def _reply(status: int, body: bytes, content_type: str) -> bytes:
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


class TinyServer:
    """Answers by path; the first state call says 1001 so that a second token is fetched."""

    def __init__(self) -> None:
        self.tokens = [FIRST, SECOND]
        self.state_calls = 0

    def answer(self, method: str, path: str) -> bytes:
        if path == "/api/auth/anonymous-token":
            token = self.tokens.pop(0)
            body = {"code": 0, "data": {"token": token, "user_id": "anon_1", "expires_at": None}}
            return _reply(200, json.dumps(body).encode(), "application/json")
        if path.startswith("/api/state/"):
            self.state_calls += 1
            body = {"code": 1001, "message": "expired"} if self.state_calls == 1 else {"code": 0, "data": {}}
            return _reply(200, json.dumps(body).encode(), "application/json")
        if path == "/api/credits/balance/simple":
            body = {"code": 2001, "message": f"no credits for Bearer {SECOND}"}  # a server echoing it back
            return _reply(402, json.dumps(body).encode(), "application/json")
        if path == "/run_sse":
            frame = {"content": {"parts": [{"text": "hello"}]}, "author": "nemo_agent"}
            return _reply(200, b"id: 1\ndata: " + json.dumps(frame).encode() + b"\n\n", "text/event-stream")
        return _reply(404, b'{"detail":"Not Found"}', "application/json")

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        method, path, _ = lines[0].split(" ")
        fields = dict(line.lower().partition(": ")[::2] for line in lines[1:] if line)
        length = int(fields.get("content-length", 0))
        await reader.readexactly(length)
        writer.write(self.answer(method, path))
        await writer.drain()
        writer.close()


@pytest.fixture
async def server_url() -> AsyncIterator[str]:
    tiny = TinyServer()
    server = await asyncio.start_server(tiny.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.close()
    await server.wait_closed()


async def test_token_never_leaks(server_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # root: ours, httpx and httpcore all propagate here
    client = NemoClient(Settings.from_env().with_api_url(server_url))
    texts: list[str] = [repr(client), repr(client.settings), str(client.settings)]
    try:
        assert await client.ensure_token() == FIRST
        await client.state("sid")  # 1001 → a second token, same client id
        assert await client.ensure_token() == SECOND
        async with client.turn("sid", "hi") as turn:
            texts += [repr(e) for e in [event async for event in turn]]
        with pytest.raises(E.InsufficientCredits) as info:
            await client.credits()
        texts += [str(info.value), repr(info.value), str(info.value.action), repr(info.value.__dict__)]
    finally:
        await client.aclose()

    assert any(r.name.startswith("httpcore") for r in caplog.records)  # their DEBUG logs were captured
    assert any(r.name == "httpx" for r in caplog.records)
    everything = "\n".join(texts + [caplog.text] + [r.getMessage() for r in caplog.records])
    for secret in (FIRST, SECOND):
        assert secret not in everything
        assert secret[len("nmv_usr_") :] not in everything
