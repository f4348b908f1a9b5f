"""The whole team server: two API nodes (`nemo-tui serve` on one PostgreSQL, one media folder, one
queue) and two render workers; an export asked of one node is rendered in chunks by the workers,
joined, and downloadable from the other node."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import av
import pytest
from team_tools import Team

from nemo_tui.engine.hosting.local_engine import LocalEngine

sys.path.insert(0, str(Path(__file__).parent.parent))
from engine.helpers import (  # noqa: E402
    TEST_ENV,
    chat,
    client,
    export,
    new_session,
    new_token,
    small_canvas,
    state,
    wait_render,
)

SCRIPT = "generate a 40-second video from this script: " + " ".join(f"Scene {i} moves on." for i in range(8))


def test_an_export_on_a_team_server_is_rendered_by_the_workers(
    postgres: Any, redis_url: str, store_dir: Path, team: Team, tmp_path_factory: pytest.TempPathFactory
) -> None:
    env = {
        **TEST_ENV,
        "NEMO_ENGINE_DB": postgres.new_database(),
        "NEMO_ENGINE_MEDIA": str(store_dir),
        "NEMO_ENGINE_QUEUE": redis_url,
    }
    with (
        LocalEngine(tmp_path_factory.mktemp("api-a"), env=env) as a,
        LocalEngine(tmp_path_factory.mktemp("api-b"), env=env) as b,
    ):
        token, _ = new_token(a.url)
        at_a, at_b = client(a.url, token), client(b.url, token)
        sid = new_session(at_a)
        assert chat(at_a, sid, SCRIPT).status == 200
        draft = small_canvas(state(at_a, sid)["draft"], 640, 360, 30)
        stored_before = {f for f in team.store_root.rglob("*") if f.is_file()}
        job = export(at_b, sid, draft, "render_team")
        done = wait_render(at_a, job["id"], timeout=240)
        assert done["status"] == "completed", done
        video = at_a.get("/api/render/proxy/render_team/download")
        assert video.status_code == 200
        path = tmp_path_factory.mktemp("out") / "team.mp4"
        path.write_bytes(video.content)
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            frames = sum(1 for _ in container.demux(stream) if _.size)
            assert (stream.width, stream.height) == (640, 360)
            assert container.streams.audio, "the sound, rendered once, is muxed in"
        assert frames == round(draft["d"] * 30 / 1000)
        # The node put this export's inputs (music, drawn scenes) in the workers' store: rendered there.
        assert {f for f in team.store_root.rglob("*") if f.is_file()} - stored_before
    assert "nemo.render_chunk" in team.logs()
