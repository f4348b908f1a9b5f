"""The player where no `/files/` route can serve the video (Voilà, VS Code, a file outside the
server's root): the browser asks the kernel for the bytes over the widget's comm and plays a `blob:`.

JupyterLab serves a root that does not hold the export, so the kernel finds no served path for it; the
preview names a served path that does not exist (as a page whose server is not the kernel's would), so
its `/files/` URL fails and the player falls back to the kernel. The kernel sends both in 16 KB
chunks (several messages each). The timeline still seeks the video, and nothing leaves loopback.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from .cdp import Browser
from .conftest import write_notebook
from .jupyter import jupyter_server
from .test_workspace_in_browser import widget_errors
from .workspace_page import WORKSPACE, WorkspacePage

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

DURATION = 4.0
VIDEO = f"document.querySelector('{WORKSPACE} .nemo-player video')"


def make_clip(path: Path, colour: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc2=size=320x180:rate=12:duration={DURATION}",
        "-f", "lavfi", "-i", f"color=c={colour}:size=320x180:rate=12:duration={DURATION}",
        "-filter_complex", "[0:v][1:v]blend=all_mode=average", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, timeout=60)
    return path


def notebook(export: Path, preview: Path) -> dict:
    clip = {"id": "s1", "d": int(DURATION * 1000), "m": {"name": "clip"}}
    draft = {"t": [{"id": "v", "tt": 0, "sg": [clip]}]}
    source = [
        "from pathlib import Path\n",
        "from nemo_tui.core import timeline\n",
        "from nemo_widgets import Workspace\n",
        "ws = Workspace()\n",
        "ws.editor.chunk = 16 * 1024  # several messages per video\n",
        f"ws.editor.show_timeline(timeline.build({draft!r}))\n",
        f"ws.editor.show_file('preview', Path({str(preview)!r}), 'Preview')\n",
        "# a served path that no server has: its /files/ URL fails, the player asks the kernel\n",
        "ws.editor.sources = [dict(ws.editor.sources[0], path='gone/preview.mp4')]\n",
        f"ws.editor.show_file('export', Path({str(export)!r}), 'Export')\n",
        "assert ws.editor.source('export')['path'] is None, ws.editor.sources  # outside the root\n",
        "ws",
    ]
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "player",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


async def loaded(ws: WorkspacePage, what: str) -> dict:
    """Wait until the player holds a blob: video with its metadata; what the video element says."""
    await ws.page.wait_for(
        f"{VIDEO}?.src.startsWith('blob:')"
        f" && ({VIDEO}.readyState >= 1 && {VIDEO}.duration > 0 || {VIDEO}.error)",
        60,
        f"the {what} from the kernel",
    )
    return await ws.page.evaluate(
        f"(() => {{ const v = {VIDEO}; return {{src: v.src, readyState: v.readyState, duration: v.duration, "
        "videoWidth: v.videoWidth, error: v.error && v.error.message, "
        f"note: document.querySelector('{WORKSPACE} .nemo-player-note').innerText}}; }})()"
    )


async def test_jupyterlab_plays_a_video_outside_its_root_from_the_kernel(
    tmp_path: Path, nemo_env: dict[str, str], browser: Browser
) -> None:
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    export = make_clip(tmp_path / "elsewhere" / "export.mp4", "red")
    preview = make_clip(tmp_path / "elsewhere" / "preview.mp4", "blue")
    assert export.stat().st_size > 3 * 16 * 1024, export.stat().st_size  # several chunks
    write_notebook(root, home, nemo_env, "player.ipynb", notebook(export, preview))
    async with jupyter_server("lab", root, home, nemo_env) as server:
        page = await browser.new_page(1366, 768)
        ws = WorkspacePage(page)
        await ws.open(server.url("lab/tree/player.ipynb"))
        await ws.wait_for_kernel()
        page.console.clear()
        await ws.run_all()

        video = await loaded(ws, "export")
        assert video["error"] is None and video["readyState"] >= 1, video
        assert abs(video["duration"] - DURATION) < 0.2 and video["videoWidth"] == 320, video
        assert video["note"] == "", video
        export_url = video["src"]

        # The timeline seeks the blob as it seeks a served file.
        for fraction in (0.75, 0.25):
            await ws.click_timeline(fraction)
            await page.wait_for(
                f"Math.abs({VIDEO}.currentTime - {fraction} * {VIDEO}.duration) < 0.35",
                10,
                f"the player to seek to {fraction:.0%}",
            )
        await page.evaluate(f"(() => {{ const v = {VIDEO}; v.muted = true; return v.play(); }})()")
        await page.wait_for(f"{VIDEO}.currentTime > 0.25 * {DURATION} + 0.3", 10, "the blob to play")
        await page.evaluate(f"{VIDEO}.pause()")

        # The preview's /files/ URL fails (no such file on the server): the kernel sends it instead.
        await page.evaluate(
            f"Array.from(document.querySelectorAll('{WORKSPACE} .nemo-source'))"
            ".find(b => b.innerText.startsWith('Preview')).click()"
        )
        other = f"{VIDEO}.src.startsWith('blob:') && {VIDEO}.src !== {json.dumps(export_url)}"
        await page.wait_for(other, 60, "the preview's blob")
        video = await loaded(ws, "preview")
        assert video["error"] is None and abs(video["duration"] - DURATION) < 0.2, video
        assert any("/files/gone/preview.mp4" in url for url in page.requests), "the /files/ URL was tried"

        assert widget_errors(page.console, ("404", "Failed to load resource")) == []
        assert page.outside_requests() == []
        await ws.screenshot("lab-player-from-kernel", at=f"{WORKSPACE} .nemo-editor")
