"""Helpers for renderer tests: make media with ffmpeg, render, decode frames and sound with PyAV."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np

from nemo_tui.engine.render import render_draft
from nemo_tui.engine.render.ffmpeg import ffmpeg_exe
from nemo_tui.engine.render.graph import build_plan
from nemo_tui.engine.render.probe import probe
from nemo_tui.engine.render.quality import HIGH
from nemo_tui.engine.render.validate import parse_draft, resolve_media

W, H = 320, 180


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def resolver(folder: Path) -> Callable[[str], Path]:
    def resolve(src: str) -> Path:
        name = src.split(":", 1)[1].replace(":", "-")
        for path in folder.iterdir():
            if path.stem == name:
                return path
        raise KeyError(src)

    return resolve


def draft(*tracks: dict[str, Any], w: int = W, h: int = H, fps: float = 30, bg: str = "#000000") -> dict:
    return {"v": 1, "canvas": {"w": w, "h": h, "fps": fps, "bg": bg}, "t": list(tracks)}


def video_track(*segments: dict[str, Any], tid: str = "v1") -> dict:
    return {"id": tid, "tt": 0, "m": {"name": "Main"}, "sg": list(segments)}


def text_track(*segments: dict[str, Any], tid: str = "x1") -> dict:
    return {"id": tid, "tt": 7, "m": {"name": "Text"}, "sg": list(segments)}


def audio_track(*segments: dict[str, Any], tid: str = "a1", role: str | None = None) -> dict:
    return {"id": tid, "tt": 1, "m": {"name": "Audio", "role": role}, "sg": list(segments)}


def card(sid: str, st: int, d: int, color: str = "#808080", **extra: Any) -> dict:
    return {"id": sid, "st": st, "d": d, "src": f"color:{color}", **extra}


async def render(doc: dict, out: Path, media: Path, **kwargs: Any) -> Path:
    return await render_draft(doc, out, resolve=resolver(media), **kwargs)


def raw_planes(doc: dict, media: Path, workdir: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Y, U and V of every frame the render's own graph draws, before the encoder (frames × h × w).

    For motion measured to a fraction of a pixel: x264 at CRF 20 makes tiny dots on black stick.
    """
    timeline = parse_draft(doc)
    files = resolve_media(timeline, resolver(media))
    plan = build_plan(timeline, files, {src: probe(path) for src, path in files.items()}, HIGH, workdir)
    raw = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", *plan.unencoded(), "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    w, h = plan.size
    frames = np.frombuffer(raw, np.uint8).reshape(-1, w * h * 3 // 2)
    quarter = w * h // 4
    y = frames[:, : w * h].reshape(-1, h, w)
    u = frames[:, w * h : w * h + quarter].reshape(-1, h // 2, w // 2)
    v = frames[:, w * h + quarter :].reshape(-1, h // 2, w // 2)
    return y, u, v


def frames_at(path: Path, times: list[float]) -> list[np.ndarray]:
    """RGB frames (H×W×3, int16) showing at each time in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        decoded = [
            (float(fr.pts * stream.time_base), fr.to_ndarray(format="rgb24"))
            for fr in container.decode(stream)
        ]
    picked = []
    for t in times:
        showing = [img for ts, img in decoded if ts <= t + 1e-6]
        picked.append(showing[-1].astype(np.int16))
    return picked


def sound(path: Path) -> tuple[np.ndarray, int]:
    """Decoded audio as float samples (channels × n) and the sample rate."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [fr.to_ndarray() for fr in container.decode(stream)]
        rate = stream.rate
    data = np.concatenate(chunks, axis=1).astype(np.float64)
    return data, rate


def window(samples: np.ndarray, rate: int, start: float, end: float) -> np.ndarray:
    return samples[:, int(start * rate) : int(end * rate)]


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


def tone(samples: np.ndarray, rate: int, freq: float) -> float:
    """Amplitude of a sine at `freq` in the left channel."""
    x = samples[0]
    t = np.arange(len(x)) / rate
    return float(2 * abs(np.sum(x * np.exp(-2j * np.pi * freq * t))) / len(x))
