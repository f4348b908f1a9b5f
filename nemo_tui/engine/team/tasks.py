"""What a worker runs: `nemo.render_chunk` (a window of the picture) and `nemo.render_audio` (the sound).

Each fetches its inputs by key into the local cache, renders with the code of the local chunked
render (`render_window`, `render_sound`), puts the MP4 in the store and returns its key. Progress is
the task's state, `PROGRESS` with `{"percent": …}`, at least every 5 %. A failure is retried once;
the second ends the task with a one-line reason the coordinator shows. ffmpeg runs in the worker
process itself (asyncio). A revoke with `terminate=True` sends SIGTERM to that process, whose handler
(billiard's) raises SystemExit in the task: `run_ffmpeg` kills ffmpeg as it unwinds. A process that dies
outright (SIGKILL, out of memory) takes ffmpeg along through `setpriv --pdeathsig KILL`.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

import platformdirs

from ..render.chunked import render_sound, render_window
from ..render.render import probe_all
from .jobs import Job, job_quality, job_timeline
from .media_store import LocalCache, Store, open_store

RETRIES = 1
RETRY_AFTER_S = 1.0
PROGRESS_STEP = 5.0  # percent between two reports


class ChunkFailed(RuntimeError):
    """A chunk failed on a worker (twice): the message says which and why."""


def register(app: Any) -> None:
    """Add the two tasks to `app` (a `celery.Celery`)."""

    @app.task(bind=True, name="nemo.render_chunk", max_retries=RETRIES)  # type: ignore[untyped-decorator]
    def render_chunk(self: Any, job: Job) -> Done:
        return _run(self, job, picture=True)

    @app.task(bind=True, name="nemo.render_audio", max_retries=RETRIES)  # type: ignore[untyped-decorator]
    def render_audio(self: Any, job: Job) -> Done:
        return _run(self, job, picture=False)


def _run(task: Any, job: Job, *, picture: bool) -> Done:
    conf = task.app.conf
    if not conf.get("nemo_media_dir"):
        raise ChunkFailed("this worker has no media store (--media DIR)")
    cache_dir = Path(conf.get("nemo_cache_dir") or Path(platformdirs.user_cache_dir("nemo-tui")) / "team")
    store = open_store(conf["nemo_media_dir"], cache_dir)
    cache = LocalCache(store, cache_dir)
    try:
        done = asyncio.run(render_job(job, store, cache, _Reporter(task), picture=picture))
        done["host"] = task.request.hostname or os.uname().nodename
        return done
    except Exception as exc:
        what = f"frames {job['first']}-{job['end']}" if picture else "the sound"
        reason = f"{type(exc).__name__}: {exc}".strip()
        if task.request.retries < RETRIES:
            raise task.retry(exc=ChunkFailed(reason), countdown=RETRY_AFTER_S) from exc
        host = task.request.hostname or os.uname().nodename
        raise ChunkFailed(f"{what} failed on {host} (after {RETRIES} retry): {reason}") from exc


class Done(TypedDict):
    """What a task returns: its output's key, where it ran, and its stages' seconds (the benchmark's)."""

    key: str
    host: str
    fetch_s: float  # inputs from the store (or the cache) and their probes
    render_s: float  # ffmpeg
    put_s: float  # the output into the store


async def render_job(
    job: Job, store: Store, cache: LocalCache, progress: Callable[[float], None], *, picture: bool
) -> Done:
    """Render `job` (a chunk, or the sound when not `picture`) and put it in `store`."""
    clock = time.perf_counter()
    timeline = job_timeline(job)
    sources = list(job["media"])
    paths = await asyncio.gather(*(asyncio.to_thread(cache.fetch, job["media"][s]) for s in sources))
    media = dict(zip(sources, paths, strict=True))
    probes = await probe_all(timeline, media)
    quality = job_quality(job)
    fetched = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nemo-worker-") as tmp:
        work = Path(tmp)
        dest = work / ("chunk.mp4" if picture else "audio.m4a")
        if picture:
            args = (timeline, media, probes, quality, work / "w", job["first"], job["end"], dest)
            await render_window(*args, progress=progress)
        else:
            await render_sound(timeline, media, probes, quality, work / "audio", dest, progress)
        rendered = time.perf_counter()
        key = await asyncio.to_thread(store.put, dest, owned=True)
    return Done(
        key=key,
        host="",
        fetch_s=fetched - clock,
        render_s=rendered - fetched,
        put_s=time.perf_counter() - rendered,
    )


class _Reporter:
    """ffmpeg's percentages as the task's state, one write to Redis per `PROGRESS_STEP`."""

    def __init__(self, task: Any) -> None:
        self.task = task
        self.last = -PROGRESS_STEP

    def __call__(self, percent: float) -> None:
        if percent - self.last >= PROGRESS_STEP or (percent >= 100 > self.last):
            self.last = percent
            self.task.update_state(state="PROGRESS", meta={"percent": round(percent, 1)})
