"""Sound: background music, volumes (music, voice, the clips' own sound), the voice-over, removals."""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import (
    duration_of,
    fade_in_of,
    fade_out_of,
    scene_of,
    segments_of,
    start_of,
    tracks_of,
    volume_of,
)

from ..edits import clips, storyboard
from ..edits import draft_ops as ops
from ..edits.design import words_of_scene
from ..edits.timeline_summary import fmt_seconds
from ..language import script as scripts
from ..media import speech
from ..media.music import MOODS, loop_seconds, mood_name
from .toolkit import ToolHost, commit, infos, ms, no_video, refuse, volume, working_copy

TARGETS = {"music": "bgm", "voice": "voice"}


class AudioTools(ToolHost):
    async def add_music(
        self, tool_context: ToolContext, mood: str = "auto", volume: float = 0.35
    ) -> dict[str, Any]:
        """Add background music over the whole video at a volume (0-1): the session's uploaded audio if
        there is some, else music generated on this machine for the mood (lofi, upbeat, calm,
        cinematic; "auto" suits the script). Replaces any music already there."""
        ctx = tool_context
        draft = working_copy(ctx)
        name = mood_name(mood) or (ctx.state.get("script") or {}).get("mood", "lofi")
        note = await self.put_music(ctx, draft, name, _volume(volume))
        return commit(ctx, draft, f"Added {note}.", "music_added", what=note)

    async def put_music(self, ctx: ToolContext, draft: ops.Draft, mood: str, vol: float) -> str:
        audio = infos(ctx, "audio")
        if audio:
            info = audio[-1]
            name = str(info.get("filename", info["id"])).rsplit(".", 1)[0]
            _set_bgm(draft, f"media:{info['id']}", name, vol, round((info.get("duration") or 30) * 1000))
            return f'your music "{name}" at {round(vol * 100)}%'
        name = mood if mood in MOODS and mood != "epic" else "lofi"
        await self.music.ensure(name)
        label = MOODS[name].label
        loop_ms = round(loop_seconds(MOODS[name]) * 1000)
        _set_bgm(draft, f"gen:music:{name}", label, vol, loop_ms)
        generated = list(ctx.state.get("generated_media") or [])
        if not any(g.get("id") == f"gen:music:{name}" for g in generated):
            generated.append(self.generated_entry(name, label, loop_ms))
            ctx.state["generated_media"] = generated
        return f"{label} music at {round(vol * 100)}%"

    def generated_entry(self, name: str, label: str, loop_ms: int) -> dict[str, Any]:
        return {
            "id": f"gen:music:{name}",
            "src": f"gen:music:{name}",
            "kind": "music",
            "file_type": "audio",
            "name": label,
            "duration": loop_ms / 1000,
            "cdn_url": f"{self.public_url()}/api/generated/music/{name}.wav",
            "status": "completed",
        }

    async def set_volume(
        self,
        tool_context: ToolContext,
        volume: float = -1,
        change: float = 0,
        target: str = "music",
        fade_in_s: float = -1,
        fade_out_s: float = -1,
    ) -> dict[str, Any]:
        """Set a volume (0-1), or change it by a step (-0.15 quieter, 0.15 louder). target is "music"
        (the background music), "voice" (the voice-over) or "original" (the clips' own sound; volume 0
        mutes it). fade_in_s / fade_out_s set how long the music fades in at its start and out at
        its end."""
        ctx = tool_context
        draft = working_copy(ctx)
        if fade_in_s >= 0 or fade_out_s >= 0:
            return self._fade_music(ctx, draft, fade_in_s, fade_out_s)
        if target == "original":
            if refusal := no_video(ctx):
                return refusal
            level = _volume(volume) if volume >= 0 else max(0.0, min(1.0, 1.0 + change))
            count = clips.set_original_audio(draft, level)
            if not count:
                return refuse(
                    ctx,
                    "None of the clips has sound of its own (photos and backgrounds are silent).",
                    "no_original",
                )
            what = (
                "Muted the clips' own sound"
                if level == 0
                else f"Set the clips' own sound to {round(level * 100)}%"
            )
            return commit(
                ctx,
                draft,
                f"{what} ({count} clip{'s' if count != 1 else ''}).",
                "original_volume",
                percent=round(level * 100),
            )
        role = TARGETS.get(target, "bgm")
        track = ops.find_track(draft, tt=ops.AUDIO, role=role)
        if not track or not segments_of(track):
            hint = "'add lo-fi music at 35%'" if role == "bgm" else "'add a voice-over'"
            return refuse(ctx, f"There is no {target} yet; say {hint}.", "no_track", kind=target)
        for seg in segments_of(track):
            now = volume_of(seg)
            seg["vol"] = round(_volume(volume) if volume >= 0 else max(0.0, min(1.0, now + change)), 2)
        percent = round(volume_of(segments_of(track)[0]) * 100)
        name = "music" if role == "bgm" else "voice-over"
        return commit(
            ctx, draft, f"Set the {name} volume to {percent}%.", "volume", kind=name, percent=percent
        )

    def _fade_music(
        self, ctx: ToolContext, draft: ops.Draft, fade_in_s: float, fade_out_s: float
    ) -> dict[str, Any]:
        track = ops.find_track(draft, tt=ops.AUDIO, role="bgm")
        if not track or not segments_of(track):
            hint = "There is no music yet; say 'add lo-fi music at 35%'."
            return refuse(ctx, hint, "no_track", kind="music")
        first, last = segments_of(track)[0], segments_of(track)[-1]
        changes = []
        if fade_in_s >= 0:  # at most half the music, so the two fades never cross
            first["fade_in"] = min(ms(fade_in_s), duration_of(first) // 2)
            changes.append(f"fades in over {fmt_seconds(fade_in_of(first))} s")
        if fade_out_s >= 0:
            last["fade_out"] = min(ms(fade_out_s), duration_of(last) // 2)
            changes.append(f"fades out over {fmt_seconds(fade_out_of(last))} s")
        what = " and ".join(changes)
        return commit(ctx, draft, f"The music now {what}.", "music_fade", what=what)

    async def add_voiceover(self, tool_context: ToolContext, language: str = "") -> dict[str, Any]:
        """Narrate the video's scene captions, or the words of its designed scenes, with offline
        text-to-speech (language "en" or "zh", default: the words' own). Scenes grow where the speech
        needs more time, and the music is ducked under the voice when the video is rendered."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        draft = working_copy(ctx)
        lines = _lines_to_say(draft)
        if not lines:
            return refuse(
                ctx,
                "There are no words to narrate: no scene captions and no designed scenes with words. "
                "Add captions first ('add a caption \"Fresh every morning\"'), or generate the video with a "
                "voice-over: 'generate a video with a voice-over from this script: …'.",
                "nothing_to_narrate",
            )
        if not speech.available():
            return refuse(
                ctx, "Speech is not available on this machine (espeak-ng did not load).", "no_speech"
            )
        lang = language if language in ("en", "zh") else scripts.language(" ".join(w for _, w, _ in lines))
        spoken = [await self.voices.speak(words, lang, speech.DEFAULT_WPM) for _, words, _ in lines]
        _narrate(draft, lines, spoken)
        seconds = sum(x.duration_ms for x in spoken) / 1000
        follow = (
            "the captions follow it" if any(c for _, _, c in lines) else "each scene lasts while it speaks"
        )
        return commit(
            ctx,
            draft,
            f"Added a voice-over ({len(spoken)} lines, {seconds:.0f} s of speech); {follow}.",
            "voice_added",
            lines=len(spoken),
        )

    async def remove_track(self, kind: str, tool_context: ToolContext) -> dict[str, Any]:
        """Remove the music, the title, the captions or the voiceover."""
        ctx = tool_context
        kind = {
            "bgm": "music",
            "voice": "voiceover",
            "voice-over": "voiceover",
            "narration": "voiceover",
            "subtitles": "captions",
            "titles": "title",
        }.get(kind, kind)
        role = {"music": "bgm", "title": "title", "captions": "captions", "voiceover": "voice"}.get(kind)
        draft = working_copy(ctx)
        if not role or not ops.remove_tracks(draft, role=role):
            return refuse(ctx, f"There is no {kind} to remove.", "nothing_to_remove", kind=kind)
        return commit(ctx, draft, f"Removed the {kind}.", "removed", kind=kind)


def _volume(value: float) -> float:
    return volume(value)


def _set_bgm(draft: ops.Draft, src: str, label: str, vol: float, source_ms: int) -> None:
    track = ops.ensure_track(draft, ops.AUDIO, "bgm", "BGM")
    length = ops.visual_end(draft) or source_ms
    track["sg"] = [
        {
            "id": ops.next_id(draft, "s"),
            "st": 0,
            "d": length,
            "src": src,
            "in": 0,
            "vol": round(vol, 2),
            "fade_in": 500,
            "fade_out": 1500,
            "loop": True,
            "m": {"name": label, "fill": True},
        }
    ]


Line = tuple[str, str, dict[str, Any] | None]  # scene id, words, the caption showing them (if any)


def _lines_to_say(draft: ops.Draft) -> list[Line]:
    """The scene captions in order; on a video of designed scenes (their words set in the picture,
    no captions), each scene's words after the title card."""
    captions = [
        s for t in tracks_of(draft, tt=ops.TEXT, role="captions") for s in segments_of(t) if scene_of(s)
    ]
    if captions:
        return [(scene_of(s), str(s["text"]), s) for s in captions]
    lines: list[Line] = []
    for seg in clips.scenes(draft):
        scene = seg.get("scene")
        if isinstance(scene, dict) and not clips.is_card(seg) and (words := words_of_scene(scene).strip()):
            lines.append((str(seg["id"]), words, None))
    return lines


def _narrate(draft: ops.Draft, lines: list[Line], spoken: list[Any]) -> None:
    """Give every scene room for its lines, then place each line and time its caption to it."""
    by_scene: dict[str, list[int]] = {}
    for (scene, _, _), line in zip(lines, spoken, strict=True):
        by_scene.setdefault(scene, []).append(line.duration_ms + storyboard.LINE_GAP_MS)
    row = clips.scenes(draft)
    own = clips.windows(row)

    def grow(r: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for seg in r:
            need = sum(by_scene.get(str(seg["id"]), [])) + storyboard.SPEECH_LEAD_MS
            start, end = own[str(seg["id"])]
            if str(seg["id"]) in by_scene and end - start < need:
                seg["d"] += need - (end - start)
        return r

    clips.edit_row(draft, grow)
    ops.remove_tracks(draft, role="voice")
    voice = ops.add_track(draft, ops.AUDIO, "voice", "Voice-over")
    windows = clips.windows(clips.scenes(draft))
    cursor: dict[str, int] = {}
    for (scene, _, caption), line in zip(lines, spoken, strict=True):
        start = cursor.get(scene, windows[scene][0] + storyboard.SPEECH_LEAD_MS)
        cursor[scene] = start + line.duration_ms + storyboard.LINE_GAP_MS
        if caption is not None:
            caption["st"] = start
        segments_of(voice).append(
            {
                "id": ops.next_id(draft, "s"),
                "st": start,
                "d": line.duration_ms,
                "src": line.src,
                "in": 0,
                "vol": 1.0,
                "m": {**line.meta(), "scene": scene},
            }
        )
    for scene_segs in _by_scene([c for _, _, c in lines if c is not None]).values():
        for a, b in zip(scene_segs, scene_segs[1:], strict=False):
            a["d"] = start_of(b) - start_of(a)
        last = scene_segs[-1]
        last["d"] = max(ops.MIN_MS, windows[scene_of(last)][1] - start_of(last))
    ops.normalize(draft)


def _by_scene(captions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for seg in captions:
        out.setdefault(scene_of(seg), []).append(seg)
    return out
