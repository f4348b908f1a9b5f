"""One chat turn alone: `ChatTurn` driven through a fake `TurnHost` by a scripted stream in the cloud's
framing (stock ADK's, with `streaming: true`): text fragments in `partial: true` events then the final
text, a call in a partial event then the final one, an error event then ADK's closing
`{"error", "error_details"}` frame.

The unit under test is the turn, so the host is a fake: no client, no controller, no engine. The
frames are the recorded stock ADK streams (tests/core/fixtures/stock_adk_*.sse) or frames written
the same way, decoded by core's own `parse_sse`. The turn against the real engine and a stock
`adk api_server` is tested in tests/session/ and tests/core/test_stock_adk.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from nemo_tui.core import timeline
from nemo_tui.core.chat_turn import ChatTurn, TurnHost
from nemo_tui.core.errors import (
    AgentError,
    InsufficientCredits,
    NemoError,
    SessionNotFound,
    StreamDropped,
)
from nemo_tui.core.events import Event, parse_sse
from nemo_tui.core.notices import notice_for
from nemo_tui.core.timings import TurnTimings
from nemo_tui.core.updates import (
    ErrorShown,
    MessageAdded,
    PartialText,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
    ToolActivity,
    Update,
    Workspace,
    reduce,
)

from .helpers import sse

QUICK = TurnTimings(
    still_working_s=60.0,
    recovery_polls=(0.0, 0.0),
    stage_poll_s=0.0,
    stage_stable_polls=2,
    stage_deadline_s=5.0,
)
REPLY = "Added the title “Hello” for the first 2 seconds."
WAITING = "First cut ready; waiting for music and title…"


def frame(**event: Any) -> str:
    """One SSE message as stock ADK writes it: a `data:` line of the event's JSON, no `id:`."""
    return f"data: {json.dumps(event)}\n\n"


def said(text: str, *, partial: bool = False) -> str:
    return frame(content={"parts": [{"text": text}], "role": "model"}, partial=partial, author="nemo_agent")


def call(name: str, *, partial: bool = False) -> str:
    part = {"functionCall": {"id": "call-1", "name": name, "args": {}}}
    return frame(content={"parts": [part], "role": "model"}, partial=partial, author="nemo_agent")


def decode(text: str) -> list[Event]:
    """SSE text → events through core's own decoder (fields per the SSE spec: event, data, id)."""
    events: list[Event] = []
    for block in text.split("\n\n"):
        fields: dict[str, list[str]] = {"event": [], "data": [], "id": []}
        for line in block.splitlines():
            name, _, value = line.partition(":")
            if name in fields:
                fields[name].append(value.removeprefix(" "))
        if fields["data"]:
            events += parse_sse("".join(fields["event"]), "\n".join(fields["data"]), "".join(fields["id"]))
    return events


def track(track_id: str, tt: int, name: str, **segment: Any) -> dict[str, Any]:
    return {"id": track_id, "tt": tt, "m": {"name": name}, "sg": [{"id": f"{track_id}1", "st": 0, **segment}]}


VIDEO = track("v", 0, "Video", d=6000, src="gen:video:1")
MUSIC = track("a", 1, "Music", d=6000, src="gen:music:1")
TITLE = track("x", 7, "Titles", d=2000, text="Hello")


class ScriptedStream:
    """What `open_turn` answers: the events of some SSE text (each after `pause` seconds), then
    `then` raised if given, like a stream that breaks."""

    def __init__(self, text: str, *, then: NemoError | None = None, pause: float = 0.0) -> None:
        self.events, self.then, self.pause = decode(text), then, pause

    async def __aenter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def _iterate(self) -> AsyncIterator[Event]:
        for event in self.events:
            await asyncio.sleep(self.pause)
            yield event
        if self.then is not None:
            raise self.then


