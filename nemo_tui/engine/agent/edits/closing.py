"""A call to action at the end: the end card's words on a designed video, a closing line on a plain one.

The video keeps its length. A designed video's `cta` scene shows the words as written (`end_card_words`);
a designed video without one gets a new last scene and the row is paced back to the length it
had. A plain video gets a centred line over its last seconds on the title track, marked `m.cta` and
`m.fill` so that `draft_ops.normalize` keeps it at the end whatever the length becomes. A caption
there saying the same words (the script's closing line) gives way to it: the words show once.
"""

from __future__ import annotations

import re
from typing import Any

from nemo_tui.draft.reads import end_of, is_card, main_track, meta_of, segments_of, tracks_of
from nemo_tui.draft.scenes import art_refs

from ..language import scene_reading as read
from ..language.script import is_chinese
from . import brand, clips, design, texts
from . import draft_ops as ops

CTA_MS = 4000  # a closing line long enough to read an address twice
MIN_CTA_MS = 2500
NEW_SCENE_MS = 3500
CTA_SIZE = 0.8  # of a title's size: an address must fit on one line
_KEPT = ("style", "palette", "logo", "logo_corner", "text_color", "text_scale")


def brand_of(draft: ops.Draft) -> str:
    """The brand's words: the title card's title (before any tagline), else the first title's words."""
    card = next((s for s in clips.scenes(draft) if is_card(s)), None)
    title = str(meta_of(card).get("title") or "") if card else ""
    if not title:
        titles, _ = texts.select(draft, "title")
        title = str(titles[0].get("text", "")) if titles else ""
    return read.split_title(title)[0] if title else ""


def designed(draft: ops.Draft) -> bool:
    return any(isinstance(s.get("scene"), dict) for s in clips.scenes(draft))


def end_card_words(words: str, brand: str) -> dict[str, str]:
    """The end card for words a person asked for: their words as they wrote them (the headline), a
    short action from them as the button ("Order at …" → "Order now") unless it would only repeat
    them, and the brand as the small line unless the words name it."""
    action = read.call_to_action(words, brand)
    button = action.button if action.button and action.button.lower() not in words.lower() else ""
    sub = brand if brand and brand.lower() not in words.lower() else ""
    return {"headline": words, "button": button, "sub": sub}


def _put_words(scene: dict[str, Any], words: str, brand: str) -> None:
    for key, value in end_card_words(words, brand).items():
        if value:
            scene[key] = value
        else:
            scene.pop(key, None)
    scene["highlight"] = read.highlights(words, [], 1)
    scene["art"] = art_refs(scene)


def set_designed(draft: ops.Draft, words: str, footage: dict[str, int]) -> str:
    """The end card says `words`: "changed" (a cta scene was there) or "added" (a new last scene)."""
    row = clips.scenes(draft)
    name = brand_of(draft)
    ends = [s for s in row if isinstance(s.get("scene"), dict) and s["scene"].get("template") == "cta"]
    if ends:
        _put_words(ends[-1]["scene"], words, name)
        return "changed"
    last = row[-1]
    before = ops.visual_end(draft)
    framed = last.get("scene")
    looks: dict[str, Any] = framed if isinstance(framed, dict) else {}
    designer = design.Designer("zh" if is_chinese(words) else "en", str(looks.get("style", "bold")), name)
    designer.used = {a for s in row if isinstance(s.get("scene"), dict) for a in art_refs(s["scene"])}
    new = designer.cta(words)
    _put_words(new, words, name)
    new.update({k: looks[k] for k in _KEPT if k in looks and k != "style"})
    fade = 500
    seg = {"id": ops.next_id(draft, "s"), "st": end_of(last) - fade, "d": NEW_SCENE_MS + fade}
    seg.update(src=design.segment_source(new), scene=new, tr={"type": "fade", "d": fade})
    seg["m"] = {"name": "call to action"}
    track = main_track(draft)
    assert track is not None  # a designed video has scenes
    segments_of(track).append(seg)
    clips.set_length(draft, before, footage)  # the new scene takes its time from the others
    return "added"


def set_plain(draft: ops.Draft, words: str) -> str:
    """A closing line over the video's last seconds: "changed" or "added"."""
    for track in tracks_of(draft, tt=ops.TEXT):
        for seg in segments_of(track):
            if meta_of(seg).get("cta"):
                seg["text"] = words
                return "changed"
    end = ops.visual_end(draft)
    row = clips.scenes(draft)
    last = clips.windows(row).get(str(row[-1].get("id")), (0, end)) if row else (0, end)
    # over the last scene, and never so briefly that it cannot be read (it may begin in the scene before)
    d = max(ops.MIN_MS, min(CTA_MS, max(MIN_CTA_MS, last[1] - last[0]), end // 2))
    seg = texts.title_segment(draft, words, end - d, d)
    seg["style"]["size"] = round(seg["style"]["size"] * CTA_SIZE)
    seg["m"] = {"name": "Call to action", "cta": True, "fill": True}
    if palette := brand.palette_of(draft):
        background, _, accent = brand.looks(palette)
        seg["style"].update(color=accent, box=background + brand.BOX_ALPHA)
    texts.place(draft, ops.ensure_track(draft, ops.TEXT, "title", "Title"), seg)
    captions, _ = texts.select(draft, "captions")
    texts.remove(draft, [c for c in captions if _same(str(c.get("text", "")), words) and end_of(c) > end - d])
    return "added"


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"[\W_]+", "", s.lower())

    return key(a) == key(b)
