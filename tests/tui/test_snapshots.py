"""A few layout snapshots at 80×24 and 160×48, from fed updates (no engine). Behaviour is checked by
assertions elsewhere; regenerate on purpose with `pytest tests/tui/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from nemo_tui.core.controller import SessionController
from nemo_tui.core.updates import StatusChanged

from .conftest import DRAFT, QuietApp, demo_frames, demo_updates, settled, until


def _fed(ctl: SessionController, *keys: str) -> tuple[QuietApp, Any]:
    app = QuietApp(ctl)

    async def run_before(pilot: Pilot[Any]) -> None:
        await until(lambda: app.ready)
        for update in demo_updates():
            ctl.emit(update)
        await until(settled(app))
        frames, scenes = demo_frames()
        app.workspace.preview.show(frames, scenes, DRAFT)  # a picture without an engine
        for key in keys:
            await pilot.press(key)
        await until(settled(app))

    return app, run_before


def test_startup_connecting(snap_compare: Any, ctl: SessionController) -> None:
    app = QuietApp(ctl)

    async def run_before(pilot: Pilot[Any]) -> None:
        await until(lambda: app.ready)
        ctl.emit(StatusChanged(connection="connecting", activity="starting"))
        await until(settled(app))

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_main_80x24(snap_compare: Any, ctl: SessionController) -> None:
    app, run_before = _fed(ctl)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_main_80x24_with_timeline(snap_compare: Any, ctl: SessionController) -> None:
    app, run_before = _fed(ctl, "f2")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_main_160x48(snap_compare: Any, ctl: SessionController) -> None:
    app, run_before = _fed(ctl)
    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)


def test_preview_80x24(snap_compare: Any, ctl: SessionController) -> None:
    app, run_before = _fed(ctl, "ctrl+o")  # in place of the chat
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_help_80x24(snap_compare: Any, ctl: SessionController) -> None:
    app, run_before = _fed(ctl, "f1")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
