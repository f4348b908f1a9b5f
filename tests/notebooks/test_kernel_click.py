"""A click from the browser, in a real kernel: the handler runs on the kernel's loop and returns at once.

The test plays the front end: it sends the comm message a browser sends when the Send button is
clicked, then runs another cell while the (slow, faked) turn is still going.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager, start_new_async_kernel

Kernel = tuple[AsyncKernelManager, AsyncKernelClient]

SETUP = """
import asyncio, threading
from nemo_widgets import Workspace
from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import MessageAdded

ctl = SessionController(Settings.from_env())
ctl.session_id = "sess-1"  # looks connected: no backend is started
ran_on = {}

async def send(text, files=None):
    ran_on.update(thread=threading.current_thread().name, loop=asyncio.get_running_loop())
    ctl.emit(MessageAdded("user", text))
    await asyncio.sleep(1.0)
    ctl.emit(MessageAdded("assistant", "done"))

ctl.send = send
ws = Workspace(controller=ctl)
ws.chat_pane.input.value = "hello from the browser"
kernel_loop = asyncio.get_running_loop()
print(ws.chat_pane.input.model_id)
"""


@pytest.fixture
async def kernel(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Kernel]:
    monkeypatch.setenv("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))  # this env's spec
    km, kc = await start_new_async_kernel(kernel_name="python3")
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def _submit(box_id: str, text: str) -> dict:
    """The comm message the browser sends on Send (or Enter): the text travels with it."""
    return {"comm_id": box_id, "data": {"method": "custom", "content": {"event": "submit", "value": text}}}


async def _run(kc: AsyncKernelClient, code: str) -> str:
    """Execute `code`; its stdout (or its traceback)."""
    msg_id = kc.execute(code)
    out: list[str] = []
    while True:
        msg = await kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out)


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_a_browser_click_never_blocks_the_kernel(kernel: Kernel) -> None:
    _, kc = kernel
    box_id = (await _run(kc, SETUP)).strip()
    assert len(box_id) == 32, box_id

    kc.shell_channel.send(kc.session.msg("comm_msg", _submit(box_id, "hello from the browser")))
    during = await _run(kc, "print(ws.chat_pane.input.busy, ws.transcript[-1:])")
    assert during.strip() in ("True []", "True [('user', 'hello from the browser')]")  # still running

    after = await _run(
        kc,
        "await ws.wait()\n"
        "print(ran_on['thread'], ran_on['loop'] is kernel_loop, ws.transcript[-1], "
        "ws.chat_pane.input.busy, ws.errors)",
    )
    assert after.strip() == "MainThread True ('assistant', 'done') False []"


async def _subshell(kc: AsyncKernelClient) -> str:
    """A new subshell of the kernel, as JupyterLab makes one per comm target (a control request)."""
    msg = kc.session.msg("create_subshell_request", {})
    kc.control_channel.send(msg)
    while True:
        reply = await kc.get_control_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply["content"]["subshell_id"]


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_clicks_over_a_subshell_run_on_the_kernel_loop(kernel: Kernel) -> None:
    """JupyterLab 4.x sends widget messages on a subshell ("comms over subshells"): ipykernel 7 then
    runs the click handler on a `subshell-…` thread with its own loop. The work must still run on the
    kernel's main loop, three clicks in a row."""
    _, kc = kernel
    box_id = (await _run(kc, SETUP.replace("await asyncio.sleep(1.0)", "await asyncio.sleep(0)"))).strip()
    subshell = await _subshell(kc)
    for n in range(3):
        msg = kc.session.msg("comm_msg", _submit(box_id, f"message {n}"))
        msg["header"]["subshell_id"] = subshell
        kc.shell_channel.send(msg)
        # The click is handled on another thread: wait (bounded) until its turn has ended.
        wait_for_turn = (
            f"for _ in range(250):\n"
            f"    if len(ws.transcript) >= {2 * (n + 1)} or ws.errors: break\n"
            f"    await asyncio.sleep(0.02)\n"
            f"await ws.wait()\n"
        )
        after = await _run(
            kc,
            wait_for_turn
            + "print(ran_on['thread'], ran_on['loop'] is kernel_loop, ws.transcript[-1], ws.errors)",
        )
        assert after.strip() == "MainThread True ('assistant', 'done') []", (n, after)
