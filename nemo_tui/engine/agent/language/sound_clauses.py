"""Clauses about the music over part of the video, another music mood, the narrator's voice and the
font (issue 20), English and Chinese: `read_x(clause, low) -> Parsed` like the readers of
`edit_clauses.py`, for it to try in its order (each says which readers it must come before).
The clause is already normalised (`times.normalize`: "最后三秒" is "最后3秒").
"""

from __future__ import annotations

import re
from typing import Any

from ..edits.fonts import font_for
from . import phrases as ph
from .calls import Ask, Call, Parsed
from .times import Time, percent, time_range, times

# --- the music over a range of time ------------------------------------------------------------

_RANGE_ACTIONS = (  # first match wins: "fade out" before "out", "unmute" is no mute
    ("fade_out", r"\bfade[sd]?\s+(?:\w+\s+){0,3}?out\b|\bfade[- ]?out\b|淡出|渐出|渐弱"),
    ("fade_in", r"\bfade[sd]?\s+(?:\w+\s+){0,3}?in\b|\bfade[- ]?in\b|淡入|渐入|渐强"),
    ("mute", r"\b(?:mute|silence|silent|turn off|cut out|no music)\b|静音|关掉|关闭|不要音乐|没有音乐"),
    (
        "lower",
        r"\b(?:lower|quieter|softer|down|reduce|decrease|duck|turn down)\b|小一点|小点|调低|降低|轻一点|小声",
    ),
    ("raise", r"\b(?:raise|louder|up|increase|boost|turn up)\b|大一点|大点|调高|提高|响一点|大声"),
)
_UNIT = r"(?:s|sec|secs|seconds?|秒钟?)"
_LAST = re.compile(rf"\b(?:the\s+)?(?:last|final)\s+(\d+(?:\.\d+)?)\s*{_UNIT}|最后\s*(\d+(?:\.\d+)?)\s*秒")
_FIRST = re.compile(rf"\b(?:the\s+)?first\s+(\d+(?:\.\d+)?)\s*{_UNIT}|(?:^|[^\d])前\s*(\d+(?:\.\d+)?)\s*秒")
_BARE_BETWEEN = re.compile(
    rf"\bbetween\s+(\d+(?:\.\d+)?)\s*{_UNIT}?\s+and\s+(\d+(?:\.\d+)?)\s*{_UNIT}(?![a-z])"
)
_BETWEEN = re.compile(r"\bbetween\b|在.{0,12}之间")
_FROM = re.compile(r"\b(?:from|after|starting(?:\s+at|\s+from)?|at|past)\s*$|从\s*$")
_FROM_AFTER = re.compile(r"^\s*(?:开始|起|以后|之后|后)")
_UNTIL = re.compile(r"\b(?:until|till|before|up to)\s*$")


def _music_span(low: str) -> dict[str, float] | None:
    """The range the clause names, as the tool's arguments, or None."""
    if m := _LAST.search(low):
        return {"last_s": float(m.group(1) or m.group(2))}
    if m := _FIRST.search(low):
        return {"start_s": 0.0, "end_s": float(m.group(1) or m.group(2))}
    if m := _BARE_BETWEEN.search(low):  # "between 5 and 8 seconds": the first number has no unit
        return {"start_s": float(m.group(1)), "end_s": float(m.group(2))}
    found = times(low)
    if _BETWEEN.search(low) and len(found) >= 2 and found[1].seconds > found[0].seconds:
        return {"start_s": found[0].seconds, "end_s": found[1].seconds}
    if span := time_range(low):
        return {"start_s": span[0], "end_s": span[1]}
    if len(found) == 1:
        t: Time = found[0]
        if _FROM.search(low[: t.start]) or _FROM_AFTER.search(low[t.end :]):
            return {"start_s": t.seconds}
        if _UNTIL.search(low[: t.start]):
            return {"start_s": 0.0, "end_s": t.seconds}
    return None


