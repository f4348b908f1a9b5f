"""Every refusal the protocol documents, as the engine answers it (status, code, message)."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid

import httpx

from .helpers import ATTRIBUTION, account, chat, client, credits, new_session, new_token, run_body


def test_anonymous_token_needs_client_id(engine):
    r = httpx.post(f"{engine.url}/api/auth/anonymous-token")
    assert r.status_code == 400 and r.json()["code"] == 400
    assert "X-Client-Id" in r.json()["message"]


def test_same_client_gets_fresh_token_for_same_account(engine):
    client_id = str(uuid.uuid4())
    first, user = new_token(engine.url, client_id)
    second, same_user = new_token(engine.url, client_id)
    assert first != second and user == same_user
    assert client(engine.url, second).get("/api/credits/balance/simple").status_code == 200
    old = client(engine.url, first).get("/api/credits/balance/simple")
    assert old.status_code == 401 and old.json()["code"] == 1001


def test_bad_missing_and_expired_tokens_are_1001(engine):
    for headers in ({}, {"Authorization": "Bearer nmv_usr_not-a-real-token"}, {"Authorization": "Basic x"}):
        r = httpx.get(f"{engine.url}/api/credits/balance/simple", headers=headers)
        assert r.status_code == 401 and r.json()["code"] == 1001
    token, _ = new_token(engine.url)
    with sqlite3.connect(engine.data_dir / "engine.db", timeout=30) as db:
        db.execute(
            "UPDATE tokens SET expires_at=0 WHERE hash=?", (hashlib.sha256(token.encode()).hexdigest(),)
        )
    r = client(engine.url, token).get("/api/credits/balance/simple")
    assert r.status_code == 401 and r.json()["code"] == 1001


def test_tokens_are_stored_only_as_hashes(engine):
    token, _ = new_token(engine.url)
    with sqlite3.connect(engine.data_dir / "engine.db", timeout=30) as db:
        dump = "\n".join(db.iterdump())
    assert token not in dump and token.removeprefix("nmv_usr_") not in dump


def test_per_ip_limit_is_429_with_retry_after(small_engine):
    new_token(small_engine.url, "limit-a")
    new_token(small_engine.url, "limit-b")
    r = httpx.post(f"{small_engine.url}/api/auth/anonymous-token", headers={"X-Client-Id": "limit-c"})
    assert r.status_code == 429 and r.json()["code"] == 429
    assert int(r.headers["Retry-After"]) > 0
    new_token(small_engine.url, "limit-a")  # a known client still gets its fresh token


def test_unknown_session_is_refused_before_streaming(engine):
    api = account(engine.url)
    r = api.post(
        "/run_sse", json=run_body("1234567890123456789", "hello"), headers={"Accept": "text/event-stream"}
    )
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert r.json()["detail"].startswith("Session not found") and r.json()["code"] == 1002
    r = api.get("/api/state/nemo_agent/me/1234567890123456789/latest")
    assert r.status_code == 404 and r.json()["code"] == 1002


def test_out_of_credits_is_2001_before_any_work(engine):
    api = account(engine.url)
    sid = new_session(api)
    script = "generate a video from this script: One. Two."
    for _ in range(5):
        assert chat(api, sid, script).status == 200
    assert credits(api) == {"available": 0, "frozen": 0, "total": 0}
    before = api.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]["draft"]
    turn = chat(api, sid, "make it square")
    assert turn.status == 402 and turn.body["code"] == 2001 and "credits" in turn.body["message"]
    after = api.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]["draft"]
    assert after == before
    help_turn = chat(api, sid, "help")  # costs nothing, so still allowed
    assert help_turn.status == 200 and "Try, for example" in help_turn.texts[-1]
    # a priced request in a second text part is read with the first: it runs only if it is paid for
    body = run_body(sid, "help")
    body["new_message"]["parts"].append({"text": "make it square"})
    assert api.post("/run_sse", json=body).status_code in (200, 402)
    assert credits(api)["available"] == 0
    assert api.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]["draft"] == before


def test_upload_of_a_renamed_executable_is_4001(engine, media):
    api = account(engine.url)
    sid = new_session(api)
    with open(media["exe"], "rb") as exe:
        r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", files=[("files", ("holiday.mp4", exe))])
    assert r.status_code == 415 and r.json()["code"] == 4001
    assert "mp4" in r.json()["message"]
    # an MP4 header followed by junk passes the sniffing and fails the probe: still 4001, no server path
    fake = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 64
    r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", files=[("files", ("junk.mp4", fake))])
    assert r.status_code == 415 and r.json()["code"] == 4001 and "junk.mp4" in r.json()["message"]
    assert str(engine.data_dir) not in r.json()["message"] and ".upload" not in r.json()["message"]
    state = api.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]
    assert state["video_infos"] == []


def test_upload_over_the_cap_is_4002_and_nothing_is_kept(small_engine, media):
    api = client(small_engine.url, new_token(small_engine.url, "limit-a")[0])  # within the 2-account limit
    sid = new_session(api)
    big = b"\x89PNG\r\n\x1a\n" + bytes(70_000)
    with open(media["png"], "rb") as png:
        files = [("files", ("ok.png", png)), ("files", ("big.png", big))]
        r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    assert r.status_code == 413 and r.json()["code"] == 4002
    state = api.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]
    assert state["video_infos"] == []
    leftovers = list((small_engine.data_dir / "files" / "tmp").iterdir())
    assert leftovers == []


def test_url_uploads_refuse_local_addresses_and_bad_schemes(engine):
    api = account(engine.url)
    sid = new_session(api)
    for url, status in [
        ("ftp://example.com/a.png", 400),
        (f"{engine.url}/healthz", 400),
        ("http://10.1.2.3/a.png", 400),
        ("http://[::1]/a.png", 400),
        ("http://nonexistent-host.invalid/a.png", 502),
    ]:
        r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url], "source_type": "url"})
        assert r.status_code == status, (url, r.text)
        assert r.json()["message"]


def test_export_without_attribution_is_402(engine):
    token, _ = new_token(engine.url)
    api = client(engine.url, token)
    sid = new_session(api)
    body = {"id": "render_attr", "sessionId": sid, "draft": {"t": []}}
    headers = {k: v for k, v in api.headers.items() if k.lower() not in {h.lower() for h in ATTRIBUTION}}
    r = httpx.post(f"{engine.url}/api/render/proxy/lambda", json=body, headers=headers)
    assert r.status_code == 402 and r.json()["code"] == 402


def test_export_of_an_empty_or_foreign_draft_is_400(engine):
    api = account(engine.url)
    sid = new_session(api)
    empty = api.post("/api/render/proxy/lambda", json={"sessionId": sid, "draft": {"v": 1, "t": []}})
    assert empty.status_code == 400 and empty.json()["success"] is False
    draft = {"v": 1, "canvas": {"w": 320, "h": 180, "fps": 15}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "st": 0, "d": 1000, "src": "/etc/passwd"}]}]}  # fmt: skip
    bad = api.post("/api/render/proxy/lambda", json={"sessionId": sid, "draft": draft})
    assert bad.status_code == 400 and "unknown source" in bad.json()["message"]


def test_a_body_that_is_not_json_says_so(engine):
    """FastAPI reports broken JSON at a character position; that number is not a field to name."""
    token, _ = new_token(engine.url)
    r = client(engine.url, token).post(
        "/run_sse", content=b'{"app_name": "nemo_agent", broken', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["code"] == 422
    message = r.json()["message"]
    assert "not valid JSON" in message and "character 27" in message, message
