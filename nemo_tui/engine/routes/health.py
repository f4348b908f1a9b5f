"""`GET /healthz`: the engine is up and answering."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, object]:
    return {"ok": True, "engine": "nemo-tui local engine"}
