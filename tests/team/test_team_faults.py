"""Faults of a team render with real workers: a worker process killed mid-chunk, a cancelled render."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest
from _render_tools import resolver
from frames import compare
from team_tools import Team, ffmpeg_under
from timelines import long_draft

from nemo_tui.engine.team.celery_app import make_app
from nemo_tui.engine.team.distributed import REVOKE_WAIT_S, render_on_workers
from nemo_tui.engine.team.media_store import MediaStore


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


async def _chunks_running(team: Team, count: int, timeout: float = 60) -> list[int]:
    """Wait until `count` ffmpeg processes render chunks on the workers; return their pids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in ffmpeg_under([w.pid for w in team.workers]) if "chunk.mp4" in _cmdline(p)]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    pytest.fail(f"{count} chunks did not start on the workers: {team.logs()}")


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


async def _still_alive(pids: list[int], timeout: float) -> list[int]:
    """`pids` still running after up to `timeout` seconds. By pid: an orphaned ffmpeg (its worker process
    gone, the process reparented) is no longer below the worker, but must be gone too."""
    deadline = time.monotonic() + timeout
    while (left := [p for p in pids if _alive(p)]) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return left


async def test_a_worker_process_killed_mid_chunk_gives_the_chunk_back(
    team: Team, media: Path, tmp_path: Path
) -> None:
    doc = long_draft(40)
    render = asyncio.create_task(
        render_on_workers(doc, tmp_path / "out.mp4", resolve=resolver(media), app=team.app,
                          store=MediaStore(team.store_root), chunk_s=20)
    )  # fmt: skip
    ffmpeg = (await _chunks_running(team, 1))[0]
    await asyncio.sleep(0.5)  # well into the chunk
    process = _parent(ffmpeg)  # the worker's pool process running the task
    assert process not in [w.pid for w in team.workers]
    os.kill(process, signal.SIGKILL)
    assert await _still_alive([ffmpeg], 3) == []  # its ffmpeg died with it (setpriv --pdeathsig)
    out = await asyncio.wait_for(render, 120)
    single = await asyncio.to_thread(compare, out, out, set())
    assert single.frames == (1200, 1200) and single.durations[0] == pytest.approx(40.0, abs=1e-3)
    assert "SIGKILL" in team.logs()  # Celery saw its process die: the chunk was given back, not lost


async def test_cancelling_a_team_render_stops_every_ffmpeg_on_the_workers(
    team: Team, media: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    # 1080p: a chunk takes far longer than the cancel may wait (REVOKE_WAIT_S), so only killing it ends it.
    render = asyncio.create_task(
        render_on_workers(long_draft(120, 1920, 1080), out / "long.mp4", resolve=resolver(media),
                          app=team.app, store=MediaStore(team.store_root), chunk_s=30)
    )  # fmt: skip
    running = await _chunks_running(team, 2)  # one chunk on each worker, two more queued
    clock = time.monotonic()
    render.cancel()
    with pytest.raises(asyncio.CancelledError):
        await render
    assert time.monotonic() - clock < REVOKE_WAIT_S  # the workers reported the chunks ended
    assert await _still_alive(running, 3) == []  # killed with their worker processes, not orphaned
    assert list(out.iterdir()) == []  # no output, no partial file
    await asyncio.sleep(2)
    assert ffmpeg_under([w.pid for w in team.workers]) == []  # the queued chunks were revoked too
    assert len(team.app.control.ping(timeout=1)) == 2  # both workers still serve


async def test_a_worker_machine_lost_mid_chunk_gives_the_chunk_to_another_after_the_visibility_timeout(
    redis_url: str, store_dir: Path, media: Path, tmp_path: Path
) -> None:
    url = redis_url.rsplit("/", 1)[0] + "/2"  # a queue of its own, for two workers with a short timeout
    crew = Team(url, store_dir, tmp_path)
    crew.app = make_app(url, visibility_timeout_s=3)
    for name in ("m1", "m2"):
        crew.start(name, 1, "--visibility-timeout", "3")
    try:
        crew.wait_ready(2)
        render = asyncio.create_task(
            render_on_workers(long_draft(20), tmp_path / "out.mp4", resolve=resolver(media), app=crew.app,
                              store=MediaStore(crew.store_root), chunk_s=5)
        )  # fmt: skip
        ffmpeg = (await _chunks_running(crew, 1))[0]
        lost = next(w for w in crew.workers if _parent(_parent(ffmpeg)) == w.pid)
        os.killpg(lost.pid, signal.SIGKILL)  # the whole machine: worker, its pool process, its ffmpeg
        out = await asyncio.wait_for(render, 60)  # the default (an hour) would not come back in time
        found = await asyncio.to_thread(compare, out, out, set())
        assert found.frames == (600, 600)
        assert lost.wait(5) == -signal.SIGKILL
    finally:
        crew.stop()
