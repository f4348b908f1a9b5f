"""Widget tests run without a kernel: a real SessionController, its `emit` called directly."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_widgets import Workspace
from nemo_widgets import controllers as shared_controllers


@pytest.fixture
def ctl() -> SessionController:
    return SessionController(Settings.from_env())


@pytest.fixture
def ws(ctl: SessionController) -> Workspace:
    return Workspace(controller=ctl, log_cap=5)


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    """Each test gets its own per-kernel controller cache."""
    saved = dict(shared_controllers._SHARED)
    shared_controllers._SHARED.clear()
    yield
    shared_controllers._SHARED.clear()
    shared_controllers._SHARED.update(saved)


class Subshell:
    """A thread running its own asyncio loop, like ipykernel's `SubshellThread`."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="subshell-test", daemon=True)
        self.thread.start()

    async def run(self, call: Callable[[], Any]) -> None:
        """Run `call` on the subshell's loop (inside a running loop, as a comm handler is)."""

        async def inside() -> None:
            call()

        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(inside(), self.loop))

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def subshell() -> Iterator[Subshell]:
    thread = Subshell()
    yield thread
    thread.stop()


def press_send(ws: Workspace) -> None:
    """What the browser sends when Send is clicked or Enter pressed: the box's text, in a custom
    message on the box's comm (the path a real click takes through ipywidgets)."""
    box = ws.chat_pane.input
    submit = {"method": "custom", "content": {"event": "submit", "value": box.value}}
    box._handle_msg({"content": {"data": submit}, "buffers": []})