def read_music_range(clause: str, low: str) -> Parsed:
    """ "mute the music during the last 3 seconds", "lower the music between 0:10 and 0:15", "fade the
    music out from 25 s", "最后3秒静音音乐", "10到15秒音乐小一点". Before `read_scope` (which asks
    about exactly these) and every whole-track music reader (`_music_fade`, `_volume`)."""
    text = ph.without_quotes(low)
    if not ph.MUSIC_WORD.search(text):
        return None
    action = next((name for name, pattern in _RANGE_ACTIONS if re.search(pattern, text)), None)
    level = percent(text)
    if action is None and level is not None:
        action = "set"
    if action is None:
        return None
    span = _music_span(text)
    if span is None:
        if action in ("fade_out", "fade_in") or not times(text):
            return None  # "fade the music out over 3 seconds": its own fade; no time: the whole track
        return Ask(  # a time but no place ("mute the music for 3 seconds"): never the whole track
            "Which part of the music? For example 'mute the music during the last 3 seconds' or "
            "'lower the music between 0:10 and 0:15'.",
            "改哪一段音乐？例如“最后3秒静音音乐”或“10到15秒音乐小一点”。",
        )
    if action in ("fade_out", "fade_in") and span.get("start_s") == 0 and "end_s" in span:
        return None  # "fade the music in over the first 3 s": its own fade in (`_music_fade`)
    args: dict[str, Any] = {"action": action, **span}
    if level is not None and action != "mute":
        args["volume"] = level
    return [Call("set_music_range", args)]


# --- another music mood ------------------------------------------------------------------------

_REPLACE = re.compile(
    r"\b(?:replace|change|swap|switch|different|another|other|new|else|not this)\b"
    r"|换|替换|改成|换成|别的|另一首|其他"
)
_UP = re.compile(
    r"\bmore\s+(?:upbeat|energetic|lively|exciting|fun|happy|cheerful|dynamic|uplifting)\b"
    r"|\b(?:livelier|happier|faster|peppier|brighter)\b|\bmore\s+energy\b|\b(?:sleepy|boring|dull)\b"
    r"|更(?:加)?(?:欢快|活泼|动感|有活力|开心|轻快)|太(?:困|闷|无聊)"
)
_DOWN = re.compile(
    r"\bmore\s+(?:calm|relaxed|relaxing|chill|peaceful|gentle|soothing|mellow)\b"
    r"|\b(?:calmer|quieter mood|slower|gentler|mellower|softer mood)\b"
    r"|更(?:加)?(?:舒缓|安静|平静|温柔|轻柔|放松)"
)
_MOOD_WORDS = (
    ("upbeat", r"\b(?:upbeat|energetic|lively|happy|cheerful|fun)\b|欢快|活泼|动感|有活力"),
    ("calm", r"\b(?:calm|relaxed|relaxing|peaceful|gentle|soothing)\b|舒缓|安静|平静|温柔"),
    ("cinematic", r"\b(?:cinematic|epic|dramatic|film)\b|电影感|史诗|大气"),
    ("lofi", r"\blo-?fi\b|\bchill\b|低保真"),
)


def read_replace_music(clause: str, low: str) -> Parsed:
    """ "replace the music with something more upbeat", "different music, calmer", "换一首更欢快的音乐",
    "音乐换成舒缓的": the generated loop of another mood. Before `read_vague` ("more upbeat" alone)
    and `_music` ("use calm music" still adds music, and replaces the current one)."""
    text = ph.without_quotes(low)
    if not ph.MUSIC_WORD.search(text) or not (
        _REPLACE.search(text) or _UP.search(text) or _DOWN.search(text)
    ):
        return None
    if re.search(r"\badd\b|加", text):
        return None  # adding music (`_music`), which replaces any there is
    if percent(text) is not None or re.search(r"\bvolume\b|音量|\bmy\b|upload|我的|上传", text):
        return None  # a level, or the person's own song (add_media)
    if ph.REMOVE.search(text) and not re.search(r"换", text):
        return None
    if _UP.search(text):
        return [Call("replace_music", {"direction": "up"})]
    if _DOWN.search(text):
        return [Call("replace_music", {"direction": "down"})]
    mood = next((name for name, pattern in _MOOD_WORDS if re.search(pattern, text)), None)
    return [Call("replace_music", {"mood": mood} if mood else {})]


