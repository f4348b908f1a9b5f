"""Edits that refer to the last one: "do the same to the title", "a bit more", "太大了，再小一点点".

The planner sees only the current message, so the last edit a person made is kept in the session
(`LAST_EDIT`, written by `DraftTools._guarded` after each repeatable edit that succeeded).
`repeat_edit` makes it again on another target, in a direction, or as it was.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from google.adk.tools.tool_context import ToolContext

from .toolkit import refuse

LAST_EDIT = "last_edit"
# The edits that can be made again, and the argument each names its target with.
TARGETS: dict[str, str] = {
    "edit_text": "which",
    "set_font": "which",
    "set_volume": "target",
    "set_clip_speed": "clip",
    "set_clip_length": "clip",
    "set_length": "",
}
_LENGTH = {"up": "longer", "down": "shorter"}


def remember(state: Any, tool: str, args: dict[str, Any]) -> None:
    """Keep a repeatable edit that succeeded, with its arguments, for the next message."""
    if tool in TARGETS:
        state[LAST_EDIT] = {"tool": tool, "args": {k: v for k, v in args.items() if k != "tool_context"}}


def _toward(args: dict[str, Any], tool: str, direction: str) -> dict[str, Any] | None:
    """The arguments made to go `direction` ("up": bigger, louder, faster, longer; "down": the
    opposite; "more": the same way again; "less": back the other way), or None when the edit has no
    direction to go in."""
    args = dict(args)
    if direction in ("more", "less"):
        way = _way(args)
        if way is None:
            return None
        direction = way if direction == "more" else ("down" if way == "up" else "up")
    if tool == "set_length":
        args = {"change": _LENGTH[direction]}
    elif args.get("size") in ("bigger", "smaller"):
        args["size"] = "bigger" if direction == "up" else "smaller"
    elif isinstance(args.get("change"), int | float) and not isinstance(args.get("change"), bool):
        args["change"] = abs(float(args["change"])) * (1 if direction == "up" else -1)
    elif isinstance(args.get("change"), str) and args["change"].endswith(("faster", "slower")):
        args["change"] = "faster" if direction == "up" else "slower"
    else:
        return None
    return args


def _way(args: dict[str, Any]) -> str | None:
    """Which way the edit went: "up" (bigger, louder, faster, longer), "down", or None."""
    size, change = args.get("size"), args.get("change")
    if size in ("bigger", "smaller"):
        return "up" if size == "bigger" else "down"
    if isinstance(change, int | float) and not isinstance(change, bool) and change:
        return "up" if change > 0 else "down"
    if isinstance(change, str):
        if change.endswith(("faster", "longer")):
            return "up"
        if change.endswith(("slower", "shorter")):
            return "down"
    return None


class RepeatTools:
    async def repeat_edit(
        self, tool_context: ToolContext, which: str = "", direction: str = "", about: str = ""
    ) -> dict[str, Any]:
        """Make the last edit again: on another target (which: "title", "captions", "all", "music",
        "voice" or a clip number; "do the same to the title"), in a direction (direction: "up" =
        bigger/louder/faster/longer, "down" = the opposite, "more" = the same way again, "less" =
        back; "a bit more", "太大了，再小一点"; about:
        "size" or "volume" when the words say which, so "too loud" never resizes a caption), or as it
        was when all are empty ("again")."""
        ctx = tool_context
        last = ctx.state.get(LAST_EDIT)
        if not isinstance(last, dict) or last.get("tool") not in TARGETS:
            return refuse(
                ctx,
                "There is no earlier change to repeat in this conversation; say what to change, e.g. "
                "'make the title bigger'.",
                "nothing_to_repeat",
            )
        tool, args = str(last["tool"]), dict(last.get("args") or {})
        if which:
            key = TARGETS[tool]
            if not key:
                return refuse(
                    ctx, "The last change was to the whole video; name what to change.", "cannot_retarget"
                )
            if key == "clip":
                if not which.strip().lstrip("-").isdigit():
                    return refuse(
                        ctx, "Say which clip by its number, e.g. 'the same for clip 3'.", "cannot_retarget"
                    )
                args["clip"] = int(which)
            else:
                args[key] = which
        if direction in ("up", "down", "more", "less"):
            fits = {"size": "size" in args, "volume": tool == "set_volume"}.get(about, True)
            moved = _toward(args, tool, direction) if fits else None
            if moved is None:
                return refuse(
                    ctx,
                    "The last change has no direction to go further in; say what to change, e.g. "
                    "'make the captions smaller'.",
                    "no_direction",
                )
            args = moved
        run: Callable[..., Awaitable[dict[str, Any]]] = getattr(self, tool)
        done = await run(tool_context=ctx, **args)
        if done.get("ok"):
            remember(ctx.state, tool, args)  # "even more" after "a bit smaller" goes on getting smaller
        return done
