"""Fifty sessions, each running a turn at the same moment: all succeed, none sees another's draft."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx

from .helpers import ATTRIBUTION, achat

ACCOUNTS, SESSIONS_EACH = 10, 5


async def _account(base: str) -> httpx.AsyncClient:
    r = httpx.post(f"{base}/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
    headers = {"Authorization": f"Bearer {r.json()['data']['token']}", **ATTRIBUTION}
    limits = httpx.Limits(max_connections=SESSIONS_EACH * 2)
    return httpx.AsyncClient(base_url=base, headers=headers, timeout=60, limits=limits)


async def _one(api: httpx.AsyncClient, n: int) -> tuple[int, str, str]:
    r = await api.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": f"p{n}"})
    sid = r.json()["data"]["session_id"]
    turn = await achat(api, sid, f"title 'Session {n}' for 2 seconds")
    state = (await api.get(f"/api/state/nemo_agent/me/{sid}/latest")).json()["data"]["state"]
    title = state["draft"]["t"][0]["sg"][0]["text"]
    return turn.status, (turn.texts or [""])[-1], title


def test_fifty_concurrent_sessions(engine):
    async def scenario() -> tuple[list, float, list]:
        clients = [await _account(engine.url) for _ in range(ACCOUNTS)]
        try:
            started = time.monotonic()
            jobs = [
                _one(api, a * SESSIONS_EACH + s)
                for a, api in enumerate(clients)
                for s in range(SESSIONS_EACH)
            ]
            results = await asyncio.gather(*jobs)
            elapsed = time.monotonic() - started
            balances = [(await api.get("/api/credits/balance/simple")).json()["data"] for api in clients]
            return results, elapsed, balances
        finally:
            for api in clients:
                await api.aclose()

    results, elapsed, balances = asyncio.run(scenario())
    assert len(results) == ACCOUNTS * SESSIONS_EACH
    for n, (status, text, title) in enumerate(results):
        assert status == 200
        assert f'Title: "Session {n}"' in text
        assert title == f"Session {n}"
    assert all(b == {"available": 75, "frozen": 0, "total": 75} for b in balances)
    assert elapsed < 60, f"50 concurrent turns took {elapsed:.1f} s"
