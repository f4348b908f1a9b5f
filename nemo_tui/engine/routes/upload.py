"""`POST /api/upload-video/nemo_agent/me/<sid>`: files (multipart field `files`) or `{"urls": [...]}`.

Each stored file is listed in the session's `state.video_infos` with a stable `media:<id>`; while a
turn runs that state change waits for the turn to end (`session_state_applied: false`).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request

from ..services.api_errors import ApiError
from ..services.limits import read_body
from ..services.upload_intake import MultipartReceiver, Received, boundary_of, examine, keep_all, video_info
from ..services.url_fetch import fetch_url
from ..storage.records import Account, Upload
from .deps import CurrentAccount, base_url, engine_of, owned_task

router = APIRouter()


@router.post("/api/upload-video/{app}/{user}/{session_id}")
async def upload(
    app: str, user: str, session_id: str, request: Request, account: CurrentAccount
) -> dict[str, object]:
    await owned_task(request, account, session_id, app)
    engine = engine_of(request)
    config = engine.config
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        received = await _from_urls(request)
    else:
        receiver = MultipartReceiver(engine.storage, config)
        received = await receiver.receive(boundary_of(content_type), request.stream())
    uploads = await _ingest_all(request, received, account, session_id)
    infos = [video_info(u, base_url(request)) for u in uploads]

    async def add_infos(state: dict[str, Any]) -> dict[str, Any]:
        return {"video_infos": list(state.get("video_infos") or []) + infos}

    applied = await engine.turns.apply_state((account.id, session_id), add_infos)
    return {"code": 0, "data": {"files": infos, "session_state_applied": applied}}


async def _ingest_all(
    request: Request, received: list[Received], account: Account, session_id: str
) -> list[Upload]:
    engine = engine_of(request)
    try:
        infos = [await examine(item, engine.config) for item in received]  # all readable, or none kept
        items = list(zip(received, infos, strict=True))
        return await keep_all(items, engine.store, engine.storage, account.id, session_id)
    finally:
        for item in received:
            item.path.unlink(missing_ok=True)


async def _from_urls(request: Request) -> list[Received]:
    engine = engine_of(request)
    config = engine.config
    try:  # this route's body limit is for files: a list of URLs gets the JSON routes' limit
        body = json.loads(await read_body(request, config.json_body_max_bytes) or b"{}")
    except ValueError as exc:
        raise ApiError(400, "The body is not valid JSON.") from exc
    urls = body.get("urls") if isinstance(body, dict) else None
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise ApiError(400, 'Send {"urls": ["https://..."], "source_type": "url"}.')
    if len(urls) > config.upload_max_files:
        raise ApiError(400, f"Too many URLs in one upload (at most {config.upload_max_files}).")
    received: list[Received] = []
    try:
        for url in urls:
            received.append(
                await fetch_url(
                    url,
                    engine.storage,
                    max_bytes=config.upload_max_bytes,
                    timeout_s=config.url_fetch_timeout_s,
                    allow_private=config.url_allow_private,
                )
            )
    except BaseException:
        for item in received:
            item.path.unlink(missing_ok=True)
        raise
    return received
