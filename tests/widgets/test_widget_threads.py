"""Clicks that arrive on another thread, as JupyterLab 4.x sends them ("comms over subshells").

ipykernel 7 runs a comm message sent on a subshell in a `subshell-…` thread that has its own asyncio
loop. The controller (SQLite history opened on the main thread, asyncio locks and events bound to the
main loop) must still be used only on the kernel's main loop. `Subshell` below is such a thread: a
loop of its own, running until the test ends, on which the test makes the browser's calls
(`Subshell` in conftest.py).
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from nemo_tui.core.controller import SessionController
from nemo_tui.core.updates import MessageAdded
from nemo_widgets import Workspace

from .conftest import Subshell, press_send


@pytest.fixture
async def ready(ctl: SessionController) -> Workspace:
    """Built on the running loop, as in a notebook cell."""
    ctl.session_id = "sess-1"  # looks connected: the widget will not start a backend
    return Workspace(controller=ctl)


async def test_clicks_on_a_subshell_thread_run_on_the_kernel_loop(
    ctl: SessionController, ready: Workspace, subshell: Subshell
) -> None:
    kernel_loop = asyncio.get_running_loop()
    ran_on: list[tuple[str, bool]] = []
    touched_on: set[str] = set()

    async def send(text: str, files: list[Path] | None = None) -> None:
        ran_on.append((threading.current_thread().name, asyncio.get_running_loop() is kernel_loop))
        await asyncio.sleep(0)
        ctl.emit(MessageAdded("assistant", f"re: {text}"))

    ctl.send = send  # type: ignore[method-assign]
    box = ready.chat_pane.input
    box.observe(lambda _: touched_on.add(threading.current_thread().name), names="busy")
    for text in ("one", "two", "three"):
        # The browser syncs the box, then clicks: both arrive on the subshell's thread.
        await subshell.run(lambda text=text: setattr(ready.chat_pane.input, "value", text))
        await subshell.run(lambda: press_send(ready))
        await asyncio.wait_for(ready.wait(), 5)

    assert ran_on == [("MainThread", True)] * 3
    assert [t for _, t in ready.transcript] == ["re: one", "re: two", "re: three"]
    assert touched_on == {"MainThread"}  # the widget's own traits too: never from the subshell
    assert ready.errors == [] and not box.busy


async def test_updates_from_a_subshell_are_drawn_on_the_kernel_loop_even_after_a_click(
    ctl: SessionController, ready: Workspace, subshell: Subshell
) -> None:
    async def send(text: str, files: list[Path] | None = None) -> None:
        ctl.emit(MessageAdded("user", text))

    ctl.send = send  # type: ignore[method-assign]
    ready.chat_pane.input.value = "hello"
    await subshell.run(lambda: press_send(ready))  # once, the old helper adopted its loop
    await asyncio.wait_for(ready.wait(), 5)

    drawn_on: list[str] = []
    original = ready.chat_pane.add

    def spy(role: str, text: str) -> None:
        drawn_on.append(threading.current_thread().name)
        original(role, text)

    ready.chat_pane.add = spy  # type: ignore[method-assign]
    await subshell.run(lambda: ctl.emit(MessageAdded("system", "from the subshell")))
    await asyncio.wait_for(ready.wait(), 5)
    assert drawn_on == ["MainThread"] and ready.transcript[-1] == ("system", "from the subshell")
