"""Clauses about titles and captions → calls: add, change the words, restyle, move, time.

"add title 'X' 0-3s", "title 'X' for the first 3 seconds", "change the title to 'Y'", "move the
title to the top", "make the captions yellow", "change caption 2 to 'Z'", "加标题'X'", "标题移到顶部",
"字幕改成黄色", "前2秒加标题'夜班'". Part of `edit_clauses.py`'s reading of a clause.
"""

from __future__ import annotations

import re
from typing import Any

from . import phrases as ph
from . import refs
from .calls import Ask, Call, Parsed
from .times import first_time, time_range

ADD = r"\b(add|put|insert|include|create|place|give|use|with)\b|加上|添加|加个|加一个|加|增加|放上"
MOVE = r"\b(move|put|place|shift|position)\b|移到|挪到|放到|移动到|放在|移至"
_CHANGE = (
    r"\b(change|rename|edit|update|replace|make|turn|set|switch|color|colour)\b"
    r"|改成|改为|换成|改|换|变成|设为|设置"
)


def _has(pattern: str, low: str) -> bool:
    return re.search(pattern, low, re.I) is not None


def _timing(text: str) -> dict[str, float]:
    low = ph.without_quotes(text).lower()
    if m := re.search(r"\b(?:first|opening)\s+(\d+(?:\.\d+)?)|前\s*(\d+(?:\.\d+)?)\s*秒", low):
        return {"start_s": 0.0, "duration_s": float(m.group(1) or m.group(2))}
    if m := re.search(r"\b(?:last|final)\s+(\d+(?:\.\d+)?)|最后\s*(\d+(?:\.\d+)?)\s*秒", low):
        seconds = float(m.group(1) or m.group(2))
        return {"start_s": -seconds, "duration_s": seconds}
    if span := time_range(low):
        return {"start_s": span[0], "duration_s": max(0.5, span[1] - span[0])}
    out: dict[str, float] = {}
    if m := re.search(r"\bfor\s+(?:the\s+)?(\d+(?:\.\d+)?)|(?:持续|显示|出现|停留)\s*(\d+(?:\.\d+)?)", low):
        out["duration_s"] = float(m.group(1) or m.group(2))
    if m := re.search(
        r"\b(?:at|starting at|after|from)\s+(\d+:\d{2}|\d+(?:\.\d+)?)(?!\s*%)|在\s*(\d+(?:\.\d+)?)\s*秒", low
    ):
        out["start_s"] = first_time(m.group(0)) or float((m.group(1) or m.group(2) or "0").split(":")[0])
    elif _has(r"\bat the end\b|结尾", low):
        out["start_s"] = -(out.get("duration_s", 3.0))
    return out


def _style(clause: str, which: str) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if re.search(
        r"\bblack\s+(?:and|&)\s+white\b|\bwhite\s+on\s+black\b|黑底白字", ph.without_quotes(clause), re.I
    ):
        args.update(color="white", box="#000000")  # "make the captions black and white": one look
    elif (colour := ph.colour_word(clause)) is not None:
        args["color"] = colour
    if (pos := ph.position(clause)) is not None:
        args["position"] = pos
    if (size := ph.size_word(clause)) is not None:
        args["size"] = size
    return {"which": which, **args} if args else {}


# Cues that new words follow. Anything else after "title" (a place, a size, a time) is not its words:
# "put the title at the bottom", "make the title text bigger", "title for 5 seconds".
_WORD_CUE = (
    r"(?:\s+(?:text|card))?\s*(?:"
    r"(?:(?:that|which|to|should|must|will|can|could|needs? to)\s+)?(?:says?|saying|reads?|reading)\b"
    r"|\s(?:to|as|text)\b|[:=]"
    r")\s*(.+)"
)
_TITLE_CUE = re.compile(rf"\b(?:title|heading|headline){_WORD_CUE}|\b(?:titled|called|named)\s+(.+)", re.I)
# "add title Urban Dreams 0-3s": words straight after "add title", unless they open with a
# preposition or a style ("add a title at the top" has no words).
_ADD_TITLE = re.compile(
    r"\b(?:add|insert|create)\s+(?:a\s+|an\s+|the\s+|new\s+|another\s+)?(?:title|heading|headline)\s+"
    r"(?!(?:at|to|for|on|in|that|which|with|from|of|and|card|too|also|again|over|near|here|there|"
    r"please|pls|plz|first|last|then)\b)(.+)",
    re.I,
)
_ZH_TITLE = re.compile(
    r"(?:标题\s*(?:改成|改为|换成|写成|写着|写|为|是|叫|:)|(?:加上|添加|加个|加一个|加)标题)\s*([^，,。:：]+?)\s*$"
)
_ZH_NOT_WORDS = re.compile(r"移|放|改|调|颜色|大|小|顶|底|中|色|删|去|显示|出现|持续|秒|\d|长|短|也|再|一下")


def _title_words(clause: str) -> str | None:
    """The words of a title: quoted, or unquoted only after a cue ("say", "to", "as", ":", "改成",
    "加标题"), cut before its timing; never a place, size or time ("at the bottom", "bigger")."""
    if words := ph.quoted(clause):
        return words
    if m := _ZH_TITLE.search(clause):
        candidate = m.group(1).strip()
        return candidate if candidate and not _ZH_NOT_WORDS.search(candidate) else None
    m = _TITLE_CUE.search(clause) or _ADD_TITLE.search(clause)
    if not m:
        return None
    words = _cut_timing(next(g for g in m.groups() if g))
    if not words or len(words) < 2 or _style_only(words):
        return None  # "make the title red", "title bigger": a style, not words
    return words


