"""Editing designed scenes by chat: the look (style, brand colours), one scene's art, the logo.

Every tool changes the `scene` objects of the video track and keeps `scene.art` complete; like every
edit it is committed as one undoable step, and the draft must stay exportable.
"""

from __future__ import annotations

import re
from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui import art
from nemo_tui.draft.scenes import STYLES, art_refs

from ..edits import brand, clips, closing, design
from ..edits import draft_ops as ops
from ..edits.design import words_of_scene
from ..language.scene_reading import split_title
from .toolkit import ToolHost, clip_number, commit, infos, no_video, pick_clip, refuse, working_copy

CORNERS = ("top-right", "top-left", "bottom-right", "bottom-left")


def _designed(draft: ops.Draft) -> list[dict[str, Any]]:
    return [s for s in clips.scenes(draft) if isinstance(s.get("scene"), dict)]


def _not_designed(ctx: ToolContext, what: str = "a new style or colours") -> dict[str, Any]:
    return refuse(
        ctx,
        f"Only designed scenes take {what}, and this video has none (its scenes are photos, clips or "
        "plain colours). Generate one from a script without uploads to get designed scenes.",
        "no_designed_scenes",
    )


class DesignTools(ToolHost):
    async def set_style(self, tool_context: ToolContext, style: str) -> dict[str, Any]:
        """The look of every designed scene: bold, minimal, corporate or playful (colours, type,
        motion). Brand colours, if set, stay."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        if style not in STYLES:
            return refuse(
                ctx,
                f"I know these styles: {', '.join(STYLES)}.",
                "unknown_style",
                style=style,
                styles=", ".join(STYLES),
            )
        draft = working_copy(ctx)
        scenes = _designed(draft)
        if not scenes:
            return _not_designed(ctx)
        for seg in scenes:
            seg["scene"]["style"] = style
        return commit(ctx, draft, f"Every designed scene now has the {style} style.", "styled", style=style)

    async def set_colours(self, tool_context: ToolContext, colours: list[str]) -> dict[str, Any]:
        """Brand colours for every designed scene, as #RRGGBB: the first is the background, the
        second the accent (highlighted words, buttons, numbers), a third the words. On plain scenes
        the title takes the accent, captions the words, both on a box of the background colour, and
        a plain title card the background. An empty list goes back to the usual colours."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        palette = [c.upper() for c in colours][:3]
        bad = [
            c
            for c in palette
            if not (len(c) == 7 and c.startswith("#") and all(x in "0123456789ABCDEF" for x in c[1:]))
        ]
        if bad:
            return refuse(
                ctx,
                f"Colours must be written like #0A3D62 (got {', '.join(bad)}).",
                "bad_colour",
                color=", ".join(bad),
            )
        draft = working_copy(ctx)
        scenes = _designed(draft)
        for seg in scenes:
            if palette:
                seg["scene"]["palette"] = palette
            else:
                seg["scene"].pop("palette", None)
        # a plain or mixed video: the title, captions, corner name and a plain title card wear them too
        parts = (["every designed scene"] if scenes else []) + brand.colour_text(draft, palette)
        if not parts:
            return refuse(
                ctx,
                "There is nothing here to colour: no designed scenes, title, captions or plain backgrounds "
                "(photos and clips keep their own colours). Add words first, e.g. 'add title \"Harbor "
                "Lane\"', 'put \"Harbor Lane\" in the top right corner' or 'add a call to action at the end: "
                '"Order online"\'.',
                "nothing_to_colour",
            )
        verb = "use" if len(parts) > 1 else "uses"
        said = f"now {verb} {' and '.join(palette)}" if palette else f"{verb} their own colours again"
        # "coloured" has a Chinese reply about designed scenes only; more than those is said in English
        code = "coloured" if parts == ["every designed scene"] else "brand_coloured"
        return commit(ctx, draft, f"{_listed(parts).capitalize()} {said}.", code, colours=palette)

    async def set_scene_art(
        self, tool_context: ToolContext, clip: int = 0, thing: str = "", title_card: bool = False
    ) -> dict[str, Any]:
        """The illustration of designed clip number `clip` (1 is the first after the title card, -1
        the last; 0 asks which) or of the title card: `thing` says what to show ("a coffee cup",
        "咖啡"); empty picks a different one that still fits the scene's words."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        draft = working_copy(ctx)
        row = clips.scenes(draft)
        if title_card and row and clips.is_card(row[0]):
            index: int | dict[str, Any] = 0
        else:
            index = pick_clip(ctx, draft, clip, "change the picture of")
        if isinstance(index, dict):
            return index
        seg = row[index]
        scene = seg.get("scene")
        clip = clip_number(draft, index)  # "clip -1" is "the last clip": its number, never -1
        if not isinstance(scene, dict):
            return _not_designed(ctx, "a picture of your choice") if not _designed(draft) else refuse(
                ctx, f"Clip {clip} is a photo or a clip, not a designed scene: it has no illustration.",
                "not_designed", clip=clip)  # fmt: skip
        current = scene.get("illustration")
        if thing.strip():
            found = art.lookup(thing, kind="illustration", limit=1) or art.lookup(thing, kind="icon", limit=1)
            if not found:
                return refuse(ctx, f"I have no picture of {thing.strip()!r}; try another word for it.",
                              "no_art", thing=thing)  # fmt: skip
        else:
            words = " ".join(str(scene.get(k) or "") for k in ("headline", "label", "quote"))
            used = {current} if isinstance(current, str) else set()
            found = art.match(words, kind="illustration", exclude=used, limit=1) if words.strip() else []
            if not found:
                found = art.lookup(words or "star", kind="icon", exclude=used, limit=1)
            if not found:
                return refuse(ctx, "I found no other picture that fits this scene's words.", "no_art")
        scene["illustration"] = found[0].ref
        scene["art"] = art_refs(scene)
        name = art.info(found[0].ref).label or found[0].ref
        where = "the title card" if clips.is_card(seg) else f"clip {clip}"
        return commit(ctx, draft, f"{where.capitalize()} now shows {name}.", "art_set", art=found[0].ref)

    async def edit_scene(
        self, tool_context: ToolContext, clip: int = 0, words: str = "", template: str = ""
    ) -> dict[str, Any]:
        """One designed clip (1 is the first after the title card, -1 the last; 0 asks which): new
        `words` for it, and/or another `template` for the same words (headline, quote, stat,
        features, steps, cta)."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        draft = working_copy(ctx)
        if not _designed(draft):
            return _not_designed(ctx, "new words or a new template")
        index = pick_clip(ctx, draft, clip, "change")
        if isinstance(index, dict):
            return index
        seg = clips.scenes(draft)[index]
        scene = seg.get("scene")
        clip = clip_number(draft, index)
        if not isinstance(scene, dict):
            return refuse(
                ctx, f"Clip {clip} is a photo or a clip, not a designed scene.", "not_designed", clip=clip
            )
        done = []
        if words.strip():
            key = next((k for k in ("headline", "quote", "label") if scene.get(k)), "headline")
            scene[key] = words.strip()
            scene["highlight"] = [w for w in scene.get("highlight") or [] if w.lower() in words.lower()]
            done.append(f'its words to "{words.strip()}"')
        if template:
            style = str(scene.get("style") or "bold")
            designer = design.Designer(
                "zh" if re.search(r"[\u4e00-\u9fff]", words_of_scene(scene)) else "en", style, None
            )
            new = design.redesign(designer, scene, template)
            if isinstance(new, str):
                return refuse(
                    ctx, f"Clip {clip} cannot be a {template} scene: {new}.", "cannot_redesign", clip=clip
                )
            seg["scene"], seg["src"] = new, design.segment_source(new)
            done.append(f"a {template} scene")
        if not done:
            return refuse(
                ctx, "Say the new words or the kind of scene, e.g. 'make scene 2 a quote'.", "what_change"
            )
        return commit(ctx, draft, f"Clip {clip} now has {' and '.join(done)}.", "scene_changed", clip=clip)

    async def set_logo(
        self, tool_context: ToolContext, where: str = "end", which: str = ""
    ) -> dict[str, Any]:
        """Put an uploaded logo (the upload named `which`, else one whose name says logo, else the
        latest picture) on the end card (where="end") or in a corner of every designed scene
        (where="top-right" / "top-left" / "bottom-right" / "bottom-left"); where="none" removes it."""
        ctx = tool_context
        if (missing := no_video(ctx)) is not None:
            return missing
        draft = working_copy(ctx)
        scenes = _designed(draft)
        # without a picture to show (or designed scenes to show it), the name can stand in: say how
        name = closing.brand_of(draft) or "Your Brand"
        instead = f" To show your name in a corner instead, say 'put \"{name}\" in the top right corner'."
        if not scenes:
            refusal = _not_designed(ctx, "a logo (on the end card or in a corner)")
            refusal["message"] += instead
            return refusal
        if where == "none":
            for seg in scenes:
                for key in ("logo", "logo_corner"):
                    seg["scene"].pop(key, None)
            return commit(ctx, draft, "The logo is gone from every scene.", "logo_removed")
        pictures = infos(ctx, "image")
        chosen = [p for p in pictures if which and which.lower() in str(p.get("filename", "")).lower()]
        chosen = (
            chosen or [p for p in pictures if "logo" in str(p.get("filename", "")).lower()] or pictures[-1:]
        )
        if not chosen:
            message = "Upload your logo first (a PNG with a transparent background looks best)."
            return refuse(ctx, message + instead, "no_logo")
        logo = f"media:{chosen[0]['id']}"
        if where in CORNERS:
            for seg in scenes:
                seg["scene"]["logo"], seg["scene"]["logo_corner"] = logo, where
            said = f"in the {where.replace('-', ' ')} corner of every designed scene"
        else:
            end = [s for s in scenes if s["scene"].get("template") == "cta"]
            if not end:
                return refuse(
                    ctx, "This video has no end card; ask for the logo in a corner instead.", "no_end_card"
                )
            end[-1]["scene"]["logo"] = logo
            said = "on the end card"
        name = chosen[0].get("filename", logo)
        return commit(ctx, draft, f"Your logo ({name}) is {said}.", "logo_set", where=where)


