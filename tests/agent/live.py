"""Speaking the protocol to a live engine with plain httpx (a few calls the agent tests need)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from httpx_sse import connect_sse

TEST_ENV = {"NEMO_ENGINE_TEST_HOOKS": "1", "NEMO_ENGINE_IP_TOKEN_LIMIT": "100000"}
ATTRIBUTION = {"X-Skill-Source": "generator-online", "X-Skill-Version": "test", "X-Skill-Platform": "unknown"}


@dataclass
class Turn:
    status: int
    events: list[dict[str, Any]] = field(default_factory=list)

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


def account(base: str) -> httpx.Client:
    r = httpx.post(f"{base}/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
    r.raise_for_status()
    token = r.json()["data"]["token"]
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {token}", **ATTRIBUTION}, timeout=120
    )


def new_session(api: httpx.Client) -> str:
    r = api.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "agent", "language": "en"})
    r.raise_for_status()
    return r.json()["data"]["session_id"]


def chat(api: httpx.Client, session_id: str, text: str) -> Turn:
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": session_id,
            "new_message": {"role": "user", "parts": [{"text": text}]}}  # fmt: skip
    with connect_sse(api, "POST", "/run_sse", json=body) as source:
        turn = Turn(source.response.status_code)
        for sse in source.iter_sse():
            if sse.data:
                turn.events.append(json.loads(sse.data))
    return turn


def state(api: httpx.Client, session_id: str) -> dict[str, Any]:
    r = api.get(f"/api/state/nemo_agent/me/{session_id}/latest")
    r.raise_for_status()
    return r.json()["data"]["state"]


def credits(api: httpx.Client) -> int:
    return api.get("/api/credits/balance/simple").json()["data"]["available"]


def export(api: httpx.Client, session_id: str, draft: dict[str, Any], timeout: float = 300) -> dict[str, Any]:
    body = {"id": f"render_{uuid.uuid4().hex}", "sessionId": session_id, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}  # fmt: skip
    r = api.post("/api/render/proxy/lambda", json=body)
    assert r.status_code == 200, r.text
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = api.get(f"/api/render/proxy/lambda/{body['id']}").json()
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.25)
    raise AssertionError("the export did not finish in time")


def small_canvas(draft: dict[str, Any], w: int = 320, h: int = 180) -> dict[str, Any]:
    draft = json.loads(json.dumps(draft))
    scale = min(w, h) / min(draft["canvas"]["w"], draft["canvas"]["h"])
    draft["canvas"].update({"w": w, "h": h, "fps": 15})
    for track in draft["t"]:
        for seg in track["sg"]:
            if "size" in seg.get("style", {}):
                seg["style"]["size"] = max(8, round(seg["style"]["size"] * scale))
    return draft
