"""Uploads put onto the scenes a video already has, instead of after its end.

"use my photos for the scenes, in this order: storefront, croissant, team": the k-th upload goes on
the k-th scene after the title card, which keeps its time, words and captions. A designed scene
becomes a `media` scene framing the upload with its words (its look kept); a plain scene shows the
upload as its background (a Ken Burns move on a photo). Names people say are matched to file names
with difflib ("coffee counter" → coffee_counter.jpg, "croissants" → croissant.png): close enough for a
handful of uploads, without another dependency.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from nemo_tui import art
from nemo_tui.art.words import ZH_EN
from nemo_tui.draft.reads import attached, clip_rows, meta_of, scene_of

from ..language.script import is_chinese
from . import clips, design
from . import draft_ops as ops
from .storyboard import KEN_BURNS, Visual

MATCH = 0.6  # a name and a file name this similar are the same thing
_KEPT = ("style", "palette", "logo", "logo_corner", "text_color", "text_scale")


def name_key(filename: str) -> str:
    """ "Coffee_Counter-2.JPG" → "coffee counter 2"."""
    return re.sub(r"[\s_\-.]+", " ", filename.rsplit(".", 1)[0]).strip().lower()


def similarity(name: str, filename: str) -> float:
    said, key = name_key(name), name_key(filename)
    if not said or not key:
        return 0.0
    if said == key or re.search(rf"\b{re.escape(said)}\b", key) or re.search(rf"\b{re.escape(key)}\b", said):
        return 1.0
    return difflib.SequenceMatcher(None, said, key).ratio()


# What people call a photo in Chinese when its file has an English name (the art glossary has the rest).
_ZH_NAMES = {
    "团队": ("team",),
    "员工": ("team", "staff"),
    "店面": ("storefront", "shop", "store"),
    "门店": ("storefront", "store"),
    "店铺": ("storefront", "shop"),
    "门口": ("storefront", "entrance"),
    "柜台": ("counter",),
    "咖啡台": ("coffee counter",),
    "可颂": ("croissant",),
    "牛角包": ("croissant",),
    "面包": ("bread",),
}


def _said(name: str) -> list[str]:
    """The name, and for a Chinese name its English words (a file is usually named in English)."""
    if not is_chinese(name):
        return [name]
    words = [name, *art.cut(name)]
    english = [e for w in words for e in _ZH_NAMES.get(w, ()) + ZH_EN.get(w, ())]
    return [name, *english]


def best(name: str, uploads: list[dict[str, Any]]) -> dict[str, Any] | None:
    names = _said(name)
    scored = [
        (max(similarity(n, str(u.get("filename") or u.get("id", ""))) for n in names), k)
        for k, u in enumerate(uploads)
    ]
    score, k = max(scored, default=(0.0, -1))
    return uploads[k] if score >= MATCH else None


def in_order(names: list[str], uploads: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The uploads named first, in the order named, then the others in upload order; and the names
    that matched no upload."""
    chosen: list[dict[str, Any]] = []
    missing = []
    for name in names:
        found = best(name, [u for u in uploads if u not in chosen])
        if found is None:
            missing.append(name)
        else:
            chosen.append(found)
    return chosen + [u for u in uploads if u not in chosen], missing


def held(seg: dict[str, Any]) -> str:
    """The upload a scene shows (`media:<id>`), framed by design or as its picture; "" for none."""
    scene = seg.get("scene")
    src = str(scene.get("media", "")) if isinstance(scene, dict) else str(seg.get("src", ""))
    return src if src.startswith("media:") else ""


def row_holding(draft: ops.Draft, src: str) -> int | None:
    """Row index of the scene showing the upload `src`."""
    return next((i for i, s in enumerate(clips.scenes(draft)) if held(s) == src), None)


def drop_bare(draft: ops.Draft, srcs: set[str]) -> int:
    """Remove scenes that are only one of these uploads, with no words of their own (photos added
    after the end): they are about to go onto the scenes. Returns how many went."""
    row = clips.scenes(draft)
    spoken = {scene_of(s) for _, s in attached(draft)}
    bare = [s for s in row if held(s) in srcs and "scene" not in s and str(s.get("id")) not in spoken]
    if not any(s not in bare and not clips.is_card(s) for s in row):
        return 0  # a video of nothing but these uploads: they are its scenes (placing reorders them)
    clips.edit_row(draft, lambda r: [s for s in r if s not in bare])
    return len(bare)


def slots(draft: ops.Draft) -> list[int]:
    """Row indexes of the scenes an upload can go on: every clip but the title card and a designed
    end card (which keeps its call to action)."""
    row = clips.scenes(draft)
    return [i for i in clip_rows(row) if not _end_card(row[i])]


def place(draft: ops.Draft, visuals: list[Visual]) -> int:
    """Put `visuals` on the scenes after the title card, in order; returns how many were placed."""
    free = slots(draft)
    for k, (index, visual) in enumerate(zip(free, visuals, strict=False)):
        place_on(draft, index, visual, k)
    return min(len(free), len(visuals))


def place_on(draft: ops.Draft, index: int, visual: Visual, k: int = 0) -> None:
    """One upload on the scene at row `index`, which keeps its time and words; `k` varies the layout
    or the Ken Burns move from scene to scene."""
    seg = clips.scenes(draft)[index]
    scene = seg.get("scene")
    for key in ("in", "fit", "fx", "speed", "vol", "mute"):
        seg.pop(key, None)
    if isinstance(scene, dict):
        words = design.words_of_scene(scene)
        designer = design.Designer("zh" if is_chinese(words) else "en", str(scene.get("style", "bold")), None)
        framed = designer.media(words, visual.src, k)
        framed.update({key: scene[key] for key in _KEPT if key in scene and key != "style"})
        seg.update(scene=framed, src=design.segment_source(framed))
    else:
        seg.update(src=visual.src, fit="cover")
        if visual.file_type == "image":
            seg["fx"] = {"kenburns": KEN_BURNS[k % len(KEN_BURNS)]}
        else:
            seg.update({"in": 0, "speed": 1.0, "vol": 1.0})
    seg.setdefault("m", {})["upload"] = visual.name


def _end_card(seg: dict[str, Any]) -> bool:
    """A designed end card keeps its call to action: uploads go on the scenes before it."""
    scene = seg.get("scene")
    return isinstance(scene, dict) and scene.get("template") == "cta"


def upload_name(seg: dict[str, Any]) -> str:
    return str(meta_of(seg).get("upload") or meta_of(seg).get("name") or held(seg))
