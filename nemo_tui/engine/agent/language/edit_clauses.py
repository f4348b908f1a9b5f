"""The readers of edits to the row of clips, sound, cuts and length: one clause → tool calls (or a
question), each reader for one kind of request.

`rules.py` decides which reader reads a clause, in an explicit order, from its reading (what it is
about, its scope, its values); the readers do not know about each other. The clause is already
normalised (`times.normalize`). docs/agent.md lists the phrasings.
"""

from __future__ import annotations

import re
from typing import Any

from . import phrases as ph
from . import refs
from .calls import Ask, Call, Parsed
from .reading import without_times
from .text_clauses import ADD, MOVE
from .times import first_time, percent, time_range, times

_CUT = r"\b(trim|cut|remove|drop|delete|skip|lose|chop|shave)\b|剪掉|剪去|剪|裁掉|裁|删掉|删除|去掉|去除"


def _has(pattern: str, low: str) -> bool:
    return re.search(pattern, low, re.I) is not None


_YES = re.compile(
    r"(?:yes|yep|yeah|ok|okay|sure|do it|go ahead|go for it|confirm|confirmed|yes,? (?:please|do it|go ahead|"
    r"cut it|that's fine)|that's fine|fine)(?:\s+please)?|是|是的|好|好的|可以|确定|确认|行|没问题|照做",
)
_NO = re.compile(
    r"(?:no|nope|cancel|never ?mind|don'?t|no,? (?:thanks|leave it|keep it)|leave it|keep it)(?:\s+thanks)?"
    r"|不|不要|不用|不用了|算了|取消|别|保持不变",
)


def answer(clause: str, low: str) -> Parsed:
    """ "yes" / "no" to a question that waits for one (a cut that would leave less than half)."""
    plain = low.strip(" .!?。！？,，")
    if _YES.fullmatch(plain):
        return [Call("confirm")]
    if _NO.fullmatch(plain):
        return [Call("confirm", {"go_ahead": False})]
    return None


_BACK = re.compile(
    r"\b(?:bring|put|get|add)\b(?:\s+(?:the|my|our)\b)?\s*\w*(?:\s+\w+)?\s+back\b|\brestore\b|\bback on\b"
    r"|恢复|加回来|找回来|放回来|还原",
    re.I,
)


def bring_back(clause: str, low: str) -> Parsed:
    """ "oops, bring the captions back", "put the music back", "恢复字幕": what an earlier change
    removed, with every change since kept (not an undo of the last change)."""
    if not _BACK.search(low) or _has(r"\bback\s+on\b|\bvolume\b|%|原声|\bunmute\b", low):
        return None  # "music back on": unmuting, read by `volume`
    for word, kind in (
        (ph.CAPTION_WORD, "captions"),
        (ph.TITLE_WORD, "title"),
        (ph.VOICE_WORD, "voiceover"),
        (ph.MUSIC_WORD, "music"),
    ):
        if word.search(ph.without_quotes(low)):
            return [Call("bring_back", {"kind": kind})]
    return None


_FILLER = re.compile(r"^(?:nah|no|nope|oops|ok|okay|hmm+|actually|ugh|wait|sorry|hm)\b[\s,!.]*", re.I)
_UNDO_FIRST = re.compile(
    r"^(?:please\s+)?(?:undo(?: that| it)?|go back|revert(?: that| it)?|take (?:that|it) back)\s*[,.;!]\s*\S",
    re.I,
)


