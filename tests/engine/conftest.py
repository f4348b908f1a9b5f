"""Fixtures for the engine tests: real engines on loopback ports, real media made with ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .helpers import TEST_ENV


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory):
    """One engine for most tests: test hooks on, heartbeats every 0.2 s, no per-IP limit to speak of."""
    with LocalEngine(tmp_path_factory.mktemp("engine"), env=TEST_ENV) as running:
        yield running


@pytest.fixture(scope="session")
def small_engine(tmp_path_factory: pytest.TempPathFactory):
    """An engine with tight limits: 60 kB uploads, two new accounts per address."""
    env = {**TEST_ENV, "NEMO_ENGINE_UPLOAD_MAX_BYTES": "60000", "NEMO_ENGINE_IP_TOKEN_LIMIT": "2"}
    with LocalEngine(tmp_path_factory.mktemp("small-engine"), env=env) as running:
        yield running


def _ffmpeg(*args: str) -> None:
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(cmd, check=True, timeout=60)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny real files: a PNG, an MP4 with sound, an MP3, and an executable renamed .mp4."""
    folder = tmp_path_factory.mktemp("media")
    files = {
        "png": folder / "sunset.png",
        "mp4": folder / "clip.mp4",
        "mp3": folder / "song.mp3",
        "exe": folder / "totally-a-video.mp4",
    }
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=1", "-frames:v", "1", str(files["png"]))
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440",
        "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest", str(files["mp4"]),
    )  # fmt: skip
    _ffmpeg("-f", "lavfi", "-i", "sine=frequency=330", "-t", "3", "-c:a", "libmp3lame", str(files["mp3"]))
    files["exe"].write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 8)
    return files
