"""Hostile input (issue 17): every limit answers early with the documented JSON body, never a 500.

Against the shared engine on loopback, with the default limits (docs/engine.md, "Limits"). Bodies
that must be refused before they are read go over a raw socket, so the test sees what the engine
answers while the rest of the body is still unsent.
"""

from __future__ import annotations

import json
import socket
import struct
import time
import zlib
from urllib.parse import urlsplit

from .helpers import account, credits, new_session, run_body

# The documented defaults (docs/engine.md, "Limits"; test_config checks EngineConfig has them).
MESSAGE_MAX_CHARS = 20_000
JSON_BODY_MAX_BYTES = 2 * 1024 * 1024
UPLOAD_MAX_FIELDS = 50
DRAFT_MAX_SEGMENTS = 2_000
DRAFT_MAX_TRACKS = 50
EXPORT_MAX_DURATION_S = 1_800
EXPORTS_MAX_UNFINISHED = 5


def _error(r, status: int, code: int) -> dict:
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"].startswith("application/json"), r.text[:300]
    body = r.json()
    assert body["code"] == code and body["success"] is False and body["message"]
    return body


def _raw(url: str, head: str, body_parts: list[bytes], *, pause: float = 0.0) -> tuple[int, dict, float]:
    """Send `head` and then the parts (stopping when the engine has answered); the status, the JSON
    body and how many seconds the answer took after the head was sent."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    with socket.create_connection((host, port), timeout=30) as sock:
        start = time.monotonic()
        sock.sendall(head.encode("latin-1"))
        sock.setblocking(False)
        answer = b""
        for part in body_parts:
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            if b"\r\n\r\n" in answer:
                break
            try:
                sock.sendall(part)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
            if pause:
                time.sleep(pause)
        sock.setblocking(True)
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        took = time.monotonic() - start
    head_bytes, _, payload = answer.partition(b"\r\n\r\n")
    status = int(head_bytes.split(b" ", 2)[1])
    return status, json.loads(payload[: _length(answer)] or b"null"), took


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


def _head(path: str, token: str, extra: str) -> str:
    return f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n{extra}\r\n"


# -- chat messages -----------------------------------------------------------------------------------


def test_a_message_over_the_limit_is_refused_before_any_work(engine):
    api = account(engine.url)
    sid = new_session(api)
    text = "add title " + "word " * (MESSAGE_MAX_CHARS // 5)
    for route in ("/run_sse", "/run"):
        started = time.monotonic()
        r = api.post(route, json=run_body(sid, text))
        body = _error(r, 413, 413)
        assert f"{MESSAGE_MAX_CHARS:,}" in body["message"] and "shorter" in body["message"]
        assert time.monotonic() - started < 5
    assert credits(api)["available"] == 100
    at_limit = "add title " + "x" * (MESSAGE_MAX_CHARS - len("add title "))
    r = api.post("/run", json=run_body(sid, at_limit))
    assert r.status_code == 200 and any("functionCall" in str(e) for e in r.json())


def test_a_lone_surrogate_is_refused_before_streaming(engine):
    api = account(engine.url)
    sid = new_session(api)
    raw = json.dumps(run_body(sid, "add title XSURROGATE")).replace("XSURROGATE", "A\\ud800B")
    r = api.post("/run_sse", content=raw, headers={"Content-Type": "application/json"})
    body = _error(r, 400, 400)
    assert "surrogate" in body["message"]
    assert credits(api)["available"] == 100
    # Elsewhere too: a task name that SQLite cannot store is a 400, not a 500.
    raw = '{"task_name": "a\\udfffb", "language": "en"}'
    r = api.post(
        "/api/tasks/me/with-session/nemo_agent", content=raw, headers={"Content-Type": "application/json"}
    )
    _error(r, 400, 400)


# -- bodies -----------------------------------------------------------------------------------------


def test_a_json_body_over_the_limit_is_refused_by_its_length_before_it_is_sent(engine):
    api = account(engine.url)
    token = api.headers["Authorization"].split()[1]
    size = 200 * 1024 * 1024
    head = _head("/run_sse", token, f"Content-Type: application/json\r\nContent-Length: {size}\r\n")
    status, body, took = _raw(engine.url, head, [b"{" + b" " * 65535] * 20, pause=0.05)
    assert status == 413 and body["code"] == 413
    assert "2 MB" in body["message"]
    assert took < 0.9  # answered before the 20 parts (1 s) were sent


def test_a_chunked_json_body_is_refused_once_it_passes_the_limit(engine):
    api = account(engine.url)
    token = api.headers["Authorization"].split()[1]
    head = _head("/run_sse", token, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n")
    chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
    parts = [chunk] * (3 * JSON_BODY_MAX_BYTES // 65536 + 200)
    status, body, _ = _raw(engine.url, head, parts)
    assert status == 413 and body["code"] == 413 and "2 MB" in body["message"]


def test_an_upload_given_as_urls_obeys_the_json_limit(engine):
    api = account(engine.url)
    sid = new_session(api)
    urls = ["https://example.com/" + "a" * 1000] * (JSON_BODY_MAX_BYTES // 1000 + 10)
    r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": urls})
    _error(r, 413, 413)


# -- multipart ----------------------------------------------------------------------------------------


def test_many_small_multipart_fields_are_refused_early(engine):
    api = account(engine.url)
    sid = new_session(api)
    boundary = "xyzzy"
    field = f'--{boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n'.encode()
    body = field * 200_000 + f"--{boundary}--\r\n".encode()
    started = time.monotonic()
    r = api.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    msg = _error(r, 400, 400)["message"]
    assert f"at most {UPLOAD_MAX_FIELDS}" in msg
    assert time.monotonic() - started < 10


def test_a_huge_part_header_is_a_json_400(engine):
    api = account(engine.url)
    sid = new_session(api)
    boundary = "xyzzy"
    start = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="'.encode()
    body = start + b"a" * (2 * 1024 * 1024) + b'"\r\n\r\nxx\r\n--' + boundary.encode() + b"--\r\n"
    r = api.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert "header" in _error(r, 400, 400)["message"]
    r = api.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        content=b"--x\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=" + "b" * 300},
    )
    _error(r, 400, 400)


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    idat = zlib.compress(b"\x00" * 4096)
    data = struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    return b"\x89PNG\r\n\x1a\n" + chunk + data + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_a_picture_claiming_too_many_pixels_is_refused(engine):
    api = account(engine.url)
    sid = new_session(api)
    r = api.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        files=[("files", ("bomb.png", _png_header(50_000, 50_000)))],
    )
    body = _error(r, 413, 4002)
    assert "50000×50000" in body["message"] and "megapixels" in body["message"]


# -- drafts ---------------------------------------------------------------------------------------


def _draft(tracks: int, segments: int, seconds_each: float = 1.0) -> dict:
    step = int(seconds_each * 1000)
    t = []
    for i in range(tracks):
        sg = [
            {"id": f"s{i}_{j}", "st": j * step, "d": step, "src": "color:#203040"}
            for j in range(segments // tracks)
        ]
        t.append({"id": f"t{i}", "tt": 0, "sg": sg})
    return {"v": 1, "canvas": {"w": 320, "h": 180, "fps": 15}, "t": t}


def _submit(api, sid: str, draft: object):
    return api.post("/api/render/proxy/lambda", json={"sessionId": sid, "draft": draft})


def test_drafts_of_the_wrong_types_are_400s_naming_the_key(engine):
    api = account(engine.url)
    sid = new_session(api)
    cases = {
        "t[0]": {"t": ["abc"]},
        "t ": {"t": 5},
        "t[0].sg": {"t": [{"id": "a", "tt": 0, "sg": "x"}]},
        "t[0].sg[0]": {"t": [{"id": "a", "tt": 0, "sg": [5]}]},
        "canvas": {"canvas": [1], "t": [{"id": "a", "tt": 0, "sg": [{"id": "b", "st": 0, "d": 900}]}]},
    }
    for where, draft in cases.items():
        body = _error(_submit(api, sid, draft), 400, 400)
        assert where.strip() in body["message"], (where, body["message"])
    text = {"id": "x", "st": 0, "d": 900, "text": "XSURROGATE"}
    raw = json.dumps({"sessionId": sid, "draft": {"t": [{"id": "a", "tt": 7, "sg": [text]}]}})
    r = api.post(
        "/api/render/proxy/lambda",
        content=raw.replace("XSURROGATE", "a\\udc00b"),
        headers={"Content-Type": "application/json"},
    )
    assert "surrogate" in _error(r, 400, 400)["message"]


def test_draft_size_limits(engine):
    api = account(engine.url)
    sid = new_session(api)
    too_many = _draft(1, DRAFT_MAX_SEGMENTS + 1, 0.1)
    assert f"{DRAFT_MAX_SEGMENTS:,} segments" in _error(_submit(api, sid, too_many), 400, 400)["message"]
    tracks = _draft(DRAFT_MAX_TRACKS + 1, DRAFT_MAX_TRACKS + 1)
    assert f"{DRAFT_MAX_TRACKS} tracks" in _error(_submit(api, sid, tracks), 400, 400)["message"]
    long = _draft(1, 1, EXPORT_MAX_DURATION_S + 1)
    assert "minutes" in _error(_submit(api, sid, long), 400, 400)["message"]
    largest = _draft(2, DRAFT_MAX_SEGMENTS, 0.1)
    started = time.monotonic()
    r = _submit(api, sid, largest)
    assert r.status_code == 200, r.text[:300]
    assert time.monotonic() - started < 5
    api.post(f"/api/render/proxy/lambda/{r.json()['id']}/cancel")


def test_unfinished_exports_per_account_are_limited(engine):
    api = account(engine.url)
    sid = new_session(api)
    draft = _draft(1, 1, 600)  # ten minutes: they queue behind each other
    ids = []
    for _ in range(EXPORTS_MAX_UNFINISHED):
        r = _submit(api, sid, draft)
        assert r.status_code == 200, r.text
        ids.append(r.json()["id"])
    body = _error(_submit(api, sid, draft), 429, 429)
    assert "unfinished" in body["message"]
    for render_id in ids:
        api.post(f"/api/render/proxy/lambda/{render_id}/cancel")
    assert _submit(api, sid, _draft(1, 1)).status_code == 200


def test_the_documented_limits_are_the_defaults():
    from nemo_tui.engine.hosting.config import EngineConfig

    config = EngineConfig()
    assert (config.message_max_chars, config.json_body_max_bytes, config.upload_max_fields) == (
        MESSAGE_MAX_CHARS,
        JSON_BODY_MAX_BYTES,
        UPLOAD_MAX_FIELDS,
    )
    assert (config.draft_max_segments, config.draft_max_tracks, config.export_max_duration_s) == (
        DRAFT_MAX_SEGMENTS,
        DRAFT_MAX_TRACKS,
        EXPORT_MAX_DURATION_S,
    )
    assert config.exports_max_unfinished == EXPORTS_MAX_UNFINISHED
    assert (config.picture_max_side, config.picture_max_pixels) == (16_384, 100_000_000)
    assert (config.upload_part_header_max_bytes, config.upload_part_max_headers) == (8192, 8)
