"""What a media file is, read with PyAV (the ffmpeg wheel ships no ffprobe)."""

from __future__ import annotations

import functools
import mmap
from dataclasses import dataclass
from pathlib import Path

import av

# Demuxers that read one still picture (PyAV reports no duration for them).
_IMAGE_FORMATS = ("image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe", "gif_pipe")
# Where ffmpeg finds a still's orientation, by demuxer: EXIF in a JPEG APP1 segment, a PNG `eXIf`
# chunk or a WebP `EXIF` chunk. A file without the marker cannot be turned (other formats: decode).
_EXIF_MARKERS = {"jpeg_pipe": b"Exif\x00\x00", "png_pipe": b"eXIf", "webp_pipe": b"EXIF"}


@dataclass(frozen=True)
class MediaProbe:
    kind: str  # "video" | "image" | "audio"
    duration_ms: int | None  # None for an image
    width: int | None
    height: int | None
    fps: float | None
    has_audio: bool
    audio_channels: int = 0
    colorspace: str | None = None  # of a video: "bt709", "smpte170m", … (None when untagged)
    alpha: bool = False  # a picture with transparency
    decoded: tuple[str, int, int] | None = None  # a still's pixel format and stored size (unturned)

    def input_options(self) -> list[str]:
        """ffmpeg demuxer options that tell it what a still decodes to, so that opening the input does
        not decode the picture once more to find out (about 60 ms a 4-megapixel PNG, before any work)."""
        if self.decoded is None:
            return []
        fmt, w, h = self.decoded
        return ["-pixel_format", fmt, "-video_size", f"{w}x{h}"]


def probe(path: Path) -> MediaProbe:
    """Probe `path`; raise `ValueError` if it holds no picture and no sound.

    Remembered by path, inode, size and modification time: a session's media are probed by every
    preview and export of it, and a still's probe decodes the picture (about 45 ms for 4 megapixels).
    """
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise ValueError(f"cannot read {Path(path).name}: {exc.strerror}") from exc
    return _probe(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)


def forget_probes() -> None:
    """Forget what was probed (a benchmark timing a first render)."""
    _probe.cache_clear()


@functools.lru_cache(maxsize=512)
def _probe(path: str, inode: int, size: int, mtime_ns: int) -> MediaProbe:
    try:
        container = av.open(path)
    except (av.FFmpegError, OSError) as exc:
        raise ValueError(f"cannot read {Path(path).name}: {exc}") from exc
    with container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        fmt = container.format.name.split(",")[0]
        duration = _duration_ms(container, video or audio)
        if video is not None:
            frames = video.frames
            still = fmt in _IMAGE_FORMATS or (duration is None and frames in (0, 1))
            if fmt == "gif_pipe" or (fmt == "gif" and frames == 1):
                still = frames <= 1
            rate = float(video.average_rate) if video.average_rate else None
            width, height = video.codec_context.width, video.codec_context.height
            fmt_name = video.codec_context.format.name if video.codec_context.format else None
            decoded = (fmt_name, width, height) if still and fmt_name else None
            turned = still and _may_be_turned(path, fmt) and _turned(container, video)
            if turned:  # ffmpeg applies EXIF orientation: so must we
                width, height = height, width
            return MediaProbe(
                kind="image" if still else "video",
                duration_ms=None if still else duration,
                width=width,
                height=height,
                fps=None if still else rate,
                has_audio=audio is not None and not still,
                audio_channels=audio.codec_context.channels if audio is not None else 0,
                colorspace=_colorspace(video),
                alpha=_has_alpha(video),
                decoded=decoded,
            )
        if audio is not None:
            return MediaProbe("audio", duration, None, None, None, True, audio.codec_context.channels)
    raise ValueError(f"{Path(path).name} holds no picture and no sound")


def _may_be_turned(path: str, fmt: str) -> bool:
    """False when the file has no EXIF at all, which saves decoding the picture a second time."""
    marker = _EXIF_MARKERS.get(fmt)
    if marker is None:
        return True
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(marker) >= 0


def _turned(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> bool:
    """Whether a still is shown turned by 90 degrees (a phone photo's EXIF orientation)."""
    try:
        frame = next(container.decode(stream))
    except (av.FFmpegError, StopIteration):
        return False
    return abs(int(getattr(frame, "rotation", 0) or 0)) % 180 == 90


def _has_alpha(stream: av.video.stream.VideoStream) -> bool:
    fmt = stream.codec_context.format
    return fmt is not None and (fmt.has_palette or any(c.is_alpha for c in fmt.components))


def _colorspace(stream: av.video.stream.VideoStream) -> str | None:
    names = {1: "bt709", 5: "bt470bg", 6: "smpte170m"}
    return names.get(int(stream.codec_context.colorspace or 2))


def _duration_ms(container: av.container.InputContainer, stream: av.stream.Stream | None) -> int | None:
    if container.duration:
        return int(container.duration / 1000)  # microseconds
    if stream is not None and stream.duration and stream.time_base:
        return int(stream.duration * stream.time_base * 1000)
    return None
