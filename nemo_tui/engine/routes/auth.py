"""Anonymous tokens (one live token per client id, per-IP limit) and claim tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from ..services.api_errors import ApiError
from ..storage.store import RateLimited
from .deps import CurrentAccount, client_ip, engine_of, owned_task

router = APIRouter()


@router.post("/api/auth/anonymous-token")
async def anonymous_token(request: Request) -> dict[str, object]:
    client_id = (request.headers.get("x-client-id") or "").strip()
    if not client_id:
        raise ApiError(400, "Missing X-Client-Id header: send a UUID that identifies this client.")
    if len(client_id) > 200:
        raise ApiError(400, "X-Client-Id is too long (at most 200 characters).")
    engine = engine_of(request)
    config = engine.config
    try:
        issued = await engine.store.issue_anonymous_token(
            client_id,
            client_ip(request),
            credits=config.initial_credits,
            ttl_s=config.token_ttl_s,
            ip_limit=config.ip_token_limit,
            window_s=config.ip_token_window_s,
        )
    except RateLimited as exc:
        raise ApiError(
            429,
            f"Too many new accounts from this address; try again in {exc.retry_after} s.",
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc
    expires = datetime.fromtimestamp(issued.expires_at, UTC).isoformat().replace("+00:00", "Z")
    data = {
        "token": issued.token,
        "user_id": issued.account.id,
        "expires_at": expires,
        "credits": issued.account.available,
        "scopes": ["read", "write", "upload", "render"],
    }
    return {"code": 0, "data": data}


class ClaimRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    task_id: str | None = None
    session_id: str


@router.post("/api/auth/claim-token")
async def claim_token(body: ClaimRequest, request: Request, account: CurrentAccount) -> dict[str, object]:
    engine = engine_of(request)
    task = await owned_task(request, account, body.session_id)
    if body.task_id and body.task_id != task.task_id:
        raise ApiError(404, "No such task in this account.")
    token = await engine.store.issue_claim_token(account.id, task, engine.config.claim_ttl_s)
    return {"code": 0, "data": {"claim_token": token, "expires_in": engine.config.claim_ttl_s}}