def history(clause: str, low: str) -> Parsed:
    plain = _FILLER.sub("", ph.without_quotes(low).strip(" .!?。！")).strip()
    plain = re.sub(r"(?<=[撤销回])(?:吧|一下吧|了吧|啊)$", "", plain)  # "撤回吧"
    if _UNDO_FIRST.match(plain):  # "go back, i liked it white": the reason changes nothing
        return [Call("undo")]
    if re.search(r"[\u4e00-\u9fff]", plain) and re.search(r"(?:撤回|撤销)(?:吧|一下)?$", plain):
        return [Call("undo")]  # "刚才那个不好听，撤回吧"
    if re.fullmatch(r"(?:undo[\s,!.]*){2,}|(?:撤销[\s，,]*){2,}", plain):  # "undo undo": once per word
        return [Call("undo")] * min(10, len(re.findall(r"undo|撤销", plain)))
    if m := re.fullmatch(r"(?:撤销|撤回)\s*(\d+|两|三)\s*(?:次|步)", plain):  # "撤销两次"
        count = {"两": 2, "三": 3}.get(m.group(1)) or int(m.group(1))
        return [Call("undo")] * min(10, count)
    if re.fullmatch(
        r"(?:please\s+)?(?:undo|revert|undo (?:that|it|the last (?:change|edit|step))|go back|"
        r"undo (?:the )?(?:last )?(?:two|three|\d+) (?:changes|edits|steps)|"
        r"take (?:that|it) back|step back)(?:\s+(?:please|pls|plz|again|now))?"
        r"(?:\s+(?:twice|(?:\d+|two) times))?"
        r"|撤销|撤回|撤销上一步|撤销一下|取消上一步|回退|返回上一步|上一步",
        plain,
    ):
        m = re.search(r"\b(\d+) (?:times|changes|edits|steps)", plain)
        words = 2 if re.search(r"twice|\btwo\b", plain) else 3 if re.search(r"\bthree\b", plain) else 1
        count = min(10, int(m.group(1))) if m else words
        return [Call("undo")] * count
    if re.fullmatch(
        r"(?:please\s+)?(?:redo|redo (?:that|it)|put it back|undo the undo)(?:\s+(?:please|pls|plz))?"
        r"|重做|重做一下|恢复上一步|还原撤销",
        plain,
    ):
        return [Call("redo")]
    return None


_SHOW = r"\b(?:show|list|describe|what'?s|what is|what do i have|tell me)\b"


def show(clause: str, low: str) -> Parsed:
    if re.search(
        rf"{_SHOW}(?:(?!{_SHOW}).)*\b(timeline|tracks?|draft|clips|in it|so far)\b"
        r"|^\s*status\b|^\s*timeline\??$|时间线|轨道|有哪些|有什么|看看|现在是什么样"
        r"|\bhow long is\b|\bwhat(?:'s| is) the (?:length|duration)\b|多长|多久|几秒",
        low,
    ):
        return [Call("show_timeline", {"detail": True})]
    if _asks_about(low):
        return [Call("show_timeline", {"detail": True})]
    return None


# A question about what is there, not a request: "how many clips are there", "what music is playing",
# "is there a voice-over?", "标题是什么", "有几个片段". A question that asks for a change ("can you make
# it 10 s?", "what if the title was red") has an edit verb and is read as that edit.
_QUESTION = re.compile(
    r"^\s*(?:how many|how much|what|which|is there|are there|does it have|do i have|do we have)\b"
    r"|是什么|是哪|几个|几段|几条|多少个|有没有|什么音乐|哪首",
    re.I,
)
_ASKS_CHANGE = re.compile(
    rf"\b(?:{ph.EDIT_VERB}|if|about|could|can|would|should|let'?s)\b|改|换|调|加|删|去掉|设|变", re.I
)


# What such a question must be about: the video ("what's the weather like?" is not).
_ABOUT_VIDEO = re.compile(
    r"\b(?:clips?|scenes?|shots?|music|song|track|bgm|titles?|captions?|subtitles?|voice|voice-?over|"
    r"narration|transitions?|aspect|ratio|length|duration|video|timeline|text)\b"
    r"|片段|段|镜头|音乐|歌|标题|字幕|配音|旁白|视频|转场|画幅|时长",
    re.I,
)


def _asks_about(low: str) -> bool:
    plain = ph.without_quotes(low)
    return bool(_QUESTION.search(plain) and _ABOUT_VIDEO.search(plain)) and not _ASKS_CHANGE.search(plain)


def switch_off(clause: str, low: str) -> Parsed:
    """ "turn the music off", "stop the music", "no more music", "hide the captions", "把背景音乐关掉":
    a removal, read before `music` could take the music word for a request to add music."""
    text = ph.without_quotes(low)
    if not ph.SWITCH_OFF.search(text):
        return None
    if refs.caption_ref(text) is not None:
        return None  # "get rid of the last caption": that one caption, read by `remove`
    if _has(r"\b(loud|louder|quiet|quieter|soft|softer|volume|back on)\b|%|音量|大声|小声", text):
        return None  # "I don't want the music so loud": a volume, not a removal
    return _remove_one_track(text, ph.SWITCH_OFF)


