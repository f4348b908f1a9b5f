"""Ken Burns wobble: how far the renderer's frames stray from the smooth path, in output pixels.

A textured picture (sinusoids: its value at any point is known exactly, see `wobble.py`) is given a
Ken Burns move through the real renderer (`render_draft`, export quality), the MP4 is decoded with
PyAV, and at twelve places of the frame the rendered luma is matched against what the exact move
should show there, to a hundredth of a pixel. `wobble` is the RMS of those errors around a smooth
(quadratic) path; `--raw` measures the frames the graph hands to x264 instead of the decoded file.
`--validate` first checks the tool on synthetic frames: an exact path (expect 0) and one that moves
in whole pixels (expect 1/sqrt(12) = 0.289 px).

    python benchmarks/render/kenburns_wobble.py [--size 640x360 --size 1920x1080] [--raw] [--validate]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wobble as wb  # noqa: E402

from nemo_tui.engine.render import render_draft  # noqa: E402
from nemo_tui.engine.render.ffmpeg import ffmpeg_exe  # noqa: E402
from nemo_tui.engine.render.graph import build_plan  # noqa: E402
from nemo_tui.engine.render.probe import probe  # noqa: E402
from nemo_tui.engine.render.quality import HIGH  # noqa: E402
from nemo_tui.engine.render.validate import parse_draft  # noqa: E402

MOVE: wb.Move = ((1.0, 0.5, 0.5), (1.15, 0.55, 0.45))  # as the renderer's Ken Burns tests and benchmark


def source_size(out_w: int, out_h: int) -> tuple[int, int]:
    """A 3:2 photo a little larger than the canvas (the reference timeline's 2400x1600 at 1080p)."""
    return round(out_w * 1.25), round(out_w * 1.25 * 2 / 3)


def write_picture(texture: wb.Texture, w: int, h: int, path: Path) -> None:
    gray = texture.image(w, h)
    cmd = [ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{w}x{h}"]
    subprocess.run([*cmd, "-i", "-", str(path)], input=gray.tobytes(), check=True)


def render_luma(doc: dict[str, object], picture: Path, workdir: Path, raw: bool) -> list[np.ndarray]:
    """The luma of every frame: decoded from the rendered MP4, or (`raw`) as handed to the encoder."""
    if not raw:
        out = workdir / "kb.mp4"
        asyncio.run(render_draft(doc, out, resolve=lambda src: picture))
        return list(wb.decoded_luma(out))
    timeline = parse_draft(doc)
    plan = build_plan(timeline, {"media:texture": picture}, {"media:texture": probe(picture)}, HIGH, workdir)
    data = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", *plan.unencoded(), "-f", "rawvideo", "-pix_fmt", "gray", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    w, h = plan.size
    return list(np.frombuffer(data, np.uint8).reshape(-1, h, w))


def measure(out_w: int, out_h: int, frames: int, raw: bool = False, workdir: Path | None = None) -> wb.Wobble:
    """Render the move at out_w×out_h through the renderer and measure its wobble."""
    texture = wb.Texture.make()
    iw, ih = source_size(out_w, out_h)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        picture = Path(tmp) / "texture.png"
        write_picture(texture, iw, ih, picture)
        luma = render_luma(wb.draft(MOVE, out_w, out_h, frames), picture, Path(tmp), raw)
    assert len(luma) == frames, f"{len(luma)} frames rendered, {frames} expected"
    return wb.summarise(wb.track(luma, texture, wb.path(MOVE, iw, ih, out_w, out_h, frames)))


def validate(out_w: int, out_h: int, frames: int) -> tuple[wb.Wobble, wb.Wobble, float]:
    """The tool on synthetic frames: the exact path, and the same path moved in whole pixels.

    Returns both summaries and the largest difference between measured and injected error (px).
    """
    texture = wb.Texture.make()
    iw, ih = source_size(out_w, out_h)
    views = wb.path(MOVE, iw, ih, out_w, out_h, frames)

    def video(img: np.ndarray) -> np.ndarray:  # limited-range 8-bit luma, as a render's
        return np.clip(np.rint(16 + img * 219 / 255), 0, 255).astype(np.uint8)

    exact = [video(wb.ideal_frame(texture, v, out_w, out_h)) for v in views]
    stepped, injected = [], []
    for v in views:
        s = out_w / v.w  # output pixels per source pixel
        x, y = round(v.x * s) / s, round(v.y * s) / s  # the view's corner on whole output pixels
        stepped.append(video(wb.ideal_frame(texture, replace(v, x=x, y=y), out_w, out_h)))
        injected.append(((v.x - x) * s, (v.y - y) * s))
    errors = wb.track(stepped, texture, views)
    miss = float(np.abs(errors[..., :2] - np.array(injected)[:, None, :]).max())
    return wb.summarise(wb.track(exact, texture, views)), wb.summarise(errors), miss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", action="append", help="WxH (repeatable); default 640x360 and 1920x1080")
    parser.add_argument("--frames", type=int, default=90)
    parser.add_argument("--raw", action="store_true", help="frames before the encoder, not the decoded MP4")
    parser.add_argument("--validate", action="store_true", help="check the tool on synthetic frames first")
    args = parser.parse_args()
    sizes = [tuple(int(v) for v in s.split("x")) for s in (args.size or ["640x360", "1920x1080"])]
    if args.validate:
        w, h = sizes[0]
        exact, stepped, miss = validate(w, h, 40)
        print(f"validate {w}x{h}, exact path:        {exact}")
        print(f"validate {w}x{h}, whole-pixel steps: {stepped} (expect 0.289; max miss {miss:.3f} px)")
    for w, h in sizes:
        start = time.perf_counter()
        result = measure(w, h, args.frames, args.raw)
        where = "frames before x264" if args.raw else "decoded MP4"
        print(f"{w}x{h} ({where}): {result}   [{time.perf_counter() - start:.1f} s]", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
