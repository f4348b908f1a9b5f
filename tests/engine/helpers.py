"""Small synchronous and asynchronous helpers that speak the protocol with plain httpx."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from httpx_sse import aconnect_sse, connect_sse

TEST_ENV = {
    "NEMO_ENGINE_TEST_HOOKS": "1",
    "NEMO_ENGINE_HEARTBEAT_S": "0.2",
    "NEMO_ENGINE_IP_TOKEN_LIMIT": "100000",
}
ATTRIBUTION = {"X-Skill-Source": "generator-online", "X-Skill-Version": "test", "X-Skill-Platform": "unknown"}


@dataclass
class Turn:
    status: int
    events: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    heartbeats: int = 0
    body: Any = None

    @property
    def texts(self) -> list[str]:
        return [
            p["text"] for e in self.events for p in (e.get("content") or {}).get("parts", []) if "text" in p
        ]

    @property
    def calls(self) -> list[str]:
        parts = [p for e in self.events for p in (e.get("content") or {}).get("parts", [])]
        return [p["functionCall"]["name"] for p in parts if "functionCall" in p]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [e for e in self.events if "error" in e or "errorCode" in e]

    def state_deltas(self) -> list[dict[str, Any]]:
        return [e["actions"]["stateDelta"] for e in self.events if (e.get("actions") or {}).get("stateDelta")]


def new_token(base: str, client_id: str | None = None) -> tuple[str, str]:
    r = httpx.post(
        f"{base}/api/auth/anonymous-token", headers={"X-Client-Id": client_id or str(uuid.uuid4())}
    )
    r.raise_for_status()
    data = r.json()["data"]
    return data["token"], data["user_id"]


def client(base: str, token: str, **kw: Any) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}", **ATTRIBUTION}
    return httpx.Client(base_url=base, headers=headers, timeout=60, **kw)


def account(base: str) -> httpx.Client:
    token, _ = new_token(base)
    return client(base, token)


def new_session(api: httpx.Client) -> str:
    r = api.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "project", "language": "en"})
    r.raise_for_status()
    return r.json()["data"]["session_id"]


def run_body(session_id: str, text: str) -> dict[str, Any]:
    return {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": session_id,
        "new_message": {"role": "user", "parts": [{"text": text}]},
    }


def _collect(turn: Turn, sse: Any) -> None:
    if sse.event == "message" and sse.data == "":
        turn.heartbeats += 1
        return
    turn.events.append(json.loads(sse.data))
    turn.ids.append(sse.id)


def chat(api: httpx.Client, session_id: str, text: str, *, headers: dict[str, str] | None = None,
         stop_after: int | None = None) -> Turn:  # fmt: skip
    """One /run_sse call; `stop_after=n` drops the connection after n ADK events."""
    with connect_sse(
        api, "POST", "/run_sse", json=run_body(session_id, text), headers=dict(headers or {})
    ) as source:
        turn = Turn(source.response.status_code)
        if "text/event-stream" not in source.response.headers.get("content-type", ""):
            source.response.read()
            turn.body = source.response.json()
            return turn
        for sse in source.iter_sse():
            _collect(turn, sse)
            if stop_after is not None and len(turn.events) >= stop_after:
                break
    return turn


async def achat(api: httpx.AsyncClient, session_id: str, text: str, **kw: Any) -> Turn:
    async with aconnect_sse(api, "POST", "/run_sse", json=run_body(session_id, text), **kw) as source:
        turn = Turn(source.response.status_code)
        if "text/event-stream" not in source.response.headers.get("content-type", ""):
            await source.response.aread()
            turn.body = source.response.json()
            return turn
        async for sse in source.aiter_sse():
            _collect(turn, sse)
    return turn


def state(api: httpx.Client, session_id: str) -> dict[str, Any]:
    r = api.get(f"/api/state/nemo_agent/me/{session_id}/latest")
    r.raise_for_status()
    return r.json()["data"]["state"]


def credits(api: httpx.Client) -> dict[str, int]:
    r = api.get("/api/credits/balance/simple")
    r.raise_for_status()
    return r.json()["data"]


def wait_for(predicate: Any, timeout: float = 30, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


def small_canvas(draft: dict[str, Any], w: int = 320, h: int = 180, fps: int = 15) -> dict[str, Any]:
    """The same draft on a tiny canvas (text sizes scaled) so that test renders are quick."""
    draft = json.loads(json.dumps(draft))
    scale = min(w, h) / min(draft["canvas"]["w"], draft["canvas"]["h"])
    draft["canvas"].update({"w": w, "h": h, "fps": fps})
    for track in draft["t"]:
        for seg in track["sg"]:
            if "style" in seg and "size" in seg["style"]:
                seg["style"]["size"] = max(8, round(seg["style"]["size"] * scale))
    return draft


def export(api: httpx.Client, session_id: str, draft: dict[str, Any], render_id: str | None = None) -> dict:
    body = {"id": render_id or f"render_{uuid.uuid4().hex}", "sessionId": session_id, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}  # fmt: skip
    r = api.post("/api/render/proxy/lambda", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def wait_render(api: httpx.Client, render_id: str, timeout: float = 90) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        job = api.get(f"/api/render/proxy/lambda/{render_id}").json()
        return job if job["status"] in ("completed", "failed") else None

    return wait_for(done, timeout, 0.2)
