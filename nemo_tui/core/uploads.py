"""Checks and streaming for file uploads: type (extension and content, `nemo_tui.draft.wire`), size,
multipart body.

The multipart body is an async generator reading the files in chunks off the event loop, so memory
stays flat whatever the file size (httpx's `files=` reads from disk on the loop and has no progress).
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nemo_tui.draft.wire import HEAD_BYTES, MAX_UPLOAD_BYTES, kind_for_extension, sniff

from .errors import BadInput, FileTooLarge, NemoError, UnsupportedFileType

Progress = Callable[[int, int | None], None | Awaitable[None]]

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class UploadFile:
    path: Path
    size: int
    mime: str


def check_file(path: Path) -> UploadFile:
    """Refuse, before anything is sent, what the server would refuse (blocking: run in a thread)."""
    ext = path.suffix.lower().lstrip(".")
    claimed = kind_for_extension(ext)
    if claimed is None:
        raise UnsupportedFileType(filename=path.name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except FileNotFoundError:
        raise BadInput(f"No such file: {path}", action="Check the path and try again.") from None
    except OSError as exc:
        raise BadInput(f"Cannot read {path.name}: {exc.strerror}") from None
    if not path.is_file():
        raise BadInput(f"{path.name} is not a file.")
    if size > MAX_UPLOAD_BYTES:
        raise FileTooLarge(f"{path.name} is {size / 1024**2:.0f} MB; the limit is 500 MB.")
    found = sniff(head)  # the engine's own table: what it would refuse is refused here, unsent
    if found is None or found.family != claimed.family:
        raise UnsupportedFileType(
            f"{path.name!r} does not contain what its .{ext} name says.", filename=path.name
        )
    return UploadFile(path, size, claimed.mime)


def _quote(name: str) -> str:
    # HTML5 form encoding of a filename, as browsers (and httpx) do it.
    return name.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartBody:
    """A `multipart/form-data` body with one `files` part per file, streamed from disk."""

    def __init__(self, files: Sequence[UploadFile], progress: Progress | None = None) -> None:
        self.files = list(files)
        self.progress = progress
        self.boundary = uuid.uuid4().hex
        self._heads = [
            (
                f"--{self.boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="{_quote(f.path.name)}"\r\n'
                f"Content-Type: {f.mime}\r\n\r\n"
            ).encode()
            for f in self.files
        ]
        self._end = f"--{self.boundary}--\r\n".encode()
        self.file_bytes = sum(f.size for f in self.files)

    @property
    def headers(self) -> dict[str, str]:
        length = sum(len(h) + 2 for h in self._heads) + self.file_bytes + len(self._end)
        return {
            "Content-Type": f"multipart/form-data; boundary={self.boundary}",
            "Content-Length": str(length),
        }

    async def _report(self, done: int) -> None:
        if self.progress is not None:
            result = self.progress(done, self.file_bytes)
            if inspect.isawaitable(result):
                await result

    async def stream(self) -> AsyncIterator[bytes]:
        """A fresh body iterator (call again for a retry)."""
        done = 0
        await self._report(0)
        for head, f in zip(self._heads, self.files, strict=True):
            yield head
            fh = await asyncio.to_thread(f.path.open, "rb")
            try:
                left = f.size
                while left > 0:
                    chunk = await asyncio.to_thread(fh.read, min(CHUNK, left))
                    if not chunk:  # Content-Length was promised: a shrunken file cannot be sent
                        raise NemoError(f"{f.path.name} changed while it was being uploaded.")
                    left -= len(chunk)
                    done += len(chunk)
                    yield chunk
                    await self._report(done)
            finally:
                await asyncio.to_thread(fh.close)
            yield b"\r\n"
        yield self._end
