"""Vague requests a person would reasonably type, read as the edits they expect (or a free answer).

"make the title pop", "the ending is too abrupt", "it's too fast", "more cinematic", "the music is
drowning out the voice", "put a logo in the corner", "make it black and white", "标题更醒目",
"结尾太突然". Each maps onto tools the planner already drives; nothing is removed or cut. What the
draft format cannot do (pictures have no position or size; there are no colour filters) gets an
`Ask`: a specific answer saying what to do instead, which changes and costs nothing. Part of
`edit_clauses.py`'s reading of a clause, tried early (these complaints name no edit verb of their own).
"""

from __future__ import annotations

import re

from . import phrases as ph
from .calls import Ask, Call, Parsed

# A box dark enough to lift any text off any picture (70 % black).
DARK_BOX = "#000000B3"

_POP = re.compile(
    r"\bpop\b|stand(?:s)? out|\bpunch(?:y|ier)\b|\bbolder\b|\bbold\b|eye[- ]catching|\bnoticeable\b"
    r"|\bmore visible\b|hard to (?:see|read|notice)|can'?t (?:really )?(?:see|read)|\bbarely (?:see|visible)"
    r"|\breadable\b|\blegible\b|\bmore (?:prominent|striking)\b|\bhero\b"
    r"|醒目|突出|显眼|抢眼|看不清|不清楚|不明显",
    re.I,
)
_ABRUPT = (
    r"\babrupt(?:ly)?\b|\bsudden(?:ly)?\b|\bharsh\b|\bjarring\b|cuts? off|\bends? too (?:quick|fast|soon)"
    r"|\btoo (?:quick|fast|soon)\b|突然|生硬|戛然而止|太硬|结尾太快|结束得太快"
)
# "add a fade out", "fade it out", "fade the video out at the end": the whole video, not its music.
_FADE = r"^\W*(?:add\s+)?(?:a\s+)?fade[- ]?(?:in|out)\b|\bfade\s+(?:it|the video|everything)\s+(?:out|in)\b"
_END = r"\b(?:end|ending|ends|finish|outro|last (?:second|bit|part))\b|结尾|结束|片尾"
_START = r"\b(?:start|starts|beginning|begins|opening|intro|first (?:second|bit|part))\b|开头|开始|片头"
_SUBJECT = (
    r"^\W*(?:(?:idk|honestly|tbh|hmm|ok|so|but)\W+)*"
    r"(?:(?:it|this|the (?:video|pacing|pace|edit|cut|whole thing)"
    r"|everything|pacing|pace|kinda|kind of)"
    r"(?:'s|\s+is|\s+feels|\s+seems|\s+goes)?\s+)?"
    r"(?:way\s+|a bit\s+|a little\s+|kind of\s+|kinda\s+|still\s+)?"
)
_END_OF_CLAUSE = r"(?=[\s\W]*(?:pls|please|now)?[\s\W]*$)"
_PACE_FAST = re.compile(
    rf"{_SUBJECT}too (?:fast|quick|rushed|hectic){_END_OF_CLAUSE}|\bfeels rushed\b|节奏太快|太快了|太赶", re.I
)
_PACE_SLOW = re.compile(
    rf"{_SUBJECT}(?:too slow|slow|boring|sluggish|dragg?(?:s|ing)?){_END_OF_CLAUSE}|\bit drags\b"
    r"|节奏太慢|太慢了|太拖",
    re.I,
)
# "the music is drowning out the voice", "I can't hear the voice-over over the music"
_DROWNED = (
    r"\bdrown(?:s|ing)?\b|\boverpower(?:s|ing)?\b|louder than|can'?t hear|(?:barely|hardly) hear|hard to hear"
    r"|\bover the music\b|盖过|听不清"
)
# "more cinematic": the mood people mean, as music (longer crossfades would shorten the video).
_VIBES = (
    (r"\b(?:cinematic|dramatic|epic|movie-?like|film-?like)\b|电影感|大片|史诗|大气", "cinematic"),
    (
        r"\b(?:energetic|upbeat|exciting|lively|fun|dynamic|punchy|hype)\b|\bless (?:boring|dull|flat)\b"
        r"|\b(?:feels?|looks?|is|it's|its|kinda|kind of|a bit|so|too)\s+(?:\w+\s+)?"
        r"(?:boring|dull|flat|bland|meh)\b"
        r"|有活力|动感|欢快|活泼|别那么无聊|不那么无聊|平淡|无聊|没意思|没劲",
        "upbeat",
    ),
    (
        r"\b(?:calm|calmer|relaxed|relaxing|chill|peaceful|gentle|soothing|cozy|cosy|warm|warmer)\b"
        r"|舒缓|安静|平静|温柔|轻松|温馨|温暖",
        "calm",
    ),
)
_MORE = (
    r"\bmore\b|\bless\b|\bfeels?\b|\bvibe\b"
    r"|\bmake (?:it|this|the video) (?:feel )?(?:a bit |a little )?\w+er\b"
    r"|\b(?:boring|dull|bland)\b|更|一点|一些|有点|感觉"
)
# "make it look more premium", "不够高级": a refined look, as the serif font for every word
_PREMIUM = re.compile(
    r"\b(?:premium|classy|classier|upscale|high-?end|luxurious|luxury|sophisticated|refined|elegant|posh)\b"
    r"|高级|高端|大气上档次|有质感|精致|优雅|上档次"
)
_LOGO = re.compile(r"\blogo\b|\bwatermark\b|\bbrand mark\b|商标|水印|标志|logo", re.I)
_GREY = re.compile(
    r"black (?:and|&) white|\bb ?& ?w\b|gr[ae]yscale|monochrome|\bsepia\b|\bvintage\b|\bfilter\b"
    r"|colou?r grad(?:e|ing)|\bsaturat\w*|\bbrighter\b|\bdarker\b|\bcontrast\b|\bwarmer\b|\bcooler\b"
    r"|黑白|滤镜|调色|复古|饱和|亮度|对比度",
    re.I,
)