_TRACK_WORDS = (
    (ph.MUSIC_WORD, "music"),
    (ph.VOICE_WORD, "voiceover"),
    (ph.CAPTION_WORD, "captions"),
    (ph.TITLE_WORD, "title"),
)
_TRACK_NAMES = {
    "music": ("the music", "音乐"),
    "voiceover": ("the voice-over", "配音"),
    "captions": ("the captions", "字幕"),
    "title": ("the title", "标题"),
}
# Parts of a request: "drop the narration, we'll just go with music" → the narration / the music.
_PARTS = re.compile(r"[,，;；。!！]|\bbut\b|\band\b|\bwe'?ll\b|但是?|然后|只(?=要|留|用)")
# A part that keeps what it names: "keep the music", "just the narration", "有配音就够了", "留着音乐就行".
_KEEPS = re.compile(
    r"\b(?:keep|leave|just|only|go with|stick with|stay|enough|fine|is ok)\b"
    r"|留着|留下|保留|够了|就够|就行|就好|只要|只留|只用",
    re.I,
)


def _remove_one_track(text: str, verb: re.Pattern[str]) -> Parsed:
    """The tracks a removal names. When the request also names one the person keeps ("字幕都去掉吧，
    有配音就够了", "lose the voice-over and keep the music"), that one stays; when nothing is left to
    remove, ask rather than remove a track the person wanted."""
    named = _kinds(text)
    parts = [part for part in _PARTS.split(text) if part.strip()]
    kept = {kind for part in parts if _KEEPS.search(part) and not verb.search(part) for kind in _kinds(part)}
    left = [kind for kind in named if kind not in kept]
    if left:
        return [Call("remove_track", {"kind": kind}) for kind in left]
    if not named:
        return None
    en = " or ".join(_TRACK_NAMES[k][0] for k in named)
    zh = "还是".join(_TRACK_NAMES[k][1] for k in named)
    return Ask(f"Which should I remove: {en}? Nothing was changed.", f"要删除哪一个：{zh}？")


def _kinds(text: str) -> list[str]:
    return [kind for word, kind in _TRACK_WORDS if word.search(text)]


def music_fade(clause: str, low: str) -> Parsed:
    """ "fade the music out at the end", "fade in the music", "音乐淡出": the music's own fades, not
    the transitions between clips."""
    if not _has(r"\bfade|淡入|淡出|渐入|渐出|慢慢收|收掉|收尾|渐弱|慢慢停", low):
        return None
    seconds = first_time(ph.without_quotes(low))
    step = seconds if seconds is not None else 3.0
    args: dict[str, Any] = {}
    if _has(
        r"\bfade[sd]?\s+(?:\w+\s+){0,3}?out\b|\bfade[- ]?out\b|淡出|渐出|慢慢收|收掉|收尾|渐弱|慢慢停", low
    ):
        args["fade_out_s"] = step
    if _has(r"\bfade[sd]?\s+(?:\w+\s+){0,3}?in\b(?!\s+the\b)|\bfade[- ]?in\b|淡入|渐入", low):
        args["fade_in_s"] = step
    if not args:  # "fade the music": both ends
        args = {"fade_in_s": step, "fade_out_s": step}
    return [Call("set_volume", {"target": "music", **args})]


_NO_TRANSITION = (
    r"\b(?:no|without)\s+(?:more\s+)?(?:transitions?|fades?|crossfades?|dissolves?)\b"  # "no fades"
    r"|hard cuts?|jump cuts?|硬切|不要转场|去掉转场|删除转场|取消转场"
)


_NO_SUCH_TRANSITION = re.compile(
    r"\b(?:slide|slides|sliding|swipe|swiping|wipe|wipes|zoom|spin|flip|push|glitch)\b.{0,30}"
    r"\b(?:in|transitions?|between|from the side|like)\b|滑入|推移|擦除|旋转转场|缩放转场",
    re.I,
)


