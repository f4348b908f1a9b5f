"""Two renders compared frame by frame without holding thousands of frames (the checks of
tests/render/test_render_chunks.py, streamed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np


def psnr(x: np.ndarray, y: np.ndarray) -> float:
    mse = float(np.mean((x.astype(np.float64) - y.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else 10 * float(np.log10(255**2 / mse))


@dataclass
class Comparison:
    frames: tuple[int, int] = (0, 0)
    same_pts: bool = True
    durations: tuple[float, float] = (0.0, 0.0)
    worst: float = 99.0  # the lowest PSNR of a frame against its twin
    kept: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # frame → (a, b)


def compare(a: Path, b: Path, keep: set[int]) -> Comparison:
    """Decode `a` and `b` side by side (grey); keep the frames numbered in `keep`."""
    result = Comparison()
    with av.open(str(a)) as ca, av.open(str(b)) as cb:
        sa, sb = ca.streams.video[0], cb.streams.video[0]
        sa.thread_type = sb.thread_type = "AUTO"
        ga, gb = ca.decode(sa), cb.decode(sb)
        i = 0
        for fa in ga:
            fb = next(gb, None)
            if fb is None:  # `b` ended first: count what is left of `a`
                counts = (i + 1 + sum(1 for _ in ga), i)
                break
            result.same_pts &= fa.pts == fb.pts
            x, y = fa.to_ndarray(format="gray"), fb.to_ndarray(format="gray")
            result.worst = min(result.worst, psnr(x, y))
            if i in keep:
                result.kept[i] = (x, y)
            i += 1
        else:
            counts = (i, i + sum(1 for _ in gb))
        result.frames = counts
        result.durations = tuple(  # type: ignore[assignment]
            float(s.duration * s.time_base) if s.duration else 0.0 for s in (sa, sb)
        )
    return result
