"""From a reading of a clause to tool calls: a declarative table with explicit priorities.

`parse_edit(clause)` reads the clause once (`reading.read`: what it is about, its scope, its values),
then tries the rules in priority order: a rule applies when its condition on the reading holds, and
its reader turns the clause into calls (or a question). The first rule with an answer wins. Then
`within_scope` holds the answer to the scope the person named: calls that would change the whole
video or a whole track, for a request about one clip, a described shot, a stretch of time or "the
middle part", become one short question instead ("Scope is never widened").

Priorities settle overlaps, and say why in their comment; a new phrasing goes into the reader of
its rule, and a new kind of request into a new row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import edit_clauses as ec
from .calls import Ask, Call, Parsed
from .content_clauses import read_content
from .design_clauses import read_design
from .reading import SHOT_NOUN as _SHOT_NOUN
from .reading import Reading, Window, read
from .repeat_clauses import read_repeat
from .scope import without_rejected
from .sound_clauses import read_font, read_music_range, read_replace_music, read_voice
from .text_clauses import read_caption, read_title
from .vague import read_elsewhere, read_vague
from .version_clauses import read_versions

Reader = Callable[[str, str], Parsed]  # a clause and its lower case → calls, a question or None


@dataclass(frozen=True)
class Rule:
    priority: int
    name: str
    read: Reader | None  # None: `parts` reads the reading itself
    when: Callable[[Reading], bool] = lambda r: True
    parts: Callable[[Reading], Parsed] | None = None

    def apply(self, reading: Reading) -> Parsed:
        if not self.when(reading):
            return None
        if self.read is None:
            return self.parts(reading) if self.parts else None
        return self.read(reading.clause, reading.low)


_TRACKS = ("title", "captions", "music", "voice")


_STANDS_IN = 99  # a clip number no video has, standing in for the described shot while reading
_BY_SHOT = ("set_clip_length", "set_clip_speed", "remove_clip")  # tools that find a clip by what it shows


def _about_shot(reading: Reading) -> Parsed:
    """ "make the croissant shot stay on screen longer, like 5 seconds": read as if it said "clip 99",
    then the clip is the one showing the croissant (the tool finds it, or asks)."""
    shot = re.escape(reading.shot or "")
    numbered = re.sub(
        rf"(?:\bthe\s+|^\W*){shot}\s+{_SHOT_NOUN}\b"
        rf"|\b(?:the\s+)?{_SHOT_NOUN}\s+(?:of|with|showing)\s+(?:the\s+|our\s+|my\s+|a\s+)?{shot}\b",
        f"clip {_STANDS_IN}",
        reading.clause,
        count=1,
        flags=re.I,
    )
    if numbered == reading.clause:
        return None
    found = parse_edit(numbered)
    if not isinstance(found, list) or not found:
        return None  # no edit of one clip (or a question about "clip 99"): the scope check asks
    if any(c.args.get("clip") != _STANDS_IN or c.name not in _BY_SHOT for c in found):
        return None  # an edit that cannot be aimed at a described clip: the scope check asks
    return [Call(c.name, {**c.args, "clip": 0, "shot": reading.shot}) for c in found]


RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            Rule(5, "yes or no", ec.answer),  # the answer to a question waiting for a yes
            # "make a square version", "go back to the original" (not undo), "show my versions"
            Rule(7, "versions", read_versions, lambda r: not r.names("voice", "music", "font")),
            Rule(10, "history", ec.history),  # "undo", "redo": before anything reads their words
            # the last edit again ("do the same to the title", "a bit more", "太大了，再小一点"): only
            # clauses that name no other edit, so before the readers that would take their words
            Rule(12, "the last edit again", read_repeat),
            Rule(15, "bring back", ec.bring_back),  # "bring the captions back": not an undo, not an add
            Rule(20, "look", ec.show),  # questions about the timeline change nothing
            # work outside the video ("post it on TikTok"): an answer, not the shape a platform names
            Rule(25, "elsewhere", read_elsewhere),
            # the content of the video: a call to action, the brand in a corner, the part about a
            # topic, uploads onto the scenes ("use my photos for the scenes", "remove the team photo")
            Rule(27, "content", read_content),
            # "make the croissant shot stay on screen 5 s": a clip edit aimed at the clip showing it
            Rule(28, "a described clip", None, lambda r: r.scope == "shot" and bool(r.shot), _about_shot),
            # music over a stretch of time ("mute the music during the last 3 seconds"), before any
            # reader of whole-track changes could take it
            Rule(30, "music over a range", read_music_range, lambda r: r.names("music")),
            # a font ("something more elegant", "playful"): before `design` reads "playful" as a style
            Rule(35, "font", read_font, lambda r: r.names("font", "text", "title", "captions")),
            # the design of designed scenes (style, colours, a scene's art or words, the logo): before
            # `vague`, which answers "logo" requests on videos without designed scenes; 黑场过渡 is no art
            Rule(40, "design", read_design, lambda r: not r.names("transition")),
            # "replace the music with something more upbeat": before `vague` and `music` add a mood
            Rule(45, "another music", read_replace_music, lambda r: r.names("music")),
            Rule(46, "voice choice", read_voice, lambda r: r.names("voice")),  # "a female voice"
            Rule(50, "vague", read_vague),  # complaints without an edit verb ("the ending is abrupt")
            # a removal in other words ("turn the music off"), before `music` could add music
            Rule(60, "switch off", ec.switch_off, lambda r: r.seconds is None and not r.names("original")),
            Rule(70, "music fades", ec.music_fade, lambda r: r.names("music")),  # not the transitions
            Rule(80, "transitions", ec.transition),
            Rule(90, "original sound", ec.original),  # "mute it": the clips' own sound
            # a time named with a cut verb is a cut ("remove the first 10 seconds"), not a removal;
            # a time with a track named is about that track ("remove the music for the first 5 s")
            Rule(100, "cuts", ec.cut, lambda r: r.seconds is not None and not r.names(*_TRACKS)),
            Rule(110, "clips", ec.clips),  # the row: remove, swap, move, speed of clips
            Rule(120, "voice-over", ec.voiceover),  # "add a voice-over", "someone reading the script"
            Rule(130, "removals", ec.remove),
            Rule(140, "volumes", ec.volume),  # "music 20%", before `music` reads it as adding music
            Rule(145, "uploaded song", ec.uploaded_song, lambda r: r.names("music")),  # not a mood's loop
            Rule(150, "music", ec.music, lambda r: r.names("music")),
            Rule(160, "title", read_title, lambda r: r.names("title")),
            Rule(170, "captions", read_caption),
            Rule(180, "length", ec.length),  # after the cuts and the title's "for 5 seconds"
            Rule(190, "shape", ec.aspect, lambda r: r.ratio is not None),
            Rule(200, "uploads", ec.media),
            Rule(900, "a bare removal", ec.bare_remove),  # "remove" alone: ask what
        ),
        key=lambda rule: rule.priority,
    )
)


def parse_edit(clause: str) -> Parsed:
    """One clause → tool calls, a question, or None when no rule reads it."""
    reading = read(without_rejected(clause))
    for rule in RULES:
        if found := rule.apply(reading):
            return within_scope(reading, found)
    return None


def within_scope(reading: Reading, found: Parsed) -> Parsed:
    """The calls, or a question when one of them would change more than the person named."""
    if not isinstance(found, list) or reading.scope == "video" or not any(_whole(c) for c in found):
        return found
    return _narrower_question(reading)


def _whole(call: Call) -> bool:
    """A call that changes the whole video or a whole track."""
    args = call.args
    if call.name == "set_volume":
        return not any(k in args for k in ("fade_in_s", "fade_out_s", "from_s", "to_s"))
    if call.name == "set_clip_speed":
        return "clip" not in args
    return call.name in ("set_length", "remove_track")


def _window_words(window: Window) -> tuple[str, str]:
    def s(t: float) -> str:
        return f"{t:g} s"

    if window.from_end:
        return f"the last {s(window.start)}", f"最后{window.start:g}秒"
    if window.start == 0 and window.end is not None:
        return f"the first {s(window.end)}", f"前{window.end:g}秒"
    if window.end is None:
        return f"from {s(window.start)} to the end", f"从{window.start:g}秒到结尾"
    return f"{s(window.start)} to {s(window.end)}", f"{window.start:g}秒到{window.end:g}秒"


def _narrower_question(reading: Reading) -> Ask:
    if reading.scope == "time" and reading.window is not None:
        en, zh = _window_words(reading.window)
        return Ask(
            f"I can't make that change for {en} only, and I won't change the whole video instead. I can "
            "cut that stretch ('cut from 0:05 to 0:08'), or change the clips in it by number "
            "('slow down clip 3'); \"what's in my timeline?\" shows where each clip starts.",
            f"我没法只改{zh}，也不会改整个视频。可以剪掉这段（“剪掉0:05到0:08”），或按编号修改其中的片段"
            "（“第3段放慢”）；“看看时间线”会列出每段的开始时间。",
        )
    if reading.scope == "clips":
        en = ", ".join("the last" if n < 0 else str(n) for n in reading.clips)
        return Ask(
            f"I can't do that for clip {en} alone, and I won't change the whole video instead. For one "
            f"clip I can change its length ('make clip {en} 3 seconds long'), its speed ('slow down clip "
            f"{en}'), move it, swap it or remove it.",
            f"我没法只对第{en}段这样做，也不会改整个视频。对单个片段可以改时长（“第{en}段改成3秒”）、速度、移动、交换或删除。",
        )
    if reading.scope == "shot":
        what = reading.shot or reading.topic or "that"
        return Ask(
            f"What should I do with the {what} clip? I can change its length ('make the {what} shot 5 "
            f"seconds long'), its speed ('speed up the {what} shot'), move or remove it; the rest stays "
            "as it is.",
            f"要怎么改“{what}”这个片段？可以改时长（“第2段改成5秒”）、速度、位置，或删除它；其余不变。",
        )
    return Ask(
        "Which clips are the part you mean? Say e.g. 'speed up clips 2 and 3' (\"what's in my timeline?\" "
        "lists them); the rest stays as it is.",
        "是哪几个片段？例如“片段2和3加速”（“看看时间线”会列出它们）；其余不变。",
    )