def transition(clause: str, low: str) -> Parsed:
    if _NO_SUCH_TRANSITION.search(ph.without_quotes(low)) and (
        ph.TRANSITION_WORD.search(low) or _has(r"\bscenes?\b|\bclips?\b|片段|场景", low)
    ):
        return Ask(
            "There are no slide, swipe or zoom transitions: I can use crossfades ('use fade transitions'), "
            "dips to black ('use fade to black transitions') or hard cuts ('no transitions').",
            "没有滑入、擦除或缩放转场：可以用淡入淡出（“加淡入淡出”）、黑场（“黑场转场”）或硬切（“去掉转场”）。",
        )
    black = _has(r"\bblack\b|黑场|黑屏", low) and _has(r"fade|dip|transition|between|转场|过渡", low)
    if not (ph.TRANSITION_WORD.search(low) or black or _has(r"hard cuts?|jump cuts?|硬切", low)):
        return None
    if _has(r"\b(fade|dip)\s+(?:in|out)\b(?!.*between)", low) and not black:
        return None
    if _has(_NO_TRANSITION, low) or (ph.REMOVE.search(low) and ph.TRANSITION_WORD.search(low)):
        return [Call("set_transition", {"kind": "none"})]
    args: dict[str, Any] = {"kind": "black" if black else "fade"}
    if (seconds := first_time(ph.without_quotes(low))) is not None:
        args["duration_s"] = seconds
    elif _has(r"\blonger\b|\bslower\b|长一点|慢一点", low):
        args["duration_s"] = 1.0
    elif _has(r"\bshorter\b|\bquicker\b|\bfaster\b|短一点|快一点", low):
        args["duration_s"] = 0.25
    if clip := refs.clip_refs(without_times(low)):  # "into the last clip": that join only
        args["clip"] = clip[0]
    return [Call("set_transition", args)]


def original(clause: str, low: str) -> Parsed:
    named = ph.ORIGINAL_WORD.search(low)
    if named or re.fullmatch(
        r"\s*(?:mute|mute (?:it|the video|the clips?|all clips)|静音|全部静音)\s*[.!。]?\s*", low
    ):
        if _has(r"\bunmute\b|back on|turn on|restore|bring back|恢复|打开|开启", low):
            return [Call("set_volume", {"target": "original", "volume": 1.0})]
        if (value := percent(low)) is not None:
            return [Call("set_volume", {"target": "original", "volume": value})]
        if named and _has(r"\b(lower|quieter|softer|reduce|turn (?:it )?down)\b|小一点|调低|降低", low):
            return [Call("set_volume", {"target": "original", "volume": 0.3})]
        if (
            _has(r"\b(mute|silence|remove|off|kill|drop|delete|without)\b|静音|去掉|关掉|关闭|删除|不要", low)
            or not named
        ):
            return [Call("set_volume", {"target": "original", "volume": 0.0})]
    if re.fullmatch(r"\s*unmute(?: it| the video| the clips?)?\s*[.!]?\s*", low):
        return [Call("set_volume", {"target": "original", "volume": 1.0})]
    return None


def cut(clause: str, low: str) -> Parsed:
    text = ph.without_quotes(low)
    if not _has(_CUT + r"|\bkeep\b|只保留|保留", text):
        return None
    span = time_range(text)
    if span and not _has(r"\bkeep\b|保留", text):
        return [Call("trim", {"cut_from_s": span[0], "cut_to_s": span[1]})]
    seconds = first_time(text)
    if _has(r"\b(first|opening|beginning|start)\b|前|开头|片头", text) and not _has(r"\bkeep\b|保留", text):
        return [Call("trim", {"cut_start_s": seconds})]
    if _has(r"\b(last|final|ending|end)\b|最后|结尾|末尾|后\s*\d", text) and not _has(r"\bkeep\b|保留", text):
        return [Call("trim", {"cut_end_s": seconds})]
    if ph.in_order(r"\b(trim|cut|chop)\b", r"\b(to|down to)\b", text) or _has(
        r"剪到|裁到|剪成|裁成|\bkeep\b|保留", text
    ):
        return [Call("trim", {"length_s": seconds})]
    return None


