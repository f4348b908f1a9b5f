"""Look-ahead previews (issue 21): a small, fast MP4 of a session's draft, for the front ends to draw.

A preview is cached under `cache/previews/<account>/<hash>.mp4` with its facts in `<hash>.json`; the
hash covers the account, the draft, the width and the preview's settings, so an unchanged draft is
never rendered twice and an edit always gets a new file. Renders of one session run one at a time: a
request for another draft cancels the running one (its ffmpeg is killed) and its waiters get
`Superseded`. ffmpeg runs as a subprocess and the graph is built in a thread, so the event loop (chat
turns, /healthz) never waits for a render. Previews are free and never touch the export queue.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import io
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nemo_tui.draft.on_screen import scene_spans

from ..hosting.config import EngineConfig
from .exports import DraftProblem, Exports

log = logging.getLogger("nemo_tui.engine.previews")

FPS = 12
#: Bump when the preview's settings change: cached files of older settings are then not reused.
VERSION = "look-1"
KEEP_PER_ACCOUNT = 24  # previews kept per account; older ones are removed after each render


class Superseded(Exception):
    """A newer preview request of the same session replaced this one."""


@dataclass(frozen=True)
class Preview:
    hash: str
    duration_s: float
    fps: int
    width: int
    height: int
    scenes: list[dict[str, Any]]


@dataclass
class _Running:
    hash: str
    task: asyncio.Task[Preview]


class Previews:
    def __init__(self, exports: Exports, config: EngineConfig) -> None:
        self._exports = exports
        self._root = config.data_dir / "cache" / "previews"
        self._slots = asyncio.Semaphore(max(1, config.render_workers))
        self._running: dict[tuple[str, str], _Running] = {}
        self.renders = 0  # how many previews were rendered (not served from the cache): for tests

    def path(self, account_id: str, digest: str) -> Path:
        return self._root / account_id / f"{digest}.mp4"

    async def preview(self, account_id: str, session_id: str, draft: dict[str, Any], width: int) -> Preview:
        """The preview of `draft` at `width`, from the cache or rendered now; `Superseded` when a
        request for another draft of the session came in before it finished."""
        if not any(isinstance(t, dict) and t.get("sg") for t in draft.get("t") or []):
            raise DraftProblem("There is nothing to preview yet: generate or add media first.")
        digest = _digest(account_id, draft, width)
        cached = await asyncio.to_thread(self._load, account_id, digest)
        if cached is not None:
            return cached
        key = (account_id, session_id)
        running = self._running.get(key)
        if running is None or running.hash != digest:
            if running is not None:
                running.task.cancel()  # kills its ffmpeg; its waiters get Superseded
            task = asyncio.create_task(
                self._render(account_id, draft, width, digest), name=f"preview {digest}"
            )
            running = self._running[key] = _Running(digest, task)
            task.add_done_callback(lambda t: self._forget(key, t))
        task = running.task
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if task.cancelled() and not (current and current.cancelling()):
                raise Superseded() from None
            raise

    def _forget(self, key: tuple[str, str], task: asyncio.Task[Preview]) -> None:
        if (running := self._running.get(key)) is not None and running.task is task:
            del self._running[key]
        if not task.cancelled() and task.exception() is not None:
            log.info("preview failed: %s", task.exception())

    async def _render(self, account_id: str, draft: dict[str, Any], width: int, digest: str) -> Preview:
        from .. import render as renderer

        spans = scene_spans(draft)
        quality = renderer.look_quality(width, FPS, [s.start_ms / 1000 for s in spans])
        draft = copy.deepcopy(draft)
        canvas = draft.setdefault("canvas", {})
        if isinstance(canvas, dict):
            canvas["fps"] = FPS
        try:
            await asyncio.to_thread(renderer.validate_draft, draft)
        except renderer.DraftError as exc:
            raise DraftProblem(str(exc)) from exc
        paths = await self._exports.resolver(account_id, draft)
        out = self.path(account_id, digest)
        async with self._slots:
            await renderer.render_draft(
                draft, out, resolve=lambda src: paths[src], quality=quality,
                scene_cache=self._root.parent / "scenes",
            )  # fmt: skip
        self.renders += 1
        facts = await asyncio.to_thread(_facts, out)
        scenes = [
            {"id": s.id, "start_s": s.start_ms / 1000, "end_s": s.end_ms / 1000, "title": s.title}
            for s in spans
        ]
        preview = Preview(digest, facts[0], FPS, facts[1], facts[2], scenes)
        await asyncio.to_thread(self._save, account_id, preview)
        return preview

    def _load(self, account_id: str, digest: str) -> Preview | None:
        meta = self.path(account_id, digest).with_suffix(".json")
        if not meta.exists() or not self.path(account_id, digest).exists():
            return None
        try:
            return Preview(**json.loads(meta.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            return None

    def _save(self, account_id: str, preview: Preview) -> None:
        meta = self.path(account_id, preview.hash).with_suffix(".json")
        meta.write_text(json.dumps(asdict(preview)), encoding="utf-8")
        files = sorted(meta.parent.glob("*.mp4"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_PER_ACCOUNT:]:
            for sibling in old.parent.glob(old.stem + ".*"):
                sibling.unlink(missing_ok=True)

    async def thumbs(self, account_id: str, preview: Preview, width: int) -> list[dict[str, Any]]:
        """One JPEG per scene, at its middle, `width` wide; cached next to the preview."""
        cache = self.path(account_id, preview.hash).with_suffix(f".thumbs{width}.json")
        if cache.exists():
            cached: list[dict[str, Any]] = json.loads(cache.read_text(encoding="utf-8"))
            return cached
        times = [(s["id"], (s["start_s"] + s["end_s"]) / 2) for s in preview.scenes]
        thumbs = await asyncio.to_thread(_thumbs, self.path(account_id, preview.hash), times, width)
        await asyncio.to_thread(cache.write_text, json.dumps(thumbs), "utf-8")
        return thumbs

    async def stop(self) -> None:
        tasks = [r.task for r in self._running.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _digest(account_id: str, draft: dict[str, Any], width: int) -> str:
    text = json.dumps([VERSION, account_id, width, draft], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _facts(path: Path) -> tuple[float, int, int]:
    """Duration (s), width and height of the rendered preview, read back from the file."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = container.duration / 1_000_000 if container.duration else 0.0
        return round(duration, 3), stream.codec_context.width, stream.codec_context.height


def _thumbs(path: Path, times: list[tuple[str, float]], width: int) -> list[dict[str, Any]]:
    """Decode one frame at each time (seeking to the keyframe before it: at most 1 s of frames)."""
    import av
    from PIL import Image

    found: list[dict[str, Any]] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        tb = float(stream.time_base or 0) or 1 / 90000
        for scene_id, t in times:
            container.seek(int(t / tb), stream=stream, backward=True, any_frame=False)
            picked = None
            for frame in container.decode(stream):
                picked = frame
                if frame.pts is not None and frame.pts * tb >= t - 0.5 / FPS:
                    break
            if picked is None:
                continue
            height = max(2, round(picked.height * width / picked.width / 2) * 2)
            pixels = picked.to_ndarray(width=width, height=height, format="rgb24")
            image = Image.fromarray(pixels)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=80)
            when = round(float(picked.pts or 0) * tb, 3)
            found.append({"id": scene_id, "t_s": when, "jpeg": base64.b64encode(buffer.getvalue()).decode()})
    return found
