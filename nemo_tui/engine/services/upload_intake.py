"""Uploads: multipart bodies streamed to disk, checked by content, probed, stored.

The body is parsed as it arrives (python-multipart's push parser), so the size cap is enforced while
streaming and an oversized file never lands whole on disk; so are the number of files and of other
form fields, and the size of each part's headers (Starlette's own `request.form(max_files=,
max_fields=, max_part_size=)` buffers what it parses, so it is not used here). The type is decided
from the first bytes of each file (`sniff`), never from its name; a still's claimed size is checked
before anything decodes it. A request is all or nothing: if one file is refused, none is kept (nor
any temporary file, whatever the error, a full disk included).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from python_multipart.exceptions import FormParserError, MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from nemo_tui.draft.wire import FILE_TOO_LARGE, UNSUPPORTED_FILE_TYPE

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks  # declared for type checkers only

from ..hosting.config import EngineConfig
from ..render.probe import probe
from ..storage.file_storage import MediaStorage
from ..storage.records import Upload
from ..storage.store import Store
from .api_errors import ApiError
from .picture_size import claimed_size, too_many_pixels
from .sniff import ACCEPTED, HEAD_BYTES, FileKind, sniff

FIELDS = {b"files", b"file"}


@dataclass
class Received:
    path: Path
    filename: str
    kind: FileKind
    size: int
    sha256: str


@dataclass
class _Part:
    name: bytes = b""
    filename: str = ""
    path: Path | None = None
    handle: IO[bytes] | None = None
    head: bytearray = field(default_factory=bytearray)
    size: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    kind: FileKind | None = None


def too_large(limit: int) -> ApiError:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return ApiError(
        FILE_TOO_LARGE, f"File too large: the limit is {size}. Compress or trim it and try again."
    )


def unsupported(name: str) -> ApiError:
    return ApiError(UNSUPPORTED_FILE_TYPE, f"Unsupported file type for {name!r}: accepted types are "
                    f"{ACCEPTED} (checked by content, not by name).")  # fmt: skip


class MultipartReceiver:
    """Feeds chunks to the multipart parser and writes file parts to temporary files."""

    def __init__(self, storage: MediaStorage, config: EngineConfig) -> None:
        self._storage = storage
        self._max_bytes = config.upload_max_bytes
        self._max_files = config.upload_max_files
        self._max_fields = config.upload_max_fields
        self._header_limits = {
            "max_header_size": config.upload_part_header_max_bytes,
            "max_header_count": config.upload_part_max_headers,
        }
        self._fields = 0
        self._parts: list[_Part] = []  # file parts only: other fields are counted, never kept
        self._current: _Part | None = None
        self._header_field = b""
        self._headers: dict[bytes, bytes] = {}
        self._writes: list[tuple[_Part, bytes]] = []
        self.error: ApiError | None = None

    async def receive(self, boundary: bytes, chunks: AsyncIterator[bytes]) -> list[Received]:
        try:
            parser = MultipartParser(boundary, self._callbacks(), **self._header_limits)
            async for chunk in chunks:
                parser.write(chunk)
                await self._flush()
                if self.error:
                    raise self.error
            parser.finalize()
            await self._flush()
            if self.error:
                raise self.error
        except (MultipartParseError, FormParserError) as exc:
            self.discard()
            raise self._malformed(exc) from None
        except BaseException:
            self.discard()
            raise
        finally:
            for part in self._parts:
                if part.handle:
                    part.handle.close()
        files = [p for p in self._parts if p.path is not None]
        if not files:
            self.discard()
            raise ApiError(400, "No file in the upload: send multipart field 'files' (one or more).")
        return [Received(p.path, p.filename, p.kind, p.size, p.digest.hexdigest()) for p in files]  # type: ignore[arg-type]

    def _malformed(self, exc: Exception) -> ApiError:
        if "header" in str(exc).lower():
            limits = self._header_limits
            return ApiError(
                400,
                f"A part of the upload has too large headers (at most {limits['max_header_count']} "
                f"headers of {limits['max_header_size'] // 1024} KB in all): send each file as an "
                "ordinary multipart part named 'files'.",
            )
        return ApiError(400, f"The upload is not well-formed multipart/form-data ({exc}).")

    def discard(self) -> None:
        for part in self._parts:
            if part.handle:
                part.handle.close()
            if part.path:
                part.path.unlink(missing_ok=True)

    def _callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._header_bytes("field", d[s:e]),
            "on_header_value": lambda d, s, e: self._header_bytes("value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._current = _Part()
        self._headers, self._header_field = {}, b""

    def _header_bytes(self, which: str, data: bytes) -> None:
        if which == "field":
            self._header_field += data
        else:
            key = self._header_field.lower()
            self._headers[key] = self._headers.get(key, b"") + data

    def _header_end(self) -> None:
        self._header_field = b""

    def _headers_finished(self) -> None:
        part = self._current
        assert part is not None
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        part.name = options.get(b"name", b"")
        filename = options.get(b"filename")
        if part.name in FIELDS and filename:  # a form with no file chosen sends filename=""
            if len(self._parts) >= self._max_files:
                self.error = ApiError(400, f"Too many files in one upload (at most {self._max_files}).")
                return
            part.filename = _clean_name(filename.decode("utf-8", "replace"))
            part.path = self._storage.new_temp_path(".upload")
            self._parts.append(part)  # before opening: discard() must find it whatever happens
            part.handle = open(part.path, "wb")  # noqa: SIM115 - closed in receive()
        else:
            self._fields += 1
            if self._fields > self._max_fields and not self.error:
                self.error = ApiError(
                    400,
                    f"Too many form fields in one upload (at most {self._max_fields} besides the "
                    "files): send the files in the field 'files' and nothing else.",
                )

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._current
        if part is None or part.handle is None or self.error:
            return
        piece = data[start:end]
        part.size += len(piece)
        if part.size > self._max_bytes:
            self.error = too_large(self._max_bytes)
            return
        if part.kind is None and len(part.head) < HEAD_BYTES:
            part.head += piece[: HEAD_BYTES - len(part.head)]
            if len(part.head) >= HEAD_BYTES:
                self._decide(part)
        part.digest.update(piece)
        self._writes.append((part, piece))

    def _part_end(self) -> None:
        part = self._current
        if part is not None and part.handle is not None and part.kind is None and not self.error:
            self._decide(part)
        self._current = None

    def _decide(self, part: _Part) -> None:
        part.kind = sniff(bytes(part.head))
        if part.kind is None:
            self.error = unsupported(part.filename)

    async def _flush(self) -> None:
        writes, self._writes = self._writes, []
        if writes:
            await asyncio.to_thread(_write_all, writes)


def _write_all(writes: list[tuple[_Part, bytes]]) -> None:
    for part, piece in writes:
        if part.handle is not None and not part.handle.closed:
            part.handle.write(piece)


def _clean_name(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip() or "upload"
    return name[:200]


def boundary_of(content_type: str) -> bytes:
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise ApiError(400, "Send files as multipart/form-data (field 'files'), or JSON {\"urls\": [...]}.")
    return boundary


async def examine(received: Received, config: EngineConfig) -> dict[str, Any]:
    """Probe a received file; one that cannot be read as its sniffed type is refused (4001), a
    picture larger than the limit (as its header claims, before decoding) with 4002."""
    if received.kind.file_type == "image":
        claimed = await asyncio.to_thread(claimed_size, received.path, received.kind.ext)
        if claimed is not None:
            _check_pixels(received, claimed, config)
    try:
        info = await asyncio.to_thread(probe_file, received.path)
    except Exception as exc:
        # The reason only (e.g. "Invalid data found when processing input"): the exception's text
        # holds the server's paths, which are nobody's business.
        cause = exc.__cause__ or exc
        why = getattr(cause, "strerror", None) or "it is damaged or not what its header says"
        raise ApiError(
            UNSUPPORTED_FILE_TYPE, f"Could not read {received.filename!r} as {received.kind.ext}: {why}."
        ) from exc
    if info["file_type"] in ("image", "video"):
        if not info["width"] or not info["height"]:  # ffmpeg gives 0x0 for sizes it refuses
            why = "its picture size cannot be read"
            raise ApiError(
                UNSUPPORTED_FILE_TYPE, f"Could not read {received.filename!r} as {received.kind.ext}: {why}."
            )
        _check_pixels(received, (info["width"], info["height"]), config)
    return info


def _check_pixels(received: Received, size: tuple[int, int], config: EngineConfig) -> None:
    if too_many_pixels(size, config.picture_max_side, config.picture_max_pixels):
        w, h = size
        raise ApiError(
            FILE_TOO_LARGE,
            f"{received.filename!r} is {w}×{h} pixels ({w * h / 1e6:,.0f} megapixels); pictures are "
            f"at most {config.picture_max_side:,} pixels a side and "
            f"{config.picture_max_pixels / 1e6:,.0f} megapixels. Scale it down and upload it again.",
        )


async def keep_all(
    items: list[tuple[Received, dict[str, Any]]],
    store: Store,
    storage: MediaStorage,
    account_id: str,
    session_id: str,
) -> list[Upload]:
    """Move probed files into storage and record them in one transaction: all or none. If the
    record fails (a full disk), the moved files are deleted again."""
    uploads = [_upload(received, info, account_id, session_id) for received, info in items]
    moved: list[str] = []
    try:
        for (received, _), upload in zip(items, uploads, strict=True):
            await storage.put_file(received.path, upload.storage_key)
            moved.append(upload.storage_key)
        await store.add_uploads(uploads)
    except BaseException:
        for key in moved:
            await storage.delete(key)
        raise
    return uploads


def _upload(received: Received, info: dict[str, Any], account_id: str, session_id: str) -> Upload:
    media_id = "med_" + secrets.token_hex(8)
    key = f"media/{account_id}/{media_id}.{received.kind.ext}"
    return Upload(
        id=media_id, account_id=account_id, session_id=session_id, filename=received.filename,
        file_type=info["file_type"], ext=received.kind.ext, mime=received.kind.mime, size=received.size,
        sha256=received.sha256, duration_ms=info["duration_ms"], width=info["width"], height=info["height"],
        fps=info["fps"], has_audio=info["has_audio"], storage_key=key, created_at=time.time(),
    )  # fmt: skip


def probe_file(path: Path) -> dict[str, Any]:
    """Kind, duration, size and rate of a media file (the renderer's probe)."""
    p = probe(path)
    return {"file_type": p.kind, "duration_ms": p.duration_ms, "width": p.width, "height": p.height,
            "fps": p.fps, "has_audio": bool(p.has_audio)}  # fmt: skip


def video_info(upload: Upload, base_url: str) -> dict[str, Any]:
    """One entry of `state.video_infos` and of an upload answer's `files`."""
    duration = upload.duration_ms / 1000 if upload.duration_ms is not None else None
    return {
        "id": upload.id,
        "media_id": upload.id,
        "src": upload.src,
        "filename": upload.filename,
        "file_type": upload.file_type,
        "format": upload.ext,
        "mime_type": upload.mime,
        "cdn_url": f"{base_url}/api/media/{upload.id}/{_url_name(upload)}",
        "duration": duration,
        "width": upload.width,
        "height": upload.height,
        "fps": upload.fps,
        "has_audio": upload.has_audio,
        "size": upload.size,
        "hash": upload.sha256,
    }


def _url_name(upload: Upload) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", upload.filename.rsplit(".", 1)[0])[:60] or "file"
    return f"{stem}.{upload.ext}"
