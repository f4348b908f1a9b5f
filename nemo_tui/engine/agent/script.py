"""Turn a text script into a first-cut draft: a title card, one scene per sentence, captions.

Scene visuals are the session's uploaded images and videos in upload order (images get a Ken Burns
move), or colour gradients when there are none. Scene lengths follow the words in each sentence
(about 2.6 words a second, 2.5 to 8 s a scene), scaled to a target length when one is asked for.
Captions belong to their scene: each starts after the crossfade into its scene and ends before the
crossfade out of it, so two captions never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import draft_ops as ops

TITLE_CARD_MS = 3000
FADE_MS = 500
MIN_SCENE_MS, MAX_SCENE_MS = 2500, 8000
MIN_TARGET_SCENE_MS = 2000  # with a length asked for: room for a caption between crossfades
WORDS_PER_S = 2.6
MAX_SCENES = 12
SLIDE_MS = 4000
TITLE_CARD_SRC = "color:#101820"
GRADIENTS = [
    "gradient:#1E3C72,#2A5298",
    "gradient:#134E5E,#71B280",
    "gradient:#42275A,#734B6D",
    "gradient:#0F2027,#2C5364",
    "gradient:#373B44,#4286F4",
    "gradient:#614385,#516395",
]
KEN_BURNS = [
    {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.5, 0.5]},
    {"from": [1.15, 0.45, 0.5], "to": [1.0, 0.55, 0.5]},
    {"from": [1.05, 0.4, 0.45], "to": [1.15, 0.6, 0.55]},
    {"from": [1.15, 0.5, 0.55], "to": [1.05, 0.5, 0.45]},
]

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


@dataclass(frozen=True)
class Visual:
    src: str
    file_type: str  # "image" | "video"
    name: str
    duration_ms: int | None = None


def split_sentences(script: str) -> list[str]:
    parts = [p.strip(" \t\"'“”") for p in _SENTENCE_END.split(script.strip())]
    sentences = [p for p in parts if re.search(r"\w", p)]
    if len(sentences) <= MAX_SCENES:
        return sentences
    per = -(-len(sentences) // MAX_SCENES)
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def split_heading(script: str) -> tuple[str | None, str]:
    """A short first line without end punctuation, followed by more text, is the script's title."""
    lines = [ln.strip() for ln in script.strip().splitlines() if ln.strip()]
    if len(lines) > 1 and len(lines[0].split()) <= 8 and not lines[0].endswith((".", "!", "?")):
        return lines[0].strip(" #*:"), "\n".join(lines[1:])
    return None, script


def derive_title(script: str) -> str:
    heading, rest = split_heading(script)
    if heading:
        return heading
    words = re.findall(r"[\w'’-]+", split_sentences(rest)[0] if rest.strip() else "")
    return " ".join(words[:4]).title() or "My Video"


