"""One chat turn, from the streamed reply to the settled state (docs/protocol.md's rules for a turn).

The stream's events become updates as they arrive: partial and final text, tool activity, draft
deltas, errors inside the stream; a "still working" note after long silence, on our own clock. Once
the stream ends the state is fetched; a turn with no words is summarised from what changed; a
generation's second stage (music and title after the first cut) is followed while the state still
changes; the credits are fetched last. A dropped stream is never sent again: the state is polled and
what changed is reported.

A turn talks to the session that runs it only through `TurnHost`, a small protocol that
`SessionController` implements; this module imports nothing from the controller, so a turn can be
driven alone with a fake host and a scripted stream (tests/core/test_chat_turn.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from . import gui_talk, timeline
from .errors import NemoError, SessionNotFound, StreamDropped, StreamTimeout
from .events import (
    ErrorEvent,
    Event,
    StateDeltaEvent,
    TextEvent,
    ToolCallEvent,
    ToolResultEvent,
    same_failure,
)
from .notices import log_entry
from .timings import TurnTimings
from .updates import ErrorShown, PartialText, StatusChanged, ToolActivity, Update, Workspace

log = logging.getLogger(__name__)

# A generation tool (the cloud's names are not documented: "generate_video", "generateVideo", …).
_GENERATION_TOOL = re.compile(r"generat", re.I)
# A request that asked for no music expects no second stage.
_NO_MUSIC = re.compile(
    r"\b(no|without)\s+(background\s+)?(music|bgm|soundtrack)\b|\bmusic\s*[:=]?\s*none\b"
    r"|不要(背景)?(音乐|配乐)|无(背景)?(音乐|配乐)|没有(背景)?(音乐|配乐)",
    re.I,
)


class TurnHost(Protocol):
    """What a chat turn needs from the session that runs it (`SessionController` is the real one)."""

    # The backend: the reply's stream, and the answers a turn settles on.
    def open_turn(self, session_id: str, text: str) -> AbstractAsyncContextManager[AsyncIterable[Event]]:
        """`async with host.open_turn(sid, text) as events: async for event in events`."""
        ...

    async def refresh_state(self) -> object: ...

    async def refresh_credits(self) -> object: ...

    async def new_session(self) -> object: ...

    # What the person sees.
    def emit(self, update: Update) -> None: ...

    def say(self, role: str, text: str) -> None:
        """A message in the transcript (and the history)."""
        ...

    def report(self, exc: BaseException) -> None: ...

    def explain(self, err: NemoError) -> NemoError:
        """What only the client knows, added to an error met in the stream (e.g. a register link)."""
        ...

    # The project as shown.
    @property
    def workspace(self) -> Workspace: ...

    @property
    def draft(self) -> dict[str, Any] | None: ...

    def apply_draft(self, draft: dict[str, Any] | None) -> None: ...

    def baseline_now(self) -> timeline.TimelineView:
        """Highlights from now on show what this turn changes; returns the timeline as it is."""
        ...


class ChatTurn:
    """`await ChatTurn(host, session_id, text, timings).run()`; the host holds the turn lock."""

    def __init__(self, host: TurnHost, sid: str, text: str, timings: TurnTimings) -> None:
        self.host, self.sid, self.text, self.timings = host, sid, text, timings
        self.before = host.baseline_now()  # what the timeline was when the person asked
        self._got_text, self._tools, self._pending = False, list[str](), ""
        self._errors: list[ErrorEvent] = []  # shown in this turn
        self._started = self._voice_at = 0.0  # monotonic times: the stream's start, the last words

    async def run(self) -> None:
        host = self.host
        try:
            got_text, tools = await self._stream()
        except SessionNotFound as exc:
            host.report(exc)
            await host.new_session()
            return
        except (StreamDropped, StreamTimeout) as exc:
            # Not an error yet: only a failed recovery is (a recovered turn is a good turn).
            log.info("turn lost (%s); recovering from the state", type(exc).__name__)
            await self._recover(exc)
            return
        host.emit(StatusChanged(activity="updating"))
        await host.refresh_state()
        if not got_text:
            self._summarise_silent_turn()
        if self._made_a_first_cut(tools):
            await self._follow_second_stage()
        await host.refresh_credits()

    async def _stream(self) -> tuple[bool, list[str]]:
        """The reply's events as updates; returns whether it had words, and the tools it called."""
        self._started = self._voice_at = time.monotonic()
        ticker = asyncio.create_task(self._say_still_working())
        try:
            async with self.host.open_turn(self.sid, self.text) as events:
                async for event in events:
                    self._on_event(event)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        if self._pending.strip():  # fragments with no final text: keep what arrived
            self._got_text = True
            self.host.say("assistant", gui_talk.translate(self._pending))
        return self._got_text, self._tools

    def _on_event(self, event: Event) -> None:
        host = self.host
        now = time.monotonic()
        host.emit(log_entry(event, now - self._started))
        match event:
            case TextEvent(thought=True):
                pass
            case TextEvent(partial=True, text=fragment):
                self._pending += fragment
                host.emit(PartialText(fragment))
                self._voice_at = now
            case TextEvent(text=whole):
                self._pending = ""  # the final text repeats the fragments
                reply = gui_talk.translate(whole)
                if reply:
                    self._got_text = True
                    host.say("assistant", reply)
                self._voice_at = now
            case ToolCallEvent(name=name, args=args):
                self._tools.append(name)
                host.emit(ToolActivity(name, "call", dict(args or {})))
            case ToolResultEvent(name=name):
                host.emit(ToolActivity(name, "result"))
            case StateDeltaEvent(delta=delta) if "draft" in delta:
                host.apply_draft(delta["draft"])
            case ErrorEvent() if any(same_failure(shown, event) for shown in self._errors):
                pass  # one failure, one error (it is in the event log twice)
            case ErrorEvent():
                self._errors.append(event)
                # Typed like the same code in a status or body (2001 → out of credits, link).
                host.report(host.explain(event.to_error()))

    async def _say_still_working(self) -> None:
        """Says "still working" after every `still_working_s` without words, on the client's own clock:
        stock ADK sends nothing at all during a long step (no heartbeats) to hang it on."""
        every = self.timings.still_working_s
        while True:
            await asyncio.sleep(max(0.0, self._voice_at + every - time.monotonic()))
            if time.monotonic() - self._voice_at >= every:
                self.host.emit(StatusChanged(note="Still working…"))
                self._voice_at = time.monotonic()

    def _summarise_silent_turn(self) -> None:
        lines = timeline.changes(self.before, self.host.workspace.timeline)
        if lines:
            self.host.say("system", "Done: " + "; ".join(lines) + ".\n" + self.host.workspace.summary)
        else:
            self.host.say("system", "The turn ended without a reply and the timeline did not change.")

    async def _recover(self, cause: NemoError) -> None:
        """After a lost stream: never re-send; poll the state and report what changed."""
        host = self.host
        for delay in self.timings.recovery_polls:
            host.emit(StatusChanged(activity="recovering", note="Connection lost; checking the project…"))
            await asyncio.sleep(delay)
            with contextlib.suppress(NemoError):
                await host.refresh_state()
                if timeline.changes(self.before, host.workspace.timeline):
                    self._summarise_silent_turn()
                    host.emit(StatusChanged(activity="idle"))
                    return
        host.emit(StatusChanged(activity="idle"))
        host.emit(
            ErrorShown(
                f"{cause.message} The reply was lost and the project did not change.",
                "Send the message again when you are ready.",
                "RecoveryFailed",
            )
        )

    def _made_a_first_cut(self, tools: list[str]) -> bool:
        """A generation put new video on the timeline, and the request did not refuse music: a second
        stage may follow. (A caption tool named "generate…" changes no video and has none.)"""
        if not any(_GENERATION_TOOL.search(name) for name in tools) or _NO_MUSIC.search(self.text):
            return False
        after = self.host.workspace.timeline
        changed = timeline.changed_ids(self.before, after)
        return any(s.id in changed for t in after.tracks if t.kind == "Video" for s in t.segments)

    async def _follow_second_stage(self) -> None:
        """Generation may add music and a title after the first cut (docs/protocol.md). Follow the state
        while it is still changing: stop once both are in, or once it has been still for
        `stage_stable_polls` polls in a row (a generation may have no second stage at all)."""
        host = self.host
        if self._has_second_stage():
            return
        poll = self.timings.stage_poll_s
        deadline = time.monotonic() + self.timings.stage_deadline_s
        last, still = self._draft_print(), 0
        host.emit(StatusChanged(note="First cut ready; waiting for music and title…"))
        try:
            while still < self.timings.stage_stable_polls and time.monotonic() < deadline:
                await asyncio.sleep(poll)
                await host.refresh_state()
                if self._has_second_stage():
                    return
                now = self._draft_print()
                still = still + 1 if now == last else 0
                last = now
        finally:
            host.emit(StatusChanged(note=None))

    def _draft_print(self) -> str:
        return json.dumps(self.host.draft, sort_keys=True, default=str)

    def _has_second_stage(self) -> bool:
        kinds = {t.kind for t in self.host.workspace.timeline.tracks if t.segments}
        return bool(kinds & {"BGM", "Audio", "Voice"}) and bool(kinds & {"Title", "Text", "Captions"})
