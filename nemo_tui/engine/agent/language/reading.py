"""One clause read once into its parts: what it is about, how much of the video, and its values.

`read(clause)` is the first step of `rules.parse_edit`: the rules table (`rules.py`) decides which
reader turns a clause into tool calls from these parts, and `rules.within_scope` checks the calls
against the scope read here, so no reader can widen a request about one clip or a stretch of time to
the whole video ("mute the music during the last 3 seconds" never mutes the whole track).

- `about`: the parts of the video the clause names (`music`, `voice`, `original`, `captions`,
  `title`, `clip`, `transition`, `text`, `logo`, `font`), read with quoted words left out.
- `scope`: `clips` (numbered: "clip 2", "第3段"), `shot` (described: "the croissant shot"), `time` (a
  stretch: "during the last 3 seconds", "from 0:10 to 0:15", "最后3秒"), `part` ("the middle
  section", "后半段") or `video` (the whole of it, or nothing narrower named).
- values: seconds, a time window, a percentage, quoted words, a colour, a mood, a shape.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import phrases as ph
from . import refs
from .times import first_time, percent, time_range, times

_ABOUT = {
    "music": ph.MUSIC_WORD,
    "voice": ph.VOICE_WORD,
    "original": ph.ORIGINAL_WORD,
    "captions": ph.CAPTION_WORD,
    "title": ph.TITLE_WORD,
    "clip": ph.CLIP_WORD,
    "transition": ph.TRANSITION_WORD,
    "text": re.compile(r"\btext\b|\bwords\b|文字", re.I),
    "logo": re.compile(r"\blogo\b|\bwatermark\b|商标|水印|标志|logo", re.I),
    "font": re.compile(r"\bfonts?\b|\btypeface\b|字体", re.I),
}
# A stretch of time, as opposed to a length: "during the last 3 seconds", "for the first 5 s",
# "from 10 s", "最后3秒", "前5秒". (A bare "3 seconds" is a length or a duration, not a stretch.)
_LAST = re.compile(
    r"\b(?:during|for|in|over|at|on)?\s*(?:the\s+)?(?:last|final|closing)\s+(?=\d|a\b|one\b|few\b)"
    r"|最后|末尾|结尾的?\s*(?=\d)|后\s*(?=\d+\s*秒)",
    re.I,
)
_FIRST = re.compile(
    r"\b(?:during|for|in|over|at|on)?\s*(?:the\s+)?(?:first|opening)\s+(?=\d|a\b|one\b|few\b)|前\s*(?=\d+\s*秒)",
    re.I,
)
_FROM = re.compile(r"\b(?:from|after|starting at|starting from|since)\s+(?=\d)|从\s*(?=\d)", re.I)
_PART = re.compile(
    r"\b(?:middle|mid)\s+(?:section|part|bit|portion|of the video)|\bthe\s+middle\b|\b(?:first|second|"
    r"last|latter|back)\s+half\b|\b(?:this|that|one)\s+(?:section|part|bit)\b|中间(?:那|这)?(?:段|部分)?"
    r"|(?:前|后)半(?:段|部分)?|那一?段|一部分",
    re.I,
)
# A clip described by what it shows, not by its number: "the croissant shot", "the team photo",
# "the picture of the storefront". Words that are no description are left out.
SHOT_NOUN = r"(?:shot|photo|picture|pic|image|clip|scene|slide|footage)"
_SHOT = re.compile(
    rf"\bthe\s+((?:[\w'-]+\s+){{0,2}}?[\w'-]+)\s+{SHOT_NOUN}\b|\b(?:the\s+)?{SHOT_NOUN}\s+(?:of|with|showing)"
    rf"\s+(?:the\s+|our\s+|my\s+|a\s+)?([\w'-]+(?:\s+[\w'-]+)?)",
    re.I,
)
_NO_DESCRIPTION = re.compile(
    r"^(?:first|second|third|fourth|fifth|sixth|last|final|next|previous|other|same|whole|every|each|all|"
    r"this|that|these|those|my|our|your|one|two|title|opening|ending|closing|intro|outro|current|new|"
    r"uploaded|video|same|any|some|\d+\w*|middle|a|an)$",
    re.I,
)
# "the part where it talks about the Vermont flour", "the scene about delivery", "讲配送的那段"
_TOPIC = re.compile(
    r"\b(?:part|bit|section|scene|clip|slide|shot|sentence|line)s?\s+(?:where\s+(?:it|we|they|you|he|she)\s+"
    r"(?:talks?|speaks?|mentions?|says?|is)(?:\s+about)?|about|that\s+(?:talks?|mentions?|says?)(?:\s+about)?"
    r"|mentioning)\s+(?:the\s+|our\s+|my\s+)?(.+?)\s*$"
    r"|(?:讲|说|提到|关于)(.+?)的(?:那|这)?(?:段|部分|场景|片段|句)",
    re.I,
)


@dataclass(frozen=True)
class Window:
    """A stretch of time: `start` and `end` in seconds; with `from_end`, counted back from the end
    ("the last 3 seconds" is Window(3, 0, from_end=True)). `end` None: to the end."""

    start: float
    end: float | None
    from_end: bool = False


@dataclass(frozen=True)
class Reading:
    clause: str
    low: str
    plain: str  # `low` without the quoted words (new text is not a description)
    about: frozenset[str]
    clips: tuple[int, ...]  # clip numbers as written (1-based; -1 the last)
    caption: int | None
    shot: str | None  # a clip described by what it shows
    topic: str | None  # "the part about …"
    window: Window | None
    scope: str  # clips | shot | time | part | video
    seconds: float | None
    percent: float | None
    quoted: str | None
    colour: str | None
    mood: str | None
    ratio: str | None

    def names(self, *parts: str) -> bool:
        return not self.about.isdisjoint(parts)


def read(clause: str) -> Reading:
    low = clause.lower()
    plain = ph.without_quotes(low)
    about = frozenset(name for name, word in _ABOUT.items() if word.search(plain))
    clips = tuple(refs.clip_refs(without_times(plain)))  # "make the video 1 min" names no clip 1
    window = time_window(plain)
    shot = described_shot(plain) if not clips else None
    topic_match = _TOPIC.search(plain)
    topic = (topic_match.group(1) or topic_match.group(2)).strip(" .!?,") if topic_match else None
    if clips:
        scope = "clips"
    elif shot or topic:
        scope = "shot"
    elif window:
        scope = "time"
    elif _PART.search(plain):
        scope = "part"
    else:
        scope = "video"
    return Reading(
        clause=clause,
        low=low,
        plain=plain,
        about=about,
        clips=clips,
        caption=refs.caption_ref(plain),
        shot=shot,
        topic=topic,
        window=window,
        scope=scope,
        seconds=first_time(plain),
        percent=percent(low),
        quoted=ph.quoted(clause),
        colour=ph.colour_word(clause),
        mood=ph.mood(plain),
        ratio=ph.aspect_ratio(plain),
    )


def time_window(plain: str) -> Window | None:
    """The stretch of time a clause names, if it names one (not a length: "make it 15 s")."""
    found = times(plain)
    if len(found) >= 2 and re.search(r"\bbetween\b", plain[: found[0].start]):
        return Window(found[0].seconds, found[1].seconds)
    if span := time_range(plain):
        if re.search(r"\b(?:from|between|during|over|for|in|at)\b|从|在|之间|\d\s*(?:-|–|到|至)\s*\d", plain):
            return Window(span[0], span[1])
    for pattern, kind in ((_LAST, "last"), (_FIRST, "first"), (_FROM, "from")):
        if m := pattern.search(plain):
            seconds = first_time(plain[m.end() :])
            if seconds is None and re.match(r"\s*(?:a\s+few|few)\b", plain[m.end() :]):
                seconds = 3.0
            if seconds is not None:
                return {
                    "last": Window(seconds, 0.0, from_end=True),
                    "first": Window(0.0, seconds),
                    "from": Window(seconds, None),
                }[kind]
    return None


# "flour scene flies by": a described shot opening the clause, without "the"
_BARE_SHOT = re.compile(rf"^\W*([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+{SHOT_NOUN}\b")
_VERBISH = re.compile(
    r"^(?:make|put|use|remove|delete|cut|trim|move|swap|speed|slow|add|show|give|change|set|let|can|could|please|pls)$"
)


def described_shot(plain: str) -> str | None:
    """ "the croissant shot" → "croissant"; "the second clip" → None (a number, read by `refs`)."""
    for m in _SHOT.finditer(plain):
        if m.group(1):  # "the croissant shot": every word before the noun describes it
            words = m.group(1).split()
            if not any(_NO_DESCRIPTION.match(w) for w in words):
                return " ".join(words)
        else:  # "the picture of the storefront first": the describing words, up to the next
            kept = list(itertools.takewhile(lambda w: not _NO_DESCRIPTION.match(w), m.group(2).split()))
            if kept:
                return " ".join(kept)
    if bare := _BARE_SHOT.match(plain):
        words = bare.group(1).split()
        if not any(_NO_DESCRIPTION.match(w) or _VERBISH.match(w) for w in words):
            return " ".join(words)
    return None


def without_times(plain: str) -> str:
    for t in reversed(times(plain)):
        plain = plain[: t.start] + " " * (t.end - t.start) + plain[t.end :]
    return plain