def _has(pattern: str, low: str) -> bool:
    return re.search(pattern, low, re.I) is not None


# Work outside the video: posting it, writing the post. The platform's name is no request for its shape.
_ELSEWHERE = re.compile(
    r"\b(?:post|publish|upload|share|send)\s+(?:it|this|the video)?\s*(?:on|to)\b"
    r"|\bwrite\s+(?:me\s+)?(?:a|an|the|some)\s+(?:caption|post|description|hashtags?|copy|tweet)\b.*\b(?:for|on)\b"
    r"|发到|发布到|分享到|上传到|传到|写(?:一段|个|一个)?(?:文案|描述|标签)",
    re.I,
)
_POP_ALONE = re.compile(
    r"^\W*(?:(?:can|could|would)\s+you\s+|please\s+|pls\s+)?make\s+(?:it|this|the video)\s+pop"
    r"(?:\s+(?:more|a bit|a little))?(?:\s+for\s+[\w\s]+)?\W*$"
    r"|^\W*更(?:炸|抓眼)一点\W*$",
    re.I,
)


# Editing inside a picture: "erase the guy in the team photo", "把照片里的人P掉".
_INSIDE = re.compile(
    r"\b(?:erase|remove|delete|blur|crop|cut out|get rid of|photoshop|edit out)\b.{0,40}"
    r"\b(?:him|her|them|guy|person|man|woman|people|someone|somebody|object|car|sign|background)\b"
    r"|\b(?:guy|person|man|woman|people|someone|somebody)\b.{0,60}\b(?:photo|picture|image|shot)\b.{0,40}"
    r"\b(?:erase|remove|delete|blur|get rid of|edit out)\b"
    r"|(?:照片|图片|画面)里的.{0,6}(?:人|东西|路人).{0,6}(?:P掉|去掉|删掉|抹掉)|把.{0,8}(?:人|路人)(?:P掉|抹掉)",
    re.I,
)


