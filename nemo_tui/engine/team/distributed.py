"""`render_on_workers`: the coordinator of a render split across Celery workers (in the API process).

It parses the draft, draws its designed scenes, puts every input in the shared store, queues one
task per chunk (the same cuts as `render_chunked`) and one for the sound, follows their progress as
one figure, and joins the chunks as `render_chunked` does. A failed chunk (after its retry) fails the
render with the worker's reason; cancelling the render revokes every chunk with `terminate=True`,
which stops the task in its worker process and kills its ffmpeg (see `tasks`), and waits (a few
seconds at most) until the workers say so.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ..render.chunked import Progress, chunk_spans, join_chunks
from ..render.errors import RenderError
from ..render.quality import HIGH, Quality
from ..render.render import atomic_output, draw_and_probe
from ..render.scenes import scene_clips
from ..render.validate import parse_draft, resolve_media
from .jobs import Job, job_sources, make_job
from .media_store import MissingMedia, Store
from .tasks import Done

POLL_S = 0.25  # seconds between two reads of the tasks' states
REVOKE_WAIT_S = 10.0  # how long a cancel waits for the workers to report their chunks ended
_READY = {"SUCCESS", "FAILURE", "REVOKED"}
PING_S = 2.0  # how long a render waits for a first worker to answer before it fails
NO_WORKER = (
    "No render worker answers on the queue, so this export cannot render. Start one on a machine that "
    "mounts the media folder: `nemo-tui worker --queue <the engine's --queue> --media <its --media>` "
    "(docs/team.md)."
)


@dataclass
class TeamTimes:
    """Wall-clock seconds of each stage, and what each task reported (the benchmark reads them)."""

    prepare: float = 0.0  # parse, draw scenes, probe, put inputs in the store
    render: float = 0.0  # queue to the last task done
    join: float = 0.0
    done: list[Done] = field(default_factory=list)  # the chunks in order, then the sound


async def render_on_workers(
    draft: dict[str, Any],
    out: Path,
    *,
    resolve: Callable[[str], Path],
    app: Any,  # celery.Celery (see celery_app.make_app)
    store: Store,
    chunk_s: float = 30.0,
    quality: Quality | None = None,
    progress: Callable[[float], None] | None = None,
    times: TeamTimes | None = None,
) -> Path:
    """Render `draft` to `out` as `render_chunked` does, each chunk on whichever worker is free."""
    clock = time.perf_counter()
    times = times or TeamTimes()
    quality = quality or HIGH
    timeline = parse_draft(draft)
    media = resolve_media(timeline, resolve)
    # Chunks sent to a queue nobody reads would wait there for ever: a worker must answer first.
    if not await asyncio.to_thread(app.control.ping, timeout=PING_S, limit=1):
        raise RenderError(NO_WORKER)
    out = Path(out)
    with atomic_output(out, "nemo-team-") as (part, workdir):
        results: list[Any] = []
        outputs: list[str] = []
        try:
            # an unreadable source is a DraftError here, not on a worker
            timeline, _ = await draw_and_probe(timeline, media, quality, workdir / "scenes")
            sources = job_sources(timeline, media)
            stored = await asyncio.gather(*(asyncio.to_thread(store.put, p) for p in sources.values()))
            keys = dict(zip(sources, stored, strict=True))
            scenes = scene_clips(timeline)
            spans = chunk_spans(timeline, chunk_s)
            jobs = [make_job(draft, keys, scenes, quality, a, b) for a, b in spans]
            sound = make_job(draft, keys, scenes, quality)
            times.prepare = time.perf_counter() - clock
            clock = time.perf_counter()
            for name, job in [*(("nemo.render_chunk", j) for j in jobs), ("nemo.render_audio", sound)]:
                results.append(await asyncio.to_thread(_send, app, name, job))
            done = await _follow(results, Progress(len(results), progress))
            outputs = [d["key"] for d in done]
            times.render = time.perf_counter() - clock
            times.done = done
            clock = time.perf_counter()
            try:
                files = await asyncio.gather(*(asyncio.to_thread(store.get, k) for k in outputs))
            except MissingMedia as exc:  # the workers wrote to another folder than this store's
                raise RenderError(f"the render workers' chunks cannot be read here: {exc}") from exc
            await join_chunks(list(files[:-1]), files[-1], part, timeline.canvas.ms(spans[-1][1]) / 1000)
            times.join = time.perf_counter() - clock
        except BaseException:
            if results:
                outputs = await asyncio.shield(_stop(app, results))
            raise
        finally:
            for key in outputs:  # chunks are scratch; the inputs stay (the next render reuses them)
                store.delete(key)
            if results:  # their states in Redis, and the result subscriptions Celery opened per task
                await asyncio.shield(asyncio.to_thread(_forget, results))
    if progress is not None:
        progress(100.0)
    return out


async def _follow(results: list[Any], meter: Progress) -> list[Done]:
    """Wait for every task; their progress goes to `meter`. Returns what they made, in order."""
    made: list[Done | None] = [None] * len(results)
    while None in made:
        metas = await asyncio.to_thread(_states, results)
        for i, meta in enumerate(metas):
            state, info = meta.get("status"), meta.get("result")
            if state == "SUCCESS" and isinstance(info, dict):
                made[i] = cast(Done, info)
                meter.report(i, 100.0)
            elif state in ("FAILURE", "REVOKED"):
                what = "the sound" if i == len(results) - 1 else f"chunk {i + 1} of {len(results) - 1}"
                raise RenderError(f"{what} failed on the render workers: {info}")
            elif state == "PROGRESS" and isinstance(info, dict):
                meter.report(i, float(info.get("percent", 0.0)))
        if None in made:
            await asyncio.sleep(POLL_S)
    return [k for k in made if k is not None]


# Sending a task subscribes to its result on the Redis backend's one pub/sub connection, which is not
# thread-safe: the worker threads of two renders at once take turns.
_CELERY = threading.Lock()


def _send(app: Any, name: str, job: Job) -> Any:
    with _CELERY:
        return app.send_task(name, args=[job])


def _forget(results: list[Any]) -> None:
    with _CELERY:
        for result in results:
            result.forget()


def _states(results: list[Any]) -> list[dict[str, Any]]:
    return [r.backend.get_task_meta(r.id) for r in results]


async def _stop(app: Any, results: list[Any]) -> list[str]:
    """Revoke every unfinished task, killing its process if it runs, and wait (a few seconds at most)
    until none runs. Returns the keys of the outputs already made, for the caller to delete."""
    ids = [r.id for r in results]
    await asyncio.to_thread(app.control.revoke, ids, terminate=True, signal="SIGTERM")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + REVOKE_WAIT_S
    while True:
        metas = await asyncio.to_thread(_states, results)
        # PENDING: still queued; a worker that receives it now drops it (it was told the ids)
        if all(m.get("status") in _READY | {"PENDING"} for m in metas) or loop.time() > deadline:
            made = [m.get("result") for m in metas if m.get("status") == "SUCCESS"]
            return [str(d["key"]) for d in made if isinstance(d, dict) and "key" in d]
        await asyncio.sleep(POLL_S)
