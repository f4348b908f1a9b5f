"""How turns stream: heartbeats, one turn per session, re-attaching, silence, failures, credits."""

from __future__ import annotations

import asyncio
import json

import httpx
from httpx_sse import aconnect_sse

from .helpers import (
    ATTRIBUTION,
    account,
    chat,
    client,
    credits,
    new_session,
    new_token,
    run_body,
    state,
    wait_for,
)


def _titles(api: httpx.Client, sid: str) -> list[str]:
    draft = state(api, sid)["draft"] or {}
    return [s["text"] for t in draft.get("t", []) if t["m"].get("role") == "title" for s in t["sg"]]


def test_heartbeats_while_a_tool_runs(engine):
    api = account(engine.url)
    sid = new_session(api)
    turn = chat(api, sid, "!slow 1.2 add lo-fi music at 20%")
    assert turn.status == 200 and not turn.errors
    assert turn.heartbeats >= 3  # every 0.2 s during the 1.2 s tool
    assert turn.calls == ["test_wait", "add_music"]
    assert "BGM: Lo-fi" in turn.texts[-1]


async def _while_a_turn_runs(base: str, token: str, text: str, during) -> tuple[object, list[str]]:
    """Start a turn, wait for its first event (it is running then), call `during(api, sid)`, finish it."""
    headers = {"Authorization": f"Bearer {token}", **ATTRIBUTION}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as api:
        r = await api.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "t"})
        sid = r.json()["data"]["session_id"]
        texts: list[str] = []
        async with aconnect_sse(api, "POST", "/run_sse", json=run_body(sid, text)) as source:
            events = source.aiter_sse()
            first = await anext(events)
            assert "functionCall" in first.data
            result = await during(api, sid)
            async for sse in events:
                if sse.data:
                    texts += [
                        p["text"]
                        for p in json.loads(sse.data).get("content", {}).get("parts", [])
                        if "text" in p
                    ]
        return result, texts


def test_a_second_turn_on_a_busy_session_is_409(engine):
    token, _ = new_token(engine.url)

    async def second(api: httpx.AsyncClient, sid: str) -> httpx.Response:
        return await api.post("/run_sse", json={"session_id": sid, "new_message": {"parts": [{"text": "x"}]}})

    response, texts = asyncio.run(
        _while_a_turn_runs(engine.url, token, "!slow 1 title 'Once' for 2 seconds", second)
    )
    assert response.status_code == 409 and response.json()["code"] == 409
    assert "already running" in response.json()["message"]
    assert 'Title: "Once"' in texts[-1]


def test_last_event_id_reattaches_instead_of_running_again(engine):
    api = account(engine.url)
    sid = new_session(api)
    first = chat(api, sid, "!slow 1 title 'Only Once' for 2 seconds", stop_after=1)  # drop after 1 event
    assert first.calls == ["test_wait"]
    resumed = chat(
        api, sid, "!slow 1 title 'Only Once' for 2 seconds", headers={"Last-Event-ID": first.ids[0]}
    )
    assert resumed.status == 200
    assert first.ids[0] not in resumed.ids  # replay starts after the given id
    assert resumed.calls == ["add_title"] and 'Title: "Only Once"' in resumed.texts[-1]
    # Just after the turn: re-attaching replays the rest and ends; nothing runs twice.
    again = chat(api, sid, "ignored", headers={"Last-Event-ID": resumed.ids[-2]})
    assert again.ids == resumed.ids[-1:]
    assert _titles(api, sid) == ["Only Once"]
    assert credits(api) == {"available": 95, "frozen": 0, "total": 95}


def test_nothing_to_reattach_is_410(engine):
    api = account(engine.url)
    sid = new_session(api)
    turn = chat(api, sid, "x", headers={"Last-Event-ID": "nope"})
    assert turn.status == 410 and "state" in turn.body["message"]


def test_a_dropped_stream_charges_once_and_unfreezes(engine):
    api = account(engine.url)
    sid = new_session(api)
    chat(api, sid, "!slow 1.5 title 'Dropped' for 2 seconds", stop_after=1)
    assert credits(api)["frozen"] == 5  # the turn goes on without a listener
    wait_for(lambda: credits(api)["frozen"] == 0, timeout=10)
    assert credits(api) == {"available": 95, "frozen": 0, "total": 95}
    assert _titles(api, sid) == ["Dropped"]


def test_a_failed_turn_sends_an_error_frame_and_charges_nothing(engine):
    api = account(engine.url)
    sid = new_session(api)
    turn = chat(api, sid, "!fail title 'Never' for 2 seconds")
    assert turn.status == 200
    assert turn.errors and any(
        "test_fail" in (e.get("error") or e.get("errorMessage") or "") for e in turn.errors
    )
    assert credits(api) == {"available": 100, "frozen": 0, "total": 100}
    assert _titles(api, sid) == []
    assert chat(api, sid, "title 'After' for 1 second").status == 200  # the session still works


def test_silent_turn_has_no_text_but_changes_state(engine):
    api = account(engine.url)
    sid = new_session(api)
    turn = chat(api, sid, "!silent title 'Quiet' for 2 seconds")
    assert turn.status == 200 and turn.texts == [] and turn.calls == ["add_title"]
    assert any("draft" in d for d in turn.state_deltas())
    assert _titles(api, sid) == ["Quiet"]


def test_upload_during_a_turn_is_applied_when_it_ends(engine, media):
    token, _ = new_token(engine.url)

    async def upload(api: httpx.AsyncClient, sid: str) -> tuple[bool, str]:
        files = [("files", ("sunset.png", media["png"].read_bytes()))]
        up = await api.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
        return up.json()["data"]["session_state_applied"], sid

    (applied, sid), _ = asyncio.run(
        _while_a_turn_runs(engine.url, token, "!slow 0.5 make it vertical", upload)
    )
    assert applied is False
    st = state(client(engine.url, token), sid)
    assert len(st["video_infos"]) == 1 and st["canvas_config"]["aspect_ratio"] == "9:16"
