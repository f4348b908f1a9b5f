"""A session's look-ahead preview on this machine: asked of the backend, its MP4 saved once per hash
into a small local cache that front ends decode (the engine's side is in docs/engine.md, "Previews").
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from pathlib import Path

from .client import NemoClient
from .models import Preview

KEEP = 6  # preview files kept on this machine


@dataclass(frozen=True)
class LocalPreview:
    preview: Preview
    path: Path  # the MP4 on this machine


async def fetch_preview(client: NemoClient, session_id: str, width: int, folder: Path) -> LocalPreview:
    """The preview of the session's current draft, saved under `folder` (reused when already there).
    Raises `PreviewUnavailable` on a backend without previews, `PreviewSuperseded` when outrun."""
    preview = await client.preview(session_id, width)
    path = await client.download_preview(preview, folder / f"{preview.hash}.mp4")
    await asyncio.to_thread(_prune, folder, path)
    return LocalPreview(preview, path)


def _prune(folder: Path, keep: Path) -> None:
    files = sorted(folder.glob("*.mp4"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()
