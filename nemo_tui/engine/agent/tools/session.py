"""Undo, redo, describing the timeline, and the test hooks."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import clip_rows, length_of

from ..edits import clips, draft_history
from ..edits import draft_ops as ops
from ..edits.describe import describe
from ..edits.timeline_summary import fmt_seconds
from .toolkit import PENDING, answer, current, refuse


class SessionTools:
    async def undo(self, tool_context: ToolContext) -> dict[str, Any]:
        """Take back the last change (a whole message's worth), restoring the draft exactly."""
        ctx = tool_context
        if not draft_history.can_undo(ctx.state):
            return refuse(ctx, "There is nothing to undo.", "nothing_to_undo")
        before = draft_history.undo(ctx.state, current(ctx), ctx.invocation_id)
        result = _write(ctx, before, "Undid the last change.", "undone")
        result["params"] = {"left": draft_history.can_undo(ctx.state)}
        return result

    async def redo(self, tool_context: ToolContext) -> dict[str, Any]:
        """Put back the change the last undo took back."""
        ctx = tool_context
        if not draft_history.can_redo(ctx.state):
            return refuse(ctx, "There is nothing to redo.", "nothing_to_redo")
        after = draft_history.redo(ctx.state, current(ctx), ctx.invocation_id)
        return _write(ctx, after, "Redid the change.", "redone")

    async def confirm(self, tool_context: ToolContext, go_ahead: bool = True) -> dict[str, Any]:
        """The person's answer to a question that waits for a yes (a cut that would leave less than
        half the video): go_ahead=True makes that change, False leaves the video as it is."""
        ctx = tool_context
        pending = ctx.state.get(PENDING)
        if not pending:
            return refuse(ctx, "No question is waiting for a yes; nothing changed.", "nothing_to_confirm")
        ctx.state[PENDING] = None
        if not go_ahead:
            return refuse(ctx, "All right, I left the video as it is.", "kept")
        tool: Callable[..., Awaitable[dict[str, Any]]] = getattr(self, pending["tool"])
        return await tool(tool_context=ctx, **pending["args"], confirmed=True)

    async def show_timeline(self, tool_context: ToolContext, detail: bool = False) -> dict[str, Any]:
        """Describe the current timeline without changing it; detail=True lists every clip and line."""
        draft = current(tool_context)
        if not detail:
            return answer(True, "", draft)
        count = len(clip_rows(clips.scenes(ops.ensure_draft(draft)))) if draft else 0
        length = fmt_seconds(length_of(draft)) if draft else "0"
        return answer(
            True,
            describe(draft),
            draft,
            "timeline",
            clips=count,
            seconds=length,
            listing_zh=describe(draft, zh=True),
        )

    async def test_wait(self, seconds: float, tool_context: ToolContext) -> dict[str, Any]:
        """Test hook: a tool that takes `seconds` to run."""
        await asyncio.sleep(float(seconds))
        return answer(True, "", current(tool_context))

    async def test_fail(self, tool_context: ToolContext) -> dict[str, Any]:
        """Test hook: a tool that fails."""
        raise RuntimeError("test_fail: this tool always fails")


def _write(ctx: ToolContext, draft: dict[str, Any] | None, message: str, code: str) -> dict[str, Any]:
    """Write a draft from history as it was (no normalising, no new history entry)."""
    from ..edits import draft_ops as ops

    ctx.state["draft"] = draft
    canvas = ops.canvas_config((draft or {}).get("canvas") or ops.canvas_for("16:9"))
    if ctx.state.get("canvas_config") != canvas:
        ctx.state["canvas_config"] = canvas
    return answer(True, message, draft, code)


__all__ = ["SessionTools"]
