"""Which scenes talk about a topic: "the part about the Vermont flour", "讲配送的那段".

A scene's words are everything it says: the words drawn by a designed scene, its captions, its voice
lines and its name (a scene is named by its first words). English is matched on word stems
("deliveries" is "delivery"), Chinese on jieba's words of the topic found in the scene's text.
A scene matches when it names every word of the topic; when none does, the scenes naming the most of
them (at least one) are the matches, so that a person who half-remembers a scene is still answered.
"""

from __future__ import annotations

import re
from typing import Any

from nemo_tui import art
from nemo_tui.art.match import stem
from nemo_tui.draft.reads import attached, clip_rows, meta_of, scene_of

from ..language.script import STOPWORDS, is_chinese
from . import clips
from . import draft_ops as ops

# Words of a request that are not its topic ("the part where it talks about …").
_NOT_TOPIC_EN = STOPWORDS | {"part", "bit", "scene", "clip", "section", "talks", "talk", "mentions", "about"}
_NOT_TOPIC_ZH = {"讲", "说", "提到", "关于", "的", "那段", "这段", "部分", "场景", "片段", "那个", "介绍"}
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


def scene_text(draft: ops.Draft, seg: dict[str, Any]) -> str:
    """Everything one scene says, in one string."""
    parts = [str(meta_of(seg).get("name") or "")]
    scene = seg.get("scene")
    if isinstance(scene, dict):
        parts += [str(scene.get(k) or "") for k in ("headline", "sub", "quote", "author", "label", "button")]
        parts += [str(i.get("text", "")) for i in scene.get("items") or [] if isinstance(i, dict)]
    for _, line in attached(draft):
        if scene_of(line) == str(seg.get("id")):
            parts += [str(line.get("text") or ""), str(meta_of(line).get("text") or "")]
    return " ".join(p for p in parts if p)


def keys(topic: str) -> list[str]:
    """The topic's words as matched: English stems, Chinese words (without request words)."""
    if is_chinese(topic):
        words = [w.strip() for w in art.cut(topic)]
        return list(
            dict.fromkeys(w for w in words if w and w not in _NOT_TOPIC_ZH and not re.fullmatch(r"\W+", w))
        )
    words = [w.lower() for w in _WORD.findall(topic)]
    return list(dict.fromkeys(stem(w) for w in words if w not in _NOT_TOPIC_EN))


def _hits(topic_keys: list[str], text: str) -> int:
    if topic_keys and is_chinese("".join(topic_keys)):
        return sum(1 for k in topic_keys if k in text)
    stems = {stem(w.lower()) for w in _WORD.findall(text)}
    return sum(1 for k in topic_keys if k in stems)


def find(draft: ops.Draft, topic: str) -> list[int]:
    """Row indexes (title card excluded) of the scenes about `topic`; [] when none mentions it."""
    wanted = keys(topic)
    if not wanted:
        return []
    row = clips.scenes(draft)
    scored = [(i, _hits(wanted, scene_text(draft, row[i]))) for i in clip_rows(row)]
    best = max((h for _, h in scored), default=0)
    return [i for i, h in scored if h == best] if best else []