class FakeHost:
    """A `TurnHost` with no backend behind it: it records what the turn does with it. `drafts` are the
    state's drafts, one per `refresh_state` (the last one repeats)."""

    def __init__(self, stream: ScriptedStream, drafts: list[dict[str, Any] | None] | None = None) -> None:
        self.stream, self.drafts = stream, list(drafts or [None])
        self.workspace = Workspace()
        self.draft: dict[str, Any] | None = None
        self.updates: list[Update] = []
        self.reported: list[BaseException] = []
        self.explained: list[NemoError] = []
        self.calls: list[str] = []
        self._baseline: timeline.TimelineView | None = None

    def open_turn(self, session_id: str, text: str) -> ScriptedStream:
        self.calls.append(f"open_turn {session_id} {text}")
        return self.stream

    async def refresh_state(self) -> dict[str, Any]:
        self.calls.append("refresh_state")
        draft = self.drafts.pop(0) if len(self.drafts) > 1 else self.drafts[0]
        self.apply_draft(draft)
        return {"draft": draft}

    async def refresh_credits(self, hold: str | None = None) -> None:
        self.calls.append("refresh_credits")

    async def new_session(self) -> str:
        self.calls.append("new_session")
        return "sess-2"

    def emit(self, update: Update) -> None:
        self.updates.append(update)
        self.workspace = reduce(self.workspace, update)

    def say(self, role: str, text: str) -> None:
        self.emit(MessageAdded(role, text))

    def report(self, exc: BaseException) -> None:
        self.reported.append(exc)
        self.emit(notice_for(exc))

    def explain(self, err: NemoError) -> NemoError:
        self.explained.append(err)
        return err

    def apply_draft(self, draft: dict[str, Any] | None) -> None:
        self.draft = draft
        view = timeline.build(draft)
        before = self._baseline or self.workspace.timeline
        changed = frozenset(timeline.changed_ids(before, view))
        self.emit(TimelineUpdated(view, timeline.summary(view), changed))

    def baseline_now(self) -> timeline.TimelineView:
        self._baseline = self.workspace.timeline
        return self._baseline

    # What the turn did, as a test reads it.
    def messages(self, role: str = "assistant") -> list[str]:
        return [m.text for m in self.workspace.transcript if m.role == role]

    def of(self, cls: type) -> list[Any]:
        return [u for u in self.updates if isinstance(u, cls)]

    def notes(self) -> list[str | None]:
        return [u.note for u in self.of(StatusChanged) if u.activity is None]


async def run_turn(host: FakeHost, text: str = "add title: Hello", timings: TurnTimings = QUICK) -> FakeHost:
    checked: TurnHost = host  # the fake is a TurnHost (mypy checks this line)
    await ChatTurn(checked, "sess-1", text, timings).run()
    return host


# -- the cloud's framing: fragments, then the final text ------------------------------------------------
async def test_streamed_fragments_then_the_final_text_are_one_reply() -> None:
    host = await run_turn(FakeHost(ScriptedStream(sse("stock_adk_streaming.sse"))))
    assert host.messages() == [REPLY], "the final text repeats the fragments: said once"
    assert "".join(u.text for u in host.of(PartialText)) == REPLY
    assert host.workspace.partial == ""
    assert [u.kind for u in host.of(StreamLogged)].count("partial") == 4


async def test_fragments_without_a_final_text_are_kept_as_the_reply() -> None:
    stream = said("Added the title ", partial=True) + said("“Hello”.", partial=True)
    host = await run_turn(FakeHost(ScriptedStream(stream)))
    assert host.messages() == ["Added the title “Hello”."]
    assert host.messages("system") == [], "a turn with words is not summarised"


async def test_a_second_reply_after_a_final_text_is_its_own_message() -> None:
    stream = said("One", partial=True) + said("One") + said("Two", partial=True) + said("Two")
    host = await run_turn(FakeHost(ScriptedStream(stream)))
    assert host.messages() == ["One", "Two"]


async def test_a_thought_is_not_said() -> None:
    thought = frame(content={"parts": [{"text": "planning…", "thought": True}], "role": "model"})
    host = await run_turn(FakeHost(ScriptedStream(thought + said("Done."))))
    assert host.messages() == ["Done."]
    assert [u.kind for u in host.of(StreamLogged)] == ["thought", "text"]


# -- calls: a partial call, then the final one ----------------------------------------------------------
async def test_a_partial_call_then_the_final_one_is_one_call_and_its_draft_is_shown() -> None:
    host = await run_turn(FakeHost(ScriptedStream(sse("stock_adk_streaming.sse")), drafts=[{"t": [TITLE]}]))
    activity = [(u.name, u.phase) for u in host.of(ToolActivity)]
    assert activity == [("add_title", "call"), ("add_title", "result")]
    from_the_stream = host.of(TimelineUpdated)[0].timeline  # the delta's draft, before the state
    assert [(t.kind, [s.text for s in t.segments]) for t in from_the_stream.tracks] == [("Title", ["Hello"])]
    assert host.calls == ["open_turn sess-1 add title: Hello", "refresh_state", "refresh_credits"]


async def test_only_partial_calls_call_nothing() -> None:
    host = await run_turn(FakeHost(ScriptedStream(call("add_title", partial=True) + said("Ok."))))
    assert host.of(ToolActivity) == []


