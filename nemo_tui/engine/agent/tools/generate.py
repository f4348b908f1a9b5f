"""Generation in two stages, as the cloud does: the first cut, then the title and the music.

`generate_video` makes the scenes, captions and (on request) the voice-over; `finish_video` puts the
title on the title card and lays the music under everything. The planner calls both in one turn,
so the person sees the first cut arrive, then the finished video, each as its own state delta.
"""

from __future__ import annotations

import math
from typing import Any

from google.adk.tools.tool_context import ToolContext

from ..edits import draft_ops as ops
from ..edits import storyboard, texts, versions
from ..edits.timeline_summary import fmt_seconds
from ..language import scene_reading
from ..media import speech
from ..media.music import MOODS
from .toolkit import ToolHost, commit, current, infos, ms, refuse, visual, volume

DEFAULT_LENGTH_MS = 30000
MAX_WPM = 195  # faster than this, espeak's narration sounds rushed: condense instead


class GenerateTools(ToolHost):
    async def generate_video(
        self,
        script: str,
        tool_context: ToolContext,
        aspect_ratio: str = "16:9",
        duration_s: float = 0,
        title: str = "",
        voiceover: bool = False,
        background: str = "",
    ) -> dict[str, Any]:
        """Stage 1 of a new video: split the script into scenes paced to duration_s (30 s when a script
        is given and no length is asked), one caption per scene, the session's uploaded images and
        clips as scene visuals in upload order (else gradients suited to the script's mood), and a
        title card. Without uploads the scenes are designed (motion-design templates chosen from what
        each sentence says, their words drawn by the template, no captions); background="plain" asks
        for the mood's gradients with captions instead, a "color:#RRGGBB" background for that colour.
        voiceover=True narrates the captions (English or Chinese). An empty script reuses the last
        one. aspect_ratio is 16:9, 9:16, 1:1 or 4:5. Always call finish_video next."""
        ctx = tool_context
        stored = ctx.state.get("script") or {}
        text = script.strip() or str(stored.get("text", ""))
        if not script.strip() and not background:
            background = str(stored.get("background", ""))  # "regenerate it": the same kind of scenes
        visuals = [visual(i) for i in infos(ctx, "image", "video")]
        if not text and not visuals:
            return refuse(
                ctx,
                "I need a script or some uploaded photos or clips to make a video. Try "
                "'generate a 30-second promo video from this script: …', or upload first.",
                "need_script",
            )
        aspect = aspect_ratio if aspect_ratio in ops.ASPECTS else "16:9"
        target = ms(duration_s) or (DEFAULT_LENGTH_MS if text else None)
        designed = not background
        cpl = storyboard.line_width(aspect, designed=designed)
        story = storyboard.plan_story(
            text, target_ms=target, visuals=visuals, chars_per_line=cpl, title=title.strip() or None,
            designed=designed,
        )  # fmt: skip
        speech_lines = None
        if voiceover and any(s.lines for s in story.scenes):
            if not speech.available():
                return refuse(
                    ctx, "Speech is not available on this machine (espeak-ng did not load).", "no_speech"
                )
            story, speech_lines = await self._narrate(story, target, cpl, text, visuals, title, designed)
        draft = storyboard.build_draft(
            story, aspect=aspect, target_ms=target, background=background or None, speech=speech_lines
        )
        if (version := versions.name_of(current(ctx))) != versions.ORIGINAL:
            versions.tagged(draft, version)  # regenerating rebuilds the version it is on, no other
        ctx.state["script"] = {
            "text": text,
            "title": story.title,
            "language": story.language,
            "mood": story.mood,
            "voiceover": bool(speech_lines),
            "background": background,
        }
        scenes = len(story.scenes)
        made = [s for t in ops.tracks(draft, tt=ops.VIDEO) for s in t["sg"] if "scene" in s]
        plural = "s" if scenes != 1 else ""
        if visuals:
            what = f"{scenes} scene{plural} on your {len(visuals)} uploads"
        elif made:
            what = f"{scenes} designed scene{plural} in the {made[0]['scene'].get('style', 'bold')} style"
        else:
            what = f"{scenes} scene{plural} on {story.mood} colour backgrounds"
        voice = ", narrated" if speech_lines else ""
        message = f"First cut: a {fmt_seconds(draft['d'])}-second {aspect} video, {what}{voice}."
        if story.kept < story.sentences:
            message += (
                f" Your script has {story.sentences} sentences, more than {fmt_seconds(target or 0)} "
                f"seconds can show: the {'scenes' if designed else 'captions'} keep {story.kept} of them "
                "(ask for a longer "
                "video, e.g. 'regenerate it as a 1-minute video', to keep them all)."
            )
        return commit(
            ctx,
            draft,
            message,
            "generated",
            seconds=fmt_seconds(draft["d"]),
            aspect=aspect,
            scenes=scenes,
            kept=story.kept,
            sentences=story.sentences,
            voice=bool(speech_lines),
        )

    async def _narrate(
        self,
        story: storyboard.Story,
        target: int | None,
        cpl: int,
        text: str,
        visuals: list[Any],
        title: str,
        designed: bool,
    ) -> tuple[storyboard.Story, list[list[Any]]]:
        """Voice lines for every caption, spoken fast enough (within reason) to fit the length;
        when even that is too slow, the script is condensed further."""
        wpm, scale = speech.DEFAULT_WPM, 1.0
        for _ in range(6):
            lines = [line for s in story.scenes for line in s.lines]
            durations = await self.voices.measure(lines, story.language, wpm)
            if not target:
                break
            overhead = storyboard.card_ms(target) + len(story.scenes) * (storyboard.FADE_MS + 200)
            room = max(1000, target - overhead)
            need = sum(durations) + storyboard.LINE_GAP_MS * len(lines)
            if need <= room:
                break
            if wpm < MAX_WPM:
                wpm = min(MAX_WPM, math.ceil(wpm * need / room) + 5)
                continue
            scale *= room / need * 0.95
            story = storyboard.plan_story(
                text,
                target_ms=target,
                visuals=visuals,
                chars_per_line=cpl,
                title=title.strip() or None,
                reading_scale=scale,
                designed=designed,
            )
        spoken = [
            [await self.voices.speak(line, story.language, wpm) for line in s.lines] for s in story.scenes
        ]
        return story, spoken

    async def finish_video(
        self, tool_context: ToolContext, title: str = "", music: str = "auto", music_volume: float = 0.35
    ) -> dict[str, Any]:
        """Stage 2 of a new video: the title on the title card (title overrides the one taken from
        the script) and background music under everything: the uploaded audio if any, else music
        generated for the mood (lofi, upbeat, calm, cinematic; "auto" follows the script; "none")."""
        ctx = tool_context
        draft = ops.ensure_draft(current(ctx))
        row = [s for t in ops.tracks(draft, tt=ops.VIDEO) for s in t["sg"]]
        if not row:
            return refuse(ctx, "There is nothing to finish yet: generate a video first.", "no_video")
        card = next((s for s in row if (s.get("m") or {}).get("card")), None)
        words = title.strip() or ((card or {}).get("m") or {}).get("title") or ""
        done = []
        designed = (card or {}).get("scene")
        if words and card is not None and isinstance(designed, dict):  # a designed opener draws the title
            if title.strip():
                designed["headline"], designed["sub"] = scene_reading.split_title(words)
                card["m"]["title"] = words
            done.append(f'the title "{words}"')
        elif words:
            span = (0, card["d"] - 250) if card else (0, min(3000, draft["d"]))
            track = ops.ensure_track(draft, ops.TEXT, "title", "Title")
            track["sg"] = []
            texts.add_title(draft, words, span[0], span[1] - span[0])
            done.append(f'the title "{words}"')
        if music != "none":
            mood = music if music in MOODS else (ctx.state.get("script") or {}).get("mood", "lofi")
            done.append(await self.put_music(ctx, draft, mood, volume(music_volume)))
        message = ("Added " + " and ".join(done) + ".") if done else "The video is ready."
        return commit(ctx, draft, message, "finished", title=words, music=music)
