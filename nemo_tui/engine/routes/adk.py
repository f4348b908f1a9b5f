"""The parts of ADK's own API server that its clients use to find and open sessions.

`/list-apps`, `POST/GET /apps/nemo_agent/users/<user>/sessions[/<sid>]`. The user is always the
token's account (`<user>` is accepted as written and ignored), as in the rest of the engine.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from ..agent.agent import APP_NAME
from ..deps import CurrentAccount, engine_of, owned_task
from ..errors import session_not_found
from .tasks import create_project

router = APIRouter()


class NewSession(BaseModel):
    model_config = ConfigDict(extra="allow")
    state: dict[str, Any] | None = None


def _session_json(session: Any) -> dict[str, Any]:
    return session.model_dump(exclude_none=True, by_alias=True, mode="json")


@router.get("/list-apps")
async def list_apps() -> list[str]:
    return [APP_NAME]


@router.post("/apps/{app}/users/{user}/sessions")
async def create_session(
    app: str,
    user: str,
    request: Request,
    account: CurrentAccount,
    body: NewSession | None = None,
) -> dict[str, Any]:
    if app != APP_NAME:
        raise session_not_found()
    engine = engine_of(request)
    task = await create_project(engine, account, "project", "en", (body.state if body else None))
    session = await engine.sessions.get_session(
        app_name=APP_NAME, user_id=account.id, session_id=task.session_id
    )
    return _session_json(session)


@router.get("/apps/{app}/users/{user}/sessions")
async def list_sessions(app: str, user: str, request: Request, account: CurrentAccount) -> list:
    if app != APP_NAME:
        return []
    found = await engine_of(request).sessions.list_sessions(app_name=APP_NAME, user_id=account.id)
    return [_session_json(s) for s in found.sessions]


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
    return _session_json(session)
