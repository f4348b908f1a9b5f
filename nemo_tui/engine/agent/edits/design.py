"""Designed scenes for a script: which template each scene gets, its words, its art, its look.

The template follows from what the scene says: a number worth counting → `stat`, three to five
things named in a row → `features`, steps in order → `steps`, a quote → `quote`, the closing line →
`cta`, anything else → `headline` with the illustration that fits its most specific noun. The title
card is the `hero`. Neighbouring headline scenes alternate their layout, so that consecutive scenes
vary. Every scene lists the art it draws in `scene.art` (docs/draft.md).
"""

from __future__ import annotations

from typing import Any, Literal

from nemo_tui import art
from nemo_tui.draft.scenes import MAX_FIELD_CHARS, SCHEME, art_refs

from ..language import scene_reading as read

MOOD_STYLES = {"upbeat": "playful", "calm": "minimal", "cinematic": "bold", "lofi": "bold"}
DEFAULT_STYLE = "bold"
FALLBACK_ICON = "tabler:circle-check"  # a feature card whose words name nothing drawable


def style_for(mood: str) -> str:
    return MOOD_STYLES.get(mood, DEFAULT_STYLE)


class Designer:
    """Designs the scenes of one video in order, remembering the art used so that it is not repeated."""

    def __init__(self, language: Literal["en", "zh"], style: str, brand: str | None):
        self.language, self.style, self.brand = language, style, brand
        self.used: set[str] = set()
        self.previous = ""
        self.layout = ""  # of the last headline scene

    def _illustration(self, text: str) -> tuple[str | None, str]:
        found = art.match(text, language=self.language, kind="illustration", exclude=self.used, limit=1)
        if not found:
            return None, ""
        self.used.add(found[0].ref)
        return found[0].ref, found[0].word

    def icon(self, text: str) -> str | None:
        """The icon for a short phrase (a feature card's), not one used before in this video."""
        found = art.match(text, language=self.language, kind="icon", exclude=self.used, limit=1)
        if not found:
            return None
        self.used.add(found[0].ref)
        return found[0].ref

    def finish(self, template: str, fields: dict[str, Any]) -> dict[str, Any]:
        """The scene object: its template, the style, the fields given (empty ones left out, words
        cut to what a scene holds) and the complete `art` list."""
        kept = {k: _fit(v) if isinstance(v, str) else v for k, v in fields.items() if v not in (None, "", [])}
        scene = {"template": template, "style": self.style, **kept}
        scene["art"] = art_refs(scene)
        self.previous = template
        return scene

    def hero(self, title: str, tagline: str) -> dict[str, Any]:
        headline, sub = read.split_title(title)
        sub = sub or tagline
        ref, word = self._illustration(f"{headline} {sub}")
        return self.finish(
            "hero",
            {
                "headline": headline,
                "sub": sub,
                "illustration": ref,
                "highlight": read.highlights(headline, [word], 1) if len(headline.split()) > 1 else [],
            },
        )

    def scene(self, text: str, *, last: bool) -> dict[str, Any]:
        """The designed scene for one scene's words."""
        if last:
            return self.cta(text)
        quote = read.find_quote(text)
        if quote:
            return self.finish("quote", {"quote": quote[0], "author": quote[1]})
        steps = read.find_steps(text)
        if steps and self.previous != "steps":
            return self.finish("steps", {"items": [{"text": s} for s in steps]})
        stat = read.find_stat(text)
        if stat and self.previous != "stat":
            ref, word = self._illustration(stat.label)
            return self.finish(
                "stat",
                {
                    "value": stat.value,
                    "label": stat.label,
                    "illustration": ref,
                    "highlight": read.highlights(stat.label, [word] if word else [], 1),
                },
            )
        items = read.find_list(text)
        if items and self.previous != "features":
            cards = [{"text": _fit(i), "art": self.icon(i) or FALLBACK_ICON} for i in items]
            return self.finish(
                "features",
                {
                    "headline": text,
                    "items": [{k: v for k, v in c.items() if v} for c in cards],
                    "highlight": read.highlights(text, items[:1], 1),
                },
            )
        return self.headline(text)

    def headline(self, text: str) -> dict[str, Any]:
        ref, word = self._illustration(text)
        layout = "stack" if self.previous == "headline" and self.layout == "side" else "side"
        self.layout = layout
        return self.finish(
            "headline",
            {
                "headline": text,
                "illustration": ref,
                "layout": layout,
                "highlight": read.highlights(text, [word] if word else []),
            },
        )

    def cta(self, text: str) -> dict[str, Any]:
        action = read.call_to_action(text, self.brand)
        ref, _ = self._illustration(text)
        return self.finish(
            "cta",
            {
                "headline": action.headline,
                "button": action.button,
                "sub": action.sub,
                "illustration": ref,
                "highlight": read.highlights(action.headline, [], 1),
            },
        )

    def media(self, text: str, src: str, k: int) -> dict[str, Any]:
        """An uploaded picture framed with the scene's words (split and lower third in turn)."""
        return self.finish(
            "media",
            {
                "media": src,
                "headline": text,
                "layout": "split" if k % 2 == 0 else "lower-third",
                "highlight": read.highlights(text, [], 1),
            },
        )


def _fit(text: str, limit: int = MAX_FIELD_CHARS - 20) -> str:
    """Text a scene can hold: a sentence longer than a screen is cut after a word, with an ellipsis
    (a "word" longer than that is cut where it must)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:，。") + "…"


def segment_source(scene: dict[str, Any]) -> str:
    return SCHEME + str(scene["template"])


def words_of_scene(scene: dict[str, Any]) -> str:
    """The sentence a designed scene was made from, as best it can be read back."""
    for key in ("headline", "quote", "label"):
        if isinstance(scene.get(key), str) and scene[key].strip():
            return str(scene[key])
    items = [i.get("text", "") for i in scene.get("items") or [] if isinstance(i, dict)]
    return ", ".join(items)


def redesign(designer: Designer, scene: dict[str, Any], template: str) -> dict[str, Any] | str:
    """The scene drawn by another template from the same words (its look and art kept where they fit),
    or why that template cannot show them."""
    text = words_of_scene(scene)
    designer.used = set(art_refs(scene))
    if template == "stat":
        stat = read.find_stat(text)
        if stat is None:
            return "its words have no number to count up"
        new = designer.finish(
            "stat", {"value": stat.value, "label": stat.label, "highlight": scene.get("highlight")}
        )
    elif template in ("features", "steps"):
        items = read.find_list(text) or read.find_steps(text)
        if len(items) < 2:
            return "its words do not name two or more things in a row"
        cards = [
            {
                "text": _fit(i),
                **({"art": designer.icon(i) or FALLBACK_ICON} if template == "features" else {}),
            }
            for i in items
        ]
        new = designer.finish(template, {"headline": text if template == "features" else "", "items": cards})
    elif template == "quote":
        quote = read.find_quote(text)
        new = designer.finish(
            "quote", {"quote": quote[0] if quote else text, "author": quote[1] if quote else ""}
        )
    elif template == "cta":
        new = designer.cta(text)
    elif template == "headline":
        new = designer.finish("headline", {"headline": text, "illustration": scene.get("illustration"),
                                            "highlight": scene.get("highlight")})  # fmt: skip
    else:
        return f"a {template} scene needs more than words"
    for key in ("style", "palette", "logo", "logo_corner", "text_color", "text_scale"):
        if key in scene:
            new[key] = scene[key]
    return new
