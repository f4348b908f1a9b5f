"""The constants of the wire, kept once for the client and the engine (docs/protocol.md).

Track types, the accepted upload types with the bytes that identify them, the upload size limit and
the protocol's error codes. `sniff(head)` names a file's type from its first bytes; the client uses
it to refuse before sending exactly what the engine refuses after receiving.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Track types (`tt`).
VIDEO: Final = 0
AUDIO: Final = 1
TEXT: Final = 7
TRACK_TYPES: Final = (VIDEO, AUDIO, TEXT)

MB: Final = 1024 * 1024
MAX_UPLOAD_BYTES: Final = 500 * MB

# The protocol's error codes (the `code` of an error body).
TOKEN_INVALID: Final = 1001
SESSION_NOT_FOUND: Final = 1002
NO_CREDITS: Final = 2001
UNSUPPORTED_FILE_TYPE: Final = 4001
FILE_TOO_LARGE: Final = 4002
HTTP_STATUS_FOR_CODE: Final = {
    TOKEN_INVALID: 401,
    SESSION_NOT_FOUND: 404,
    NO_CREDITS: 402,
    UNSUPPORTED_FILE_TYPE: 415,
    FILE_TOO_LARGE: 413,
}

#: Bytes `sniff` wants to see; fewer is fine for a short file.
HEAD_BYTES: Final = 4096


@dataclass(frozen=True)
class FileKind:
    ext: str
    mime: str
    file_type: str  # "video" | "image" | "audio"
    # Types in one container family carry each other's content (an .mp4 may hold only sound, an
    # .mkv a WebM stream): a name and a content of one family agree.
    family: str


KINDS: Final = {
    kind.ext: kind
    for kind in (
        FileKind("mp4", "video/mp4", "video", "isobmff"),
        FileKind("mov", "video/quicktime", "video", "isobmff"),
        FileKind("avi", "video/x-msvideo", "video", "avi"),
        FileKind("webm", "video/webm", "video", "ebml"),
        FileKind("mkv", "video/x-matroska", "video", "ebml"),
        FileKind("jpg", "image/jpeg", "image", "jpeg"),
        FileKind("png", "image/png", "image", "png"),
        FileKind("gif", "image/gif", "image", "gif"),
        FileKind("webp", "image/webp", "image", "webp"),
        FileKind("mp3", "audio/mpeg", "audio", "mpeg-audio"),
        FileKind("wav", "audio/wav", "audio", "wav"),
        FileKind("m4a", "audio/mp4", "audio", "isobmff"),
        FileKind("aac", "audio/aac", "audio", "mpeg-audio"),
    )
}
#: Other names of an accepted type.
EXTENSION_ALIASES: Final = {"jpeg": "jpg"}
ACCEPTED_EXTENSIONS: Final = (
    "mp4", "mov", "avi", "webm", "mkv",
    "jpg", "jpeg", "png", "gif", "webp",
    "mp3", "wav", "m4a", "aac",
)  # fmt: skip
ACCEPTED: Final = ", ".join(KINDS)


def kind_for_extension(ext: str) -> FileKind | None:
    """The accepted type a file name's extension (`MP4`, `.jpeg`) claims, or None."""
    ext = ext.lower().lstrip(".")
    return KINDS.get(EXTENSION_ALIASES.get(ext, ext))


def sniff(head: bytes) -> FileKind | None:
    """The accepted type the first bytes of a file show, or None: decided by content only."""
    name = _sniff_name(head)
    return KINDS[name] if name else None


_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


def _sniff_name(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and len(head) >= 12:
        return {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}.get(head[8:12])
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _AUDIO_BRANDS:
            return "m4a"
        return "mov" if brand == b"qt  " else "mp4"
    if head[4:8] in _QT_ATOMS and len(head) >= 8:
        return "mov"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head[:64] else "mkv"
    if head.startswith(b"ID3"):
        return "mp3"
    return _sniff_audio_frame(head)


def _sniff_audio_frame(head: bytes) -> str | None:
    """MPEG audio frame sync: layer III is mp3, layer "0" with the ADTS pattern is AAC."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    layer = (head[1] >> 1) & 0b11
    if layer == 0b01 and (head[1] >> 3) & 0b11 != 0b01 and (head[2] >> 4) not in (0b0000, 0b1111):
        return "mp3"
    if head[1] & 0xF6 == 0xF0:
        return "aac"
    return None
