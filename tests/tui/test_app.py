"""The whole app on a real SessionController (not connected): updates fed through `emit` reach their
panes, and what the person types or presses reaches the right controller method."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from nemo_tui.core import timeline
from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import ConnectionFailed
from nemo_tui.core.updates import ErrorShown, Progress, StatusChanged, StreamLogged, TimelineUpdated
from nemo_tui.tui.chat import AssistantMessage, ErrorMessage
from nemo_tui.tui.timeline_tree import TimelineTree
from nemo_tui.tui.upload_screen import UploadScreen

from .conftest import DRAFT, QuietApp, demo_updates, screen_text, settled, until


class Calls:
    """Replaces controller methods with recorders."""

    def __init__(self, ctl: SessionController, monkeypatch: pytest.MonkeyPatch) -> None:
        self.log: list[tuple[str, Any]] = []
        for name in ("send", "chat", "export", "new_session", "switch_session", "connect"):
            monkeypatch.setattr(ctl, name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        async def record(*args: Any, **kw: Any) -> None:
            self.log.append((name, args[0] if args else kw or None))

        return record


@pytest.fixture
def calls(ctl: SessionController, monkeypatch: pytest.MonkeyPatch) -> Calls:
    return Calls(ctl, monkeypatch)


async def test_updates_reach_their_panes(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 48)):
        await until(lambda: app.ready)
        for update in demo_updates():
            ctl.emit(update)
        await until(settled(app))
        ws = app.workspace
        assert ws.chat.count == 3 and len(ws.chat.query(AssistantMessage)) == 1
        assert [n.data for n in ws.query_one(TimelineTree).root.children] == ["v1", "a1", "x1"]
        assert ws.credits.credits is not None and ws.credits.credits.available == 180
        assert ws.status.status.connection == "connected" and ws.events.received == 5
        assert "Urban Dreams" in screen_text(app)


async def test_typed_text_and_slash_commands_call_the_controller(
    ctl: SessionController, calls: Calls, tmp_path: Path
) -> None:
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        for text in ("make the title bigger", "/export ~/out.mp4", "/undo", "/credits", "/status",
                     "/upload a.mp4 'b c.png'", "/new", f"/export {tmp_path}"):  # fmt: skip
            app.workspace.composer.text = text
            await pilot.press("enter")
        await app.workers.wait_for_complete()
        names = [name for name, _ in calls.log]
        assert names == ["send", "export", "chat", "send", "send", "send", "new_session", "export"]
        assert calls.log[0] == ("send", "make the title bigger")
        assert calls.log[1] == ("export", Path("~/out.mp4").expanduser())
        assert calls.log[2] == ("chat", "undo") and calls.log[3] == ("send", "credits")
        assert calls.log[5] == ("send", "upload a.mp4 'b c.png'")
        assert calls.log[7][1] == tmp_path  # a folder: the controller names the file in it
        app.workspace.composer.text = "/bogus"
        await pilot.press("enter")
        assert any("Unknown command /bogus" in n.message for n in app._notifications)


async def test_keys_call_the_controller(ctl: SessionController, calls: Calls) -> None:
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        await pilot.press("f5", "f8", "f6", "f7", "ctrl+n")
        await app.workers.wait_for_complete()
        assert [name for name, _ in calls.log] == ["export", "chat", "send", "send", "new_session"]
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark


async def test_command_palette_runs_an_action(ctl: SessionController, calls: Calls) -> None:
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"export video")
        await until(lambda: "Export video" in screen_text(app))
        await pilot.press("enter")
        await until(lambda: ("export", None) in calls.log)


async def test_errors_become_notifications_and_offline_offers_reconnect(
    ctl: SessionController, calls: Calls
) -> None:
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        await until(lambda: app.ready)
        ctl.emit(StatusChanged(backend="local engine", connection="connected", activity="idle"))
        await until(settled(app))
        assert not app.check_action("reconnect", ())
        ctl.emit(ErrorShown("The backend could not be reached.", "Check that it runs.", "ConnectionFailed"))
        await until(lambda: bool(app._notifications) and settled(app)())
        note = list(app._notifications)[-1]
        assert note.severity == "error" and "Check that it runs." in note.message
        assert len(app.workspace.chat.query(ErrorMessage)) == 1
        assert app.workspace.status.status.connection == "offline" and app.check_action("reconnect", ())
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        assert ("connect", {"session_id": None}) in calls.log


async def test_a_failed_worker_is_a_notification_not_a_crash(
    ctl: SessionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken() -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ctl, "new_session", broken)
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+n")
        await until(lambda: any("disk full" in n.message for n in app._notifications))
        assert app.is_running and app.return_code is None


async def test_engine_lost_during_an_export_offers_reconnect_and_clears_the_bar(
    ctl: SessionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def export_then_lose_the_engine(dest: object = None) -> None:
        ctl.emit(Progress("render", 0.0, 100.0, label="Rendering (processing)"))
        raise ConnectionFailed("Could not reach the video service at http://127.0.0.1:1.")

    monkeypatch.setattr(ctl, "export", export_then_lose_the_engine)
    app = QuietApp(ctl)
    async with app.run_test() as pilot:
        await until(lambda: app.ready)
        await pilot.press("f5")
        await until(lambda: app.check_action("reconnect", ()) is True)  # ^r is offered, in the footer
        await until(lambda: not app.workspace.progress.has_class("-active"))  # no bar stuck at 0 %
        assert app.workspace.status.progress is None


async def test_layout_reflows_between_narrow_and_wide(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = app.workspace
        side = ws.query_one("#side")
        assert not side.display  # at 80 columns the chat has the width
        await pilot.press("f2")
        await until(lambda: ws.query_one("#timeline").display and ws.focused is ws.query_one(TimelineTree))
        await pilot.press("f2")  # focused → hidden, back to the chat box
        assert not side.display and ws.focused is ws.composer
        await pilot.resize_terminal(160, 48)
        await until(lambda: side.display and ws.query_one("#events").display)
        await pilot.press("f3", "f3")  # focus, then hide the log
        assert not ws.query_one("#events").display and ws.query_one("#timeline").display


async def test_typing_on_a_pane_goes_to_the_chat_box(ctl: SessionController, calls: Calls) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = app.workspace
        await pilot.press("f3")  # shows the log and focuses it, as a person does before typing
        await until(lambda: ws.focused is not None and ws.focused is not ws.composer)
        # A burst, as over a laggy SSH link: every key is queued before the focus can move.
        for ch in "hello big world":
            _send_key(app, "space" if ch == " " else ch, ch)
        _send_key(app, "enter", "\r")
        await until(lambda: ("send", "hello big world") in calls.log)
        assert ws.focused is ws.composer and ws.composer.text == ""

        await pilot.press("f2")  # the timeline: space is still its toggle before any letter
        await until(lambda: ws.focused is ws.query_one(TimelineTree))
        await pilot.press("space")
        assert ws.composer.text == "" and ws.focused is ws.query_one(TimelineTree)
        app.post_message(events.Paste("/tmp/a clip.mp4"))  # a path pasted on a pane is kept
        await until(lambda: ws.composer.text == "/tmp/a clip.mp4")


def _edit(ctl: SessionController, before: timeline.TimelineView, title: str) -> timeline.TimelineView:
    """Feed the update an edit of the title (the last node of the tree) makes."""
    titles = {**DRAFT["t"][2], "sg": [{**DRAFT["t"][2]["sg"][0], "text": title}]}
    scenes = [{"id": f"c{i}", "st": i * 1000, "d": 1000, "src": "gen:image:x", "m": {"name": f"scene {i}"}}
              for i in range(12)]  # fmt: skip
    after = timeline.build({**DRAFT, "t": [{**DRAFT["t"][0], "sg": scenes}, DRAFT["t"][1], titles]})
    ctl.emit(TimelineUpdated(after, timeline.summary(after), frozenset(timeline.changed_ids(before, after))))
    return after


async def test_the_changed_node_scrolls_into_view_and_the_chat_keeps_the_focus(
    ctl: SessionController,
) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: app.ready)
        ws, tree = app.workspace, app.workspace.query_one(TimelineTree)
        first = _edit(ctl, timeline.build(None), "Urban Dreams")
        await until(settled(app))
        second = _edit(ctl, first, "Night City")  # while the pane is hidden, as it starts at 80×24
        await until(settled(app))
        await pilot.press("f2")
        await until(lambda: ws.focused is tree)

        def shown(seg_id: str) -> bool:
            top, line = tree.scroll_offset.y, tree._segments[seg_id].line
            return top <= line < top + tree.scrollable_content_region.height

        await until(lambda: shown("s5"))  # shown with the pane
        assert '"Night City" ●' in screen_text(app)

        await pilot.press("escape")  # back to the chat box; the pane stays
        tree.scroll_home(animate=False)
        await until(lambda: ws.focused is ws.composer and not shown("s5"))
        _edit(ctl, second, "Morning")
        await until(lambda: shown("s5"))  # a visible pane scrolls too
        assert '"Morning" ●' in screen_text(app) and ws.focused is ws.composer


async def test_enter_in_flight_to_a_pane_still_sends(ctl: SessionController, calls: Calls) -> None:
    """Seen in tmux at 80×24: text typed on the timeline, then Enter a moment later. The app gave the
    Enter to the tree just before the focus reached the chat box; by the time it bubbled up, the chat
    box had the focus, nobody took the key, and the request sat unsent."""
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        ws, tree = app.workspace, app.workspace.query_one(TimelineTree)
        await pilot.press("f2")
        await until(lambda: ws.focused is tree)
        _send_key(app, "h", "h")
        await until(lambda: ws.focused is ws.composer and ws.composer.text == "h")
        enter = events.Key("enter", "\r")
        enter.set_sender(app)
        tree._forward_event(enter)  # as the app hands a key to the widget that has the focus
        await until(lambda: ("send", "h") in calls.log)
        await pilot.press("f2")  # the tree again, by choice: space is its toggle once more
        await until(lambda: ws.focused is tree)
        await pilot.press("space")
        assert ws.composer.text == "" and ws.focused is tree


async def test_typing_right_after_showing_a_pane_still_sends(ctl: SessionController, calls: Calls) -> None:
    """Also seen in tmux: F3 (show the log, then focus it once drawn) and a request at once. The log's
    focus came after the first letter had taken the focus to the chat box, and got the Enter."""
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = app.workspace
        await pilot.press("f2")
        await until(lambda: ws.focused is ws.query_one(TimelineTree))
        ws.toggle_pane("events")  # what F3 does, and in the same moment a letter on the tree
        ws.on_key(events.Key("h", "h"))
        refreshed = asyncio.Event()
        ws.call_after_refresh(refreshed.set)  # after the log's own focus call
        await refreshed.wait()
        await until(lambda: ws.composer.text == "h" and ws.query_one("#events").display)
        _send_key(app, "enter", "\r")  # a moment later, as tmux sends it
        await until(lambda: ("send", "h") in calls.log)
        assert ws.focused is ws.composer

        await pilot.press("f3")  # asked for after the typing: the log gets the focus
        await until(lambda: ws.focused is ws.query_one("#event-log"))


def _send_key(app: QuietApp, key: str, char: str | None) -> None:
    """What the terminal driver does for a key, without waiting for the app to handle it."""
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def test_tab_moves_between_the_fields_of_a_dialog(ctl: SessionController, calls: Calls) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, UploadScreen))
        for _ in range(3):
            if isinstance(app.screen.focused, Input):
                break
            await pilot.press("tab")
        assert isinstance(app.screen.focused, Input) and app.screen.focused.id == "upload-path"


async def test_connect_runs_after_the_first_paint(
    ctl: SessionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def slow_connect(**kw: Any) -> None:
        started.set()
        await release.wait()
        ctl.emit(
            StatusChanged(backend="local engine", session_id="s-1", connection="connected", activity="idle")
        )

    monkeypatch.setattr(ctl, "connect", slow_connect)
    app = QuietApp(ctl, autoconnect=True)
    async with app.run_test():
        await asyncio.wait_for(started.wait(), 5)
        assert "connecting" in screen_text(app)  # painted while the engine starts
        release.set()
        await until(lambda: app.workspace.status.status.connection == "connected")


async def test_event_burst_goes_to_the_buffer(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 48)):
        await until(lambda: app.ready)
        for i in range(2000):
            ctl.emit(StreamLogged("heartbeat", f"beat {i}", {}, i / 10))
        assert app.workspace.events.received < 2000  # not drawn inline: drained by the timer
        await until(lambda: app.workspace.events.received == 2000 and app.workspace.events.idle)
