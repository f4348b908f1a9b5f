"""Small readers of English phrasing used by `intents.py`: durations, percentages, quotes, moods.

Each function takes a piece of the message and returns a value or None; none of them decides what
the person wants (that is `intents.py`).
"""

from __future__ import annotations

import re

from .music import mood_name

VIDEO_NOUN = (
    r"video|clip|reel|short|promo|slideshow|slide show|movie|film|trailer|montage|story|ad|"
    r"advert|commercial|teaser|intro|text|media|photos|something"
)
GENERATE = re.compile(
    rf"\b(generate|create|produce|build|compose)\b(?!\s+(?:a\s+|an\s+|the\s+)?"
    rf"(?:title|caption|subtitle|music|soundtrack|text)\b)|\bmake\s+(?:me\s+)?(?:a|an|another|new)\b"
    rf"(?=.*\b(?:{VIDEO_NOUN})s?\b)|^\s*(?:{VIDEO_NOUN})\s+from\b",
    re.I,
)
MUSIC_WORD = re.compile(r"\b(music|bgm|soundtrack|song|tune|background audio|audio track|beat)\b", re.I)
DURATION = re.compile(
    r"(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|minutes?|mins?)(?![a-z])|(\d+(?:\.\d+)?)\s*秒", re.I
)
_QUOTED = [
    re.compile(r"[\"“”]([^\"“”]+)[\"“”]"),
    re.compile(r"‘([^’]+)’"),
    re.compile(r"(?:^|(?<=[\s(:]))'(.+?)'(?=\s|$|[.,!?;:)])"),
]
_EDIT_VERB = (
    r"add|set|make|trim|cut|remove|delete|change|put|use|title|mute|lower|raise|turn|switch|show|"
    r"insert|shorten|drop|include"
)
_SPLIT = re.compile(
    rf";|\n+|(?<=[.!?])\s+|\s*,?\s*\b(?:and then|then|and also|plus)\s+|\s*,?\s+and\s+(?=(?:{_EDIT_VERB})\b)"
    rf"|,\s*(?=(?:{_EDIT_VERB})\b)",
    re.I,
)
_COLOURS = {
    "black": "#000000", "white": "#FFFFFF", "red": "#C0392B", "blue": "#1F4E79", "green": "#1E8449",
    "navy": "#0B1F3A", "purple": "#5B2C6F", "orange": "#D35400", "yellow": "#D4AC0D", "pink": "#C2185B",
    "gray": "#555555", "grey": "#555555", "teal": "#117A65",
}  # fmt: skip


def quoted(text: str) -> str | None:
    for pattern in _QUOTED:
        if m := pattern.search(text):
            return m.group(1).strip()
    return None


def without_quotes(text: str) -> str:
    for pattern in _QUOTED:
        text = pattern.sub(" ", text)
    return text


def split_clauses(text: str) -> list[str]:
    """Split edits apart, never inside quotes."""
    saved: list[str] = []

    def hide(m: re.Match[str]) -> str:
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    hidden = text
    for pattern in _QUOTED:
        hidden = pattern.sub(hide, hidden)
    parts = [p for p in _SPLIT.split(hidden) if p and p.strip()]
    return [re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], p).strip() for p in parts]


def split_script(text: str) -> tuple[str, str]:
    """(command, script): the script follows the first colon that ends a phrase, or the first line."""
    m = re.search(r":(?=\s)", text)
    newline = text.find("\n")
    if m and (newline < 0 or m.start() < newline):
        return text[: m.start()], text[m.end() :].strip()
    if newline >= 0:
        return text[:newline], text[newline + 1 :].strip()
    q = quoted(text)
    if q and len(q.split()) >= 5:
        return without_quotes(text), q
    return text, ""


def duration_s(text: str) -> float | None:
    m = DURATION.search(without_quotes(text))
    if not m:
        return None
    if m.group(3):
        return float(m.group(3))
    value, unit = float(m.group(1)), m.group(2).lower()
    return value * 60 if unit.startswith("min") else value


def percent(text: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", text, re.I) or re.search(
        r"\bvolume\s+(?:to\s+|at\s+|of\s+)?(\d+(?:\.\d+)?)\b", text, re.I
    )
    if not m:
        return None
    value = float(m.group(1))
    return max(0.0, min(1.0, value / 100 if value > 1 else value))