def _cut_timing(words: str) -> str:
    """ "Hello World for 3 seconds at the top" → "Hello World"."""
    # "and" ends the words only before another part of the video ("… and the music at 20%"):
    # "add title Salt and Pepper" keeps its "and"
    words = re.split(
        r"\s+(?:for|from|at|until|on|in|over|during|starting)\b"
        r"|\s+and\s+(?=(?:the\s+|some\s+|a\s+)?(?:music|bgm|captions?|subtitles?|title|voice|transitions?)\b)",
        words,
        maxsplit=1,
        flags=re.I,
    )[0]
    words = re.sub(r"\s*\(?\d[\d:.]*\s*(?:-|to|–)?\s*[\d:.]*\s*(?:s|secs?|seconds?)?\)?$", "", words)
    return words.strip(" .!?,\"'")


_FILLER = {
    "and", "the", "a", "an", "bit", "little", "lot", "more", "much", "text", "font", "colour", "color",
    "size", "please", "pls", "plz", "of", "screen", "frame", "video", "side", "part", "too", "very",
    "way", "letters", "words",
}  # fmt: skip


def _style_only(words: str) -> bool:
    """Words that only describe a style: "big and red", "bigger", "at the top", "yellow"."""
    for word in re.findall(r"[a-z#0-9]+", words.lower()):
        if word in _FILLER or word in ("at", "to", "on", "in"):
            continue
        if not (ph.colour_word(word) or ph.position(word) or ph.size_word(word)):
            return False
    return True


_AGAIN = r"\b(too|also|again|as well|another|second|extra)\b|也|再"


def read_title(clause: str, low: str) -> Parsed:
    if not ph.TITLE_WORD.search(low):
        return None
    words = _title_words(clause)
    adding = _has(r"\b(add|insert|create)\b|加|添加", low)
    changing = _has(_CHANGE + r"|\bto\b|\bsays?\b|\breads?\b", low) and not adding
    if words and changing:
        return [Call("edit_text", {"which": "title", "text": words})]
    if words:
        args: dict[str, Any] = {"text": words, **_timing(clause)}
        if pos := ph.position(ph.without_quotes(clause)):
            args["position"] = pos
        return [Call("add_title", args)]
    return _title_without_words(clause, low, adding)


def _title_without_words(clause: str, low: str, adding: bool) -> Parsed:
    """Restyle, retime or repeat the title that is there: "put the title at the bottom", "title for
    5 seconds", "make the title longer", "show the title at the end too"."""
    style = _style(clause, "title")
    timing = _timing(clause)
    if not timing and (at := first_time(ph.without_quotes(low))) is not None:
        timing = {"start_s": at} if _has(MOVE, low) else {"duration_s": at}  # "move the title to 5s"
    if _has(_AGAIN, low) and (timing or style.get("position")):
        # a second title with the same words; the tool copies them from the one there
        extra = {"position": style["position"]} if style.get("position") else {}
        return [Call("add_title", {"text": "", "start_s": 0.0, "duration_s": 3.0, **timing, **extra})]
    if not timing and _has(r"\b(longer|shorter)\b|长一点|短一点|久一点", low):
        longer = _has(r"\blonger\b|长一点|久一点", low)
        timing = {"duration_change_s": 2.0 if longer else -1.0}
    if timing or style:
        return [Call("edit_text", {"which": "title", **style, **timing})]
    if adding:
        return Ask(
            "What should the title say? E.g. \"add title 'Urban Dreams' 0-3s\".",
            "标题写什么？例如：“加标题'城市之梦' 0-3秒”。",
        )
    return None


_CAPTION_CUE = re.compile(rf"\b(?:captions?|subtitles?|line)(?:\s*#?\s*\d+)?{_WORD_CUE}", re.I)
# "add some text at the end saying Visit us today": the words come after "saying", past the timing.
_TEXT_SAYING = re.compile(
    r"\b(?:text|words?|line)\b(?:(?!\b(?:text|words?|line)\b).)*?"
    r"\b(?:saying|that says|which says|reading)\s*:?\s*(.+)",
    re.I,
)
_FONT = r"\b(text|font|words|letters|lettering|writing)\b|文字|字体"


def _caption_words(clause: str) -> str | None:
    """Quoted words, or unquoted ones after a cue: "change caption 1 to Hello"."""
    if words := ph.quoted(clause):
        return words
    m = _CAPTION_CUE.search(clause) or _TEXT_SAYING.search(clause)
    words = _cut_timing(m.group(1)) if m else ""
    return None if not words or _style_only(words) else words


def read_caption(clause: str, low: str) -> Parsed:
    quoted = ph.quoted(clause)
    font_style = _has(_FONT, low) and bool(_style(clause, "captions"))  # "make the font bigger"
    text_words = _has(r"\btext\b", low) and bool(quoted or _TEXT_SAYING.search(clause))
    if not ph.CAPTION_WORD.search(low) and not text_words and not font_style:
        return None
    words = _caption_words(clause)
    number = refs.caption_ref(low)
    if words and number is not None:
        return [Call("edit_text", {"which": f"caption {number}", "text": words})]
    if words and _has(ADD + r"|\b(show|write)\b", low):
        return [Call("add_caption", {"text": words, **_timing(clause)})]
    everything = _has(r"\ball (?:the )?(?:text|words)\b|\ball text\b|所有文字|全部文字", low)  # title too
    style = _style(clause, f"caption {number}" if number else "text" if everything else "captions")
    if style:
        return [Call("edit_text", style)]
    if not words and _has(ADD, low):
        return Ask(
            "What should the caption say? E.g. \"add a caption 'Hello' at 5s for 3 seconds\".",
            "字幕写什么？例如：“在5秒加字幕'你好'”。",
        )
    return None
