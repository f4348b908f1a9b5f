"""A real TCP drop (chunked body cut short) is seen as a drop, and the turn re-attaches by Last-Event-ID."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from nemo_tui.core.client import NemoClient
from nemo_tui.core.settings import Settings
from nemo_tui.core.stream import StreamLimits


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _text(text: str, id: str) -> bytes:
    frame = {"content": {"role": "model", "parts": [{"text": text}]}, "author": "nemo_agent"}
    return f"id: {id}\ndata: {json.dumps(frame)}\n\n".encode()


SSE_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"


class DroppingEngine:
    def __init__(self) -> None:
        self.run_sse: list[dict[str, str]] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        lines = (await reader.readuntil(b"\r\n\r\n")).decode().split("\r\n")
        path = lines[0].split(" ")[1]
        headers = dict(line.lower().partition(": ")[::2] for line in lines[1:] if line)
        await reader.readexactly(int(headers.get("content-length", 0)))
        if path == "/api/auth/anonymous-token":
            body = json.dumps({"code": 0, "data": {"token": "nmv_usr_x", "user_id": "anon_1"}}).encode()
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body
            )
        else:
            self.run_sse.append(headers)
            writer.write(SSE_HEAD)
            if "last-event-id" not in headers:
                writer.write(_chunk(_text("one", "1")) + _chunk(b": ping\n\n"))
                await writer.drain()
                await asyncio.sleep(0.05)
                writer.transport.abort()  # the connection dies mid-body
                return
            writer.write(_chunk(_text("two", "2")) + b"0\r\n\r\n")
        await writer.drain()
        writer.close()


@pytest.fixture
async def engine() -> AsyncIterator[tuple[str, DroppingEngine]]:
    fake = DroppingEngine()
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", fake
    server.close()
    await server.wait_closed()


async def test_real_drop_resumes(engine: tuple[str, DroppingEngine]) -> None:
    url, fake = engine

    async def no_wait(seconds: float) -> None:
        pass

    client = NemoClient(Settings.from_env().with_api_url(url), limits=StreamLimits(), sleep=no_wait)
    try:
        async with client.turn("sid", "go") as turn:
            texts = [getattr(e, "text", "♥") async for e in turn]
    finally:
        await client.aclose()
    assert texts == ["one", "♥", "two"]
    assert turn.resumes == 1
    assert [h.get("last-event-id") for h in fake.run_sse] == [None, "1"]
