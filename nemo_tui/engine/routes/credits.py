"""`GET /api/credits/balance/simple`: available, frozen (held by running turns) and total."""

from __future__ import annotations

from fastapi import APIRouter, Request

from .deps import CurrentAccount, engine_of

router = APIRouter()


@router.get("/api/credits/balance/simple")
async def balance(request: Request, account: CurrentAccount) -> dict[str, object]:
    fresh = await engine_of(request).store.account(account.id)
    data = {"available": fresh.available, "frozen": fresh.frozen, "total": fresh.total}
    return {"code": 0, "data": data}