def read_elsewhere(clause: str, low: str) -> Parsed:
    """ "post it on TikTok", "write me the caption for the Instagram post", "发到抖音": not an edit (and
    not a change of shape because a platform is named); say what can be done for it instead."""
    if _INSIDE.search(ph.without_quotes(low)):
        return Ask(
            "I can't edit inside a picture (take a person or a thing out of a photo). I can remove the whole "
            "photo ('remove the team photo'), put another upload in its place ('put the storefront photo "
            "on clip 3'), or you can upload an edited photo and use that.",
            "我没法修改图片内部（把人或东西从照片里去掉）。可以删除整张照片（“删除团队照片”）、换成另一张上传的照片，"
            "或上传修好的照片再使用。",
        )
    if _ELSEWHERE.search(ph.without_quotes(low)):
        return Ask(
            "I can't post the video or write the post for you; I edit the video itself. For that "
            "platform I can make it the right shape ('make it vertical for TikTok', 'make it 4:5 for "
            'Instagram feed\'), and "export" makes the MP4 to upload.',
            "我没法替你发布视频或写帖子文案，我只编辑视频本身。可以把它改成适合平台的画幅（“改成竖屏”、“改成4:5”），"
            "说“导出”即可得到可上传的MP4。",
        )
    if _POP_ALONE.search(low):  # "make it pop": which of the three ways people mean it?
        return Ask(
            "Pop how? I can make the title stand out ('make the title pop'), use livelier designed scenes "
            "('make it playful'), or put on upbeat music ('add upbeat music').",
            "想怎么更醒目？可以让标题更突出（“标题更醒目一点”）、换成活泼风格（“换成活泼风格”），"
            "或加欢快的音乐（“加欢快的背景音乐”）。",
        )
    return None


def read_vague(clause: str, low: str) -> Parsed:
    text = ph.without_quotes(low)
    for read in (_logo, _look, _title_pop, _captions_readable, _drowned, _abrupt, _pace, _vibe):
        found = read(text)
        if found:
            return found
    return None


def _logo(text: str) -> Parsed:
    if not _LOGO.search(text) or re.search(r"\.(?:png|jpe?g|gif|webp|svg|mp4|mov)\b|media:", text):
        return None  # "add logo.png": an upload, added by `_media`
    return Ask(
        "I can't put a logo in a corner: pictures in this timeline always fill the frame (the format "
        "has no position or size for them), so a logo would cover the video. What I can do: put your "
        "brand name in a corner-like spot as text (\"add title 'Your Brand' at the top\"), or upload "
        'the logo and say "add logo.png" to show it full screen as a clip of its own.',
        "没法把logo放在角落：时间线里的图片总是铺满画面（格式没有图片的位置和大小），logo会盖住视频。"
        "可以改用文字放品牌名（“加标题'你的品牌' 放在顶部”），或先上传logo再说“添加 logo.png”，"
        "让它作为单独的一段全屏显示。",
    )


def _look(text: str) -> Parsed:
    """ "make it black and white", "add a filter": the pictures' colours cannot be changed."""
    if not _GREY.search(text) or ph.TITLE_WORD.search(text) or ph.CAPTION_WORD.search(text):
        return None
    if ph.MUSIC_WORD.search(text) or ph.VOICE_WORD.search(text):
        return None
    if _has(r"\btext\b|\bfont\b|\bwords\b|文字|字体|背景|background", text):
        return None
    return Ask(
        "I can't change the colours of the pictures (black and white, filters, brightness or colour "
        "grading): the timeline has no colour effects. I can change the colour of the text "
        '("make the captions white", "make the title yellow"), or make the mood darker with music '
        'and slower transitions ("make it more cinematic").',
        "没法改变画面的颜色（黑白、滤镜、亮度或调色）：时间线没有调色效果。可以改文字颜色"
        "（“字幕改成白色”、“标题改成黄色”），或用音乐和更慢的转场改变氛围（“更有电影感”）。",
    )


