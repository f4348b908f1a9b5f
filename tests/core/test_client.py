"""The client's request path and retry policy, against a scripted fake backend."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import httpx
import pytest

from nemo_tui import __version__
from nemo_tui.core import errors as E
from nemo_tui.core.draft import Draft
from nemo_tui.core.models import RenderJob
from nemo_tui.core.settings import TokenCache

from .helpers import TOKEN, json_response, load

STATE = "/api/state/nemo_agent/me/sid/latest"
TOKEN_PATH = "/api/auth/anonymous-token"
TOKEN2 = "nmv_usr_SECONDtokenQQQQ"


def second_token() -> httpx.Response:
    body = load("anonymous_token.json")
    body["data"]["token"] = TOKEN2
    return json_response(body)


async def test_token_then_session_with_all_headers(make_client, backend, settings) -> None:
    backend.on("POST", "/api/tasks/me/with-session/nemo_agent", json_response(load("session.json")))
    client = make_client()
    info = await client.create_session(language="zh-CN")
    assert (info.session_id, info.task_id) == ("5529798706024415232", "task_xxx")

    [tok] = backend.calls("POST", TOKEN_PATH)
    assert "authorization" not in tok.headers
    assert tok.headers["x-client-id"] == settings.client_id()
    assert stat.S_IMODE(settings.client_id_path.stat().st_mode) == 0o600

    [made] = backend.calls("POST", "/api/tasks/me/with-session/nemo_agent")
    assert made.headers["authorization"] == f"Bearer {TOKEN}"
    assert json.loads(made.content) == {"task_name": "project", "language": "zh-CN"}
    for request in backend.requests:  # attribution on every call, the token call included
        assert request.headers["x-skill-source"] == "generator-online"
        assert request.headers["x-skill-version"] == __version__
        assert request.headers["x-skill-platform"] == "unknown"

    # the token is cached (0600) per API URL: a restarted client does not burn the quota
    cached = TokenCache(settings.token_cache_path).load(settings.api_url)
    assert cached is not None and cached.token.get_secret_value() == TOKEN
    assert stat.S_IMODE(settings.token_cache_path.stat().st_mode) == 0o600
    restarted = make_client()
    await restarted.create_session()
    assert len(backend.calls("POST", TOKEN_PATH)) == 1


async def test_env_token_is_used_without_fetching(make_client, backend, settings) -> None:
    from dataclasses import replace

    from pydantic import SecretStr

    backend.on("GET", "/api/credits/balance/simple", json_response(load("credits.json")))
    client = make_client(settings=replace(settings, token=SecretStr("nmv_usr_fromenv")))
    credits = await client.credits()
    assert (credits.available, credits.frozen, credits.total) == (25000, 40, 25040)
    assert backend.calls("POST", TOKEN_PATH) == []
    assert backend.requests[0].headers["authorization"] == "Bearer nmv_usr_fromenv"


async def test_1001_fetches_a_new_token_with_the_same_client_id_and_retries_once(
    make_client, backend
) -> None:
    backend.on("POST", TOKEN_PATH, json_response(load("anonymous_token.json")), second_token())
    backend.on("GET", STATE, json_response(load("error_1001.json")), json_response(load("state_engine.json")))
    state = await make_client().state("sid")
    assert state.draft is not None and state.draft.is_ready()

    tokens = backend.calls("POST", TOKEN_PATH)
    assert len(tokens) == 2
    assert tokens[0].headers["x-client-id"] == tokens[1].headers["x-client-id"]
    calls = backend.calls("GET", STATE)
    assert [c.headers["authorization"] for c in calls] == [f"Bearer {TOKEN}", f"Bearer {TOKEN2}"]


async def test_auth_error_twice_is_raised_after_one_retry(make_client, backend) -> None:
    backend.on("POST", TOKEN_PATH, json_response(load("anonymous_token.json")), second_token())
    backend.on("GET", STATE, json_response({"detail": "bad token"}, 401))
    with pytest.raises(E.AuthError):
        await make_client().state("sid")
    assert len(backend.calls("GET", STATE)) == 2


async def test_1002_is_raised_without_retry(make_client, backend) -> None:
    backend.on("GET", STATE, json_response(load("error_1002.json")))
    with pytest.raises(E.SessionNotFound) as info:
        await make_client().state("sid")
    assert info.value.code == 1002
    assert len(backend.calls("GET", STATE)) == 1


async def test_2001_carries_the_registration_link(make_client, backend) -> None:
    backend.on("POST", "/api/tasks/me/with-session/nemo_agent", json_response(load("error_2001.json")))
    with pytest.raises(E.InsufficientCredits) as info:
        await make_client().create_session()
    assert info.value.register_url == "https://nemovideo.com/register?bind=anon_abc123"
    assert "?bind=anon_abc123" in info.value.action


async def test_2001_from_the_local_engine_advises_its_top_up(make_client, backend) -> None:
    """The local engine has no website: its 2001 body names its top-up command, and so does the advice."""
    body = {"code": 2001, "message": "Not enough credits: this request costs 5 and 0 are available.",
            "data": None, "top_up": "nemo-tui topup 100"}  # fmt: skip
    backend.on("POST", "/api/tasks/me/with-session/nemo_agent", json_response(body, 402))
    with pytest.raises(E.InsufficientCredits) as info:
        await make_client().create_session()
    assert info.value.register_url is None and info.value.top_up == "nemo-tui topup 100"
    assert "`nemo-tui topup 100`" in info.value.action and "nemovideo.com" not in info.value.action
    # The words alone are not the sign: a cloud message quoting the command still gets the link.
    body = {"code": 2001, "message": "Out of credits (not `nemo-tui topup`: that is for local engines)."}
    backend.on("POST", "/api/tasks/me/with-session/nemo_agent", json_response(body, 402))
    with pytest.raises(E.InsufficientCredits) as info:
        await make_client().create_session()
    assert info.value.top_up is None and "/register?bind=" in info.value.action


async def test_429_twice_waits_once_then_raises(make_client, backend, sleeps) -> None:
    backend.on("GET", STATE, json_response({"detail": "slow down"}, 429))
    with pytest.raises(E.RateLimited):
        await make_client().state("sid")
    assert sleeps.calls == [30.0]  # no Retry-After: the protocol's 30 s
    assert len(backend.calls("GET", STATE)) == 2


async def test_429_honours_retry_after_then_succeeds(make_client, backend, sleeps) -> None:
    limited = json_response({"code": 429, "message": "later"}, 429, headers={"Retry-After": "7"})
    backend.on("GET", STATE, limited, json_response(load("state_cloud.json")))
    state = await make_client().state("sid")
    assert state.draft is not None
    assert sleeps.calls == [7.0]


async def test_429_with_a_long_retry_after_is_not_slept_through(make_client, backend, sleeps) -> None:
    backend.on("GET", STATE, json_response({}, 429, headers={"Retry-After": "3600"}))
    with pytest.raises(E.RateLimited) as info:
        await make_client().state("sid")
    assert info.value.retry_after == 3600 and sleeps.calls == []


async def test_html_500_page(make_client, backend) -> None:
    page = "<html><head><title>500 Internal Server Error</title></head><body>" + "<p>trace</p>" * 500
    backend.on("GET", STATE, httpx.Response(500, html=page + "</body></html>"))
    with pytest.raises(E.ServerError) as info:
        await make_client().state("sid")
    assert "<" not in str(info.value) and len(str(info.value)) < 200 and info.value.status == 500


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(200, html="<html>a login page</html>"),
        httpx.Response(200, content=b'{"code": 0, "data": ', headers={"content-type": "application/json"}),
    ],
)
async def test_unexpected_content_is_a_protocol_error(make_client, backend, reply) -> None:
    backend.on("GET", STATE, reply)
    with pytest.raises(E.ProtocolError):
        await make_client().state("sid")


async def test_unreachable_backend(make_client) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(E.ConnectionFailed):
        await make_client(transport=httpx.MockTransport(refuse)).credits()


async def test_missing_client_id(make_client, backend) -> None:
    backend.on("POST", TOKEN_PATH, json_response({"detail": "bad request"}, 400))
    with pytest.raises(E.MissingClientId):
        await make_client().ensure_token()


async def test_submit_render_and_poll(make_client, backend) -> None:
    backend.on("POST", "/api/render/proxy/lambda", json_response(load("render_submit.json")))
    draft = Draft.from_wire(load("state_cloud.json")["data"]["state"]["draft"])
    job = await make_client().submit_render("sid", draft, quality="medium")
    [sent] = backend.calls("POST", "/api/render/proxy/lambda")
    body = json.loads(sent.content)
    assert re.fullmatch(r"render_\d{13}_[0-9a-f]{6}", body["id"])
    assert body["sessionId"] == "sid" and "session_id" not in body
    assert body["draft"] == load("state_cloud.json")["data"]["state"]["draft"]  # exactly as read
    assert body["output"] == {"format": "mp4", "quality": "medium"}
    assert job.status == "pending" and job.id == "render_1"

    backend.on("GET", "/api/render/proxy/lambda/r2", json_response(load("render_poll_wrapped.json")))
    backend.on("POST", "/api/render/proxy/lambda/r2/cancel", json_response({"code": 0, "data": None}))
    backend.on("POST", "/api/render/proxy/lambda", json_response({"status": "pending"}))
    client = make_client()
    job = await client.submit_render("sid", {"t": []}, render_id="r2")
    assert job.id == "r2"  # a reply without an id keeps ours
    done = await client.render_status("r2")
    assert done.completed and done.output_url.endswith("render_1.mp4")
    assert await client.cancel_render("r2") is None


async def test_claim_link_and_fallback(make_client, backend) -> None:
    backend.on("POST", "/api/auth/claim-token", json_response(load("claim_token.json")))
    client = make_client()
    assert (
        await client.claim_link("task_1", "s_1") == "https://nemovideo.com/workspace/claim?ct=clm_fixture123"
    )
    [sent] = backend.calls("POST", "/api/auth/claim-token")
    assert json.loads(sent.content) == {"task_id": "task_1", "session_id": "s_1"}

    backend.on("POST", "/api/auth/claim-token", json_response({"detail": "Not Found"}, 404))
    link = await client.claim_link("task_1", "s_1")
    assert link.startswith("https://nemovideo.com/workspace/claim?task=task_1&session=s_1&skill_name=")
    assert TOKEN not in link


async def test_upload_urls(make_client, backend) -> None:
    backend.on("POST", "/api/upload-video/nemo_agent/me/sid", json_response(load("upload.json")))
    result = await make_client().upload_urls("sid", ["https://example.com/a.mp4"])
    assert result.files[0].cdn_url == "https://cdn.example/city.mp4"
    [sent] = backend.calls("POST", "/api/upload-video/nemo_agent/me/sid")
    assert json.loads(sent.content) == {"urls": ["https://example.com/a.mp4"], "source_type": "url"}


VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


async def test_download_from_a_cdn_sends_no_token(make_client, backend, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "cdn.example":
            seen.append(request)
            return httpx.Response(200, content=VIDEO, headers={"content-type": "video/mp4"})
        return await backend.handle(request)

    progress: list[tuple[int, int | None]] = []
    client = make_client(transport=httpx.MockTransport(handler))
    job = RenderJob(id="render_1", status="completed", output_url="https://cdn.example/r.mp4")
    dest = tmp_path / "out" / "video.mp4"
    path = await client.download(job, dest, progress=lambda d, t: progress.append((d, t)))
    assert path == dest and dest.read_bytes() == VIDEO
    assert not (tmp_path / "out" / "video.mp4.part").exists()
    assert "authorization" not in seen[0].headers  # the token never goes to another host
    assert progress[-1] == (len(VIDEO), len(VIDEO))


async def test_download_by_render_id_uses_the_fallback_path(make_client, backend, tmp_path: Path) -> None:
    backend.on(
        "GET",
        "/api/render/proxy/render_9/download",
        httpx.Response(200, content=VIDEO, headers={"content-type": "video/mp4"}),
    )
    path = await make_client().download("render_9", tmp_path / "v.mp4")
    assert path.read_bytes() == VIDEO
    [sent] = backend.calls("GET", "/api/render/proxy/render_9/download")
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"


async def test_download_json_answers(make_client, backend, tmp_path: Path) -> None:
    backend.on("GET", "/api/render/proxy/r1/download", json_response(load("error_1002.json")))
    with pytest.raises(E.SessionNotFound):
        await make_client().download("r1", tmp_path / "v.mp4")
    assert not (tmp_path / "v.mp4").exists() and not (tmp_path / "v.mp4.part").exists()

    backend.on("GET", "/api/render/proxy/r2/download", json_response({"output": {"url": "/files/r2.mp4"}}))
    backend.on(
        "GET", "/files/r2.mp4", httpx.Response(200, content=VIDEO, headers={"content-type": "video/mp4"})
    )
    path = await make_client().download("r2", tmp_path / "v2.mp4")
    assert path.read_bytes() == VIDEO


async def test_a_truncated_download_leaves_no_file(make_client, backend, tmp_path: Path) -> None:
    async def short():
        yield VIDEO[:100]

    backend.on(
        "GET",
        "/api/render/proxy/r3/download",
        httpx.Response(
            200, content=short(), headers={"content-type": "video/mp4", "content-length": "999999"}
        ),
    )
    with pytest.raises(E.ConnectionFailed):
        await make_client().download("r3", tmp_path / "v.mp4")
    assert not (tmp_path / "v.mp4").exists() and not (tmp_path / "v.mp4.part").exists()


async def test_download_follows_a_redirect_without_the_token(make_client, backend, tmp_path: Path) -> None:
    cdn: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "cdn.example":
            cdn.append(request)
            return httpx.Response(200, content=VIDEO, headers={"content-type": "video/mp4"})
        return await backend.handle(request)

    redirect = httpx.Response(302, headers={"location": "https://cdn.example/signed/r4.mp4?sig=1"})
    backend.on("GET", "/api/render/proxy/r4/download", redirect)
    path = await make_client(transport=httpx.MockTransport(handler)).download("r4", tmp_path / "v.mp4")
    assert path.read_bytes() == VIDEO
    assert backend.calls("GET", "/api/render/proxy/r4/download")[0].headers["authorization"]
    assert "authorization" not in cdn[0].headers
