"""The SessionController against a live local engine: the whole job, silent turns, refusals, errors."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import av
import pytest

from nemo_tui import cli
from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import ConnectionFailed
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import (
    CreditsUpdated,
    ErrorShown,
    ExportFinished,
    Progress,
    StatusChanged,
    StreamLogged,
    ToolActivity,
)
from nemo_tui.headless import Printer
from nemo_tui.local_backend import open_backend

from .conftest import FAST, wait_until
from .faults import Faults, answer, cut_after_first_event, sse_frames

# Plain scenes: a title track, as the controller's tests expect (designed scenes: tests/agent/test_design.py).
GENERATE = (
    "generate a 6-second promo video on plain backgrounds from this text script: "
    "Urban Dreams. It keeps your laptop safe."
)


async def test_generate_edit_export(ctl: SessionController, tmp_path: Path) -> None:
    await ctl.send(GENERATE)
    kinds = [t.kind for t in ctl.workspace.timeline.tracks]
    assert "Video" in kinds and "BGM" in kinds and "Title" in kinds, ctl.workspace.summary
    assert [m.role for m in ctl.workspace.transcript[-2:]] == ["assistant", "credits"], "the price under it"
    assert ctl.recorder.of(ToolActivity), "tool calls reach the event log, not the chat"
    assert not any("functionCall" in m.text for m in ctl.workspace.transcript)

    await ctl.send("add lo-fi music at 20%")
    bgm = next(t for t in ctl.workspace.timeline.tracks if t.kind == "BGM")
    assert bgm.segments[0].volume == pytest.approx(0.2)
    assert ctl.workspace.changed, "the edited segment is highlighted"

    out = tmp_path / "promo.mp4"
    await ctl.send("export")  # routed to the export flow, not to the agent
    finished = ctl.recorder.of(ExportFinished)
    assert finished, [e.message for e in ctl.recorder.of(ErrorShown)]
    path = Path(finished[-1].path)
    assert path.is_file() and path.suffix == ".mp4"
    path.rename(out)
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert (video.codec_context.width, video.codec_context.height) == (1920, 1080)
        assert container.streams.audio, "the file always has audio"
        seconds = float(container.duration) / 1e6
    assert seconds == pytest.approx(ctl.workspace.timeline.duration_ms / 1000, abs=0.1)
    assert finished[-1].claim_link is None, "no website link for a session on this machine's engine"
    tasks = {p.task for p in ctl.recorder.of(Progress)}
    assert {"render", "download"} <= tasks


async def test_silent_turn_is_summarised_from_the_state(ctl: SessionController) -> None:
    await ctl.send(GENERATE)
    await ctl.send("!silent add title 'Hello There' for the first 2 seconds")
    last = ctl.workspace.transcript[-2]  # then its price
    assert last.role == "system"
    assert last.text.startswith("Done: ") and "Hello There" in last.text, last.text


async def test_second_send_while_a_turn_runs_is_refused(ctl: SessionController) -> None:
    first = asyncio.create_task(ctl.send("!slow 1.5 " + GENERATE))
    await wait_until(lambda: ctl.busy)
    await ctl.send("add title 'Twice' for the first 2 seconds")
    refused = [e for e in ctl.recorder.of(ErrorShown) if e.kind == "Busy"]
    assert refused and "still on its way" in refused[0].message
    await first
    users = [m.text for m in ctl.workspace.transcript if m.role == "user"]
    assert users == ["!slow 1.5 " + GENERATE], "the refused message was never sent"


async def test_idle_only_once_the_turn_is_really_over(ctl: SessionController) -> None:
    """The state, the second stage and the credits are fetched after the stream: a front end told
    "idle" before then would let a person send a message that is refused as busy."""
    ctl.recorder.updates.clear()
    await ctl.send(GENERATE)
    updates = ctl.recorder.updates
    activities = [
        (i, u.activity) for i, u in enumerate(updates) if isinstance(u, StatusChanged) and u.activity
    ]
    last_credits = max(i for i, u in enumerate(updates) if isinstance(u, CreditsUpdated))
    assert activities[0][1] == "thinking" and activities[-1][1] == "idle"
    assert all(a != "idle" for i, a in activities if i < last_credits), "idle while still busy"


async def test_heartbeats_give_still_working(ctl: SessionController) -> None:
    await ctl.send("!slow 1.2 " + GENERATE)
    notes = [u.note for u in ctl.recorder.of(StatusChanged) if u.note]
    assert "Still working…" in notes
    assert any(e.kind == "heartbeat" for e in ctl.recorder.of(StreamLogged))


async def test_credits_state_and_upload_routing(ctl: SessionController, tmp_path: Path) -> None:
    await ctl.send("credits")
    assert ctl.workspace.transcript[-1].text.startswith("Credits: 100 available")
    await ctl.send("status")
    assert ctl.workspace.transcript[-1].text == "Timeline (empty)"
    bad = tmp_path / "virus.mp4"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 4096)  # a Windows executable renamed .mp4
    await ctl.send(f"upload {bad}")
    error = ctl.recorder.of(ErrorShown)[-1]
    assert error.kind == "UnsupportedFileType" and "mp4" in (error.message + (error.action or ""))


async def test_export_of_an_empty_draft_says_what_to_do(ctl: SessionController) -> None:
    assert await ctl.export() is None
    error = ctl.recorder.of(ErrorShown)[-1]
    assert error.kind == "EmptyDraft" and "Generate" in (error.action or "")


async def test_out_of_credits_on_the_local_engine_advises_its_top_up(ctl: SessionController, engine) -> None:
    db = sqlite3.connect(Path(engine.data_dir) / "engine.db")
    with db:
        db.execute("UPDATE accounts SET available = 0")
    db.close()
    await ctl.send(GENERATE)
    error = ctl.recorder.of(ErrorShown)[-1]
    assert error.kind == "InsufficientCredits", error
    assert "nemo-tui topup" in (error.action or "") and "nemovideo.com" not in (error.action or "")
    assert ctl.workspace.timeline.tracks == ()
    # Said in the chat with the price and the balance, and the bar shows the balance that refused it.
    assert re.fullmatch(r"Not enough credits: this request costs \d+ credits and you have 0\.", error.message)
    assert ctl.workspace.credits is not None and ctl.workspace.credits.available == 0
    with sqlite3.connect(Path(engine.data_dir) / "engine.db") as db:
        db.execute("UPDATE accounts SET available = 100")


async def test_a_lost_session_is_replaced(ctl: SessionController) -> None:
    assert await ctl.switch_session("1234567890123456789") is False
    assert "gone" in ctl.workspace.transcript[-1].text


async def test_unreachable_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9")
    ctl = SessionController(Settings.from_env(), timings=FAST)
    seen: list = []
    ctl.subscribe(seen.append)
    with pytest.raises(ConnectionFailed):
        await ctl.connect()
    assert any(isinstance(u, ErrorShown) and u.kind == "ConnectionFailed" for u in seen)
    assert ctl.workspace.status.connection == "offline"
    await ctl.close()


async def test_reconnect_keeps_the_session_and_export_into_a_folder(
    ctl: SessionController, tmp_path: Path
) -> None:
    await ctl.send("add title 'Again' for the first 1 seconds")
    before = ctl.session_id
    await ctl.reconnect()
    assert ctl.session_id == before
    assert ctl.workspace.status.connection == "connected"
    assert [m.role for m in ctl.workspace.transcript][:2] == ["user", "assistant"], (
        "the transcript is replayed once"
    )
    path = await ctl.export(tmp_path)
    assert path is not None and path.parent == tmp_path and path.suffix == ".mp4" and path.is_file()


async def test_resume_after_restart_with_the_engine_it_starts() -> None:
    """No NEMO_API_URL: the controller starts the local engine itself, and a restart resumes."""
    first = SessionController(Settings.from_env(), timings=FAST, backend_factory=open_backend)
    await first.connect()
    assert first.backend is not None and first.backend.is_local
    await first.send("add title 'Kept' for the first 2 seconds")
    session_id, transcript = first.session_id, [m.text for m in first.workspace.transcript]
    engine = first.backend.engine
    await first.close()
    assert not engine.running, "closing the controller stops the engine it started"

    second = SessionController(Settings.from_env(), timings=FAST, backend_factory=open_backend)
    await second.connect()
    try:
        assert second.session_id == session_id
        assert [m.text for m in second.workspace.transcript] == transcript
        assert any("Kept" in (s.text or "") for t in second.workspace.timeline.tracks for s in t.segments)
    finally:
        await second.close()


async def test_a_dead_local_engine_is_noticed_while_idle() -> None:
    ctl = SessionController(Settings.from_env(), timings=FAST, backend_factory=open_backend)
    seen: list[ErrorShown] = []
    ctl.subscribe(lambda u: seen.append(u) if isinstance(u, ErrorShown) else None)
    await ctl.connect()
    try:
        assert ctl.check_backend() and not seen
        ctl.backend.engine.kill()
        assert not ctl.check_backend() and not ctl.check_backend()  # said once, not every tick
        assert [e.message for e in seen] == ["The local engine stopped answering."]
        assert "Reconnect" in (seen[0].action or "") and ctl.offline
        await ctl.reconnect()
        assert ctl.check_backend() and not ctl.offline
    finally:
        await ctl.close()


# -- the second generation stage ---------------------------------------------------------------------
NO_MUSIC = "generate a 6-second promo video with no music from this text script: One. Two."
WAITING = "First cut ready; waiting for music and title…"


def _notes(ctl: SessionController) -> list[str]:
    return [u.note for u in ctl.recorder.of(StatusChanged) if u.note]


def _engine_skips_the_music(ctl: SessionController, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine makes both stages in one turn; the cloud may end the turn after the first cut. Ask
    the engine for no music behind the controller's back, so the turn ends without stage two."""
    real = ctl.client.turn
    monkeypatch.setattr(
        ctl.client,
        "turn",
        lambda sid, text, **kw: real(sid, text.replace(" from this", " with no music from this"), **kw),
    )


