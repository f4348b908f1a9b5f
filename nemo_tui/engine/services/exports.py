"""Exports: render jobs from submission to a finished MP4, through the queue and the renderer.

A job is a row in the store (`pending` → `processing` → `completed` | `failed`). The draft's sources
are resolved only within the job's account: `media:<id>` from that account's uploads, `gen:music:*`
from the generated-music cache (made on demand), `gen:voice:<id>` from the narration cache (made
again from the segment's words if missing). At start, a job found `processing` was interrupted
by a crash and is failed; `pending` jobs (including those a clean stop put back) are queued again.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nemo_tui.draft.scenes import SCHEME as SCENE
from nemo_tui.draft.scenes import media_refs as scene_media

from ..agent.media.music import MOODS, MusicLibrary
from ..agent.media.voice import VoiceLibrary
from ..hosting.config import EngineConfig
from ..storage.file_storage import MediaStorage
from ..storage.records import RenderJob
from ..storage.store import Store
from .limits import DraftLimit, check_draft_limits
from .render_queue import JobKey, LocalRenderQueue, RenderQueue

log = logging.getLogger("nemo_tui.engine.exports")

#: `output.resolution` → the output's short side in pixels.
RESOLUTIONS = {f"{n}p": n for n in (2160, 1440, 1080, 720, 480, 360, 240, 180)}


class DraftProblem(ValueError):
    """The draft cannot be rendered as sent (unknown source, invalid keys, over a limit)."""


class TooManyExports(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"at most {limit} unfinished exports per account")
        self.limit = limit


class Exports:
    def __init__(
        self, store: Store, storage: MediaStorage, music: MusicLibrary, config: EngineConfig
    ) -> None:
        self._store = store
        self._storage = storage
        self._music = music
        self._config = config
        # Keyed by (account, render id): two accounts may use the same render id.
        self._live: dict[JobKey, float] = {}
        self._last_write: dict[JobKey, float] = {}
        self._background: set[asyncio.Task[None]] = set()
        self.queue: RenderQueue = LocalRenderQueue(self.run, workers=config.render_workers)
        #: A team server's Celery app and render store (docs/team.md), made at the first export.
        self._team: tuple[Any, Any] | None = None

    async def recover(self, silent_for_s: float | None = None) -> None:
        """Settle jobs a stopped engine left: all of them at a laptop engine's start (`None`), or, on a
        team server, those of nodes silent for `silent_for_s`: a job that was rendering fails (its
        ffmpeg died with its node), a pending one is taken over, by exactly one node."""
        for job in await self._store.renders_with_status("processing", silent_for_s=silent_for_s):
            if silent_for_s is not None and not await self._store.claim_render(job, "processing"):
                continue
            await self._store.update_render(
                job.id,
                job.account_id,
                status="failed",
                error="The engine stopped while this export was rendering; export again.",
                finished_at=time.time(),
            )
        for job in await self._store.renders_with_status("pending", silent_for_s=silent_for_s):
            if silent_for_s is None or await self._store.claim_render(job, "pending"):
                self.queue.submit(job.key, job.session_id)

    async def submit(
        self, job_id: str, account_id: str, session_id: str, draft: dict[str, Any], output: dict[str, Any]
    ) -> RenderJob:
        try:  # shape and size first: every later step walks the draft
            check_draft_limits(draft, self._config)
        except DraftLimit as exc:
            raise DraftProblem(str(exc)) from None
        unfinished = await self._store.unfinished_renders(account_id)
        if unfinished >= self._config.exports_max_unfinished:
            raise TooManyExports(self._config.exports_max_unfinished)
        await self.resolver(account_id, draft, make=False)  # refuse unknown sources before queueing
        # In a worker thread, so the event loop (and a shutdown) never waits for it; linear in size.
        await asyncio.to_thread(_validate, draft)
        job = await self._store.create_render(
            job_id, account_id, session_id, json.dumps(draft), json.dumps(output)
        )
        self.queue.submit(job.key, session_id)
        return job

    async def cancel(self, job: RenderJob) -> None:
        if job.status not in ("pending", "processing"):
            return
        await self.queue.cancel(job.key)
        current = await self._store.render(job.id, job.account_id)
        if current is not None and current.status in ("pending", "processing"):
            await self._fail(job.key, "Cancelled.")  # it never started, or stopped without saying so

    def progress(self, job: RenderJob) -> float:
        return self._live.get(job.key, job.progress)

    async def resolver(self, account_id: str, draft: dict[str, Any], *, make: bool = True) -> dict[str, Path]:
        """Every file source of the draft, mapped to a path; DraftProblem names the first bad one.
        With `make=False` (at submission) missing narration is only checked, not made again."""
        metas = _voice_metas(draft)
        voices = VoiceLibrary(self._storage)
        sources = {
            (str(seg.get("src")), f"t[{i}].sg[{j}].src")
            for i, track in enumerate(draft.get("t") or [])
            for j, seg in enumerate(track.get("sg") or [])
            if isinstance(seg, dict) and seg.get("src")
        } | {  # the uploads designed scenes show (a framed photo, a logo)
            (ref, f"t[{i}].sg[{j}].scene")
            for i, track in enumerate(draft.get("t") or [])
            for j, seg in enumerate(track.get("sg") or [])
            if isinstance(seg, dict) and isinstance(seg.get("scene"), dict)
            for ref in scene_media(seg["scene"])
        }
        media_ids = sorted({src.removeprefix("media:") for src, _ in sources if src.startswith("media:")})
        uploads = await self._store.uploads(account_id, media_ids)
        paths: dict[str, Path] = {}
        for src, where in sorted(sources):
            if src.startswith(("color:", "gradient:", SCENE)):
                continue
            if src.startswith("media:") and src[6:] in uploads:
                paths[src] = self._storage.local_path(uploads[src[6:]].storage_key)
            elif src.startswith("gen:music:") and src[10:] in MOODS:
                paths[src] = await self._music.ensure(src[10:])
            elif src.startswith("gen:voice:"):
                try:
                    meta = metas.get(src, {})
                    paths[src] = await voices.resolve(src, meta) if make else voices.check(src, meta)
                except KeyError as exc:
                    raise DraftProblem(f"{where}: unknown source {src!r} ({exc.args[0]})") from None
            else:
                raise DraftProblem(f"{where}: unknown source {src!r} (not an upload of this account)")
        return paths

    async def run(self, key: JobKey) -> None:
        account_id, job_id = key
        job = await self._store.render(job_id, account_id)
        if job is None or job.status != "pending":
            return
        update = self._store.update_render
        await update(job_id, account_id, status="processing", started_at=time.time(), progress=0)
        # Under the account's folder: another account's render with the same id is another file.
        storage_key = f"renders/{account_id}/{job_id}.mp4"
        out = self._storage.new_temp_path(".mp4")  # tmp/ is emptied at start: no half-written leftovers
        try:
            await self._render(job, out)
            size = out.stat().st_size
            duration_ms = await asyncio.to_thread(_duration_ms, out)
            await self._storage.put_file(out, storage_key)
            await update(
                job_id, account_id, status="completed", progress=100, output_key=storage_key, size=size,
                duration_ms=duration_ms, finished_at=time.time(),
            )  # fmt: skip
        except asyncio.CancelledError:
            if self.queue.stop_reason(key) == "shutdown":
                await update(job_id, account_id, status="pending", progress=0, started_at=None)
            else:
                await self._fail(key, "Cancelled.")
            raise
        except Exception as exc:
            log.warning("render %s failed: %s", job_id, exc)
            await self._fail(key, _describe(exc))
        finally:
            out.unlink(missing_ok=True)
            self._live.pop(key, None)
            self._last_write.pop(key, None)

    async def _render(self, job: RenderJob, out: Path) -> None:
        from .. import render as renderer

        draft = json.loads(job.draft_json)
        output = json.loads(job.options_json or "{}")
        draft = scale_for_output(draft, output)
        paths = await self.resolver(job.account_id, draft)

        def resolve(src: str) -> Path:
            return paths[src]

        preview = output.get("quality") in ("preview", "draft")
        if self._config.queue_url and not preview:
            await self._render_on_workers(job, draft, resolve, out)
            return
        scenes = self._config.data_dir / "cache" / "scenes"
        await renderer.render_draft(
            draft, out, resolve=resolve, preview=preview,
            progress=lambda p: self._on_progress(job.key, p), scene_cache=scenes,
        )  # fmt: skip
        await asyncio.to_thread(renderer.prune_scene_cache, scenes)

    async def _render_on_workers(
        self, job: RenderJob, draft: dict[str, Any], resolve: Callable[[str], Path], out: Path
    ) -> None:
        """A team server's export: chunks rendered by `nemo-tui worker`s, joined here (docs/team.md)."""
        from ..team.celery_app import make_app
        from ..team.distributed import render_on_workers
        from ..team.media_store import open_store, store_location

        if self._team is None:  # one store per process: it remembers the files it has hashed
            where = self._config.render_store or store_location(self._config.files_dir)
            local = self._config.data_dir / "cache" / "render-store"
            self._team = (make_app(self._config.queue_url), open_store(where, local))
        app, store = self._team
        await render_on_workers(
            draft, out, resolve=resolve, app=app, store=store,
            progress=lambda p: self._on_progress(job.key, p),
        )  # fmt: skip

    def _on_progress(self, key: JobKey, value: float) -> None:
        percent = max(0.0, min(100.0, float(value)))  # the renderer reports percentages
        self._live[key] = percent
        now = time.monotonic()
        if now - self._last_write.get(key, 0) >= 1.0:
            self._last_write[key] = now
            account_id, job_id = key
            write = self._store.update_render(job_id, account_id, progress=percent)
            task = asyncio.get_running_loop().create_task(write)
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _fail(self, key: JobKey, error: str) -> None:
        account_id, job_id = key
        await self._store.update_render(
            job_id, account_id, status="failed", error=error, finished_at=time.time()
        )

    async def stop(self) -> None:
        await self.queue.stop()
        await asyncio.gather(*self._background, return_exceptions=True)


