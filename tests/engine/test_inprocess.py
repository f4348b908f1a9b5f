"""The app in this process (uvicorn in a thread): URL uploads end to end, and launcher failures."""

from __future__ import annotations

import asyncio
import http.server
import socket
import threading

import pytest
import uvicorn

from nemo_tui.engine.hosting.asgi_app import create_app
from nemo_tui.engine.hosting.config import EngineConfig
from nemo_tui.engine.hosting.local_engine import EngineStartError, LocalEngine
from nemo_tui.engine.hosting.server import bind, url_for

from .helpers import account, new_session, state


@pytest.fixture
def inprocess_engine(tmp_path):
    """create_app() served by uvicorn in a thread, allowed to fetch URLs from this machine."""
    config = EngineConfig(data_dir=tmp_path / "engine", test_hooks=True, url_allow_private=True)
    sock = bind("127.0.0.1", 0)
    config.public_url = url_for(sock, "127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.02)
    yield config.public_url
    server.should_exit = True
    thread.join(15)


@pytest.fixture
def file_server(media):
    folder = str(media["png"].parent)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kw):
            super().__init__(*args, directory=folder, **kw)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_upload_end_to_end(inprocess_engine, file_server):
    api = account(inprocess_engine)
    sid = new_session(api)
    body = {"urls": [f"{file_server}/sunset.png", f"{file_server}/song.mp3"], "source_type": "url"}
    r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", json=body)
    assert r.status_code == 200, r.text
    assert [f["file_type"] for f in r.json()["data"]["files"]] == ["image", "audio"]
    assert len(state(api, sid)["video_infos"]) == 2
    renamed = api.post(
        f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [f"{file_server}/totally-a-video.mp4"]}
    )
    assert renamed.status_code == 415 and renamed.json()["code"] == 4001
    missing = api.post(f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [f"{file_server}/nope.png"]})
    assert missing.status_code == 502 and "404" in missing.json()["message"]


def test_launcher_reports_the_engines_stderr_when_it_cannot_start(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        engine = LocalEngine(tmp_path / "engine", port=port, ready_timeout=30)
        with pytest.raises(EngineStartError) as caught:
            engine.start_sync()
    assert "exited" in str(caught.value) and "cannot listen" in str(caught.value)