def mood(text: str) -> str | None:
    for word in re.findall(r"lo[- ]fi|[a-z]+", text.lower()):
        if name := mood_name(word):
            return name
    return None


def music_request(text: str) -> tuple[str, float | None] | None:
    """("none", None) for "no music"; (mood or "auto", volume or None) when music is asked for."""
    low = text.lower()
    if re.search(r"\b(no|without)\s+(background\s+)?(music|bgm|soundtrack)\b", low):
        return "none", None
    if not MUSIC_WORD.search(low):
        return None
    return mood(low) or "auto", percent(low)


def aspect_ratio(text: str) -> str | None:
    low = text.lower()
    table = [
        (
            r"\b9\s*[:x/]\s*16\b|\bvertical\b|\bportrait\b|\btik ?tok\b|\breels?\b|\bshorts\b|\bstory\b",
            "9:16",
        ),
        (r"\b1\s*[:x/]\s*1\b|\bsquare\b", "1:1"),
        (r"\b4\s*[:x/]\s*5\b", "4:5"),
        (r"\b16\s*[:x/]\s*9\b|\blandscape\b|\bhorizontal\b|\bwidescreen\b|\byoutube\b", "16:9"),
    ]
    for pattern, aspect in table:
        if re.search(pattern, low):
            return aspect
    return None


def titled(text: str) -> str | None:
    m = re.search(r"\b(?:titled|called|named|title)\b\s*:?\s*", text, re.I)
    return quoted(text[m.end() :]) if m else None


def background(text: str) -> str | None:
    low = text.lower()
    m = re.search(r"(#[0-9a-f]{6}|[a-z]+)\s+(?:background|backdrop)\b", low)
    if not m:
        return None
    word = m.group(1)
    if word.startswith("#"):
        return f"color:{word.upper()}"
    return f"color:{_COLOURS[word]}" if word in _COLOURS else None


def after_word(text: str, word: str) -> str | None:
    m = re.search(rf"\b{word}\b\s*[:=]?\s*(.+)", text, re.I)
    if not m:
        return None
    rest = re.split(r"\s+(?:for|from|at|until|on|in|over|during|starting)\b", m.group(1), maxsplit=1)[0]
    rest = rest.strip(" .!,\"'")
    return rest or None


def timing(text: str) -> dict[str, float]:
    low = text.lower()
    num = r"(\d+(?:\.\d+)?)"
    unit = r"\s*(?:seconds?|secs?|s)?"
    if m := re.search(rf"\bfirst\s+{num}{unit}", low):
        return {"start_s": 0.0, "duration_s": float(m.group(1))}
    if m := re.search(rf"\b(?:last|final)\s+{num}{unit}", low):
        return {"start_s": -float(m.group(1)), "duration_s": float(m.group(1))}
    if m := re.search(rf"\bfrom\s+{num}{unit}\s*(?:to|-|until|till)\s*{num}", low):
        start, end = float(m.group(1)), float(m.group(2))
        return {"start_s": start, "duration_s": max(0.5, end - start)}
    out: dict[str, float] = {}
    if m := re.search(rf"\bfor\s+(?:the\s+)?{num}{unit}", low):
        out["duration_s"] = float(m.group(1))
    if m := re.search(rf"\b(?:at|starting at|after)\s+{num}{unit}(?!\s*%)", low):
        out["start_s"] = float(m.group(1))
    elif re.search(r"\bat the end\b", low):
        out["start_s"] = -(out.get("duration_s", 3.0))
    return out


def position(text: str) -> str | None:
    low = text.lower()
    for word, pos in (("top", "top"), ("bottom", "bottom"), ("center", "center"), ("middle", "center")):
        if re.search(rf"\b{word}\b", low):
            return pos
    return None


def track_kind(low: str) -> str | None:
    if MUSIC_WORD.search(low):
        return "music"
    if re.search(r"\b(captions?|subtitles?)\b", low):
        return "captions"
    if re.search(r"\b(title|heading|headline)\b", low):
        return "title"
    return None


def media_group(low: str) -> str | None:
    if re.search(r"\b(photos?|images?|pictures?|pics|stills?)\b", low):
        return "images"
    if re.search(r"\b(videos?|clips?|footage)\b", low) and re.search(
        r"\b(my|uploaded|the|these|those)\b", low
    ):
        return "videos"
    if re.search(r"\b(uploads?|uploaded|files?|media|everything)\b", low):
        return "all"
    return None