def clips(clause: str, low: str) -> Parsed:
    text = ph.without_quotes(low)
    numbers = refs.clip_refs(text)
    bare = re.search(r"\b(?:swap|switch|exchange)\s+#?(\d+)\s*(?:and|&|with)\s*#?(\d+)\b", text)
    if _has(
        r"\b(?:swap|switch|flip|reverse|exchange)\s+(?:the\s+)?first\s+two\b|前(?:两|2)个?(?:片段|段|场景|镜头)",
        text,
    ) and (_has(r"\b(swap|switch|exchange|flip|reverse)\b|交换|调换|对调|互换|换一下|换位置|换个位置", text)):
        return [Call("swap_clips", {"first": 1, "second": 2})]  # "swap the first two scenes"
    if len(numbers) < 2 and bare:
        numbers = [int(bare.group(1)), int(bare.group(2))]  # "swap 1 and 2": only clips have numbers
    if (
        _has(r"\b(swap|switch|exchange|flip|trade)\b|交换|调换|对调|互换|换一下|换位置|换个位置", text)
        and len(numbers) >= 2
    ):
        return [Call("swap_clips", {"first": numbers[0], "second": numbers[1]})]
    if _has(MOVE, text) and numbers and not ph.TITLE_WORD.search(text) and not ph.CAPTION_WORD.search(text):
        tail = re.split(r"\bto\b|\bafter\b|\bbefore\b|移到|挪到|放到|移动到|移至", text, maxsplit=1)
        where = text[len(tail[0]) :] if len(tail) > 1 else text
        to = refs.destination(where, numbers[0])
        if to is None and len(numbers) >= 2:
            to = numbers[1]
        if to is not None:
            return [Call("move_clip", {"clip": numbers[0], "to": to})]
    speed = re.search(r"(\d+(?:\.\d+)?)\s*(?:x|×|倍速?)(?![a-z])", text) or _speed_words(text)
    faster = _has(
        r"speed (?:it |this |that )?up|\bfaster\b|\bquicker\b|加速|快一点|快点|加快", text
    ) or ph.in_order(r"\bspeed\b", r"\bup\b", text)
    slower = _has(
        r"\bslow\b(?:\s+[\w-]+){0,3}\s+down\b|\bslower\b|slow[- ]?mo|减速|放慢|慢一点|慢点|慢动作", text
    )
    if speed or faster or slower:
        if ph.MUSIC_WORD.search(text) or ph.TRANSITION_WORD.search(text) or ph.VOICE_WORD.search(text):
            return None
        args: dict[str, Any] = {}
        if speed:
            args["speed"] = float(speed.group(1)) if isinstance(speed, re.Match) else speed
        else:
            args["change"] = ("a bit " if _has(ph.A_BIT, text) else "") + ("faster" if faster else "slower")
        if not numbers:
            return [Call("set_clip_speed", args)]
        return [Call("set_clip_speed", {"clip": n, **args}) for n in numbers]  # "clips 4 and 5": each
    if length := _clip_length(text):
        return length
    if numbers and not times(text) and (ask := _clip_length_question(numbers[0], text)):
        return ask
    # "cut clip 3", "cut the third clip": an editor's word for taking a shot out (a time is a cut, `cut`)
    removal = ph.REMOVE.search(text) or (numbers and _has(r"\bcut\b(?!.*\b(?:down|short|shorter)\b)", text))
    if removal and (numbers or re.search(r"\b(clip|scene|shot|segment)\b|片段|镜头", text)):
        if ph.ORIGINAL_WORD.search(text) or ph.CAPTION_WORD.search(text):
            return None
        if not numbers:
            return [Call("remove_clip", {"clip": 0})]
        ordered = sorted(numbers, key=lambda n: -n if n > 0 else -10_000)  # from the back: numbers stay valid
        return [Call("remove_clip", {"clip": n}) for n in ordered]
    return None


_LASTING = re.compile(
    r"\b(?:long|longer|shorter|last|lasts|stay|stays|on screen|for|be|show|shown|hold|give)\b"
    r"|显示|停留|改成|改为|持续|长|短",
    re.I,
)