def scale_for_output(draft: dict[str, Any], output: dict[str, Any]) -> dict[str, Any]:
    """Honour `output.resolution` ("720p"…): scale the canvas (short side) and text sizes with it."""
    target = RESOLUTIONS.get(str(output.get("resolution", "")).lower())
    canvas = draft.get("canvas")
    if not target or not isinstance(canvas, dict):
        return draft
    w, h = int(canvas.get("w", 1920)), int(canvas.get("h", 1080))
    scale = target / min(w, h)
    if abs(scale - 1) < 1e-6:
        return draft
    draft = copy.deepcopy(draft)
    draft["canvas"]["w"], draft["canvas"]["h"] = _even(w * scale), _even(h * scale)
    for track in draft.get("t") or []:
        for seg in track.get("sg") or []:
            style = seg.get("style") if isinstance(seg, dict) else None
            if isinstance(style, dict) and isinstance(style.get("size"), int | float):
                style["size"] = max(8, round(style["size"] * scale))
    return draft


def _voice_metas(draft: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The `m` of the first segment playing each source (a voice line keeps its words there), in one
    pass: looking each source up in the whole draft was quadratic."""
    metas: dict[str, dict[str, Any]] = {}
    for track in draft.get("t") or []:
        for seg in track.get("sg") or [] if isinstance(track, dict) else []:
            src = seg.get("src") if isinstance(seg, dict) else None
            if isinstance(src, str) and src not in metas and isinstance(seg.get("m"), dict):
                metas[src] = seg["m"]
    return metas


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def _validate(draft: dict[str, Any]) -> None:
    if not any(isinstance(t, dict) and t.get("sg") for t in draft.get("t") or []):
        raise DraftProblem("The draft has no segments yet: generate or add media first.")
    try:
        from ..render import DraftError, validate_draft
    except ImportError:
        return
    try:
        validate_draft(draft)
    except DraftError as exc:
        raise DraftProblem(str(exc)) from exc


def _duration_ms(path: Path) -> int | None:
    import av

    try:
        with av.open(str(path)) as container:
            return round(container.duration / 1000) if container.duration else None
    except (av.FFmpegError, OSError):
        return None


def _describe(exc: Exception) -> str:
    name = type(exc).__name__
    if isinstance(exc, ImportError | AttributeError):
        return "The renderer is not available in this installation."
    if name == "DraftError":
        return f"The draft cannot be rendered: {exc}"
    if name == "RenderError":
        return f"Rendering failed: {str(exc)[-500:]}"
    return f"Rendering failed ({name}): {str(exc)[-500:]}"
