"""Titles and captions: add, change (words, colour, place, size, time), remove."""

from __future__ import annotations

import re
from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import duration_of, end_of, length_of, meta_of, segments_of, start_of, tracks_in

from ..edits import draft_ops as ops
from ..edits import texts
from ..edits.timeline_summary import fmt_seconds
from .design import designed_words, restyle_designed_words
from .toolkit import ask, commit, ms, refuse, working_copy


def _place(draft: dict[str, Any], start_s: float, duration_s: float) -> tuple[int, int]:
    d = max(500, ms(duration_s or 3))
    st = ms(start_s)
    if st < 0:
        st = max(0, length_of(draft) + st)
    return st, d


def _after_captions(draft: dict[str, Any], d: int) -> tuple[int, int]:
    """Where a caption with no time goes: after the last caption if it fits in the video, else the
    video's last `d` ms (a caption never makes the video longer)."""
    end = ops.visual_end(draft) or length_of(draft)
    captions, _ = texts.select(draft, "captions")
    st = max((end_of(s) for s in captions), default=0)
    if not end:
        return st, d
    d = min(d, end)
    return (st, d) if st + d <= end else (end - d, d)


def _box(value: str) -> str | None:
    """A box colour: #RRGGBB or #RRGGBBAA (see-through), or a colour name."""
    value = value.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{8}", value):
        return value.upper()
    return texts.colour(value)


def _box_words(box: str) -> str:
    if box == "none":
        return "no box"
    return "a dark box behind it" if box.startswith("#000000") else f"a {box} box behind it"


def _colours(ctx: ToolContext, color: str, box: str) -> tuple[str | None, str | None] | dict[str, Any]:
    """The text colour (#RRGGBB) and the box colour (#RRGGBB[AA], or "none") asked for, None for
    those not asked for; or a refusal naming a colour not known."""
    hex_colour = texts.colour(color) if color else None
    if color and not hex_colour:
        return refuse(
            ctx,
            f"I don't know the colour {color!r}; try a name like yellow or #FFD600.",
            "bad_colour",
            color=color,
        )
    box_colour = "none" if box == "none" else _box(box) if box else None
    if box and not box_colour:
        return refuse(ctx, f"I don't know the box colour {box!r}; try #000000B3.", "bad_colour", color=box)
    return hex_colour, box_colour


def _restyle(
    segs: list[dict[str, Any]],
    text: str,
    color: str,
    hex_colour: str | None,
    position: str,
    size: str,
    box_colour: str | None,
) -> list[str]:
    """New words (for the one segment) and a new look; what changed, in words ("" for no change)."""
    changes = []
    if text:
        segs[0]["text"] = text
        changes.append(f'the words to "{text}"')
    if hex_colour or position or size or box_colour:
        number = float(size) if size.replace(".", "", 1).isdigit() else size or None
        texts.restyle(segs, color=hex_colour, position=position or None, size=number, box=box_colour)
        changes += [
            f"colour {color}" if color else "",
            f"position {position}" if position else "",
            f"size {size}" if size else "",
            _box_words(box_colour) if box_colour else "",
        ]
    return changes


def _retime(
    draft: dict[str, Any], seg: dict[str, Any], start_s: float, duration_s: float, duration_change_s: float
) -> str:
    """Move or resize one text segment, placed by hand from now on (no longer tied to its scene);
    its new time, in words."""
    if start_s >= 0:
        seg["st"] = ms(start_s)
    if duration_s > 0:
        seg["d"] = ms(duration_s)
    seg["d"] = max(500, duration_of(seg) + ms(duration_change_s))
    meta_of(seg).pop("scene", None)
    track = next(t for t in tracks_in(draft) if seg in segments_of(t))
    segments_of(track).remove(seg)
    texts.place(draft, track, seg)
    return f"time {fmt_seconds(start_of(seg))}-{fmt_seconds(end_of(seg))}s"


