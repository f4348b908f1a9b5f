"""`NEMO_ENGINE_FRAMING=adk`: `/run_sse` framed exactly as stock ADK frames it (no `id:` lines, no
heartbeats, the run cancelled when the caller goes, errors as `{"error", "error_details"}`), checked
against what google-adk 2.13.0's own `adk api_server` sent (tests/core/fixtures/stock_adk_*.sse)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from httpx_sse import connect_sse

from nemo_tui.engine.agent.planner import OfflinePlanner
from nemo_tui.engine.hosting.asgi_app import create_app
from nemo_tui.engine.hosting.config import EngineConfig
from nemo_tui.engine.hosting.local_engine import LocalEngine
from nemo_tui.engine.hosting.server import bind, build_parser, url_for

from .helpers import TEST_ENV, account, chat, credits, new_session, run_body, state, wait_for

STOCK = Path(__file__).parent.parent / "core" / "fixtures"


@pytest.fixture(scope="module")
def adk_engine(tmp_path_factory: pytest.TempPathFactory):
    env = {**TEST_ENV, "NEMO_ENGINE_FRAMING": "adk"}
    with LocalEngine(tmp_path_factory.mktemp("adk-framed"), env=env) as running:
        yield running


def raw_turn(api: httpx.Client, sid: str, text: str) -> str:
    with api.stream("POST", "/run_sse", json=run_body(sid, text)) as response:
        assert response.status_code == 200, response.read()
        return response.read().decode("utf-8")


def blocks(stream: str) -> list[str]:
    assert stream.endswith("\n\n") and "\r" not in stream
    return stream[:-2].split("\n\n")


def is_compact_event(block: str) -> bool:
    """`data: ` + the event's JSON as pydantic writes it (compact, UTF-8), one line, nothing else."""
    field, _, payload = block.partition(": ")
    obj = json.loads(payload)
    compact = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return field == "data" and "\n" not in block and payload == compact and "invocationId" in obj


def test_the_modes_and_their_names():
    assert EngineConfig.from_env({}).framing == "engine"
    assert EngineConfig.from_env({"NEMO_ENGINE_FRAMING": "adk"}).framing == "adk"
    with pytest.raises(ValueError, match="NEMO_ENGINE_FRAMING"):
        EngineConfig.from_env({"NEMO_ENGINE_FRAMING": "xml"})
    assert build_parser().parse_args(["--framing", "adk"]).framing == "adk"


def test_events_are_framed_as_stock_adk_frames_them(adk_engine):
    stock = blocks((STOCK / "stock_adk_turn.sse").read_text(encoding="utf-8"))
    assert all(is_compact_event(b) for b in stock), "what stock ADK sends"
    api = account(adk_engine.url)
    ours = blocks(raw_turn(api, new_session(api), "!slow 0.7 add title 'Plain' for 2 seconds"))
    assert all(is_compact_event(b) for b in ours), ours  # no id: lines, no empty heartbeats


def test_a_failed_turn_ends_with_stock_adks_error_frame(adk_engine):
    *_, stock_event, stock_frame = blocks((STOCK / "stock_adk_model_error.sse").read_text(encoding="utf-8"))
    api = account(adk_engine.url)
    *_, event, frame = blocks(raw_turn(api, new_session(api), "!fail add title 'X' for 2 seconds"))
    assert is_compact_event(event) and json.loads(event[6:])["errorCode"] == "RuntimeError"
    for block in (stock_frame, frame):  # json.dumps' default separators, as stock ADK writes it
        assert block.startswith('data: {"error": "') and block[6:] == json.dumps(json.loads(block[6:]))
    ours, theirs = json.loads(frame[6:]), json.loads(stock_frame[6:])
    assert ours.keys() == theirs.keys() and ours["error_details"].keys() == theirs["error_details"].keys()
    assert ours["error"] == "RuntimeError: test_fail: this tool always fails"


