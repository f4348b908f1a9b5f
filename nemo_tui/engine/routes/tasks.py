"""`POST /api/tasks/me/with-session/nemo_agent`: a task and its ADK session, made together."""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from ..agent.agent import APP_NAME
from ..agent.edits import draft_ops
from ..services.api_errors import ApiError
from ..storage.records import Account, Task
from .deps import CurrentAccount, engine_of

if TYPE_CHECKING:
    from ..hosting.asgi_app import Engine

router = APIRouter()


class NewTask(BaseModel):
    model_config = ConfigDict(extra="allow")
    task_name: str = "project"
    language: str = "en"


def new_session_id() -> str:
    """A 19-digit numeric string, like the cloud's (milliseconds, then 22 random bits)."""
    return str((int(time.time() * 1000) << 22) | secrets.randbits(22))


def initial_state(task_id: str, language: str) -> dict[str, Any]:
    return {
        "draft": {},
        "video_infos": [],
        "canvas_config": draft_ops.canvas_config(draft_ops.canvas_for("16:9")),
        "generated_media": [],
        "task_id": task_id,
        "language": language,
    }


async def create_project(
    engine: Engine, account: Account, name: str, language: str, session_id: str | None = None
) -> Task:
    """A task and its session; a `session_id` the engine already has raises sqlalchemy's IntegrityError."""
    session_id = session_id or new_session_id()
    task = await engine.store.create_task(account.id, session_id, name[:200] or "project", language[:20])
    await engine.sessions.create_session(
        app_name=APP_NAME,
        user_id=account.id,
        session_id=session_id,
        state=initial_state(task.task_id, task.language),
    )
    return task


@router.post("/api/tasks/{user}/with-session/{app}")
async def create_task(
    user: str,
    app: str,
    request: Request,
    account: CurrentAccount,
    body: NewTask | None = None,
) -> dict[str, object]:
    if app != APP_NAME:
        raise ApiError(404, f"Unknown agent {app!r}; this engine serves {APP_NAME!r}.")
    body = body or NewTask()
    task = await create_project(engine_of(request), account, body.task_name, body.language)
    data = {
        "task_id": task.task_id,
        "session_id": task.session_id,
        "user_id": account.id,
        "task_name": task.name,
    }
    return {"code": 0, "data": data}
