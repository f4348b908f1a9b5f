"""`POST /run_sse` (ADK's streaming run) and `POST /run` (ADK's non-streaming run).

Everything that can refuse a turn is decided before the first byte of the stream: token (1001),
session (404 + 1002), a turn already running (409), credits (2001). Then the turn starts in its own
task and the response watches it. With a `Last-Event-ID` header the request starts nothing: it
watches the session's current (or just finished) turn again from after that event. A started turn's
answer names its price in headers (the credits frozen, and the hold that the balance then reports on).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from google.genai import types
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from nemo_tui.draft.wire import NO_CREDITS

from ..agent.agent import APP_NAME
from ..services.api_errors import ApiError, session_not_found
from ..services.limits import check_message
from ..services.topup import TOP_UP_EXAMPLE
from ..services.turns import Key, Turn, TurnBusy
from ..storage.records import Account
from ..storage.store import InsufficientCredits
from .adk import refuse_state_writes
from .deps import CurrentAccount, engine_of, owned_task

router = APIRouter()

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
# What a started turn froze (0: free), and the hold to ask the balance about once it ends.
PRICE_HEADER, HOLD_HEADER = "X-Nemo-Turn-Price", "X-Nemo-Credit-Hold"


class RunRequest(BaseModel):
    """ADK's run request: snake_case or camelCase; `user_id` is taken from the token, not the body."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")
    app_name: str | None = None
    user_id: str = "me"
    session_id: str
    new_message: types.Content | None = None
    streaming: bool = False
    # Stock ADK applies these; the engine refuses them rather than drop them (see routes/adk.py).
    state_delta: dict[str, Any] | None = None
    invocation_id: str | None = None


def _refuse_unsupported(body: RunRequest) -> None:
    refuse_state_writes(state_delta=body.state_delta)
    if body.invocation_id:
        raise ApiError(
            400, "invocation_id is not supported: this engine has no long-running tools to resume."
        )


async def _key(request: Request, body: RunRequest, account: Account) -> Key:
    if body.app_name not in (None, "", APP_NAME):
        raise session_not_found(body.session_id)
    await owned_task(request, account, body.session_id)
    return account.id, body.session_id


def _message(body: RunRequest) -> tuple[types.Content, str]:
    """The message as the agent will read it, and its text. Several text parts become one, so the
    price is that of what runs (a priced request behind a free "help" part is not free)."""
    message = body.new_message
    parts = (message.parts or []) if message else []
    text = " ".join(p.text for p in parts if p.text)
    if message is None or not text.strip():
        raise ApiError(400, 'new_message needs a text part: {"parts": [{"text": "..."}]}.')
    others = [p for p in parts if not p.text]
    message = message.model_copy(
        update={"role": message.role or "user", "parts": [types.Part(text=text), *others]}
    )
    return message, text


async def _start(
    request: Request, body: RunRequest, account: Account, key: Key
) -> tuple[Turn, dict[str, str]]:
    engine = engine_of(request)
    _refuse_unsupported(body)
    message, text = _message(body)
    check_message(message, text, engine.config)
    try:
        turn = await engine.turns.claim(key)
    except TurnBusy:
        raise ApiError(
            409,
            "A turn is already running in this session; wait for it to finish (or re-attach with "
            "Last-Event-ID) instead of sending the message again.",
        ) from None
    try:
        cost, hold_id = await _freeze(request, account, key[1], text)
    except BaseException:
        await engine.turns.abandon(turn)
        raise
    engine.turns.launch(turn, message, hold_id, streaming=body.streaming)
    return turn, {PRICE_HEADER: str(cost), **({HOLD_HEADER: hold_id} if hold_id else {})}


async def _freeze(request: Request, account: Account, session_id: str, text: str) -> tuple[int, str | None]:
    engine = engine_of(request)
    config = engine.config
    cost = await engine.model.estimate(text, config.prices)  # the planner reads it; a real model: flat
    if cost <= 0:
        return 0, None
    try:
        return cost, await engine.store.freeze(account.id, session_id, cost)
    except InsufficientCredits as exc:
        raise ApiError(
            NO_CREDITS,
            f"Not enough credits: this request costs {exc.needed} and {exc.available} are available. "
            f"Add credits on the machine that runs this engine: `{TOP_UP_EXAMPLE}`; exporting stays free.",
            extra={"top_up": TOP_UP_EXAMPLE, "needed": exc.needed, "available": exc.available},
        ) from exc


@router.post("/run_sse")
async def run_sse(body: RunRequest, request: Request, account: CurrentAccount) -> StreamingResponse:
    engine = engine_of(request)
    key = await _key(request, body, account)
    # Stock ADK's framing sends no ids, so there is nothing to re-attach to: the header is ignored,
    # as ADK's own server ignores it.
    stock = engine.config.framing == "adk"
    last_event_id = None if stock else request.headers.get("last-event-id")
    price: dict[str, str] = {}  # a re-attach starts nothing: it has no price of its own
    if last_event_id is not None:
        turn = engine.turns.resumable(key)
        if turn is None:
            raise ApiError(410, "No turn to resume in this session; fetch the session state instead.")
        start = turn.index_after(last_event_id)
    else:
        (turn, price), start = await _start(request, body, account, key), 0
    stream = engine.turns.follow(turn, start)
    return StreamingResponse(stream, media_type="text/event-stream", headers={**SSE_HEADERS, **price})


@router.post("/run")
async def run(body: RunRequest, request: Request, account: CurrentAccount) -> list[Any]:
    """ADK's non-streaming run: the turn's events as one JSON list."""
    engine = engine_of(request)
    key = await _key(request, body, account)
    turn, _ = await _start(request, body, account, key)
    events = []
    async for chunk in engine.turns.watch(turn):
        for line in chunk.splitlines():
            if line.startswith("data: ") and line[6:].strip():
                events.append(json.loads(line[6:]))
    return events
