"""One router per resource; `all_routers()` in the order the app includes them."""

from __future__ import annotations

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import adk, auth, credits, health, media, render, run_sse, state, tasks, upload

    return [
        health.router,
        auth.router,
        tasks.router,
        run_sse.router,
        upload.router,
        media.router,
        credits.router,
        state.router,
        render.router,
        adk.router,
    ]
