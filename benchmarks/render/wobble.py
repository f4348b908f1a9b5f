"""How far Ken Burns frames stray from their smooth path, in output pixels (the core of
`kenburns_wobble.py`, imported by `tests/render/test_render_kenburns_wobble.py`).

The picture is a sum of sinusoids (`Texture`), so what any output pixel *should* show is known
exactly: the draft's move gives, for frame i, the view (zoom geometric from -> to, centre linear,
view kept on the picture in `cover`), hence the source point under every output pixel. At several
fixed places of the frame (`patch_centres`) a patch of the rendered luma is compared with the same
patch computed from the texture, and the shift between the two is found to a hundredth of a pixel by
Gauss-Newton (Lucas-Kanade) on shift, gain and offset, with a Gaussian window that stays put on the
screen (so that no pixel enters or leaves the fit abruptly). That shift is the frame's error at that
place: 0 for a perfect render, a sawtooth of ±0.5 px for one that moves in whole pixels.

`wobble` is the RMS of the errors (x and y, all patches, all frames) after taking away, for each
patch and axis, a quadratic in time: what is left is the jitter around a smooth path (a constant
sub-pixel offset of the whole picture is not wobble). `offset` is the RMS of the raw errors.
`pulsing` is how much the patches' contrast (the fitted gain) flickers around its smooth course:
resampling that blurs more at some sub-pixel phases than at others makes fine detail shimmer.
For whole-pixel steps the expected wobble is 1/sqrt(12) = 0.289 px (a uniform rounding error).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Move = tuple[tuple[float, float, float], tuple[float, float, float]]  # (zoom, cx, cy) from -> to


@dataclass(frozen=True)
class Texture:
    """A grey picture made of sinusoids: exact values (and gradients) at any real position.

    Positions are in source pixel *indices* (pixel i's centre is at i). Mean 128, standard deviation 36.
    """

    fx: np.ndarray  # cycles per pixel, per component
    fy: np.ndarray
    phase: np.ndarray
    amp: np.ndarray

    @classmethod
    def make(cls, seed: int = 7, count: int = 40, shortest: float = 7.0, longest: float = 60.0) -> Texture:
        rng = np.random.default_rng(seed)
        wavelength = np.exp(rng.uniform(np.log(shortest), np.log(longest), count))
        angle = rng.uniform(0, np.pi, count)
        amp = rng.uniform(0.5, 1.0, count) * wavelength**0.5
        amp *= 36 / np.sqrt((amp**2).sum() / 2)  # a standard deviation of 36 around 128: rarely clipped
        return cls(
            np.cos(angle) / wavelength, np.sin(angle) / wavelength, rng.uniform(0, 2 * np.pi, count), amp
        )

    def sample(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Values and gradients (d/dx, d/dy) on the grid of columns `xs` × rows `ys` (len(ys)×len(xs)).

        sin(a + b) = sin a cos b + cos a sin b: separable, so the grid costs two matrix products.
        """
        ax = 2 * np.pi * np.outer(self.fx, xs) + self.phase[:, None]  # components × columns
        by = 2 * np.pi * np.outer(self.fy, ys)  # components × rows
        sa, ca, sb, cb = np.sin(ax), np.cos(ax), np.sin(by), np.cos(by)
        amp = self.amp[:, None]
        value = 128 + (cb * amp).T @ sa + (sb * amp).T @ ca
        wx, wy = (2 * np.pi * self.amp * self.fx)[:, None], (2 * np.pi * self.amp * self.fy)[:, None]
        gx = (cb * wx).T @ ca - (sb * wx).T @ sa
        gy = (cb * wy).T @ ca - (sb * wy).T @ sa
        return value, gx, gy

    def image(self, w: int, h: int) -> np.ndarray:
        """The picture as 8-bit grey, w×h."""
        value, _, _ = self.sample(np.arange(w, dtype=np.float64), np.arange(h, dtype=np.float64))
        return np.clip(np.rint(value), 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class View:
    """Frame i shows the source rectangle x, y, w, h (source pixel edges) on the whole output."""

    x: float
    y: float
    w: float
    h: float


def path(move: Move, iw: int, ih: int, out_w: int, out_h: int, frames: int) -> list[View]:
    """The views of a `cover` Ken Burns move, as the draft defines it (docs/draft.md): zoom moves
    geometrically, the centre linearly, from the first frame to the last; the view stays on the picture.
    """
    (z0, ax, ay), (z1, bx, by) = move
    s0 = max(out_w / iw, out_h / ih)
    base_w, base_h = out_w / s0, out_h / s0
    views = []
    for i in range(frames):
        p = i / max(frames - 1, 1)
        z = z0 * (z1 / z0) ** p
        w, h = base_w / z, base_h / z
        x = min(max((ax + (bx - ax) * p) * iw - w / 2, 0.0), iw - w)
        y = min(max((ay + (by - ay) * p) * ih - h / 2, 0.0), ih - h)
        views.append(View(x, y, w, h))
    return views


def patch_centres(out_w: int, out_h: int, across: int = 4, down: int = 3) -> list[tuple[float, float]]:
    """Places spread over the frame, away from its edges."""
    return [
        ((i + 0.5) / across * out_w, (j + 0.5) / down * out_h) for j in range(down) for i in range(across)
    ]


def _source_of(view: View, out_w: int, out_h: int, xo: np.ndarray, yo: np.ndarray) -> tuple[np.ndarray, ...]:
    """Source pixel-index coordinates under output pixel indices xo (columns) and yo (rows)."""
    return view.x + (xo + 0.5) * view.w / out_w - 0.5, view.y + (yo + 0.5) * view.h / out_h - 0.5


def ideal_frame(texture: Texture, view: View, out_w: int, out_h: int) -> np.ndarray:
    """What the output should show (grey, float, full range) for `view`: for synthetic checks."""
    xs, ys = _source_of(
        view, out_w, out_h, np.arange(out_w, dtype=np.float64), np.arange(out_h, dtype=np.float64)
    )
    return texture.sample(xs, ys)[0]


def frame_errors(
    luma: np.ndarray, texture: Texture, view: View, centres: Iterable[tuple[float, float]], radius: int
) -> np.ndarray:
    """Shift (dx, dy) in output pixels of the rendered `luma` against the ideal, and the contrast
    (gain) it is drawn with, at each centre: patches × 3.

    Positive dx: the picture is drawn to the right of where it should be. The gain is about 219/255
    (limited-range video) times what resampling keeps of the texture's detail.
    """
    out_h, out_w = luma.shape
    sx, sy = view.w / out_w, view.h / out_h  # source pixels per output pixel
    sigma = radius / 2
    found = []
    for cx, cy in centres:
        x0, y0 = int(round(cx)) - radius, int(round(cy)) - radius
        xo = np.arange(x0, x0 + 2 * radius + 1, dtype=np.float64)
        yo = np.arange(y0, y0 + 2 * radius + 1, dtype=np.float64)
        seen = luma[y0 : y0 + 2 * radius + 1, x0 : x0 + 2 * radius + 1].astype(np.float64).ravel()
        weight = np.exp(-((xo[None, :] - cx) ** 2 + (yo[:, None] - cy) ** 2) / (2 * sigma**2)).ravel()
        sw = np.sqrt(weight)
        d = np.zeros(2)
        gain, offset = 1.0, 0.0
        for _ in range(8):
            # The rendered picture shifted by d: pixel xo shows what belongs at xo - d.
            xs, ys = _source_of(view, out_w, out_h, xo - d[0], yo - d[1])
            t, gx, gy = (a.ravel() for a in texture.sample(xs, ys))
            # seen ≈ gain * T(xo - d) + offset; d/d(dx) = -gain * dT/dx_out
            jac = np.stack([-gain * gx * sx, -gain * gy * sy, t, np.ones_like(t)], 1)
            resid = seen - (gain * t + offset)
            step, *_ = np.linalg.lstsq(jac * sw[:, None], resid * sw, rcond=None)
            d += step[:2]
            gain += step[2]
            offset += step[3]
            if np.abs(step[:2]).max() < 1e-4:
                break
        found.append([d[0], d[1], gain])
    return np.array(found)


def track(
    frames: Iterable[np.ndarray],
    texture: Texture,
    views: list[View],
    centres: list[tuple[float, float]] | None = None,
    radius: int | None = None,
) -> np.ndarray:
    """Every frame's errors: frames × patches × 3 (dx, dy in output pixels, gain)."""
    rows = []
    for luma, view in zip(frames, views, strict=True):
        h, w = luma.shape
        where = centres if centres is not None else patch_centres(w, h)
        rows.append(frame_errors(luma, texture, view, where, radius or max(16, round(h / 40))))
    return np.array(rows)


@dataclass(frozen=True)
class Wobble:
    wobble: float  # RMS px around a smooth (quadratic in time) path, per patch and axis
    offset: float  # RMS px of the raw errors against the exact path
    worst: float  # largest |error| after the smooth fit
    pulsing: float  # RMS of the patches' contrast around its smooth course, relative (0.01 = 1 %)
    frames: int
    patches: int

    def __str__(self) -> str:
        return (
            f"wobble {self.wobble:.3f} px RMS (worst {self.worst:.2f} px), "
            f"against the exact path {self.offset:.3f} px RMS, contrast pulsing {self.pulsing * 100:.2f} % "
            f"({self.frames} frames, {self.patches} patches)"
        )


def smooth_residual(errors: np.ndarray, degree: int = 2) -> np.ndarray:
    """`errors` (frames × …) minus, for each other index, its least-squares polynomial in time."""
    n = errors.shape[0]
    t = np.linspace(-1, 1, n)
    basis = np.stack([t**k for k in range(degree + 1)], 1)
    flat = errors.reshape(n, -1)
    coef, *_ = np.linalg.lstsq(basis, flat, rcond=None)
    return (flat - basis @ coef).reshape(errors.shape)


def summarise(found: np.ndarray) -> Wobble:
    """`found` from `track` (frames × patches × 3; or × 2, shifts only)."""
    errors = found[..., :2]
    resid = smooth_residual(errors)
    pulsing = 0.0
    if found.shape[-1] > 2:
        gain = found[..., 2]
        pulsing = float(np.sqrt(np.mean((smooth_residual(gain) / gain.mean(axis=0)) ** 2)))
    return Wobble(
        float(np.sqrt(np.mean(resid**2))),
        float(np.sqrt(np.mean(errors**2))),
        float(np.abs(resid).max()),
        pulsing,
        errors.shape[0],
        errors.shape[1],
    )


def decoded_luma(path: Path) -> Iterator[np.ndarray]:
    """The Y plane of every frame of a video file, as decoded by PyAV (no colour conversion)."""
    import av

    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            plane = frame.planes[0]
            rows = np.frombuffer(bytes(plane), np.uint8).reshape(frame.height, plane.line_size)
            yield rows[:, : frame.width].copy()


def draft(move: Move, out_w: int, out_h: int, frames: int, fps: int = 30) -> dict[str, object]:
    """A one-clip draft: the texture picture (`media:texture`) with the Ken Burns `move`."""
    kb = {"from": list(move[0]), "to": list(move[1])}
    seg = {"id": "s1", "st": 0, "d": round(frames * 1000 / fps), "src": "media:texture", "fit": "cover"}
    seg["fx"] = {"kenburns": kb}
    track_ = {"id": "v1", "tt": 0, "m": {"name": "Main"}, "sg": [seg]}
    return {"v": 1, "canvas": {"w": out_w, "h": out_h, "fps": fps, "bg": "#000000"}, "t": [track_]}
