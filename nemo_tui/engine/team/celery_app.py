"""The Celery app of a render team: Redis as broker and result backend, one chunk per process.

A chunk is acknowledged when it is done, not when it is received (`task_acks_late`), and a worker
process that dies mid-chunk gives it back to the queue (`task_reject_on_worker_lost`), so another
worker renders it. Each process reserves one chunk at a time (`worker_prefetch_multiplier=1`): a
chunk waits in the queue for the first free process, never behind a busy one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

QUEUE = "nemo-render"
# A chunk not acknowledged after this long (its whole worker machine lost) is given to another
# worker; it must exceed the longest chunk, or a slow chunk would be rendered twice.
VISIBILITY_TIMEOUT_S = 3600.0


def make_app(
    broker: str,
    *,
    media_dir: Path | str | None = None,  # a folder, or s3://bucket/prefix
    cache_dir: Path | str | None = None,
    concurrency: int | None = None,
    visibility_timeout_s: float = VISIBILITY_TIMEOUT_S,
) -> Any:  # celery.Celery: Celery has no types
    """The app for `broker` (`redis://host:port/db`). Workers need `media_dir` (the shared store)
    and `cache_dir` (their local copies), and run `concurrency` processes (default: one per core);
    the coordinator needs none of them."""
    from celery import Celery  # the optional `team` extra: imported only when a team is used

    from .tasks import register

    app = Celery("nemo_team", broker=broker, backend=broker, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_concurrency=concurrency or os.cpu_count() or 1,
        task_track_started=True,
        task_default_queue=QUEUE,
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": visibility_timeout_s,
            # Look for such chunks every few seconds (kombu's default: every 100 s).
            "unacked_restore_interval": max(1.0, min(10.0, visibility_timeout_s / 4)),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
    )
    app.conf["nemo_media_dir"] = str(media_dir) if media_dir else None
    app.conf["nemo_cache_dir"] = str(cache_dir) if cache_dir else None
    register(app)
    return app