def _card_ms(target_ms: int | None) -> int:
    return TITLE_CARD_MS if not target_ms else max(1000, min(TITLE_CARD_MS, target_ms // 4))


def _group(sentences: list[str], count: int) -> list[str]:
    """At most `count` scenes: neighbouring sentences share a scene when there are too many."""
    if len(sentences) <= count:
        return sentences
    per = -(-len(sentences) // count)
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def _scene_lengths(sentences: list[str], target_ms: int | None) -> list[int]:
    natural = [
        min(MAX_SCENE_MS, max(MIN_SCENE_MS, round(len(s.split()) / WORDS_PER_S * 1000))) if s else SLIDE_MS
        for s in sentences
    ]
    if not target_ms:
        return natural
    body = target_ms - _card_ms(target_ms) + FADE_MS * len(sentences)
    scale = body / sum(natural)
    lengths = [max(MIN_TARGET_SCENE_MS, round(n * scale)) for n in natural]
    lengths[-1] = max(MIN_TARGET_SCENE_MS, lengths[-1] + body - sum(lengths))
    return lengths


def _caption(draft: dict[str, Any], text: str, window: tuple[int, int], short: int, scene_id: str) -> dict:
    st, end = window
    return {
        "id": ops.next_id(draft, "s"),
        "st": st,
        "d": end - st,
        "text": text,
        "style": _caption_style(short),
        "m": {"name": "Caption", "scene": scene_id},
    }


def _visual_segment(draft: dict[str, Any], index: int, visuals: list[Visual], background: str | None) -> dict:
    seg: dict[str, Any] = {"id": ops.next_id(draft, "s")}
    if visuals:
        visual = visuals[index % len(visuals)]
        seg.update({"src": visual.src, "in": 0, "fit": "cover", "m": {"name": visual.name}})
        if visual.file_type == "image":
            seg["fx"] = {"kenburns": KEN_BURNS[index % len(KEN_BURNS)]}
        else:
            seg.update({"speed": 1.0, "vol": 0.0})
    else:
        seg.update(
            {"src": background or GRADIENTS[index % len(GRADIENTS)], "m": {"name": f"scene {index + 1}"}}
        )
    return seg


def build_draft(
    script: str,
    *,
    aspect: str = "16:9",
    target_ms: int | None = None,
    title: str | None = None,
    visuals: list[Visual] | None = None,
    background: str | None = None,
) -> dict[str, Any]:
    """A new draft from the script; the caller adds music."""
    heading, body = split_heading(script)
    title = title or heading or derive_title(script)
    sentences = split_sentences(body) or [""] * len(visuals or [])
    card_ms = _card_ms(target_ms)
    if target_ms:
        room = (target_ms - card_ms + FADE_MS) // (MIN_TARGET_SCENE_MS - FADE_MS)
        sentences = _group(sentences, max(1, room))
    draft = ops.new_draft(aspect)
    short = min(draft["canvas"]["w"], draft["canvas"]["h"])
    video = ops.add_track(draft, ops.VIDEO, "main", f"{len(sentences)} scenes")
    card_src = background or TITLE_CARD_SRC
    video["sg"].append({"id": ops.next_id(draft, "s"), "st": 0, "d": card_ms, "src": card_src,
                        "m": {"name": "title card"}})  # fmt: skip
    captions = ops.add_track(draft, ops.TEXT, "captions", "Captions")
    start = card_ms - FADE_MS
    for i, (sentence, length) in enumerate(zip(sentences, _scene_lengths(sentences, target_ms), strict=True)):
        seg = _visual_segment(draft, i, visuals or [], background)
        seg.update({"st": start, "d": length, "tr": {"type": "fade", "d": FADE_MS}})
        video["sg"].append(seg)
        out_fade = 0 if i == len(sentences) - 1 else FADE_MS
        if sentence:  # a caption shows between the crossfades into and out of its scene
            window = (start + FADE_MS, start + length - out_fade)
            captions["sg"].append(_caption(draft, sentence, window, short, seg["id"]))
        start += length - FADE_MS
    title_track = ops.add_track(draft, ops.TEXT, "title", "Title")
    title_track["sg"].append(title_segment(draft, title, 0, card_ms))
    return ops.normalize(draft)


def _caption_style(short_side: int) -> dict[str, Any]:
    size = round(short_side / 1080 * 54)
    return {"size": size, "color": "#FFFFFF", "pos": "bottom", "box": "#00000080", "anim": "fade"}


def title_style(short_side: int, pos: str | list[float] = "center") -> dict[str, Any]:
    size = round(short_side / 1080 * 96)
    return {"size": size, "color": "#FFFFFF", "pos": pos, "box": "#00000080", "anim": "fade"}


def title_segment(draft: dict[str, Any], text: str, st: int, d: int, pos: str = "center") -> dict[str, Any]:
    canvas = draft.get("canvas") or ops.canvas_for("16:9")
    short = min(int(canvas.get("w", 1920)), int(canvas.get("h", 1080)))
    return {
        "id": ops.next_id(draft, "s"),
        "st": st,
        "d": d,
        "text": text,
        "style": title_style(short, pos),
        "m": {"name": "Title"},
    }
