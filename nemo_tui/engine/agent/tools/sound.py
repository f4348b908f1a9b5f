"""Sound: background music, volumes (music, voice, the clips' own sound), the voice-over, removals."""

from __future__ import annotations

import math
from typing import Any

from google.adk.tools.tool_context import ToolContext

from nemo_tui.draft.reads import (
    clip_rows,
    duration_of,
    fade_in_of,
    fade_out_of,
    is_card,
    length_of,
    meta_of,
    scene_of,
    segments_of,
    start_of,
    tracks_of,
    volume_of,
)

from ..edits import bring_back as restore
from ..edits import clips, design, moods, music_range, storyboard
from ..edits import draft_ops as ops
from ..edits.timeline_summary import fmt_seconds
from ..language import script as scripts
from ..media import speech
from ..media.music import MOODS, loop_seconds, mood_name
from .generate import MAX_WPM
from .toolkit import ToolHost, commit, footage, infos, ms, no_video, refuse, volume, working_copy

TARGETS = {"music": "bgm", "voice": "voice"}


class AudioTools(ToolHost):
    async def add_music(
        self, tool_context: ToolContext, mood: str = "auto", volume: float = 0.35
    ) -> dict[str, Any]:
        """Add background music over the whole video at a volume (0-1): the session's uploaded audio if
        there is some (the music the person brought: "add lo-fi music" after uploading a song), else
        music generated on this machine for the mood (lofi, upbeat, calm, cinematic; "auto" suits the
        script). Replaces any music already there."""
        ctx = tool_context
        draft = working_copy(ctx)
        name = mood_name(mood) or (ctx.state.get("script") or {}).get("mood", "lofi")
        note = await self.put_music(ctx, draft, name, _volume(volume))
        return commit(ctx, draft, f"Added {note}.", "music_added", what=note)

    async def put_music(
        self, ctx: ToolContext, draft: ops.Draft, mood: str, vol: float, *, upload: bool = True
    ) -> str:
        audio = infos(ctx, "audio") if upload else []
        if audio:
            info = audio[-1]
            name = str(info.get("filename", info["id"])).rsplit(".", 1)[0]
            _set_bgm(draft, f"media:{info['id']}", name, vol, round((info.get("duration") or 30) * 1000))
            return f'your music "{name}" at {round(vol * 100)}%'
        name = mood if mood in MOODS and mood != "epic" else "lofi"
        label, loop_ms = await self._generated_music(ctx, name)
        _set_bgm(draft, f"gen:music:{name}", label, vol, loop_ms)
        return f"{label} music at {round(vol * 100)}%"

    async def _generated_music(self, ctx: ToolContext, name: str) -> tuple[str, int]:
        """Make the mood's loop (once) and list it among the session's generated media."""
        await self.music.ensure(name)
        label = MOODS[name].label
        loop_ms = round(loop_seconds(MOODS[name]) * 1000)
        generated = list(ctx.state.get("generated_media") or [])
        if not any(g.get("id") == f"gen:music:{name}" for g in generated):
            generated.append(self.generated_entry(name, label, loop_ms))
            ctx.state["generated_media"] = generated
        return label, loop_ms

    async def replace_music(
        self, tool_context: ToolContext, mood: str = "", direction: str = ""
    ) -> dict[str, Any]:
        """Replace the music (uploaded or generated) with the generated loop of another mood, keeping
        its volume, fades and any ranges: `mood` (lofi, upbeat, calm, cinematic) or `direction`
        "up" (more upbeat: the upbeat loop) or "down" (calmer: the calm one); neither: a different mood."""
        ctx = tool_context
        draft = working_copy(ctx)
        track = music_range.music_track(draft)
        if track is None and mood_name(mood):  # "make it more cinematic" without music: that mood's music
            note = await self.put_music(ctx, draft, str(mood_name(mood)), 0.35, upload=False)
            return commit(ctx, draft, f"Added {note}.", "music_added", what=note)
        if track is None:
            hint = "There is no music to replace; say 'add upbeat music'."
            return refuse(ctx, hint, "no_track", kind="music")
        now = moods.current(track)
        choice = moods.pick(now, mood_name(mood) if mood else None, direction)
        if choice is None:
            return refuse(
                ctx,
                moods.why_not(now, mood_name(mood) if mood else mood, direction)
                + f" The moods are {', '.join(moods.ORDER)}, from calmest to liveliest; for example "
                "'replace the music with something calmer' or 'use cinematic music'.",
                "no_other_mood",
                mood=now or "",
            )
        label, _ = await self._generated_music(ctx, choice)
        moods.swap(track, f"gen:music:{choice}", label)
        return commit(
            ctx,
            draft,
            f"Replaced the music with {label} music; its volume and fades are kept.",
            "music_replaced",
            mood=choice,
            label=label,
        )

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

    async def set_music_range(
        self,
        tool_context: ToolContext,
        action: str = "mute",
        start_s: float = 0,
        end_s: float = -1,
        last_s: float = 0,
        volume: float = -1,
    ) -> dict[str, Any]:
        """Change the music over part of the video only: action "mute", "lower", "raise", "set"
        (to `volume`, 0-1), "fade_out" (fades across the range and stays out after it) or "fade_in"
        (silent before the range, fades in across it), between start_s and end_s (-1: the end), or
        over the last `last_s` seconds. The rest of the music is left as it is."""
        ctx = tool_context
        draft = working_copy(ctx)
        if music_range.music_track(draft) is None:
            hint = "There is no music yet; say 'add lo-fi music at 35%'."
            return refuse(ctx, hint, "no_track", kind="music")
        if action not in music_range.ACTIONS:
            return refuse(
                ctx,
                f"I can mute, lower, raise, set or fade the music over a range, not {action!r}; "
                "for example 'mute the music during the last 3 seconds' or 'lower the music between "
                "0:10 and 0:15'.",
                "bad_action",
            )
        end = ops.visual_end(draft) or length_of(draft)
        a, b = (end - ms(last_s), end) if last_s > 0 else (ms(start_s), end if end_s < 0 else ms(end_s))
        a, b = max(0, a), min(b, end)
        if b - a < ops.MIN_MS:
            return refuse(
                ctx,
                f"That range is not inside the video ({fmt_seconds(end)} s long); name a range such as "
                "'between 0:10 and 0:15' or 'during the last 3 seconds'.",
                "bad_range",
                length=fmt_seconds(end),
            )
        change = music_range.change_range(draft, a, b, action, _volume(volume) if volume >= 0 else -1)
        span = f"from {fmt_seconds(change.start_ms)} s to {fmt_seconds(change.end_ms)} s"
        what = {
            "mute": f"Muted the music {span}",
            "fade_out": f"The music fades out {span}" + (" and stays off after" if b < end else ""),
            "fade_in": f"The music fades in {span}" + (", silent before" if a > 0 else ""),
        }.get(action, f"Set the music to {round(change.volume * 100)}% {span}")
        return commit(
            ctx,
            draft,
            f"{what}; the rest of the music is unchanged.",
            "music_range",
            start=fmt_seconds(change.start_ms),
            end=fmt_seconds(change.end_ms),
            percent=round(change.volume * 100),
            action=action,
        )

    async def add_voiceover(
        self, tool_context: ToolContext, language: str = "", voice: str = "default"
    ) -> dict[str, Any]:
        """Narrate the video's scene captions with offline text-to-speech (language "en" or "zh",
        default: the captions' own) in a voice: "female", "male" or "default". Scenes grow where the
        speech needs more time, and the music is ducked under the voice when the video is rendered."""
        ctx = tool_context
        if refusal := no_video(ctx):
            return refusal
        if refusal := _unknown_voice(ctx, voice):
            return refusal
        draft = working_copy(ctx)
        lines = [
            s for t in tracks_of(draft, tt=ops.TEXT, role="captions") for s in segments_of(t) if scene_of(s)
        ]
        follow = "the captions follow it"
        if not lines:  # designed scenes show their own words: narrate those (timed like captions)
            lines, follow = _scene_lines(draft), "the scenes make room for it"
        if not lines:
            return refuse(
                ctx,
                "There are no scene captions to narrate. Generate the video with a "
                "voice-over instead: 'generate a video with a voice-over from this script: …'.",
                "nothing_to_narrate",
            )
        if not speech.available():
            return refuse(
                ctx, "Speech is not available on this machine (espeak-ng did not load).", "no_speech"
            )
        lang = language if language in ("en", "zh") else scripts.language(" ".join(s["text"] for s in lines))
        was = length_of(draft)
        spoken = [await self.voices.speak(s["text"], lang, speech.DEFAULT_WPM, voice) for s in lines]
        need = sum(x.duration_ms + storyboard.LINE_GAP_MS for x in spoken) + storyboard.SPEECH_LEAD_MS * len(
            {scene_of(s) for s in lines}
        )
        row = clips.scenes(draft)
        spans = clips.windows(row)
        room = sum(spans[str(row[i]["id"])][1] - spans[str(row[i]["id"])][0] for i in clip_rows(row))
        if need > room:  # speak faster (as generation does) rather than make the video longer
            wpm = min(MAX_WPM, math.ceil(speech.DEFAULT_WPM * need / max(1, room)) + 5)
            spoken = [await self.voices.speak(s["text"], lang, wpm, voice) for s in lines]
        _narrate(draft, lines, spoken)
        reached = clips.set_length(draft, was, footage(ctx))  # the length the person set stays
        seconds = sum(x.duration_ms for x in spoken) / 1000
        who = "" if voice == "default" else f" in a {voice} voice"
        kept = (
            f"the video stays {fmt_seconds(reached)} s"
            if reached <= was + 250
            else f"the video grew to {fmt_seconds(reached)} s to say it all (it was {fmt_seconds(was)} s)"
        )
        return commit(
            ctx,
            draft,
            f"Added a voice-over{who} ({len(spoken)} lines, {seconds:.0f} s of speech); {follow}; {kept}.",
            "voice_added",
            lines=len(spoken),
            voice=voice,
            follows="captions follow" if follow.startswith("the captions") else "scenes follow",
            length=fmt_seconds(reached),
        )

    async def set_voice(self, tool_context: ToolContext, voice: str = "female") -> dict[str, Any]:
        """Speak the existing voice-over again in another voice: "female", "male" or "default" (the
        same words, language, rate and timing)."""
        ctx = tool_context
        if refusal := _unknown_voice(ctx, voice):
            return refusal
        draft = working_copy(ctx)
        track = ops.find_track(draft, tt=ops.AUDIO, role="voice")
        lines = [s for s in segments_of(track) if isinstance(meta_of(s).get("text"), str)] if track else []
        lines.sort(key=start_of)
        if not lines:
            return refuse(
                ctx,
                f"There is no voice-over to re-voice; say 'add a voice-over with a {voice} voice'.",
                "no_track",
                kind="voice-over",
            )
        if not speech.available():
            return refuse(
                ctx, "Speech is not available on this machine (espeak-ng did not load).", "no_speech"
            )
        following = {id(a): start_of(b) for a, b in zip(lines, lines[1:], strict=False)}
        for seg in lines:
            m = meta_of(seg)
            wpm = m["wpm"] if isinstance(m.get("wpm"), int) else speech.DEFAULT_WPM
            line = await self.voices.speak(m["text"], str(m.get("lang", "en")), wpm, voice)
            room = following.get(id(seg), start_of(seg) + line.duration_ms) - start_of(seg)
            seg.update(src=line.src, d=max(ops.MIN_MS, min(line.duration_ms, room)))
            seg["m"] = {**line.meta(), **({"scene": m["scene"]} if "scene" in m else {})}
        return commit(
            ctx, draft, f"The voice-over now speaks in the {voice} voice.", "voice_changed", voice=voice
        )

    async def bring_back(self, kind: str, tool_context: ToolContext) -> dict[str, Any]:
        """Bring back the music, title, captions or voiceover an earlier change removed, keeping every
        change made since (lines of scenes removed since stay out)."""
        ctx = tool_context
        role = restore.ROLES.get(kind)
        if (missing := no_video(ctx)) is not None:
            return missing
        draft = working_copy(ctx)
        if role is None or ops.find_track(draft, role=role):
            there = "is already there" if role else "is not something I can bring back"
            return refuse(ctx, f"The {kind} {there}; nothing changed.", "nothing_to_bring_back", kind=kind)
        found = restore.earlier_track(ctx.state, role)
        if found is None:
            return refuse(
                ctx,
                f"I found no {kind} in the earlier versions of this video to bring back. Add new ones "
                "instead, e.g. 'add upbeat music' or 'add a voice-over'.",
                "nothing_to_bring_back",
                kind=kind,
            )
        count = restore.bring_back(draft, *found)
        return commit(ctx, draft, f"Brought the {kind} back ({count} kept).", "brought_back", kind=kind)

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