def _clip_length(text: str) -> Parsed:
    """ "make clip 2 5 seconds long", "clip 3 should stay on screen for 4 s", "第2段改成5秒": one
    clip's length (the video changes by the difference), never the whole video's."""
    shown = refs.clip_refs(without_times(text))
    seconds = first_time(text)
    if not shown or seconds is None or time_range(text) or not _LASTING.search(text):
        return None
    if _has(MOVE + r"|\b(?:swap|remove|delete|cut|trim)\b|删|剪", text):
        return None
    args: dict[str, Any] = {"clip": shown[0], "seconds": seconds}
    if _has(r"\blonger\b|长一点|延长|久一点", text):
        args["longer"] = True  # "longer, like 5 seconds": 5 s must be longer than it is
    return [Call("set_clip_length", args)]


def _clip_length_question(n: int, text: str) -> Ask | None:
    """ "make clip 2 shorter", "can u make the last clip longer": one clip's length has no tool of its
    own, so ask which of the edits that change it was meant rather than reshape the whole video."""
    en, zh = (f"clip {n}", f"第{n}段") if n > 0 else ("the last clip", "最后一段")
    if _has(r"\blonger\b|长一点|延长", text):
        return Ask(
            f"How much longer should {en} be? Say e.g. 'make {en} 5 seconds long' (the video grows by "
            f"the difference), or slow it down ('slow down {en}').",
            f"{zh}要多长？例如说“{zh}改成5秒”（视频相应变长），或放慢它（“{zh}慢一点”）。",
        )
    if _has(r"\b(trim|shorten|shorter)\b|\bcut\b.*\b(?:down|short|shorter)\b|剪短|裁剪|短一点", text):
        return Ask(
            f"How should I trim {en}? I can remove it ('remove {en}'), speed it up ('speed up {en}'), "
            "or cut a span of time ('cut from 0:05 to 0:08').",
            f"要怎么剪{zh}？可以删除它（“删除{zh}”）、加速（“{zh}加速”），或剪掉一段时间（“剪掉0:05到0:08”）。",
        )
    return None


def _speed_words(text: str) -> float | None:
    """ "twice as fast", "double speed", "half speed", "两倍速" (digits are read by the caller)."""
    if ph.in_order(r"\b(twice|double)\b", r"\b(fast|speed|quick)", text) or re.search(
        r"\bdouble[- ]speed\b", text
    ):
        return 2.0
    if ph.in_order(r"\bhalf\b", r"\b(fast|speed)\b", text) or re.search(r"\bhalf[- ]speed\b", text):
        return 0.5
    return None


_NARRATING = re.compile(
    r"\b(?:reading|narrating)\s+(?:the\s+)?(?:script|words|text)\b|\bsomeone\s+(?:reading|narrating)\b", re.I
)


def voiceover(clause: str, low: str) -> Parsed:
    if ph.REMOVE.search(low) or not (ph.VOICE_WORD.search(low) or _NARRATING.search(low)):
        return None
    if percent(low) is not None or _has(r"louder|quieter|softer|lower|raise|volume|大声|小声|音量|调", low):
        return None
    if _has(
        ADD + r"|\bnarrate\b|\bread (?:it|the captions)\b|\b(?:reading|read|narrating|reads)\s+(?:the\s+)?"
        r"(?:script|words|text|it)\b|\bsomeone\s+(?:reading|narrating|talking|speaking)\b|配音|朗读|旁白|念",
        low,
    ):
        language = (
            "zh"
            if _has(r"chinese|mandarin|中文|普通话|汉语", low)
            else "en"
            if _has(r"english|英文|英语", low)
            else ""
        )
        return [Call("add_voiceover", {"language": language} if language else {})]
    return None


def remove(clause: str, low: str) -> Parsed:
    if not ph.REMOVE.search(low) or (times(ph.without_quotes(low)) and not ph.MUSIC_WORD.search(low)):
        return None
    if _has(r"\bvolume\b|%|音量", low):
        return None  # "drop the music volume to 10": a level, not a removal
    if (n := refs.caption_ref(low)) is not None:
        return [Call("remove_text", {"which": f"caption {n}"})]
    if any(word.search(low) for word, _ in _TRACK_WORDS):
        return _remove_one_track(low, ph.REMOVE)
    if _has(r"\b(all )?(the )?text\b|文字", low):
        return [Call("remove_text", {"which": "text"})]
    return None


