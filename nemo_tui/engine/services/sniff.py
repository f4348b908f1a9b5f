"""File type by content (magic bytes), never by extension.

`sniff(head)` looks at the first bytes of a file and names one of the accepted types
(PROTOCOL.md: mp4 mov avi webm mkv, jpg png gif webp, mp3 wav m4a aac) or returns None.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bytes `sniff` wants to see; fewer is fine for a short file.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileKind:
    ext: str
    mime: str
    file_type: str  # "video" | "image" | "audio"


KINDS = {
    "mp4": FileKind("mp4", "video/mp4", "video"),
    "mov": FileKind("mov", "video/quicktime", "video"),
    "avi": FileKind("avi", "video/x-msvideo", "video"),
    "webm": FileKind("webm", "video/webm", "video"),
    "mkv": FileKind("mkv", "video/x-matroska", "video"),
    "jpg": FileKind("jpg", "image/jpeg", "image"),
    "png": FileKind("png", "image/png", "image"),
    "gif": FileKind("gif", "image/gif", "image"),
    "webp": FileKind("webp", "image/webp", "image"),
    "mp3": FileKind("mp3", "audio/mpeg", "audio"),
    "wav": FileKind("wav", "audio/wav", "audio"),
    "m4a": FileKind("m4a", "audio/mp4", "audio"),
    "aac": FileKind("aac", "audio/aac", "audio"),
}

ACCEPTED = ", ".join(KINDS)

_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


def sniff(head: bytes) -> FileKind | None:
    name = _sniff_name(head)
    return KINDS[name] if name else None


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
