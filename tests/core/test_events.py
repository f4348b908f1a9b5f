from __future__ import annotations

import json
import logging

import pytest
from httpx_sse._decoders import SSEDecoder  # test-only: split a recorded transcript like httpx-sse does

from nemo_tui.core import errors as E
from nemo_tui.core.events import (
    ErrorEvent,
    HeartbeatEvent,
    StateDeltaEvent,
    TextEvent,
    ToolCallEvent,
    ToolResultEvent,
    UnknownEvent,
    parse_sse,
    same_failure,
)

from .helpers import sse


def replay(name: str) -> list:
    """Every event of a recorded transcript, as the stream layer would produce them."""
    decoder, out = SSEDecoder(), []
    for line in sse(name).splitlines():
        message = decoder.decode(line)
        if message is not None:
            out.extend(parse_sse(message.event, message.data, message.id))
    return out


def test_adk_transcript() -> None:
    events = replay("adk_turn.sse")
    kinds = [type(e).__name__ for e in events]
    assert kinds == [
        "ToolCallEvent",
        "HeartbeatEvent",  # the empty data:
        "HeartbeatEvent",  # ": keep-alive" + blank line: httpx-sse dispatches it once an id was seen
        "ToolResultEvent",
        "StateDeltaEvent",
        "TextEvent",
        "TextEvent",
        "TextEvent",
    ]
    call, _, _, result, delta, thought, partial, final = events
    assert call == ToolCallEvent(event_id="1", call_id="af-1", name="generate_video", args={"prompt": "city"})
    assert result.call_id == "af-1" and result.response == {"ok": True, "tracks": 3}
    assert isinstance(delta, StateDeltaEvent) and delta.delta["draft"]["t"][0]["id"] == "v1"
    assert thought.thought and thought.partial
    assert partial.partial and not partial.thought and partial.text == "Here is your "
    assert final == TextEvent(event_id="5", text="Here is your video — 城市 ✓", author="nemo_agent")
    assert final.raw["turnComplete"] is True  # the raw frame is kept for the event log


def test_typed_transcript() -> None:
    events = replay("typed_turn.sse")
    assert [type(e) for e in events] == [TextEvent, HeartbeatEvent, ToolCallEvent, ToolResultEvent, TextEvent]
    assert events[0].text == "Generating…"
    assert events[2].name == "generate_video_with_seedance" and events[2].args == {"duration": 10}
    assert events[3].response == {"video_url": "https://x/v.mp4"}
    assert events[4].text == "Done."


@pytest.mark.parametrize(
    ("event", "data"),
    [
        ("message", ""),
        ("message", "   "),
        ("heartbeat", ""),
        ("heartbeat", "ping"),
        ("message", '{"type":"heartbeat"}'),
    ],
)
def test_heartbeat_forms(event: str, data: str) -> None:
    assert [type(e) for e in parse_sse(event, data, "7")] == [HeartbeatEvent]
    assert parse_sse(event, data, "7")[0].event_id == "7"


def test_error_frames() -> None:
    events = replay("error_frames.sse")
    assert all(isinstance(e, ErrorEvent) for e in events) and len(events) == 3
    assert (events[0].code, events[0].message) == ("MALFORMED_FUNCTION_CALL", "model produced a broken call")
    assert (events[1].code, events[1].message) == ("tool_error", "render backend busy")
    assert events[2].message == "Internal error in run"
    assert isinstance(events[2].to_error(), E.AgentError)


def test_error_event_maps_protocol_codes() -> None:
    [event] = parse_sse("message", json.dumps({"error": "out of credits", "code": 2001}), "")
    assert isinstance(event, ErrorEvent)
    assert isinstance(event.to_error(), E.InsufficientCredits)
    [named] = parse_sse("error", json.dumps({"message": "nope"}), "")
    assert isinstance(named, ErrorEvent) and named.message == "nope"


def test_garbage_is_unknown_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="nemo_tui.core.events")
    events = replay("garbage.sse")
    assert [type(e) for e in events] == [UnknownEvent, UnknownEvent, TextEvent]
    assert events[0].raw == "{not json at all"
    assert events[1].raw == [1, 2]
    assert events[2].text == "still fine"
    assert "unparseable" in caplog.text


def test_adk_event_without_content_or_delta_is_unknown() -> None:
    frame = {"actions": {"stateDelta": {}, "transferToAgent": "other"}, "author": "nemo_agent", "id": "x"}
    [event] = parse_sse("message", json.dumps(frame), "3")
    assert isinstance(event, UnknownEvent) and event.raw == frame


def test_snake_case_parts_are_accepted() -> None:
    frame = {"content": {"parts": [{"function_call": {"id": "c", "name": "n", "args": {}}}]}}
    assert isinstance(parse_sse("message", json.dumps(frame), "")[0], ToolCallEvent)
    frame2 = {"content": {"parts": [{"function_response": {"id": "c", "name": "n", "response": {}}}]}}
    assert isinstance(parse_sse("message", json.dumps(frame2), "")[0], ToolResultEvent)


def test_partial_calls_are_not_reported() -> None:
    """Stock ADK with `streaming: true` (recorded): the call comes in a partial event, then again in
    the final one. ADK runs only the final one; so does the client's report."""
    events = replay("stock_adk_streaming.sse")
    calls = [e for e in events if isinstance(e, ToolCallEvent)]
    assert len(calls) == 1 and calls[0].raw["partial"] is False and calls[0].name == "add_title"
    partial_result = {"partial": True, "content": {"parts": [{"functionResponse": {"id": "c", "name": "n"}}]}}
    assert parse_sse("message", json.dumps(partial_result), "") == []


def test_a_failed_run_is_one_failure() -> None:
    """Stock ADK (recorded): a model error is an `errorCode` event, then the run's closing frame."""
    event, frame = replay("stock_adk_model_error.sse")
    assert (event.code, event.message) == ("ConnectionError", "the model backend is unreachable")
    assert frame.code == "ConnectionError" and frame.raw["error_details"]["error_type"] == "ConnectionError"
    assert same_failure(event, frame)
    other = ErrorEvent(message="render backend busy")
    assert not same_failure(event, other) and not same_failure(ErrorEvent(message=""), frame)
    assert not same_failure(ErrorEvent(message="error"), ErrorEvent(message="Internal error in run"))
