"""The engine's ADK routes against stock ADK's (google-adk 2.13.0 `adk api_server`, recorded in
tests/core/fixtures/stock_adk_*): the same session routes and answers where the engine can, and a
clear refusal, never a silent drop, where it cannot."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from .helpers import account, chat, credits, new_session, run_body

STOCK = Path(__file__).parent.parent / "core" / "fixtures"
SESSIONS = "/apps/nemo_agent/users/me/sessions"


def test_a_session_is_created_with_the_id_in_the_path(engine):
    """ADK's older route, POST …/sessions/{id} (405 in the engine before), makes that session."""
    api = account(engine.url)
    sid = f"mine-{uuid.uuid4().hex[:8]}"
    made = api.post(f"{SESSIONS}/{sid}")
    assert made.status_code == 200, made.text
    stock = json.loads((STOCK / "stock_adk_session.json").read_text())
    assert {**stock, "id": sid}.keys() <= made.json().keys()
    assert (made.json()["id"], made.json()["userId"], made.json()["appName"]) == (sid, "me", "nemo_agent")
    assert chat(api, sid, "add title 'Named' for 2 seconds").texts, "the session runs turns"
    again = api.post(f"{SESSIONS}/{sid}")
    assert again.status_code == 409 and again.json()["detail"] == f"Session already exists: {sid}"


def test_a_session_id_in_the_body_is_used(engine):
    api = account(engine.url)
    sid = f"body-{uuid.uuid4().hex[:8]}"
    assert api.post(SESSIONS, json={"session_id": sid}).json()["id"] == sid
    assert api.get(f"{SESSIONS}/{sid}").status_code == 200
    bad = api.post(SESSIONS, json={"session_id": "../x"})
    assert bad.status_code == 400 and "session id" in bad.json()["message"]


def test_user_id_is_the_user_the_caller_named(engine):
    """As in stock ADK: `userId` echoes the path (`me` here); the account behind it is the token's."""
    api = account(engine.url)
    sid = api.post(SESSIONS, json={}).json()["id"]
    assert api.get(f"{SESSIONS}/{sid}").json()["userId"] == "me"
    assert {s["userId"] for s in api.get(SESSIONS).json()} == {"me"}


def test_callers_cannot_write_the_session_state(engine):
    """Stock ADK applies `state_delta` (and a new session's `state`); the engine refuses both in so
    many words instead of dropping them: its state belongs to its tools."""
    api = account(engine.url)
    sid = new_session(api)
    refused = api.post(
        "/run_sse", json={**run_body(sid, "add title 'Free' for 2 s"), "state_delta": {"x": 1}}
    )
    assert refused.status_code == 400 and "state_delta" in refused.json()["message"]
    assert credits(api)["available"] == 100, "nothing ran"
    for body in ({"state": {"draft": {"t": []}}}, {"events": [{"author": "user"}]}):
        made = api.post(SESSIONS, json=body)
        assert made.status_code == 400 and next(iter(body)) in made.json()["message"], made.text
    assert api.post(f"{SESSIONS}/s-{uuid.uuid4().hex[:6]}", json={"app:shared": 1}).status_code == 400
