"""`/run_sse` turns: framings, heartbeats, limits, resume with Last-Event-ID, errors before the stream."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from nemo_tui.core import errors as E
from nemo_tui.core.events import (
    ErrorEvent,
    HeartbeatEvent,
    StateDeltaEvent,
    TextEvent,
    ToolCallEvent,
    ToolResultEvent,
    UnknownEvent,
)
from nemo_tui.core.stream import StreamLimits

from .helpers import TOKEN, json_response, sse, stream_response

RUN = "/run_sse"


def frame(obj: dict, id: str | None = None) -> str:
    return (f"id: {id}\n" if id else "") + "data: " + json.dumps(obj) + "\n\n"


def text(t: str, id: str | None = None) -> str:
    return frame({"content": {"role": "model", "parts": [{"text": t}]}, "author": "nemo_agent"}, id)


async def collect(client, message: str = "make a video") -> list:
    async with client.turn("sid", message) as turn:
        return [event async for event in turn]


def posts(backend) -> list[httpx.Request]:
    return backend.calls("POST", RUN)


async def test_adk_turn(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(sse("adk_turn.sse")))
    client = make_client()
    async with client.turn("sid", "make a city video") as turn:
        events = [e async for e in turn]
    assert [type(e) for e in events] == [
        ToolCallEvent,
        HeartbeatEvent,  # data: and the comment after it, reported once
        ToolResultEvent,
        StateDeltaEvent,
        TextEvent,
        TextEvent,
        TextEvent,
    ]
    assert events[-1].text == "Here is your video — 城市 ✓" and not events[-1].partial
    assert turn.last_event_id == "5"
    [request] = posts(backend)
    assert request.headers["accept"] == "text/event-stream"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["x-skill-source"] == "generator-online"
    assert "last-event-id" not in request.headers
    assert json.loads(request.content) == {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": "sid",
        "new_message": {"role": "user", "parts": [{"text": "make a city video"}]},
    }


async def test_typed_turn(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(sse("typed_turn.sse")))
    events = await collect(make_client())
    assert [type(e) for e in events] == [TextEvent, HeartbeatEvent, ToolCallEvent, ToolResultEvent, TextEvent]


async def test_every_heartbeat_form_is_reported(make_client, backend) -> None:
    parts = [
        ": ping\n\n",
        text("a"),
        "data:\n\n",
        text("b"),
        "event: heartbeat\ndata: \n\n",
        text("c"),
        'data: {"type":"heartbeat"}\n\n',
        text("d"),
        ":",  # a comment split across reads
        " ping\n\n",
    ]
    backend.on("POST", RUN, stream_response(*parts))
    kinds = [type(e).__name__[0] for e in await collect(make_client())]
    assert "".join(kinds) == "HTHTHTHTH"


async def test_garbage_lines_do_not_end_the_turn(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(sse("garbage.sse")))
    events = await collect(make_client())
    assert [type(e) for e in events] == [UnknownEvent, UnknownEvent, TextEvent]


async def test_error_frames_are_events(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(sse("error_frames.sse")))
    events = await collect(make_client())
    assert [type(e) for e in events] == [ErrorEvent, ErrorEvent, ErrorEvent]


async def test_drop_with_ids_resumes_with_last_event_id(make_client, backend, sleeps) -> None:
    def resumed(request: httpx.Request) -> httpx.Response:
        assert request.headers["last-event-id"] == "2"
        return stream_response(text("three", "3"))

    first = stream_response(text("one", "1"), text("two", "2"), drop=True)
    backend.on("POST", RUN, first, resumed)
    client = make_client(StreamLimits())
    async with client.turn("sid", "go") as turn:
        events = [e async for e in turn]
    assert [e.text for e in events] == ["one", "two", "three"]
    assert turn.resumes == 1 and turn.last_event_id == "3"
    assert sleeps.calls == [2.0]  # waits before re-attaching
    bodies = [json.loads(r.content) for r in posts(backend)]
    assert bodies[0] == bodies[1]  # same body, re-attached by header
    assert [r.headers.get("last-event-id") for r in posts(backend)] == [None, "2"]


async def test_drop_without_ids_raises_stream_dropped(make_client, backend, sleeps) -> None:
    backend.on("POST", RUN, stream_response(text("one"), drop=True))
    seen = []
    with pytest.raises(E.StreamDropped) as info:
        async with make_client().turn("sid", "go") as turn:
            async for event in turn:
                seen.append(event)
    assert [e.text for e in seen] == ["one"]
    assert info.value.last_event_id is None
    assert len(posts(backend)) == 1  # never POSTed again
    assert sleeps.calls == []


async def test_resume_gives_up_after_three_tries(make_client, backend, sleeps) -> None:
    unavailable = json_response({"detail": "busy"}, 503)
    backend.on("POST", RUN, stream_response(text("one", "1"), drop=True), unavailable)
    with pytest.raises(E.StreamDropped) as info:
        await collect(make_client(StreamLimits(resume_delay=2.0)))
    assert info.value.last_event_id == "1"
    requests = posts(backend)
    assert len(requests) == 4
    assert all(r.headers["last-event-id"] == "1" for r in requests[1:])
    assert sleeps.calls == [2.0, 2.0, 2.0]


async def test_resume_refused_stops_at_once(make_client, backend, sleeps) -> None:
    gone = json_response({"detail": "Session not found"}, 404)
    backend.on("POST", RUN, stream_response(text("one", "1"), drop=True), gone)
    with pytest.raises(E.StreamDropped) as info:
        await collect(make_client())
    assert isinstance(info.value.__cause__, E.SessionNotFound)
    assert len(posts(backend)) == 2


async def test_connection_lost_before_the_answer_is_a_drop_not_a_retry(make_client, backend) -> None:
    def cut(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)

    backend.on("POST", RUN, cut)
    with pytest.raises(E.StreamDropped):
        await collect(make_client())
    assert len(posts(backend)) == 1


async def test_unreachable_is_connection_failed(make_client, backend) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    backend.on("POST", RUN, refuse)
    with pytest.raises(E.ConnectionFailed):
        await collect(make_client())


@pytest.mark.parametrize(
    ("reply", "cls"),
    [
        (json_response({"detail": "Session not found"}, 404), E.SessionNotFound),
        (json_response({"code": 1002, "message": "no session"}), E.SessionNotFound),
        (json_response({"code": 2001, "message": "no credits"}, 200), E.InsufficientCredits),
        (json_response({"detail": "slow"}, 429), E.RateLimited),
        (httpx.Response(500, html="<html><title>Oops</title></html>"), E.ServerError),
        (httpx.Response(200, html="<html>captive portal</html>"), E.ProtocolError),
    ],
)
async def test_errors_before_the_stream(make_client, backend, sleeps, reply, cls) -> None:
    backend.on("POST", RUN, reply)
    with pytest.raises(cls):
        await collect(make_client())
    assert len(posts(backend)) == 1  # a chat turn is never retried, not even after a 429
    assert sleeps.calls == []


async def test_auth_error_is_not_retried_but_the_next_call_gets_a_new_token(make_client, backend) -> None:
    backend.on(
        "POST", RUN, json_response({"code": 1001, "message": "expired"}, 401), stream_response(text("ok"))
    )
    client = make_client()
    with pytest.raises(E.AuthError):
        await collect(client)
    assert len(posts(backend)) == 1
    await collect(client)
    assert len(backend.calls("POST", "/api/auth/anonymous-token")) == 2


async def _timed(client) -> float:
    start = time.monotonic()
    with pytest.raises(E.StreamTimeout):
        await collect(client)
    return time.monotonic() - start


async def test_heartbeats_only_times_out(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(text("starting"), forever="data:\n\n", delay=0.02))
    assert await _timed(make_client(StreamLimits(heartbeat_only=0.3, total=30))) < 3


async def test_comment_heartbeats_only_times_out(make_client, backend) -> None:
    # nothing ever reaches httpx-sse's events: the deadline must still run
    backend.on("POST", RUN, stream_response(forever=": ping\n\n", delay=0.02))
    assert await _timed(make_client(StreamLimits(heartbeat_only=0.3, total=30))) < 3


async def test_silence_times_out(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(forever="", delay=0.05))
    assert await _timed(make_client(StreamLimits(heartbeat_only=0.3, total=30))) < 3


async def test_total_limit(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(forever=text("still talking"), delay=0.02))
    client = make_client(StreamLimits(heartbeat_only=30, total=0.4))
    with pytest.raises(E.StreamTimeout, match="No end of turn"):
        await collect(client)


async def test_turn_must_be_entered(make_client) -> None:
    with pytest.raises(RuntimeError):
        async for _ in make_client().turn("sid", "x"):
            pass


async def test_resume_an_earlier_turn_by_id(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(text("rest", "9")))
    async with make_client().turn("sid", "x", last_event_id="8") as turn:
        [event] = [e async for e in turn]
    assert event.text == "rest"
    assert posts(backend)[0].headers["last-event-id"] == "8"


async def test_closing_early_releases_the_stream(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(text("a"), forever=text("more"), delay=0.01))
    async with make_client().turn("sid", "x") as turn:
        async for _ in turn:
            break
    assert turn._pump_task is None  # the reader task is gone


async def test_no_response_headers_times_out(make_client, backend) -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        raise AssertionError("not reached")

    backend.on("POST", RUN, hang)
    assert await _timed(make_client(StreamLimits(heartbeat_only=0.3, total=30))) < 3
    assert len(posts(backend)) == 1


@pytest.mark.parametrize("bom", [[b"\xef\xbb\xbf"], [b"\xef", b"\xbb", b"\xbf"]], ids=["whole", "split"])
async def test_a_byte_order_mark_does_not_hide_the_first_event(make_client, backend, bom) -> None:
    """SSE says a leading BOM is ignored; httpx-sse reads it as part of the first field's name."""
    recorded = sse("stock_adk_turn.sse").encode()
    backend.on("POST", RUN, stream_response(*bom, recorded))
    events = await collect(make_client())
    assert [type(e) for e in events] == [ToolCallEvent, ToolResultEvent, StateDeltaEvent, TextEvent]


async def test_only_a_leading_byte_order_mark_is_dropped(make_client, backend) -> None:
    backend.on("POST", RUN, stream_response(b"\xef\xbb\xbf", text("\ufeffkept")))
    [event] = await collect(make_client())
    assert event.text == "\ufeffkept"
