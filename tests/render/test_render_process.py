"""The ffmpeg process: cancelling kills it and leaves nothing; failures read well and leave nothing."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from _render_tools import draft, render, video_track

from nemo_tui.engine.render import RenderError, render_draft
from nemo_tui.engine.render import render as render_module
from nemo_tui.engine.render.ffmpeg import error_summary, run_ffmpeg
from nemo_tui.engine.render.graph import RenderPlan


def _ffmpeg_writing(path: Path) -> list[int]:
    """Pids of running processes whose command line mentions `path`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


async def test_cancel_kills_ffmpeg_and_leaves_no_file(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.3, 0.4, 0.5]}}
    long = draft(video_track({"id": "s1", "st": 0, "d": 120_000, "src": "media:photo", "fx": kb}))
    out_dir = tmp_path / "out"
    started = asyncio.Event()
    task = asyncio.create_task(render(long, out_dir / "long.mp4", media, progress=lambda p: started.set()))
    await asyncio.wait_for(started.wait(), 60)
    assert _ffmpeg_writing(out_dir)  # running
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _ffmpeg_writing(out_dir) == []  # killed
    assert list(out_dir.iterdir()) == []  # no output, no partial file
    assert list(work.iterdir()) == []  # no scratch files


async def test_failed_render_raises_a_short_clear_error_and_leaves_no_file(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_plan(*args, **kwargs) -> RenderPlan:
        graph = tmp_path / "g.txt"
        graph.write_text("[0:v]nosuchfilter=1[v]", encoding="utf-8")
        command = [
            "-f",
            "lavfi",
            "-i",
            "color=c=red:s=64x64:d=1",
            "-/filter_complex",
            str(graph),
            "-map",
            "[v]",
        ]
        return RenderPlan(command, 30, 1.0, (64, 64))

    monkeypatch.setattr(render_module, "build_plan", broken_plan)
    doc = draft(video_track({"id": "s1", "st": 0, "d": 500, "src": "color:#FF0000"}))
    with pytest.raises(RenderError) as caught:
        await render_draft(doc, tmp_path / "out" / "o.mp4", resolve=lambda s: Path(s))
    message = str(caught.value)
    assert "nosuchfilter" in message
    assert len(message.splitlines()) <= 9
    assert list((tmp_path / "out").iterdir()) == []


async def test_run_ffmpeg_reports_progress_and_completion(tmp_path: Path) -> None:
    seen: list[float] = []
    args = ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=30:d=3", "-c:v", "libx264", str(tmp_path / "t.mp4")]
    await run_ffmpeg(args, duration_s=3.0, progress=seen.append)
    assert seen[-1] == 100.0 and len(seen) >= 2


def test_error_summary_keeps_the_cause_not_the_echoes() -> None:
    lines = [
        "",
        "[Parsed_crop_3 @ 0x5581ab] Invalid too big or non positive size for width '200' or height '400'\n",
        "[fc#0 @ 0x55] Error configuring filter graph: Invalid argument",
        "[vost#0:0/libx264 @ 0x56] [enc:libx264] Could not open encoder before EOF",
        "[vost#0:0/libx264 @ 0x56] Task finished with error code: -22 (Invalid argument)",
        "Conversion failed!",
    ]
    assert error_summary(lines) == (
        "[Parsed_crop_3] Invalid too big or non positive size for width '200' or height '400'\n"
        "[fc#0] Error configuring filter graph: Invalid argument"
    )
    assert len(error_summary([f"line {i}" for i in range(300)]).splitlines()) == 8


async def test_cancel_while_designed_scenes_are_drawn_stops_them_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    scene = {"template": "headline", "headline": "A long scene that takes a while to draw"}
    segments = [
        {"id": f"s{i}", "st": i * 60_000, "d": 60_000, "src": "scene:headline", "scene": scene}
        for i in range(2)
    ]
    doc = draft(video_track(*segments), w=1920, h=1080)
    out_dir, cache = tmp_path / "out", tmp_path / "cache"
    started = asyncio.Event()
    task = asyncio.create_task(
        render_draft(doc, out_dir / "long.mp4", resolve=lambda src: Path(src), scene_cache=cache,
                     progress=lambda p: started.set())
    )  # fmt: skip
    await asyncio.wait_for(started.wait(), 60)  # drawing: the first progress comes from the scenes
    assert _ffmpeg_writing(cache)  # the scene clips' encoders run
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _ffmpeg_writing(cache) == []  # killed
    assert list(cache.iterdir()) == []  # no clip, no partial clip
    assert not out_dir.exists() or list(out_dir.iterdir()) == []
    assert list(work.iterdir()) == []  # no scratch files


async def test_ffmpeg_starts_without_python_code_between_fork_and_exec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `preexec_fn` runs Python in the forked child; in the threaded engine that child can deadlock
    before exec while the event loop blocks waiting for it (CI froze whole engines this way). The
    orphan guard must come from the command line instead (see test_crash for the guard itself)."""
    seen: dict[str, object] = {}
    spawn = asyncio.create_subprocess_exec

    async def spy(*args: object, **kwargs: object) -> asyncio.subprocess.Process:
        seen.update(kwargs, command=args)
        return await spawn(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spy)
    out = tmp_path / "tone.wav"
    await run_ffmpeg(["-f", "lavfi", "-i", "sine=d=0.2", str(out)], duration_s=0.2)
    assert out.stat().st_size > 0
    assert seen.get("preexec_fn") is None
    assert "ffmpeg" in str(seen["command"])
