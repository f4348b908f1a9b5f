"""Uploads into the timeline: photos and clips appended to the video, audio as the music."""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import duration_of, meta_of, segments_of, tracks_in

from ..edits import draft_ops as ops
from ..edits.storyboard import FADE_MS, IMAGE_SCENE_MS, KEN_BURNS
from .sound import _set_bgm
from .toolkit import commit, infos, refuse, visual, working_copy


class MediaTools:
    async def add_media(self, tool_context: ToolContext, which: str = "all") -> dict[str, Any]:
        """Add uploaded media to the end of the video: which is all, images, videos, audio, a file
        name or a media id. Images get 4 seconds with a Ken Burns move; audio becomes the music."""
        ctx = tool_context
        chosen = _select_media(infos(ctx), which)
        if not chosen:
            return refuse(
                ctx,
                "I found no uploaded media matching that. Upload photos, videos or audio "
                "first, then say 'add my photos'.",
                "no_media",
            )
        draft = working_copy(ctx)
        used = {s.get("src") for t in tracks_in(draft) for s in segments_of(t)}
        fresh = [i for i in chosen if f"media:{i['id']}" not in used]
        if not fresh:
            return refuse(ctx, "Those uploads are already in the timeline.", "already_used")
        _append_visuals(draft, [i for i in fresh if i.get("file_type") in ("image", "video")])
        audio = [i for i in fresh if i.get("file_type") == "audio"]
        if audio:
            name = str(audio[-1].get("filename", audio[-1]["id"])).rsplit(".", 1)[0]
            _set_bgm(
                draft, f"media:{audio[-1]['id']}", name, 0.35, round((audio[-1].get("duration") or 30) * 1000)
            )
        names = ", ".join(i.get("filename", i["id"]) for i in fresh)
        return commit(ctx, draft, f"Added {names}.", "media_added", names=names)


def _select_media(items: list[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    which = (which or "all").strip().lower().removeprefix("media:")
    groups = {
        "images": ("image",),
        "videos": ("video",),
        "audio": ("audio",),
        "all": ("image", "video", "audio"),
    }
    if which in groups:
        return [i for i in items if i.get("file_type") in groups[which]]
    return [
        i
        for i in items
        if which in (str(i.get("id", "")).lower(), str(i.get("filename", "")).lower())
        or str(i.get("filename", "")).lower().rsplit(".", 1)[0] == which
    ]


def _append_visuals(draft: ops.Draft, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    track = ops.ensure_track(draft, ops.VIDEO, "main", "Main")
    start = ops.visual_end(draft)
    for n, info in enumerate(items):
        v = visual(info)
        seg: dict[str, Any] = {
            "id": ops.next_id(draft, "s"),
            "src": v.src,
            "in": 0,
            "fit": "cover",
            "m": {"name": v.name},
        }
        if v.file_type == "image":
            seg["d"] = IMAGE_SCENE_MS + 500
            seg["fx"] = {"kenburns": KEN_BURNS[(len(segments_of(track)) + n) % len(KEN_BURNS)]}
        else:
            seg.update({"d": v.duration_ms or IMAGE_SCENE_MS, "speed": 1.0, "vol": 1.0})
        if start > 0:
            seg["tr"] = {"type": "fade", "d": FADE_MS}
            start -= FADE_MS
        seg["st"] = start
        segments_of(track).append(seg)
        start += duration_of(seg)
    meta = meta_of(track)
    if meta.get("name") == "Main":
        meta["name"] = items[0].get("filename", "clip") if len(items) == 1 else f"{len(items)} clips"
