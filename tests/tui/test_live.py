"""The flows against a live local engine: the app's own connect() starts it, as `nemo-tui` does.

Send a generate request, upload a picture, export the MP4, see errors as notifications; then lose the
engine and reconnect. Each test starts one engine (a few seconds)."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from nemo_tui.core.controller import SessionController, Timings
from nemo_tui.core.errors import PreviewSuperseded
from nemo_tui.core.settings import Settings
from nemo_tui.tui.chat import AssistantMessage, ErrorMessage, PriceNote, SystemMessage

from .conftest import QuietApp, screen_text, until

pytest.importorskip("nemo_tui.engine.launcher", reason="the local engine is not in this tree yet")

REQUEST = "generate a 10-second promo video from this text script: City lights at night. A cafe opens."


@pytest.fixture
async def live() -> AsyncIterator[SessionController]:
    from nemo_tui.local_backend import open_backend  # after the skip check above

    ctl = SessionController(Settings.from_env(), backend_factory=open_backend)  # as `nemo-tui` makes it
    try:
        yield ctl
    finally:
        await ctl.close()


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    import imageio_ffmpeg

    path = tmp_path / "sunset.png"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "testsrc2=size=320x180:rate=1", "-frames:v", "1", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def _texts(app: QuietApp, kind: type) -> list[str]:
    return [str(w.render()) for w in app.workspace.query(kind)]


async def _type(app: QuietApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    app.workspace.composer.text = text
    await pilot.press("enter")


async def test_send_upload_export_and_errors(live: SessionController, picture: Path, tmp_path: Path) -> None:
    app = QuietApp(live, autoconnect=True)
    async with app.run_test(size=(120, 40)) as pilot:
        ws = app.workspace
        await until(lambda: ws.status.status.connection == "connected" and ws.credits.credits is not None, 60)

        await _type(app, pilot, REQUEST)  # send
        await until(lambda: bool(ws.timeline.tree.view.tracks) and not live.busy, 120)
        await until(lambda: len(ws.chat.query(AssistantMessage)) >= 1 and ws.events.received > 0)
        assert "Timeline ·" in str(ws.timeline.tree.root.label)
        assert any(e.tag == "call" for e in ws.events.entries)  # tool calls reached the event log

        await _type(app, pilot, f"/upload {picture}")  # upload
        await until(lambda: any("Uploaded" in t for t in _texts(app, SystemMessage)), 60)

        out = tmp_path / "promo.mp4"
        await _type(app, pilot, f"/export {out}")  # export
        await until(lambda: ws.progress.has_class("-done"), 240)
        assert out.is_file() and out.stat().st_size > 10_000
        assert str(out) in str(ws.progress.query_one("#progress-label").render())

        notes = len(app._notifications)
        await _type(app, pilot, f"/upload {tmp_path / 'notes.txt'}")  # an error, shown, not raised
        await until(lambda: len(app._notifications) > notes)
        assert list(app._notifications)[-1].severity == "error"
        assert ws.chat.query(ErrorMessage) and app.is_running


async def test_lost_engine_shows_offline_and_reconnects(live: SessionController) -> None:
    app = QuietApp(live, autoconnect=True)
    async with app.run_test(size=(120, 40)) as pilot:
        ws = app.workspace
        await until(lambda: ws.status.status.connection == "connected" and live.session_id is not None, 60)
        await live.backend.engine.stop()  # the engine dies under the app

        await _type(app, pilot, "add a title Hello")
        await until(lambda: ws.status.status.connection == "offline", 60)
        assert "reconnect" in screen_text(app) and app.check_action("reconnect", ())

        session = live.session_id
        await pilot.press("ctrl+r")
        await until(lambda: ws.status.status.connection == "connected" and not app.workers, 60)
        assert live.session_id == session  # the same project, reopened
        before = ws.chat.count
        await _type(app, pilot, "add a title Hello")
        await until(lambda: ws.chat.count >= before + 2 and not live.busy, 60)  # the question and a reply


async def test_a_reply_says_its_price_running_out_says_so_and_a_topup_shows(tmp_path: Path) -> None:
    """The price under the reply; out of credits said in the chat; `nemo-tui topup` run in another
    process (the real CLI, writing the engine's store) reaches the credits bar without `/credits`."""
    from nemo_tui.local_backend import open_backend

    timings = replace(Timings(), credits_poll_s=0.3)  # as `nemo-tui`, with a shorter poll
    live = SessionController(Settings.from_env(), timings=timings, backend_factory=open_backend)
    app = QuietApp(live, autoconnect=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            ws = app.workspace
            await until(
                lambda: ws.status.status.connection == "connected" and ws.credits.credits is not None, 60
            )

            await _type(app, pilot, "add title 'Paid' for the first 2 seconds")
            await until(lambda: bool(ws.chat.query(PriceNote)) and not live.busy, 60)
            left = ws.credits.credits.available
            assert _texts(app, PriceNote) == [f"{100 - left} credits · {left} left"] and left < 100
            shown = list(ws.chat.transcript.children)
            assert isinstance(shown[shown.index(ws.chat.query_one(PriceNote)) - 1], AssistantMessage)

            with sqlite3.connect(live.backend.engine.data_dir / "engine.db") as db:
                db.execute("UPDATE accounts SET available = 1")
            await _type(app, pilot, "add title 'Broke' for the first 2 seconds")
            await until(lambda: bool(ws.chat.query(ErrorMessage)) and not live.busy, 60)
            said = _texts(app, ErrorMessage)[-1]
            assert re.match(r"Not enough credits: this request costs \d+ credits and you have 1\.", said), (
                said
            )
            assert "nemo-tui topup 100" in said and ws.credits.credits.available == 1

            topup = [sys.executable, "-m", "nemo_tui.cli", "topup", "50"]
            done = subprocess.run(topup, env=os.environ, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            await until(lambda: ws.credits.credits.available == 51, 10)
            assert "51 credits" in str(ws.credits.render())
    finally:
        await live.close()


async def test_the_preview_follows_edits_without_blocking_typing(live: SessionController) -> None:
    app = QuietApp(live, autoconnect=True)
    async with app.run_test(size=(160, 45)) as pilot:
        ws = app.workspace
        await until(lambda: ws.status.status.connection == "connected" and ws.credits.credits is not None, 60)
        await _type(app, pilot, REQUEST)
        await until(lambda: app.previews.loaded >= 1 and not live.busy, 120)
        first = app.previews.last_hash
        pane = ws.preview
        assert pane.display and pane.frames is not None and pane.frames.duration_s == 10.0
        assert pane.picture.draws >= 1 and [s.start_s for s in pane.scenes][0] == 0.0

        await _type(app, pilot, "add a caption 'Harbour lights' from 0 to 10 seconds")
        await until(lambda: not live.busy, 60)
        started = asyncio.get_running_loop().time()
        await pilot.press("x")  # typed while the new preview is asked for and drawn
        assert ws.composer.text == "x" and asyncio.get_running_loop().time() - started < 0.5
        await until(lambda: app.previews.last_hash not in (None, first), 60)
        assert "Harbour lights" in str(ws.preview.query_one("#preview-words").render())

        # An answer for an older draft is dropped: a newer edit bumped the generation meanwhile.
        loaded = app.previews.loaded
        app.previews.generation += 1
        await app.previews._load(app.previews.generation - 1)
        assert app.previews.loaded == loaded

        # The engine answers 409 when a request of the session outran this one; it can be an older
        # request this app had cancelled (it reached the engine last). With no newer draft here, the
        # feed asks again rather than keep the old picture (seen in tmux under load: the words of an
        # edit never showed).
        real = live.preview
        outrun = []

        async def outrun_once(width: int = 320):  # type: ignore[no-untyped-def]
            if not outrun:
                outrun.append(width)
                raise PreviewSuperseded("a newer preview request replaced this one", status=409)
            return await real(width)

        live.preview = outrun_once  # type: ignore[method-assign]
        await _type(app, pilot, "add a caption 'Bay at dawn' from 0 to 10 seconds")
        await until(lambda: "Bay at dawn" in str(ws.preview.query_one("#preview-words").render()), 60)
        assert outrun == [320]
