"""Fonts: a named font (or a look: "elegant", "modern", "playful") for titles, captions and scenes."""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from ..edits import fonts
from .toolkit import ToolHost, commit, refuse, working_copy

WHICH = ("all", "title", "captions")


def _choices() -> str:
    return "; ".join(f"{name} ({what})" for name, what in fonts.DESCRIPTIONS.items())


class FontTools(ToolHost):
    async def set_font(self, tool_context: ToolContext, font: str, which: str = "all") -> dict[str, Any]:
        """Set the font of the words: `font` is a name (inter, source-serif, fredoka, default) or a look
        ("elegant" or "serif" → source-serif, "modern" → inter, "playful" or "rounded" → fredoka);
        `which` is "all", "title" (and the title card) or "captions" (and the scenes' words)."""
        ctx = tool_context
        name = fonts.font_for(font)
        if name is None:
            return refuse(
                ctx,
                f"I have no font {font!r}. The fonts are: {_choices()}; for example 'use a serif font'.",
                "unknown_font",
                font=font,
                choices=_choices(),
            )
        if which not in WHICH:
            return refuse(ctx, f"Say which words: {', '.join(WHICH)}.", "bad_which", which=which)
        draft = working_copy(ctx)
        if not fonts.set_font(draft, name, which):
            return refuse(
                ctx,
                "There are no words to set in a font yet; add a title or generate a video first.",
                "no_text",
            )
        words = {"all": "the words", "title": "the title", "captions": "the captions"}[which]
        return commit(
            ctx,
            draft,
            f"Set {words} in {name} ({fonts.DESCRIPTIONS[name]}).",
            "font",
            font=name,
            which=which,
        )
