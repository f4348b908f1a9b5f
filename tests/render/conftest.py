"""Test media made once per session by ffmpeg itself (tiny, so the suite stays fast on 2 cores)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from _render_tools import ffmpeg


def _blobs_png(path: Path, w: int = 640, h: int = 360, rgb: tuple[int, int, int] = (1, 1, 1)) -> None:
    """Dark picture with three soft dots (white, or `rgb`): Ken Burns motion tracked to sub-pixels."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w), np.float32)
    for px, py in ((0.3, 0.3), (0.7, 0.65), (0.55, 0.4)):
        img += np.exp(-((xx - px * w) ** 2 + (yy - py * h) ** 2) / (2 * 4.0**2))
    gray = (np.clip(img, 0, 1) * 255).astype(np.uint8)
    raw = path.with_suffix(".raw")
    raw.write_bytes(np.stack([gray * c for c in rgb], -1).tobytes())
    ffmpeg("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-i", str(raw), str(path))
    raw.unlink()


def _phone_photo(path: Path) -> None:
    """A 400x200 JPEG, red on the left and blue on the right, whose EXIF says "turn 90° clockwise"."""
    flat = path.with_name("flat.jpg")
    ffmpeg("-f", "lavfi", "-i", "color=c=red:s=200x200[l];color=c=blue:s=200x200[r];[l][r]hstack",
           "-frames:v", "1", "-q:v", "2", str(flat))  # fmt: skip
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
    tiff = b"MM\x00*" + struct.pack(">I", 8) + ifd
    app1 = b"Exif\x00\x00" + tiff
    data = flat.read_bytes()
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
    flat.unlink()


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_media(tmp_path_factory.mktemp("media"))


def make_media(folder: Path) -> Path:
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360", "-frames:v", "1", str(folder / "photo.png"))
    ffmpeg("-f", "lavfi", "-i", "color=c=0x00FF00:s=200x200", "-frames:v", "1", str(folder / "square.png"))
    # A clip that is red for 1 s, green for 1 s, blue for 1 s, with a 300 Hz tone at amplitude 0.5.
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=red:s=160x120:r=25:d=1",
        "-f", "lavfi", "-i", "color=c=lime:s=160x120:r=25:d=1",
        "-f", "lavfi", "-i", "color=c=blue:s=160x120:r=25:d=1",
        "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*300*t):s=48000:d=3",
        "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,scale=out_color_matrix=bt709:out_range=tv[v]",
        "-map", "[v]", "-map", "3:a", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-colorspace", "bt709",  # tagged and converted like an HD camera file
        "-c:a", "aac", "-b:a", "128k", str(folder / "rgb.mp4"),
    )  # fmt: skip
    # Music: 440 Hz stereo at amplitude 0.5, 2 s (so a 3 s segment must loop it).
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*440*t):s=44100:d=2",
        str(folder / "music.wav"),
    )
    # Steps: 500 Hz for 1 s, then 800 Hz for 1 s (mono), to tell where a loop starts and wraps.
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "aevalsrc=0.5*sin(2*PI*if(lt(t\\,1)\\,500\\,800)*t):s=48000:d=2",
        str(folder / "steps.wav"),
    )
    # Voice: 1000 Hz mono at amplitude 0.5, 1 s.
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*1000*t):s=22050:d=1", str(folder / "voice.wav"))
    _blobs_png(folder / "blobs.png")
    _blobs_png(folder / "redblobs.png", rgb=(1, 0, 0))
    _phone_photo(folder / "phone.jpg")
    # A logo: an opaque green box in the middle of a transparent 200x100 picture.
    opaque = "if(between(X,50,149)*between(Y,25,74),255,0)"
    logo = f"color=c=black:s=200x100,format=rgba,geq=r=0:g=255:b=0:a='{opaque}'"
    ffmpeg("-f", "lavfi", "-i", logo, "-frames:v", "1", str(folder / "logo.png"))
    return folder
