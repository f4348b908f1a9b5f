"""Which clip, caption or place a clause points at: "clip 2", "the second clip", "clips 1 and 3",
"the last clip", "第2个片段", "片段3", "最后一段", "to the start", "after clip 4", "移到开头"."""

from __future__ import annotations

import re

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
}
_NOUN = r"(?:clips?|scenes?|shots?|segments?|slides?|photos?|images?|pictures?|videos?)"
_ZH_NOUN = r"(?:片段|镜头|段|素材|场景|张|个)"


def clip_refs(text: str) -> list[int]:
    """Clip numbers named in the text (1-based; -1 is the last), in the order written."""
    low = text.lower()
    found: list[tuple[int, int]] = []
    for m in re.finditer(
        rf"\b{_NOUN}\s*(?:number\s*|no\.?\s*|#\s*)?(\d+)((?:\s*(?:,|and|&|with|or|和|与|跟)\s*"
        rf"(?:{_NOUN}\s*)?#?\s*\d+)*)",
        low,
    ):
        found.append((m.start(), int(m.group(1))))
        found += [(m.start(2) + n.start(), int(n.group(0))) for n in re.finditer(r"\d+", m.group(2) or "")]
    for m in re.finditer(
        rf"\b(\d+)(?:st|nd|rd|th)\s+{_NOUN}|\b({'|'.join(ORDINALS)})\s+(?:one\b|{_NOUN})", low
    ):
        found.append((m.start(), int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)]))
    for m in re.finditer(rf"\b(?:last|final)\s+{_NOUN}|\bthe\s+last\s+one\b", low):
        found.append((m.start(), -1))
    ordinal = rf"({'|'.join(ORDINALS)}|last|final)"
    for m in re.finditer(rf"\b{ordinal}\s+(?:and|&|with)\s+(?:the\s+)?{ordinal}\s+{_NOUN}", low):
        # "the first and last clip": the first ordinal has no noun of its own
        found += [
            (m.start(i), -1 if g in ("last", "final") else ORDINALS[g])
            for i, g in ((1, m.group(1)), (2, m.group(2)))
        ]
    for m in re.finditer(
        rf"第\s*(\d+)\s*{_ZH_NOUN}?(?:片段|镜头|素材|场景)?((?:\s*(?:和|与|跟|、|,)\s*第?\s*\d+)*)", text
    ):
        found.append((m.start(), int(m.group(1))))
        found += [(m.start(2) + n.start(), int(n.group(0))) for n in re.finditer(r"\d+", m.group(2) or "")]
    for m in re.finditer(r"(?:片段|镜头|素材|场景)\s*(\d+)((?:\s*(?:和|与|跟|、|,)\s*\d+)*)", text):
        found.append((m.start(), int(m.group(1))))
        found += [(m.start(2) + n.start(), int(n.group(0))) for n in re.finditer(r"\d+", m.group(2) or "")]
    for m in re.finditer(r"最后(?:一|1)?(?:个|段|张)?(?:片段|镜头|素材|场景)?", text):
        if re.search(r"片段|镜头|段|素材|场景|张", text[m.start() : m.end() + 3]):
            found.append((m.start(), -1))
    seen: list[int] = []
    for _, n in sorted(found):
        if n not in seen:
            seen.append(n)
    return seen


def destination(text: str, moving: int) -> int | None:
    """Where "move clip `moving` …" puts it, as a clip number (-1: the end)."""
    low = text.lower()
    if re.search(r"\b(start|beginning|front|first)\b|开头|最前|开始|第1位|第一位", low):
        return 1
    if re.search(r"\bto the (?:end|back)\b|\b(?:end|last)\b|最后|结尾|末尾", low):
        return -1
    if m := re.search(
        rf"\bafter\s+(?:{_NOUN}\s*)?#?(\d+)|(?:片段|第)\s*(\d+)\s*(?:段|个)?(?:片段)?之?后", low
    ):
        k = int(m.group(1) or m.group(2))
        return k if moving < k else k + 1
    if m := re.search(
        rf"\bbefore\s+(?:{_NOUN}\s*)?#?(\d+)|(?:片段|第)\s*(\d+)\s*(?:段|个)?(?:片段)?之?前", low
    ):
        k = int(m.group(1) or m.group(2))
        return k if moving > k else k - 1
    if m := re.search(
        r"\b(?:to|into)\s+(?:position|place|spot|slot)?\s*#?(\d+)\b|\bposition\s+(\d+)|移到第\s*(\d+)|第\s*(\d+)\s*(?:位|个位置)",
        low,
    ):
        return int(next(g for g in m.groups() if g))
    return None


def caption_ref(text: str) -> int | None:
    low = text.lower()
    if m := re.search(
        r"\b(?:caption|subtitle|line)\s*#?\s*(\d+)|第\s*(\d+)\s*(?:条|句|行|个)\s*字幕|字幕\s*(\d+)", low
    ):
        return int(next(g for g in m.groups() if g))
    if m := re.search(rf"\b({'|'.join(ORDINALS)})\s+(?:caption|subtitle|line)", low):
        return ORDINALS[m.group(1)]
    if re.search(r"\b(?:opening|intro)\s+(?:caption|subtitle|line)", low):
        return 1
    if re.search(
        r"\b(?:last|final|ending|closing|end)\s+(?:caption|subtitle|line)|最后\s*[一1]?\s*[条句行个]?\s*字幕",
        low,
    ):
        return -1  # "get rid of the last caption": that one, never all of them
    return None