async def test_a_generation_without_music_does_not_wait(make_ctl) -> None:
    ctl = await make_ctl(replace(FAST, stage_poll_s=1.0, stage_deadline_s=60.0))
    started = time.monotonic()
    await ctl.send(NO_MUSIC)
    assert time.monotonic() - started < 20, "no second stage was asked for: nothing to wait for"
    assert WAITING not in _notes(ctl)
    kinds = [t.kind for t in ctl.workspace.timeline.tracks]
    assert "Video" in kinds and "BGM" not in kinds, ctl.workspace.summary


async def test_a_second_stage_that_never_comes_is_not_waited_for(make_ctl, monkeypatch) -> None:
    ctl = await make_ctl(replace(FAST, stage_poll_s=0.3, stage_stable_polls=2, stage_deadline_s=60.0))
    _engine_skips_the_music(ctl, monkeypatch)
    started = time.monotonic()
    await ctl.send(GENERATE)
    assert WAITING in _notes(ctl), "the state was followed"
    assert time.monotonic() - started < 20, "…but only while it changed"
    assert ctl.workspace.status.note is None and ctl.workspace.status.activity == "idle"


async def test_a_late_second_stage_is_followed(make_ctl, monkeypatch) -> None:
    # Music takes the engine a few seconds: stable for 4 polls of 1.5 s leaves it time to arrive.
    ctl = await make_ctl(replace(FAST, stage_poll_s=1.5, stage_stable_polls=4, stage_deadline_s=60.0))
    real_turn = ctl.client.turn
    _engine_skips_the_music(ctl, monkeypatch)

    async def stage_two() -> None:  # what the cloud does after the first cut, here by a second turn
        await wait_until(lambda: WAITING in _notes(ctl))
        async with real_turn(ctl.session_id, "add lo-fi music at 30%") as turn:
            async for _ in turn:
                pass

    late = asyncio.create_task(stage_two())
    await ctl.send(GENERATE)
    await late
    kinds = [t.kind for t in ctl.workspace.timeline.tracks]
    assert "BGM" in kinds and "Title" in kinds, ctl.workspace.summary