# -- errors: an error event, then ADK's closing frame ----------------------------------------------------
async def test_an_error_event_and_its_closing_frame_are_one_error() -> None:
    host = await run_turn(FakeHost(ScriptedStream(sse("stock_adk_model_error.sse"))))
    assert [type(e) for e in host.reported] == [AgentError]
    assert str(host.reported[0]) == "the model backend is unreachable"
    assert host.explained == host.reported, "the host adds what only the client knows"
    assert [e.kind for e in host.of(ErrorShown)] == ["AgentError"]
    assert [u.kind for u in host.of(StreamLogged)].count("error") == 2, "both frames are in the event log"
    assert host.messages("system") == ["The turn ended without a reply and the timeline did not change."]


async def test_an_error_code_in_the_stream_is_typed_like_the_same_code_in_a_body() -> None:
    stream = frame(errorCode="2001", errorMessage="Not enough credits") + frame(
        error="InsufficientCredits: Not enough credits",
        error_details={"error_type": "InsufficientCredits", "error_message": "Not enough credits"},
    )
    host = await run_turn(FakeHost(ScriptedStream(stream)))
    assert [type(e) for e in host.reported] == [InsufficientCredits]


async def test_two_different_failures_are_two_errors() -> None:
    stream = frame(errorCode="E1", errorMessage="first") + frame(errorCode="E2", errorMessage="second")
    host = await run_turn(FakeHost(ScriptedStream(stream)))
    assert [str(e) for e in host.reported] == ["first", "second"]


# -- after the stream ----------------------------------------------------------------------------------
async def test_a_silent_turn_is_summarised_from_what_changed() -> None:
    host = await run_turn(FakeHost(ScriptedStream(call("add_title")), drafts=[{"t": [TITLE]}]))
    assert host.messages() == []
    [summary] = host.messages("system")
    assert summary.startswith("Done: ") and 'Title: "Hello"' in summary, summary


async def test_a_lost_session_starts_a_new_one() -> None:
    host = await run_turn(FakeHost(ScriptedStream("", then=SessionNotFound("Session not found"))))
    assert [type(e) for e in host.reported] == [SessionNotFound]
    assert host.calls == ["open_turn sess-1 add title: Hello", "new_session"]


async def test_a_dropped_stream_is_recovered_from_the_state_and_never_sent_again() -> None:
    stream = ScriptedStream(said("Adding", partial=True), then=StreamDropped("The connection dropped."))
    host = await run_turn(FakeHost(stream, drafts=[None, {"t": [TITLE]}]))
    assert host.calls == ["open_turn sess-1 add title: Hello", "refresh_state", "refresh_state"]
    assert host.messages("system")[0].startswith("Done: ")
    assert host.of(ErrorShown) == [] and host.workspace.status.activity == "idle"


async def test_a_dropped_stream_with_no_change_says_the_reply_was_lost() -> None:
    stream = ScriptedStream("", then=StreamDropped("The connection dropped."))
    host = await run_turn(FakeHost(stream))
    assert host.calls.count("refresh_state") == len(QUICK.recovery_polls)
    [error] = host.of(ErrorShown)
    assert error.kind == "RecoveryFailed" and "did not change" in error.message


async def test_still_working_on_the_clients_own_clock() -> None:
    slow = TurnTimings(0.05, (), 0.0, 2, 5.0)
    host = await run_turn(FakeHost(ScriptedStream(said("Done."), pause=0.4)), timings=slow)
    assert "Still working…" in host.notes()
    quick = await run_turn(FakeHost(ScriptedStream(said("Done."), pause=0.05)))
    assert "Still working…" not in quick.notes()


# -- a generation's second stage ------------------------------------------------------------------------
GENERATE = "generate a 6-second promo video from this script: One. Two."


async def test_a_first_cut_is_followed_until_music_and_title_are_in() -> None:
    drafts: list[dict[str, Any] | None] = [{"t": [VIDEO]}, {"t": [VIDEO]}, {"t": [VIDEO, MUSIC, TITLE]}]
    host = await run_turn(
        FakeHost(ScriptedStream(call("generate_video") + said("First cut.")), drafts), GENERATE
    )
    assert host.calls[1:] == ["refresh_state"] * 3 + ["refresh_credits"]
    assert host.notes() == [WAITING, None]
    assert {t.kind for t in host.workspace.timeline.tracks} == {"Video", "BGM", "Title"}


async def test_a_first_cut_that_stays_still_is_left_after_the_stable_polls() -> None:
    host = await run_turn(FakeHost(ScriptedStream(call("generate_video")), [{"t": [VIDEO]}]), GENERATE)
    assert host.calls.count("refresh_state") == 1 + QUICK.stage_stable_polls
    assert host.notes() == [WAITING, None]


async def test_a_request_without_music_expects_no_second_stage() -> None:
    text = GENERATE.replace("video from", "video with no music from")
    host = await run_turn(FakeHost(ScriptedStream(call("generate_video")), [{"t": [VIDEO]}]), text)
    assert host.calls.count("refresh_state") == 1 and WAITING not in host.notes()