def _title_pop(text: str) -> Parsed:
    if not ph.TITLE_WORD.search(text) or not _POP.search(text):
        return None
    if ph.colour_word(text) or ph.size_word(text):
        return None  # "make the title bold and red": the named style is read by `read_title`
    return [Call("edit_text", {"which": "title", "size": "bigger", "color": "yellow", "box": DARK_BOX})]


def _captions_readable(text: str) -> Parsed:
    if not ph.CAPTION_WORD.search(text) or not _POP.search(text):
        return None
    if ph.colour_word(text) or ph.size_word(text):
        return None
    return [Call("edit_text", {"which": "captions", "size": "bigger", "box": DARK_BOX})]


def _drowned(text: str) -> Parsed:
    voice = ph.VOICE_WORD.search(text) or _has(r"\b(?:words|speech)\b", text)
    # "the music is louder than the voice", or "the voice is drowned" (music unnamed: what else is)
    named = ph.MUSIC_WORD.search(text) and _has(_DROWNED, text)
    if voice and (named or _has(r"\bdrown(?:s|ing|ed)?\b|\boverpower", text)):
        return [Call("set_volume", {"target": "music", "change": -0.15})]
    return None


def _abrupt(text: str) -> Parsed:
    """ "the ending is too abrupt", "add a fade out": fade the picture to black and the music out at
    the end; "the start is too sudden": fade the music in."""
    faded = _has(_FADE, text)
    if not (faded or _has(_ABRUPT, text)):
        return None
    if ph.CAPTION_WORD.search(text) or ph.TITLE_WORD.search(text) or ph.VOICE_WORD.search(text):
        return None
    if not faded and ph.TRANSITION_WORD.search(text):
        return None
    music = bool(ph.MUSIC_WORD.search(text))
    if faded and music:
        return None  # "fade in the music": the music's own fades, read by `_music_fade`
    if _has(r"\bbetween\b|\bclips?\b|\bscenes?\b|转场|片段", text):
        return None
    if _has(_END + r"|fade[- ]?out|淡出|(?:it|the video)\s+out\b", text):
        fade_out = Call("set_volume", {"target": "music", "fade_out_s": 3.0})
        return [fade_out] if music else [Call("set_transition", {"ending_s": 1.5}), fade_out]
    if _has(_START + r"|fade[- ]?in|淡入|(?:it|the video)\s+in\b", text):
        return [Call("set_volume", {"target": "music", "fade_in_s": 2.0})]
    return None


def _pace(text: str) -> Parsed:
    if ph.MUSIC_WORD.search(text) or ph.VOICE_WORD.search(text) or ph.CAPTION_WORD.search(text):
        return None
    if ph.TRANSITION_WORD.search(text) or ph.TITLE_WORD.search(text):
        return None
    small = "a bit " if _has(ph.A_BIT, text) else ""  # "slow it down a little, it feels rushed"
    if _PACE_FAST.search(text):
        return [Call("set_clip_speed", {"change": small + "slower"})]
    if _PACE_SLOW.search(text):
        return [Call("set_clip_speed", {"change": small + "faster"})]
    return None


def _vibe(text: str) -> Parsed:
    """ "make it more cinematic", "更有电影感": the music in that mood, replacing what plays."""
    if ph.TITLE_WORD.search(text) or ph.CAPTION_WORD.search(text) or not _has(_MORE, text):
        return None
    if _PREMIUM.search(text) and not _has(r"\bfonts?\b|\btypeface\b|字体", text):
        # the look, not the music: the serif font for every word (titles, captions, designed scenes)
        return [Call("set_font", {"font": "source-serif", "which": "all"})]
    if ph.MUSIC_WORD.search(text):
        return None  # "make the music more upbeat" is read by `_music`
    for pattern, mood in _VIBES:
        if _has(pattern, text):  # the music in that mood, replacing what plays (their own song too)
            return [Call("replace_music", {"mood": mood})]
    return None
