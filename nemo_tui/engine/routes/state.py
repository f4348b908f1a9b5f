"""`GET /api/state/nemo_agent/me/<sid>/latest`: the session's state as the agent left it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from google.adk.sessions.base_session_service import GetSessionConfig

from ..agent.agent import APP_NAME
from ..services.api_errors import session_not_found
from .deps import CurrentAccount, base_url, engine_of, owned_task

router = APIRouter()

STATE_KEYS = ("draft", "video_infos", "canvas_config", "generated_media")


@router.get("/api/state/{app}/{user}/{session_id}/latest")
async def latest_state(
    app: str, user: str, session_id: str, request: Request, account: CurrentAccount
) -> dict[str, object]:
    task = await owned_task(request, account, session_id, app)
    engine = engine_of(request)
    session = await engine.sessions.get_session(
        app_name=APP_NAME,
        user_id=account.id,
        session_id=session_id,
        config=GetSessionConfig(num_recent_events=0),
    )
    if session is None:
        raise session_not_found(session_id)
    state = {key: session.state.get(key) for key in STATE_KEYS}
    base = base_url(request)
    for key in ("video_infos", "generated_media"):
        state[key] = [_on_this_engine(item, base) for item in state[key] or []]
    state["video_analyses"] = session.state.get("video_analyses") or {}
    data = {
        "session_id": session_id,
        "task_id": task.task_id,
        "task_name": task.name,
        "user_id": account.id,
        "turn_running": engine.turns.is_running((account.id, session_id)),
        "state": state,
    }
    return {"code": 0, "data": data}


def _on_this_engine(item: Any, base: str) -> Any:
    """A `cdn_url` saved when the engine listened elsewhere (the port changes per start) points here."""
    url = item.get("cdn_url") if isinstance(item, dict) else None
    if isinstance(url, str) and "/api/" in url:
        return {**item, "cdn_url": base + url[url.index("/api/") :]}
    return item