def _unknown_voice(ctx: ToolContext, voice: str) -> dict[str, Any] | None:
    if voice in speech.VARIANTS:
        return None
    names = ", ".join(speech.VARIANTS)
    return refuse(
        ctx,
        f"There is no {voice!r} voice; the voices are {names} (for example 'use a female voice').",
        "unknown_voice",
        voices=names,
        voice=voice,
    )


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


def _narrate(draft: ops.Draft, captions: list[dict[str, Any]], spoken: list[Any]) -> None:
    """Give every scene room for its lines, then place each line and time its caption to it."""
    by_scene: dict[str, list[int]] = {}
    for seg, line in zip(captions, spoken, strict=True):
        by_scene.setdefault(scene_of(seg), []).append(line.duration_ms + storyboard.LINE_GAP_MS)
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
    for seg, line in zip(captions, spoken, strict=True):
        scene = scene_of(seg)
        start = cursor.get(scene, windows[scene][0] + storyboard.SPEECH_LEAD_MS)
        cursor[scene] = start + line.duration_ms + storyboard.LINE_GAP_MS
        seg["st"] = start
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
    for scene_segs in _by_scene(captions).values():
        for a, b in zip(scene_segs, scene_segs[1:], strict=False):
            a["d"] = start_of(b) - start_of(a)
        last = scene_segs[-1]
        last["d"] = max(ops.MIN_MS, windows[scene_of(last)][1] - start_of(last))
    ops.normalize(draft)


def _scene_lines(draft: ops.Draft) -> list[dict[str, Any]]:
    """A line for each designed scene but the title card: its words, as a caption that is not on the
    timeline (`_narrate` times it and nothing shows it; the scene draws its own words)."""
    return [
        {"text": words, "m": {"scene": str(seg["id"])}}
        for seg in clips.scenes(draft)
        if isinstance(seg.get("scene"), dict) and not is_card(seg) and (words := _spoken(seg["scene"]))
    ]


def _spoken(scene: dict[str, Any]) -> str:
    """What a narrator says for a designed scene: its sentence; a statistic says its number too."""
    words = design.words_of_scene(scene).strip()
    value = scene.get("value")
    if scene.get("template") == "stat" and isinstance(value, str) and value not in words:
        words = f"{value} {words}".strip()
    return words


def _by_scene(captions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for seg in captions:
        out.setdefault(scene_of(seg), []).append(seg)
    return out
