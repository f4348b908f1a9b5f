"""Frames of a designed scene: the drifting background with every sprite in its state at that time.

The background is drawn once, a little larger than the frame, and a window slides across it (with a
slow push-in feel); sprites are pasted with their alpha scaled by their state. Only sprites that are
fading or scaling cost more than a paste, and only during their entrance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from .motion import Sprite, in_out_sine

ALPHA_STEPS = 48  # fades are quantised to this many levels, each level's mask made once per sprite


@dataclass
class Scene:
    size: tuple[int, int]  # the frame
    background: Image.Image  # RGB, at least `size` + 2 * `drift` on each axis
    drift: tuple[int, int]  # how far the window moves over the scene, px
    duration_ms: float
    sprites: list[Sprite] = field(default_factory=list)
    delay_ms: float = 0.0  # entrances wait this long (while a transition brings the scene in)
    _masks: dict[tuple[int, int], Image.Image] = field(default_factory=dict)

    def frame(self, t: float) -> Image.Image:
        """The frame at `t` ms, RGB."""
        w, h = self.size
        p = in_out_sine(t / self.duration_ms) if self.duration_ms else 0.0
        left = round(self.drift[0] * (0.2 + 1.6 * p))
        top = round(self.drift[1] * (1.8 - 1.6 * p))
        img = self.background.crop((left, top, left + w, top + h))
        at = t - self.delay_ms
        for k, sprite in enumerate(self.sprites):
            state = sprite.state(at)
            if state.alpha <= 0.004:
                continue
            picture = sprite.redraw(at) if sprite.redraw else sprite.image
            x, y = sprite.x + state.dx, sprite.y + state.dy
            if abs(state.scale - 1) > 0.004:
                sw = max(1, round(picture.width * state.scale))
                sh = max(1, round(picture.height * state.scale))
                x += (picture.width - sw) / 2
                y += (picture.height - sh) / 2
                picture = picture.resize((sw, sh), Image.Resampling.BILINEAR)
                mask = _scaled_alpha(picture, state.alpha)
            elif sprite.redraw is not None:
                mask = _scaled_alpha(picture, state.alpha)
            else:
                mask = self._mask(k, picture, state.alpha)
            img.paste(picture, (round(x), round(y)), mask)
        return img

    def _mask(self, k: int, picture: Image.Image, alpha: float) -> Image.Image:
        level = round(alpha * ALPHA_STEPS)
        key = (k, level)
        mask = self._masks.get(key)
        if mask is None:
            mask = _scaled_alpha(picture, level / ALPHA_STEPS)
            self._masks[key] = mask
        return mask


def _scaled_alpha(picture: Image.Image, alpha: float) -> Image.Image:
    channel = picture.getchannel("A")
    if alpha >= 0.999:
        return channel
    return channel.point(lambda a: round(a * alpha))