# --- the narrator's voice ----------------------------------------------------------------------

_FEMALE = r"\b(?:female|woman|woman's|womans|women's|womens|girl|lady|feminine)\b|女声|女性|女生|女的|女人"
_MALE = r"\b(?:male|man|man's|men's|guy|masculine)\b|男声|男性|男生|男的|男人"
_DEFAULT_VOICE = r"\b(?:default|normal|original|standard)\s+voice\b|默认(?:的)?声音|原来的声音"
_CHANGE_VOICE = re.compile(r"\b(?:change|switch|make|turn|re-?voice|swap)\b|换|改")
_ADD_VOICE = re.compile(r"\b(?:add|put|give|narrate|with a voice|read)\b|加|用.{0,6}配音|配个音")


def read_voice(clause: str, low: str) -> Parsed:
    """ "add a voice-over with a female voice", "use a male voice", "make the voice female", "用女声配音",
    "配音换成男声". Before `_voiceover`, `_volume` and `_remove` (which read "voice" without a kind)."""
    text = ph.without_quotes(low)
    voice = (
        "female"
        if re.search(_FEMALE, text)
        else "male"
        if re.search(_MALE, text)
        else "default"
        if re.search(_DEFAULT_VOICE, text)
        else None
    )
    if voice is None or not (ph.VOICE_WORD.search(text) or re.search(r"声|narrator|speaker", text)):
        return None
    if ph.REMOVE.search(text) or percent(text) is not None:
        return None
    if _ADD_VOICE.search(text) and not _CHANGE_VOICE.search(text):
        args: dict[str, Any] = {"voice": voice}
        if re.search(r"chinese|mandarin|中文|普通话|汉语", text):
            args["language"] = "zh"
        elif re.search(r"english|英文|英语", text):
            args["language"] = "en"
        return [Call("add_voiceover", args)]
    return [Call("set_voice", {"voice": voice})]


# --- the font ----------------------------------------------------------------------------------

_FONT_WORD = re.compile(r"\b(?:fonts?|typeface|typography|lettering)\b|字体")
_SIZE = re.compile(r"\b(?:bigger|smaller|larger|size|huge|tiny)\b|大一点|小一点|大点|小点|放大|缩小|大小")


def read_font(clause: str, low: str) -> Parsed:
    """ "change the font to something more elegant", "use a serif font", "title in the fredoka font",
    "字体换成优雅一点的". Before `read_design` and the title and caption readers ("make the font
    bigger" stays theirs: a size, no font named)."""
    text = ph.without_quotes(low)
    if not _FONT_WORD.search(text) or _SIZE.search(text):
        return None
    which = (
        "title"
        if ph.TITLE_WORD.search(text) and not ph.CAPTION_WORD.search(text)
        else "captions"
        if ph.CAPTION_WORD.search(text) and not ph.TITLE_WORD.search(text)
        else "all"
    )
    look = _FONT_WORD.sub(" ", text)
    name = font_for(look)
    if name is None:
        if re.search(r"\b(?:change|different|another|new|switch|other)\b|换|改", text):
            return Ask(
                "Which font? There are inter (modern), source-serif (elegant serif) and fredoka (playful, "
                "rounded); for example 'use a serif font'.",
                "用哪种字体？有 inter（现代）、source-serif（优雅的衬线体）和 fredoka（活泼的圆体），"
                "例如“字体换成优雅一点的”。",
            )
        return None
    return [Call("set_font", {"font": name, "which": which})]
