"""Versions: "make a square version", "switch to the original", "show my versions" (issue 20).

A new version is a copy of the current draft, every edit kept, with another shape and/or length;
nothing is generated again. `edits/versions.py` keeps them; here they are made, switched and listed.
Making and switching go through `commit`, so each is one undo step like any edit.
"""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from ..edits import clips
from ..edits import draft_ops as ops
from ..edits import versions as v
from ..edits.timeline_summary import fmt_seconds
from .toolkit import answer, ask, commit, current, footage, ms, no_video, refuse, working_copy


class VersionTools:
    async def make_version(
        self, tool_context: ToolContext, name: str = "", aspect_ratio: str = "", length_s: float = 0
    ) -> dict[str, Any]:
        """Make a new version of the video (a named variant the person can switch back to): a copy of
        the current version with every edit kept, in another aspect_ratio (16:9, 9:16, 1:1, 4:5)
        and/or paced to length_s seconds; the copy becomes current and the current one is kept.
        name is optional (made from what changed, e.g. "vertical 15 s"). Not a regeneration."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        if aspect_ratio and aspect_ratio not in ops.ASPECTS:
            return refuse(
                ctx,
                f"I know the aspect ratios {', '.join(ops.ASPECTS)}.",
                "bad_aspect",
                ratios=", ".join(ops.ASPECTS),
            )
        before = current(ctx)
        taken = v.names(ctx.state, before)
        if len(taken) >= v.LIMIT:
            return refuse(
                ctx,
                f"There are {len(taken)} versions already, the most one project keeps.",
                "too_many_versions",
                count=len(taken),
            )
        draft = working_copy(ctx)
        if aspect_ratio:
            ops.set_aspect(draft, aspect_ratio)
        note = ""
        if length_s > 0:
            reached = clips.set_length(draft, ms(length_s), footage(ctx))
            if abs(reached - ms(length_s)) > 250:
                wanted = fmt_seconds(ms(length_s))
                note = f" {wanted} s was not possible: the footage or the narration sets the limit."
        ratio, length = v.shape_and_length(ops.normalize(draft))
        if name.strip():
            name = v.unique(name.strip(), taken)
        else:  # named by how it differs from the original: a 15 s cut of the square one is "square 15 s"
            first_ratio, first_length = v.shape_and_length(v.load(ctx.state, before, v.ORIGINAL))
            shape = aspect_ratio or (ratio if ratio != first_ratio else "")
            whole = round(float(length))  # a re-paced length lands within 250 ms: "15 s", not "15.1 s"
            seconds = ms(length_s) or (whole * 1000 if whole != round(float(first_length)) else 0)
            name = v.new_name(shape, seconds, taken)
        v.tagged(draft, name)
        was = v.name_of(before)
        message = (
            f"Made a new version, {name} ({ratio}, {length} s), from the {was} one; every edit is kept and "
            f"the {was} version is still there ('switch to the {was}' goes back).{note} "
            f"{_status(name, len(taken) + 1)}"
        )
        params = _params(name, len(taken) + 1, ratio=ratio, length=length, was_zh=v.zh_name(was))
        result = commit(ctx, draft, message, "version_made", **params)
        if result["ok"]:
            v.save(ctx.state, before)
        return result

    async def switch_version(self, tool_context: ToolContext, name: str = "") -> dict[str, Any]:
        """Switch to another version of the video by its name ("original", "square", "vertical 15 s";
        loose words work: "the square one", "原版"). The current version is kept as it is."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        before = current(ctx)
        here, every = v.name_of(before), v.names(ctx.state, before)
        if len(every) == 1:
            return refuse(
                ctx,
                f"There is only one version, the {here}; say e.g. 'make a square version' to make another.",
                "only_version",
            )
        found = v.find(name, every) if name.strip() else []
        if len(found) != 1:
            listing = ", ".join(every)
            if name.strip() and not found:
                message = f"There is no version called {name!r}; the versions are: {listing}."
                return refuse(ctx, message, "no_such_version", **_listing(every))
            return ask(
                ctx,
                f"Which version? The versions are: {listing}.",
                "which_version",
                **_listing(found or every),
            )
        target = found[0]
        if target == here:
            return refuse(
                ctx, f"This is the {here} version already.", "already_version", name_zh=v.zh_name(here)
            )
        draft = v.load(ctx.state, before, target)
        ratio, length = v.shape_and_length(draft)
        message = f"Switched to the {target} version ({ratio}, {length} s). {_status(target, len(every))}"
        result = commit(
            ctx, draft, message, "version_switched", **_params(target, len(every), ratio=ratio, length=length)
        )
        if result["ok"]:
            v.save(ctx.state, before)
        return result

    async def list_versions(self, tool_context: ToolContext) -> dict[str, Any]:
        """List the versions of the video: each one's name, shape and length, and which is current."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = current(ctx)
        here, every = v.name_of(draft), v.names(ctx.state, draft)
        rows, rows_zh = [], []
        for name in every:
            ratio, length = v.shape_and_length(v.load(ctx.state, draft, name))
            rows.append(f"{name} ({ratio}, {length} s)")
            rows_zh.append(f"{v.zh_name(name)}（{ratio}，{length}秒）")
        count = "1 version" if len(every) == 1 else f"{len(every)} versions"
        message = f"{count}: {'; '.join(rows)}. Current: {here}."
        if len(every) == 1:
            message += " Say e.g. 'make a square version' or 'a 15-second cut for TikTok' to make another."
        params = _params(here, len(every), listing_zh="；".join(rows_zh))
        return answer(True, message, draft, "versions", **params)


def _status(name: str, count: int) -> str:
    return f"Version: {name} ({count} versions)."


def _params(name: str, count: int, **more: str) -> dict[str, Any]:
    """What the Chinese reply templates need: names in Chinese too."""
    return {"name": name, "name_zh": v.zh_name(name), "count": count, **more}


def _listing(names: list[str]) -> dict[str, str]:
    return {"listing": ", ".join(names), "listing_zh": "、".join(v.zh_name(n) for n in names)}


__all__ = ["VersionTools"]
