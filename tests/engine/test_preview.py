"""Look-ahead previews against the real engine on loopback: size, rate, keyframes, cache, thumbnails."""

from __future__ import annotations

import asyncio
import base64
import io
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import av
import httpx
import pytest
from PIL import Image
from pydantic import SecretStr

from nemo_tui.core.client import NemoClient
from nemo_tui.core.errors import PreviewUnavailable
from nemo_tui.core.settings import Settings
from nemo_tui.draft.reads import scenes

from .helpers import account, chat, new_session, state

SCRIPT = (
    "generate a 9-second video from this script: The sun sets. The city wakes up. Night falls on the bay."
)


def _generated(base: str) -> tuple[httpx.Client, str, dict[str, Any]]:
    api = account(base)
    sid = new_session(api)
    turn = chat(api, sid, SCRIPT)
    assert turn.status == 200 and not turn.errors
    return api, sid, state(api, sid)["draft"]


def _keyframes(path: Path) -> tuple[list[float], float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        tb = float(stream.time_base or 0)
        keys = [float(p.pts * tb) for p in container.demux(stream) if p.is_keyframe and p.pts is not None]
        return keys, float(stream.average_rate or 0)


def test_preview_has_the_size_rate_and_keyframes_and_is_cached(engine: Any, tmp_path: Path) -> None:
    api, sid, draft = _generated(engine.url)
    answer = api.post(f"/api/preview/{sid}", json={"width": 320}, timeout=120)
    assert answer.status_code == 200, answer.text
    first = answer.json()
    canvas = draft["canvas"]
    assert first["width"] == 320 and first["fps"] == 12
    assert abs(first["height"] - 320 * canvas["h"] / canvas["w"]) <= 2
    assert abs(first["duration_s"] - draft["d"] / 1000) < 0.2
    starts = [s["st"] / 1000 for s in scenes(draft)]
    assert [s["start_s"] for s in first["scenes"]] == starts and len(starts) >= 3
    assert any(s["title"] for s in first["scenes"])  # the words shown, for front ends to print
    assert first["url"] == f"/api/preview/{sid}/{first['hash']}.mp4"

    video = api.get(first["url"])
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    path = tmp_path / "preview.mp4"
    path.write_bytes(video.content)
    keys, rate = _keyframes(path)
    assert abs(rate - 12) < 0.01
    for start in starts:  # a keyframe on the frame each scene starts at
        assert any(abs(k - start) <= 0.5 / 12 + 1e-3 for k in keys), (start, keys)
    gaps = [b - a for a, b in zip(keys, keys[1:], strict=False)] + [first["duration_s"] - keys[-1]]
    assert max(gaps) <= 1.0 + 1e-3
    part = api.get(first["url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == video.content[:100]

    cached_file = engine.data_dir / "cache" / "previews"
    mp4s = list(cached_file.rglob(f"{first['hash']}.mp4"))
    assert len(mp4s) == 1
    mtime = mp4s[0].stat().st_mtime_ns
    again = api.post(f"/api/preview/{sid}", json={"width": 320}).json()
    assert again == first and mp4s[0].stat().st_mtime_ns == mtime  # served from the cache

    turn = chat(api, sid, "add a caption 'Hello bay' from 1 to 3 seconds")
    assert turn.status == 200 and not turn.errors
    edited = api.post(f"/api/preview/{sid}", json={"width": 320}, timeout=120).json()
    assert edited["hash"] != first["hash"]
    assert any("Hello bay" in s["title"] for s in edited["scenes"]), (turn.texts, edited["scenes"])

    thumbs = api.get(f"/api/preview/{sid}/thumbs", params={"width": 160}, timeout=120)
    assert thumbs.status_code == 200, thumbs.text
    found = thumbs.json()
    assert [t["id"] for t in found["thumbs"]] == [s["id"] for s in edited["scenes"]]
    for thumb, scene in zip(found["thumbs"], edited["scenes"], strict=True):
        image = Image.open(io.BytesIO(base64.b64decode(thumb["jpeg"])))
        assert image.format == "JPEG" and image.width == 160
        assert abs(image.height - 160 * canvas["h"] / canvas["w"]) <= 2
        assert scene["start_s"] <= thumb["t_s"] < scene["end_s"]


def test_a_newer_request_supersedes_a_running_one_and_health_stays_quick(engine: Any) -> None:
    api, sid, _ = _generated(engine.url)
    answers: dict[int, httpx.Response] = {}

    def ask(width: int) -> None:
        answers[width] = api.post(f"/api/preview/{sid}", json={"width": width}, timeout=120)

    older = threading.Thread(target=ask, args=(400,))
    older.start()
    time.sleep(0.3)  # the first render is running (a 9 s preview takes well over a second here)
    # The newer request goes at once (health probes first let a loaded machine finish the older one),
    # then the probes run while the renders do.
    newer = threading.Thread(target=ask, args=(240,))
    newer.start()
    probes = []
    for _ in range(5):
        started = time.monotonic()
        assert httpx.get(f"{engine.url}/healthz").status_code == 200
        probes.append(time.monotonic() - started)
    newer.join(120)
    older.join(120)
    assert answers[400].status_code == 409, answers[400].text
    assert "newer preview" in answers[400].json()["message"].lower()
    assert answers[240].status_code == 200 and answers[240].json()["width"] == 240
    assert max(probes) < 1.0


def test_previews_are_the_owners_only(engine: Any) -> None:
    api, sid, _ = _generated(engine.url)
    url = api.post(f"/api/preview/{sid}", json={"width": 160}, timeout=120).json()["url"]
    stranger = account(engine.url)
    assert stranger.get(url).status_code == 404
    assert stranger.post(f"/api/preview/{sid}").status_code == 404
    assert api.get(url.replace(".mp4", "x.mp4")).status_code == 404
    empty = new_session(api)
    assert api.post(f"/api/preview/{empty}").status_code == 400


def test_the_client_previews_and_names_a_backend_without_previews(engine: Any, tmp_path: Path) -> None:
    api, sid, _ = _generated(engine.url)
    token = api.headers["Authorization"].removeprefix("Bearer ")
    settings = Settings.from_env().for_backend(engine.url, key="preview-test")
    settings = replace(settings, token=SecretStr(token), token_key=None)

    async def scenario() -> None:
        async with NemoClient(settings) as nemo:
            preview = await nemo.preview(sid, 200)
            assert preview.width == 200 and preview.scenes and preview.scenes[0].start_s == 0
            saved = await nemo.download_preview(preview, tmp_path / f"{preview.hash}.mp4")
            with av.open(str(saved)) as container:
                assert container.streams.video[0].codec_context.width == 200
            thumbs = await nemo.preview_thumbs(sid, 96)
            assert thumbs.thumbs and Image.open(io.BytesIO(thumbs.thumbs[0].jpeg_bytes())).width == 96

        def cloud(request: httpx.Request) -> httpx.Response:  # the cloud has no such route
            return httpx.Response(404, json={"detail": "Not Found"})

        async with NemoClient(settings, transport=httpx.MockTransport(cloud)) as nemo:
            with pytest.raises(PreviewUnavailable, match="No preview on this backend"):
                await nemo.preview(sid)
            with pytest.raises(PreviewUnavailable):
                await nemo.preview_thumbs(sid)

    asyncio.run(scenario())