def _listed(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0] if parts else "nothing"


def designed_words(draft: ops.Draft, which: str) -> list[dict[str, Any]]:
    """The designed scenes whose words "the title" (the opener) or "the captions" / "the text" (every
    scene) mean on a video without title or caption tracks; [] when the video has none."""
    scenes = _designed(draft)
    if which == "title":
        return [s["scene"] for s in scenes[:1] if clips.is_card(s) and s["scene"].get("template") == "hero"]
    return [s["scene"] for s in scenes] if which in ("captions", "text") else []


def restyle_designed_words(
    scenes: list[dict[str, Any]],
    *,
    title: bool,
    text: str,
    hex_colour: str | None,
    size: str,
    colour_name: str = "",
) -> tuple[list[str], list[str]]:
    """New words for the opener, a colour or a size for the designed scenes' words: what changed and
    what a design cannot do (a new place, a box, a time), in words."""
    changes: list[str] = []
    if text and title:
        scenes[0]["headline"], sub = split_title(text)
        if sub:
            scenes[0]["sub"] = sub
        changes.append(f'the words to "{text}"')
    if hex_colour:
        for scene in scenes:
            scene["text_color"] = hex_colour[:7]
        changes.append(f"colour {colour_name or hex_colour[:7]}")
    if size:
        factor = {"bigger": 1.2, "smaller": 1 / 1.2}.get(size)
        for scene in scenes:
            if factor is not None:
                scene["text_scale"] = round(
                    min(2.0, max(0.5, float(scene.get("text_scale", 1.0)) * factor)), 2
                )
        changes.append(f"size {size}" if factor is not None else "")
    return [c for c in changes if c], []
