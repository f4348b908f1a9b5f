"""Chat turns: one ADK run per turn, in a task of its own, with its events kept for re-attaching.

A turn does not belong to the HTTP request that started it. The request only *watches* it: the turn
keeps running (and is charged once) when the connection drops, and a POST with `Last-Event-ID`
watches the same turn again from after that event. Only one turn runs per session (`TurnBusy`
otherwise). The same per-session lock serialises other writes to the session's state (uploads):
while a turn runs they are queued and applied when it ends, so ADK never sees a stale session.

Credits: the turn's estimate is frozen before it starts (by the route); every successful tool call
records its price on the hold; the hold is settled exactly once when the turn ends, however it ends.
A turn with no price up front (a real model's: its calls cannot be known in advance) pays tool by tool
instead: before a priced tool runs, its price is added to the turn's hold, and when the account cannot
cover it the tool is refused in words the model reads (`_TurnHooks`, an ADK plugin on the runner).

A real model that fails (its server down, a 500) ends the turn with one ADK error event,
`MODEL_UNAVAILABLE`, saying what to check (keys scrubbed), instead of an exception that ADK reports,
logs with its traceback (which may quote the key) and the engine reports again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from typing import Any

from google.adk.agents.callback_context import CallbackContext
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.adk.plugins.base_plugin import BasePlugin
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import GetSessionConfig
from google.adk.tools.base_tool import BaseTool
from google.adk.tools.tool_context import ToolContext
from google.genai import types

from ..hosting.config import EngineConfig
from ..storage.store import InsufficientCredits, Store
from .api_errors import DISK_FULL, is_disk_full
from .sse_frames import HEARTBEAT, Frame, error_frame

log = logging.getLogger("nemo_tui.engine.turns")

Key = tuple[str, str]  # (account id, session id)
StateOp = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


class TurnBusy(Exception):
    pass


class Turn:
    def __init__(self, key: Key) -> None:
        self.key = key
        self.frames: list[Frame] = []
        self._seen: dict[str, int] = {}  # ADK event id → frames sent with it
        self.done = False
        self.finished_at: float | None = None
        self.changed = asyncio.Condition()
        self.task: asyncio.Task[None] | None = None
        self.hold_id: str | None = None
        self.pays_per_call = False  # no price frozen up front: each priced tool adds its own
        self.paying = asyncio.Lock()  # parallel calls must not open two holds
        self.claim: str | None = None  # a team server: this turn's claim of the session across nodes

    async def publish(self, frame: Frame) -> None:
        async with self.changed:
            self.frames.append(frame)
            self.changed.notify_all()

    async def finish(self) -> None:
        async with self.changed:
            self.done = True
            self.finished_at = time.monotonic()
            self.changed.notify_all()

    def ready_after(self, index: int) -> Callable[[], bool]:
        """A predicate: frames beyond `index` exist, or the turn is over."""
        return lambda: len(self.frames) > index or self.done

    def frame_id(self, event_id: str) -> str:
        """The event's id, made unique in the turn: with `streaming: true` ADK gives a partial event
        and its final one the same id, and a re-attach after either must know which it was."""
        n = self._seen[event_id] = self._seen.get(event_id, 0) + 1
        return event_id if n == 1 else f"{event_id}.{n}"  # ADK's ids are uuids: no clash

    def index_after(self, last_event_id: str | None) -> int:
        for i, frame in enumerate(self.frames):
            if frame.id == last_event_id:
                return i + 1
        return 0


class TurnManager:
    def __init__(self, runner: Runner, store: Store, config: EngineConfig) -> None:
        self._runner = runner
        self._store = store
        self._config = config
        self._stock = config.framing == "adk"  # frames exactly as stock ADK (sse_frames.py)
        #: A model behind a server (not the offline planner): its failures come with advice about it.
        self._real_model = config.model != "offline"
        self._running: dict[Key, Turn] = {}
        self._recent: dict[Key, Turn] = {}
        self._locks: dict[Key, asyncio.Lock] = {}
        self._pending: dict[Key, list[StateOp]] = {}
        #: A team server: other nodes may run turns in the same sessions (claims in the store).
        self._shared_silence = config.node_silence_s
        self._waiting: set[asyncio.Task[None]] = set()
        runner.plugin_manager.register_plugin(_TurnHooks(self))

    def _lock(self, key: Key) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    def is_running(self, key: Key) -> bool:
        return key in self._running

    def reserve(self, key: Key) -> Turn:
        """Claim the session for a new turn, synchronously (no await between check and claim)."""
        if key in self._running:
            raise TurnBusy
        turn = self._running[key] = Turn(key)
        return turn

    def release(self, turn: Turn) -> None:
        """Give back a reservation that never started (e.g. not enough credits)."""
        if self._running.get(turn.key) is turn:
            del self._running[turn.key]

    async def claim(self, key: Key) -> Turn:
        """`reserve`, and on a team server also claim the session from every other node: TurnBusy
        when a turn runs there anywhere."""
        turn = self.reserve(key)
        if self._shared_silence is None:
            return turn
        try:
            turn.claim = await self._store.claim_session(key[1], self._shared_silence)
        except BaseException:
            self.release(turn)
            raise
        if turn.claim is None:
            self.release(turn)
            raise TurnBusy
        return turn

    async def abandon(self, turn: Turn) -> None:
        """Give back a claim whose turn never started."""
        self.release(turn)
        await self._unclaim(turn)

    async def _unclaim(self, turn: Turn) -> None:
        if turn.claim is not None:
            try:
                await asyncio.shield(self._store.release_session(turn.key[1], turn.claim))
            except Exception:  # the claim goes stale and is taken over after the silence
                log.exception("could not release session %s", turn.key[1])

    def resumable(self, key: Key) -> Turn | None:
        self._prune()
        return self._running.get(key) or self._recent.get(key)

    def _prune(self) -> None:
        """Forget turns past the resume window, and idle sessions' locks: a long-running engine
        keeps memory only for sessions in use."""
        cutoff = time.monotonic() - self._config.resume_window_s
        for key, turn in list(self._recent.items()):
            if turn.finished_at is not None and turn.finished_at < cutoff:
                del self._recent[key]
        for key, lock in list(self._locks.items()):
            if not lock.locked() and key not in self._running and key not in self._pending:
                del self._locks[key]

    def launch(
        self, turn: Turn, message: types.Content, hold_id: str | None, *, streaming: bool = False
    ) -> None:
        mode = StreamingMode.SSE if streaming else StreamingMode.NONE
        turn.hold_id, turn.pays_per_call = hold_id, hold_id is None
        run = self._run(turn, message, RunConfig(streaming_mode=mode))
        turn.task = asyncio.create_task(run, name=f"turn {turn.key[1]}")

    async def _run(self, turn: Turn, message: types.Content, run_config: RunConfig) -> None:
        try:
            async with self._lock(turn.key):
                try:
                    await self._drive(turn, message, run_config)
                finally:
                    # Leave "running" and take the queued writes in one step: later writes see no
                    # turn and wait for the lock instead of queueing behind a turn that has ended.
                    self.release(turn)
                    await self._apply_ops(turn.key, self._pending.pop(turn.key, []))
        finally:
            self.release(turn)
            await self._unclaim(turn)
            try:
                if turn.hold_id:
                    await asyncio.shield(self._store.settle(turn.hold_id))
            except Exception:  # the hold stays frozen; the next start settles it
                log.exception("could not settle credit hold %s", turn.hold_id)
            finally:
                self._prune()
                self._recent[turn.key] = turn
                await turn.finish()  # watchers must always learn that the turn is over

    async def _drive(self, turn: Turn, message: types.Content, run_config: RunConfig) -> None:
        user_id, session_id = turn.key
        invocation_id = None
        deadline = asyncio.timeout(self._config.turn_timeout_s)
        try:
            async with deadline:
                events = self._runner.run_async(
                    user_id=user_id, session_id=session_id, new_message=message, run_config=run_config
                )
                async with aclosing(events) as stream:
                    async for event in stream:
                        invocation_id = event.invocation_id
                        data = event.model_dump_json(exclude_none=True, by_alias=True)
                        await turn.publish(Frame(turn.frame_id(event.id), data))
                        if turn.hold_id:
                            await self._charge(event, turn.hold_id)
        except asyncio.CancelledError:
            stopped = "The engine stopped during this turn."
            await turn.publish(self._error("CancelledError", stopped, message=stopped, code="CANCELLED"))
            raise
        except TimeoutError as exc:
            if not deadline.expired():
                await self._failed(turn, exc, invocation_id)
                return
            minutes = round(self._config.turn_timeout_s / 60)
            late = f"The turn took longer than {minutes} min and was stopped."
            await turn.publish(self._error("TimeoutError", late, message=late))
        except Exception as exc:  # every failure becomes an error frame, never a cut-off body
            await self._failed(turn, exc, invocation_id)

    async def _failed(self, turn: Turn, exc: BaseException, invocation_id: str | None) -> None:
        log.error("turn failed in session %s: %s", turn.key[1], exc, exc_info=exc)
        if is_disk_full(exc, self._config.data_dir):  # what to do, not SQLite's words
            frame = self._error(
                type(exc).__name__, str(exc), message=DISK_FULL, code="DISK_FULL", invocation_id=invocation_id
            )
            await turn.publish(frame)
            return
        await turn.publish(self._error(type(exc).__name__, str(exc), invocation_id=invocation_id))

    def model_failed(self, key: Key, error: Exception) -> LlmResponse | None:
        """The answer that ends a turn whose real model failed: one error naming what to check."""
        if not self._real_model:
            return None  # the offline planner failing is a bug: let it raise, with its traceback
        detail = _scrub(f"{type(error).__name__}: {error}")
        log.warning("the model failed in session %s: %s", key[1], detail)
        message = (
            f"The model ({self._config.model}) did not answer: {detail[:300]}. Check that the model "
            "server is running and reachable from the engine: NEMO_AGENT_MODEL, and OPENAI_API_BASE "
            "(or the provider's key), where the engine runs."
        )
        return LlmResponse(error_code=MODEL_UNAVAILABLE, error_message=message)

    async def pay(self, key: Key, tool: str) -> dict[str, Any] | None:
        """Before `tool` runs in a turn that pays per call: add its price to the turn's hold, or the
        refusal the model reads when the account cannot cover it (None: go ahead)."""
        price = self._config.prices.get(tool, 0)
        turn = self._running.get(key)
        if price <= 0 or turn is None or not turn.pays_per_call:
            return None  # free, or priced up front (the offline planner freezes its plan's price)
        try:
            async with turn.paying:
                if turn.hold_id is None:
                    turn.hold_id = await self._store.freeze(key[0], key[1], price)
                else:
                    await self._store.add_to_hold(turn.hold_id, price)
        except InsufficientCredits as exc:
            return {
                "ok": False,
                "code": "no_credits",
                "message": f"Not enough credits for {tool}: it costs {price} and {exc.available} are "
                "left, so nothing changed. Tell the person; exporting stays free, and free tools "
                "(undo, redo, show_timeline) still work.",
            }
        return None

    def _error(self, error_type: str, detail: str, **kw: Any) -> Frame:
        return error_frame(error_type, detail, stock=self._stock, **kw)

    async def _charge(self, event: Event, hold_id: str) -> None:
        for call in event.get_function_responses():
            response = call.response or {}
            price = self._config.prices.get(call.name or "", 0)
            if response.get("ok") is True and price > 0:
                await self._store.record_charge(hold_id, price)

    async def follow(self, turn: Turn, start: int = 0) -> AsyncIterator[str]:
        """What a /run_sse response sends. In stock ADK's framing the turn is cancelled when the
        caller goes before its end, as ADK's own server does (there is no re-attaching to it then);
        the engine's framing lets it run on, so a dropped connection can re-attach."""
        try:
            async for chunk in self.watch(turn, start):
                yield chunk
        finally:
            if self._stock and not turn.done and turn.task is not None:
                turn.task.cancel()

    async def watch(self, turn: Turn, start: int = 0) -> AsyncIterator[str]:
        """The turn's frames from `start`, live; heartbeats while nothing happens (none in stock
        ADK's framing, which has no `id:` lines either)."""
        index = start
        interval = None if self._stock else self._config.heartbeat_s
        while True:
            async with turn.changed:
                try:
                    await asyncio.wait_for(turn.changed.wait_for(turn.ready_after(index)), interval)
                except TimeoutError:
                    pass
                fresh, done = turn.frames[index:], turn.done
                index += len(fresh)
            if not fresh and not done:
                yield HEARTBEAT
            for frame in fresh:
                yield frame.encode(with_id=not self._stock)
            if done and index >= len(turn.frames):
                return

    async def apply_state(self, key: Key, op: StateOp) -> bool:
        """Apply a state change now, or after the running turn (returns False then)."""
        if key in self._running:
            self._pending.setdefault(key, []).append(op)
            return False
        silence = self._shared_silence
        if silence is not None and await self._store.session_busy_elsewhere(key[1], silence):
            waiting = asyncio.create_task(self._apply_after_elsewhere(key, op, silence))
            self._waiting.add(waiting)
            waiting.add_done_callback(self._waiting.discard)
            return False
        async with self._lock(key):
            await self._apply_ops(key, [op])
        return True

    async def _apply_after_elsewhere(self, key: Key, op: StateOp, silence: float) -> None:
        """Apply `op` once the turn another node runs in the session has ended (or that node died)."""
        deadline = time.monotonic() + self._config.turn_timeout_s + silence
        while time.monotonic() < deadline and await self._store.session_busy_elsewhere(key[1], silence):
            await asyncio.sleep(0.2)
        async with self._lock(key):
            await self._apply_ops(key, [op])

    async def _apply_ops(self, key: Key, ops: list[StateOp]) -> None:
        for op in ops:
            try:
                await self._apply_op(key, op)
            except Exception:
                log.exception("could not apply a state change to session %s", key[1])

    async def _apply_op(self, key: Key, op: StateOp) -> None:
        user_id, session_id = key
        service = self._runner.session_service
        session = await service.get_session(
            app_name=self._runner.app_name,
            user_id=user_id,
            session_id=session_id,
            config=GetSessionConfig(num_recent_events=0),
        )
        if session is None:
            return
        delta = await op(dict(session.state))
        actions = EventActions(state_delta=delta)
        event = Event(invocation_id=f"e-{uuid.uuid4()}", author="user", actions=actions)
        await service.append_event(session, event)

    async def shutdown(self) -> None:
        for waiting in list(self._waiting):
            waiting.cancel()
        tasks = [t.task for t in self._running.values() if t.task]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


