"""Each pane on its own: fed attributes directly, checked by what it holds and shows."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import DirectoryTree, Input

from nemo_tui.core import timeline
from nemo_tui.core.updates import CreditsUpdated, ExportFinished, Progress, StatusChanged, StreamLogged
from nemo_tui.tui.chat import (
    AssistantMessage,
    ChatPane,
    ErrorMessage,
    PartialReply,
    SystemMessage,
    UserMessage,
)
from nemo_tui.tui.commands import COMMANDS, SLASH
from nemo_tui.tui.composer import Composer
from nemo_tui.tui.credits_bar import CreditsBar
from nemo_tui.tui.event_log import CHUNK, EventLog, EventLogPane
from nemo_tui.tui.export_progress import ExportProgress
from nemo_tui.tui.help_screen import HelpScreen
from nemo_tui.tui.sessions_screen import SessionsScreen
from nemo_tui.tui.status_line import StatusLine
from nemo_tui.tui.timeline_tree import TimelinePane, TimelineTree
from nemo_tui.tui.upload_screen import MediaTree, UploadScreen

from .conftest import DRAFT, screen_text, until


class Host(App[None]):
    def __init__(self, *widgets: Widget) -> None:
        super().__init__()
        self.widgets = widgets
        self.animation_level = "none"
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        yield from self.widgets

    def on_composer_submitted(self, event: Composer.Submitted) -> None:
        self.submitted.append(event.text)


def plain(widget: Widget) -> str:
    return str(widget.render())


async def test_status_line_merges_updates_and_marks_offline() -> None:
    line = StatusLine()
    async with Host(line).run_test():
        line.apply(StatusChanged(backend="local engine", session_id="abc-123456789", connection="connected"))
        line.apply(StatusChanged(activity="thinking", note="Still working…"))
        text = plain(line)
        assert (
            "local engine" in text and "thinking" in text and "Still working" in text and "…23456789" in text
        )
        line.apply(StatusChanged(activity="idle"))  # a new activity clears the note
        assert "Still working" not in plain(line)
        line.apply(StatusChanged(connection="offline"))
        assert line.has_class("-offline") and "reconnect" in plain(line)


async def test_credits_bar_warns_when_low() -> None:
    bar = CreditsBar()
    async with Host(bar).run_test():
        bar.credits = CreditsUpdated(150, 10, 200)
        assert "150/200" in plain(bar) and "10 frozen" in plain(bar) and not bar.has_class("-low")
        bar.credits = CreditsUpdated(5, 0, 200)
        assert bar.has_class("-low") and "5/200 credits left" in plain(bar)
        bar.credits = CreditsUpdated(15, 0, 15)  # the local engine: total = available + frozen
        assert bar.has_class("-low") and plain(bar).strip() == "▲ 15 credits left"
        bar.credits = CreditsUpdated(90, 10, 100)
        assert plain(bar).strip() == "◆ 90 credits (10 frozen)"


async def test_event_log_drains_in_batches_filters_and_redacts() -> None:
    pane = EventLogPane()
    async with Host(pane).run_test(size=(100, 30)):
        log = pane.query_one(EventLog)
        writes: list[int] = []
        original = log.append
        log.append = lambda strips: (writes.append(1), original(strips))[1]  # type: ignore[method-assign]
        total = 3 * CHUNK
        for i in range(total):
            kind = "heartbeat" if i % 2 else "tool_call"
            pane.push(
                StreamLogged(kind, f"add_title(n={i}) Bearer nmv_usr_SECRETSECRET\n\x1b[2J", {}, i / 100)
            )
        await until(lambda: pane.idle and pane.received == total)
        assert len(writes) <= 10  # one append per tick, not one per event
        shown = "\n".join(strip.text for strip in log.lines)
        assert "SECRETSECRET" not in shown and "add_title(n=1499)" in shown
        assert not any("\n" in strip.text or "\x1b" in strip.text for strip in log.lines)  # no cursor moves
        assert "⏎" in shown
        pane.query_one(Input).value = "call -n=10"
        await until(lambda: pane.query_text == "call -n=10")
        shown = "\n".join(strip.text for strip in log.lines)
        assert "beat" not in shown and "n=10)" not in shown and "n=12)" in shown


def _view(draft: dict) -> timeline.TimelineView:
    return timeline.build(draft)


async def test_timeline_tree_patches_nodes_in_place_and_shows_details() -> None:
    pane = TimelinePane()
    async with Host(pane).run_test(size=(80, 30)) as pilot:
        tree = pane.query_one(TimelineTree)
        first = _view(DRAFT)
        pane.show(first, frozenset())
        video_node, title_node = tree._tracks["v1"], tree._segments["s5"]
        assert [n.data for n in tree.root.children] == ["v1", "a1", "x1"]

        draft = {**DRAFT, "t": [dict(t) for t in DRAFT["t"]]}
        draft["t"][2] = {**draft["t"][2], "sg": [{**draft["t"][2]["sg"][0], "text": "Night City"}]}
        draft["t"][1] = {**draft["t"][1], "sg": []}
        second = _view(draft)
        pane.show(second, frozenset(timeline.changed_ids(first, second)))
        assert tree._tracks["v1"] is video_node and tree._segments["s5"] is title_node  # patched, not rebuilt
        assert "Night City" in str(title_node.label) and "●" in str(title_node.label)
        assert "s4" not in tree._segments and "empty" in str(tree._tracks["a1"].label)

        tree.focus()
        await pilot.press(*["down"] * 7)  # root, Main, 3 clips, BGM (now empty), Titles, the title

        def details() -> str:
            return str(pane.query_one("#segment-details").render())

        await until(lambda: "text:" in details())
        assert "Night City" in details() and "0–3s" in details() and "size" in details()


async def test_timeline_labels_fit_in_cells_and_keep_the_change_marker() -> None:
    cjk, latin = "你好世界，欢迎来到城市", "Welcome to the city of lights and late night cafes"
    titles = {**DRAFT["t"][2], "sg": [{**DRAFT["t"][2]["sg"][0], "text": cjk},
                                      {"id": "s6", "st": 3000, "d": 3000, "text": latin}]}  # fmt: skip
    view = _view({**DRAFT, "t": [*DRAFT["t"][:2], titles]})
    pane = TimelinePane()
    async with Host(pane).run_test(size=(30, 20)) as pilot:
        pane.show(view, frozenset({"s5", "s6"}))

        def row(text: str) -> str:
            return next((r for r in screen_text(pane.app).splitlines() if text in r), "")

        # 11 wide characters are 22 cells: counted as characters, the label would overflow the pane.
        await until(lambda: row("你好").rstrip().endswith("… ●") and row("Welcome").rstrip().endswith("… ●"))
        await pilot.resize_terminal(100, 20)  # wider: the whole label again
        await until(lambda: f'"{cjk}" ●' in row("你好") and f'"{latin}" ●' in row("Welcome"))


async def test_chat_shows_each_role_and_the_streaming_reply() -> None:
    chat = ChatPane()
    async with Host(chat).run_test(size=(80, 30)):
        chat.add_partial("Working on ")
        chat.add_partial("it…")
        await until(lambda: chat.query_one(PartialReply).has_class("-active"))
        chat.add_message("user", "make it [bold]")
        chat.add_message("assistant", "Done: **three** scenes.")
        chat.add_message("system", "Credits: 9 available")
        chat.add_message("error", "The backend is not reachable")
        await until(lambda: len(chat.query(ErrorMessage)) == 1)
        assert "[bold]" in str(chat.query_one(UserMessage).render())  # text, not markup
        assert len(chat.query(AssistantMessage)) == 1 and len(chat.query(SystemMessage)) == 1
        assert not chat.query_one(PartialReply).has_class("-active")


async def test_composer_sends_keeps_history_and_multiline_paste() -> None:
    composer = Composer()
    host = Host(composer)
    async with host.run_test() as pilot:
        composer.focus()
        await pilot.press(*"hello", "enter")
        await pilot.press(*"second", "enter")
        assert host.submitted == ["hello", "second"] and composer.text == ""
        await pilot.press("up")
        assert composer.text == "second"
        await pilot.press("up", "down", "down")
        assert composer.text == ""
        host.post_message(events.Paste("line one\nline two"))  # as the terminal delivers a paste
        await until(lambda: "line two" in composer.text)
        await pilot.press("ctrl+j", *"three", "enter")
        assert host.submitted[-1] == "line one\nline two\nthree"
        await pilot.press("/", "e", "x")
        assert composer.suggestion == "port"


async def test_export_progress_shows_steps_then_the_saved_file() -> None:
    bar = ExportProgress()
    async with Host(bar).run_test():
        assert not bar.display or not bar.has_class("-active")
        bar.show(Progress("render", 40, 100, "Rendering (running)"))
        assert bar.has_class("-active") and "Rendering" in str(bar.query_one("#progress-label").render())
        bar.show(Progress("download", 2_000_000, 4_000_000, "Downloading"))
        assert "2.0 MB of 4.0 MB" in str(bar.query_one("#progress-label").render())
        bar.finish(ExportFinished("/tmp/out.mp4", "r1", "https://example.invalid/claim"))
        label = str(bar.query_one("#progress-label").render())
        assert bar.has_class("-done") and "/tmp/out.mp4" in label and "claim" in label


async def test_upload_screen_lists_media_only_and_returns_paths(tmp_path: Path) -> None:
    for name in ("clip.mp4", "photo.png", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    results: list[list[Path] | None] = []
    host = Host()
    async with host.run_test(size=(100, 30)) as pilot:
        await host.push_screen(UploadScreen(tmp_path), results.append)
        tree = await _loaded_tree(host)
        names = sorted(str(n.label) for n in tree.root.children)
        assert names == ["clip.mp4", "photo.png"]
        tree.move_cursor(tree.root.children[0])
        await pilot.press("space")  # mark clip.mp4, cursor moves to photo.png
        await pilot.press("enter")
        await until(lambda: bool(results))
        assert results[-1] == [tmp_path / "clip.mp4", tmp_path / "photo.png"]

        await host.push_screen(UploadScreen(tmp_path), results.append)
        await _loaded_tree(host)
        box = host.screen.query_one("#upload-path", Input)
        box.focus()
        box.value = str(tmp_path / "photo.png")
        await pilot.press("enter")
        await until(lambda: len(results) == 2)
        assert results[-1] == [tmp_path / "photo.png"]


async def _loaded_tree(host: App[None]) -> DirectoryTree:
    await until(lambda: isinstance(host.screen, UploadScreen))
    tree = host.screen.query_one(MediaTree)
    await until(lambda: len(tree.root.children) > 0)
    return tree


async def test_help_screen_lists_every_command_and_closes() -> None:
    host = Host()
    async with host.run_test(size=(100, 50)) as pilot:
        await host.push_screen(HelpScreen())
        await until(lambda: "Switch session" in screen_text(host))
        text = screen_text(host)
        for command in COMMANDS:
            assert command.title in text
        for name in SLASH:
            assert name in text
        await pilot.press("escape")
        assert not isinstance(host.screen, HelpScreen)


async def test_sessions_screen_returns_the_chosen_id() -> None:
    class Record:
        def __init__(self, sid: str, title: str) -> None:
            self.session_id, self.title, self.last_used = sid, title, 0.0

    chosen: list[str | None] = []
    host = Host()
    async with host.run_test() as pilot:
        await host.push_screen(
            SessionsScreen([Record("s-1", "promo"), Record("s-2", "teaser")], "s-1"), chosen.append
        )
        await pilot.press("down", "enter")
        await until(lambda: bool(chosen))
        assert chosen == ["s-2"]


async def test_a_designed_scene_shows_its_template_words_and_art() -> None:
    scene = {"template": "features", "style": "bold", "headline": "Why teams switch",
             "items": [{"text": "Instant drafts", "art": "tabler:bolt"}], "art": ["tabler:bolt"]}  # fmt: skip
    draft = {"v": 1, "t": [{"id": "v1", "tt": 0, "m": {"name": "Main"},
                            "sg": [{"id": "s1", "st": 0, "d": 4000, "src": "scene:features", "scene": scene,
                                    "m": {"name": "Why teams switch"}}]}]}  # fmt: skip
    pane = TimelinePane()
    async with Host(pane).run_test(size=(80, 30)) as pilot:
        pane.show(_view(draft), frozenset())
        tree = pane.query_one(TimelineTree)
        assert "features" in str(tree._segments["s1"].label)  # the template beside the name
        tree.focus()
        await pilot.press("down", "down")

        def details() -> str:
            return str(pane.query_one("#segment-details").render())

        await until(lambda: "design:" in details())
        assert (
            "design: features (bold)" in details() and "words: Why teams switch · Instant drafts" in details()
        )
        assert "art: tabler:bolt" in details() and '"template"' not in details()  # not raw JSON
