"""Choosing a named font: words people use for a look → a font the renderer ships, and setting it on
titles, captions and designed scenes (`style.font`, `scene.font`; docs/draft.md)."""

from __future__ import annotations

import re

from nemo_tui.draft.reads import is_card, meta_of, segments_of, style_of, tracks_of
from nemo_tui.draft.scenes import FONTS

from . import draft_ops as ops

DEFAULT = "default"  # no `font` key: the renderer's own faces
DESCRIPTIONS = {
    "inter": "modern sans-serif",
    "source-serif": "elegant serif",
    "fredoka": "playful rounded",
    DEFAULT: "the standard font",
}
# Words for a font, English and Chinese, in two tiers: names and kinds of letter first ("a simple
# serif font" is a serif), then looks; within a tier in order, so "sans-serif" and "无衬线" are found
# before the "serif" and "衬线" inside them.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("inter", ("inter", "sans", "sans-serif", "无衬线", "黑体")),
    ("source-serif", ("source-serif", "source serif", "serif", "衬线", "宋体")),
    ("fredoka", ("fredoka", "rounded", "round", "圆体", "圆")),
    (DEFAULT, ("default", "standard", "默认")),
)
LOOKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "source-serif",
        (
            "elegant",
            "classic",
            "classy",
            "classier",
            "luxury",
            "luxurious",
            "fancy",
            "formal",
            "refined",
            "premium",
            "upscale",
            "too chunky",
            "优雅",
            "典雅",
            "高级",
        ),
    ),
    ("fredoka", ("playful", "fun", "friendly", "cute", "bubbly", "活泼", "可爱", "俏皮")),
    ("inter", ("modern", "clean", "simple", "minimal", "sleek", "现代", "简洁", "简约")),
    (DEFAULT, ("normal", "original", "原来", "原本")),
)


def font_for(word: str) -> str | None:
    """The font a name or description means, DEFAULT, or None when it names none."""
    low = word.strip().lower()
    if low in (*FONTS, DEFAULT):
        return low
    for tier in (KINDS, LOOKS):
        for name, words in tier:
            if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low) for w in words):
                return name
    return None


def set_font(draft: ops.Draft, font: str, which: str) -> int:
    """Put `font` on the chosen words; how many segments now carry it."""
    count = 0
    roles = {"title": ("title",), "captions": ("captions",)}.get(which, ("title", "captions", None))
    for track in tracks_of(draft, tt=ops.TEXT):
        role = meta_of(track).get("role")
        if role in roles or (None in roles and role not in ("title", "captions")):
            for seg in segments_of(track):
                _put(seg.setdefault("style", style_of(seg)), font)
                count += 1
    for track in tracks_of(draft, tt=ops.VIDEO):
        for seg in segments_of(track):
            scene = seg.get("scene")
            if isinstance(scene, dict) and (which == "all" or (which == "title") == is_card(seg)):
                _put(scene, font)
                count += 1
    return count


def _put(obj: dict[str, object], font: str) -> None:
    if font == DEFAULT:
        obj.pop("font", None)
    else:
        obj["font"] = font
