"""A still's size as its file claims it, read from the header without decoding a pixel.

A decompression bomb is a small file that claims a huge picture (a 1 kB PNG of 50000×50000): the
size must be known before anything decodes it. PNG (IHDR), GIF (logical screen), WebP (VP8, VP8L,
VP8X) and JPEG (the first start-of-frame marker) say it in their first bytes; None when the header
cannot be read (the probe then decides).
"""

from __future__ import annotations

import struct
from pathlib import Path

#: Bytes read to find a JPEG's start-of-frame marker (EXIF with a thumbnail comes before it).
JPEG_SCAN_BYTES = 1024 * 1024
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def claimed_size(path: Path, ext: str) -> tuple[int, int] | None:
    with open(path, "rb") as fh:
        head = fh.read(JPEG_SCAN_BYTES if ext == "jpg" else 64)
    reader = {"png": _png, "gif": _gif, "webp": _webp, "jpg": _jpeg}.get(ext)
    try:
        return reader(head) if reader else None
    except (struct.error, IndexError):
        return None


def _png(head: bytes) -> tuple[int, int] | None:
    if head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def _gif(head: bytes) -> tuple[int, int]:
    return struct.unpack("<HH", head[6:10])


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        w = int.from_bytes(head[24:27], "little") + 1
        h = int.from_bytes(head[27:30], "little") + 1
        return w, h
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in _SOF:
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        i += 2 + length
    return None


def too_many_pixels(size: tuple[int, int], max_side: int, max_pixels: int) -> bool:
    w, h = size
    return w > max_side or h > max_side or w * h > max_pixels
