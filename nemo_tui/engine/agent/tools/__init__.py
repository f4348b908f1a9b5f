"""The agent's tools: ordinary ADK function tools (a docstring, typed arguments, a `tool_context`).

Each edits the draft in session state through `toolkit.commit` (so the change appears as
`actions.stateDelta.draft` on the tool's response event, and undo can take it back) and answers
`{"ok", "message", "timeline"}`; only `ok` answers are charged. The tools are grouped by what they
work on; `DraftTools` binds them to the services some need (music, voice, the engine's URL).
`toolkit.py` is what every tool shares (reading the session, committing, refusing, asking).

May import ADK, `edits`, `media`, `language` (reading a script) and `hosting.config` (the prices);
never the planner, the routes or the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...hosting.config import DEFAULT_PRICES
from ..media.music import MusicLibrary
from ..media.voice import VoiceLibrary
from .captions import TextTools
from .content import ContentTools
from .cuts import CutTools
from .design import DesignTools
from .fonts import FontTools
from .generate import GenerateTools
from .place_media import MediaTools
from .session import SessionTools
from .sound import AudioTools
from .versions import VersionTools

# The price list lives with the engine's settings; every tool must appear in it (tests/agent checks).
# Versions are free (a missing tool is free to the engine; listed so the check sees them).
PRICES = DEFAULT_PRICES


class DraftTools(
    GenerateTools,
    TextTools,
    CutTools,
    AudioTools,
    MediaTools,
    DesignTools,
    FontTools,
    ContentTools,
    VersionTools,
    SessionTools,
):
    def __init__(
        self,
        music: MusicLibrary,
        public_url: Callable[[], str],
        *,
        test_hooks: bool = False,
        voices: VoiceLibrary | None = None,
    ) -> None:
        self.music = music
        self.voices = voices or VoiceLibrary(music.storage)
        self.public_url = public_url
        self.test_hooks = test_hooks

    def all(self) -> list[Callable[..., Any]]:
        tools: list[Callable[..., Any]] = [
            self.generate_video,
            self.finish_video,
            self.add_title,
            self.add_caption,
            self.edit_text,
            self.remove_text,
            self.add_media,
            self.add_music,
            self.set_volume,
            self.add_voiceover,
            self.set_voice,
            self.set_music_range,
            self.replace_music,
            self.set_font,
            self.remove_track,
            self.trim,
            self.set_length,
            self.remove_clip,
            self.swap_clips,
            self.move_clip,
            self.set_clip_speed,
            self.set_clip_length,
            self.set_transition,
            self.set_aspect_ratio,
            self.set_style,
            self.set_colours,
            self.set_scene_art,
            self.set_logo,
            self.edit_scene,
            self.add_call_to_action,
            self.add_brand_text,
            self.remove_topic,
            self.use_uploads,
            self.put_upload,
            self.move_upload,
            self.remove_upload,
            self.make_version,
            self.switch_version,
            self.list_versions,
            self.undo,
            self.redo,
            self.confirm,
            self.show_timeline,
        ]
        if self.test_hooks:
            tools += [self.test_wait, self.test_fail]
        return tools


__all__ = ["PRICES", "DraftTools"]
