"""The engine killed with SIGKILL mid-render and mid-turn, then started again on the same data."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .helpers import (
    TEST_ENV,
    account,
    chat,
    client,
    credits,
    export,
    new_session,
    new_token,
    small_canvas,
    state,
    wait_for,
    wait_render,
)


def test_kill_during_render_and_turn_then_restart(tmp_path):
    data = tmp_path / "engine"
    engine = LocalEngine(data, env=TEST_ENV)
    engine.start_sync()
    try:
        token, _ = new_token(engine.url)
        api = client(engine.url, token)
        sid = new_session(api)
        script = "generate a 20-second video from this script: " + " ".join(
            f"Scene {i} is here." for i in range(6)
        )
        assert chat(api, sid, script).status == 200
        draft = small_canvas(state(api, sid)["draft"], 1280, 720, 30)  # long enough to be killed mid-way
        job = export(api, sid, draft, "render_killed")

        def processing() -> bool:
            return api.get(f"/api/render/proxy/lambda/{job['id']}").json()["status"] == "processing"

        wait_for(processing, timeout=30, interval=0.05)
        slow = chat(api, sid, "!slow 30 title 'Never Finished' for 2 seconds", stop_after=1)
        assert slow.calls == ["test_wait"]
        assert credits(api) == {"available": 75, "frozen": 5, "total": 80}
        engine.kill()
    finally:
        engine.stop_sync()

    with LocalEngine(data, env=TEST_ENV) as again:
        api = client(again.url, token)
        status = api.get("/api/render/proxy/lambda/render_killed").json()
        assert status["status"] == "failed" and "stopped" in status["error"]  # never left "processing"
        assert credits(api) == {"available": 80, "frozen": 0, "total": 80}  # the unfinished turn is free
        after = state(api, sid)
        assert after["generated_media"][0]["cdn_url"].startswith(again.url)  # the new port, not the old
        assert api.get(after["generated_media"][0]["cdn_url"]).status_code == 200
        titles = [t for t in after["draft"]["t"] if t["m"].get("role") == "title"]
        assert [s["text"] for t in titles for s in t["sg"]] != ["Never Finished"]
        half_written = [p for p in (data / "files").rglob("*") if p.is_file() and "render_killed" in p.name]
        assert half_written == [] and list((data / "files" / "tmp").iterdir()) == []
        assert chat(api, sid, "make it 4 seconds").status == 200
        assert chat(api, sid, "yes").status == 200  # less than half the video asks first
        retry = export(api, sid, small_canvas(state(api, sid)["draft"]), "render_after_restart")
        done = wait_render(api, retry["id"], timeout=120)
        assert done["status"] == "completed", done


def test_clean_stop_puts_the_running_export_back_in_the_queue(tmp_path):
    data = tmp_path / "engine"
    with LocalEngine(data, env=TEST_ENV) as engine:
        token, _ = new_token(engine.url)
        api = client(engine.url, token)
        sid = new_session(api)
        assert chat(api, sid, "generate a 60-second video from this script: One. Two. Three.").status == 200
        export(api, sid, small_canvas(state(api, sid)["draft"], 1280, 720, 30), "render_stopped")
        wait_for(lambda: api.get("/api/render/proxy/lambda/render_stopped").json()["status"] == "processing")
        engine.stop_sync()  # SIGTERM: a clean stop

    with LocalEngine(data, env=TEST_ENV) as again:
        api = client(again.url, token)
        job = api.get("/api/render/proxy/lambda/render_stopped").json()
        assert job["status"] in ("pending", "processing") and job["error"] is None  # queued again
        cancelled = api.post("/api/render/proxy/lambda/render_stopped/cancel").json()
        assert cancelled["status"] == "failed" and cancelled["error"] == "Cancelled."
        assert credits(api) == {"available": 80, "frozen": 0, "total": 80}


def _children(pid: int) -> list[int]:
    kids = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(k) for k in kids.read_text().split()] if kids.exists() else []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_ffmpeg_dies_with_an_engine_killed_alone(tmp_path):
    """`nemo-tui serve` killed with SIGKILL by pid (no launcher to kill its process group): the
    kernel takes its ffmpeg down too, instead of leaving an orphan render running."""
    engine = LocalEngine(tmp_path / "engine", env=TEST_ENV)
    engine.start_sync()
    try:
        api = account(engine.url)
        sid = new_session(api)
        assert chat(api, sid, "generate a 60-second video from this script: One. Two. Three.").status == 200
        export(api, sid, small_canvas(state(api, sid)["draft"], 1280, 720, 30), "render_orphan")
        assert engine.pid is not None
        ffmpeg = wait_for(
            lambda: [k for k in _children(engine.pid) if "ffmpeg" in Path(f"/proc/{k}/cmdline").read_text()]
        )
        os.kill(engine.pid, signal.SIGKILL)
        wait_for(lambda: not any(_alive(k) for k in ffmpeg), timeout=10)
    finally:
        engine.stop_sync()
