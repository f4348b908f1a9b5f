"""`python -m nemo_tui.engine.render`: exit codes, messages, media lookup."""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
from _render_tools import card, draft, text_track, video_track

from nemo_tui.engine.render import RenderError, cli


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nemo_tui.engine.render", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_renders_and_prints_the_output(media: Path, tmp_path: Path) -> None:
    doc = draft(video_track({"id": "s1", "st": 0, "d": 500, "src": "media:photo"}))
    out = tmp_path / "out.mp4"
    done = _cli(str(_write(tmp_path / "d.json", doc)), "-o", str(out), "--media", str(media))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert "rendering [" not in done.stderr  # no progress bar when stderr is not a terminal
    with av.open(str(out)) as c:
        assert c.streams.video[0].width == 320


def test_bad_draft_exits_2_naming_the_segment(tmp_path: Path) -> None:
    doc = draft(video_track(card("s1", 0, 500), card("s3", -500, 500)))
    done = _cli(str(_write(tmp_path / "d.json", doc)), "-o", str(tmp_path / "o.mp4"))
    assert done.returncode == 2
    assert 't[0].sg[1] (id s3): "st" is negative (-500)' in done.stderr
    assert not (tmp_path / "o.mp4").exists()


def test_missing_media_exits_2(tmp_path: Path) -> None:
    doc = draft(video_track({"id": "s1", "st": 0, "d": 500, "src": "media:absent"}))
    done = _cli(
        str(_write(tmp_path / "d.json", doc)), "-o", str(tmp_path / "o.mp4"), "--media", str(tmp_path)
    )
    assert done.returncode == 2
    assert "media:absent is not found" in done.stderr


def test_unreadable_draft_exits_2(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text("{not json", encoding="utf-8")
    assert _cli(str(tmp_path / "d.json"), "-o", str(tmp_path / "o.mp4")).returncode == 2
    assert _cli(str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.mp4")).returncode == 2


def test_render_failure_exits_6(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    async def failing(*args, **kwargs):
        raise RenderError("ffmpeg failed (exit status 1):\nsomething broke", 1)

    monkeypatch.setattr(cli, "render_draft", failing)
    doc_path = _write(tmp_path / "d.json", draft(video_track(card("s1", 0, 500))))
    args = argparse.Namespace(draft=doc_path, output=tmp_path / "o.mp4", media=None, preview=False)
    assert cli.run(args) == 6
    assert "something broke" in capsys.readouterr().err


def test_filter_escaping_survives_odd_temp_paths(media: Path, tmp_path: Path) -> None:
    """The text script's path goes into the filter graph; `: ' [ ] ,` in it must not break it."""
    odd = tmp_path / "we:ird'[d],x"
    odd.mkdir()
    doc = draft(video_track(card("s1", 0, 500)), text_track({"id": "s2", "st": 0, "d": 500, "text": "Hi"}))
    out = tmp_path / "o.mp4"
    done = _cli(str(_write(tmp_path / "d.json", doc)), "-o", str(out), env={"TMPDIR": str(odd)})
    assert done.returncode == 0, done.stderr
    assert list(odd.iterdir()) == []  # the work folder is gone


def test_media_resolver_finds_uploads_and_generated_files(tmp_path: Path) -> None:
    (tmp_path / "media" / "acct").mkdir(parents=True)
    (tmp_path / "media" / "acct" / "m42.png").write_bytes(b"x")
    (tmp_path / "generated" / "music").mkdir(parents=True)
    (tmp_path / "generated" / "music" / "lofi.wav").write_bytes(b"x")
    (tmp_path / "voice-v1.wav").write_bytes(b"x")
    resolve = cli.media_resolver(tmp_path)
    assert resolve("media:m42") == tmp_path / "media" / "acct" / "m42.png"
    assert resolve("gen:music:lofi") == tmp_path / "generated" / "music" / "lofi.wav"
    assert resolve("gen:voice:v1") == tmp_path / "voice-v1.wav"
    with pytest.raises(KeyError):
        resolve("media:m43")


def test_progress_bar_redraws_one_line() -> None:
    stream = io.StringIO()
    bar = cli.ProgressBar(stream, width=10)
    bar(50.0)
    bar(100.0)
    bar.close()
    assert stream.getvalue() == "\rrendering [#####-----]  50.0%\rrendering [##########] 100.0%\n"


def test_sigterm_stops_the_render_and_leaves_nothing(tmp_path: Path) -> None:
    doc = draft(
        video_track(card("s1", 0, 120_000)), text_track({"id": "t", "st": 0, "d": 120_000, "text": "Long"})
    )
    doc["canvas"].update(w=1280, h=720)
    out = tmp_path / "out.mp4"
    cmd = [
        sys.executable,
        "-m",
        "nemo_tui.engine.render",
        str(_write(tmp_path / "d.json", doc)),
        "-o",
        str(out),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out.mp4*.part")) and time.monotonic() < deadline:
            time.sleep(0.05)  # ffmpeg is writing
        assert list(tmp_path.glob(".out.mp4*.part")), "the render never started"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130 and "no file written" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]  # no .part, no half an MP4
