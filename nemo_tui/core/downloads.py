"""Saving an exported video: the URL a render's download is at, whom the token may go to, and the
bytes streamed to a `.part` file with progress (`NemoClient.download` renames it when complete).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

import httpx

from .errors import ConnectionFailed, ProtocolError
from .http_answers import content_type, json_handler, raise_for_error
from .models import RenderJob
from .uploads import Progress


def download_url(render: RenderJob | str) -> str:
    """Where to fetch a render: its job's output URL, a URL given, or a render id's download path."""
    if isinstance(render, RenderJob):
        return render.output_url or f"/api/render/proxy/{quote(render.id or '', safe='')}/download"
    if render.startswith(("http://", "https://", "/")):
        return render
    return f"/api/render/proxy/{quote(render, safe='')}/download"


def same_origin(base: httpx.URL, url: str) -> bool:
    """The token goes only to our own API host, never to a CDN or other site."""
    target = base.join(url)
    return (target.scheme, target.host, target.port) == (base.scheme, base.host, base.port)


async def save_video(response: httpx.Response, part: Path, progress: Progress | None) -> str | None:
    """Stream the video in `response` to `part`, reporting progress; or, when the answer is JSON
    (a render job), return the URL it points at instead (nothing is written then)."""
    await raise_for_error(response)
    if "json" in content_type(response) or "text/html" in content_type(response):
        data = await json_handler(response)  # raises for an error envelope
        job = RenderJob.model_validate(data) if isinstance(data, Mapping) else None
        if job is None or not job.output_url:
            raise ProtocolError(f"Expected a video, got {content_type(response)}.")
        return job.output_url
    # Progress counts file bytes; with a content-encoding, Content-Length counts other bytes.
    identity = response.headers.get("content-encoding", "identity").lower() == "identity"
    length = response.headers.get("content-length", "")
    total = int(length) if identity and length.isdigit() else None
    done = 0
    fh = await asyncio.to_thread(part.open, "wb")
    try:
        async for chunk in response.aiter_bytes(1024 * 1024):
            await asyncio.to_thread(fh.write, chunk)
            done += len(chunk)
            if progress is not None:
                result = progress(done, total)
                if inspect.isawaitable(result):
                    await result
    except BaseException:
        await asyncio.to_thread(fh.close)
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    await asyncio.to_thread(fh.close)
    if total is not None and done != total:
        part.unlink(missing_ok=True)
        raise ConnectionFailed(f"The download stopped after {done} of {total} bytes.")
    return None
