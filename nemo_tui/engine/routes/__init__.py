"""The HTTP glue: one router per resource (`all_routers()` in the order the app includes them), the
request helpers (`deps`) and the exception handlers that answer every error as JSON.

May import `services`, `storage`, `hosting.config`, the agent's `APP_NAME`/`model`/draft helpers;
never the offline planner or the language reading (a turn's price comes from `agent.model_seam`).
"""

from __future__ import annotations

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import (
        adk,
        auth,
        credits,
        health,
        media_files,
        previews,
        render_jobs,
        run_sse,
        state,
        tasks,
        upload,
    )

    return [
        health.router,
        auth.router,
        tasks.router,
        run_sse.router,
        upload.router,
        media_files.router,
        credits.router,
        state.router,
        render_jobs.router,
        previews.router,
        adk.router,
    ]
