"""Requests about part of the video that the other readers would apply to all of it (issue 20).

Read before them: a request naming one shot ("make the croissant shot stay on screen longer, like
5 seconds"), a stretch ("speed up the middle section") or a range of time for the music ("mute the
music during the last 3 seconds") gets a short question instead of an edit of the whole video; an
alternative the person rejects ("crossfades instead of hard cuts") is dropped before reading; "a
square version" changes the shape of this video rather than generating a new one.
"""

from __future__ import annotations

import re

from .calls import Ask, Call, Parsed

_REJECTED = re.compile(
    r"\s*,?\s*\b(?:instead of|rather than)\b\s+(?:the\s+)?[\w\s-]{1,40}?(?=[,.;!?]|$)", re.I
)
_ONE_SHOT = re.compile(
    r"\b(?:the\s+)?[\w-]{2,30}\s+(?:shot|photo|picture|image|clip|scene|slide)\b.{0,40}\b(?:longer|shorter|"
    r"stay on screen|on screen for|last|lasts)\b",
    re.I,
)
_PART = re.compile(r"\b(?:middle|section|part|bit in the middle|second half|first half)\b", re.I)
_NUMBERED = re.compile(
    r"\b(?:clip|scene|shot|photo|slide)\s*\d+|\b(?:first|second|third|fourth|fifth|last)\s+(?:clip|scene|shot)",
    re.I,
)
_MUSIC_RANGE = re.compile(
    r"\b(?:mute|silence|turn off|lower|quieter|louder)\b.{0,30}\bmusic\b.{0,30}\b(?:during|for|in|over)\s+"
    r"(?:the\s+)?(?:last|first|final|middle)\b",
    re.I,
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
    if shape := version_shape(clause):
        return [Call("set_aspect_ratio", {"ratio": shape})]
    if _MUSIC_RANGE.search(low):
        return Ask(
            "I can't change the music for part of the video yet. Should I fade it out at the end ('fade the "
            "music out'), or change it for the whole video ('mute the music')?",
            "我还不能只改一段时间的音乐。要在结尾淡出（“音乐淡出”），还是整段修改（“静音音乐”）？",
        )
    if _ONE_SHOT.search(low) and not _NUMBERED.search(low):
        return Ask(
            "Which clip do you mean? Say its number, e.g. 'make clip 2 longer' (\"what's in my timeline?\" "
            "lists them). The video's own length stays as it is.",
            "是哪一个片段？请说编号，例如“第2个片段长一点”（“看看时间线”会列出它们）。视频总长不变。",
        )
    if (
        re.search(r"\b(?:speed up|slow down|faster|slower)\b|加速|减速|放慢|快一点|慢一点", low)
        and (_PART.search(low) or re.search(r"中间|那段|一部分|后半|前半", low))
        and not _NUMBERED.search(low)
        and not re.search(r"第\s*\d+|片段\s*\d+", low)
    ):
        return Ask(
            "Which clips are the part you mean? Say e.g. 'speed up clips 2 and 3'; the rest stays as it is.",
            "是哪几个片段？例如“片段2和3加速”；其余不变。",
        )
    return None
