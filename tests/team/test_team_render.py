"""A render split over two real Celery workers matches the single pass; a failing chunk fails it clearly."""

from __future__ import annotations

import asyncio
import random
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from _render_tools import ffmpeg, render, resolver, sound
from frames import compare, psnr
from team_tools import Team
from timelines import long_draft

from nemo_tui.engine.render.errors import RenderError
from nemo_tui.engine.team.distributed import render_on_workers
from nemo_tui.engine.team.media_store import MediaStore, file_sha256


async def test_two_minutes_on_two_workers_match_the_single_pass(
    team: Team, media: Path, tmp_path: Path
) -> None:
    doc = long_draft(120)
    seen: list[float] = []
    before = {name: _chunks_done(team, name) for name in ("w1", "w2")}
    clock = time.monotonic()
    out = await render_on_workers(
        doc, tmp_path / "team.mp4", resolve=resolver(media), app=team.app, store=MediaStore(team.store_root),
        chunk_s=30, progress=seen.append,
    )  # fmt: skip
    took = time.monotonic() - clock
    shares = {name: _chunks_done(team, name) - before[name] for name in before}
    assert sum(shares.values()) == 4 and min(shares.values()) >= 1, shares  # both workers rendered
    single = await render(doc, tmp_path / "single.mp4", media)
    cuts = (900, 1800, 2700)  # 30 s chunks: frames 0-899 on one worker, 900-1799 on another…
    found = compare(single, out, keep={c + d for c in cuts for d in (-2, -1, 0, 1)})
    assert found.frames == (3600, 3600)
    assert found.same_pts  # constant timestamps, nothing dropped or repeated at a join
    assert found.durations[1] == pytest.approx(found.durations[0], abs=1e-3)
    assert found.worst > 35, found.worst
    moving = 0
    for i in (c + d for c in cuts for d in (-1, 0)):  # each frame at a join is its own twin
        a, b = found.kept[i]
        for j in (i - 1, i + 1):
            neighbour = found.kept[j][0]
            if psnr(a, neighbour) < 45:
                moving += 1
                assert psnr(b, a) > psnr(b, neighbour), (i, j)
    assert moving >= 8  # the pictures move at the joins, so a frame off by one would show
    sa, rate_a = sound(single)
    sb, rate_b = sound(out)
    assert rate_a == rate_b and np.array_equal(sa, sb)  # the sound, mixed once, is the single pass's
    assert seen[-1] == 100.0 and seen == sorted(seen) and len({round(p) for p in seen}) >= 10, seen
    inputs = {file_sha256(media / name) + Path(name).suffix for name in ("photo.png", "rgb.mp4", "music.wav")}
    assert {p.name for p in team.store_dir.rglob("*") if p.is_file()} == inputs  # chunks were scratch
    assert sorted(p.name for p in tmp_path.iterdir()) == ["single.mp4", "team.mp4"]
    print(f"two workers: {took:.1f} s for 2 min at 640x360")


def _chunks_done(team: Team, worker: str) -> int:
    log = (team.folder / f"{worker}.log").read_text(errors="replace")
    return sum(1 for line in log.splitlines() if "nemo.render_chunk[" in line and "succeeded" in line)


async def test_a_chunk_that_cannot_find_its_input_fails_the_render_with_the_reason(
    team: Team, media: Path, tmp_path: Path
) -> None:
    # The coordinator writes to a store the workers do not read (a --media folder that is not shared),
    # and the picture is new to them (not in their caches from the other tests).
    mine = tmp_path / "media"
    mine.mkdir()
    for name in ("rgb.mp4", "music.wav"):
        shutil.copy(media / name, mine / name)
    ffmpeg("-f", "lavfi", "-i", f"color=c=0x{random.randrange(1 << 24):06x}:s=320x180", "-frames:v", "1",
           str(mine / "photo.png"))  # fmt: skip
    elsewhere = MediaStore(tmp_path / "not-shared")
    out = tmp_path / "out" / "never.mp4"
    with pytest.raises(RenderError) as failed:
        await asyncio.wait_for(
            render_on_workers(long_draft(8), out, resolve=resolver(mine), app=team.app, store=elsewhere,
                              chunk_s=4),
            timeout=60,
        )  # fmt: skip
    message = str(failed.value)
    assert "failed on the render workers" in message and "is not in the store" in message, message
    assert "after 1 retry" in message and str(team.store_dir) in message, message
    assert list(out.parent.iterdir()) == []


async def test_with_no_worker_on_the_queue_a_render_fails_at_once_with_what_to_start(
    redis_url: str, media: Path, tmp_path: Path
) -> None:
    """A queue nobody listens to (another Redis database than the workers'): no export waiting forever."""
    from nemo_tui.engine.team.celery_app import make_app

    lonely = make_app(redis_url.rsplit("/", 1)[0] + "/7")
    clock = time.monotonic()
    with pytest.raises(RenderError) as caught:
        await render_on_workers(
            long_draft(20), tmp_path / "never.mp4", resolve=resolver(media), app=lonely,
            store=MediaStore(tmp_path / "store"),
        )  # fmt: skip
    assert time.monotonic() - clock < 15
    assert "no render worker" in str(caught.value).lower() and "nemo-tui worker" in str(caught.value)
    assert not (tmp_path / "never.mp4").exists()
