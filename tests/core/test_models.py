from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nemo_tui.core import errors as E
from nemo_tui.core.draft import Draft
from nemo_tui.core.models import (
    AnonymousToken,
    ClaimToken,
    Credits,
    RenderJob,
    RenderRequest,
    RunRequest,
    SessionInfo,
    SessionState,
    UploadResult,
    unwrap,
)

from .helpers import TOKEN, load


def test_unwrap_all_three_envelopes() -> None:
    assert unwrap({"code": 0, "data": {"a": 1}}) == {"a": 1}
    assert unwrap({"code": "0", "data": {"a": 1}}) == {"a": 1}
    assert unwrap({"success": True, "data": {"a": 1}}) == {"a": 1}
    assert unwrap({"success": True, "id": "x"}) == {"success": True, "id": "x"}
    assert unwrap({"status": "pending"}) == {"status": "pending"}


@pytest.mark.parametrize(
    ("body", "cls"),
    [
        (load("error_1001.json"), E.AuthError),
        (load("error_1002.json"), E.SessionNotFound),
        (load("error_2001.json"), E.InsufficientCredits),
        (load("error_success_false.json"), E.APIError),
        ({"error": "boom"}, E.APIError),
    ],
)
def test_unwrap_raises_error_envelopes(body, cls) -> None:
    with pytest.raises(cls):
        unwrap(body, 200)


def test_anonymous_token_hides_the_token() -> None:
    tok = AnonymousToken.model_validate(unwrap(load("anonymous_token.json")))
    assert tok.token.get_secret_value() == TOKEN
    assert tok.user_id == "anon_abc123"
    assert tok.credits == 100
    assert tok.expires_at == datetime(2099, 12, 2, 4, 0, tzinfo=UTC)
    assert tok.model_extra == {"scopes": ["read", "write", "upload"]}  # unknown field kept
    for text in (repr(tok), str(tok), tok.model_dump_json()):
        assert TOKEN not in text
    assert tok.to_wire()["token"] == TOKEN  # what a server sends
    assert tok.to_wire()["expires_at"] == "2099-12-02T04:00:00Z"


def test_claim_session_credits_upload() -> None:
    assert ClaimToken.model_validate(unwrap(load("claim_token.json"))).claim_token == "clm_fixture123"
    info = SessionInfo.model_validate(unwrap(load("session.json")))
    assert (info.session_id, info.task_id) == ("5529798706024415232", "task_xxx")
    assert info.model_extra == {"created_at": 1773423613616}
    assert SessionInfo.model_validate({"session_id": 5529798706024415232}).session_id == "5529798706024415232"
    credits = Credits.model_validate(unwrap(load("credits.json")))
    assert (credits.available, credits.frozen, credits.total) == (25000, 40, 25040)
    assert credits.model_extra == {"currency": "credits"}
    assert Credits.model_validate({"available": 10, "frozen": 5}).total == 15
    upload = UploadResult.model_validate(unwrap(load("upload.json")))
    assert upload.session_state_applied is True
    f = upload.files[0]
    assert (f.id, f.filename, f.file_type, f.duration, f.width, f.fps) == (
        "m_1",
        "city.mp4",
        "video",
        30.5,
        1920,
        30,
    )
    assert upload.model_extra == {"request_id": "r1"}


def test_session_state_engine_and_cloud() -> None:
    state = SessionState.from_data(unwrap(load("state_engine.json")))
    assert (state.session_id, state.task_id) == ("s_1", "task_1")
    assert isinstance(state.draft, Draft) and state.draft.is_ready()
    assert state.video_infos[0].id == "m_1" and state.video_infos[0].model_extra == {"codec": "h264"}
    assert state.canvas_config == {"width": 1920, "height": 1080, "ratio": "16:9"}
    assert state.generated_media == [{"kind": "music", "name": "lofi"}]
    assert state.model_extra["video_analyses"] == {"m_1": {"summary": "a city"}}
    raw_draft = load("state_engine.json")["data"]["state"]["draft"]
    assert state.draft.to_wire() == raw_draft

    cloud = SessionState.from_data(unwrap(load("state_cloud.json")))
    assert cloud.draft is not None and len(cloud.draft.tracks) == 3
    assert cloud.session_id is None and cloud.video_infos == []


def test_session_state_tolerates_odd_shapes() -> None:
    state = SessionState.from_data(
        {"state": {"draft": '{"t": []}', "video_infos": {"m1": {"filename": "a.png"}}}}
    )
    assert state.draft is not None and not state.draft.is_ready()
    assert state.video_infos[0].id == "m1"
    empty = SessionState.from_data({"state": {"draft": {}}})
    assert empty.draft is None


@pytest.mark.parametrize(
    ("name", "status", "url"),
    [
        ("render_submit.json", "pending", None),
        ("render_poll_top.json", "completed", "https://static1.nemovideo.ai/render-result/render_1.mp4"),
        ("render_poll_wrapped.json", "completed", "https://static1.nemovideo.ai/render-result/render_1.mp4"),
        ("render_poll_engine.json", "processing", None),
        ("render_failed.json", "failed", None),
    ],
)
def test_render_job_shapes(name: str, status: str, url: str | None) -> None:
    job = RenderJob.model_validate(unwrap(load(name)))
    assert job.id == "render_1"
    assert job.status == status
    assert job.output_url == url
    assert job.progress is not None


def test_render_job_nested_data_and_failure() -> None:
    # the wrapped shape inside a bare object (no success flag)
    job = RenderJob.model_validate({"data": {"status": "completed", "outputUrl": "https://x/y.mp4"}})
    assert job.completed and job.output_url == "https://x/y.mp4"
    failed = RenderJob.model_validate(load("render_failed.json"))
    assert failed.done and not failed.completed
    with pytest.raises(E.RenderFailed, match="ffmpeg exited") as info:
        failed.raise_if_failed()
    assert info.value.render_id == "render_1"
    structured = RenderJob.model_validate({"id": "r", "status": "FAILED", "error": {"message": "no disk"}})
    assert structured.status == "failed" and structured.error == "no disk"


def test_request_models_match_protocol_bodies() -> None:
    run = RunRequest.for_text("sid", "hello").model_dump(mode="json")
    assert run == {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": "sid",
        "new_message": {"role": "user", "parts": [{"text": "hello"}]},
    }
    render = RenderRequest(id="render_1", sessionId="sid", draft={"t": []}).to_wire()
    assert render == {
        "id": "render_1",
        "sessionId": "sid",
        "draft": {"t": []},
        "output": {"format": "mp4", "quality": "high"},
    }
    # the engine validates incoming bodies with the same models
    assert RenderRequest.model_validate(render).session_id == "sid"
