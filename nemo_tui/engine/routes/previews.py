"""Look-ahead previews (`/api/preview/...`): render or reuse a small MP4 of the session's draft, serve
it (with Range, as media files are), and a JPEG per scene. Free; the local engine's own routes."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from google.adk.sessions.base_session_service import GetSessionConfig
from pydantic import BaseModel, ConfigDict, Field

from ..agent.agent import APP_NAME
from ..services.api_errors import ApiError, session_not_found
from ..services.exports import DraftProblem
from ..services.previews import Preview, Superseded
from ..storage.records import Account
from .deps import CurrentAccount, engine_of, owned_task

router = APIRouter()

DEFAULT_WIDTH = 480
_FILE = re.compile(r"^([0-9a-f]{20})\.mp4$")


class PreviewRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    width: int = Field(default=DEFAULT_WIDTH, ge=64, le=1280)


async def _preview(request: Request, account: Account, session_id: str, width: int) -> Preview:
    await owned_task(request, account, session_id)
    engine = engine_of(request)
    session = await engine.sessions.get_session(
        app_name=APP_NAME,
        user_id=account.id,
        session_id=session_id,
        config=GetSessionConfig(num_recent_events=0),
    )
    if session is None:
        raise session_not_found(session_id)
    draft = session.state.get("draft")
    try:
        return await engine.previews.preview(
            account.id, session_id, draft if isinstance(draft, dict) else {}, width
        )
    except DraftProblem as exc:
        raise ApiError(400, f"No preview: {exc}") from exc
    except Superseded:
        raise ApiError(409, "A newer preview of this session replaced this one.") from None


@router.post("/api/preview/{session_id}")
async def make_preview(
    session_id: str, request: Request, account: CurrentAccount, body: PreviewRequest | None = None
) -> dict[str, Any]:
    preview = await _preview(request, account, session_id, body.width if body else DEFAULT_WIDTH)
    return {
        "url": f"/api/preview/{session_id}/{preview.hash}.mp4",
        "hash": preview.hash,
        "duration_s": preview.duration_s,
        "fps": preview.fps,
        "width": preview.width,
        "height": preview.height,
        "scenes": preview.scenes,
    }


@router.get("/api/preview/{session_id}/thumbs")
async def thumbs(
    session_id: str, request: Request, account: CurrentAccount, width: int = Query(160, ge=16, le=640)
) -> dict[str, Any]:
    """The current draft's preview (rendered at the default width if not cached yet), one JPEG a scene."""
    preview = await _preview(request, account, session_id, DEFAULT_WIDTH)
    found = await engine_of(request).previews.thumbs(account.id, preview, width)
    return {"hash": preview.hash, "thumbs": found}


@router.api_route("/api/preview/{session_id}/{file}", methods=["GET", "HEAD"])
async def preview_file(session_id: str, file: str, request: Request, account: CurrentAccount) -> FileResponse:
    await owned_task(request, account, session_id)
    match = _FILE.match(file)
    path = engine_of(request).previews.path(account.id, match.group(1)) if match else None
    if path is None or not path.exists():
        raise ApiError(404, "No such preview (an older one may have been removed); ask for a new one.")
    return FileResponse(path, media_type="video/mp4")
