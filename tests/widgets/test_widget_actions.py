"""Buttons and the scripting API on a running loop: work runs as tasks, failures show in the widget.

The controller's methods that would reach a backend are replaced by small fakes here, so these tests
check only the widget's wiring; the same paths against the local engine are in test_widget_live.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import ConnectionFailed, FileTooLarge
from nemo_tui.core.notices import notice_for
from nemo_tui.core.updates import ErrorShown, MessageAdded
from nemo_widgets import Workspace

from .conftest import press_send


@pytest.fixture
def ready(ctl: SessionController) -> Workspace:
    ctl.session_id = "sess-1"  # looks connected: the widget will not start a backend
    return Workspace(controller=ctl)


async def test_send_runs_as_a_task_and_never_blocks(ctl: SessionController, ready: Workspace) -> None:
    release = asyncio.Event()

    async def send(text: str, files: list[Path] | None = None) -> None:
        ctl.emit(MessageAdded("user", text))
        await release.wait()
        ctl.emit(MessageAdded("assistant", "done"))

    ctl.send = send  # type: ignore[method-assign]
    ready.chat_pane.input.value = "  add lo-fi music at 35%  "
    press_send(ready)  # returns at once
    assert ready.chat_pane.input.value == "" and ready.chat_pane.input.busy
    await asyncio.sleep(0.01)
    assert ready.transcript == [("user", "add lo-fi music at 35%")]
    release.set()
    await ready.wait()
    assert ready.transcript[-1] == ("assistant", "done") and not ready.chat_pane.input.busy


async def test_an_empty_message_is_not_sent(ctl: SessionController, ready: Workspace) -> None:
    ready.chat_pane.input.value = "   "
    press_send(ready)
    await ready.wait()
    assert ready.transcript == [] and ready.errors == []


async def test_browser_upload_goes_through_a_temp_file(ctl: SessionController, ready: Workspace) -> None:
    seen: list[tuple[str, bytes]] = []

    async def upload(paths: list[Path]) -> list[dict]:
        seen.extend((p.name, p.read_bytes()) for p in paths)
        return [{"id": "m1"}]

    ctl.upload = upload  # type: ignore[method-assign]
    picked = {
        "name": "../../clip.mp4",
        "type": "video/mp4",
        "size": 4,
        "content": memoryview(b"MP4!"),
        "last_modified": dt.datetime.now(dt.UTC),
    }
    ready.media_pane.file_upload.value = (picked,)
    assert ready.media_pane.file_upload.value == ()  # cleared: the bytes are not kept in the widget
    await ready.wait()
    assert seen == [("clip.mp4", b"MP4!")]


async def test_path_upload_and_its_notice(ctl: SessionController, ready: Workspace, tmp_path: Path) -> None:
    calls: list[list[Path]] = []

    async def upload(paths: list[Path]) -> list[dict]:
        calls.append(paths)
        raise FileTooLarge("clip.mov is 900 MB.")

    ctl.upload = upload  # type: ignore[method-assign]
    ready.media_pane.upload_path.value = f"{tmp_path / 'a.png'}  '{tmp_path / 'my clip.mov'}'"
    ready.media_pane.upload_button.click()
    await ready.wait()
    assert calls == [[tmp_path / "a.png", tmp_path / "my clip.mov"]]
    notice = notice_for(FileTooLarge("clip.mov is 900 MB."))
    assert notice.action and ready.errors == [f"clip.mov is 900 MB.\n{notice.action}"]
    assert ready.last_traceback is None  # an expected error: no traceback kept

    with pytest.raises(FileTooLarge):
        await ready.upload(tmp_path / "clip.mov")
    assert len(ready.errors) == 2


async def test_a_crash_in_a_task_is_told_in_plain_words(ctl: SessionController, ready: Workspace) -> None:
    async def export(dest: Path | None = None) -> Path | None:
        raise KeyError("draft")

    ctl.export = export  # type: ignore[method-assign]
    ready.media_pane.export_path.value = "out.mp4"
    ready.media_pane.export_button.click()
    assert ready.media_pane.export_button.disabled
    await ready.wait()
    assert not ready.media_pane.export_button.disabled
    assert ready.errors[-1].startswith("Something went wrong in the workspace (KeyError: 'draft').")
    assert "ws.last_traceback" in ready.errors[-1]
    drawn = ready.chat_pane.history.value + "".join(_html_of(ready.view))
    assert "Traceback" not in drawn  # no traceback under the widget: it is there for who asks
    assert "KeyError: 'draft'" in (ready.last_traceback or "") and "Traceback" in ready.last_traceback


def _html_of(widget: object) -> list[str]:
    """Every HTML string shown anywhere in a widget tree."""
    found = [getattr(widget, "value", "")] if isinstance(getattr(widget, "value", None), str) else []
    for child in getattr(widget, "children", ()):
        found += _html_of(child)
    return found


async def test_enter_in_the_message_box_sends(ctl: SessionController, ready: Workspace) -> None:
    sent: list[str] = []

    async def send(text: str, files: list[Path] | None = None) -> None:
        sent.append(text)
        ctl.emit(MessageAdded("user", text))

    ctl.send = send  # type: ignore[method-assign]
    box = ready.chat_pane.input
    # What the browser sends on Enter: the box's value, then a custom "submit" message.
    box.set_state({"value": "make the title yellow"})
    submit = {"method": "custom", "content": {"event": "submit", "value": box.value}}
    box._handle_msg({"content": {"data": submit}, "buffers": []})
    await ready.wait()
    assert sent == ["make the title yellow"] and box.value == ""


async def test_a_failed_send_keeps_the_text_and_says_why(ctl: SessionController, ready: Workspace) -> None:
    async def send(text: str, files: list[Path] | None = None) -> None:
        ctl.emit(MessageAdded("user", text))
        ctl.emit(notice_for(ConnectionFailed("The backend could not be reached.")))

    ctl.send = send  # type: ignore[method-assign]
    ready.chat_pane.input.value = "make it 9:16"
    press_send(ready)
    assert ready.chat_pane.input.value == ""  # cleared while it is being sent
    await ready.wait()
    assert ready.chat_pane.input.value == "make it 9:16"  # back, to send again
    assert ready.errors[-1].startswith("The backend could not be reached.")


async def test_a_closed_workspace_disables_its_controls_and_says_so(
    ctl: SessionController, ready: Workspace
) -> None:
    calls: list[str] = []

    async def send(text: str, files: list[Path] | None = None) -> None:
        calls.append(text)

    ctl.send = send  # type: ignore[method-assign]
    await ready.close()
    chat, media = ready.chat_pane, ready.media_pane
    controls = [chat.input, media.file_upload, media.upload_path, media.upload_button]
    controls += [media.export_path, media.export_button]
    assert all(c.disabled for c in controls), [type(c).__name__ for c in controls if not c.disabled]
    assert "closed" in ready.status_bar.status.value
    assert "This workspace is closed" in ready.chat_pane.history.value
    chat.input.value = "hello"
    chat.input.submit()  # Enter in a box that a stale page still shows enabled
    await ready.wait()
    assert calls == [] and chat.input.disabled


async def test_export_that_did_not_run_raises_why(ctl: SessionController, ready: Workspace) -> None:
    async def export(dest: Path | None = None) -> Path | None:
        ctl.emit(ErrorShown("Nothing to export yet.", "Generate a video first.", "EmptyDraft"))
        return None

    ctl.export = export  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="Nothing to export yet"):
        await ready.export("out.mp4")


async def test_one_workspace_per_backend_per_kernel_and_one_connect(tmp_path: Path) -> None:
    first, again = Workspace(), Workspace()
    assert again is first and first._shared.workspace is first  # a re-run cell gets the same one
    remote = Workspace(api_url="http://127.0.0.1:9/")
    assert remote is not first and remote.controller is not first.controller
    assert remote.controller.settings.api_url == "http://127.0.0.1:9"
    second = Workspace(controller=first.controller)  # an explicit second view of the same controller
    assert second is not first

    calls = 0
    ctl = first.controller

    async def connect(*, session_id: str | None = None, resume: bool = True) -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        ctl.session_id = "sess-shared"

    ctl.connect = connect  # type: ignore[method-assign]
    await asyncio.gather(first.connect(), second.connect(), first.connect())
    assert calls == 1


async def test_a_failed_connect_is_shown_and_can_be_retried(ctl: SessionController) -> None:
    attempts = 0

    async def connect(*, session_id: str | None = None, resume: bool = True) -> None:
        nonlocal attempts
        attempts += 1
        exc = ConnectionFailed("The backend could not be reached.")
        ctl.emit(notice_for(exc))  # as the real connect does before raising
        raise exc

    ctl.connect = connect  # type: ignore[method-assign]
    ws = Workspace(controller=ctl)
    ws.chat_pane.input.value = "hello"
    press_send(ws)
    await ws.wait()
    assert ws.errors == [f"The backend could not be reached.\n{notice_for(ConnectionFailed()).action}"]
    with pytest.raises(ConnectionFailed):
        await ws.send("hello")
    assert attempts == 2


async def test_after_close_a_new_workspace_starts_afresh() -> None:
    first = Workspace()
    await first.close()
    assert "closed" in first.status_bar.status.value
    second = Workspace()
    assert second is not first and second.controller is not first.controller
    with pytest.raises(RuntimeError, match="closed"):
        await first.connect()
