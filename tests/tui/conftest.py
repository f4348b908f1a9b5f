"""Fixtures of the TUI tests: a real SessionController (not connected) whose `emit` feeds the app, and a
deterministic demo workspace for snapshots."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App

from nemo_tui.core import timeline
from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import (
    CreditsUpdated,
    MessageAdded,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
)
from nemo_tui.tui.app import NemoApp
from nemo_tui.tui.preview_pane import PreviewPane

DRAFT: dict[str, Any] = {
    "v": 1,
    "t": [
        {"id": "v1", "tt": 0, "m": {"name": "Main"}, "sg": [
            {"id": "s1", "st": 0, "d": 4000, "src": "gen:image:skyline", "m": {"name": "city skyline"},
             "fx": {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.5, 0.5]}}},
            {"id": "s2", "st": 3500, "d": 3500, "src": "gen:image:street", "m": {"name": "street at night"},
             "tr": {"type": "fade", "d": 500}},
            {"id": "s3", "st": 6500, "d": 3500, "src": "gen:image:cafe", "m": {"name": "cafe window"}},
        ]},
        {"id": "a1", "tt": 1, "m": {"name": "BGM", "role": "bgm"}, "sg": [
            {"id": "s4", "st": 0, "d": 10000, "src": "gen:music:lofi", "vol": 0.35, "m": {"name": "Lo-fi"}},
        ]},
        {"id": "x1", "tt": 7, "m": {"name": "Titles"}, "sg": [
            {"id": "s5", "st": 0, "d": 3000, "text": "Urban Dreams", "style": {"size": 96, "pos": "center"}},
        ]},
    ],
}  # fmt: skip

REPLY = """Your **10-second promo** is ready:

- 3 scenes with a slow zoom
- lo-fi music at *35%*
- the title "Urban Dreams"

Say `export` when you like it."""


def demo_updates() -> list[Any]:
    view = timeline.build(DRAFT)
    logs = [
        StreamLogged("tool_call", 'generate_video({"duration": 10, "script": "City lights…"})', {}, 0.21),
        StreamLogged("state_delta", "state: draft", {}, 0.84),
        StreamLogged("tool_result", 'generate_video → {"ok": true, "tracks": 3}', {}, 0.85),
        StreamLogged("heartbeat", "heartbeat", {}, 5.0),
        StreamLogged("text", "Your 10-second promo is ready", {}, 5.2),
    ]
    return [
        StatusChanged(
            backend="local engine", session_id="sess-0000demo1", connection="connected", activity="idle"
        ),
        CreditsUpdated(180, 10, 200),
        MessageAdded("user", "generate a 10-second promo video from this text script: City lights at night."),
        *logs,
        TimelineUpdated(view, timeline.summary(view), frozenset({"s4", "s5"})),
        MessageAdded("assistant", REPLY),
        MessageAdded("system", "Credits: 180 available, 10 frozen, 200 in total."),
    ]


class QuietApp(NemoApp):
    """NemoApp for tests: no animation, no blinking cursor, no engine unless asked."""

    def __init__(self, controller: SessionController, **kw: Any) -> None:
        kw.setdefault("autoconnect", False)
        super().__init__(controller, **kw)
        self.animation_level = "none"

    def on_workspace_screen_ready(self) -> None:  # Textual then runs NemoApp's handler too
        self.workspace.composer.cursor_blink = False


@pytest.fixture
def ctl() -> SessionController:
    return SessionController(Settings.from_env())


@pytest.fixture
def make_app(ctl: SessionController) -> Callable[..., QuietApp]:
    def make(**kw: Any) -> QuietApp:
        return QuietApp(kw.pop("controller", ctl), **kw)

    return make


async def until(predicate: Callable[[], bool], timeout: float = 5.0, step: float = 0.01) -> None:
    """Wait for a condition the test names (not for an arbitrary number of pauses)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(step)


def settled(app: NemoApp) -> Callable[[], bool]:
    """True once every fed update has reached its pane (message queue empty, buffers drained)."""

    def check() -> bool:
        if not app.ready:
            return False
        ws = app.workspace
        chat = ws.chat
        return (
            app._message_queue.empty() and ws.events.idle and not chat._pending and chat._flush_timer is None
        )

    return check


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def demo_frames(seconds: float = 10.0, fps: float = 12.0) -> Any:
    """A preview's frames without an engine: colour bars over a gradient, a white bar that moves with
    time (so each frame differs), 160×90 like a decoded preview; the scenes of DRAFT."""
    import numpy as np

    from nemo_tui.core.models import PreviewScene
    from nemo_tui.tui.preview_frames import Frames

    count = int(seconds * fps)
    y, x = np.mgrid[0:90, 0:160]
    base = np.zeros((90, 160, 3), np.uint8)
    base[..., 0] = (x * 255 // 159).astype(np.uint8)
    base[..., 2] = (y * 255 // 89).astype(np.uint8)
    bars = [(255, 255, 0), (0, 255, 255), (0, 255, 0), (255, 0, 255), (255, 0, 0), (0, 0, 255)]
    for i, colour in enumerate(bars):
        base[60:, i * 26 : i * 26 + 26] = colour
    pixels = np.repeat(base[None], count, axis=0)
    for i in range(count):
        col = int(i * 159 / max(1, count - 1))
        pixels[i, :60, max(0, col - 2) : col + 2] = 255
    scenes = [
        PreviewScene(id=s["id"], start_s=s["st"] / 1000, end_s=(s["st"] + s["d"]) / 1000, title="")
        for s in DRAFT["t"][0]["sg"]
    ]
    return Frames("demo", fps, pixels), scenes


async def with_video(app: QuietApp, ctl: SessionController) -> PreviewPane:
    """The app showing DRAFT's timeline and the demo frames in its preview pane (no engine)."""
    await until(lambda: app.ready)
    view = timeline.build(DRAFT)
    ctl.emit(TimelineUpdated(view, timeline.summary(view), frozenset()))
    await until(settled(app))
    pane = app.workspace.preview
    frames, scenes = demo_frames()
    pane.show(frames, scenes, DRAFT)
    return pane
