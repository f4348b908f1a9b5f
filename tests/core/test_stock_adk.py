"""The client against a real stock `adk api_server` (google-adk's own CLI, an offline scripted model).

The cloud's `/run_sse` is ADK's: these tests drive `NemoClient.turn` and the SessionController's chat
turn against ADK's own server, with `streaming` on and off, and check that the recorded fixtures are
still what that server sends. See `stock_adk/server.py` for the seam (sessions through ADK's routes).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import httpx
import pytest

from nemo_tui.core.backend import Backend
from nemo_tui.core.controller import SessionController, Timings
from nemo_tui.core.events import StateDeltaEvent, TextEvent, ToolCallEvent, ToolResultEvent
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import (
    ErrorShown,
    PartialText,
    StatusChanged,
    StreamLogged,
    ToolActivity,
)

from ..session.faults import Faults, cut_after_first_event
from .helpers import FIXTURES
from .stock_adk import record
from .stock_adk.server import SESSIONS, StockAdkClient, StockAdkServer

TOKEN = "nmv_usr_stock-adk-ignores-tokens"
FAST = Timings(still_working_s=0.3, recovery_polls=(0.2, 0.2), stage_poll_s=0.2, stage_deadline_s=2.0)
REPLY = "Added the title “Hello” for the first 2 seconds."


@pytest.fixture(scope="module")
def stock_adk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StockAdkServer]:
    server = StockAdkServer(tmp_path_factory.mktemp("stock-adk"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(stock_adk: StockAdkServer, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("NEMO_API_URL", stock_adk.url)
    monkeypatch.setenv("NEMO_TOKEN", TOKEN)  # stock ADK ignores it; no token call is made
    return Settings.from_env()


@pytest.fixture
async def make_ctl(settings: Settings) -> AsyncIterator[Callable[..., Awaitable[SessionController]]]:
    made: list[SessionController] = []

    async def make(*, streaming: bool, timings: Timings = FAST, faults: Faults | None = None):
        def client(s: Settings, backend: Backend) -> StockAdkClient:
            transport = httpx.MockTransport(faults._handle) if faults else None
            return StockAdkClient(
                s.for_backend(backend.url, backend.key), streaming=streaming, transport=transport
            )

        ctl = SessionController(settings, timings=timings, client_factory=client)
        ctl.seen = []  # type: ignore[attr-defined]
        ctl.subscribe(ctl.seen.append)  # type: ignore[attr-defined]
        made.append(ctl)
        await ctl.connect()
        return ctl

    yield make
    for ctl in made:
        await ctl.close()


def of(ctl: SessionController, cls: type) -> list:
    return [u for u in ctl.seen if isinstance(u, cls)]  # type: ignore[attr-defined]


async def turn_events(settings: Settings, server: StockAdkServer, text: str, *, streaming: bool) -> list:
    async with StockAdkClient(settings, streaming=streaming) as client:
        async with client.turn(server.new_session(), text) as turn:
            return [event async for event in turn]


# -- the client's events ------------------------------------------------------------------------------
async def test_a_turn_without_streaming(settings, stock_adk) -> None:
    events = await turn_events(settings, stock_adk, "add title: Hello", streaming=False)
    assert [type(e) for e in events] == [ToolCallEvent, ToolResultEvent, StateDeltaEvent, TextEvent]
    assert events[-1].text == REPLY and not events[-1].partial


async def test_a_streamed_turn_reports_its_call_once(settings, stock_adk) -> None:
    """ADK sends the call first in a `partial: true` event, then again in the final one; it runs
    only the final one, so the client reports it once."""
    events = await turn_events(settings, stock_adk, "add title: Hello", streaming=True)
    assert [type(e) for e in events] == [ToolCallEvent, ToolResultEvent, StateDeltaEvent, *[TextEvent] * 5]
    texts = [e for e in events if isinstance(e, TextEvent)]
    assert [e.partial for e in texts] == [True, True, True, True, False]
    assert "".join(e.text for e in texts[:-1]) == texts[-1].text == REPLY


# -- the controller's chat turn ----------------------------------------------------------------------
@pytest.mark.parametrize("streaming", [False, True])
async def test_the_reply_and_the_tool_once(make_ctl, streaming: bool) -> None:
    ctl = await make_ctl(streaming=streaming)
    await ctl.send("add title: Hello")
    replies = [m.text for m in ctl.workspace.transcript if m.role == "assistant"]
    assert replies == [REPLY], "fragments and the final text are one reply"
    assert [(a.name, a.phase) for a in of(ctl, ToolActivity)] == [
        ("add_title", "call"),
        ("add_title", "result"),
    ]
    assert [e.kind for e in of(ctl, StreamLogged)].count("tool_call") == 1
    assert bool(of(ctl, PartialText)) == streaming and ctl.workspace.partial == ""
    assert 'Title: "Hello"' in ctl.workspace.summary, ctl.workspace.summary
    assert not of(ctl, ErrorShown)


async def test_a_model_error_is_one_error(make_ctl) -> None:
    ctl = await make_ctl(streaming=True)
    await ctl.send("fail: the model is down")
    errors = of(ctl, ErrorShown)
    assert len(errors) == 1, errors
    assert "the model backend is unreachable" in errors[0].message


async def test_a_long_silent_step_says_still_working(make_ctl) -> None:
    """Stock ADK sends no heartbeats: the client's own clock says "still working"."""
    ctl = await make_ctl(streaming=False)
    await ctl.send("slow 1.2 add title: Slow")
    assert "Still working…" in [u.note for u in of(ctl, StatusChanged)]
    assert "heartbeat" not in [e.kind for e in of(ctl, StreamLogged)]
    assert [m.text for m in ctl.workspace.transcript if m.role == "assistant"][-1].startswith("Added")


async def test_a_dropped_stream_is_not_resumed_and_the_run_is_gone(make_ctl, stock_adk) -> None:
    """No `id:` lines: a drop means polling the state, never a second POST. Stock ADK cancels the
    run when the connection goes, so the state never changes and the person is told so."""
    faults = Faults()
    faults.overrides[("POST", "/run_sse")] = cut_after_first_event
    ctl = await make_ctl(streaming=False, faults=faults)
    await ctl.send("slow 0.5 add title: Cut")
    [post] = faults.calls("POST", "/run_sse")
    assert "last-event-id" not in post.headers
    assert len(faults.calls("GET", f"{SESSIONS}/.*")) >= len(FAST.recovery_polls)
    assert [e.kind for e in of(ctl, ErrorShown)] == ["RecoveryFailed"]
    await asyncio.sleep(0.8)  # the tool would have finished by now
    state = httpx.get(f"{stock_adk.url}{SESSIONS}/{ctl.session_id}").json()["state"]
    assert "draft" not in state, "stock ADK cancelled the run on disconnect"


# -- the recorded fixtures ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(record.STREAMS))
def test_recorded_streams_are_what_the_server_sends(stock_adk, name: str) -> None:
    streaming, text = record.STREAMS[name]
    live = record.run_sse(stock_adk.url, stock_adk.new_session(), streaming, text)
    recorded = (FIXTURES / name).read_text(encoding="utf-8")
    assert record.stable(live) == record.stable(recorded)


def test_recorded_validation_error_is_what_the_server_sends(stock_adk) -> None:
    assert record.invalid_body(stock_adk.url) == record.json.loads(
        (FIXTURES / "stock_adk_422.json").read_text()
    )


def test_recorded_session_is_what_the_server_sends(stock_adk) -> None:
    recorded = record.json.loads((FIXTURES / "stock_adk_session.json").read_text())
    assert record.session_with_id(stock_adk.url) == recorded
