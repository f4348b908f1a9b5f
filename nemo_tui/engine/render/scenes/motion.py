"""How layers move: easings, and a sprite's entrance and idle float over the scene's time.

A `Sprite` is one image drawn once, placed at its resting position; `Sprite.state(t)` says where it
is, how opaque and how large at `t` ms into the scene. Entrances: words rise and fade in, cards
slide in from the side, illustrations pop (overshooting on playful looks); once in, an illustration
floats gently so that no scene is a still frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image


def out_cubic(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return 1 - (1 - t) ** 3


def out_back(t: float) -> float:
    """Overshoots by about 10 % before settling: a pop."""
    t = min(1.0, max(0.0, t))
    c = 1.70158
    return 1 + (c + 1) * (t - 1) ** 3 + c * (t - 1) ** 2


def in_out_sine(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return -(math.cos(math.pi * t) - 1) / 2


@dataclass(frozen=True)
class State:
    alpha: float  # 0..1
    dx: float  # px from the resting position
    dy: float
    scale: float  # around the sprite's centre


HIDDEN = State(0.0, 0.0, 0.0, 1.0)


@dataclass
class Sprite:
    image: Image.Image  # RGBA
    x: int  # resting top left
    y: int
    enter_ms: float = 0.0
    enter_dur: float = 500.0
    kind: str = "rise"  # "rise" | "slide-left" | "slide-right" | "pop" | "fade" | "none"
    distance: float = 40.0  # px travelled by a rise or slide
    float_px: float = 0.0  # idle float amplitude once entered
    float_period_ms: float = 4000.0
    float_phase: float = 0.0
    bounce: bool = False
    # A sprite that changes over time (a counting number, a filling ring): called with t in ms.
    redraw: Callable[[float], Image.Image] | None = None

    def state(self, t: float) -> State:
        if self.kind == "none":
            p = 1.0
        else:
            p = (t - self.enter_ms) / self.enter_dur
            if p <= 0:
                return HIDDEN
        eased = out_back(p) if self.bounce and self.kind == "pop" else out_cubic(p)
        alpha = out_cubic(p * 1.6) if self.kind != "none" else 1.0
        dx = dy = 0.0
        scale = 1.0
        if self.kind == "rise":
            dy = (1 - eased) * self.distance
        elif self.kind == "slide-left":
            dx = (1 - eased) * self.distance
        elif self.kind == "slide-right":
            dx = -(1 - eased) * self.distance
        elif self.kind == "pop":
            scale = 0.6 + 0.4 * eased
        if self.float_px:
            phase = 2 * math.pi * (t / self.float_period_ms) + self.float_phase
            dy += math.sin(phase) * self.float_px
            dx += math.cos(phase * 0.5) * self.float_px * 0.35
        return State(min(1.0, alpha), dx, dy, scale)