def test_a_dropped_connection_cancels_the_turn(adk_engine):
    api = account(adk_engine.url)
    sid = new_session(api)
    body = run_body(sid, "!slow 1.2 add title 'Gone' for 2 seconds")
    with api.stream("POST", "/run_sse", json=body) as response:
        first = next(response.iter_lines())
        assert "test_wait" in first and not first.startswith("id:")
    wait_for(lambda: credits(api)["frozen"] == 0, timeout=10)  # the hold is settled: the turn ended
    time.sleep(1.5)  # past the moment the title would have been added
    assert not (state(api, sid)["draft"] or {}).get("t"), "the title was never added"
    assert credits(api)["available"] == 100
    assert "Title" in chat(api, sid, "add title 'Next' for 2 seconds").texts[-1], "the session is free again"


def test_the_engine_framing_keeps_its_extras_and_adds_error_details(engine):
    api = account(engine.url)
    turn = chat(api, new_session(api), "!fail add title 'X' for 2 seconds")
    frame = turn.errors[-1]
    assert turn.ids[-1] == frame["id"] and frame["errorCode"] == "TURN_FAILED"
    assert frame["error_details"]["error_type"] == "RuntimeError"
    assert frame["error_details"]["error_message"] == "test_fail: this tool always fails"


def test_a_last_event_id_is_ignored_as_stock_adk_ignores_it(adk_engine):
    """No ids were sent, so there is nothing to re-attach to: the POST is a turn like any other."""
    api = account(adk_engine.url)
    turn = chat(api, new_session(api), "add title 'Again' for 2 seconds", headers={"Last-Event-ID": "x"})
    assert turn.status == 200 and turn.calls == ["add_title"] and not any(turn.ids)


def frames(api: httpx.Client, body: dict, headers: dict | None = None, stop_after: int = 0) -> list:
    """(`id:`, event) of each event frame of one /run_sse call, the connection dropped after
    `stop_after` of them (0: read to the end)."""
    out = []
    with connect_sse(api, "POST", "/run_sse", json=body, headers=headers or {}) as source:
        for sse in source.iter_sse():
            if sse.data:
                out.append((sse.id, json.loads(sse.data)))
            if len(out) == stop_after:
                break
    return out


class StreamingPlanner(OfflinePlanner):
    """The offline planner answering as Gemini does through ADK with `streaming: true`: each response
    first in a partial event, then whole; ADK gives both events the same id."""

    async def generate_content_async(self, llm_request, stream: bool = False):
        async for response in super().generate_content_async(llm_request, stream):
            if stream:
                yield response.model_copy(update={"partial": True, "turn_complete": None})
            yield response


@pytest.fixture
def streaming_engine(tmp_path):
    """The app in this process, its planner streaming: partial events come only from a real model."""
    config = EngineConfig(data_dir=tmp_path / "engine", test_hooks=True)
    app = create_app(config)
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.02)
    app.state.engine.runner.agent.model = StreamingPlanner(test_hooks=True)
    yield url_for(sock, "127.0.0.1")
    server.should_exit = True
    thread.join(15)


def test_every_frame_has_its_own_id_for_re_attaching(streaming_engine):
    """A partial event and its final one share ADK's event id: as `id:` lines they made a re-attach
    after the final call replay it (the client then reported the call twice)."""
    api = account(streaming_engine)
    sid = new_session(api)
    body = {**run_body(sid, "!slow 1 add title 'Once' for 2 seconds"), "streaming": True}
    first = frames(api, body, stop_after=2)  # test_wait's call, partial then whole
    assert [(e.get("partial"), e["id"]) for _, e in first] == [
        (True, first[0][1]["id"]),
        (None, first[0][1]["id"]),
    ]
    rest = frames(api, body, {"Last-Event-ID": first[-1][0]})
    calls = [e for _, e in rest if any("functionCall" in p for p in e["content"]["parts"])]
    assert [c["content"]["parts"][0]["functionCall"]["name"] for c in calls] == ["add_title"] * 2, (
        "test_wait's call is not sent again"
    )
    ids = [i for i, _ in first + rest]
    assert len(set(ids)) == len(ids)
