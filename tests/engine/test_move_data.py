"""`nemo-tui move-data`: a laptop engine's data directory moved to PostgreSQL and a shared media folder,
then served by a team node as it was: the same token, credits, sessions, drafts and files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PIL import Image

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .helpers import TEST_ENV, chat, client, credits, new_token, state


def _move(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "nemo_tui.cli", "move-data", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def test_a_moved_data_directory_is_served_as_it_was(postgres: Any, tmp_path: Path) -> None:
    laptop, media = tmp_path / "laptop", tmp_path / "shared-media"
    picture = tmp_path / "shop.png"
    Image.new("RGB", (320, 180), (30, 120, 200)).save(picture)
    with LocalEngine(laptop, env=TEST_ENV) as engine:
        token, _ = new_token(engine.url)
        api = client(engine.url, token)
        sid = api.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "m"}).json()["data"][
            "session_id"
        ]
        with picture.open("rb") as handle:
            sent = api.post(f"/api/upload-video/nemo_agent/me/{sid}", files={"files": ("shop.png", handle)})
        assert sent.status_code == 200, sent.text
        assert chat(api, sid, "generate a 6-second video from this script: Moving day.").status == 200
        before = state(api, sid)
        balance = credits(api)
        events = len(api.get(f"/apps/nemo_agent/users/me/sessions/{sid}").json()["events"])
        cdn_path = sent.json()["data"]["files"][0]["cdn_url"].removeprefix(engine.url)
        running = _move("--to", postgres.url(), "--data-dir", str(laptop))  # the engine holds its folder
    assert running.returncode == 1 and "another engine is running" in running.stderr, running.stderr

    url = postgres.new_database()
    moved = _move("--to", url, "--data-dir", str(laptop), "--media", str(media))
    assert moved.returncode == 0, moved.stderr
    assert "1 sessions" in moved.stdout and "1 accounts" in moved.stdout
    again = _move("--to", url, "--data-dir", str(laptop))
    assert again.returncode == 1 and "already has accounts" in again.stderr

    env = {**TEST_ENV, "NEMO_ENGINE_DB": url, "NEMO_ENGINE_MEDIA": str(media)}
    with LocalEngine(tmp_path / "node", env=env) as node:
        api = client(node.url, token)
        assert credits(api) == balance
        assert state(api, sid)["draft"] == before["draft"]
        assert len(api.get(f"/apps/nemo_agent/users/me/sessions/{sid}").json()["events"]) == events
        served = api.get(cdn_path)
        assert served.status_code == 200 and served.content == picture.read_bytes()
        assert chat(api, sid, "make the title red").status == 200  # and it carries on
