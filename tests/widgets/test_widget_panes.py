"""Updates from a real SessionController drawn by the panes, no kernel and no backend."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output

from nemo_tui.core import timeline
from nemo_tui.core.controller import SessionController
from nemo_tui.core.updates import (
    CreditsUpdated,
    ErrorShown,
    ExportFinished,
    MessageAdded,
    PartialText,
    Progress,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
    ToolActivity,
)
from nemo_widgets import Workspace

from .conftest import press_send

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

DRAFT = {
    "t": [
        {"tt": 0, "sg": [{"id": "v1", "d": 6000, "m": {"name": "city"}}, {"id": "v2", "d": 4000}]},
        {"tt": 1, "m": {"name": "BGM", "role": "bgm"}, "sg": [{"id": "a", "d": 10000, "vol": 0.35}]},
        {"tt": 7, "sg": [{"id": "x", "d": 3000, "text": "Urban <Dreams>"}]},
    ]
}


def test_transcript_escapes_people_and_renders_replies(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(MessageAdded("user", "make it <b>pop</b>\nplease"))
    ctl.emit(MessageAdded("assistant", "Done: **title** added <script>x</script>"))
    ctl.emit(MessageAdded("system", "Started a new session (s1)."))
    html = ws.chat_pane.history.value
    assert "make it &lt;b&gt;pop&lt;/b&gt;<br>please" in html
    assert "<strong>title</strong>" in html and "<script>" not in html
    assert "nemo-system" in html and "Started a new session" in html
    assert ws.transcript == [
        ("user", "make it <b>pop</b>\nplease"),
        ("assistant", "Done: **title** added <script>x</script>"),
        ("system", "Started a new session (s1)."),
    ]


def test_streamed_text_shows_until_the_reply_lands(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(PartialText("Working on "))
    ctl.emit(PartialText("it"))
    assert "Working on it" in ws.chat_pane.streaming.value
    ctl.emit(MessageAdded("assistant", "Working on it."))
    assert ws.chat_pane.streaming.value == ""


def test_event_log_is_colour_coded_and_capped(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(MessageAdded("user", "add music"))
    for i in range(6):
        ctl.emit(StreamLogged("tool_call" if i % 2 else "heartbeat", f"event {i}", {}, float(i)))
    ctl.emit(StreamLogged("error", "boom <x>", {}, 7.0))
    pane = ws.log_pane
    assert len(pane.lines) == 5 and pane.dropped == 3  # cap 5: the separator and events 0-1 went
    html = pane.view.value
    assert "3 older events" in html and "event 0" not in html
    assert "nemo-log-tool_call" in html and "nemo-log-error" in html  # coloured by the stylesheet
    assert "boom &lt;x&gt;" in html


def test_timeline_lanes_table_and_highlight(ctl: SessionController, ws: Workspace) -> None:
    view = timeline.build(DRAFT)
    ctl.emit(TimelineUpdated(view, timeline.summary(view), frozenset({"x"})))
    html = ws.timeline_pane.view.value
    assert "Timeline (3 tracks)" in html
    assert html.count('class="nemo-changed"') == 1 and 'data-id="x"' in html
    assert "Urban &lt;Dreams&gt;" in html and "<Dreams>" not in html
    assert ws.summary == timeline.summary(view)
    assert [t["kind"] for t in ws.timeline] == ["Video", "BGM", "Title"]
    assert ws.timeline[1]["segments"][0] == {
        "id": "a",
        "name": "BGM",
        "start_ms": 0,
        "end_ms": 10000,
        "volume": 0.35,
        "text": None,
        "src": None,
    }
    ctl.emit(TimelineUpdated(view, timeline.summary(view)))  # a refresh: the turn's edit stays marked
    assert 'data-id="x"' in ws.timeline_pane.view.value and "nemo-changed" in ws.timeline_pane.view.value
    ctl.emit(MessageAdded("user", "next"))
    ctl.emit(TimelineUpdated(view, timeline.summary(view)))
    assert "nemo-changed" not in ws.timeline_pane.view.value
    empty = timeline.build(None)
    ctl.emit(TimelineUpdated(empty, timeline.summary(empty)))
    assert ws.timeline == [] and timeline.summary(empty) in ws.timeline_pane.view.value


def test_credits_bar_warns_when_low(ctl: SessionController, ws: Workspace) -> None:
    assert ws.credits == {}
    ctl.emit(CreditsUpdated(80, 20, 100))
    assert "<b>80</b> available · 20 frozen" in ws.status_bar.credits.value
    assert "Low on credits" not in ws.status_bar.credits.value
    ctl.emit(CreditsUpdated(5, 0, 100))
    assert "Low on credits: 5 left" in ws.status_bar.credits.value
    assert ws.credits == {"available": 5, "frozen": 0, "total": 100, "low": True}


def _bar(html: str) -> tuple[float, float]:
    """The widths (in %) of the available and frozen parts of the credits bar."""
    available = re.search(r'class="nemo-credits-available" style="width:([\d.]+)%', html)
    frozen = re.search(r'class="nemo-credits-frozen" style="width:([\d.]+)%', html)
    assert available and frozen, html
    return float(available.group(1)), float(frozen.group(1))


def test_credits_bar_falls_as_credits_are_spent(ctl: SessionController, ws: Workspace) -> None:
    """The engine's total is available + frozen, so it falls too: the bar's scale must not."""
    ctl.emit(CreditsUpdated(100, 0, 100))
    assert _bar(ws.status_bar.credits.value) == (100, 0)
    ctl.emit(CreditsUpdated(80, 0, 80))  # 20 spent
    assert _bar(ws.status_bar.credits.value) == (80, 0)
    ctl.emit(CreditsUpdated(60, 20, 80))  # 20 more held for a render
    assert _bar(ws.status_bar.credits.value) == (60, 20)
    assert "of 100" in ws.status_bar.credits.value  # the scale is said, not guessed
    ctl.emit(CreditsUpdated(200, 0, 200))  # a top-up: the scale grows with it
    assert _bar(ws.status_bar.credits.value) == (100, 0)
    ctl.emit(CreditsUpdated(50, 0, 50))
    assert _bar(ws.status_bar.credits.value) == (25, 0)
    again = Workspace(controller=ctl)  # a new view starts from what it is shown
    assert _bar(again.status_bar.credits.value) == (100, 0)


def test_a_plan_total_of_its_own_is_the_scale(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(CreditsUpdated(300, 0, 1000))  # a cloud plan: 1000 a month, 300 left
    assert _bar(ws.status_bar.credits.value) == (30, 0)
    assert "of 1000" in ws.status_bar.credits.value


def test_status_line_merges_changes(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(StatusChanged(backend="local engine", connection="connected", activity="idle"))
    ctl.emit(StatusChanged(session_id="sess-12345678", activity="thinking"))
    ctl.emit(ToolActivity("add_title", "call"))
    html = ws.status_bar.status.value
    assert "local engine · connected · session 12345678 · thinking (add_title)…" in html
    ctl.emit(StatusChanged(activity="idle"))
    assert "thinking" not in ws.status_bar.status.value


def test_errors_show_in_the_chat(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(ErrorShown("Not enough credits.", "Register to get more.", "InsufficientCredits"))
    assert ws.errors == ["Not enough credits.\nRegister to get more."]
    html = ws.chat_pane.history.value
    assert "nemo-error" in html and "Register to get more." in html


def test_export_progress_then_video_and_link(ctl: SessionController, ws: Workspace, tmp_path: Path) -> None:
    media = ws.media_pane
    assert media.progress.layout.display == "none"
    ctl.emit(Progress("render", 40.0, 100.0, "Rendering (running)"))
    assert media.progress.layout.display is None and media.progress.value == 0.4
    assert media.progress_label.value == "Rendering (running) 40%"
    ctl.emit(Progress("download", 2048.0, None, "Downloading"))
    assert media.progress.bar_style == "info" and media.progress_label.value == "Downloading 2.0 KB"
    clip = tmp_path / "out.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    ctl.emit(ExportFinished(str(clip), "r1", None))
    assert media.progress.layout.display == "none"
    assert ws.editor.source("export") == {
        "kind": "export",
        "label": "Export",
        "path": None,  # no Jupyter server serves tmp_path: the player says so instead of playing
        "file": str(clip),
        "version": str(clip.stat().st_mtime_ns),
    }
    (link,) = media.link.outputs
    assert "out.mp4" in link["data"]["text/html"] and link["data"]["text/plain"] == str(clip)
    assert ws.last_export == clip


def test_a_second_view_replays_the_shared_state(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(MessageAdded("user", "hello"))
    view = timeline.build(DRAFT)
    ctl.emit(TimelineUpdated(view, timeline.summary(view)))
    ctl.emit(CreditsUpdated(50, 0, 100))
    again = Workspace(controller=ctl)
    assert again.transcript == [("user", "hello")] and "hello" in again.chat_pane.history.value
    assert "Timeline (3 tracks)" in again.timeline_pane.view.value
    assert "<b>50</b> available" in again.status_bar.credits.value


def test_the_widget_displays_as_a_widget_view(ws: Workspace) -> None:
    bundle = ws._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == ws.view.model_id
    assert bundle["text/plain"].startswith("nemo workspace: the live view needs its kernel")
    assert repr(ws).startswith("<nemo Workspace")


def test_a_click_without_a_loop_says_so_in_the_widget(ws: Workspace) -> None:
    ws.chat_pane.input.value = "hello"
    press_send(ws)
    assert ws.errors and "No running event loop" in ws.errors[-1]
    assert ws.chat_pane.input.value == "hello"  # not sent: kept


async def test_redraws_are_coalesced_on_a_running_loop(ctl: SessionController, ws: Workspace) -> None:
    for i in range(50):
        ctl.emit(PartialText(f"{i} "))
        ctl.emit(StreamLogged("partial", f"{i}", {}, 0.0))
    assert ws.chat_pane.streaming.value == ""  # nothing drawn yet: one redraw per 0.1 s
    await asyncio.sleep(0.15)
    assert "49 " in ws.chat_pane.streaming.value and "partial" in ws.log_pane.view.value
    ctl.emit(PartialText("more"))
    ws.flush()
    assert "more" in ws.chat_pane.streaming.value


async def test_updates_from_another_thread_are_drawn_on_the_loop(ctl: SessionController) -> None:
    ws = Workspace(controller=ctl)  # made on the running loop, as in a notebook cell
    drawn_on: list[int] = []
    original = ws.chat_pane.add

    def spy(role: str, text: str) -> None:
        drawn_on.append(threading.get_ident())
        original(role, text)

    ws.chat_pane.add = spy  # type: ignore[method-assign]
    thread = threading.Thread(target=ctl.emit, args=(MessageAdded("system", "from a thread"),))
    thread.start()
    thread.join()
    assert drawn_on == []  # queued for the loop, not drawn on the foreign thread
    await asyncio.sleep(0)
    assert drawn_on == [threading.get_ident()] and ws.transcript[-1] == ("system", "from a thread")


@pytest.fixture
def shell() -> Iterator[None]:
    """An IPython shell for `display` (a kernel's, minus the kernel), removed afterwards."""
    InteractiveShell.instance()
    yield
    InteractiveShell.clear_instance()


def test_display_adds_a_snapshot_that_follows_the_session(
    ctl: SessionController, ws: Workspace, shell: None
) -> None:
    """A notebook reopened without its kernel has no widget model: the snapshot shown after the live
    view (by display id, updated in place) is what it shows instead."""
    with capture_output() as captured:
        display(ws)
        ctl.emit(MessageAdded("user", "make the title yellow"))
        view = timeline.build(DRAFT)
        ctl.emit(TimelineUpdated(view, timeline.summary(view), frozenset({"x"})))
        ctl.emit(StatusChanged(activity="idle"))
    widget, first, *updates = captured.outputs
    assert WIDGET_VIEW in widget.data and "nemo workspace" in widget.data["text/plain"]
    snapshot_id = first.transient["display_id"]
    assert not first.update and 'class="nemo-snapshot"' in first.data["text/html"]
    assert updates and all(u.update and u.transient["display_id"] == snapshot_id for u in updates)
    latest = updates[-1].data["text/html"]
    assert "make the title yellow" in latest and "Urban &lt;Dreams&gt;" in latest
    assert "<table>" in latest and "Run the cell again" in latest


async def test_a_closed_workspace_snapshot_says_closed(ctl: SessionController, shell: None) -> None:
    ws = Workspace(controller=ctl)
    with capture_output() as captured:
        display(ws)
        await ws.close()
    assert "a closed snapshot" in captured.outputs[-1].data["text/html"]


def test_a_reply_cost_is_a_muted_line_not_the_credits_bar(ctl: SessionController, ws: Workspace) -> None:
    ctl.emit(MessageAdded("assistant", "Added the title."))
    ctl.emit(MessageAdded("credits", "5 credits · 95 left"))
    ws.flush()
    assert '<div class="nemo-msg nemo-price">5 credits · 95 left</div>' in ws.chat_pane.history.value
    assert "nemo-credits" not in ws.chat_pane.history.value, "the bar's class would style it as the bar"
    assert "<b>Cost:</b> 5 credits · 95 left" in ws._view._snapshot_html()
