"""Export: submit a render, poll it, retry once with a new id on failure, download the MP4.

Poll cadence follows the backend: every second against the local engine, every 30 s against the cloud
(docs/protocol.md), with an overall deadline so a stuck job cannot hold the workspace for ever.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadInput, RenderFailed
from .updates import Progress


@dataclass(frozen=True)
class ExportTimings:
    poll_s: float = 1.0
    deadline_s: float = 20 * 60


LOCAL_TIMINGS = ExportTimings(poll_s=1.0, deadline_s=30 * 60)
CLOUD_TIMINGS = ExportTimings(poll_s=30.0, deadline_s=15 * 60)


def check_destination(dest: Path) -> None:
    """Raise BadInput unless a video can be written at `dest` (a file path, or a folder for it).

    Checked before the render is submitted, so a bad path costs seconds, not a whole render. A probe
    file is created and removed: `os.access` says yes to root even where nothing can be created.
    """
    folder = dest if dest.is_dir() else dest.parent
    if not folder.is_dir():
        raise BadInput(
            f"Cannot save the video to {dest}: the folder {folder} does not exist.",
            action="Choose an existing folder, or create it first.",
        )
    probe = folder / f".{dest.name or 'nemo'}.{os.getpid()}.check"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        raise BadInput(
            f"Cannot save the video to {dest}: the folder {folder} is not writable ({exc.strerror}).",
            action="Choose a folder you can write to.",
        ) from None


async def _wait_for(client: Any, job: Any, timings: ExportTimings, emit: Callable[[Progress], None]) -> Any:
    """Poll one render until it completes or fails; returns the final job."""
    deadline = time.monotonic() + timings.deadline_s
    while job.status not in ("completed", "failed"):
        if time.monotonic() > deadline:
            raise RenderFailed(
                f"The render {job.id} did not finish in {int(timings.deadline_s // 60)} minutes."
            )
        await asyncio.sleep(timings.poll_s)
        job = await client.render_status(job.id)
        emit(Progress("render", float(job.progress or 0), 100.0, f"Rendering ({job.status})"))
    return job


async def run_export(
    client: Any,
    session_id: str,
    draft: dict[str, Any],
    dest: Path,
    timings: ExportTimings,
    emit: Callable[[Progress], None],
) -> tuple[Any, Path]:
    """Render `draft` and download it to `dest`; returns (job, path). Raises RenderFailed."""
    last_error = ""
    for attempt in (1, 2):
        emit(Progress("render", 0.0, 100.0, "Queued" if attempt == 1 else "Retrying with a new render id"))
        job = await client.submit_render(session_id, draft)
        job = await _wait_for(client, job, timings, emit)
        if job.status == "completed":
            emit(Progress("render", 100.0, 100.0, "Rendered"))

            def on_bytes(done: int, total: int | None) -> None:
                emit(Progress("download", float(done), float(total) if total else None, "Downloading"))

            path = await client.download(job, dest, progress=on_bytes)
            return job, Path(path)
        last_error = job.error or "the renderer gave no reason"
    raise RenderFailed(f"The render failed twice: {last_error}")
