"""Two readings that come before the others: an alternative the person rejects ("crossfades instead
of hard cuts") is dropped before reading, and "a square version" changes the shape of this video
rather than generating a new one. (How much of the video a request is about is `reading.py`'s.)
"""

from __future__ import annotations

import re

from .calls import Call, Parsed

_REJECTED = re.compile(
    r"\s*,?\s*\b(?:instead of|rather than)\b\s+(?:the\s+)?[\w\s-]{1,40}?(?=[,.;!?]|$)", re.I
)
_SHAPES = {
    "square": "1:1", "1:1": "1:1", "方形": "1:1", "4:5": "4:5",
    "vertical": "9:16", "portrait": "9:16", "9:16": "9:16", "竖屏": "9:16",
    "horizontal": "16:9", "landscape": "16:9", "16:9": "16:9", "横屏": "16:9",
}  # fmt: skip
_VERSION = re.compile(
    r"\b(?:make|create|do|give me|want)\s+(?:a|an)\s+"
    r"(square|vertical|horizontal|portrait|landscape|9:16|16:9|1:1|4:5)\s+version\b|(竖屏|横屏|方形)版本",
    re.I,
)


def without_rejected(clause: str) -> str:
    """The clause without the alternative it rejects: "use crossfades instead of hard cuts" → "use
    crossfades"."""
    return _REJECTED.sub("", clause).strip() or clause


def version_shape(text: str) -> str | None:
    """ "make a square version", "竖屏版本": the shape asked for this video (its edits kept), not a new
    video generated from the script again."""
    m = _VERSION.search(text)
    return _SHAPES[(m.group(1) or m.group(2)).lower()] if m else None


def read_scope(clause: str, low: str) -> Parsed:
    """ "make a square version": the shape of this video, its edits kept."""
    if shape := version_shape(clause):
        return [Call("set_aspect_ratio", {"ratio": shape})]
    return None
