"""The agent's tools: each edits the draft in session state and says what it did.

Tools are ordinary ADK function tools (a docstring, typed arguments, a `tool_context`). Writing
`tool_context.state["draft"]` is what makes the change appear as `actions.stateDelta.draft` on the
tool's response event. Each returns `{"ok", "message", "timeline"}`; only `ok` results are charged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from google.adk.tools.tool_context import ToolContext

from . import draft_ops as ops
from . import script as scripts
from .music import MOODS, MusicLibrary, loop_seconds
from .timeline import fmt_seconds, summary_line

IMAGE_SCENE_MS = 4000
FADE_MS = scripts.FADE_MS


def _infos(ctx: ToolContext, *kinds: str) -> list[dict[str, Any]]:
    return [i for i in ctx.state.get("video_infos") or [] if not kinds or i.get("file_type") in kinds]


def _visual(info: dict[str, Any]) -> scripts.Visual:
    duration = info.get("duration")
    return scripts.Visual(
        src=f"media:{info['id']}",
        file_type=info.get("file_type", "image"),
        name=info.get("filename", info["id"]),
        duration_ms=round(duration * 1000) if duration else None,
    )


def _done(ctx: ToolContext, draft: dict[str, Any], message: str) -> dict[str, Any]:
    draft = ops.normalize(draft)
    ctx.state["draft"] = draft
    if ctx.state.get("canvas_config") != ops.canvas_config(draft["canvas"]):
        ctx.state["canvas_config"] = ops.canvas_config(draft["canvas"])
    return {"ok": True, "message": message, "timeline": summary_line(draft)}


def _refuse(ctx: ToolContext, message: str) -> dict[str, Any]:
    return {"ok": False, "message": message, "timeline": summary_line(ctx.state.get("draft"))}


def _no_video(ctx: ToolContext) -> dict[str, Any] | None:
    draft = ctx.state.get("draft") or {}
    if not any(t.get("sg") for t in draft.get("t", [])):
        return _refuse(
            ctx,
            "There is no video yet. Generate one first, for example: "
            "'generate a 30-second video from this script: …'.",
        )
    return None


def _seconds(value: float | None) -> int:
    return round(float(value or 0) * 1000)


def _volume(value: float) -> float:
    value = float(value)
    return max(0.0, min(1.0, value / 100 if value > 1 else value))


class DraftTools:
    """The tool set, bound to the services some tools need (generated music, the engine's URL)."""

    def __init__(self, music: MusicLibrary, public_url: Callable[[], str], *, test_hooks: bool = False):
        self._music = music
        self._public_url = public_url
        self._test_hooks = test_hooks

    def all(self) -> list[Callable[..., Any]]:
        tools = [
            self.generate_video,
            self.add_title,
            self.add_caption,
            self.add_media,
            self.add_music,
            self.set_volume,
            self.trim,
            self.set_aspect_ratio,
            self.remove_track,
            self.show_timeline,
        ]
        if self._test_hooks:
            tools += [self.test_wait, self.test_fail]
        return tools

    async def generate_video(
        self,
        script: str,
        tool_context: ToolContext,
        aspect_ratio: str = "16:9",
        duration_s: float = 0,
        title: str = "",
        music: str = "auto",
        music_volume: float = 0.3,
        background: str = "",
    ) -> dict[str, Any]:
        """Generate a new video draft from a text script: a title card, one scene per sentence with
        its caption, the session's uploaded images and videos as scene visuals (colour gradients when
        there are none), and background music. aspect_ratio is 16:9, 9:16, 1:1 or 4:5; duration_s 0
        means natural length; music is a mood (lofi, upbeat, calm, epic), "auto" or "none"."""
        visuals = [_visual(i) for i in _infos(tool_context, "image", "video")]
        if not script.strip() and not visuals:
            return _refuse(
                tool_context,
                "I need a script or some uploaded photos to make a video. Try "
                "'generate a 30-second promo video from this script: …' or upload images first.",
            )
        aspect = aspect_ratio if aspect_ratio in ops.ASPECTS else "16:9"
        draft = scripts.build_draft(
            script,
            aspect=aspect,
            target_ms=_seconds(duration_s) or None,
            title=title or None,
            visuals=visuals,
            background=background or None,
        )
        scenes = len(draft["t"][0]["sg"]) - 1
        music_note = ""
        if music != "none":
            music_note = await self._put_music(tool_context, draft, music, _volume(music_volume))
        title_text = ops.find_track(draft, role="title")["sg"][0]["text"]
        where = f"your {len(visuals)} uploads" if visuals else "colour backgrounds"
        message = (
            f'Generated a {fmt_seconds(draft["d"])}-second {aspect} video: a title card "{title_text}", '
            f"{scenes} scene{'s' if scenes != 1 else ''} on {where}{music_note}."
        )
        return _done(tool_context, draft, message)

    async def add_title(
        self,
        text: str,
        tool_context: ToolContext,
        start_s: float = 0,
        duration_s: float = 3,
        position: str = "center",
    ) -> dict[str, Any]:
        """Put a title on the video (replacing any title at the same time). start_s below 0 counts
        from the end; position is top, center or bottom."""
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        st, d = _place(draft, start_s, duration_s)
        track = ops.ensure_track(draft, ops.TEXT, "title", "Title")
        track["sg"] = [s for s in track["sg"] if ops.end_of(s) <= st or s.get("st", 0) >= st + d]
        seg = scripts.title_segment(
            draft, text, st, d, position if position in ("top", "bottom") else "center"
        )
        track["sg"] = sorted(track["sg"] + [seg], key=lambda s: s["st"])
        where = f"{fmt_seconds(st)}-{fmt_seconds(st + d)}s"
        return _done(tool_context, draft, f'Added the title "{text}" ({where}).')

    async def add_caption(
        self, text: str, tool_context: ToolContext, start_s: float = -1, duration_s: float = 3
    ) -> dict[str, Any]:
        """Add a caption line at the bottom; start_s -1 puts it after the last caption."""
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        track = ops.ensure_track(draft, ops.TEXT, "captions", "Captions")
        if start_s == -1:
            st, d = max((ops.end_of(s) for s in track["sg"]), default=0), _seconds(duration_s)
        else:
            st, d = _place(draft, start_s, duration_s)
        track["sg"] = [s for s in track["sg"] if ops.end_of(s) <= st or s.get("st", 0) >= st + d]
        short = min(draft["canvas"]["w"], draft["canvas"]["h"])
        seg = {
            "id": ops.next_id(draft, "s"),
            "st": st,
            "d": d,
            "text": text,
            "style": scripts._caption_style(short),
            "m": {"name": "Caption"},
        }
        track["sg"] = sorted(track["sg"] + [seg], key=lambda s: s["st"])
        where = f"{fmt_seconds(st)}-{fmt_seconds(st + d)}s"
        return _done(tool_context, draft, f'Added the caption "{text}" ({where}).')

    async def add_media(self, tool_context: ToolContext, which: str = "all") -> dict[str, Any]:
        """Add uploaded media to the end of the video: which is all, images, videos, audio, a file
        name or a media id. Images get 4 seconds with a Ken Burns move; audio becomes the music."""
        infos = _select_media(_infos(tool_context), which)
        if not infos:
            return _refuse(
                tool_context,
                "I found no uploaded media matching that. Upload photos, videos "
                "or audio first, then say 'add my photos'.",
            )
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        used = {s.get("src") for t in draft["t"] for s in t.get("sg", [])}
        fresh = [i for i in infos if f"media:{i['id']}" not in used]
        if not fresh:
            return _refuse(tool_context, "Those uploads are already in the timeline.")
        visuals = [i for i in fresh if i.get("file_type") in ("image", "video")]
        audio = [i for i in fresh if i.get("file_type") == "audio"]
        _append_visuals(draft, visuals)
        if audio:
            self._put_uploaded_music(draft, audio[-1], 0.3)
        names = ", ".join(i.get("filename", i["id"]) for i in fresh)
        return _done(tool_context, draft, f"Added {names}.")

    async def add_music(self, tool_context: ToolContext, mood: str = "auto", volume: float = 0.3) -> dict:
        """Add background music at a volume (0-1): the session's uploaded audio if there is some,
        else music generated on the machine for the mood (lofi, upbeat, calm, epic)."""
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        note = await self._put_music(tool_context, draft, mood, _volume(volume))
        return _done(tool_context, draft, f"Added {note.removeprefix(' with ')}.")

    async def set_volume(self, tool_context: ToolContext, volume: float = -1, change: float = 0) -> dict:
        """Set the background music volume (0-1), or change it by a step (-0.15 quieter, 0.15 louder)."""
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        track = ops.find_track(draft, tt=ops.AUDIO, role="bgm")
        if not track or not track["sg"]:
            return _refuse(tool_context, "There is no music yet; say 'add lo-fi music at 35%'.")
        for seg in track["sg"]:
            current = float(seg.get("vol", 1.0))
            seg["vol"] = round(_volume(volume) if volume >= 0 else max(0.0, min(1.0, current + change)), 2)
        percent = round(track["sg"][0]["vol"] * 100)
        return _done(tool_context, draft, f"Set the music volume to {percent}%.")

    async def trim(
        self, tool_context: ToolContext, length_s: float = 0, cut_start_s: float = 0, cut_end_s: float = 0
    ) -> dict[str, Any]:
        """Shorten the video: keep the first length_s seconds, or cut cut_start_s seconds from the
        start, or cut cut_end_s seconds from the end."""
        if refusal := _no_video(tool_context):
            return refusal
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        before = draft.get("d", 0)
        if cut_start_s > 0:
            ops.cut_start(draft, _seconds(cut_start_s))
            what = f"Cut the first {fmt_seconds(_seconds(cut_start_s))} seconds"
        elif cut_end_s > 0:
            ops.trim_to(draft, max(500, before - _seconds(cut_end_s)))
            what = f"Cut the last {fmt_seconds(_seconds(cut_end_s))} seconds"
        elif length_s > 0:
            if _seconds(length_s) >= before:
                return _refuse(
                    tool_context,
                    f"The video is already {fmt_seconds(before)} seconds long; "
                    "I can shorten it but not stretch it yet.",
                )
            ops.trim_to(draft, _seconds(length_s))
            what = "Trimmed the video"
        else:
            return _refuse(tool_context, "Say how long it should be, e.g. 'make it 15 seconds'.")
        return _done(
            tool_context, draft, f"{what}; it is now {fmt_seconds(ops.normalize(draft)['d'])} s long."
        )

    async def set_aspect_ratio(self, ratio: str, tool_context: ToolContext) -> dict[str, Any]:
        """Change the canvas to another aspect ratio: 16:9, 9:16, 1:1 or 4:5."""
        if ratio not in ops.ASPECTS:
            return _refuse(tool_context, f"I know the aspect ratios {', '.join(ops.ASPECTS)}.")
        draft = ops.set_aspect(ops.ensure_draft(tool_context.state.get("draft")), ratio)
        w, h = draft["canvas"]["w"], draft["canvas"]["h"]
        return _done(tool_context, draft, f"Changed the canvas to {ratio} ({w}x{h}).")

    async def remove_track(self, kind: str, tool_context: ToolContext) -> dict[str, Any]:
        """Remove the music, the title or the captions."""
        role = {"music": "bgm", "title": "title", "captions": "captions"}.get(kind)
        draft = ops.ensure_draft(tool_context.state.get("draft"))
        if not role or not ops.remove_tracks(draft, role=role):
            return _refuse(tool_context, f"There is no {kind} to remove.")
        return _done(tool_context, draft, f"Removed the {kind}.")

    async def show_timeline(self, tool_context: ToolContext) -> dict[str, Any]:
        """Describe the current timeline without changing it."""
        return {"ok": True, "message": "", "timeline": summary_line(tool_context.state.get("draft"))}

    async def test_wait(self, seconds: float, tool_context: ToolContext) -> dict[str, Any]:
        """Test hook: a tool that takes `seconds` to run."""
        await asyncio.sleep(float(seconds))
        return {"ok": True, "message": "", "timeline": summary_line(tool_context.state.get("draft"))}

    async def test_fail(self, tool_context: ToolContext) -> dict[str, Any]:
        """Test hook: a tool that fails."""
        raise RuntimeError("test_fail: this tool always fails")

    async def _put_music(self, ctx: ToolContext, draft: dict[str, Any], mood: str, volume: float) -> str:
        audio = _infos(ctx, "audio")
        if audio:
            return self._put_uploaded_music(draft, audio[-1], volume)
        name = mood if mood in MOODS else "lofi"
        await self._music.ensure(name)
        label = MOODS[name].label
        loop_ms = round(loop_seconds(MOODS[name]) * 1000)
        _set_bgm(draft, f"gen:music:{name}", label, volume, loop_ms)
        generated = list(ctx.state.get("generated_media") or [])
        if not any(g.get("id") == f"gen:music:{name}" for g in generated):
            generated.append(self._generated_entry(name, label, loop_ms))
            ctx.state["generated_media"] = generated
        return f" with {label} music at {round(volume * 100)}%"

    def _put_uploaded_music(self, draft: dict[str, Any], info: dict[str, Any], volume: float) -> str:
        name = str(info.get("filename", info["id"])).rsplit(".", 1)[0]
        duration = info.get("duration") or 30
        _set_bgm(draft, f"media:{info['id']}", name, volume, round(duration * 1000))
        return f' with your music "{name}" at {round(volume * 100)}%'

    def _generated_entry(self, name: str, label: str, loop_ms: int) -> dict[str, Any]:
        return {
            "id": f"gen:music:{name}",
            "src": f"gen:music:{name}",
            "kind": "music",
            "file_type": "audio",
            "name": label,
            "duration": loop_ms / 1000,
            "cdn_url": f"{self._public_url()}/api/generated/music/{name}.wav",
            "status": "completed",
        }


def _set_bgm(draft: dict[str, Any], src: str, label: str, volume: float, source_ms: int) -> None:
    track = ops.ensure_track(draft, ops.AUDIO, "bgm", "BGM")
    length = ops.visual_end(draft) or source_ms
    track["sg"] = [
        {
            "id": ops.next_id(draft, "s"),
            "st": 0,
            "d": length,
            "src": src,
            "in": 0,
            "vol": round(volume, 2),
            "fade_in": 500,
            "fade_out": 1500,
            "loop": True,
            "m": {"name": label, "fill": True},
        }
    ]


def _place(draft: dict[str, Any], start_s: float, duration_s: float) -> tuple[int, int]:
    d = max(500, _seconds(duration_s or 3))
    st = _seconds(start_s)
    if st < 0:
        st = max(0, (draft.get("d") or 0) + st)
    return st, d


def _select_media(infos: list[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    which = (which or "all").strip().lower().removeprefix("media:")
    groups = {
        "images": ("image",),
        "videos": ("video",),
        "audio": ("audio",),
        "all": ("image", "video", "audio"),
    }
    if which in groups:
        return [i for i in infos if i.get("file_type") in groups[which]]
    return [
        i
        for i in infos
        if which in (str(i.get("id", "")).lower(), str(i.get("filename", "")).lower())
        or str(i.get("filename", "")).lower().rsplit(".", 1)[0] == which
    ]


def _append_visuals(draft: dict[str, Any], infos: list[dict[str, Any]]) -> None:
    if not infos:
        return
    track = ops.ensure_track(draft, ops.VIDEO, "main", "Main")
    start = ops.visual_end(draft)
    for n, info in enumerate(infos):
        visual = _visual(info)
        seg: dict[str, Any] = {
            "id": ops.next_id(draft, "s"),
            "src": visual.src,
            "in": 0,
            "fit": "cover",
            "m": {"name": visual.name},
        }
        if visual.file_type == "image":
            seg["d"] = IMAGE_SCENE_MS
            seg["fx"] = {"kenburns": scripts.KEN_BURNS[(len(track["sg"]) + n) % len(scripts.KEN_BURNS)]}
        else:
            seg.update({"d": visual.duration_ms or IMAGE_SCENE_MS, "speed": 1.0, "vol": 1.0})
        if start > 0:
            seg["tr"] = {"type": "fade", "d": FADE_MS}
            start -= FADE_MS
        seg["st"] = start
        track["sg"].append(seg)
        start += seg["d"]
    if track["m"].get("name") == "Main":
        track["m"]["name"] = infos[0].get("filename", "clip") if len(infos) == 1 else f"{len(infos)} clips"