# -- errors, exports, credits ------------------------------------------------------------------------
async def test_an_unwritable_destination_is_refused_before_rendering(ctl: SessionController) -> None:
    await ctl.send("add title 'Nowhere' for the first 2 seconds")
    assert await ctl.export(Path("/proc/x.mp4")) is None
    error = ctl.recorder.of(ErrorShown)[-1]
    assert error.kind == "BadInput" and "/proc" in error.message, error
    assert not [p for p in ctl.recorder.of(Progress) if p.task == "render"], "nothing was rendered"


async def test_an_error_frame_is_typed_like_a_status(make_ctl) -> None:
    faults = Faults()
    faults.overrides[("POST", "/run_sse")] = sse_frames({"errorCode": "2001", "errorMessage": "No credits."})
    ctl = await make_ctl(client_factory=faults.client_factory)
    await ctl.send("add title 'Paid' for the first 2 seconds")
    error = ctl.recorder.of(ErrorShown)[-1]
    assert error.kind == "InsufficientCredits", error
    assert "register?bind=anon_" in (error.action or ""), "the registration link, as for a 2001 status"


async def test_an_empty_credits_answer_is_unknown_not_a_crash(make_ctl) -> None:
    faults = Faults()
    faults.overrides[("GET", "/api/credits/balance/simple")] = answer({"code": 0, "data": {}})
    ctl = await make_ctl(client_factory=faults.client_factory)
    assert ctl.workspace.credits is None
    await ctl.send("credits")
    assert "did not say" in ctl.workspace.transcript[-1].text
    assert not ctl.recorder.of(ErrorShown)