MODEL_UNAVAILABLE = "MODEL_UNAVAILABLE"

# Key-shaped words (OpenAI's `sk-…`, and whatever a *_API_KEY variable holds) never reach a frame.
_KEY_RE = re.compile(r"\bsk-[A-Za-z0-9_*-]+")


def _scrub(text: str) -> str:
    for name, value in os.environ.items():
        if name.endswith(("_API_KEY", "_TOKEN")) and len(value) >= 8:
            text = text.replace(value, "***")
    return _KEY_RE.sub("sk-***", text)


class _TurnHooks(BasePlugin):
    """The turn manager's hooks into ADK's runs: paying tool by tool, noticing that the model failed."""

    def __init__(self, turns: TurnManager) -> None:
        super().__init__(name="nemo_turn_hooks")
        self._turns = turns

    async def before_tool_callback(
        self, *, tool: BaseTool, tool_args: dict[str, Any], tool_context: ToolContext
    ) -> dict[str, Any] | None:
        return await self._turns.pay((tool_context.user_id, tool_context.session.id), tool.name)

    async def on_model_error_callback(
        self, *, callback_context: CallbackContext, llm_request: LlmRequest, error: Exception
    ) -> LlmResponse | None:
        return self._turns.model_failed((callback_context.user_id, callback_context.session.id), error)
