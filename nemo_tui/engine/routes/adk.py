"""The parts of ADK's own API server that its clients use to find and open sessions.

`/list-apps`, `POST/GET /apps/nemo_agent/users/<user>/sessions[/<sid>]`, answered as stock ADK
(google-adk 2.13.0's `adk api_server`) answers them: a session made with the id a caller chose (in
the path, or `session_id` in the body; 409 "Session already exists: <id>" if taken), and `userId`
echoing the user in the path. That user is the token's account whatever it says (`me`, or anything),
as everywhere in the engine. Where stock ADK lets a caller write the session (`state`, `events`,
`options` at creation) the engine refuses in words, never silently: its state belongs to its tools.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import IntegrityError

from ..agent.agent import APP_NAME
from ..services.api_errors import ApiError, session_not_found
from ..storage.records import Account
from .deps import CurrentAccount, engine_of, owned_task
from .tasks import create_project

router = APIRouter()

# Stock ADK takes any string; ours are 19 digits. A caller's own id: a plain name, not a path.
_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
STATE_IS_THE_TOOLS = (
    "this engine's session state is written only by its tools and uploads (a draft is checked, "
    "priced and undoable; ADK's app: keys would reach every account)"
)


class NewSession(BaseModel):
    """Stock ADK's `CreateSessionRequest`."""

    model_config = ConfigDict(extra="allow")
    session_id: str | None = None
    state: dict[str, Any] | None = None
    events: list[Any] | None = None
    options: dict[str, Any] | None = None


def refuse_state_writes(**fields: object) -> None:
    """A 400 that names the first field that would write the session (empty values are fine)."""
    for name, value in fields.items():
        if value:
            raise ApiError(400, f"{name} is not supported: {STATE_IS_THE_TOOLS}.")


def _session_json(session: Any, user: str) -> dict[str, Any]:
    return {**session.model_dump(exclude_none=True, by_alias=True, mode="json"), "userId": user}


async def _create(request: Request, account: Account, user: str, session_id: str | None) -> dict[str, Any]:
    if session_id is not None and not _SESSION_ID.fullmatch(session_id):
        raise ApiError(400, "A session id is 1-128 letters, digits, '.', '_' or '-', starting with one.")
    engine = engine_of(request)
    try:
        task = await create_project(engine, account, "project", "en", session_id)
    except IntegrityError:  # the id is taken (by any account: ids are the engine's keys)
        raise ApiError(409, f"Session already exists: {session_id}") from None
    session = await engine.sessions.get_session(
        app_name=APP_NAME, user_id=account.id, session_id=task.session_id
    )
    return _session_json(session, user)


@router.get("/list-apps")
async def list_apps() -> list[str]:
    return [APP_NAME]


@router.post("/apps/{app}/users/{user}/sessions")
async def create_session(
    app: str, user: str, request: Request, account: CurrentAccount, body: NewSession | None = None
) -> dict[str, Any]:
    if app != APP_NAME:
        raise session_not_found()
    body = body or NewSession()
    refuse_state_writes(state=body.state, events=body.events, options=body.options)
    return await _create(request, account, user, body.session_id)


@router.post("/apps/{app}/users/{user}/sessions/{session_id}")
async def create_session_with_id(
    app: str,
    user: str,
    session_id: str,
    request: Request,
    account: CurrentAccount,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """ADK's older create route (deprecated there, still served): the body is the initial state."""
    if app != APP_NAME:
        raise session_not_found()
    refuse_state_writes(state=state)
    return await _create(request, account, user, session_id)


@router.get("/apps/{app}/users/{user}/sessions")
async def list_sessions(app: str, user: str, request: Request, account: CurrentAccount) -> list[Any]:
    if app != APP_NAME:
        return []
    found = await engine_of(request).sessions.list_sessions(app_name=APP_NAME, user_id=account.id)
    return [_session_json(s, user) for s in found.sessions]


@router.get("/apps/{app}/users/{user}/sessions/{session_id}")
async def get_session(
    app: str, user: str, session_id: str, request: Request, account: CurrentAccount
) -> dict[str, Any]:
    await owned_task(request, account, session_id, app)
    session = await engine_of(request).sessions.get_session(
        app_name=APP_NAME, user_id=account.id, session_id=session_id
    )
    if session is None:
        raise session_not_found(session_id)
    return _session_json(session, user)
