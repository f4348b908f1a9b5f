"""Ken Burns (slow zoom and pan over a still) as `perspective` on a canvas-sized picture.

`perspective` resamples every output pixel at a sub-pixel source position (bilinear, 1/256 px), so the
move follows its path exactly. Measured by `benchmarks/render/kenburns_wobble.py` (textured patches
matched to the exact path; benchmarks/render/README.md has the tables): 0.004 px RMS of wobble before
x264 at 640x360 and 1080p, where the former way (`zoompan` on a 1.5x picture, each yuv420p plane on its
own) wobbled 0.21 px. `zoompan` crops in whole pixels of its input and scales the crop, so its steps
only get finer with a larger picture (3x: 0.11 px at 640x360; at 1080p the picture-size cap holds it
at 0.14 px) or with shifted copies of it (a 2x2 stack of copies moved by a quarter pixel: 0.12 px,
0.16 on some moves, 2.7 times the memory).

The price is CPU: about 21 ms a 1080p frame (5 of them recomputing the map of every pixel, which no
option avoids; bicubic would be 2.2 times that), against 6-7 ms for the three `zoompan`s, so about
11 CPU-s more for the 30 s reference render. Memory grows by about 10 %: each piece's `perspective`
holds an 8-byte map of the frame (17 MB at 1080p) instead of the 1.5x picture's three planes.

`perspective` writes a frame of its input's size, so its input is the picture `Q`: the part of the
source that every view of the move lies in, scaled once to fit the canvas and padded out to it
(yuv420p: `perspective` moves the chroma planes with the luma's map, halved). Q at canvas scale holds
every view at no less than its output size, so bilinear only ever enlarges (by the move's zoom range:
1.15 for a move from zoom 1 to 1.15) and never needs to average many pixels.

Geometry. At zoom `z` the view is the `cover` (or `contain`) rectangle of the canvas shrunk by `z`,
centred on (cx, cy) of the source and kept inside the picture (`cover`) or inside Q (`contain`).
Zoom moves geometrically (constant perceived speed), the centre linearly, over the whole clip
including transition extensions. Output pixel j (centre at j + 1/2) shows the source point
x + (j + 1/2) * w / W of the view (x, w) on a canvas W wide: the pixel-centre convention of swscale.
"""

from __future__ import annotations

from dataclasses import dataclass

from .filtergraph import f, num
from .timeline import KenBurns


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
    """`prepare` turns the decoded still into the picture Q once; `move` draws frames of the move."""

    prepare: list[str]
    kb: KenBurns
    cover: bool
    source: tuple[int, int]  # iw, ih
    geometry: tuple[float, ...]  # Q's pixels per source pixel and Q's edges at source 0: kx, ky, ox, oy
    base: tuple[float, float]  # the z = 1 view in source pixels
    frames: int
    size: tuple[int, int]  # the output frame, and Q's size

    def move(self, first: int = 0, count: int | None = None) -> list[str]:
        """Filters drawing frames first … first+count-1 of the whole move (of `frames` frames) from
        the one-frame picture Q."""
        count = self.frames - first if count is None else count
        (z0, ax, ay), (z1, bx, by) = self.kb.start, self.kb.end
        (iw, ih), (kx, ky, ox, oy) = self.source, self.geometry
        w, h = self.size
        # `in` counts the filter's input frames from 1.
        p = f"((in-1+{first})/{max(self.frames - 1, 1)})"
        zoom = f"({num(z0)}*pow({num(z1 / z0)},{p}))"
        corners: dict[str, str] = {}
        for axis, (a, b, k, o, base, side, n) in {
            "x": (ax, bx, kx, ox, self.base[0], iw, w),
            "y": (ay, by, ky, oy, self.base[1], ih, h),
        }.items():
            size = f"({num(base * k)}/{zoom})"  # the view in Q's pixels
            edge = f"{num(o + a * side * k)}+{num((b - a) * side * k)}*{p}-{size}/2"
            low, high = (o, o + side * k) if self.cover else (0.0, float(n))  # on the picture, or on Q
            # Not clip(): ffmpeg's clip() is NaN when its bounds cross, as they may by a rounding
            # error for a view exactly as wide as the picture (and perspective then fails).
            edge = f"max({num(low)},min({edge},{num(high)}-{size}))"
            # Output pixel 0's centre, as an index of Q's pixels (whose centres are at i + 1/2 edges).
            first_px = f"{edge}+{size}*{num(0.5 / n)}-0.5"
            corners[axis] = first_px
            corners[axis + "+"] = f"{first_px}+{size}"
        x, y, x1, y1 = corners["x"], corners["y"], corners["x+"], corners["y+"]
        warp = f("perspective", x0=x, y0=y, x1=x1, y1=y, x2=x, y2=y1, x3=x1, y3=y1,
                 interpolation="linear", eval="frame")  # fmt: skip
        return [f("loop", loop=count - 1, size=1, start=0), warp]


def plan_kenburns(
    kb: KenBurns, fit: str, iw: int, ih: int, out_w: int, out_h: int, frames: int, bg: str
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
    # The part of the source inside the region, in whole pixels, scaled to fit the canvas (even sizes:
    # Q's chroma planes are exactly half its size), centred on it at even offsets.
    cx0, cy0 = max(0, int(region.x)), max(0, int(region.y))
    cx1, cy1 = min(iw, int(region.x + region.w + 0.999)), min(ih, int(region.y + region.h + 0.999))
    k = min(out_w / (cx1 - cx0), out_h / (cy1 - cy0))
    sw = min(out_w, max(2, 2 * round((cx1 - cx0) * k / 2)))
    sh = min(out_h, max(2, 2 * round((cy1 - cy0) * k / 2)))
    kx, ky = sw / (cx1 - cx0), sh / (cy1 - cy0)
    px, py = 2 * ((out_w - sw) // 4), 2 * ((out_h - sh) // 4)
    # One swscale pass scales and converts to video colours (yuv420p, BT.601 limited, as video.py).
    prepare = [f("crop", cx1 - cx0, cy1 - cy0, cx0, cy0), f("scale", sw, sh, flags="bicubic")]
    prepare.append("format=yuv420p")
    if (sw, sh) != (out_w, out_h):
        prepare.append(f("pad", out_w, out_h, px, py, color=bg))
    geometry = (kx, ky, px - cx0 * kx, py - cy0 * ky)
    return KenBurnsPlan(prepare, kb, cover, (iw, ih), geometry, (base_w, base_h), frames, (out_w, out_h))
