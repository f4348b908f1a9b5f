"""Times, numbers and percentages as people type them, in English and Chinese.

`normalize` first makes a message easier to read: full-width characters become ASCII (NFKC), Chinese
numerals before a unit become digits ("二十秒" → "20秒", "第二个" → "第2个", "百分之三十" → "30%").
Then `times` finds every time in it: `0:30`, `1:02:03`, `30s`, `30 sec`, `1m30s`, `1 min 30 s`,
`1.5 minutes`, `a minute`, `half a minute`, `30秒`, `1分30秒`, `2分钟`, `半分钟`, `15-second`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = r"[零〇一二两三四五六七八九十百]+"
_CN_UNIT_AFTER = r"(?=\s*(?:秒|分|个|段|号|倍|张|条|句|行|小时|%|个片段|个镜头))"


def cn_number(text: str) -> int | None:
    """ "二十五" → 25, "十" → 10, "一百二" → 120; None for anything else."""
    if not text or any(c not in _CN_DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    if text.endswith("百") is False and len(text) >= 2 and text[-2] == "百":
        current *= 10  # 一百二 = 120
    return total + current


def normalize(text: str) -> str:
    """Full-width to ASCII, Chinese numbers before units (and after 第 / 百分之) to digits."""
    text = unicodedata.normalize("NFKC", text)
    # Words in quotes are the person's own, to show as written ("新学员第一节课免费" keeps its 一).
    return "".join(p if _QUOTED.fullmatch(p) else _numbers(p) for p in _QUOTED.split(text))


_QUOTED = re.compile(r"(\"[^\"]*\"|“[^”]*”|「[^」]*」|『[^』]*』)")


def _numbers(text: str) -> str:
    text = re.sub(r"半分钟", "30秒", text)
    text = re.sub(
        rf"百分之({_CN_NUM}|\d+(?:\.\d+)?)", lambda m: f"{cn_number(m.group(1)) or m.group(1)}%", text
    )
    text = re.sub(rf"第({_CN_NUM})", lambda m: f"第{cn_number(m.group(1))}", text)
    text = re.sub(  # "片段二和片段五": a clip's number after its noun
        rf"(片段|镜头|场景)({_CN_NUM})", lambda m: f"{m.group(1)}{cn_number(m.group(2))}", text
    )
    text = re.sub(rf"(\d?)({_CN_NUM}){_CN_UNIT_AFTER}", _digits, text)
    text = re.sub(r"(\d+)分半(?:钟)?", lambda m: f"{m.group(1)}分30秒", text)
    return text


def _digits(m: re.Match[str]) -> str:
    """A Chinese number as digits, kept apart from a digit just before it ("片段2两倍" → "片段2 2倍")."""
    return f"{m.group(1)} {cn_number(m.group(2))}" if m.group(1) else str(cn_number(m.group(2)))


@dataclass(frozen=True)
class Time:
    seconds: float
    start: int  # character span in the text
    end: int


_NUM = r"(\d+(?:\.\d+)?)"
_SEC = r"(?:seconds?|secs?|s)(?![a-z])"
_MIN = r"(?:minutes?|mins?|m)(?![a-z])"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![\d.])(\d{1,2}):(\d{2}):(\d{2})(?!\d)"), "hms"),
    (re.compile(r"(?<![\d.:])(?!9:16(?!\d))(\d{1,3}):(\d{2})(?![\d:])"), "ms"),  # 9:16 is a shape
    (re.compile(rf"{_NUM}\s*{_MIN}\s*(?:and\s*)?{_NUM}\s*{_SEC}", re.I), "m_s"),
    (re.compile(rf"{_NUM}\s*分(?:钟)?\s*{_NUM}\s*秒(?:钟)?"), "m_s"),
    (re.compile(rf"{_NUM}\s*-?\s*{_SEC}", re.I), "s"),
    (re.compile(rf"{_NUM}\s*秒(?:钟)?"), "s"),
    (re.compile(rf"{_NUM}\s*-?\s*{_MIN}", re.I), "m"),
    (re.compile(rf"{_NUM}\s*分钟"), "m"),
    (re.compile(r"\bhalf\s+(?:a|an)\s+minute\b", re.I), "half"),
    (re.compile(r"\b(?:a|one)\s+minute\s+and\s+a\s+half\b", re.I), "one_half"),
    (re.compile(r"\b(?:a|one)[\s-]+minute\b", re.I), "one"),
    (re.compile(r"\b(?:a|one)\s+second\b", re.I), "one_s"),
]


def _value(m: re.Match[str], kind: str) -> float:
    g = m.groups()
    readers: dict[str, Callable[[], float]] = {
        "hms": lambda: int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]),
        "ms": lambda: int(g[0]) * 60 + int(g[1]),
        "m_s": lambda: float(g[0]) * 60 + float(g[1]),
        "s": lambda: float(g[0]),
        "m": lambda: float(g[0]) * 60,
        "half": lambda: 30.0,
        "one_half": lambda: 90.0,
        "one": lambda: 60.0,
        "one_s": lambda: 1.0,
    }
    return readers[kind]()


def times(text: str) -> list[Time]:
    """Every time in the text, in order, longest reading first where they overlap."""
    found: list[Time] = []
    # Spans already read, sorted and disjoint: a new match can only overlap its two neighbours, so
    # checking them keeps a message of thousands of times linear (comparing with every span was not).
    starts: list[int] = []
    ends: list[int] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            i = bisect.bisect_right(starts, m.start())
            if (i and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end()):
                continue
            starts.insert(i, m.start())
            ends.insert(i, m.end())
            found.append(Time(_value(m, kind), m.start(), m.end()))
    return sorted(found, key=lambda t: t.start)


_RANGE_JOIN = r"\s*(?:-|–|~|to|until|till|through|到|至|和)\s*"
_BARE_START = re.compile(rf"(?<![\d.:])(\d+(?:\.\d+)?){_RANGE_JOIN}$", re.I)
_BARE_WINDOW = 40


def time_range(text: str) -> tuple[float, float] | None:
    """`from 0:30 to 1:45`, `0-3s`, `10s-20s`, `10到20秒`, `0:30到1:45`: (start, end) in seconds."""
    found = times(text)
    for a, b in zip(found, found[1:], strict=False):
        if re.fullmatch(_RANGE_JOIN, text[a.end : b.start], re.I) and b.seconds > a.seconds:
            return a.seconds, b.seconds
    for t in found:  # a bare number before a time with a unit: "0-3s", "10到20秒"
        # Only the few characters before the time (the lookbehind still sees the text before them):
        # searching the whole text before every time made a message full of times quadratic.
        if m := _BARE_START.search(text, max(0, t.start - _BARE_WINDOW), t.start):
            unit = (
                60
                if re.search(r"m(?:in)?|分", text[t.start : t.end]) and ":" not in text[t.start : t.end]
                else 1
            )
            start = float(m.group(1)) * unit
            if start < t.seconds:
                return start, t.seconds
    return None


def first_time(text: str) -> float | None:
    found = times(text)
    return found[0].seconds if found else None


def percent(text: str) -> float | None:
    """ "35%", "35 percent", "百分之35" (after normalize) as 0..1."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b)", text, re.I)
    if not m:
        return None
    return max(0.0, min(1.0, float(m.group(1)) / 100))
