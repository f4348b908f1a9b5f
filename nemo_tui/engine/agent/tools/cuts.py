"""Cuts and the row of clips: trim, length, remove / swap / move / speed a clip, transitions, canvas."""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import length_of, meta_of, speed_of

from ..edits import clips
from ..edits import draft_ops as ops
from ..edits.timeline_summary import fmt_seconds
from .toolkit import (
    ask,
    clip_number,
    commit,
    confirm_first,
    footage,
    ms,
    no_video,
    numbered,
    pick_clip,
    refuse,
    working_copy,
)

SPEED_STEP = 1.5
SMALL_SPEED_STEP = 1.2


class CutTools:
    async def trim(
        self,
        tool_context: ToolContext,
        length_s: float = 0,
        cut_start_s: float = 0,
        cut_end_s: float = 0,
        cut_from_s: float = -1,
        cut_to_s: float = -1,
        confirmed: bool = False,
    ) -> dict[str, Any]:
        """Cut time out of the video: keep only the first length_s seconds, or cut cut_start_s seconds
        from the start, or cut_end_s seconds from the end, or the span from cut_from_s to cut_to_s
        (what follows moves up). A cut that would leave less than half the video asks first;
        confirmed=True only once the person said yes."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        before = length_of(draft)
        if cut_from_s >= 0 and cut_to_s > cut_from_s:
            a, b = ms(cut_from_s), min(before, ms(cut_to_s))
            if a >= before:
                return refuse(
                    ctx,
                    f"The video is only {fmt_seconds(before)} s long; nothing starts at {fmt_seconds(a)} s.",
                    "past_end",
                    length=fmt_seconds(before),
                    at=fmt_seconds(a),
                )
            ops.cut_range(draft, a, b)
            what = f"Cut {fmt_seconds(a)}-{fmt_seconds(b)}s"
        elif cut_start_s > 0:
            ops.cut_start(draft, min(ms(cut_start_s), before - ops.MIN_MS))
            what = f"Cut the first {fmt_seconds(ms(cut_start_s))} seconds"
        elif cut_end_s > 0:
            ops.trim_to(draft, max(ops.MIN_MS, before - ms(cut_end_s)))
            what = f"Cut the last {fmt_seconds(ms(cut_end_s))} seconds"
        elif length_s > 0:
            if ms(length_s) >= before:
                return refuse(
                    ctx,
                    f"The video is already {fmt_seconds(before)} seconds long; to make it "
                    f"longer say 'make it {fmt_seconds(ms(length_s))} seconds'.",
                    "already_short",
                    length=fmt_seconds(before),
                    want=fmt_seconds(ms(length_s)),
                )
            ops.trim_to(draft, ms(length_s))
            what = "Trimmed the end"
        else:
            return ask(
                ctx,
                "What should I cut? E.g. 'trim the first 10 seconds' or 'cut from 0:30 to 1:45'.",
                "what_cut",
            )
        after = length_of(ops.normalize(draft))
        if after * 2 < before and not confirmed:
            args = dict(length_s=length_s, cut_start_s=cut_start_s, cut_end_s=cut_end_s)
            args.update(cut_from_s=cut_from_s, cut_to_s=cut_to_s)
            return _less_than_half(ctx, "trim", args, before, after)
        length = fmt_seconds(after)
        return commit(ctx, draft, f"{what}; it is now {length} s long.", "trimmed", length=length)

    async def set_length(
        self,
        tool_context: ToolContext,
        seconds: float = 0,
        change: str = "",
        change_s: float = 0,
        confirmed: bool = False,
    ) -> dict[str, Any]:
        """Make the whole video last `seconds` by pacing every scene faster or slower (nothing is cut
        off; clips stay within their footage, narrated scenes keep room for their speech). change_s
        is relative: -5 makes it 5 s shorter. change "shorter"/"longer" without seconds asks how long.
        Less than half the length asks first; confirmed=True only once the person said yes."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        now = length_of(draft)
        if change_s and seconds <= 0:
            seconds = max(1.0, now / 1000 + change_s)  # "shorter by 5 seconds": from the length now
        if seconds <= 0:
            word = change or "different"
            return ask(
                ctx,
                f"How long should it be? It is {fmt_seconds(now)} s now; say e.g. 'make it "
                f"{fmt_seconds(max(5000, now // 2000 * 1000))} seconds'.",
                "how_long",
                length=fmt_seconds(now),
                change=word,
            )
        reached = clips.set_length(draft, ms(seconds), footage(ctx))
        if reached * 2 < now and not confirmed:
            return _less_than_half(ctx, "set_length", {"seconds": seconds}, now, reached)
        message = f"Paced the video to {fmt_seconds(reached)} s (it was {fmt_seconds(now)} s)."
        if abs(reached - ms(seconds)) > 250:
            message += (
                f" {fmt_seconds(ms(seconds))} s was not possible: the clips' footage or the "
                "narration sets the limit."
            )
        return commit(ctx, draft, message, "length", length=fmt_seconds(reached), was=fmt_seconds(now))

    async def remove_clip(self, tool_context: ToolContext, clip: int = 0, shot: str = "") -> dict[str, Any]:
        """Remove clip number `clip` (1 is the first after the title card; -1 the last), or the clip
        showing `shot` ("croissant"), and close the gap; its captions and voice lines go with it.
        clip 0 without a shot asks which."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        if len(numbered(draft)) == 1:
            return refuse(
                ctx,
                "That is the only clip; say 'undo' or generate again instead of removing it.",
                "only_clip",
            )
        index = pick_clip(ctx, draft, clip, "remove", shot)
        if isinstance(index, dict):
            return index
        number = clip_number(draft, index)
        gone = clips.remove_clip(draft, index)
        name = meta_of(gone).get("name", "clip")
        return commit(ctx, draft, f"Removed clip {number} ({name}).", "clip_removed", clip=number)

    async def swap_clips(self, first: int, second: int, tool_context: ToolContext) -> dict[str, Any]:
        """Swap two clips (numbers from 1, the title card not counted); their captions and voice
        lines go with them."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        a, b = pick_clip(ctx, draft, first, "swap"), pick_clip(ctx, draft, second, "swap")
        if isinstance(a, dict):
            return a
        if isinstance(b, dict):
            return b
        if a == b:
            return refuse(ctx, "Those are the same clip.", "same_clip")
        clips.swap_clips(draft, min(a, b), max(a, b))
        return commit(ctx, draft, f"Swapped clips {first} and {second}.", "clips_swapped", a=first, b=second)

    async def move_clip(self, clip: int, to: int, tool_context: ToolContext) -> dict[str, Any]:
        """Move clip number `clip` so it becomes number `to` (-1: the end; the title card stays
        first)."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        index, place = pick_clip(ctx, draft, clip, "move"), pick_clip(ctx, draft, to, "move")
        if isinstance(index, dict):
            return index
        if isinstance(place, dict):
            return place
        number, to_number = clip_number(draft, index), clip_number(draft, place)
        clips.move_clip(draft, index, place)
        return commit(
            ctx,
            draft,
            f"Moved clip {number} to position {to_number}.",
            "clip_moved",
            clip=number,
            to=to_number,
        )

    async def set_clip_speed(
        self, tool_context: ToolContext, clip: int = 0, speed: float = 0, change: str = "", shot: str = ""
    ) -> dict[str, Any]:
        """Play clip number `clip` (or the clip showing `shot`) faster or slower: speed is a factor
        (2 = twice as fast), or change is "faster"/"slower" (x1.5) or "a bit faster"/"a bit slower"
        (x1.2). clip 0 without a shot: every clip."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        if clip or shot:
            picked = pick_clip(ctx, draft, clip, "speed up", shot)
            if isinstance(picked, dict):
                return picked
            targets = [picked]
        else:
            targets = numbered(draft)
        if speed <= 0 and change.removeprefix("a bit ") not in ("faster", "slower"):
            return ask(ctx, "How fast? Say e.g. 'speed up clip 2' or 'play clip 2 at 2x'.", "how_fast")
        for index in targets:
            seg = clips.scenes(draft)[index]
            old = speed_of(seg)
            step = SMALL_SPEED_STEP if change.startswith("a bit ") else SPEED_STEP  # "a little slower"
            factor = speed if speed > 0 else old * (step if change.endswith("faster") else 1 / step)
            clips.set_speed(draft, index, factor if ops.is_file_source(seg) else factor / old)
        label = f"{speed:g}x" if speed > 0 else change
        which = f"clip {clip_number(draft, targets[0])}" if clip or shot else "every clip"
        length = fmt_seconds(length_of(ops.normalize(draft)))
        return commit(
            ctx,
            draft,
            f"Made {which} play {label}; the video is now {length} s.",
            "speed",
            which=which,
            label=label,
            length=length,
        )

    async def set_clip_length(
        self,
        tool_context: ToolContext,
        clip: int = 0,
        seconds: float = 0,
        shot: str = "",
        longer: bool = False,
    ) -> dict[str, Any]:
        """Make clip number `clip` (or the clip showing `shot`, e.g. "croissant") stay on screen for
        `seconds` (the video gets longer or shorter by the difference; the other clips keep their
        length). A video clip cannot outlast its footage. longer=True: the person asked for longer, so
        a length it already has asks how long instead."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        picked = pick_clip(ctx, draft, clip, "change the length of", shot)
        if isinstance(picked, dict):
            return picked
        number = clip_number(draft, picked)
        if seconds <= 0:
            return ask(
                ctx,
                f"How long should clip {number} be? Say e.g. 'make clip {number} 5 seconds long'.",
                "how_long_clip",
                clip=number,
            )
        seg = clips.scenes(draft)[picked]
        lasts = int(seg["d"]) - int((seg.get("tr") or {}).get("d", 0))  # as set_scene_length counts it
        if longer and ms(seconds) <= lasts + 200:
            now = fmt_seconds(lasts)
            return ask(
                ctx,
                f"Clip {number} already lasts {now} s. How long should it be? Say e.g. 'make clip {number} "
                f"{fmt_seconds(lasts + 2000)} seconds long'.",
                "how_long_clip",
                clip=number,
            )
        was = length_of(draft)
        reached = clips.set_scene_length(draft, picked, ms(seconds), footage(ctx))
        length = fmt_seconds(length_of(ops.normalize(draft)))
        message = (
            f"Clip {number} now lasts {fmt_seconds(reached)} s; the video is {length} s "
            f"(it was {fmt_seconds(was)} s)."
        )
        if abs(reached - ms(seconds)) > 250:
            message += (
                f" {fmt_seconds(ms(seconds))} s was not possible: its footage or its narration sets the "
                f"limit (slowing it down makes footage last longer: 'slow down clip {number}')."
            )
        return commit(
            ctx, draft, message, "clip_length", clip=number, seconds=fmt_seconds(reached), length=length
        )

    async def set_transition(
        self,
        tool_context: ToolContext,
        kind: str = "fade",
        duration_s: float = 0.5,
        clip: int = 0,
        ending_s: float = 0,
    ) -> dict[str, Any]:
        """Transitions between clips: kind is fade (crossfade), black (dip to black) or none (hard
        cuts); duration_s their length; clip N changes only the transition into clip N. ending_s > 0
        instead fades the picture out to black over the video's last ending_s seconds (the joins
        are left alone)."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        if ending_s > 0:
            draft = working_copy(ctx)
            ops.set_ending(draft, ms(ending_s))
            return commit(
                ctx,
                draft,
                f"The picture now fades to black over the last {ending_s:g} s.",
                "ending",
                seconds=f"{ending_s:g}",
            )
        kind = {"crossfade": "fade", "dissolve": "fade", "cut": "none", "hard": "none"}.get(kind, kind)
        if kind not in ("fade", "black", "none"):
            return refuse(ctx, "I can make fades, dips to black, or hard cuts.", "bad_transition")
        draft = working_copy(ctx)
        index = None
        if clip:
            picked = pick_clip(ctx, draft, clip, "change")
            if isinstance(picked, dict):
                return picked
            index = picked
        before = length_of(draft)
        count = clips.set_transitions(draft, kind, max(100, ms(duration_s or 0.5)), index)
        if count and length_of(draft) != before:  # the joins' overlaps change; the video's length does not
            clips.set_length(draft, before, footage(ctx))
        if not count:
            return refuse(
                ctx, "There is no transition there (the first clip has nothing before it).", "no_transition"
            )
        what = {
            "fade": f"{duration_s:g} s crossfades",
            "black": f"{duration_s:g} s dips to black",
            "none": "hard cuts",
        }[kind]
        joins = (
            f"the join into clip {clip_number(draft, index)}" if index is not None else f"all {count} joins"
        )
        return commit(ctx, draft, f"Set {joins} to {what}.", "transition", what=what)

    async def set_aspect_ratio(self, ratio: str, tool_context: ToolContext) -> dict[str, Any]:
        """Change the canvas to another aspect ratio: 16:9, 9:16, 1:1 or 4:5."""
        ctx = tool_context
        if ratio not in ops.ASPECTS:
            return refuse(
                ctx,
                f"I know the aspect ratios {', '.join(ops.ASPECTS)}.",
                "bad_aspect",
                ratios=", ".join(ops.ASPECTS),
            )
        draft = ops.set_aspect(working_copy(ctx), ratio)
        w, h = draft["canvas"]["w"], draft["canvas"]["h"]
        return commit(ctx, draft, f"Changed the canvas to {ratio} ({w}x{h}).", "aspect", ratio=ratio)


def _less_than_half(
    ctx: ToolContext, tool: str, args: dict[str, Any], before: int, after: int
) -> dict[str, Any]:
    was, left = fmt_seconds(before), fmt_seconds(after)
    return confirm_first(
        ctx,
        tool,
        args,
        f"That would leave {left} s of the {was} s video, less than half of it. Say 'yes' to go ahead, "
        "or tell me another length (e.g. 'make it 20 seconds').",
        "less_than_half",
        left=left,
        was=was,
    )