async def test_a_recovered_turn_is_not_an_error(make_ctl) -> None:
    faults = Faults()
    faults.overrides[("POST", "/run_sse")] = cut_after_first_event
    slower = replace(FAST, recovery_polls=(0.3, 0.5, 1.0, 2.0))
    ctl = await make_ctl(slower, client_factory=faults.client_factory)
    printer = Printer(as_json=True)
    ctl.subscribe(printer)
    await ctl.send("add title 'Back' for the first 2 seconds")
    assert len(faults.calls("POST", "/run_sse")) == 1, "the message is never sent twice"
    assert "Back" in ctl.workspace.summary
    assert ctl.workspace.transcript[-1].text.startswith("Done: ")
    assert not ctl.recorder.of(ErrorShown) and printer.exit_code() == 0


# -- what a reply costs, and a top-up made elsewhere ----------------------------------------------
async def test_a_reply_says_what_it_cost_and_a_free_one_says_free(ctl: SessionController) -> None:
    await ctl.send(GENERATE)
    left = ctl.workspace.credits.available
    roles = [m.role for m in ctl.workspace.transcript]
    assert roles[-1] == "credits" and "assistant" in roles[-3:], roles
    assert ctl.workspace.transcript[-1].text == f"{100 - left} credits · {left} left"
    assert 0 < 100 - left < 100
    await ctl.send("help")
    assert ctl.workspace.transcript[-1].text == f"Free · {left} left"


async def test_credits_added_by_the_topup_command_show_without_asking(make_ctl, engine) -> None:
    ctl = await make_ctl(replace(FAST, credits_poll_s=0.2))
    assert ctl.workspace.credits.available == 100
    code = await asyncio.to_thread(cli.main, ["topup", "7", "--data-dir", str(engine.data_dir)])
    assert code == 0
    await wait_until(lambda: ctl.workspace.credits.available == 107, timeout=5)
    assert len(ctl.recorder.of(CreditsUpdated)) == 2, "an unchanged balance is not sent again"
