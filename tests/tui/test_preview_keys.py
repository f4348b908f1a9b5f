"""The preview pane in the app, fed known frames (no engine): where it shows at each size, and the keys
that scrub and play it."""

from __future__ import annotations

from textual import events

from nemo_tui.core.controller import SessionController
from nemo_tui.tui.preview_pane import PreviewPicture

from .conftest import QuietApp, screen_text, until, with_video


async def test_a_roomy_terminal_shows_the_picture_beside_the_chat(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await with_video(app, ctl)
        await pilot.pause()
        assert pane.display and app.workspace.chat.display
        assert pane.t == 1.0  # the first picture a second in
        picture = pane.picture
        assert picture.size.width > 40 and picture.draws >= 1
        shown = screen_text(app)
        assert shown.count("▀") > 500 and "“Urban Dreams”" in shown and "clip 1/3" in shown


async def test_a_small_terminal_shows_it_in_place_of_the_chat(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await with_video(app, ctl)
        ws = app.workspace
        assert not pane.display and ws.chat.display
        await pilot.press("ctrl+o")
        await until(lambda: isinstance(app.focused, PreviewPicture))
        assert pane.display and not ws.chat.display and ws.composer.display
        assert screen_text(app).count("▀") > 200
        await pilot.press("ctrl+o")  # focused: hide it, the chat comes back
        assert not pane.display and ws.chat.display and app.focused is ws.composer
        await pilot.press("f1")  # the F-keys are as they were
        await until(lambda: app.screen.__class__.__name__ == "HelpScreen")
        assert "Preview pane" in screen_text(app)


async def test_keys_scrub_by_tenths_seconds_and_clips_and_play(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await with_video(app, ctl)
        await pilot.press("ctrl+o")
        await until(lambda: isinstance(app.focused, PreviewPicture))
        draws = pane.picture.draws
        await pilot.press("right")
        assert abs(pane.t - 1.1) < 1e-6
        await pilot.press("shift+right", "shift+right", "left")
        assert abs(pane.t - 3.0) < 1e-6
        await pilot.pause()
        assert pane.picture.draws > draws  # a new frame was drawn for each new time
        await pilot.press("right_square_bracket")
        assert pane.t == 3.5  # the next clip's start (s2)
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")
        assert pane.t == 0.0
        assert "clip 1/3" in pane.border_subtitle
        await pilot.press("space")
        assert pane.playing
        await until(lambda: pane.t > 0.4, timeout=3)
        await pilot.press("space")
        assert not pane.playing
        stopped = pane.t
        await pilot.pause(0.3)
        assert pane.t == stopped
        assert app.workspace.composer.text == ""  # space and brackets never reached the chat box
        await pilot.press("h")  # a letter does: the person is typing
        assert app.workspace.composer.text == "h" and app.focused is app.workspace.composer


async def test_playing_runs_at_about_ten_frames_a_second_and_stops_at_the_end(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await with_video(app, ctl)
        await pilot.press("ctrl+o")
        await until(lambda: isinstance(app.focused, PreviewPicture))
        pane.seek(8.0)
        await pilot.pause()
        draws = pane.picture.draws
        await pilot.press("space")
        await until(lambda: not pane.playing, timeout=5)  # 2 s to the end
        assert pane.t == pane.duration_s
        assert 12 <= pane.picture.draws - draws <= 24, pane.picture.draws - draws  # ~10 fps for 2 s


async def test_the_highlighted_clip_moves_the_preview(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await with_video(app, ctl)
        tree = app.workspace.timeline.tree
        tree.focus()
        node = next(n for n in tree.root.children[0].children if n.data == "s2")
        tree.move_cursor(node)
        await until(lambda: pane.t == 5.25)  # the middle of s2 (3.5-7 s)
        await pilot.pause()
        assert "clip 2/3" in pane.border_subtitle


async def test_an_enter_that_reaches_the_chat_box_first_waits_for_the_keys_typed_on_the_picture(
    ctl: SessionController,
) -> None:
    """Letters typed on the picture go to the chat box by way of the picture; the focus moves to the
    chat box after the first. An Enter that reaches the chat box directly while letters are still on
    their way sent an empty box, and the letters stayed there unsent (seen in tmux under load)."""
    app = QuietApp(ctl)
    async with app.run_test(size=(80, 24)) as pilot:
        await with_video(app, ctl)
        ws = app.workspace
        sent: list[str] = []
        await pilot.press("ctrl+o")
        await until(lambda: isinstance(app.focused, PreviewPicture))
        picture = app.focused
        original = ws.composer.submit

        def submit() -> None:
            sent.append(ws.composer.text)
            original()

        ws.composer.submit = submit  # type: ignore[method-assign]
        text = "add a caption 'Harbour lights'"
        keys = [events.Key({" ": "space", "'": "apostrophe"}.get(ch, ch), ch) for ch in text]
        picture.post_message(keys[0])  # the first letter moves the focus to the chat box
        await until(lambda: app.focused is ws.composer)
        for key in keys[1:]:  # still on their way by the picture (forwarded before the focus moved)
            picture.post_message(key)
        ws.composer.post_message(events.Key("enter", "\r"))  # the Enter, after the focus moved
        await until(lambda: bool(sent))
        await pilot.pause()
        assert sent[-1] == text and ws.composer.text == ""
