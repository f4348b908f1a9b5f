"""A designed scene as a video clip: built from its template, every frame composited, piped to x264.

The clip is cached by content (the scene's fields, the frame size and rate, its length, the files it
shows and `DESIGN_VERSION`), so an export after a one-scene edit draws only that scene again. Clips
are written near-losslessly (x264 ultrafast, CRF 10, 4:2:0: what the main render decodes fastest)
because the main render encodes them again.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from nemo_tui.draft.scenes import media_refs

from ..errors import RenderError
from ..ffmpeg import error_summary, ffmpeg_exe
from ..probe import probe
from . import draw
from .compose import Scene
from .footage import Footage
from .layout import Frame, Pictures
from .list_scenes import features, stat, steps
from .media_scene import media
from .motion import Sprite
from .style import hex_rgb, scene_style
from .text_scenes import cta, headline_scene, hero, quote

DESIGN_VERSION = 1  # bump when a template draws differently, so that cached clips are redrawn
TEMPLATES = {
    "hero": hero,
    "headline": headline_scene,
    "features": features,
    "stat": stat,
    "quote": quote,
    "steps": steps,
    "cta": cta,
    "media": media,
}


def load_pictures(scene: dict[str, Any], files: dict[str, Path]) -> Pictures:
    """The uploads the scene shows: pictures (turned by their EXIF orientation) and clips."""
    pictures: Pictures = {}
    for ref in media_refs(scene):
        if ref not in files:
            continue
        if probe(files[ref]).kind == "video":
            pictures[ref] = Footage(files[ref])
            continue
        with Image.open(files[ref]) as img:
            pictures[ref] = ImageOps.exif_transpose(img).convert("RGBA")
    return pictures


def build_scene(
    scene: dict[str, Any],
    size: tuple[int, int],
    duration_ms: float,
    pictures: Pictures,
    delay_ms: float = 0.0,
) -> Scene:
    """The scene's layers, laid out for `size`, ready to composite at any time; entrances start
    `delay_ms` in (the part of a transition during which the scene is still mostly hidden)."""
    w, h = size
    style = scene_style(
        scene.get("style"),
        [c for c in scene.get("palette") or [] if isinstance(c, str)],
        scene.get("font") if isinstance(scene.get("font"), str) else None,
    )
    if isinstance(scene.get("text_color"), str):
        style = replace(style, text=hex_rgb(scene["text_color"]))
    scale = scene.get("text_scale")
    frame = Frame(w, h, float(scale) if isinstance(scale, int | float) else 1.0)
    drift = (max(2, round(w * 0.03)), max(2, round(h * 0.03)))
    seed = int(hashlib.sha256(json.dumps(scene, sort_keys=True).encode()).hexdigest()[:8], 16)
    backdrop = draw.background((w + 2 * drift[0], h + 2 * drift[1]), style, seed)
    template = TEMPLATES[str(scene.get("template"))]
    sprites = template(scene, frame, style, max(1.0, duration_ms - delay_ms), pictures)
    corner = scene.get("logo_corner")
    logo = pictures.get(str(scene.get("logo")))
    if isinstance(corner, str) and isinstance(logo, Image.Image):
        sprites.append(corner_logo(logo, corner, frame))
    return Scene((w, h), backdrop, drift, duration_ms, sprites, delay_ms)


def corner_logo(logo: Image.Image, corner: str, frame: Frame) -> Sprite:
    """The logo small in a corner (at most 16 % of the width, 9 % of the height), always visible."""
    scale = min(frame.w * 0.16 / logo.width, frame.h * 0.09 / logo.height)
    mark = logo.resize(
        (max(1, round(logo.width * scale)), max(1, round(logo.height * scale))), Image.Resampling.LANCZOS
    )
    inset = round(frame.margin * 0.45)
    x = inset if corner.endswith("left") else frame.w - inset - mark.width
    y = inset if corner.startswith("top") else frame.h - inset - mark.height
    return Sprite(mark, x, y, kind="none")


def clip_key(
    scene: dict[str, Any],
    size: tuple[int, int],
    fps: str,
    frames: int,
    files: dict[str, Path],
    delay_ms: float,
) -> str:
    shown = {}
    for ref in media_refs(scene):
        if ref in files:
            stat = files[ref].stat()
            shown[ref] = [str(files[ref]), stat.st_size, stat.st_mtime_ns]
    blob = json.dumps(
        [DESIGN_VERSION, scene, size, fps, frames, shown, delay_ms], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def write_clip(
    scene: Scene,
    frames: int,
    fps: tuple[int, int],
    out: Path,
    *,
    stop: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
    sound: Path | None = None,
) -> Path:
    """Composite `frames` frames of `scene` at `fps` (numerator, denominator) into `out` (MP4), with
    the sound of `sound` (a framed clip's own) from its start, for as long as the scene lasts."""
    w, h = scene.size
    part = out.with_name(f".{out.name}.part")
    seconds = f"{frames * fps[1] / fps[0]:.6f}"
    audio_in = ["-i", str(sound)] if sound is not None else []
    audio_out = ["-map", "0:v", "-map", "1:a:0", "-c:a", "aac", "-b:a", "192k"] if sound is not None else []
    args = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", f"{fps[0]}/{fps[1]}", "-i", "-",
        *audio_in, *audio_out, "-t", seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv420p",
        "-f", "mp4", str(part),
    ]  # fmt: skip
    # No orphan guard needed: this ffmpeg reads its frames from our pipe, so it ends when we do.
    proc = subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stderr is not None
    stderr = proc.stderr
    errors: list[str] = []
    reader = threading.Thread(
        target=lambda: errors.extend(stderr.read().decode(errors="replace").splitlines())
    )
    reader.start()
    try:
        for i in range(frames):
            if stop is not None and stop.is_set():
                raise RenderError("cancelled")
            proc.stdin.write(scene.frame(i * 1000 * fps[1] / fps[0]).tobytes())
            if progress is not None:
                progress(i + 1)
        proc.stdin.close()
        if proc.wait() != 0:
            raise RenderError(f"drawing a designed scene failed: {error_summary(errors)}")
        part.replace(out)
    except BrokenPipeError as exc:
        proc.wait()
        reader.join()
        raise RenderError(f"drawing a designed scene failed: {error_summary(errors)}") from exc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join()
        part.unlink(missing_ok=True)
    return out
