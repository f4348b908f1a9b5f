"""Exports: submit, poll, cancel, download (`/api/render/proxy/...`).

Answers are the top-level render shape (`id`, `taskId`, `status`, `progress`, `output.url`,
`outputUrl`, `error`); errors carry `success: false` and `error` as well as the usual `code`.
Export is free, but refused with 402 when the attribution header `X-Skill-Source` is missing.
A render id is unique within its account: every lookup is by (account, id), so another account's use
of the same id is neither visible (no 409 for it, a 404 to status or download) nor reachable.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from ..services.api_errors import ApiError
from ..services.exports import DraftProblem, TooManyExports
from ..storage.records import Account, RenderJob
from ..storage.store import DuplicateId
from .deps import CurrentAccount, base_url, engine_of, owned_task

router = APIRouter()

_RENDER_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")


class RenderRequest(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    id: str | None = None
    session_id: str = Field(alias="sessionId")
    draft: dict[str, Any]
    output: dict[str, Any] = Field(default_factory=lambda: {"format": "mp4", "quality": "high"})


def job_json(job: RenderJob, progress: float, base: str) -> dict[str, Any]:
    url = f"{base}/api/render/proxy/{job.id}/download" if job.status == "completed" else None
    duration = job.duration_ms / 1000 if job.duration_ms is not None else None
    return {
        "id": job.id,
        "taskId": job.id,
        "sessionId": job.session_id,
        "status": job.status,
        "progress": 100 if job.status == "completed" else int(progress),
        "output": {"url": url, "duration": duration, "size": job.size, "format": "mp4"},
        "outputUrl": url,
        "error": job.error,
        "createdAt": int(job.created_at * 1000),
        "completedAt": int(job.finished_at * 1000) if job.finished_at and job.status == "completed" else None,
    }


async def _owned_job(request: Request, render_id: str, account: Account) -> RenderJob:
    job = await engine_of(request).store.render(render_id, account.id)
    if job is None:
        raise ApiError(404, f"No export with id {render_id!r} in this account.")
    return job


@router.post("/api/render/proxy/lambda")
async def submit(body: RenderRequest, request: Request, account: CurrentAccount) -> dict[str, Any]:
    if not request.headers.get("x-skill-source", "").strip():
        raise ApiError(402, "Export refused: the X-Skill-Source attribution header is missing.")
    await owned_task(request, account, body.session_id)
    render_id = body.id or f"render_{int(time.time() * 1000)}_{secrets.token_hex(3)}"
    if not _RENDER_ID.match(render_id):
        raise ApiError(400, "A render id is 1-100 letters, digits, _ . and - (not starting with . or -).")
    engine = engine_of(request)
    try:
        job = await engine.exports.submit(render_id, account.id, body.session_id, body.draft, body.output)
    except DraftProblem as exc:
        raise ApiError(400, f"The draft cannot be exported: {exc}") from exc
    except TooManyExports as exc:
        message = (
            f"You have {exc.limit} unfinished exports, the most one account may have; wait for one "
            "to finish (or cancel one) and export again."
        )
        raise ApiError(429, message, headers={"Retry-After": "30"}) from None
    except DuplicateId:
        message = f"You already used the render id {render_id!r}; retry with a new id."
        raise ApiError(409, message) from None
    return job_json(job, 0, base_url(request))


@router.get("/api/render/proxy/lambda/{render_id}")
async def status(render_id: str, request: Request, account: CurrentAccount) -> dict[str, Any]:
    job = await _owned_job(request, render_id, account)
    return job_json(job, engine_of(request).exports.progress(job), base_url(request))


@router.get("/api/render/proxy/{render_id}")
async def status_legacy(render_id: str, request: Request, account: CurrentAccount) -> dict[str, Any]:
    return await status(render_id, request, account)


@router.post("/api/render/proxy/lambda/{render_id}/cancel")
async def cancel(render_id: str, request: Request, account: CurrentAccount) -> dict[str, Any]:
    engine = engine_of(request)
    job = await _owned_job(request, render_id, account)
    await engine.exports.cancel(job)
    job = await _owned_job(request, render_id, account)
    return job_json(job, engine.exports.progress(job), base_url(request))


@router.api_route("/api/render/proxy/{render_id}/download", methods=["GET", "HEAD"])
async def download(render_id: str, request: Request, account: CurrentAccount) -> FileResponse:
    engine = engine_of(request)
    job = await _owned_job(request, render_id, account)
    if job.status != "completed":
        raise ApiError(409, f"The export is {job.status}; download it when it is completed.")
    if not job.output_key or not engine.storage.exists(job.output_key):
        raise ApiError(410, "The exported file is no longer on the engine; export again.")
    path = engine.storage.local_path(job.output_key)
    return FileResponse(path, media_type="video/mp4", filename=f"{job.id}.mp4")
