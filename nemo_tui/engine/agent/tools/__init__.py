"""The agent's tools: ordinary ADK function tools (a docstring, typed arguments, a `tool_context`).

Each edits the draft in session state through `toolkit.commit` (so the change appears as
`actions.stateDelta.draft` on the tool's response event, and undo can take it back) and answers
`{"ok", "message", "timeline", "timeline_zh"}`; only `ok` answers are charged. The tools are grouped
by what they work on; `DraftTools` binds them to the services some need (music, voice, the engine's URL).
`toolkit.py` is what every tool shares (reading the session, committing, refusing, asking).

`all()` hands ADK each tool wrapped once (`_guarded`): its arguments are checked against its type
hints first (a wrong type is a refusal the model can correct, not a failed turn), and it runs under
its session's lock, because a model may call several tools in one response and ADK runs them at
once: each reads the draft, may wait (speech synthesis), then commits, so the last commit would win
and the other edit be lost, though charged.

May import ADK, `edits`, `media`, `language` (reading a script) and `hosting.config` (the prices);
never the planner, the routes or the services.
"""

from __future__ import annotations

import asyncio
import functools
import typing
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import pydantic
from google.adk.tools.tool_context import ToolContext

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
from .repeat import RepeatTools, remember
from .session import SessionTools
from .sound import AudioTools
from .toolkit import refuse
from .versions import VersionTools

Key = tuple[str, str]  # (user id, session id)

# The price list lives with the engine's settings; every tool must appear in it (tests/agent checks).
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
    RepeatTools,
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
        # One lock per session, dropped with the last tool that holds it.
        self._locks: weakref.WeakValueDictionary[Key, asyncio.Lock] = weakref.WeakValueDictionary()

    def _lock(self, ctx: ToolContext) -> asyncio.Lock:
        key = (ctx.user_id, ctx.session.id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def _guarded(self, tool: Callable[..., Awaitable[dict[str, Any]]]) -> Callable[..., Any]:
        """`tool` with its arguments checked and its session's edits one at a time (see the module)."""
        hints = typing.get_type_hints(tool)
        adapters = {
            name: pydantic.TypeAdapter(kind, config=_LAX)
            for name, kind in hints.items()
            if name not in ("return", "tool_context")
        }

        @functools.wraps(tool)
        async def run(**kwargs: Any) -> dict[str, Any]:
            ctx: ToolContext = kwargs["tool_context"]
            for name, value in kwargs.items():
                if name in adapters:
                    try:
                        kwargs[name] = adapters[name].validate_python(value)
                    except pydantic.ValidationError:
                        return _wrong_type(ctx, tool.__name__, name, hints[name], value)
            async with self._lock(ctx):
                done = await tool(**kwargs)
                if done.get("ok"):
                    remember(ctx.state, tool.__name__, kwargs)  # for "do the same to the title"
                return done

        return run

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
            self.bring_back,
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
            self.repeat_edit,
            self.show_timeline,
        ]
        if self.test_hooks:
            tools += [self.test_wait, self.test_fail]
        return [self._guarded(tool) for tool in tools]


# Models send numbers as text ("20") and text as numbers (a title of 2026): accept those, refuse the rest.
_LAX = pydantic.ConfigDict(coerce_numbers_to_str=True)
_KINDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def _wrong_type(ctx: ToolContext, tool: str, name: str, hint: Any, value: Any) -> dict[str, Any]:
    kinds = [k for k in typing.get_args(hint) or (hint,) if k is not type(None)]
    expected = " or ".join(_KINDS.get(k, getattr(k, "__name__", str(k))) for k in kinds)
    return refuse(
        ctx,
        f"{tool}: the argument {name} must be {expected}, not {value!r}; nothing changed. "
        "Call it again with that argument corrected.",
        "wrong_argument_type",
        argument=name,
        expected=expected,
    )


__all__ = ["PRICES", "DraftTools"]
