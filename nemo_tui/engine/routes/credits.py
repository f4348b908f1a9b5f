"""`GET /api/credits/balance/simple`: available, frozen (held by running turns) and total.

With `?hold=<id>` (the `X-Nemo-Credit-Hold` header of a `/run_sse` answer) it also says what that
turn froze and was charged, so a client shows what a reply cost without a request of its own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from .deps import CurrentAccount, engine_of

router = APIRouter()


@router.get("/api/credits/balance/simple")
async def balance(request: Request, account: CurrentAccount, hold: str | None = None) -> dict[str, object]:
    store = engine_of(request).store
    fresh = await store.account(account.id)
    data: dict[str, object] = {"available": fresh.available, "frozen": fresh.frozen, "total": fresh.total}
    found = await store.hold(account.id, hold) if hold else None
    if found is not None:  # another account's hold is nobody's business: left out, like an unknown one
        amount, charged, settled = found
        data["hold"] = {"id": hold, "frozen": amount, "charged": charged, "settled": settled}
    return {"code": 0, "data": data}
