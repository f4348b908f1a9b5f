"""Designed scenes in the draft: the templates, their fields, and the check of a `scene` object.

A video segment whose `src` is `scene:<template>` is drawn by the renderer from its `scene` object
(docs/draft.md, "Designed scenes"). This module is what client, agent and renderer agree on: the
template names, which fields each one needs, and `check_scene`, which names every bad key with its
path (`t[0].sg[3].scene.items[1].text`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # check.py imports the views, which import this module
    from .check import Reader

SCHEME: Final = "scene:"
#: Each template and the fields it cannot do without.
TEMPLATES: Final[dict[str, tuple[str, ...]]] = {
    "hero": ("headline",),
    "headline": ("headline",),
    "features": ("items",),
    "stat": ("value",),
    "quote": ("quote",),
    "steps": ("items",),
    "cta": ("headline",),
    "media": ("media",),
}
STYLES: Final = ("bold", "minimal", "corporate", "playful")
TEXT_FIELDS: Final = ("headline", "sub", "quote", "author", "value", "label", "button")
ART_FIELDS: Final = ("illustration",)  # items carry their own `art`
MEDIA_FIELDS: Final = ("media", "logo")  # `media:<id>` of an upload
# Named fonts a text style (`style.font`) or a designed scene (`scene.font`) may choose; the renderer
# maps each to a vendored file (engine/render/typefaces.py). Absent: the renderer's default faces.
FONTS: Final = ("inter", "source-serif", "fredoka")
CORNERS: Final = ("top-right", "top-left", "bottom-right", "bottom-left")
#: The layouts a template offers (the first is its default).
LAYOUTS: Final[dict[str, tuple[str, ...]]] = {
    "media": ("split", "lower-third"),
    "headline": ("side", "stack"),
}
MAX_ITEMS: Final = 5
MAX_FIELD_CHARS: Final = 300
_ART = re.compile(r"^[a-z0-9-]+:[a-z0-9-]+$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def template_of(src: str) -> str | None:
    """`scene:features` → `features`; None for any other source."""
    return src[len(SCHEME) :] if src.startswith(SCHEME) else None


def art_refs(scene: dict[str, Any]) -> list[str]:
    """Every illustration or icon the scene draws, in order, each once (what `scene.art` must list)."""
    refs = [scene[k] for k in ART_FIELDS if isinstance(scene.get(k), str) and scene[k]]
    for item in scene.get("items") or []:
        if isinstance(item, dict) and isinstance(item.get("art"), str) and item["art"]:
            refs.append(item["art"])
    return list(dict.fromkeys(refs))


def media_refs(scene: dict[str, Any]) -> list[str]:
    """The uploads a scene shows (`media:<id>`)."""
    return [v for k in MEDIA_FIELDS if isinstance(v := scene.get(k), str) and v.startswith("media:")]


def check_scene(r: Reader, template: str) -> dict[str, Any] | None:
    """The segment's `scene` object if it is sound for `template`; every problem recorded on `r`."""
    scene = r.obj.get("scene")
    if template not in TEMPLATES:
        r.fail("src", f"names an unknown template {template!r} (known: {', '.join(TEMPLATES)})")
        return None
    if not isinstance(scene, dict):
        r.fail("scene", "is missing" if scene is None else f"must be an object (got {scene!r})")
        return None
    s = r.nested(scene, "scene.")
    if scene.get("template", template) != template:
        s.fail("template", f"({scene.get('template')!r}) differs from the src's template ({template!r})")
    for key in TEMPLATES[template]:
        if scene.get(key) in (None, "", []):
            s.fail(key, f"is missing (a {template} scene needs it)")
    for key in TEXT_FIELDS:
        _text(s, scene, key)
    s.choice("style", STYLES, STYLES[0])
    if template in LAYOUTS:
        s.choice("layout", LAYOUTS[template], LAYOUTS[template][0])
    for key in ART_FIELDS:
        _art(s, scene, key)
    for key in MEDIA_FIELDS:
        value = scene.get(key)
        if value is not None and not (
            isinstance(value, str) and value.startswith("media:") and len(value) > 6
        ):
            s.fail(key, f"must name an upload as media:<id> (got {value!r})")
    if scene.get("logo_corner") is not None:
        s.choice("logo_corner", CORNERS, CORNERS[0])
        if not scene.get("logo"):
            s.fail("logo_corner", "needs a `logo` to place")
    if scene.get("text_color") is not None and not (
        isinstance(scene["text_color"], str) and _HEX.match(scene["text_color"])
    ):
        s.fail("text_color", f"must be #RRGGBB (got {scene['text_color']!r})")
    s.number("text_scale", 1.0, lo=0.5, hi=2.0)
    if scene.get("font") is not None:
        s.choice("font", FONTS, FONTS[0])
    _items(s, scene)
    _palette(s, scene)
    _strings(s, scene, "highlight")
    _strings(s, scene, "art")
    return scene if r.ok else None


def _text(s: Reader, obj: dict[str, Any], key: str) -> None:
    value = obj.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        s.fail(key, f"must be text (got {value!r})")
    elif len(value) > MAX_FIELD_CHARS:
        s.fail(key, f"is {len(value):,} characters long (at most {MAX_FIELD_CHARS} fit a scene)")


def _art(s: Reader, obj: dict[str, Any], key: str) -> None:
    value = obj.get(key)
    if value is not None and not (isinstance(value, str) and _ART.match(value)):
        s.fail(key, f"must be <set>:<name>, e.g. tabler:clock (got {value!r})")


def _items(s: Reader, scene: dict[str, Any]) -> None:
    items = scene.get("items")
    if items is None:
        return
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        s.fail("items", f"must be a list of 1 to {MAX_ITEMS} items (got {items!r:.80})")
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            s.fail(f"items[{i}]", f'must be an object like {{"text": "…"}} (got {item!r:.60})')
            continue
        nested = s.nested(item, f"items[{i}].")
        if not item.get("text"):
            nested.fail("text", "is missing")
        _text(nested, item, "text")
        _art(nested, item, "art")


def _palette(s: Reader, scene: dict[str, Any]) -> None:
    palette = scene.get("palette")
    if palette is None:
        return
    if (
        not isinstance(palette, list)
        or not 1 <= len(palette) <= 3
        or not all(isinstance(c, str) and _HEX.match(c) for c in palette)
    ):
        s.fail("palette", f"must list 1 to 3 colours as #RRGGBB (got {palette!r:.80})")


def _strings(s: Reader, scene: dict[str, Any], key: str) -> None:
    value = scene.get(key)
    if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        s.fail(key, f"must be a list of strings (got {value!r:.80})")


def words_of(scene: dict[str, Any]) -> str:
    """The scene's words in reading order, one line: what a timeline shows for it."""
    parts = [scene.get(k) for k in ("headline", "quote", "value", "label", "sub", "button", "author")]
    parts += [i.get("text") for i in scene.get("items") or [] if isinstance(i, dict)]
    return " · ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def describe(scene: dict[str, Any]) -> list[str]:
    """Lines for a details panel: the template and its look, the words, the art."""
    look = ", ".join(str(v) for v in (scene.get("style"), scene.get("layout")) if v)
    lines = [f"design: {scene.get('template', '?')}" + (f" ({look})" if look else "")]
    if words_of(scene):
        lines.append(f"words: {words_of(scene)}")
    if art_refs(scene):
        lines.append(f"art: {', '.join(art_refs(scene))}")
    if scene.get("palette"):
        lines.append(f"colours: {' '.join(str(c) for c in scene['palette'])}")
    if media_refs(scene):
        lines.append(f"shows: {', '.join(media_refs(scene))}")
    return lines
