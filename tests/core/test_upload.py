"""Uploads: checked before sending (type by name and content, size), streamed from disk, with progress."""

from __future__ import annotations

import email.parser
import email.policy
import gc
import os
import tracemalloc
from pathlib import Path

import httpx
import pytest

from nemo_tui.core import errors as E

from .helpers import json_response, load

UPLOAD = "/api/upload-video/nemo_agent/me/sid"
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def parts_of(request: httpx.Request) -> list[tuple[str, str, str, bytes]]:
    """(field name, filename, content type, bytes) of each part of a multipart request."""
    raw = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.content
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    return [
        (
            p.get_param("name", header="content-disposition"),
            p.get_filename(),
            p.get_content_type(),
            p.get_payload(decode=True),
        )
        for p in message.iter_parts()
    ]


async def test_upload_two_files_in_one_request(make_client, backend, tmp_path: Path) -> None:
    backend.on("POST", UPLOAD, json_response(load("upload.json")))
    video = write(tmp_path / "city clip.MP4", MP4_HEAD + os.urandom(3000))
    image = write(tmp_path / 'quote"d.png', PNG_HEAD + b"x" * 10)
    seen: list[tuple[int, int | None]] = []
    result = await make_client().upload("sid", [video, str(image)], progress=lambda d, t: seen.append((d, t)))
    assert result.files[0].id == "m_1" and result.session_state_applied

    [request] = backend.calls("POST", UPLOAD)
    assert int(request.headers["content-length"]) == len(request.content)
    assert "transfer-encoding" not in request.headers
    parts = parts_of(request)
    assert [(p[0], p[1], p[2]) for p in parts] == [
        ("files", "city clip.MP4", "video/mp4"),
        ("files", "quote%22d.png", "image/png"),
    ]
    assert parts[0][3] == video.read_bytes() and parts[1][3] == image.read_bytes()
    total = video.stat().st_size + image.stat().st_size
    assert seen[0] == (0, total) and seen[-1] == (total, total)


@pytest.mark.parametrize(
    ("name", "data", "cls"),
    [
        ("setup.exe", b"MZ\x90\x00", E.UnsupportedFileType),
        ("notes.txt", b"hello", E.UnsupportedFileType),
        (
            "movie.mp4",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100,
            E.UnsupportedFileType,
        ),  # an .exe renamed
        ("photo.jpg", PNG_HEAD, E.UnsupportedFileType),
        ("empty.mp3", b"", E.UnsupportedFileType),
    ],
)
async def test_refused_before_sending(make_client, backend, tmp_path: Path, name, data, cls) -> None:
    path = write(tmp_path / name, data)
    with pytest.raises(cls) as info:
        await make_client().upload("sid", [path])
    assert "mp4" in info.value.action  # the accepted types are listed
    assert backend.requests == []  # not even a token was fetched


async def test_too_large_and_missing_are_refused_before_sending(make_client, backend, tmp_path: Path) -> None:
    big = write(tmp_path / "big.mp4", MP4_HEAD)
    os.truncate(big, E.MAX_UPLOAD_BYTES + 1)  # sparse: no disk used
    with pytest.raises(E.FileTooLarge) as info:
        await make_client().upload("sid", [big])
    assert "500 MB" in str(info.value) and info.value.action
    with pytest.raises(E.NemoError, match="No such file"):
        await make_client().upload("sid", [tmp_path / "gone.mp4"])
    assert backend.requests == []


async def test_upload_is_streamed_again_after_a_429(make_client, backend, sleeps, tmp_path: Path) -> None:
    backend.on("POST", UPLOAD, json_response({}, 429), json_response(load("upload.json")))
    video = write(tmp_path / "a.webm", b"\x1a\x45\xdf\xa3" + os.urandom(5000))
    await make_client().upload("sid", [video])
    first, second = backend.calls("POST", UPLOAD)
    assert parts_of(first)[0][3] == parts_of(second)[0][3] == video.read_bytes()
    assert sleeps.calls == [30.0]


class StreamingTransport(httpx.AsyncBaseTransport):
    """Like MockTransport, but consumes the request body chunk by chunk without keeping it
    (MockTransport reads the whole body into memory before calling its handler)."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.received = 0
        self.largest_chunk = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != UPLOAD:
            await request.aread()
            return await self.backend.handle(request)
        async for chunk in request.stream:
            self.received += len(chunk)
            self.largest_chunk = max(self.largest_chunk, len(chunk))
        return json_response(load("upload.json"))


async def test_500_mb_upload_keeps_memory_flat(make_client, backend, tmp_path: Path) -> None:
    path = write(tmp_path / "huge.mp4", MP4_HEAD)
    os.truncate(path, E.MAX_UPLOAD_BYTES)  # exactly at the limit, sparse
    transport = StreamingTransport(backend)
    client = make_client(transport=transport)
    await client.ensure_token()
    last: list[int] = []

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = await client.upload("sid", [path], progress=lambda done, total: last.append(done))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert result.files
    assert transport.received > E.MAX_UPLOAD_BYTES  # the whole file went through, plus multipart framing
    assert last[-1] == E.MAX_UPLOAD_BYTES
    assert (peak - before) < 64 * 1024 * 1024, f"peak memory grew by {(peak - before) / 2**20:.1f} MB"
    assert transport.largest_chunk <= 1024 * 1024