def volume(clause: str, low: str) -> Parsed:
    voice = ph.VOICE_WORD.search(low) and not ph.MUSIC_WORD.search(low)
    if not (ph.MUSIC_WORD.search(low) or voice or _has(r"\bvolume\b|音量", low)):
        return None
    target = {"target": "voice"} if voice else {}
    if _has(r"\b(mute|silence)\b|静音", low) and not _has(r"\bunmute\b", low):
        return [Call("set_volume", {"volume": 0.0, **target})]
    if _has(r"\bunmute\b|\bback on\b|\bturn (?:it |the \w+ )?(?:back )?on\b|取消静音|打开", low):
        return [Call("set_volume", {"volume": 0.35, **target})]  # back to the level music starts at
    value = percent(low)
    if value is None:
        value = _bare_level(low)
    adding = _has(r"\b(add|put|use|play|include|with)\b|添加|加上|加个|加一段|配上", low)
    if value is not None and not adding:
        return [Call("set_volume", {"volume": value, **target})]
    if _has(
        r"\b(quieter|softer|lower|down|reduce|decrease|turn down)\b|\b(?:too|so|a bit|bit|kind of) loud\b"
        r"|\b(?:too|a bit|a little|way too) much\b|\boverpowering\b"
        r"|小一点|小点|调低|降低|轻一点|小声|低一点|太大声|太吵",
        low,
    ):
        return [Call("set_volume", {"change": -0.15, **target})]
    if _has(
        r"\b(louder|raise|up|increase|boost|turn up)\b|\btoo (?:quiet|soft)\b|can'?t hear"
        r"|大一点|大点|调高|提高|响一点|大声|高一点",
        low,
    ):
        return [Call("set_volume", {"change": 0.15, **target})]
    return None


_LEVEL = re.compile(
    r"(?:\b(?:to|at|volume|music|bgm)|调到|音量)\s*(?:of\s+(?:the\s+)?(?:music|bgm)\s*)?[:=]?\s*"
    r"(?:(?:like|about|around|maybe|roughly|~)\s*)?"
    r"(\d{1,3}(?:\.\d+)?)(?![\d%.]|\s*(?:s|sec|seconds?|秒|x)\b)"
)


def _bare_level(low: str) -> float | None:
    """A volume without a % sign: "to 20", "music volume 20", "volume of music 50", "调到20"; a
    fraction such as 0.2 is 20% (the tools' own scale), a whole number is a percentage."""
    m = _LEVEL.search(low)
    if not m:
        return None
    number = float(m.group(1))
    level = number if "." in m.group(1) and number <= 1 else number / 100
    return max(0.0, min(1.0, level))


def music(clause: str, low: str) -> Parsed:
    music = ph.music_request(low)
    if music is None or music[0] == "none":
        return None
    bare = re.fullmatch(
        r"\W*(?:some\s+|background\s+)?(?:music|bgm|soundtrack)\W*|加?(?:背景)?音乐|配乐", low.strip()
    )
    asked = bare or _has(ADD + r"|\b(play|want|need|some|please|pls)\b|配", low)
    if music[0] == "auto" and music[1] is None and not asked:
        return None  # a sentence about the music is no request to add it ("i don't like the music")
    args: dict[str, Any] = {"mood": music[0]}
    if music[1] is not None:
        args["volume"] = music[1]
    return [Call("add_music", args)]


# "cut it down to 15", "make it 10", "get it to 12": a whole-video length without a unit is seconds.
_BARE_LENGTH = re.compile(
    r"\b(?:cut|trim|shorten|chop|bring|get|make)\s+(?:it|this|the (?:whole )?(?:video|thing))\s+"
    r"(?:down\s+)?(?:to\s+)?(\d{1,3}(?:\.\d+)?)\s*[.!?]*$"
)


