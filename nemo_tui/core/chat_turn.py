"""One chat turn, from the streamed reply to the settled state (PROTOCOL.md's rules for a turn).

The stream's events become updates as they arrive: partial and final text, tool activity, draft
deltas, errors inside the stream; a "still working" note after long silence, on our own clock. Once
the stream ends the state is fetched; a turn with no words is summarised from what changed; a
generation's second stage (music and title after the first cut) is followed while the state still
changes; the credits are fetched last. A dropped stream is never sent again: the state is polled and
what changed is reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from typing import TYPE_CHECKING

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
from .updates import ErrorShown, PartialText, StatusChanged, ToolActivity

if TYPE_CHECKING:
    from .controller import SessionController

log = logging.getLogger(__name__)

LOCAL_STAGE_POLL_S = 1.0  # an engine on this machine answers at once
CLOUD_STAGE_POLL_S = 15.0

# A generation tool (the cloud's names are not documented: "generate_video", "generateVideo", …).
_GENERATION_TOOL = re.compile(r"generat", re.I)
# A request that asked for no music expects no second stage.
_NO_MUSIC = re.compile(
    r"\b(no|without)\s+(background\s+)?(music|bgm|soundtrack)\b|\bmusic\s*[:=]?\s*none\b"
    r"|不要(背景)?(音乐|配乐)|无(背景)?(音乐|配乐)|没有(背景)?(音乐|配乐)",
    re.I,
)


class ChatTurn:
    """`await ChatTurn(controller, session_id, text).run()`; the controller holds the turn lock."""

    def __init__(self, ctl: SessionController, sid: str, text: str) -> None:
        self.ctl, self.sid, self.text = ctl, sid, text
        self.before = ctl.baseline_now()  # what the timeline was when the person asked
        self._got_text, self._tools, self._pending = False, list[str](), ""
        self._errors: list[ErrorEvent] = []  # shown in this turn
        self._started = self._voice_at = 0.0  # monotonic times: the stream's start, the last words

    async def run(self) -> None:
        ctl = self.ctl
        try:
            got_text, tools = await self._stream()
        except SessionNotFound as exc:
            ctl.report(exc)
            await ctl.new_session()
            return
        except (StreamDropped, StreamTimeout) as exc:
            # Not an error yet: only a failed recovery is (a recovered turn is a good turn).
            log.info("turn lost (%s); recovering from the state", type(exc).__name__)
            await self._recover(exc)
            return
        ctl.emit(StatusChanged(activity="updating"))
        await ctl.refresh_state()
        if not got_text:
            self._summarise_silent_turn()
        if self._made_a_first_cut(tools):
            await self._follow_second_stage()
        await ctl.refresh_credits()

    async def _stream(self) -> tuple[bool, list[str]]:
        """The reply's events as updates; returns whether it had words, and the tools it called."""
        self._started = self._voice_at = time.monotonic()
        ticker = asyncio.create_task(self._say_still_working())
        try:
            async with self.ctl.client.turn(self.sid, self.text) as turn:
                async for event in turn:
                    self._on_event(event)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        if self._pending.strip():  # fragments with no final text: keep what arrived
            self._got_text = True
            self.ctl.say("assistant", gui_talk.translate(self._pending))
        return self._got_text, self._tools

    def _on_event(self, event: Event) -> None:
        ctl = self.ctl
        now = time.monotonic()
        ctl.emit(log_entry(event, now - self._started))
        match event:
            case TextEvent(thought=True):
                pass
            case TextEvent(partial=True, text=fragment):
                self._pending += fragment
                ctl.emit(PartialText(fragment))
                self._voice_at = now
            case TextEvent(text=whole):
                self._pending = ""  # the final text repeats the fragments
                reply = gui_talk.translate(whole)
                if reply:
                    self._got_text = True
                    ctl.say("assistant", reply)
                self._voice_at = now
            case ToolCallEvent(name=name, args=args):
                self._tools.append(name)
                ctl.emit(ToolActivity(name, "call", dict(args or {})))
            case ToolResultEvent(name=name):
                ctl.emit(ToolActivity(name, "result"))
            case StateDeltaEvent(delta=delta) if "draft" in delta:
                ctl.apply_draft(delta["draft"])
            case ErrorEvent() if any(same_failure(shown, event) for shown in self._errors):
                pass  # one failure, one error (it is in the event log twice)
            case ErrorEvent():
                self._errors.append(event)
                # Typed like the same code in a status or body (2001 → out of credits, link).
                err = event.to_error()
                explain = getattr(ctl.client, "explain", None)
                ctl.report(explain(err) if explain else err)

    async def _say_still_working(self) -> None:
        """Says "still working" after every `still_working_s` without words, on the client's own clock:
        stock ADK sends nothing at all during a long step (no heartbeats) to hang it on."""
        every = self.ctl.timings.still_working_s
        while True:
            await asyncio.sleep(max(0.0, self._voice_at + every - time.monotonic()))
            if time.monotonic() - self._voice_at >= every:
                self.ctl.emit(StatusChanged(note="Still working…"))
                self._voice_at = time.monotonic()

    def _summarise_silent_turn(self) -> None:
        lines = timeline.changes(self.before, self.ctl.workspace.timeline)
        if lines:
            self.ctl.say("system", "Done: " + "; ".join(lines) + ".\n" + self.ctl.workspace.summary)
        else:
            self.ctl.say("system", "The turn ended without a reply and the timeline did not change.")

    async def _recover(self, cause: NemoError) -> None:
        """After a lost stream: never re-send; poll the state and report what changed."""
        ctl = self.ctl
        for delay in ctl.timings.recovery_polls:
            ctl.emit(StatusChanged(activity="recovering", note="Connection lost; checking the project…"))
            await asyncio.sleep(delay)
            with contextlib.suppress(NemoError):
                await ctl.refresh_state()
                if timeline.changes(self.before, ctl.workspace.timeline):
                    self._summarise_silent_turn()
                    ctl.emit(StatusChanged(activity="idle"))
                    return
        ctl.emit(StatusChanged(activity="idle"))
        ctl.emit(
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
        after = self.ctl.workspace.timeline
        changed = timeline.changed_ids(self.before, after)
        return any(s.id in changed for t in after.tracks if t.kind == "Video" for s in t.segments)

    async def _follow_second_stage(self) -> None:
        """Generation may add music and a title after the first cut (PROTOCOL.md). Follow the state
        while it is still changing: stop once both are in, or once it has been still for
        `stage_stable_polls` polls in a row (a generation may have no second stage at all)."""
        ctl = self.ctl
        if self._has_second_stage():
            return
        poll = ctl.timings.stage_poll_s or (
            LOCAL_STAGE_POLL_S if ctl.backend and ctl.backend.on_this_machine else CLOUD_STAGE_POLL_S
        )
        deadline = time.monotonic() + ctl.timings.stage_deadline_s
        last, still = self._draft_print(), 0
        ctl.emit(StatusChanged(note="First cut ready; waiting for music and title…"))
        try:
            while still < ctl.timings.stage_stable_polls and time.monotonic() < deadline:
                await asyncio.sleep(poll)
                await ctl.refresh_state()
                if self._has_second_stage():
                    return
                now = self._draft_print()
                still = still + 1 if now == last else 0
                last = now
        finally:
            ctl.emit(StatusChanged(note=None))

    def _draft_print(self) -> str:
        return json.dumps(self.ctl.draft, sort_keys=True, default=str)

    def _has_second_stage(self) -> bool:
        kinds = {t.kind for t in self.ctl.workspace.timeline.tracks if t.segments}
        return bool(kinds & {"BGM", "Audio", "Voice"}) and bool(kinds & {"Title", "Text", "Captions"})