class TextTools:
    async def add_title(
        self,
        text: str,
        tool_context: ToolContext,
        start_s: float = 0,
        duration_s: float = 3,
        position: str = "center",
    ) -> dict[str, Any]:
        """Put a title on the video (replacing any title at the same time). start_s below 0 counts
        from the end; position is top, center or bottom. An empty text repeats the words of the
        title already there ("show the title at the end too")."""
        draft = working_copy(tool_context)
        if not text.strip():
            titles, _ = texts.select(draft, "title")
            if not titles:
                return ask(
                    tool_context,
                    "What should the title say? E.g. \"add title 'Urban Dreams' 0-3s\".",
                    "what_title",
                )
            text = str(titles[0]["text"])
        st, d = _place(draft, start_s, duration_s)
        titles, _ = texts.select(draft, "title")
        opener = designed_words(draft, "title")
        if opener and not titles and st == 0:  # a designed video's opener shows the title
            restyle_designed_words(opener, title=True, text=text, hex_colour=None, size="")
            return commit(tool_context, draft, f'The opener\'s title now reads "{text}".', "title_added",
                          text=text, where="the opener")  # fmt: skip
        texts.add_title(draft, text, st, d, position)
        where = f"{fmt_seconds(st)}-{fmt_seconds(st + d)}s"
        return commit(
            tool_context, draft, f'Added the title "{text}" ({where}).', "title_added", text=text, where=where
        )

    async def add_caption(
        self, text: str, tool_context: ToolContext, start_s: float = -1, duration_s: float = 3
    ) -> dict[str, Any]:
        """Add a caption line at the bottom; start_s -1 puts it after the last caption, or over the
        video's last seconds when that is past the end. Captions already there are kept: one that
        would overlap them is drawn at the top instead."""
        draft = working_copy(tool_context)
        if start_s == -1:
            st, d = _after_captions(draft, ms(duration_s or 3))
        else:
            st, d = _place(draft, start_s, duration_s)
        _, over = texts.add_caption(draft, text, st, d)
        where = f"{fmt_seconds(st)}-{fmt_seconds(st + d)}s"
        note = " It overlaps the captions there, so it is shown at the top; they are kept." if over else ""
        return commit(
            tool_context,
            draft,
            f'Added the caption "{text}" ({where}).{note}',
            "caption_added",
            text=text,
            where=where,
        )

    async def edit_text(
        self,
        tool_context: ToolContext,
        which: str = "captions",
        text: str = "",
        color: str = "",
        position: str = "",
        size: str = "",
        box: str = "",
        start_s: float = -1,
        duration_s: float = 0,
        duration_change_s: float = 0,
    ) -> dict[str, Any]:
        """Change titles or captions: which is "title", "captions" (all), "caption 3" or "text" (all);
        text replaces the words (one segment only); color is a name or #RRGGBB; position is top,
        center or bottom; size is smaller, bigger, or pixels; box is a colour for a box behind the
        text (#RRGGBB, #RRGGBBAA for see-through) or "none"; start_s/duration_s move or resize it;
        duration_change_s makes it that much longer (or shorter, below 0)."""
        ctx = tool_context
        draft = working_copy(ctx)
        segs, name = texts.select(draft, which)
        if not segs and (designed := designed_words(draft, which)):
            return self._edit_designed_words(ctx, draft, designed, which, text, color, position, size, box)
        if not segs:
            return refuse(ctx, f"There is no {name.removeprefix('the ')} to change.", "no_text", which=name)
        if text and len(segs) > 1:
            return ask(
                ctx,
                f'Which one should read "{text}"? There are {len(segs)}: say e.g. \'change '
                f'caption 2 to "{text}"\'.',
                "which_text",
                count=len(segs),
            )
        colours = _colours(ctx, color, box)
        if isinstance(colours, dict):
            return colours
        hex_colour, box_colour = colours
        changes = _restyle(segs, text, color, hex_colour, position, size, box_colour)
        if start_s >= 0 or duration_s > 0 or duration_change_s:
            if len(segs) > 1:
                return ask(
                    ctx, f"Which one should move? There are {len(segs)}.", "which_text", count=len(segs)
                )
            changes.append(_retime(draft, segs[0], start_s, duration_s, duration_change_s))
        changes = [c for c in changes if c]
        if not changes:
            return ask(
                ctx,
                f"What should I change about {name}: the words, colour, position, size or time?",
                "what_change",
                which=name,
            )
        return commit(ctx, draft, f"Changed {name}: {', '.join(changes)}.", "text_changed", which=name)

    def _edit_designed_words(
        self,
        ctx: ToolContext,
        draft: dict[str, Any],
        scenes: list[dict[str, Any]],
        which: str,
        text: str,
        color: str,
        position: str,
        size: str,
        box: str,
    ) -> dict[str, Any]:
        """ "The title" of a designed video is its opener's headline; "the captions", every scene's
        words. Words, colour and size change; a place, a box or a time are the design's."""
        title = which == "title"
        if text and not title:
            question = "Which scene's words should change? Say e.g. 'change the title to …'."
            return ask(ctx, question, "which_text",
                       count=len(scenes))  # fmt: skip
        colours = _colours(ctx, color, "")
        if isinstance(colours, dict):
            return colours
        changes, _ = restyle_designed_words(scenes, title=title, text=text, hex_colour=colours[0], size=size,
                                            colour_name=color)  # fmt: skip
        fixed = [w for w, asked in (("place", position), ("box", box)) if asked]
        name = "the title" if title else "the words of every scene"
        note = f" Their {' and '.join(fixed)} are part of the design." if fixed else ""
        if not changes:
            look = " and ".join(fixed) or "look"
            message = (
                f"{name.capitalize()} are drawn by the designed scenes: their {look} is part of the design. "
                "Words, colour and size can change."
            )
            return refuse(ctx, message, "designed_text")
        return commit(ctx, draft, f"Changed {name}: {', '.join(changes)}.{note}", "text_changed", which=name)

    async def remove_text(self, which: str, tool_context: ToolContext) -> dict[str, Any]:
        """Remove titles or captions: which is "title", "captions", "caption 3" or "text" (all)."""
        ctx = tool_context
        draft = working_copy(ctx)
        segs, name = texts.select(draft, which)
        if not segs:
            return refuse(
                ctx, f"There is no {name.removeprefix('the ')} to remove.", "nothing_to_remove", kind=name
            )
        texts.remove(draft, segs)
        return commit(ctx, draft, f"Removed {name}.", "removed", kind=name)