def length(clause: str, low: str) -> Parsed:
    text = ph.without_quotes(low)
    seconds = first_time(text)
    if seconds is None and (bare := _BARE_LENGTH.search(text.strip())):
        return [Call("set_length", {"seconds": float(bare.group(1))})]
    if seconds is not None and (delta := _relative_length(text)):
        return [Call("set_length", {"change_s": delta * seconds})]
    if seconds is not None:
        if _has(r"\b(first|last|final|opening|ending|from)\b|前|最后|结尾|开头", text):
            return None
        if _has(
            r"\b(make|set|change|shorten|lengthen|extend|stretch|keep|limit|reduce|turn|be)\b|\b(long|length|"
            r"duration|longer|shorter)\b|改成|改为|变成|缩短|延长|时长|长度|调到|做成|压缩到|压到|缩到|控制在",
            text,
        ):
            return [Call("set_length", {"seconds": seconds})]
        return None
    # "too short": make it longer
    longer = r"\b(?:longer|lengthen|extend)\b|\btoo short\b|长一点|长一些|延长|太短"
    shorter = r"\b(?:shorter|shorten)\b|\btoo long\b|短一点|短一些|缩短|太长"
    if _has(longer, text) or _has(shorter, text):
        return [Call("set_length", {"change": "longer" if _has(longer, text) else "shorter"})]
    return None


def _relative_length(text: str) -> int:
    """-1 for "shorter by 5 seconds" / "5 seconds shorter" / "缩短5秒", +1 for the longer ones, 0 when
    the time is the length wanted ("make it 15 s")."""
    if _has(
        r"\b(?:shorter|shorten(?:ed)?|reduced?|cut(?: it)? down)\s+by\b|\d\s*s\w*\s+shorter\b|缩短\s*\d", text
    ):
        return -1
    if _has(r"\b(?:longer|lengthen(?:ed)?|extend(?:ed)?)\s+by\b|\d\s*s\w*\s+longer\b|延长\s*\d", text):
        return 1
    return 0


def aspect(clause: str, low: str) -> Parsed:
    aspect = ph.aspect_ratio(low)
    if not aspect:
        return None
    short = len(ph.without_quotes(low).split()) <= 4 or re.fullmatch(r"[\u4e00-\u9fff\s\d:.!?。！]+", low)
    short = short or re.match(r"^\W*(?:square|vertical|horizontal|portrait|landscape|\d+:\d+)\b", low)
    if short or _has(
        r"\b(make|change|switch|convert|set|turn|use|reframe|for|format|aspect|crop|want|need|version)\b"
        r"|改|换|变|转|调",
        low,
    ):
        return [Call("set_aspect_ratio", {"ratio": aspect})]
    return None


_UPLOADED_SONG = re.compile(
    r"\b(?:my|our|the uploaded|uploaded|the)\s+(?:own\s+)?(?:song|track|audio|mp3|music)\b.*\b(?:as|for)\s+"
    r"(?:the\s+)?(?:music|bgm|background|soundtrack)|(?:上传|我)的(?:歌|音乐|音频|歌曲).*(?:设成|作为|当|用作|做)"
    r"(?:背景音乐|配乐|bgm)|\buse\s+(?:my|our|the uploaded)\s+(?:song|track|audio|mp3)\b",
    re.I,
)


def uploaded_song(clause: str, low: str) -> Parsed:
    """ "use my song as the music", "把我上传的歌设成背景音乐": the upload, not a generated loop."""
    return [Call("add_media", {"which": "audio"})] if _UPLOADED_SONG.search(low) else None


def media(clause: str, low: str) -> Parsed:
    if not _has(ADD + r"|\bappend\b", low):
        return None
    if m := re.search(r"\bmedia:([\w-]+)", clause):
        return [Call("add_media", {"which": m.group(1)})]
    if m := re.search(
        r"[\w.-]+\.(?:mp4|mov|avi|webm|mkv|jpe?g|png|gif|webp|mp3|wav|m4a|aac)\b", clause, re.I
    ):
        return [Call("add_media", {"which": m.group(0)})]
    which = ph.media_group(low)
    return [Call("add_media", {"which": which})] if which else None


def bare_remove(clause: str, low: str) -> Parsed:
    if ph.REMOVE.search(low) and len(ph.without_quotes(low).split()) <= 4:
        return Ask(
            "What should I remove: the music, the title, the captions, the voice-over, or a clip "
            "(e.g. 'remove clip 2')?",
            "要删除什么：音乐、标题、字幕、配音，还是某个片段（例如“删除第2个片段”）？",
        )
    return None
