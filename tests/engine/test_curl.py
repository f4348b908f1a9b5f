"""The seed's flow as a shell script of plain curl calls, against the live engine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import av
import pytest

SCRIPT = Path(__file__).with_name("curl_flow.sh")


@pytest.mark.skipif(
    shutil.which("curl") is None or shutil.which("bash") is None, reason="needs curl and bash"
)
def test_curl_flow(engine, media, tmp_path):
    folder = media["png"].parent
    done = subprocess.run(
        ["bash", str(SCRIPT), engine.url, str(folder), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with av.open(str(tmp_path / "curl.mp4")) as container:
        video = container.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (320, 180)
        assert abs(container.duration / 1e6 - 4.0) < 0.5
