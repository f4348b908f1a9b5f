"""A team server: two engine processes (API nodes) on one real PostgreSQL and one media folder.

Each node has its own data directory (its lock, caches, logs); accounts, credits, sessions, uploads and
renders are shared through the database and the folder, so a client may reach either node."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_sse import aconnect_sse

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .helpers import (
    ATTRIBUTION,
    TEST_ENV,
    achat,
    chat,
    client,
    credits,
    export,
    new_session,
    new_token,
    run_body,
    small_canvas,
    state,
    wait_for,
    wait_render,
)

ACCOUNTS, SESSIONS_EACH = 10, 5


@pytest.fixture(scope="module")
def nodes(
    postgres: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LocalEngine, LocalEngine]]:
    url = postgres.new_database()
    media = tmp_path_factory.mktemp("shared-media")
    env = {**TEST_ENV, "NEMO_ENGINE_DB": url, "NEMO_ENGINE_MEDIA": str(media)}
    with (
        LocalEngine(tmp_path_factory.mktemp("node-a"), env=env) as a,
        LocalEngine(tmp_path_factory.mktemp("node-b"), env=env) as b,
    ):
        yield a, b


def test_an_account_session_and_upload_made_on_one_node_are_used_on_the_other(
    nodes: tuple[LocalEngine, LocalEngine], tmp_path: Path
) -> None:
    a, b = nodes
    for node in nodes:  # nothing of the shared state in a node's own folder
        assert not {"engine.db", "sessions.db", "files"} & {p.name for p in node.data_dir.iterdir()}
    token, _ = new_token(a.url)
    at_a, at_b = client(a.url, token), client(b.url, token)
    assert credits(at_b) == credits(at_a) == {"available": 100, "frozen": 0, "total": 100}
    sid = at_a.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "shared"}).json()["data"][
        "session_id"
    ]
    turn = chat(at_b, sid, "generate a 6-second video from this script: Two nodes. One project.")
    assert turn.status == 200 and not turn.errors, turn.events[-1:]
    draft = state(at_a, sid)["draft"]  # the draft B's turn made, read at A
    assert draft["d"] >= 5000 and draft["t"]
    spent_at_b = 100 - credits(at_b)["available"]
    assert spent_at_b > 0 and credits(at_a)["available"] == 100 - spent_at_b

    picture = tmp_path / "shop.png"
    from PIL import Image

    Image.new("RGB", (320, 180), (200, 80, 40)).save(picture)
    with picture.open("rb") as handle:
        uploaded = at_a.post(
            "/api/upload-video/nemo_agent/me/" + sid, files={"files": ("shop.png", handle, "image/png")}
        )
    assert uploaded.status_code == 200, uploaded.text
    cdn_url = uploaded.json()["data"]["files"][0]["cdn_url"]
    served = at_b.get(cdn_url.replace(a.url, b.url))  # the file is in the shared folder
    assert served.status_code == 200 and served.content == picture.read_bytes()


def test_fifty_concurrent_turns_across_two_nodes_charge_exactly(
    nodes: tuple[LocalEngine, LocalEngine],
) -> None:
    a, b = nodes

    async def one(make: httpx.AsyncClient, run: httpx.AsyncClient, n: int) -> tuple[int, str]:
        r = await make.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": f"p{n}"})
        sid = r.json()["data"]["session_id"]
        turn = await achat(run, sid, f"title 'Session {n}' for 2 seconds")  # on the other node
        shown = (await make.get(f"/api/state/nemo_agent/me/{sid}/latest")).json()["data"]["state"]
        return turn.status, shown["draft"]["t"][0]["sg"][0]["text"]

    async def scenario() -> tuple[list[tuple[int, str]], list[dict[str, Any]], float]:
        pairs = []
        for _ in range(ACCOUNTS):
            r = httpx.post(f"{a.url}/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
            headers = {"Authorization": f"Bearer {r.json()['data']['token']}", **ATTRIBUTION}
            pairs.append(
                tuple(httpx.AsyncClient(base_url=n.url, headers=headers, timeout=120) for n in (a, b))
            )
        try:
            started = time.monotonic()
            jobs = [
                one(pair[s % 2], pair[1 - s % 2], i * SESSIONS_EACH + s)
                for i, pair in enumerate(pairs)
                for s in range(SESSIONS_EACH)
            ]
            results = await asyncio.gather(*jobs)
            elapsed = time.monotonic() - started
            balances = [
                (await pair[i % 2].get("/api/credits/balance/simple")).json()["data"]
                for i, pair in enumerate(pairs)
            ]
            return results, balances, elapsed
        finally:
            for pair in pairs:
                for api in pair:
                    await api.aclose()

    results, balances, elapsed = asyncio.run(scenario())
    assert [r[0] for r in results] == [200] * ACCOUNTS * SESSIONS_EACH
    assert [r[1] for r in results] == [f"Session {n}" for n in range(ACCOUNTS * SESSIONS_EACH)]
    assert all(b == {"available": 75, "frozen": 0, "total": 75} for b in balances), balances
    print(f"50 turns across two nodes in {elapsed:.1f} s")


def test_a_turn_running_on_one_node_makes_the_other_refuse_a_second_and_hold_an_upload(
    nodes: tuple[LocalEngine, LocalEngine], tmp_path: Path
) -> None:
    a, b = nodes
    token, _ = new_token(a.url)
    headers = {"Authorization": f"Bearer {token}", **ATTRIBUTION}
    picture = tmp_path / "late.png"
    from PIL import Image

    Image.new("RGB", (320, 180), (20, 160, 90)).save(picture)

    async def scenario() -> tuple[int, str, bool, int]:
        async with (
            httpx.AsyncClient(base_url=a.url, headers=headers, timeout=60) as at_a,
            httpx.AsyncClient(base_url=b.url, headers=headers, timeout=60) as at_b,
        ):
            r = await at_a.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "busy"})
            sid = r.json()["data"]["session_id"]
            body = run_body(sid, "!slow 1.5 title 'Once' for 2 seconds")
            async with aconnect_sse(at_a, "POST", "/run_sse", json=body) as source:
                events = source.aiter_sse()
                assert "functionCall" in (await anext(events)).data  # the turn runs at A
                second = await at_b.post("/run_sse", json=run_body(sid, "title 'Twice' for 2 seconds"))
                upload = await at_b.post(
                    f"/api/upload-video/nemo_agent/me/{sid}",
                    files={"files": ("late.png", picture.read_bytes(), "image/png")},
                )
                applied = upload.json()["data"]["session_state_applied"]
                async for _ in events:
                    pass
            for _ in range(50):  # B applies the upload once A's turn has ended
                shown = (await at_b.get(f"/api/state/nemo_agent/me/{sid}/latest")).json()["data"]["state"]
                uploads = len(shown.get("video_infos") or [])
                if uploads:
                    break
                await asyncio.sleep(0.2)
            return second.status_code, second.text, applied, uploads

    status, text, applied, uploads = asyncio.run(scenario())
    assert status == 409 and "already running" in text
    assert applied is False and uploads == 1


def test_a_node_killed_mid_turn_and_mid_render_is_settled_by_the_other(
    postgres: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No restart here: node B, alive all along, notices A's silence and settles A's work."""
    env = {
        **TEST_ENV,
        "NEMO_ENGINE_DB": postgres.new_database(),
        "NEMO_ENGINE_MEDIA": str(tmp_path_factory.mktemp("media")),
        "NEMO_ENGINE_NODE_HEARTBEAT_S": "0.5",  # a node silent for 1.5 s is dead
    }
    a = LocalEngine(tmp_path_factory.mktemp("doomed"), env=env)
    a.start_sync()
    try:
        with LocalEngine(tmp_path_factory.mktemp("survivor"), env=env) as b:
            token, _ = new_token(a.url)
            at_a, at_b = client(a.url, token), client(b.url, token)
            sid = new_session(at_a)
            script = "generate a 20-second video from this script: " + " ".join(
                f"Part {i}." for i in range(6)
            )
            assert chat(at_a, sid, script).status == 200
            job = export(at_a, sid, small_canvas(state(at_a, sid)["draft"], 1280, 720, 30), "render_lost")

            def processing() -> bool:
                return at_a.get(f"/api/render/proxy/lambda/{job['id']}").json()["status"] == "processing"

            wait_for(processing, timeout=30, interval=0.05)
            slow = chat(at_a, sid, "!slow 30 title 'Never Finished' for 2 seconds", stop_after=1)
            assert slow.calls == ["test_wait"]
            assert credits(at_b) == {"available": 75, "frozen": 5, "total": 80}
            busy = chat(at_b, sid, "title 'Too Soon' for 2 seconds")
            assert busy.status == 409  # A's turn still holds the session
            a.kill()

            wait_for(lambda: credits(at_b)["frozen"] == 0, timeout=20)
            assert credits(at_b) == {"available": 80, "frozen": 0, "total": 80}  # the cut-off turn is free
            status = at_b.get("/api/render/proxy/lambda/render_lost").json()
            assert status["status"] == "failed" and "stopped" in status["error"]
            assert chat(at_b, sid, "title 'After' for 2 seconds").status == 200  # the claim lapsed
            retry = export(at_b, sid, small_canvas(state(at_b, sid)["draft"]), "render_again")
            assert wait_render(at_b, retry["id"], timeout=120)["status"] == "completed"
    finally:
        a.stop_sync()
