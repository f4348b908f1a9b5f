"""What every tool shares: reading the session, committing a new draft, refusing, asking.

A tool answers `{"ok", "message", "timeline", "timeline_zh"}` plus `code` and `params` (so the
planner can say the same in Chinese, `reply.py`), and `ask: true` when it needs the person to choose
before it acts. Only `ok: true` answers are charged. `commit` is the one place a draft is written: it
records the draft before the turn's first change for undo, normalises the new one, and keeps
`state.canvas_config` in step with the canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.check import DraftError
from nemo_tui.draft.reads import clip_rows, is_ready
from nemo_tui.engine.render.validate import validate_draft

from ..edits import clips, draft_history, shots
from ..edits import draft_ops as ops
from ..edits.storyboard import Visual
from ..edits.timeline_summary import summary_lines

if TYPE_CHECKING:
    from ..media.music import MusicLibrary
    from ..media.voice import VoiceLibrary


class ToolHost:
    """What the tool groups expect of the object they are mixed into (`DraftTools` sets these)."""

    music: MusicLibrary
    voices: VoiceLibrary
    public_url: Callable[[], str]
    test_hooks: bool

    if TYPE_CHECKING:
        # AudioTools defines it; GenerateTools uses it too.
        async def put_music(
            self, ctx: ToolContext, draft: ops.Draft, mood: str, vol: float, *, upload: bool = True
        ) -> str: ...


def answer(
    ok: bool, message: str, draft: dict[str, Any] | None, code: str = "", **params: Any
) -> dict[str, Any]:
    """A tool's answer: `timeline` is the draft's summary line, `timeline_zh` the same in Chinese (the
    planner ends a reply to a person who writes Chinese with it)."""
    timeline, timeline_zh = summary_lines(draft)
    out: dict[str, Any] = {"ok": ok, "message": message, "timeline": timeline, "timeline_zh": timeline_zh}
    if code:
        out["code"] = code
    if params:
        out["params"] = params
    return out


def current(ctx: ToolContext) -> dict[str, Any] | None:
    draft: dict[str, Any] | None = ctx.state.get("draft")
    return draft


def working_copy(ctx: ToolContext) -> ops.Draft:
    return ops.ensure_draft(current(ctx))


# Stages of a generation always count as done, even when they happen to make the same draft again.
_ALWAYS_COMMIT = {"generated", "finished"}


def commit(
    ctx: ToolContext, draft: ops.Draft | None, message: str, code: str = "", **params: Any
) -> dict[str, Any]:
    if draft is not None:
        draft = ops.normalize(draft)
    if draft == current(ctx) and code not in _ALWAYS_COMMIT:
        # "make the captions white" when they are white: no undo step, and not ok, so not charged
        return refuse(
            ctx, "It is already like that, so nothing changed (and nothing was charged).", "unchanged"
        )
    if draft is not None and (problem := _unexportable(draft)):
        return refuse(
            ctx,
            f"That change would leave a video that cannot be exported ({problem}); nothing changed.",
            "unexportable",
        )
    draft_history.record(ctx.state, current(ctx), ctx.invocation_id)
    ctx.state["draft"] = draft
    if ctx.state.get(PENDING):
        ctx.state[PENDING] = None  # a change made since: the question waiting for a yes is old
    canvas = ops.canvas_config((draft or {}).get("canvas") or ops.canvas_for("16:9"))
    if ctx.state.get("canvas_config") != canvas:
        ctx.state["canvas_config"] = canvas
    return answer(True, message, draft, code, **params)


def _unexportable(draft: ops.Draft) -> str | None:
    """Why the renderer would refuse this draft, or None: an edit never leaves a draft that cannot be
    exported (media are checked at export, where the files are)."""
    if not is_ready(draft):
        return None  # nothing to export yet (e.g. "make it vertical" before generating) is no harm
    try:
        validate_draft(draft)
    except DraftError as exc:
        return exc.problems[0][1]  # the first problem, in one line: a reply, not a report
    return None


def refuse(ctx: ToolContext, message: str, code: str = "", **params: Any) -> dict[str, Any]:
    return answer(False, message, current(ctx), code, **params)


def ask(ctx: ToolContext, question: str, code: str, **params: Any) -> dict[str, Any]:
    out = refuse(ctx, question, code, **params)
    out["ask"] = True
    return out


# A change that waits for the person's yes ("That would leave 4 s of 30 s. Go ahead?"): the tool and its
# arguments, run again with confirmed=True by the `confirm` tool.
PENDING = "pending_change"


def confirm_first(
    ctx: ToolContext, tool: str, args: dict[str, Any], question: str, code: str, **params: Any
) -> dict[str, Any]:
    """Ask before a change that would remove much more than a person usually means to."""
    ctx.state[PENDING] = {"tool": tool, "args": args}
    return ask(ctx, question, code, **params)


def no_video(ctx: ToolContext) -> dict[str, Any] | None:
    if not clips.scenes(ops.ensure_draft(current(ctx))):
        return refuse(
            ctx,
            "There is no video yet. Generate one first, for example: "
            "'generate a 30-second video from this script: …'.",
            "no_video",
        )
    return None


def infos(ctx: ToolContext, *kinds: str) -> list[dict[str, Any]]:
    return [i for i in ctx.state.get("video_infos") or [] if not kinds or i.get("file_type") in kinds]


def visual(info: dict[str, Any]) -> Visual:
    duration = info.get("duration")
    return Visual(
        src=f"media:{info['id']}",
        file_type=info.get("file_type", "image"),
        name=info.get("filename", info["id"]),
        duration_ms=round(duration * 1000) if duration else None,
    )


def footage(ctx: ToolContext) -> dict[str, int]:
    """How long each uploaded video is, by source, for edits that must stay within it."""
    return {f"media:{i['id']}": round(i["duration"] * 1000) for i in infos(ctx, "video") if i.get("duration")}


def ms(seconds: float | None) -> int:
    return round(float(seconds or 0) * 1000)


def volume(value: float) -> float:
    value = float(value)
    return max(0.0, min(1.0, value / 100 if value > 1 else value))


def numbered(draft: ops.Draft) -> list[int]:
    """Row indexes of the clips people number: every clip but the title card, which the timeline
    shows as "title card", not as a clip (and which stays first)."""
    return clip_rows(clips.scenes(draft))


def clip_number(draft: ops.Draft, index: int) -> int:
    """The number people use for the clip at row index `index`."""
    order = numbered(draft)
    return order.index(index) + 1 if index in order else 0


def pick_clip(
    ctx: ToolContext, draft: ops.Draft, clip: int, verb: str, shot: str = ""
) -> int | dict[str, Any]:
    """A 0-based row index for clip number `clip` (1-based, the title card not counted; -1 is the
    last), or for the clip that shows `shot` ("croissant": its upload, or the scene about it), or a
    question."""
    order = numbered(draft)
    if clip == 0 and shot.strip():
        found = shots.find(draft, infos(ctx, "image", "video"), shot)
        if len(found) == 1:
            return found[0]
        listed = ", ".join(str(clip_number(draft, i)) for i in found)
        return ask(
            ctx,
            f"Which clip is the {shot} one? "
            + (f"Clips {listed} all mention it; " if found else "I found none showing it; ")
            + f"say its number, e.g. '{verb} clip 2' (\"what's in my timeline?\" lists them).",
            "which_clip",
            verb=verb,
            count=len(order),
        )
    if clip == 0:
        if len(order) == 1:
            return order[0]
        return ask(
            ctx,
            f"Which clip should I {verb}? Say a number from 1 to {len(order)}, e.g. "
            f"'{verb} clip 2' (\"what's in my timeline?\" lists them).",
            "which_clip",
            verb=verb,
            count=len(order),
        )
    number = clip - 1 if clip > 0 else len(order) + clip
    if not 0 <= number < len(order):
        return refuse(
            ctx,
            f"There is no clip {clip}; the video has {len(order)} (1-{len(order)})."
            if clip > 0
            else "There are no clips to choose from.",
            "no_such_clip",
            clip=clip,
            count=len(order),
        )
    return order[number]
