"""Requests that refer to the last edit (`repeat_edit`): "do the same to the title", "the captions
too", "标题也一样"; "a bit more", "even bigger", "too big, a little smaller", "太大了，再小一点点";
"again". Only clauses that name no other edit: "make the title bigger" is read by its own reader.
"""

from __future__ import annotations

import re

from . import phrases as ph
from .calls import Call, Parsed

_TARGET_WORDS = (
    (ph.TITLE_WORD, "title"),
    (ph.CAPTION_WORD, "captions"),
    (ph.MUSIC_WORD, "music"),
    (ph.VOICE_WORD, "voice"),
)
# "do the same to the title", "same for the captions", "same thing with clip 3", "the title too"
_SAME_EN = re.compile(
    r"\b(?:do|apply|make)\s+(?:the\s+)?same(?:\s+thing)?\s+(?:to|for|with|on)\b"
    r"|^\W*(?:and\s+|now\s+|ok\s+)?(?:the\s+)?same\s+(?:thing\s+)?(?:to|for|with|on)\b"
    r"|^\W*(?:and\s+|now\s+)?(?:the\s+)?(?:title|captions?|subtitles?|music|voice(?:-?over)?)"
    r"\s+(?:too|as well)\W*$"
)
_SAME_ZH = re.compile(
    r"(?:标题|字幕|音乐|配音|旁白)也(?:一样|这样|照做|同样|改一下|是)|同样(?:改|处理)|也这样改|也照这样"
)
_CLIP = re.compile(r"\bclip\s*#?(\d+)\b|第\s*(\d+)\s*(?:个)?(?:片段|段)")
# A direction with no subject: "a bit more", "even bigger", "too big", "再小一点点", "太大了". (Not
# "faster", "too long", "太长了": those are about the whole video's pace and length.)
_UP_EN = r"bigger|larger|louder|more|higher"
_DOWN_EN = r"smaller|quieter|softer|less|lower"
_ALONE_EN = re.compile(
    r"^\W*(?:(?:a\s+(?:bit|little|tad|touch)|slightly|even|much|way|still|just)\s+)?"
    rf"(?:(?P<up>{_UP_EN})|(?P<down>{_DOWN_EN}))"
    r"(?:\s+(?:still|again|please|pls))?\W*$"
    r"|^\W*(?:it'?s\s+|that'?s\s+|now\s+(?:it'?s\s+)?)?(?:a\s+bit\s+|way\s+|much\s+)?too\s+"
    r"(?:(?P<too_up>big|large|loud|much)"
    r"|(?P<too_down>small|quiet|soft))(?:\s+now)?\W*$"
)
_ALONE_ZH = re.compile(
    r"^\W*(?:(?:太|有点|有些)(?P<too>大|小|响|吵|轻)了?\W*)?"
    r"(?:再|还要|稍微|再稍微)?(?P<way>大|小|响|大声|小声|轻)(?:一)?(?:点|些)(?:点)?(?:吧|啊|呀)?\W*$"
    r"|^\W*(?:太|有点)(?P<only>大|小|响|吵|轻)了\W*$"
)
_AGAIN = re.compile(
    r"^\W*(?:do\s+(?:it|that)\s+)?(?:again|once more|one more time)\W*$|^\W*再来一次\W*$|^\W*再来\W*$"
)
_ZH_UP = {"大", "响", "大声"}
_ZH_TOO_UP = {"小", "轻"}  # "太小了" asks for bigger


def read_repeat(clause: str, low: str) -> Parsed:
    text = ph.without_quotes(low).strip()
    if _SAME_EN.search(text) or _SAME_ZH.search(clause):
        clip = _CLIP.search(text)
        if clip:
            return [Call("repeat_edit", {"which": clip.group(1) or clip.group(2)})]
        targets = [name for word, name in _TARGET_WORDS if word.search(text)]
        if len(targets) == 1:
            return [Call("repeat_edit", {"which": targets[0]})]
        return None
    if _AGAIN.search(text):
        return [Call("repeat_edit", {})]
    if any(word.search(text) for word, _ in _TARGET_WORDS) or _CLIP.search(text):
        return None  # a subject is named: its own reader reads it
    if m := _ALONE_EN.search(text):
        up = bool(m.group("up") or m.group("too_down"))
        word = next(w for w in m.groups() if w)
    elif m := _ALONE_ZH.search(clause.strip()):
        word = m.group("way") or m.group("only") or ""
        up = word in _ZH_UP if m.group("way") else word in _ZH_TOO_UP
    else:
        return None
    # "a bit more" after "lower the music" goes on lowering it: more (or less) of the same change
    args = {"direction": {"more": "more", "less": "less"}.get(word, "up" if up else "down")}
    if about := _about(word):
        args["about"] = about  # "too loud" is about a volume, "bigger" about a size
    return [Call("repeat_edit", args)]


def _about(word: str) -> str:
    if re.fullmatch(r"loud|louder|quiet|quieter|soft|softer|响|吵|轻|大声|小声", word):
        return "volume"
    if re.fullmatch(r"big|bigger|large|larger|small|smaller|大|小", word):
        return "size"
    return ""
