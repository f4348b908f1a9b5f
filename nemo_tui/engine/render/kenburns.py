"""Ken Burns (slow zoom and pan over a still) as `zoompan` on a pre-upscaled picture, plane by plane.

Measured at 1080p30 on the frames the render hands to the encoder (docs/draft.md has the table):
`zoompan` places its crop in whole input pixels, and in yuv420p in whole *even* pixels, so on a
canvas-sized picture the motion steps by 1-2 output pixels a frame. Two things make it sub-pixel:
- the picture is scaled once to K times the canvas, so a whole pixel of it is 1/K of an output pixel;
- each plane (Y, U, V) of that yuv420p picture is moved by its own `zoompan` as a gray image, which
  has no chroma rounding, and the three are merged again. (zoompan on the whole yuv420p picture snaps
  to even pixels; on RGB, ffmpeg converts to yuv420p before zoompan, which only takes YUV formats.)
Asking zoompan for crop values that round to the nearest pixel, centred on the ideal centre, halves
the error again. K = 2.5 (the export default since 7 Dec 2026; it was 1.5): a wobble of 0.138 px RMS
around the smooth path at 640x360 and 0.126 px at 1080p, in the decoded MP4
(`benchmarks/render/kenburns_wobble.py`; K = 1.5 wobbled 0.21 px), for 1.45-1.49x the CPU of x264
re-encoding the 30 s reference render (`benchmarks/render/run.py`). `perspective` (a sub-pixel warp)
wobbles only 0.037 px but costs 1.8x; K = 3 wobbles 0.115 px for 1.52-1.57x. Nearly half of
zoompan's cost is making a new swscale context for every frame it draws, which no option avoids.

Geometry. At zoom `z` the view is the `cover` (or `contain`) rectangle of the canvas shrunk by `z`,
centred on (cx, cy) of the source and kept inside the picture. Zoom moves geometrically (constant
perceived speed), the centre linearly, over the whole clip including transition extensions. zoompan
needs an input with the canvas's aspect, so the source is cropped to (or padded out to) the smallest
canvas-shaped region `P` that holds every view of the move; padding is never seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from .filtergraph import f, num
from .timeline import KenBurns

MAX_PICTURE_SIDE = 8192
# The 2x picture of a 1080p canvas, and a little room for pans; on larger canvases the factor drops
# (towards 1 at 4K) so that one clip does not hold a 100 MB picture.
MAX_PICTURE_PIXELS = 1920 * 1080 * 9  # 3x a 1080p canvas: K holds up to 1080p, drops to 1.5 at 4K


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float


def _view(
    kb: tuple[float, float, float], base_w: float, base_h: float, iw: int, ih: int, clamp: bool
) -> Rect:
    z, cx, cy = kb
    w, h = base_w / z, base_h / z
    x, y = cx * iw - w / 2, cy * ih - h / 2
    if clamp:
        x = min(max(x, 0.0), max(iw - w, 0.0))
        y = min(max(y, 0.0), max(ih - h, 0.0))
    return Rect(x, y, w, h)


def _region(views: list[Rect], aspect: float, iw: int, ih: int) -> Rect:
    """The smallest canvas-shaped rectangle holding the views, moved inside the source where it fits."""
    x0, y0 = min(v.x for v in views), min(v.y for v in views)
    x1, y1 = max(v.x + v.w for v in views), max(v.y + v.h for v in views)
    w, h = x1 - x0, y1 - y0
    if w / h > aspect:
        h = w / aspect
    else:
        w = h * aspect
    x, y = (x0 + x1 - w) / 2, (y0 + y1 - h) / 2
    if w <= iw:
        x = min(max(x, 0.0), iw - w)
    if h <= ih:
        y = min(max(y, 0.0), ih - h)
    return Rect(x, y, w, h)


@dataclass(frozen=True)
class KenBurnsPlan:
    """`prepare` turns the decoded still into the picture P once; `move` draws frames of the move."""

    prepare: list[str]
    kb: KenBurns
    cover: bool
    source: tuple[int, int]  # iw, ih
    geometry: tuple[float, ...]  # cx0, cy0, kx, ky, ox, oy, sw, sh
    base_w: float
    frames: int
    size: tuple[int, int]  # the output frame
    fps: str

    def move(self, first: int = 0, count: int | None = None, plane: float = 1.0) -> str:
        """zoompan drawing frames first … first+count-1 of the whole move (of `frames` frames).

        `plane` scales the picture's coordinates: 0.5 draws a half-size chroma plane.
        """
        count = self.frames - first if count is None else count
        (z0, ax, ay), (z1, bx, by) = self.kb.start, self.kb.end
        (iw, ih), (cx0, cy0, kx, ky, ox, oy, sw, sh) = self.source, self.geometry
        kx, ky, ox, oy, sw, sh = (v * plane for v in (kx, ky, ox, oy, sw, sh))
        p = f"((on+{first})/{max(self.frames - 1, 1)})"
        zoom = f"{num(z0)}*pow({num(z1 / z0)},{p})"
        view = f"({num(self.base_w * kx)}/({zoom}))"  # ideal view width in picture pixels
        # zoompan truncates the crop's size and position to whole pixels; ask for values that round to
        # the nearest instead, and centre the rounded crop on the ideal centre (halves the error, no bias).
        view_w = f"floor({view}+0.5)"
        view_h = f"floor(({view}+0.5)*ih/iw)"  # what zoompan makes of the height
        centre_x = f"({num(ox + (ax * iw - cx0) * kx)}+{num((bx - ax) * iw * kx)}*{p})"
        centre_y = f"({num(oy + (ay * ih - cy0) * ky)}+{num((by - ay) * ih * ky)}*{p})"
        x, y = f"{centre_x}-{view_w}/2", f"{centre_y}-{view_h}/2"
        if self.cover:  # keep the view on the source, never on the padding
            x = f"clip({x},{num(ox)},{num(ox + sw)}-{view_w})"
            y = f"clip({y},{num(oy)},{num(oy + sh)}-{view_h})"
        zoompan = f("zoompan", z=f"iw/({view}+0.5)", x=f"{x}+0.5", y=f"{y}+0.5", d=count)
        w, h = self.size
        return f"{zoompan}:s={round(w * plane)}x{round(h * plane)}:fps={self.fps}"


def plan_kenburns(
    kb: KenBurns,
    fit: str,
    iw: int,
    ih: int,
    out_w: int,
    out_h: int,
    frames: int,
    fps: str,
    bg: str,
    oversample: float = 1.5,
) -> KenBurnsPlan:
    """How to draw `frames` frames of a still's Ken Burns move at out_w×out_h."""
    cover = fit == "cover"
    s0 = max(out_w / iw, out_h / ih) if cover else min(out_w / iw, out_h / ih)
    base_w, base_h = out_w / s0, out_h / s0  # the z = 1 view in source pixels
    views = [_view(k, base_w, base_h, iw, ih, cover) for k in (kb.start, kb.end)]
    if cover:
        region = _region(views, out_w / out_h, iw, ih)
    else:  # contain: the letterboxed picture itself
        region = Rect((iw - base_w) / 2, (ih - base_h) / 2, base_w, base_h)
    k = max(min(oversample * s0, (MAX_PICTURE_PIXELS / (region.w * region.h)) ** 0.5), s0)
    k = min(k, MAX_PICTURE_SIDE / region.w, MAX_PICTURE_SIDE / region.h)
    # The part of the source inside P, in whole pixels, scaled by k and padded out to P.
    cx0, cy0 = max(0, int(region.x)), max(0, int(region.y))
    cx1, cy1 = min(iw, int(region.x + region.w + 0.999)), min(ih, int(region.y + region.h + 0.999))
    # Even sizes: the chroma planes of P are exactly half its size.
    sw, sh = max(2, 2 * round((cx1 - cx0) * k / 2)), max(2, 2 * round((cy1 - cy0) * k / 2))
    kx, ky = sw / (cx1 - cx0), sh / (cy1 - cy0)
    pw, ph = max(sw, 2 * round(region.w * kx / 2)), max(sh, 2 * round(region.h * ky / 2))
    ox = min(max(0, 2 * round((cx0 - region.x) * kx / 2)), pw - sw)  # even: exact in yuv420p
    oy = min(max(0, 2 * round((cy0 - region.y) * ky / 2)), ph - sh)
    # One swscale pass scales and converts to video colours (yuv420p, BT.601 limited, as video.py).
    prepare = [f("crop", cx1 - cx0, cy1 - cy0, cx0, cy0), f("scale", sw, sh, flags="bicubic")]
    prepare.append("format=yuv420p")
    if (pw, ph) != (sw, sh):
        prepare.append(f("pad", pw, ph, ox, oy, color=bg))
    geometry = (cx0, cy0, kx, ky, ox, oy, sw, sh)
    return KenBurnsPlan(prepare, kb, cover, (iw, ih), geometry, base_w, frames, (out_w, out_h), fps)
